//! The bundled station file (`data/stations.tsv`, made by `cargo xtask stations` from the
//! Bundesnetzagentur's register) and the stations made of it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use connect_domain::station::{
    Amenity, Connector, ConnectorFormat, ConnectorStandard, Evse, EvseId, EvseStatus, OpeningDay,
    OpeningTimes, Operator, PowerType, RegularHours, Station, StationId,
};
use connect_domain::tariff::PriceGroup;
use connect_domain::zone::{Coordinates, Tz, zone_for_country};

use super::DatasetError;
use super::seed::Draw;
use super::tariffs::{Catalogue, Current, Template};

/// The station file, compiled in.
pub(super) const STATIONS_TSV: &str = include_str!("../../data/stations.tsv");

/// When the register extract was published: every register station's `last_updated`.
const REGISTER_DATE: &str = "2019-07-19T00:00:00Z";

/// One charging device of the file.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Device {
    pub(super) id: String,
    pub(super) operator_code: String,
    pub(super) operator: String,
    pub(super) street: String,
    pub(super) postcode: String,
    pub(super) city: String,
    pub(super) coordinates: Coordinates,
    /// Per charge point: plug codes and power, kW.
    pub(super) charge_points: Vec<(Vec<String>, f64)>,
}

/// Reads the station file.
///
/// # Errors
/// [`DatasetError::Malformed`] naming the line of the first problem.
pub(super) fn parse(text: &str) -> Result<Vec<Device>, DatasetError> {
    let mut operators: HashMap<&str, &str> = HashMap::new();
    let mut devices: Vec<Device> = Vec::new();
    let mut previous: [&str; 5] = [""; 5];
    for (number, line) in text.lines().enumerate() {
        let line_number = number + 1;
        let fail = |message: String| DatasetError::Malformed {
            line: line_number,
            message,
        };
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        match cells.as_slice() {
            ["O", code, name] => {
                operators.insert(code, name);
            }
            ["S", id, rest @ ..] if rest.len() == 6 => {
                // Street, postcode, city, latitude, longitude: empty repeats the line above.
                let mut fields = [""; 5];
                for (i, field) in fields.iter_mut().enumerate() {
                    *field = if rest[i].is_empty() {
                        previous[i]
                    } else {
                        rest[i]
                    };
                    if field.is_empty() {
                        return Err(fail(format!("station {id}: cell {} is empty", i + 3)));
                    }
                }
                previous = fields;
                let code = id
                    .strip_prefix("DE*")
                    .and_then(|rest| rest.split('*').next())
                    .ok_or_else(|| fail(format!("station id {id:?} is not DE*<code>*E<n>")))?;
                let operator = operators
                    .get(code)
                    .ok_or_else(|| fail(format!("operator code {code} has no O line")))?;
                let number = |text: &str, what: &str| {
                    text.parse::<f64>()
                        .ok()
                        .filter(|value| value.is_finite())
                        .ok_or_else(|| fail(format!("{what} {text:?} is not a number")))
                };
                devices.push(Device {
                    id: (*id).to_owned(),
                    operator_code: code.to_owned(),
                    operator: (*operator).to_owned(),
                    street: fields[0].to_owned(),
                    postcode: fields[1].to_owned(),
                    city: fields[2].to_owned(),
                    coordinates: Coordinates {
                        latitude: number(fields[3], "latitude")?,
                        longitude: number(fields[4], "longitude")?,
                    },
                    charge_points: charge_points(rest[5]).map_err(fail)?,
                });
            }
            _ => return Err(fail(format!("not an O or S line: {line:?}"))),
        }
    }
    Ok(devices)
}

/// `T2+SCH@22x2 CCS@50` → `[([T2, SCH], 22), ([T2, SCH], 22), ([CCS], 50)]`.
fn charge_points(cell: &str) -> Result<Vec<(Vec<String>, f64)>, String> {
    let mut out = Vec::new();
    for item in cell.split(' ') {
        let (plugs, power) = item
            .rsplit_once('@')
            .ok_or_else(|| format!("charge point {item:?} has no @power"))?;
        let (power, repeat) = power.split_once('x').unwrap_or((power, "1"));
        let power: f64 = power
            .parse()
            .ok()
            .filter(|p: &f64| p.is_finite() && *p >= 0.0)
            .ok_or_else(|| format!("charge point {item:?}: bad power"))?;
        let repeat: usize = repeat
            .parse()
            .ok()
            .filter(|&n| (1..=4).contains(&n))
            .ok_or_else(|| format!("charge point {item:?}: bad repeat"))?;
        let plugs: Vec<String> = plugs.split('+').map(unescape).collect();
        for _ in 0..repeat {
            out.push((plugs.clone(), power));
        }
    }
    Ok(out)
}

/// Undoes the file's percent-escapes (only in unknown plug texts).
fn unescape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The connector a plug code of the file stands for, at a charge point of `power` kW.
///
/// A plug cannot deliver more than its standard allows, whatever the charge point's total:
/// Schuko and CEE blue 3.7 kW, type 1 7.4 kW, type 2 (AC) 43 kW, CEE red 44 kW. AC power
/// above 7.4 kW is three-phase (a single phase at 32 A gives at most 7.4 kW). `CEE5` (red,
/// five pins) is `IEC_60309_2_three_16`, `_32` or `_64` by power. An unknown code (`?raw`)
/// keeps the register's text as [`ConnectorStandard::Unknown`].
pub(super) fn connector(code: &str, power: f64) -> Connector {
    let ac = |standard, format, cap: f64| {
        let power_kw = power.min(cap);
        {
            let mut connector = Connector::new(standard);
            connector.format = Some(format);
            connector.power_type = Some(if power_kw > 7.4 {
                PowerType::Ac3Phase
            } else {
                PowerType::Ac1Phase
            });
            connector.power_kw = Some(power_kw);
            connector
        }
    };
    let dc = |standard| {
        let mut connector = Connector::new(standard);
        connector.format = Some(ConnectorFormat::Cable);
        connector.power_type = Some(PowerType::Dc);
        connector.power_kw = Some(power);
        connector
    };
    match code {
        "T2" => ac(ConnectorStandard::Iec62196T2, ConnectorFormat::Socket, 43.0),
        "T2K" => ac(ConnectorStandard::Iec62196T2, ConnectorFormat::Cable, 43.0),
        "T1" => ac(ConnectorStandard::Iec62196T1, ConnectorFormat::Socket, 7.4),
        "T1K" => ac(ConnectorStandard::Iec62196T1, ConnectorFormat::Cable, 7.4),
        "SCH" => ac(ConnectorStandard::DomesticF, ConnectorFormat::Socket, 3.7),
        "CEE3" => ac(
            ConnectorStandard::Iec603092Single16,
            ConnectorFormat::Socket,
            3.7,
        ),
        "CEE5" => {
            let standard = if power <= 11.1 {
                ConnectorStandard::Iec603092Three16
            } else if power <= 22.2 {
                ConnectorStandard::Iec603092Three32
            } else {
                ConnectorStandard::Iec603092Three64
            };
            ac(standard, ConnectorFormat::Socket, 44.0)
        }
        "CCS" => dc(ConnectorStandard::Iec62196T2Combo),
        "CHA" => dc(ConnectorStandard::Chademo),
        other => {
            let mut connector = Connector::new(ConnectorStandard::Unknown(
                other.strip_prefix('?').unwrap_or(other).to_owned(),
            ));
            connector.power_kw = Some(power);
            connector
        }
    }
}

/// The operators that run supermarkets and shops: their stations keep shop hours.
const SHOPS: &[&str] = &[
    "ALDI",
    "LIDL",
    "KAUFLAND",
    "REWE",
    "EDEKA",
    "NETTO",
    "PENNY",
    "IKEA",
    "GLOBUS",
    "MARKTKAUF",
];

/// Everything a seed decides about a register station.
pub(super) struct Choices {
    pub(super) is_partner: HashMap<String, bool>,
}

impl Choices {
    /// Which operators are partners: about one in five, by operator name.
    pub(super) fn new(seed: u64, devices: &[Device]) -> Self {
        let is_partner = devices
            .iter()
            .map(|device| {
                let partner = Draw::new(seed, &format!("partner:{}", device.operator)).unit() < 0.2;
                (device.operator.clone(), partner)
            })
            .collect();
        Self { is_partner }
    }
}

/// The station of a register device, with what the seed decides: EVSE statuses (80 %
/// available, 12 % charging, 4 % out of order, 3 % unknown, 1 % blocked), opening times
/// (shop hours at supermarkets, 8 % business hours, the rest around the clock), amenities
/// (from the address and operator, else a few at random), tariffs (one template of
/// `data/tariffs.json` per station and current, 4 % Cariqa's fallback prices; a price group
/// per current and EVSE power; Cariqa's starting fee at non-partners).
pub(super) fn station(
    seed: u64,
    device: &Device,
    choices: &Choices,
    catalogue: &Catalogue,
) -> Result<Station, DatasetError> {
    let is_partner = choices
        .is_partner
        .get(&device.operator)
        .copied()
        .unwrap_or(false);
    let evses: Vec<Evse> = device
        .charge_points
        .iter()
        .enumerate()
        .map(|(n, (plugs, power))| {
            let evse_id = format!("{}*{}", device.id, n + 1);
            let status = status(&mut Draw::new(seed, &format!("status:{evse_id}")));
            {
                let mut evse = Evse::new(EvseId::new(evse_id), status);
                evse.connectors = plugs.iter().map(|plug| connector(plug, *power)).collect();
                evse
            }
        })
        .collect();
    let mut draw = Draw::new(seed, &device.id);
    let shop = is_shop(&device.operator);
    let price_groups = price_groups(&mut draw, catalogue, &evses, is_partner).map_err(|error| {
        DatasetError::Tariff {
            station: device.id.clone(),
            message: error.to_string(),
        }
    })?;
    Ok({
        let mut station = Station::new(
            StationId::new(device.id.clone()),
            format!("{}, {}", device.operator, device.street),
            device.coordinates,
            german_zone(device.coordinates),
            register_date(),
        );
        station.address = format!("{}, {} {}", device.street, device.postcode, device.city);
        station.country = "DE".into();
        station.operator = Operator::new(device.operator.clone());
        station.evses = evses;
        station.opening_times = opening_times(&mut draw, shop);
        station.amenities = amenities(&mut draw, device, shop);
        station.is_partner = is_partner;
        station.logo_url = is_partner.then(|| {
            format!(
                "https://logos.sandbox.invalid/{}.png",
                device.operator_code.to_lowercase()
            )
        });
        station.price_groups = price_groups;
        station
    })
}

pub(super) fn register_date() -> DateTime<Utc> {
    REGISTER_DATE.parse().unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

/// The zone of a German station: from its coordinates (Büsingen keeps its own zone); a
/// register position outside Germany's box (one row has its longitude off by 3°) falls back
/// to the country's zone, which every German region shares.
fn german_zone(coordinates: Coordinates) -> Tz {
    zone_for_country("DE", Some(coordinates))
        .or_else(|_| zone_for_country("DE", None))
        .unwrap_or(Tz::Europe__Berlin)
}

fn status(draw: &mut Draw) -> EvseStatus {
    match draw.unit() {
        x if x < 0.80 => EvseStatus::Available,
        x if x < 0.92 => EvseStatus::Charging,
        x if x < 0.96 => EvseStatus::OutOfOrder,
        x if x < 0.99 => EvseStatus::StatusUnknown,
        _ => EvseStatus::Blocked,
    }
}

fn is_shop(operator: &str) -> bool {
    let upper = operator.to_uppercase();
    SHOPS.iter().any(|shop| {
        upper
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word == *shop)
    })
}

fn opening_times(draw: &mut Draw, shop: bool) -> OpeningTimes {
    const WORKDAYS: [OpeningDay; 5] = [
        OpeningDay::Monday,
        OpeningDay::Tuesday,
        OpeningDay::Wednesday,
        OpeningDay::Thursday,
        OpeningDay::Friday,
    ];
    let business = draw.unit() < 0.08;
    if shop {
        let mut hours: Vec<RegularHours> = WORKDAYS
            .iter()
            .map(|day| RegularHours::new(day.clone(), "07:00", "21:00"))
            .collect();
        hours.push(RegularHours::new(OpeningDay::Saturday, "07:00", "21:00"));
        OpeningTimes::new(false, hours)
    } else if business {
        let mut hours: Vec<RegularHours> = WORKDAYS
            .iter()
            .map(|day| RegularHours::new(day.clone(), "06:00", "22:00"))
            .collect();
        hours.push(RegularHours::new(OpeningDay::Saturday, "08:00", "20:00"));
        OpeningTimes::new(false, hours)
    } else {
        OpeningTimes::always()
    }
}

fn amenities(draw: &mut Draw, device: &Device, shop: bool) -> Vec<Amenity> {
    let text = format!("{} {}", device.operator, device.street).to_lowercase();
    let has = |words: &[&str]| words.iter().any(|word| text.contains(word));
    let mut out = Vec::new();
    if shop {
        out.push(Amenity::Supermarket);
    }
    if has(&["raststätte", "rastanlage", "autohof", "bab ", "tank"]) {
        out.extend([Amenity::Restaurant, Amenity::FuelStation]);
    }
    if has(&["hotel"]) {
        out.push(Amenity::Hotel);
    }
    if has(&["bahnhof", "hbf"]) {
        out.push(Amenity::TrainStation);
    }
    if has(&["flughafen", "airport"]) {
        out.push(Amenity::Airport);
    }
    if out.is_empty() && draw.unit() < 0.3 {
        const SOME: [Amenity; 6] = [
            Amenity::Cafe,
            Amenity::Restaurant,
            Amenity::Mall,
            Amenity::Wifi,
            Amenity::BusStop,
            Amenity::RecreationArea,
        ];
        let first = draw.below(SOME.len());
        out.push(SOME[first].clone());
        if draw.unit() < 0.3 {
            let second = SOME[draw.below(SOME.len())].clone();
            if second != out[0] {
                out.push(second);
            }
        }
    }
    out
}

/// One price group per current (AC, DC) and EVSE power, all of a current on one template.
pub(super) fn price_groups(
    draw: &mut Draw,
    catalogue: &Catalogue,
    evses: &[Evse],
    is_partner: bool,
) -> Result<Vec<PriceGroup>, connect_domain::tariff::TariffError> {
    let fallback = draw.unit() < 0.04;
    let mut pick = |current| -> Option<&Template> {
        let choices = catalogue.templates(current, fallback);
        (!choices.is_empty()).then(|| choices[draw.below(choices.len())])
    };
    let (ac, dc) = (pick(Current::Ac), pick(Current::Dc));
    // (current, power) → EVSE ids, in EVSE order.
    let mut groups: Vec<(Current, f64, Vec<&str>)> = Vec::new();
    for evse in evses {
        let current = if evse.is_dc() {
            Current::Dc
        } else {
            Current::Ac
        };
        let power = evse.max_power_kw().unwrap_or(0.0);
        match groups
            .iter_mut()
            .find(|(c, p, _)| *c == current && p.total_cmp(&power).is_eq())
        {
            Some((_, _, ids)) => ids.push(evse.evse_id.as_str()),
            None => groups.push((current, power, vec![evse.evse_id.as_str()])),
        }
    }
    groups
        .into_iter()
        .filter_map(|(current, power, ids)| {
            let template = match current {
                Current::Ac => ac,
                Current::Dc => dc,
            }?;
            Some(catalogue.price_group(template, &ids, power, is_partner))
        })
        .collect()
}
