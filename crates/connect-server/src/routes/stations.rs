//! `/api/v1/stations/…`: around, details, partners and map tiles.

use axum::Json;
use axum::http::Uri;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};

use connect_domain::station::{ConnectorStandard, Speed, StationFilter};
use connect_domain::zone::Coordinates;
use connect_ports::{ApiError, AroundQuery, MapFeature, StationLookup, Stations, TileQuery};
use connect_wire::domain::station_to_wire;
use connect_wire::page::Paginated;
use connect_wire::stations::{PartnerOperator, Station as WireStation};
use connect_wire::tiles::{
    TileCustomProperties, TileFeature, TileGeometry, TilePriceProperties, TileProperties,
    TileResponse,
};
use rust_decimal::Decimal;

use crate::auth::Tenant;
use crate::error::HttpResult;
use crate::page::{BaseUrl, Pairs, envelope};

/// The API's station filters, from the query (the tile's `max_price` and `power_groups` are
/// read on `around` too, as the reference client sends them there). Every value given is
/// kept, empty or outside the API's lists: the sandbox refuses those with a 400 naming the
/// parameter, in process as over HTTP.
fn filter(query: &Pairs) -> Result<StationFilter, ApiError> {
    let max_price = query
        .given("max_price")
        .last()
        .map(|text| number::<Decimal>("max_price", text))
        .transpose()?;
    Ok(StationFilter {
        connector_standards: query
            .given("connector_types")
            .map(ConnectorStandard::parse)
            .collect(),
        only_available: query.flag("only_available")?,
        only_partners: query.flag("only_partners")?,
        operators: query.all("operators").map(str::to_owned).collect(),
        max_price,
        power_groups: query.given("power_groups").map(Speed::parse).collect(),
    })
}

/// A query parameter as a number, or a 400 naming it.
fn number<T: std::str::FromStr>(key: &'static str, text: &str) -> Result<T, ApiError> {
    text.trim()
        .parse()
        .map_err(|_| ApiError::validation(key, format!("{text:?} is not a valid number.")))
}

/// `GET /api/v1/stations/around/?latitude=…&longitude=…&distance=…`.
pub(crate) async fn around(
    Tenant(api): Tenant,
    uri: Uri,
    base: BaseUrl,
) -> HttpResult<Json<Paginated<WireStation>>> {
    let query = Pairs::of(&uri)?;
    let center = Coordinates {
        latitude: number("latitude", query.required("latitude")?)?,
        longitude: number("longitude", query.required("longitude")?)?,
    };
    let distance_m = query
        .given("distance")
        .last()
        .map_or(Ok(100.0), |text| number::<f64>("distance", text))?;
    let around = AroundQuery::new(center, distance_m).with_filter(filter(&query)?);
    // The stations and the tenant's time from one visit to the tenant.
    let (page, now) = api.stations_around_at(&around, query.page().request()?)?;
    Ok(Json(envelope(page, &uri, &base, |station| {
        station_to_wire(&station, now)
    })?))
}

/// `GET /api/v1/stations/details/?id=…&type=station_id|evse_id`.
pub(crate) async fn details(Tenant(api): Tenant, uri: Uri) -> HttpResult<Response> {
    let query = Pairs::of(&uri)?;
    let id = query.required("id")?.to_owned();
    let lookup = match query.required("type")? {
        "station_id" => StationLookup::StationId(id),
        "evse_id" => StationLookup::EvseId(id),
        other => {
            return Err(ApiError::validation(
                "type",
                format!("\"{other}\" is not a valid choice (evse_id, station_id)."),
            )
            .into());
        }
    };
    let (station, now) = api.station_details_at(&lookup)?;
    station_json(&station_to_wire(&station, now))
}

/// A station's JSON, written once into a buffer of a station's usual size (1–3 KiB) instead
/// of one grown step by step from 128 bytes: details are the sandbox's busiest read.
fn station_json(station: &WireStation) -> HttpResult<Response> {
    let mut body = Vec::with_capacity(4096);
    serde_json::to_writer(&mut body, station).map_err(|error| {
        ApiError::new(
            500,
            connect_ports::ErrorKind::Unexpected,
            "Unexpected error",
        )
        .with_details(error.to_string())
    })?;
    Ok(([(CONTENT_TYPE, "application/json")], body).into_response())
}

/// `GET /api/v1/stations/partners/`.
pub(crate) async fn partners(Tenant(api): Tenant) -> HttpResult<Json<Vec<PartnerOperator>>> {
    let partners = api.partners().await?;
    Ok(Json(
        partners
            .into_iter()
            .map(|partner| PartnerOperator {
                name: partner.name,
                logo_url: partner.logo_url,
            })
            .collect(),
    ))
}

/// `GET /api/v1/stations/tile/?x=…&y=…&z=…`: the x and y lists are paired in order.
pub(crate) async fn tile(Tenant(api): Tenant, uri: Uri) -> HttpResult<Json<TileResponse>> {
    let query = Pairs::of(&uri)?;
    let z: u32 = number("z", query.required("z")?)?;
    let numbers = |key: &'static str| -> Result<Vec<u32>, ApiError> {
        let values: Vec<u32> = query
            .all(key)
            .map(|text| number(key, text))
            .collect::<Result<_, _>>()?;
        if values.is_empty() {
            return Err(ApiError::validation(key, "This field is required."));
        }
        Ok(values)
    };
    let (xs, ys) = (numbers("x")?, numbers("y")?);
    if xs.len() != ys.len() {
        return Err(ApiError::validation(
            "y",
            "give as many y values as x values; they are paired in order",
        )
        .into());
    }
    let filter = filter(&query)?;
    let mut features = Vec::new();
    for (x, y) in xs.into_iter().zip(ys) {
        let tile = TileQuery::new(z, x, y).with_filter(filter.clone());
        features.extend(api.map_tile(&tile).await?.iter().filter_map(feature));
    }
    Ok(Json(TileResponse {
        kind: "FeatureCollection".into(),
        features,
    }))
}

/// A map feature as the API's tile JSON: `[lat, lon]` strings with 6 decimals, the
/// summary's speed, status, operator, partner flag and displayed price (a cluster's are its
/// first station's).
fn feature(feature: &MapFeature) -> Option<TileFeature> {
    let (station_id, cluster_id, count, expansion_zoom) = match feature {
        MapFeature::Station { id, .. } => (Some(id.as_str().to_owned()), None, 1, None),
        MapFeature::Cluster {
            id,
            count,
            expansion_zoom,
            ..
        } => (
            None,
            Some(id.clone()),
            *count,
            Some(i64::from(*expansion_zoom)),
        ),
        _ => return None,
    };
    let coordinates = feature.coordinates();
    let summary = feature.summary();
    Some(TileFeature {
        kind: "Feature".into(),
        station_id,
        cluster_id,
        geometry: TileGeometry {
            kind: "Point".into(),
            coordinates: vec![
                format!("{:.6}", coordinates.latitude),
                format!("{:.6}", coordinates.longitude),
            ],
        },
        properties: TileProperties {
            count,
            expansion_zoom,
            speed: summary.speed.clone(),
            status: summary.status.clone(),
            operator_id: summary.operator.clone(),
        },
        custom_properties: summary
            .is_partner
            .map(|is_partner| TileCustomProperties { is_partner }),
        price_properties: summary.price.as_ref().map(|shown| TilePriceProperties {
            price: shown.price.to_string(),
            kind: shown.kind.clone(),
            currency: shown.currency.code().to_owned(),
        }),
    })
}
