//! A location's EVSEs and connectors, with the sanity checks on their values: statuses,
//! standards, formats and power types outside the API's lists mapped or dropped, and a
//! `max_electric_power` out of any plausible range replaced by voltage × amperage.

use connect_domain::json_path::join;
use connect_domain::station::{
    Connector, ConnectorFormat, ConnectorStandard, Evse, EvseId, EvseStatus, PowerType,
};
use serde_json::{Map, Value};

use super::error::{OcpiError, OcpiWarningKind, PowerBasis};
use super::location::LocationReader;
use super::read::{number, object, optional_text, wrong};

/// The plausible power of one connector, kW: below, a feed gave kW where OCPI says W (22
/// for 22 kW reads as 0.022 kW); above, no connector delivers it.
const PLAUSIBLE_KW: std::ops::RangeInclusive<f64> = 1.0..=1_000.0;

impl LocationReader {
    /// The EVSEs of a location, and per EVSE the tariff ids of its connectors.
    pub(super) fn evses(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        location_id: &str,
    ) -> Result<(Vec<Evse>, Vec<Vec<String>>), OcpiError> {
        let list = match map.get("evses") {
            None | Some(Value::Null) => return Ok((Vec::new(), Vec::new())),
            Some(Value::Array(list)) => list,
            Some(other) => return Err(wrong(&join(path, "evses"), "an array", other)),
        };
        let mut evses = Vec::with_capacity(list.len());
        let mut tariffs = Vec::with_capacity(list.len());
        for (i, evse) in list.iter().enumerate() {
            let evse_path = format!("{}[{i}]", join(path, "evses"));
            let (evse, tariff_ids) = self.evse(&evse_path, evse, location_id, i)?;
            evses.push(evse);
            tariffs.push(tariff_ids);
        }
        Ok((evses, tariffs))
    }

    /// An EVSE: its id is `evse_id`, else `uid` (OCPI requires `uid`; one missing is
    /// derived from `evse_id`, which is all the station model keeps), else
    /// `<location id>*<position>`.
    fn evse(
        &mut self,
        path: &str,
        value: &Value,
        location_id: &str,
        position: usize,
    ) -> Result<(Evse, Vec<String>), OcpiError> {
        let map = object(path, value)?;
        let id = if let Some(id) = optional_text(path, map, "evse_id")? {
            id
        } else if let Some(uid) = optional_text(path, map, "uid")? {
            self.warn(
                &join(path, "evse_id"),
                OcpiWarningKind::EvseIdFromUid { uid: uid.clone() },
            );
            uid
        } else {
            let evse_id = format!("{location_id}*{}", position + 1);
            self.warn(
                &join(path, "evse_id"),
                OcpiWarningKind::EvseIdFromPosition {
                    evse_id: evse_id.clone(),
                },
            );
            evse_id
        };
        let status = self.status(path, map)?;
        let mut connectors = Vec::new();
        let mut tariff_ids: Vec<String> = Vec::new();
        match map.get("connectors") {
            None | Some(Value::Null) => {}
            Some(Value::Array(list)) => {
                for (i, connector) in list.iter().enumerate() {
                    let connector_path = format!("{}[{i}]", join(path, "connectors"));
                    let (connector, ids) = self.connector(&connector_path, connector)?;
                    connectors.extend(connector);
                    for id in ids {
                        if !tariff_ids.contains(&id) {
                            tariff_ids.push(id);
                        }
                    }
                }
            }
            Some(other) => return Err(wrong(&join(path, "connectors"), "an array", other)),
        }
        let mut evse = Evse::new(EvseId::new(id), status);
        evse.connectors = connectors;
        Ok((evse, tariff_ids))
    }

    /// The status ignoring case and spaces (`"CHARGING "`); missing or outside the API's
    /// list: `UNKNOWN`, with a warning.
    fn status(&mut self, path: &str, map: &Map<String, Value>) -> Result<EvseStatus, OcpiError> {
        let Some(text) = optional_text(path, map, "status")? else {
            self.warn(
                &join(path, "status"),
                OcpiWarningKind::MissingValue { field: "status" },
            );
            return Ok(EvseStatus::StatusUnknown);
        };
        let status = EvseStatus::parse_lenient(&text);
        if status.is_known() {
            return Ok(status);
        }
        self.warn(
            &join(path, "status"),
            OcpiWarningKind::ValueMapped {
                field: "status",
                value: text,
                to: EvseStatus::StatusUnknown.as_str().to_owned(),
            },
        );
        Ok(EvseStatus::StatusUnknown)
    }

    /// A connector (`None`, dropped with a warning, when its standard is missing or maps to
    /// none of the API's list), and its tariff ids (2.2 `tariff_ids`, 2.1.1 `tariff_id`).
    fn connector(
        &mut self,
        path: &str,
        value: &Value,
    ) -> Result<(Option<Connector>, Vec<String>), OcpiError> {
        let map = object(path, value)?;
        let tariff_ids = tariff_ids(path, map)?;
        let standard_path = join(path, "standard");
        let Some(text) = optional_text(path, map, "standard")? else {
            self.drop_value(&standard_path, "standard", "");
            return Ok((None, tariff_ids));
        };
        let standard = match ConnectorStandard::parse_lenient(&text) {
            known if known.is_known() => known,
            _ => {
                if let Some(standard) = standard_alias(&text) {
                    self.warn(
                        &standard_path,
                        OcpiWarningKind::ValueMapped {
                            field: "standard",
                            value: text,
                            to: standard.as_str().to_owned(),
                        },
                    );
                    standard
                } else {
                    self.drop_value(&standard_path, "standard", &text);
                    return Ok((None, tariff_ids));
                }
            }
        };
        let format = self.known_or_dropped(path, map, "format", ConnectorFormat::parse_lenient)?;
        let power_type =
            self.known_or_dropped(path, map, "power_type", PowerType::parse_lenient)?;
        let power_kw = self.power(path, map, power_type.as_ref())?;
        let mut connector = Connector::new(standard);
        connector.format = format;
        connector.power_type = power_type;
        connector.power_kw = power_kw;
        Ok((Some(connector), tariff_ids))
    }

    /// An optional enum field: absent or `null` is `None`; a value outside the API's list is
    /// dropped, with a warning.
    fn known_or_dropped<T: KnownValue>(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        field: &'static str,
        parse: fn(&str) -> T,
    ) -> Result<Option<T>, OcpiError> {
        let Some(text) = optional_text(path, map, field)? else {
            return Ok(None);
        };
        let value = parse(&text);
        if value.known() {
            Ok(Some(value))
        } else {
            self.drop_value(&join(path, field), field, &text);
            Ok(None)
        }
    }

    /// The connector's power, kW: `max_electric_power` (W) when plausible; else voltage ×
    /// amperage (`max_voltage` × `max_amperage` in 2.2, `voltage` × `amperage` in 2.1.1, × 3
    /// for `AC_3_PHASE`) when that is; else the value read as kW when that is; else unknown.
    /// Each replacement is a warning.
    fn power(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        power_type: Option<&PowerType>,
    ) -> Result<Option<f64>, OcpiError> {
        let watts = number(path, map, "max_electric_power")?;
        let voltage = match number(path, map, "max_voltage")? {
            Some(volts) => Some(volts),
            None => number(path, map, "voltage")?,
        };
        let amperage = match number(path, map, "max_amperage")? {
            Some(amps) => Some(amps),
            None => number(path, map, "amperage")?,
        };
        let phases = if power_type == Some(&PowerType::Ac3Phase) {
            3.0
        } else {
            1.0
        };
        let from_volts_amps = match (voltage, amperage) {
            (Some(volts), Some(amps)) => Some((volts * amps * phases).round() / 1000.0),
            _ => None,
        };
        let Some(watts) = watts else {
            return Ok(from_volts_amps);
        };
        if PLAUSIBLE_KW.contains(&(watts / 1000.0)) {
            return Ok(Some(watts / 1000.0));
        }
        let (used_kw, basis) =
            if let Some(kw) = from_volts_amps.filter(|kw| PLAUSIBLE_KW.contains(kw)) {
                (Some(kw), PowerBasis::VoltageTimesAmperage)
            } else if PLAUSIBLE_KW.contains(&watts) {
                (Some(watts), PowerBasis::ReadAsKilowatts)
            } else {
                (None, PowerBasis::Unknown)
            };
        self.warn(
            &join(path, "max_electric_power"),
            OcpiWarningKind::ImplausiblePower {
                given: watts,
                used_kw,
                basis,
            },
        );
        Ok(used_kw)
    }
}

/// The standard a common non-OCPI name stands for (`"Type 2 outlet"`, `"CCS"`, `"Schuko"`).
fn standard_alias(text: &str) -> Option<ConnectorStandard> {
    let key: String = text
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|word| key.contains(word));
    Some(if has(&["ccs1", "combo1", "type1combo"]) {
        ConnectorStandard::Iec62196T1Combo
    } else if has(&["ccs", "combo"]) {
        ConnectorStandard::Iec62196T2Combo
    } else if has(&["type2", "mennekes"]) || key == "t2" {
        ConnectorStandard::Iec62196T2
    } else if has(&["type1", "j1772"]) || key == "t1" {
        ConnectorStandard::Iec62196T1
    } else if has(&["chademo"]) {
        ConnectorStandard::Chademo
    } else if has(&["schuko"]) {
        ConnectorStandard::DomesticF
    } else {
        return None;
    })
}

/// A connector's tariff ids: 2.2 `tariff_ids` (a list), 2.1.1 `tariff_id` (one).
fn tariff_ids(path: &str, map: &Map<String, Value>) -> Result<Vec<String>, OcpiError> {
    let mut ids = Vec::new();
    match map.get("tariff_ids") {
        None | Some(Value::Null) => {}
        Some(Value::Array(list)) => {
            for (i, item) in list.iter().enumerate() {
                match item {
                    Value::String(id) => ids.push(id.clone()),
                    other => {
                        return Err(wrong(
                            &format!("{}[{i}]", join(path, "tariff_ids")),
                            "a string",
                            other,
                        ));
                    }
                }
            }
        }
        Some(other) => return Err(wrong(&join(path, "tariff_ids"), "an array", other)),
    }
    if let Some(id) = optional_text(path, map, "tariff_id")? {
        ids.push(id);
    }
    Ok(ids)
}

/// Enums whose values may be unknown.
trait KnownValue {
    fn known(&self) -> bool;
}

impl KnownValue for ConnectorFormat {
    fn known(&self) -> bool {
        self.is_known()
    }
}

impl KnownValue for PowerType {
    fn known(&self) -> bool {
        self.is_known()
    }
}
