//! The stations the documentation names: the example station in Worms, and the DEV
//! environment's eight virtual charging points.

use chrono::{DateTime, Utc};
use connect_domain::station::{
    Connector, ConnectorFormat, ConnectorStandard, Evse, EvseId, EvseStatus, OpeningTimes,
    Operator, PowerType, Station, StationId,
};
use connect_domain::tariff::PriceGroup;
use connect_domain::zone::{Coordinates, zone_for_country};

use super::DatasetError;
use super::tariffs::Catalogue;

/// How a DEV virtual charging point behaves (Cariqa's environments page, as summarised in
/// the reference).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VirtualChargePoint {
    /// Shared by every partner, sends no progress updates, and may fail as busy: for
    /// simulating busy stations.
    Shared,
    /// Sends up to 10 hard-coded progress messages, then a final charge detail record.
    Progress,
}

/// The eight virtual charging points of the DEV environment, by EVSE id.
pub const VIRTUAL_CHARGE_POINTS: [(&str, VirtualChargePoint); 8] = [
    ("DE*CIQ*EWBNHHLM82TLA*1", VirtualChargePoint::Shared),
    ("IT*PWY*EP0078*01*02", VirtualChargePoint::Shared),
    ("DEQRMEF7GRC21", VirtualChargePoint::Shared),
    ("AT*VIE*E2334770022*2", VirtualChargePoint::Shared),
    ("DE*PWA*EALP22541X01617*01", VirtualChargePoint::Progress),
    ("DE*2GO*EMCD1520*1B*3", VirtualChargePoint::Progress),
    ("DE*EUL*EAUT0002*01", VirtualChargePoint::Progress),
    ("AT*HTB*EOCPI1*1", VirtualChargePoint::Progress),
];

/// Whether an EVSE id is one of the DEV environment's virtual charging points, and which
/// kind.
///
/// # Examples
/// ```
/// use connect_fake::stations::{VirtualChargePoint, virtual_charge_point};
/// assert_eq!(virtual_charge_point("DEQRMEF7GRC21"), Some(VirtualChargePoint::Shared));
/// assert_eq!(virtual_charge_point("AT*HTB*EOCPI1*1"), Some(VirtualChargePoint::Progress));
/// assert_eq!(virtual_charge_point("DE*CIQ*EELDF6XWZU41P*2"), None);
/// ```
pub fn virtual_charge_point(evse_id: &str) -> Option<VirtualChargePoint> {
    VIRTUAL_CHARGE_POINTS
        .iter()
        .find(|(id, _)| *id == evse_id)
        .map(|&(_, kind)| kind)
}

/// The id of the documented example station in Worms.
pub const WORMS_STATION_ID: &str = "DE*CIQ*EELDF6XWZU41P";

/// When the special stations were last updated: the documented session's day.
const SPECIAL_DATE: &str = "2026-04-02T00:00:00Z";

fn special_date() -> DateTime<Utc> {
    SPECIAL_DATE.parse().unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

/// The documented example station: "EVA Charge", Ludwigstraße 9, 67547 Worms, two 22 kW
/// type 2 EVSEs (`…*1`, `…*2`), a partner, 0.4529 € net (0.54 € shown) per kWh, support
/// phone +4971134214480. Its address is written as the documented session shows it.
///
/// # Errors
/// [`DatasetError::Tariff`] if its price group does not parse (a test makes sure it does).
pub fn worms_station() -> Result<Station, DatasetError> {
    let evse_ids = [
        format!("{WORMS_STATION_ID}*1"),
        format!("{WORMS_STATION_ID}*2"),
    ];
    let price_group = PriceGroup::from_value(&serde_json::json!({
        "type": "AC", "power": 22, "evse_ids": evse_ids, "currency": "eur",
        "pre_authorization_amount": "50.00", "is_fallback": false,
        "prices": {
            "kwh_price": {"ALL": [{"time_from": "00:00", "time_to": "00:00", "date_from": "2020-01-01",
                "date_to": null, "gross_price": "0.4529", "user_facing_price": "0.54",
                "grace_period_minutes": null, "tax": 19, "blocking_cap": null}]},
            "time_price": null, "blocking_fee": null, "session_fee": null, "starting_fee": null
        }
    }))
    .map_err(|error| DatasetError::Tariff {
        station: WORMS_STATION_ID.to_owned(),
        message: error.to_string(),
    })?
    .value;
    let coordinates = Coordinates {
        latitude: 49.630_383,
        longitude: 8.368_902,
    };
    Ok({
        let mut station = Station::new(
            StationId::new(WORMS_STATION_ID),
            "EVA Charge",
            coordinates,
            zone_for_country("DE", Some(coordinates)).unwrap_or(chrono_tz::Europe::Berlin),
            special_date(),
        );
        station.address = "Ludwigstraße, 9, 67547, Worms".into();
        station.country = "DE".into();
        station.operator = {
            let mut operator = Operator::new("EVA Charge");
            operator.phone = Some("+4971134214480".to_owned());
            operator
        };
        station.evses = evse_ids
            .iter()
            .map(|id| {
                let mut evse = Evse::new(EvseId::new(id.clone()), EvseStatus::Available);
                evse.connectors = vec![{
                    let mut connector = Connector::new(ConnectorStandard::Iec62196T2);
                    connector.format = Some(ConnectorFormat::Socket);
                    connector.power_type = Some(PowerType::Ac3Phase);
                    connector.power_kw = Some(22.0);
                    connector
                }];
                evse
            })
            .collect();
        station.opening_times = OpeningTimes::always();
        station.amenities = Vec::new();
        station.is_partner = true;
        station.logo_url = Some(
            "https://storage.googleapis.com/cariqa-cpo-logos/evacharge.png?generation=1739874740770603&md5_hash=8dcf9c9d17149760b1c9033218ed1c19&size=11759"
                .to_owned(),
        );
        station.price_groups = vec![price_group];
        station
    })
}

/// Where each virtual charging point is placed (they have no published position): a city of
/// its country, one each.
const PLACES: [(&str, &str, f64, f64); 8] = [
    ("DE", "Pariser Platz, 10117 Berlin", 52.516_275, 13.377_704),
    (
        "IT",
        "Piazza del Duomo, 20122 Milano",
        45.464_203,
        9.189_982,
    ),
    ("DE", "Rathausmarkt, 20095 Hamburg", 53.550_341, 9.992_196),
    ("AT", "Stephansplatz, 1010 Wien", 48.208_49, 16.373_12),
    ("DE", "Marienplatz, 80331 München", 48.137_154, 11.575_382),
    ("DE", "Roncalliplatz, 50667 Köln", 50.941_278, 6.958_281),
    (
        "DE",
        "Römerberg, 60311 Frankfurt am Main",
        50.110_644,
        8.682_092,
    ),
    ("AT", "Hauptplatz, 8010 Graz", 47.070_714, 15.438_28),
];

/// The stations of the eight virtual charging points: one station each (ids `DEV-VCP-1` …
/// `DEV-VCP-8`, in the order of [`VIRTUAL_CHARGE_POINTS`]), always available. Shared ones
/// have one 22 kW type 2 socket and 0.54 €/kWh; progress ones one 50 kW CCS cable and
/// 0.69 €/kWh. The Cariqa one (`DE*CIQ*…`) is a partner; the others are not, and carry
/// Cariqa's starting fee.
///
/// # Errors
/// [`DatasetError::Tariff`] if a price group does not parse (a test makes sure none fails).
pub fn virtual_stations() -> Result<Vec<Station>, DatasetError> {
    let catalogue = Catalogue::bundled()?;
    VIRTUAL_CHARGE_POINTS
        .iter()
        .zip(PLACES)
        .enumerate()
        .map(
            |(n, (&(evse_id, kind), (country, address, latitude, longitude)))| {
                let id = format!("DEV-VCP-{}", n + 1);
                let operator_code = evse_id
                    .split('*')
                    .nth(1)
                    .filter(|_| evse_id.contains('*'))
                    .or_else(|| evse_id.get(2..5))
                    .unwrap_or("XXX");
                let is_partner = operator_code == "CIQ";
                let (template, connector) = match kind {
                    VirtualChargePoint::Shared => ("ac-flat", {
                        let mut connector = Connector::new(ConnectorStandard::Iec62196T2);
                        connector.format = Some(ConnectorFormat::Socket);
                        connector.power_type = Some(PowerType::Ac3Phase);
                        connector.power_kw = Some(22.0);
                        connector
                    }),
                    VirtualChargePoint::Progress => ("dc-flat", {
                        let mut connector = Connector::new(ConnectorStandard::Iec62196T2Combo);
                        connector.format = Some(ConnectorFormat::Cable);
                        connector.power_type = Some(PowerType::Dc);
                        connector.power_kw = Some(50.0);
                        connector
                    }),
                };
                let tariff_error = |message: String| DatasetError::Tariff {
                    station: id.clone(),
                    message,
                };
                let template = catalogue
                    .template(template)
                    .ok_or_else(|| tariff_error(format!("no template {template}")))?;
                let power = connector.power_kw.unwrap_or(0.0);
                let price_group = catalogue
                    .price_group(template, &[evse_id], power, is_partner)
                    .map_err(|error| tariff_error(error.to_string()))?;
                let coordinates = Coordinates {
                    latitude,
                    longitude,
                };
                let kind_name = match kind {
                    VirtualChargePoint::Shared => "shared, no progress",
                    VirtualChargePoint::Progress => "with progress",
                };
                Ok({
                    let mut value = Station::new(
                        StationId::new(id.clone()),
                        format!("Virtual charging point {} ({kind_name})", n + 1),
                        coordinates,
                        zone_for_country(country, Some(coordinates)).map_err(|error| {
                            DatasetError::Zone {
                                station: id.clone(),
                                error,
                            }
                        })?,
                        special_date(),
                    );
                    value.address = address.into();
                    value.country = country.into();
                    value.operator = Operator::new(format!("Virtual CPO {operator_code}"));
                    value.evses = vec![{
                        let mut evse = Evse::new(EvseId::new(evse_id), EvseStatus::Available);
                        evse.connectors = vec![connector];
                        evse
                    }];
                    value.opening_times = OpeningTimes::always();
                    value.amenities = Vec::new();
                    value.is_partner = is_partner;
                    value.price_groups = vec![price_group];
                    value
                })
            },
        )
        .collect()
}
