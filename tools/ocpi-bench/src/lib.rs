//! The requests of `cargo xtask estimate-requests`, each as our engine prices it (the price
//! group's JSON text and the charging plan) and as `ocpi-tariffs` does (an OCPI 2.2.1 tariff
//! and CDR), for `benches/versus_ocpi_tariffs.rs`.
//!
//! The conversion keeps the work comparable, not every rule equal: each band becomes one
//! tariff element (weekday keys before `ALL`, so OCPI's first match picks the weekday's
//! band, as our day keys do), `blocking_fee` becomes `PARKING_TIME` without its grace
//! period and cap (OCPI has neither), and the session and starting fees one `FLAT` price
//! (OCPI bills one flat price per session). The CDR has a period every 15 minutes, as many
//! CPOs send them: charging at constant power, then parking until plug-out.

use std::fmt::Write as _;

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use chrono_tz::Tz;
use connect_domain::charging::{ChargingPlan, Session};
use connect_domain::tariff::{ComponentKind, DayKey, PriceGroup};
use rust_decimal::Decimal;
use serde_json::Value;

/// One request, in both engines' terms.
pub struct Case {
    /// The price group, as the request carries it (JSON text).
    pub group_json: String,
    /// The station's zone.
    pub zone: Tz,
    /// Plug-in.
    pub start: DateTime<Utc>,
    /// Constant power until the energy is delivered, then parked until plug-out.
    pub plan: ChargingPlan,
    /// The price group as an OCPI 2.2.1 tariff (JSON text).
    pub tariff_json: String,
    /// The session as an OCPI 2.2.1 CDR (JSON text).
    pub cdr_json: String,
}

/// Minutes per CDR period.
const PERIOD_MINUTES: i64 = 15;

/// Reads one request line of `cargo xtask estimate-requests`.
///
/// # Errors
/// A line that is not such a request, or whose price group does not read.
pub fn case(line: &str) -> Result<Case, String> {
    let request: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let text = |field: &str| {
        request[field]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("no {field}"))
    };
    let decimal = |field: &str| -> Result<Decimal, String> {
        text(field)?.parse().map_err(|e| format!("{field}: {e}"))
    };
    let instant = |field: &str| -> Result<DateTime<Utc>, String> {
        text(field)?.parse().map_err(|e| format!("{field}: {e}"))
    };
    let zone: Tz = text("time_zone")?.parse().map_err(|e| format!("{e:?}"))?;
    let start = instant("start")?;
    let plan = ChargingPlan::ConstantPower {
        energy_kwh: decimal("energy_kwh")?,
        power_kw: decimal("power_kw")?,
        plug_out: Some(instant("plug_out")?),
    };
    let group_json = request["price_group"].to_string();
    let group = PriceGroup::from_json(&group_json)
        .map_err(|e| e.to_string())?
        .value;
    let (session, _) = Session::new(start, &plan).map_err(|e| e.to_string())?;
    Ok(Case {
        tariff_json: tariff(&group),
        cdr_json: cdr(&session, decimal("power_kw")?),
        group_json,
        zone,
        start,
        plan,
    })
}

fn ocpi_type(kind: ComponentKind) -> &'static str {
    match kind {
        ComponentKind::Energy => "ENERGY",
        ComponentKind::Time => "TIME",
        ComponentKind::Blocking => "PARKING_TIME",
        ComponentKind::SessionFee | ComponentKind::StartingFee => "FLAT",
    }
}

/// The price group as an OCPI tariff (see the module docs).
pub fn tariff(group: &PriceGroup) -> String {
    let mut elements: Vec<String> = Vec::new();
    let (mut flat, mut flat_vat) = (Decimal::ZERO, None);
    for component in group.tariff().components() {
        let mut days: Vec<_> = component.days().iter().collect();
        days.sort_by_key(|(key, _)| *key == DayKey::All);
        for (key, bands) in days {
            for band in bands {
                if ocpi_type(component.kind()) == "FLAT" {
                    flat += band.net_price();
                    flat_vat = Some(band.tax_percent());
                    continue;
                }
                let mut restrictions = Vec::new();
                if let DayKey::Weekday(_) = key {
                    restrictions.push(format!("\"day_of_week\":[\"{key}\"]"));
                }
                if let Some(from) = band.time_from() {
                    restrictions.push(format!("\"start_time\":\"{from}\""));
                }
                if let Some(to) = band.time_to() {
                    restrictions.push(format!("\"end_time\":\"{to}\""));
                }
                if let Some(from) = band.date_from() {
                    restrictions.push(format!("\"start_date\":\"{from}\""));
                }
                if let Some(to) = band.date_to() {
                    restrictions.push(format!("\"end_date\":\"{to}\""));
                }
                elements.push(format!(
                    "{{\"price_components\":[{{\"type\":\"{}\",\"price\":{},\"vat\":{},\"step_size\":1}}],\"restrictions\":{{{}}}}}",
                    ocpi_type(component.kind()),
                    band.net_price(),
                    band.tax_percent(),
                    restrictions.join(",")
                ));
            }
        }
    }
    if let Some(vat) = flat_vat {
        elements.push(format!(
            "{{\"price_components\":[{{\"type\":\"FLAT\",\"price\":{flat},\"vat\":{vat},\"step_size\":1}}]}}"
        ));
    }
    format!(
        "{{\"country_code\":\"DE\",\"party_id\":\"CIQ\",\"id\":\"T1\",\"currency\":\"EUR\",\"elements\":[{}],\"last_updated\":\"2026-01-01T00:00:00Z\"}}",
        elements.join(",")
    )
}

/// Hours in a duration, to the microsecond.
fn hours(duration: Duration) -> Decimal {
    Decimal::from(duration.num_microseconds().unwrap_or(0)) / Decimal::from(3_600_000_000_i64)
}

/// The session as an OCPI CDR (see the module docs).
pub fn cdr(session: &Session, power_kw: Decimal) -> String {
    let time = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let mut periods = String::new();
    let mut at = session.start();
    let period = Duration::minutes(PERIOD_MINUTES);
    let mut energy = Decimal::ZERO;
    while at < session.charging_end() {
        let end = (at + period).min(session.charging_end());
        let h = hours(end - at).round_dp(6);
        let kwh = (h * power_kw).round_dp(6);
        energy += kwh;
        let _ = write!(
            periods,
            "{}{{\"start_date_time\":\"{}\",\"dimensions\":[{{\"type\":\"ENERGY\",\"volume\":{kwh}}},{{\"type\":\"TIME\",\"volume\":{h}}}]}}",
            if periods.is_empty() { "" } else { "," },
            time(at)
        );
        at = end;
    }
    while at < session.plug_out() {
        let end = (at + period).min(session.plug_out());
        let _ = write!(
            periods,
            ",{{\"start_date_time\":\"{}\",\"dimensions\":[{{\"type\":\"PARKING_TIME\",\"volume\":{}}}]}}",
            time(at),
            hours(end - at).round_dp(6)
        );
        at = end;
    }
    format!(
        "{{\"country_code\":\"DE\",\"party_id\":\"CIQ\",\"id\":\"C1\",\"start_date_time\":\"{}\",\"end_date_time\":\"{}\",\"currency\":\"EUR\",\"cdr_location\":{{\"country\":\"DEU\"}},\"charging_periods\":[{periods}],\"total_cost\":{{\"excl_vat\":0}},\"total_energy\":{energy},\"total_time\":{},\"last_updated\":\"{}\"}}",
        time(session.start()),
        time(session.plug_out()),
        hours(session.plug_out() - session.start()).round_dp(6),
        time(session.plug_out())
    )
}
