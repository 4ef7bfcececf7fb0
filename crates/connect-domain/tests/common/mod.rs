//! Helpers shared by the integration tests: decimal and instant literals, tariff JSON
//! builders, random tariffs and sessions (`arb`: the testkit's strategies, the same ones
//! partners property-test with), and an independent pricing oracle (`oracle`).
//!
//! Every test file compiles its own copy of this module and uses a different part of it.
#![allow(dead_code)]

pub(crate) use connect_testkit::strategy as arb;
pub(crate) mod oracle;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use connect_domain::charging::{ChargingPlan, MeterReading};
use connect_domain::pricing::{BandPolicy, BlockingBasis, Estimate, PricingOptions, estimate};
use connect_domain::tariff::{Band, PriceGroup};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// A decimal from its text, e.g. `dec("5.39")`. Never a float.
pub(crate) fn dec(text: &str) -> Decimal {
    text.parse()
        .unwrap_or_else(|error| panic!("{text:?} is not a decimal: {error}"))
}

/// An instant from RFC 3339 text.
pub(crate) fn at(text: &str) -> DateTime<Utc> {
    text.parse()
        .unwrap_or_else(|error| panic!("{text:?} is not an instant: {error}"))
}

/// One band in the API's wire shape, without grace, cap or dates. `user_facing_price` is
/// left null (the parser computes it and warns).
pub(crate) fn band(time_from: Option<&str>, time_to: Option<&str>, price: &str, tax: u32) -> Value {
    json!({
        "time_from": time_from, "time_to": time_to, "date_from": null, "date_to": null,
        "gross_price": price, "user_facing_price": null, "grace_period_minutes": null,
        "tax": tax, "blocking_cap": null
    })
}

/// A whole-day band.
pub(crate) fn all_day(price: &str, tax: u32) -> Value {
    band(None, None, price, tax)
}

/// A blocking band with a grace period (minutes, as a JSON number) and an optional cap.
pub(crate) fn blocking_band(
    time_from: Option<&str>,
    time_to: Option<&str>,
    price: &str,
    tax: u32,
    grace_minutes: &str,
    cap: Option<&str>,
) -> Value {
    let mut value = band(time_from, time_to, price, tax);
    value["grace_period_minutes"] = Value::Number(
        grace_minutes
            .parse()
            .unwrap_or_else(|error| panic!("{grace_minutes:?}: {error}")),
    );
    value["blocking_cap"] = cap.map_or(Value::Null, |cap| Value::String(cap.to_owned()));
    value
}

/// A price group document around `prices`, in EUR.
pub(crate) fn group_json(prices: Value) -> Value {
    let mut document = json!({
        "type": "AC", "power": 22, "evse_ids": [], "currency": "EUR",
        "pre_authorization_amount": "50.00", "prices": null
    });
    document["prices"] = prices;
    document
}

/// Parses a price group that must be valid.
pub(crate) fn group(prices: Value) -> PriceGroup {
    parse_group(&group_json(prices))
}

/// Parses a price group document that must be valid.
/// The first band of the first component: the one band of the single-band tariffs many
/// tests use.
pub(crate) fn first_band(group: &PriceGroup) -> &Band {
    group
        .tariff()
        .components()
        .next()
        .and_then(|component| component.all_bands().next())
        .expect("the tariff has a band")
}

pub(crate) fn parse_group(document: &Value) -> PriceGroup {
    match PriceGroup::from_value(document) {
        Ok(parsed) => parsed.value,
        Err(error) => panic!("the tariff should parse: {error}\n{document:#}"),
    }
}

/// Pricing options from their three parts.
pub(crate) fn options(
    policy: BandPolicy,
    basis: BlockingBasis,
    is_partner: bool,
) -> PricingOptions {
    PricingOptions::new(policy, basis, is_partner)
}

/// Estimates a session that must be valid.
pub(crate) fn price(
    group: &PriceGroup,
    zone: Tz,
    start: DateTime<Utc>,
    plan: &ChargingPlan,
    options: PricingOptions,
) -> Estimate {
    estimate(group, zone, start, plan, &options)
        .unwrap_or_else(|error| panic!("the session should be valid: {error}"))
}

/// Meter readings from `(instant, cumulative kWh)` pairs.
pub(crate) fn readings(points: &[(&str, &str)]) -> Vec<MeterReading> {
    points
        .iter()
        .map(|(time, kwh)| MeterReading {
            at: at(time),
            energy_kwh: dec(kwh),
        })
        .collect()
}

/// A constant-power plan: `energy_kwh` at `power_kw`, leaving at `plug_out` (default: when
/// charging completes).
pub(crate) fn constant_power(
    energy_kwh: &str,
    power_kw: &str,
    plug_out: Option<&str>,
) -> ChargingPlan {
    ChargingPlan::ConstantPower {
        energy_kwh: dec(energy_kwh),
        power_kw: dec(power_kw),
        plug_out: plug_out.map(at),
    }
}

/// All four combinations of band policy and blocking basis.
pub(crate) const POLICIES_AND_BASES: [(BandPolicy, BlockingBasis); 4] = [
    (BandPolicy::FrozenAtStart, BlockingBasis::SessionStart),
    (BandPolicy::FrozenAtStart, BlockingBasis::ChargingComplete),
    (BandPolicy::PerMoment, BlockingBasis::SessionStart),
    (BandPolicy::PerMoment, BlockingBasis::ChargingComplete),
];
