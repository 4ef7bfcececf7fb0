//! Map tiles (`GET /api/v1/stations/tile/?x=…&y=…&z=…`): stations and clusters of stations
//! in one slippy-map tile, as a GeoJSON-like feature collection.

use serde::{Deserialize, Serialize};

use connect_domain::money::Currency;
use connect_domain::station::{
    Speed, StationPrice, StationPriceKind, StationStatus, StationSummary,
};
use connect_domain::zone::Coordinates;

use crate::domain::ConversionError;

/// What a tile feature's display price is (schema `TilesPricePropertiesTypeEnum`): the
/// domain's [`StationPriceKind`].
pub type TilePriceType = StationPriceKind;

/// The answer of the tile endpoint (schema `ConnectAPITileResponse`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TileResponse {
    /// Always `"FeatureCollection"` (the default when absent).
    #[serde(rename = "type", default = "feature_collection")]
    pub kind: String,
    /// The stations and clusters in the tile.
    pub features: Vec<TileFeature>,
}

fn feature_collection() -> String {
    "FeatureCollection".to_owned()
}

/// One station or cluster of stations on a tile (schema `TilesFeatureCollection`, which,
/// despite its name, is one feature).
///
/// Optional properties are left out when `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TileFeature {
    /// Always `"Feature"` (the default when absent).
    #[serde(rename = "type", default = "feature")]
    pub kind: String,
    /// The station, for a single-station feature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub station_id: Option<String>,
    /// The cluster, for a feature that stands for several stations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    /// Where to draw the feature.
    pub geometry: TileGeometry,
    /// Count, speed, status and operator.
    pub properties: TileProperties,
    /// Partner flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_properties: Option<TileCustomProperties>,
    /// The price to display.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_properties: Option<TilePriceProperties>,
}

fn feature() -> String {
    "Feature".to_owned()
}

impl TileFeature {
    /// Whether the feature stands for several stations (`count` above 1).
    pub fn is_cluster(&self) -> bool {
        self.properties.count > 1
    }

    /// Where the feature is, from its `[latitude, longitude]` strings.
    ///
    /// # Errors
    /// [`ConversionError`] on `geometry.coordinates` when they are not two decimal numbers
    /// within range.
    ///
    /// # Examples
    /// ```
    /// use connect_wire::tiles::TileFeature;
    /// let feature: TileFeature = serde_json::from_str(r#"{"geometry": {"coordinates": ["49.630383", "8.368902"]},
    ///     "properties": {"count": 1}}"#)?;
    /// assert_eq!(feature.coordinates()?.longitude, 8.368902);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn coordinates(&self) -> Result<Coordinates, ConversionError> {
        let bad = || ConversionError {
            field: "geometry.coordinates",
            message: format!(
                "{:?} is not a [latitude, longitude] pair of decimal numbers",
                self.geometry.coordinates
            ),
        };
        let [latitude, longitude] = self.geometry.coordinates.as_slice() else {
            return Err(bad());
        };
        let number = |text: &str| text.trim().parse::<f64>().ok().filter(|n| n.is_finite());
        match (number(latitude), number(longitude)) {
            (Some(latitude), Some(longitude))
                if (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude) =>
            {
                Ok(Coordinates {
                    latitude,
                    longitude,
                })
            }
            _ => Err(bad()),
        }
    }

    /// What the feature says about its station (for a cluster: its first station): speed,
    /// status, operator, partner flag and displayed price, each as far as the tile gives
    /// it.
    ///
    /// # Errors
    /// [`ConversionError`] on `price_properties.price` when it is not a decimal number, or
    /// `price_properties.currency` when it is not a currency code.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::station::{Speed, StationPriceKind, StationStatus};
    /// use connect_wire::tiles::TileFeature;
    /// let feature: TileFeature = serde_json::from_str(r#"{"type": "Feature",
    ///     "station_id": "DE*CIQ*EELDF6XWZU41P",
    ///     "geometry": {"type": "Point", "coordinates": ["49.630383", "8.368902"]},
    ///     "properties": {"count": 1, "speed": "slow", "status": "free", "operator_id": "EVA Charge"},
    ///     "custom_properties": {"is_partner": true},
    ///     "price_properties": {"price": "0.54", "type": "charging_price", "currency": "eur"}}"#)?;
    /// let summary = feature.summary()?;
    /// assert_eq!((summary.speed, summary.status), (Some(Speed::Slow), Some(StationStatus::Free)));
    /// assert_eq!(summary.is_partner, Some(true));
    /// let price = summary.price.unwrap();
    /// assert_eq!((price.price.to_string().as_str(), price.kind), ("0.54", StationPriceKind::ChargingPrice));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn summary(&self) -> Result<StationSummary, ConversionError> {
        let price = self
            .price_properties
            .as_ref()
            .map(|shown| {
                let price = shown.amount().ok_or_else(|| ConversionError {
                    field: "price_properties.price",
                    message: format!("{:?} is not a decimal number", shown.price),
                })?;
                let currency =
                    Currency::parse(&shown.currency).map_err(|error| ConversionError {
                        field: "price_properties.currency",
                        message: error.to_string(),
                    })?;
                Ok(StationPrice {
                    price,
                    kind: shown.kind.clone(),
                    currency,
                })
            })
            .transpose()?;
        Ok({
            let mut summary = StationSummary::default();
            summary.speed.clone_from(&self.properties.speed);
            summary.status.clone_from(&self.properties.status);
            summary.operator.clone_from(&self.properties.operator_id);
            summary.is_partner = self
                .custom_properties
                .as_ref()
                .map(|properties| properties.is_partner);
            summary.price = price;
            summary
        })
    }
}

/// A feature's position (schema `TilesGeometryPoint`).
///
/// Unlike GeoJSON, `coordinates` are **`[latitude, longitude]`**, as decimal strings.
///
/// # Examples
/// ```
/// use connect_wire::tiles::TileGeometry;
/// let point: TileGeometry = serde_json::from_str(
///     r#"{"type": "Point", "coordinates": ["52.5176", "13.4166"]}"#,
/// )?;
/// assert_eq!(point.latitude(), Some("52.5176"));
/// assert_eq!(point.longitude(), Some("13.4166"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TileGeometry {
    /// Always `"Point"` (the default when absent).
    #[serde(rename = "type", default = "point")]
    pub kind: String,
    /// `[latitude, longitude]` as decimal strings.
    pub coordinates: Vec<String>,
}

fn point() -> String {
    "Point".to_owned()
}

impl TileGeometry {
    /// The first coordinate: the latitude.
    pub fn latitude(&self) -> Option<&str> {
        self.coordinates.first().map(String::as_str)
    }

    /// The second coordinate: the longitude.
    pub fn longitude(&self) -> Option<&str> {
        self.coordinates.get(1).map(String::as_str)
    }
}

/// What a feature stands for (schema `TilesProperty`). For a cluster, `speed` and `status`
/// probably describe its first station.
///
/// Optional properties are left out when `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TileProperties {
    /// Number of stations: 1 for a station, more for a cluster. Required by the document;
    /// Cariqa's reference client treats a missing count as one station, and so does this
    /// type (it is then written as `1`).
    #[serde(default = "one")]
    pub count: u64,
    /// Zoom level at which a cluster splits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expansion_zoom: Option<i64>,
    /// Speed class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed: Option<Speed>,
    /// Station status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<StationStatus>,
    /// The operator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator_id: Option<String>,
}

fn one() -> u64 {
    1
}

/// A feature's partner flag (schema `TilesCustomProperties`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TileCustomProperties {
    /// Whether the station's operator is a Cariqa partner.
    pub is_partner: bool,
}

/// The price a map shows for a feature (schema `TilesPriceProperties`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TilePriceProperties {
    /// The price as sent: a display value whose format the document does not fix, so it
    /// stays text; see [`TilePriceProperties::amount`].
    pub price: String,
    /// Per kWh or per unit of time.
    #[serde(rename = "type")]
    pub kind: TilePriceType,
    /// Currency code.
    pub currency: String,
}

impl TilePriceProperties {
    /// The price as a decimal, when it is one (`"0.54"`).
    pub fn amount(&self) -> Option<rust_decimal::Decimal> {
        self.price.trim().parse().ok()
    }
}
