//! The hard cases of the tariff semantics, one named example each, with the expected
//! amounts worked out by hand in the comments. `docs/pricing.md` states each interpretation
//! and names the test here that pins it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{Datelike, Duration, Weekday};
use chrono_tz::Tz;
use chrono_tz::{America::New_York, Europe::Berlin, Europe::Lisbon};
use common::{
    all_day, at, band, blocking_band, constant_power, dec, group, group_json, options, price,
};
use connect_domain::charging::ChargingPlan;
use connect_domain::pricing::{
    BandPolicy, BlockingBasis, CapApplied, Consumption, Estimate, FinishedSession, PricingWarning,
    SessionCost, check_invoice, price_at, session_cost,
};
use connect_domain::tariff::{
    BandId, ComponentKind, DayKey, PriceGroup, TariffErrorKind, TariffWarningKind,
};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use BandPolicy::{FrozenAtStart, PerMoment};
use BlockingBasis::{ChargingComplete, SessionStart};

/// The `session_cost` with every component given, in EUR.
fn cost(
    kwh: &str,
    time: &str,
    session_fee: &str,
    blocking: &str,
    starting: &str,
    vat: &str,
    total: &str,
) -> SessionCost {
    let mut cost = SessionCost::zero("EUR");
    cost.kwh_cost = dec(kwh);
    cost.time_cost = dec(time);
    cost.session_fee_cost = dec(session_fee);
    cost.blocking_fee_cost = dec(blocking);
    cost.starting_fee_cost = dec(starting);
    cost.invoice_vat = dec(vat);
    cost.invoice_summary = dec(total);
    cost
}

fn estimate(
    group: &PriceGroup,
    zone: Tz,
    start: &str,
    plan: &ChargingPlan,
    policy: BandPolicy,
    basis: BlockingBasis,
) -> Estimate {
    price(group, zone, at(start), plan, options(policy, basis, false))
}

fn id(component: ComponentKind, day: DayKey, index: usize) -> BandId {
    BandId {
        component,
        day,
        index,
    }
}

/// `(from, to, quantity)` of the stretches one band priced, in time order: its lines, with
/// lines that touch merged (the engine may split a stretch where the UTC offset changes).
fn lines_of(estimate: &Estimate, band: BandId) -> Vec<(String, String, Decimal)> {
    let mut stretches: Vec<(
        chrono::DateTime<chrono::Utc>,
        chrono::DateTime<chrono::Utc>,
        Decimal,
    )> = Vec::new();
    for line in estimate.lines.iter().filter(|line| line.band == band) {
        match stretches.last_mut() {
            Some(last) if last.1 == line.from => {
                last.1 = line.to;
                last.2 += line.quantity;
            }
            _ => stretches.push((line.from, line.to, line.quantity)),
        }
    }
    stretches
        .into_iter()
        .map(|(from, to, quantity)| (from.to_rfc3339(), to.to_rfc3339(), quantity))
        .collect()
}

fn line(from: &str, to: &str, quantity: &str) -> (String, String, Decimal) {
    (at(from).to_rfc3339(), at(to).to_rfc3339(), dec(quantity))
}

fn tariff_error(document: &Value) -> connect_domain::tariff::TariffError {
    match PriceGroup::from_value(document) {
        Err(error) => error,
        Ok(parsed) => panic!("expected a tariff error, parsed {:?}", parsed.value),
    }
}

// ---------------------------------------------------------------------------------------
// The worked example of the API documentation.

fn worked_example_group() -> PriceGroup {
    let mut kwh = all_day("0.4529", 19);
    kwh["user_facing_price"] = json!("0.54");
    let parsed = PriceGroup::from_value(&group_json(json!({"kwh_price": {"ALL": [kwh]}}))).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    parsed.value
}

#[test]
fn the_documented_ten_kwh_session_costs_5_39_with_0_86_vat_under_both_policies() {
    // 10 kWh × 0.4529 €/kWh net = 4.529; × 1.19 = 5.38951 → 5.39.
    // VAT inside 5.39 at 19 %: 5.39 × 19 / 119 = 0.86059 → 0.86. Total 5.39.
    let group = worked_example_group();
    let plan = constant_power("10", "22", None);
    for (policy, basis) in common::POLICIES_AND_BASES {
        let estimate = estimate(&group, Berlin, "2026-04-02T13:51:18Z", &plan, policy, basis);
        assert_eq!(
            estimate.cost,
            cost("5.39", "0.00", "0.00", "0.00", "0.00", "0.86", "5.39")
        );
        assert_eq!(estimate.exact_total, dec("5.38951"));
        assert_eq!(estimate.cost.kwh_cost.to_string(), "5.39");
        assert_eq!(estimate.cost.time_cost.to_string(), "0.00");
    }
}

#[test]
fn the_documented_session_recomputed_from_its_cdr_matches_the_invoice() {
    // The API's session_cost for it: kwh_cost 5.39, invoice_vat 0.86, invoice_summary 5.39.
    let group = worked_example_group();
    let session = FinishedSession {
        start: at("2026-04-02T13:51:18Z"),
        end: at("2026-04-02T14:19:00Z"),
        consumption: Consumption::Energy {
            energy_kwh: dec("10.000"),
            charging_end: None,
        },
    };
    let options = options(FrozenAtStart, SessionStart, false);
    let recomputed = session_cost(&group, Berlin, &session, &options).unwrap();
    assert_eq!(
        recomputed.cost,
        cost("5.39", "0.00", "0.00", "0.00", "0.00", "0.86", "5.39")
    );
    let invoiced = cost("5.39", "0.00", "0.00", "0.00", "0.00", "0.86", "5.39");
    let check = check_invoice(&group, Berlin, &session, &options, &invoiced).unwrap();
    assert!(check.matches, "{:?}", check.differences);
}

#[test]
fn the_documented_price_is_displayed_as_0_54_per_kwh() {
    // 0.4529 × 1.19 = 0.538951 → 0.54 (displayed); costs still use 0.4529.
    let group = worked_example_group();
    let prices = price_at(group.tariff(), Berlin, at("2026-04-02T13:51:18Z"));
    assert_eq!(prices.len(), 1);
    assert_eq!(prices[0].price, dec("0.54"));
    assert_eq!(prices[0].net_price, dec("0.4529"));
    assert_eq!(
        common::first_band(&group).displayed_price(2).to_string(),
        "0.54"
    );
}

// ---------------------------------------------------------------------------------------
// DST.

/// kWh: A = [02:30, 06:00) at 0.20, B = [06:00, 02:30) at 0.40, 19 % VAT.
fn night_band_tariff() -> PriceGroup {
    group(json!({"kwh_price": {"ALL": [
        band(Some("02:30"), Some("06:00"), "0.2000", 19),
        band(Some("06:00"), Some("02:30"), "0.4000", 19),
    ]}}))
}

#[test]
fn on_the_fall_back_night_a_band_from_02_30_is_entered_left_at_the_repeated_02_00_and_entered_again()
 {
    // Berlin, 2026-10-25: 03:00 CEST (01:00Z) becomes 02:00 CET.
    // 10 kW from 00:00 CEST (22:00Z) to 07:00 CET (06:00Z): 8 real hours, 80 kWh.
    //   22:00Z–00:30Z 00:00–02:30 CEST  B  2.5 h
    //   00:30Z–01:00Z 02:30–03:00 CEST  A  0.5 h   (entered)
    //   01:00Z–01:30Z 02:00–02:30 CET   B  0.5 h   (left at the repeated 02:00)
    //   01:30Z–05:00Z 02:30–06:00 CET   A  3.5 h   (entered again)
    //   05:00Z–06:00Z 06:00–07:00 CET   B  1 h
    // A: 4 h = 40 kWh × 0.20 = 8.00; B: 40 kWh × 0.40 = 16.00; net 24.00 × 1.19 = 28.56.
    // VAT 28.56 × 19 / 119 = 4.56.
    let group = night_band_tariff();
    let plan = constant_power("80", "10", None);
    let estimate = estimate(
        &group,
        Berlin,
        "2026-10-24T22:00:00Z",
        &plan,
        PerMoment,
        SessionStart,
    );
    assert_eq!(
        estimate.cost,
        cost("28.56", "0.00", "0.00", "0.00", "0.00", "4.56", "28.56")
    );
    let a = id(ComponentKind::Energy, DayKey::All, 0);
    assert_eq!(
        lines_of(&estimate, a),
        [
            line("2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z", "5"),
            line("2026-10-25T01:30:00Z", "2026-10-25T05:00:00Z", "35"),
        ]
    );
    // Frozen at 00:00 CEST, band B prices everything: 80 × 0.40 × 1.19 = 38.08.
    let frozen = common::price(
        &group,
        Berlin,
        at("2026-10-24T22:00:00Z"),
        &plan,
        options(FrozenAtStart, SessionStart, false),
    );
    assert_eq!(frozen.cost.kwh_cost, dec("38.08"));
}

#[test]
fn on_the_fall_back_night_midnight_to_four_lasts_five_real_hours() {
    // Time price 6.00 €/h net, 0 % VAT, only [00:00, 04:00); the rest of the day has no band.
    // 00:00 CEST = 2026-10-24T22:00Z, 04:00 CET = 2026-10-25T03:00Z: 5 h × 6.00 = 30.00.
    // Charging 23:00 CEST (21:00Z) to 07:00 CET (06:00Z): 21:00Z–22:00Z and 03:00Z–06:00Z
    // are uncovered: free, and reported.
    let group =
        group(json!({"time_price": {"ALL": [band(Some("00:00"), Some("04:00"), "6.0000", 0)]}}));
    let plan = constant_power("99", "11", None);
    let estimate = estimate(
        &group,
        Berlin,
        "2026-10-24T21:00:00Z",
        &plan,
        PerMoment,
        SessionStart,
    );
    assert_eq!(
        estimate.cost,
        cost("0.00", "30.00", "0.00", "0.00", "0.00", "0.00", "30.00")
    );
    assert_eq!(
        lines_of(&estimate, id(ComponentKind::Time, DayKey::All, 0)),
        [line("2026-10-24T22:00:00Z", "2026-10-25T03:00:00Z", "5")]
    );
    let uncovered: Vec<_> = estimate
        .warnings
        .iter()
        .filter_map(|warning| match warning {
            PricingWarning::UncoveredTime {
                component: ComponentKind::Time,
                from,
                to,
            } => Some((from.to_rfc3339(), to.to_rfc3339())),
            _ => None,
        })
        .collect();
    assert_eq!(
        uncovered,
        [
            (
                at("2026-10-24T21:00:00Z").to_rfc3339(),
                at("2026-10-24T22:00:00Z").to_rfc3339()
            ),
            (
                at("2026-10-25T03:00:00Z").to_rfc3339(),
                at("2026-10-25T06:00:00Z").to_rfc3339()
            ),
        ]
    );
}

#[test]
fn on_the_new_york_fall_back_night_a_band_over_the_repeated_hour_is_in_force_twice() {
    // New York, 2026-11-01: 02:00 EDT (06:00Z) becomes 01:00 EST. Band [01:30, 03:00) at
    // 6.00 €/h net (0 % VAT): 01:30–02:00 EDT = 05:30Z–06:00Z, then 01:30–03:00 EST =
    // 06:30Z–08:00Z: 2 h = 12.00. Charging 00:00 EDT (04:00Z) to 05:00 EST (10:00Z).
    let group = group(json!({"time_price": {"ALL": [
        band(Some("01:30"), Some("03:00"), "6.0000", 0),
        band(Some("03:00"), Some("01:30"), "0.0000", 0),
    ]}}));
    let plan = constant_power("66", "11", None);
    let estimate = estimate(
        &group,
        New_York,
        "2026-11-01T04:00:00Z",
        &plan,
        PerMoment,
        SessionStart,
    );
    assert_eq!(estimate.cost.time_cost, dec("12.00"));
    assert_eq!(
        lines_of(&estimate, id(ComponentKind::Time, DayKey::All, 0)),
        [
            line("2026-11-01T05:30:00Z", "2026-11-01T06:00:00Z", "0.5"),
            line("2026-11-01T06:30:00Z", "2026-11-01T08:00:00Z", "1.5"),
        ]
    );
}

#[test]
fn on_the_spring_forward_night_a_band_from_02_30_starts_at_03_00() {
    // Berlin, 2026-03-29: 02:00 CET (01:00Z) becomes 03:00 CEST; 02:30 never happens.
    // Time price A = [02:30, 06:00) 6.00 €/h, B = [06:00, 02:30) 1.20 €/h, 0 % VAT.
    // Charging 00:00 CET (23:00Z) to 07:00 CEST (05:00Z): 6 real hours.
    //   23:00Z–01:00Z 00:00–02:00 CET   B 2 h = 2.40
    //   01:00Z–04:00Z 03:00–06:00 CEST  A 3 h = 18.00
    //   04:00Z–05:00Z 06:00–07:00 CEST  B 1 h = 1.20          time_cost 21.60
    let group = group(json!({"time_price": {"ALL": [
        band(Some("02:30"), Some("06:00"), "6.0000", 0),
        band(Some("06:00"), Some("02:30"), "1.2000", 0),
    ]}}));
    let plan = constant_power("60", "10", None);
    let estimate = estimate(
        &group,
        Berlin,
        "2026-03-28T23:00:00Z",
        &plan,
        PerMoment,
        SessionStart,
    );
    assert_eq!(
        estimate.cost,
        cost("0.00", "21.60", "0.00", "0.00", "0.00", "0.00", "21.60")
    );
    assert_eq!(
        lines_of(&estimate, id(ComponentKind::Time, DayKey::All, 0)),
        [line("2026-03-29T01:00:00Z", "2026-03-29T04:00:00Z", "3")]
    );
    // The driver sees the night price from 03:00 CEST on, and the day price just before.
    let before = price_at(group.tariff(), Berlin, at("2026-03-29T00:59:59Z"));
    let after = price_at(group.tariff(), Berlin, at("2026-03-29T01:00:00Z"));
    assert_eq!(before[0].net_price, dec("1.2000"));
    assert_eq!(after[0].net_price, dec("6.0000"));
}

/// kWh: day [06:00, 22:00) 0.50, night [22:00, 06:00) 0.30, 19 % VAT.
fn day_night_tariff() -> PriceGroup {
    group(json!({"kwh_price": {"ALL": [
        band(Some("06:00"), Some("22:00"), "0.5000", 19),
        band(Some("22:00"), Some("06:00"), "0.3000", 19),
    ]}}))
}

#[test]
fn the_october_night_price_covers_nine_real_hours_not_a_plus_24h_eight() {
    // 22:00 CEST (20:00Z) to 06:00 CET (05:00Z) is 9 real hours; 10 kW delivers 90 kWh, all at
    // night: 90 × 0.30 = 27.00 net × 1.19 = 32.13. A "+24 h" engine ends the night after
    // 8 h and bills the last 10 kWh at the day price: (24.00 + 5.00) × 1.19 = 34.51.
    let group = day_night_tariff();
    let plan = constant_power("90", "10", None);
    let estimate = estimate(
        &group,
        Berlin,
        "2026-10-24T20:00:00Z",
        &plan,
        PerMoment,
        SessionStart,
    );
    assert_eq!(estimate.cost.kwh_cost, dec("32.13"));
    assert_eq!(
        lines_of(&estimate, id(ComponentKind::Energy, DayKey::All, 1)),
        [line("2026-10-24T20:00:00Z", "2026-10-25T05:00:00Z", "90")]
    );
    assert!(lines_of(&estimate, id(ComponentKind::Energy, DayKey::All, 0)).is_empty());
}

#[test]
fn the_march_night_price_covers_seven_real_hours_not_a_plus_24h_eight() {
    // 22:00 CET (21:00Z) to 06:00 CEST (04:00Z) is 7 real hours. 10 kW for 8 h = 80 kWh:
    // 70 kWh at night (21.00) + 10 kWh in the day (5.00) = 26.00 × 1.19 = 30.94.
    // A "+24 h" engine bills all 80 kWh at night: 24.00 × 1.19 = 28.56.
    let group = day_night_tariff();
    let plan = constant_power("80", "10", None);
    let estimate = estimate(
        &group,
        Berlin,
        "2026-03-28T21:00:00Z",
        &plan,
        PerMoment,
        SessionStart,
    );
    assert_eq!(estimate.cost.kwh_cost, dec("30.94"));
    assert_eq!(
        lines_of(&estimate, id(ComponentKind::Energy, DayKey::All, 0)),
        [line("2026-03-29T04:00:00Z", "2026-03-29T05:00:00Z", "10")]
    );
}

// ---------------------------------------------------------------------------------------
// Weekdays in local time.

/// kWh: 0.50 on Fridays, 0.30 on every other day, 0 % VAT.
fn friday_tariff() -> PriceGroup {
    group(json!({"kwh_price": {"FRIDAY": [all_day("0.5000", 0)], "ALL": [all_day("0.3000", 0)]}}))
}

/// The kWh cost of 10 kWh charged in 12 minutes from `start` (frozen and per moment agree).
fn ten_kwh_at(zone: Tz, start: &str, local_weekday: Weekday) -> Decimal {
    assert_eq!(
        at(start).with_timezone(&zone).weekday(),
        local_weekday,
        "{start} in {zone}"
    );
    let group = friday_tariff();
    let plan = constant_power("10", "50", None);
    let frozen = estimate(&group, zone, start, &plan, FrozenAtStart, SessionStart);
    let per_moment = estimate(&group, zone, start, &plan, PerMoment, SessionStart);
    assert_eq!(frozen.cost, per_moment.cost);
    frozen.cost.kwh_cost
}

#[test]
fn the_weekday_is_judged_in_local_time_at_utc_plus_one() {
    // Friday 00:30 CET is Thursday 23:30 UTC: Friday's price, 10 × 0.50 = 5.00.
    assert_eq!(
        ten_kwh_at(Berlin, "2026-01-08T23:30:00Z", Weekday::Fri),
        dec("5.00")
    );
    // Saturday 00:30 CET is Friday 23:30 UTC: not Friday's price, 10 × 0.30 = 3.00.
    assert_eq!(
        ten_kwh_at(Berlin, "2026-01-09T23:30:00Z", Weekday::Sat),
        dec("3.00")
    );
}

#[test]
fn the_weekday_is_judged_in_local_time_at_utc_plus_two() {
    // Friday 01:30 CEST is Thursday 23:30 UTC; Saturday 01:30 CEST is Friday 23:30 UTC.
    assert_eq!(
        ten_kwh_at(Berlin, "2026-07-02T23:30:00Z", Weekday::Fri),
        dec("5.00")
    );
    assert_eq!(
        ten_kwh_at(Berlin, "2026-07-03T23:30:00Z", Weekday::Sat),
        dec("3.00")
    );
}

#[test]
fn the_weekday_is_judged_in_local_time_at_a_negative_offset() {
    // Friday 20:00 EST is Saturday 01:00 UTC; Thursday 22:00 EST is Friday 03:00 UTC.
    assert_eq!(
        ten_kwh_at(New_York, "2026-01-10T01:00:00Z", Weekday::Fri),
        dec("5.00")
    );
    assert_eq!(
        ten_kwh_at(New_York, "2026-01-09T03:00:00Z", Weekday::Thu),
        dec("3.00")
    );
    // Friday 21:00 EDT is Saturday 01:00 UTC.
    assert_eq!(
        ten_kwh_at(New_York, "2026-07-04T01:00:00Z", Weekday::Fri),
        dec("5.00")
    );
}

#[test]
fn the_weekday_is_judged_in_local_time_at_utc_plus_zero_and_one_in_lisbon() {
    // Lisbon in summer is UTC+1: Friday 00:30 WEST is Thursday 23:30 UTC.
    assert_eq!(
        ten_kwh_at(Lisbon, "2026-07-02T23:30:00Z", Weekday::Fri),
        dec("5.00")
    );
    // In winter it is UTC+0: Friday 23:30 UTC is still Friday.
    assert_eq!(
        ten_kwh_at(Lisbon, "2026-01-09T23:30:00Z", Weekday::Fri),
        dec("5.00")
    );
}

// ---------------------------------------------------------------------------------------
// Overnight bands with weekday keys.

/// kWh, 0 % VAT: every day [06:00, 22:00) at 0.50; Friday also [22:00, 06:00) at 0.20.
fn friday_night_prices() -> Value {
    json!({"kwh_price": {
        "ALL": [band(Some("06:00"), Some("22:00"), "0.5000", 0)],
        "FRIDAY": [
            band(Some("06:00"), Some("22:00"), "0.5000", 0),
            band(Some("22:00"), Some("06:00"), "0.2000", 0),
        ],
    }})
}

#[test]
fn a_friday_overnight_band_covers_saturday_three_a_m() {
    // Saturday 2026-01-10 03:00 CET = 02:00Z: Friday's night band, 10 kWh × 0.20 = 2.00.
    let group = group(friday_night_prices());
    let start = "2026-01-10T02:00:00Z";
    let shown = price_at(group.tariff(), Berlin, at(start));
    assert_eq!(shown.len(), 1);
    assert_eq!(
        shown[0].band,
        id(ComponentKind::Energy, DayKey::Weekday(Weekday::Fri), 1)
    );
    let plan = constant_power("10", "50", None);
    for policy in [FrozenAtStart, PerMoment] {
        assert_eq!(
            estimate(&group, Berlin, start, &plan, policy, SessionStart)
                .cost
                .kwh_cost,
            dec("2.00")
        );
    }
}

#[test]
fn without_a_sunday_overnight_band_monday_three_a_m_is_uncovered_and_free() {
    // Monday 2026-01-12 03:00 CET = 02:00Z: Sunday (ALL) has no overnight band, so nothing
    // covers it: free, with a warning.
    let group = group(friday_night_prices());
    let start = "2026-01-12T02:00:00Z";
    assert!(price_at(group.tariff(), Berlin, at(start)).is_empty());
    let plan = constant_power("10", "50", None);
    let frozen = estimate(&group, Berlin, start, &plan, FrozenAtStart, SessionStart);
    assert_eq!(frozen.cost.kwh_cost, dec("0.00"));
    assert!(frozen.warnings.contains(&PricingWarning::NoBandAtStart {
        component: ComponentKind::Energy
    }));
    let per_moment = estimate(&group, Berlin, start, &plan, PerMoment, SessionStart);
    assert_eq!(per_moment.cost.kwh_cost, dec("0.00"));
    assert!(matches!(
        per_moment.warnings[..],
        [PricingWarning::UncoveredTime {
            component: ComponentKind::Energy,
            ..
        }]
    ));
}

#[test]
fn a_sunday_overnight_band_covers_monday_three_a_m() {
    // With SUNDAY [22:00, 06:00) at 0.25: 10 kWh × 0.25 = 2.50.
    let mut prices = friday_night_prices();
    prices["kwh_price"]["SUNDAY"] = json!([
        band(Some("06:00"), Some("22:00"), "0.5000", 0),
        band(Some("22:00"), Some("06:00"), "0.2500", 0),
    ]);
    let group = group(prices);
    let plan = constant_power("10", "50", None);
    for policy in [FrozenAtStart, PerMoment] {
        let estimate = estimate(
            &group,
            Berlin,
            "2026-01-12T02:00:00Z",
            &plan,
            policy,
            SessionStart,
        );
        assert_eq!(estimate.cost.kwh_cost, dec("2.50"));
    }
}

// ---------------------------------------------------------------------------------------
// Long sessions.

/// Blocking 1.00 €/h net on weekdays, free at weekends, no grace; kWh 0.30; 19 % VAT.
fn weekend_tariff() -> PriceGroup {
    group(json!({
        "blocking_fee": {
            "ALL": [blocking_band(None, None, "1.0000", 19, "0", None)],
            "SATURDAY": [blocking_band(None, None, "0.0000", 19, "0", None)],
            "SUNDAY": [blocking_band(None, None, "0.0000", 19, "0", None)],
        },
        "kwh_price": {"ALL": [all_day("0.3000", 19)]},
    }))
}

#[test]
fn a_session_over_a_weekend_bills_blocking_only_on_the_weekdays() {
    // Friday 2026-06-05 18:00 CEST (16:00Z) to Monday 2026-06-08 08:00 CEST (06:00Z): 62 h.
    // 30 kWh at 10 kW until 19:00Z: 30 × 0.30 = 9.00 × 1.19 = 10.71.
    // Per moment, from plug-in: Friday 18:00–24:00 (6 h) + Monday 00:00–08:00 (8 h) at 1.00
    // = 14.00 × 1.19 = 16.66; the 48 weekend hours at 0.00. Total 27.37,
    // VAT 27.37 × 19 / 119 = 4.36999 → 4.37.
    assert_eq!(
        at("2026-06-05T16:00:00Z").with_timezone(&Berlin).weekday(),
        Weekday::Fri
    );
    let group = weekend_tariff();
    let plan = constant_power("30", "10", Some("2026-06-08T06:00:00Z"));
    let start = "2026-06-05T16:00:00Z";
    let per_moment = estimate(&group, Berlin, start, &plan, PerMoment, SessionStart);
    assert_eq!(
        per_moment.cost,
        cost("10.71", "0.00", "0.00", "16.66", "0.00", "4.37", "27.37")
    );
    let weekend_hours: Decimal = per_moment
        .lines
        .iter()
        .filter(|line| line.component == ComponentKind::Blocking && line.unit_price.is_zero())
        .map(|line| line.quantity)
        .sum();
    assert_eq!(weekend_hours, dec("48"));
    // From the end of charging (19:00Z): Friday 3 h + Monday 8 h = 11.00 × 1.19 = 13.09;
    // total 23.80, VAT 23.80 × 19 / 119 = 3.80.
    let idle = estimate(&group, Berlin, start, &plan, PerMoment, ChargingComplete);
    assert_eq!(
        idle.cost,
        cost("10.71", "0.00", "0.00", "13.09", "0.00", "3.80", "23.80")
    );
    // Frozen at Friday's price: 62 h × 1.00 × 1.19 = 73.78; total 84.49,
    // VAT 84.49 × 19 / 119 = 13.48999 → 13.49.
    let frozen = estimate(&group, Berlin, start, &plan, FrozenAtStart, SessionStart);
    assert_eq!(
        frozen.cost,
        cost("10.71", "0.00", "0.00", "73.78", "0.00", "13.49", "84.49")
    );
}

// ---------------------------------------------------------------------------------------
// Zero energy, zero length, one-off fees.

/// kWh 0.4529, time 1.20 €/h, blocking 6.00 €/h (no grace), session fee 0.50, starting fee
/// 0.4958; all 19 % VAT.
fn fees_tariff() -> PriceGroup {
    group(json!({
        "kwh_price": {"ALL": [all_day("0.4529", 19)]},
        "time_price": {"ALL": [all_day("1.2000", 19)]},
        "blocking_fee": {"ALL": [blocking_band(None, None, "6.0000", 19, "0", None)]},
        "session_fee": {"ALL": [all_day("0.5000", 19)]},
        "starting_fee": {"ALL": [all_day("0.4958", 19)]},
    }))
}

#[test]
fn a_zero_length_session_pays_the_session_fee_once_and_no_starting_fee() {
    // Session fee 0.50 × 1.19 = 0.595 → 0.60 (half away from zero); nothing else.
    // VAT 0.60 × 19 / 119 = 0.0958 → 0.10.
    let group = fees_tariff();
    let plan = ChargingPlan::Meter {
        readings: Vec::new(),
        plug_out: None,
    };
    for (policy, basis) in common::POLICIES_AND_BASES {
        let estimate = estimate(&group, Berlin, "2026-01-15T11:00:00Z", &plan, policy, basis);
        assert_eq!(
            estimate.cost,
            cost("0.00", "0.00", "0.60", "0.00", "0.00", "0.10", "0.60")
        );
        assert_eq!(estimate.session.energy_kwh, Decimal::ZERO);
        assert!(estimate.warnings.is_empty(), "{:?}", estimate.warnings);
    }
}

#[test]
fn a_zero_energy_hour_pays_blocking_and_the_session_fee_but_no_starting_fee() {
    // 1 h plugged in, nothing delivered: blocking 6.00 × 1.19 = 7.14, session fee 0.60,
    // kWh 0.00, time 0.00, starting fee 0.00. Total 7.74, VAT 7.74 × 19 / 119 = 1.2358 → 1.24.
    let group = fees_tariff();
    let plan = ChargingPlan::Total {
        energy_kwh: dec("0"),
        charging_end: None,
        plug_out: at("2026-01-15T12:00:00Z"),
    };
    for (policy, basis) in common::POLICIES_AND_BASES {
        let estimate = estimate(&group, Berlin, "2026-01-15T11:00:00Z", &plan, policy, basis);
        assert_eq!(
            estimate.cost,
            cost("0.00", "0.00", "0.60", "7.14", "0.00", "1.24", "7.74")
        );
    }
}

#[test]
fn a_charging_session_pays_the_starting_fee_once_except_at_a_partner() {
    // 11 kWh at 22 kW: 30 min, plug-out when done.
    // kWh 11 × 0.4529 = 4.9819 × 1.19 = 5.928461 → 5.93; time 0.5 h × 1.20 × 1.19 = 0.714 →
    // 0.71; blocking 0.5 h × 6.00 × 1.19 = 3.57; session fee 0.60; starting fee
    // 0.4958 × 1.19 = 0.590002 → 0.59. Total 11.40, VAT 11.40 × 19 / 119 = 1.8202 → 1.82.
    // At a partner the starting fee goes: total 10.81, VAT 10.81 × 19 / 119 = 1.72597 → 1.73.
    let group = fees_tariff();
    let plan = constant_power("11", "22", None);
    let start = "2026-01-15T11:00:00Z";
    for policy in [FrozenAtStart, PerMoment] {
        let estimate = estimate(&group, Berlin, start, &plan, policy, SessionStart);
        assert_eq!(
            estimate.cost,
            cost("5.93", "0.71", "0.60", "3.57", "0.59", "1.82", "11.40")
        );
        let partner = common::price(
            &group,
            Berlin,
            at(start),
            &plan,
            options(policy, SessionStart, true),
        );
        assert_eq!(
            partner.cost,
            cost("5.93", "0.71", "0.60", "3.57", "0.00", "1.73", "10.81")
        );
        assert!(
            partner
                .warnings
                .contains(&PricingWarning::StartingFeeWaivedAtPartner)
        );
    }
}

#[test]
fn a_three_day_stay_pays_the_session_fee_once() {
    // Zero energy for 72 h with only the session fee: 0.60, once, not once per day.
    let group = group(json!({"session_fee": {"ALL": [all_day("0.5000", 19)]}}));
    let plan = ChargingPlan::Total {
        energy_kwh: dec("0"),
        charging_end: None,
        plug_out: at("2026-01-18T11:00:00Z"),
    };
    for (policy, basis) in common::POLICIES_AND_BASES {
        let estimate = estimate(&group, Berlin, "2026-01-15T11:00:00Z", &plan, policy, basis);
        assert_eq!(estimate.cost.session_fee_cost, dec("0.60"));
        assert_eq!(estimate.lines.len(), 1);
    }
}

// ---------------------------------------------------------------------------------------
// Grace periods and the cap.

#[test]
fn the_grace_period_counts_from_plug_in_or_from_the_end_of_charging() {
    // Blocking 6.00 €/h net, 0 % VAT, 30 min grace. 11 kWh at 11 kW: charging 10:00–11:00Z,
    // plug-out 12:00Z.
    // From plug-in: billed 10:30–12:00 = 1.5 h = 9.00.
    // From the end of charging: billed 11:30–12:00 = 0.5 h = 3.00.
    let group = group(
        json!({"blocking_fee": {"ALL": [blocking_band(None, None, "6.0000", 0, "30", None)]}}),
    );
    let plan = constant_power("11", "11", Some("2026-01-15T12:00:00Z"));
    for policy in [FrozenAtStart, PerMoment] {
        let from_start = estimate(
            &group,
            Berlin,
            "2026-01-15T10:00:00Z",
            &plan,
            policy,
            SessionStart,
        );
        assert_eq!(from_start.cost.blocking_fee_cost, dec("9.00"));
        let from_end = estimate(
            &group,
            Berlin,
            "2026-01-15T10:00:00Z",
            &plan,
            policy,
            ChargingComplete,
        );
        assert_eq!(from_end.cost.blocking_fee_cost, dec("3.00"));
    }
}

#[test]
fn the_part_of_a_session_inside_the_grace_period_is_never_billed() {
    // Same tariff, nothing charged. Plug-out exactly at the end of the grace: 0.00; one
    // minute later: only that minute, 6.00 / 60 = 0.10.
    let group = group(
        json!({"blocking_fee": {"ALL": [blocking_band(None, None, "6.0000", 0, "30", None)]}}),
    );
    for (plug_out, expected) in [
        ("2026-01-15T10:30:00Z", "0.00"),
        ("2026-01-15T10:31:00Z", "0.10"),
    ] {
        let plan = ChargingPlan::Total {
            energy_kwh: dec("0"),
            charging_end: None,
            plug_out: at(plug_out),
        };
        for (policy, basis) in common::POLICIES_AND_BASES {
            let estimate = estimate(&group, Berlin, "2026-01-15T10:00:00Z", &plan, policy, basis);
            assert_eq!(
                estimate.cost.blocking_fee_cost,
                dec(expected),
                "{plug_out} {policy:?} {basis:?}"
            );
        }
    }
}

#[test]
fn a_fractional_grace_period_is_rounded_up_to_the_whole_second() {
    // Grace 0.01 min = 0.6 s → 1 s. Blocking 3600.00 €/h = 1.00 €/s, 0 % VAT.
    // Plugged in for 10 s: 9 s billed = 9.00.
    let group = group(
        json!({"blocking_fee": {"ALL": [blocking_band(None, None, "3600", 0, "0.01", None)]}}),
    );
    let plan = ChargingPlan::Total {
        energy_kwh: dec("0"),
        charging_end: None,
        plug_out: at("2026-01-15T10:00:10Z"),
    };
    for (policy, basis) in common::POLICIES_AND_BASES {
        let estimate = estimate(&group, Berlin, "2026-01-15T10:00:00Z", &plan, policy, basis);
        assert_eq!(estimate.cost.blocking_fee_cost, dec("9.00"));
    }
}

#[test]
fn the_blocking_cap_is_never_exceeded_by_a_seven_day_stay() {
    // Blocking 6.00 €/h net, 19 %, no grace, cap 12.00 (VAT included). 7 days = 168 h:
    // uncapped 168 × 6.00 × 1.19 = 1199.52; billed exactly 12.00, VAT 12.00 × 19 / 119 =
    // 1.91597 → 1.92.
    let group = group(json!({"blocking_fee": {"ALL": [
        blocking_band(None, None, "6.0000", 19, "0", Some("12.00"))
    ]}}));
    let plan = ChargingPlan::Total {
        energy_kwh: dec("0"),
        charging_end: None,
        plug_out: at("2026-06-08T10:00:00Z"),
    };
    for (policy, basis) in common::POLICIES_AND_BASES {
        let estimate = estimate(&group, Berlin, "2026-06-01T10:00:00Z", &plan, policy, basis);
        assert_eq!(
            estimate.cost,
            cost("0.00", "0.00", "0.00", "12.00", "0.00", "1.92", "12.00")
        );
        assert_eq!(
            estimate.blocking_cap_applied,
            Some(CapApplied {
                cap: dec("12.00"),
                uncapped: dec("1199.52")
            })
        );
        assert_eq!(estimate.exact_total, dec("12.00"));
    }
}

#[test]
fn the_blocking_cap_is_not_exceeded_when_the_capped_fee_spans_two_tax_rates() {
    // Regression: the capped fee is split by tax rate and each part is rounded on its own,
    // so the parts could add up to a cent more than the cap; the billed fee is now held to
    // the cap rounded down.
    // Lisbon in January is UTC+0. Blocking [00:00, 12:00) 2.345 €/h at 0 %,
    // [12:00, 24:00) 10.00 €/h at 19 %, cap 5.00, no grace. Plugged in 11:00–14:00:
    // 11–12 h: 2.345 at 0 %; then the 19 % band reaches the cap after 2.655 more.
    // Rounded separately: 2.35 + 2.66 = 5.01 > 5.00. The cap must bound what is billed.
    let group = group(json!({"blocking_fee": {"ALL": [
        blocking_band(Some("00:00"), Some("12:00"), "2.3450", 0, "0", Some("5.00")),
        blocking_band(Some("12:00"), Some("00:00"), "10.0000", 19, "0", Some("5.00")),
    ]}}));
    let plan = ChargingPlan::Total {
        energy_kwh: dec("0"),
        charging_end: None,
        plug_out: at("2026-01-15T14:00:00Z"),
    };
    let estimate = estimate(
        &group,
        Lisbon,
        "2026-01-15T11:00:00Z",
        &plan,
        PerMoment,
        SessionStart,
    );
    assert!(estimate.blocking_cap_applied.is_some());
    assert!(
        estimate.cost.blocking_fee_cost <= dec("5.00"),
        "blocking_fee_cost {} exceeds the cap 5.00 (VAT shares {:?})",
        estimate.cost.blocking_fee_cost,
        estimate.vat
    );
}

#[test]
fn staying_a_minute_longer_into_a_band_with_a_stricter_cap_never_lowers_the_blocking_fee() {
    // CONFLICT between the cap rule and "a later plug-out never costs less"
    // (pricing/totals.rs, apply_blocking_cap): per moment, the strictest cap among the
    // blocking bands that billed anything caps the whole fee, so reaching a band with a
    // lower cap retroactively cuts what was already accrued.
    // Lisbon in January is UTC+0. Blocking 6.00 €/h, 0 % VAT, no grace: [00:00, 12:00)
    // without a cap, [12:00, 24:00) with a cap of 5.00. Plugged in at 06:00:
    // leaving at 12:00 costs 6 h × 6.00 = 36.00; leaving at 12:01 costs 5.00.
    let group = group(json!({"blocking_fee": {"ALL": [
        blocking_band(Some("00:00"), Some("12:00"), "6.0000", 0, "0", None),
        blocking_band(Some("12:00"), Some("00:00"), "6.0000", 0, "0", Some("5.00")),
    ]}}));
    let stay_until = |plug_out: &str| {
        let plan = ChargingPlan::Total {
            energy_kwh: dec("0"),
            charging_end: None,
            plug_out: at(plug_out),
        };
        estimate(
            &group,
            Lisbon,
            "2026-01-15T06:00:00Z",
            &plan,
            PerMoment,
            SessionStart,
        )
        .cost
        .blocking_fee_cost
    };
    let noon = stay_until("2026-01-15T12:00:00Z");
    let a_minute_later = stay_until("2026-01-15T12:01:00Z");
    assert_eq!(noon, dec("36.00"));
    assert!(
        a_minute_later >= noon,
        "leaving a minute later costs {a_minute_later}, less than {noon}"
    );
}

// ---------------------------------------------------------------------------------------
// Rounding drift.

#[test]
fn a_week_of_hourly_band_crossings_rounds_once_per_component_without_drift() {
    // 24 hourly kWh bands, alternating 0.3333 (even hours) and 0.2222 (odd hours), 19 %.
    // 1.1 kW for 168 h from Monday 2026-06-01 00:00 CEST: 1.1 kWh in each of 168 hours,
    // 92.4 kWh at each price.
    // Grouped: 92.4 × 0.3333 + 92.4 × 0.2222 = 30.79692 + 20.53128 = 51.3282 net;
    // × 1.19 = 61.080558 → 61.08. VAT 61.08 × 19 / 119 = 9.7523 → 9.75.
    // Rounding each of the 168 lines instead would give 84 × 0.44 + 84 × 0.29 = 61.32.
    let bands: Vec<Value> = (0..24_u32)
        .map(|hour| {
            let from = format!("{hour:02}:00");
            let to = format!("{:02}:00", hour + 1);
            let price = if hour % 2 == 0 { "0.3333" } else { "0.2222" };
            band(Some(&from), Some(&to), price, 19)
        })
        .collect();
    let group = group(json!({"kwh_price": {"ALL": bands}}));
    let plan = constant_power("184.8", "1.1", None);
    let estimate = estimate(
        &group,
        Berlin,
        "2026-05-31T22:00:00Z",
        &plan,
        PerMoment,
        SessionStart,
    );
    assert_eq!(
        estimate.session.plug_out,
        at("2026-05-31T22:00:00Z") + Duration::hours(168)
    );
    assert_eq!(estimate.lines.len(), 168);
    assert!(
        estimate
            .lines
            .iter()
            .all(|line| line.quantity == dec("1.1"))
    );
    assert_eq!(
        estimate.cost,
        cost("61.08", "0.00", "0.00", "0.00", "0.00", "9.75", "61.08")
    );
    assert_eq!(estimate.exact_total, dec("61.080558"));
    let line_sum: Decimal = estimate.lines.iter().map(|line| line.gross).sum();
    assert_eq!(line_sum, dec("61.080558"));
}

// ---------------------------------------------------------------------------------------
// Malformed and misspelled tariffs.

#[test]
fn an_unknown_day_of_week_field_is_reported_as_a_warning_not_ignored() {
    let mut kwh = all_day("0.4529", 19);
    kwh["user_facing_price"] = json!("0.54");
    kwh["dayOfWeek"] = json!("MONDAY");
    let mut document = group_json(json!({"kwh_price": {"ALL": [kwh]}}));
    document["dayOfWeek"] = json!("MONDAY");
    let parsed = PriceGroup::from_value(&document).unwrap();
    let warnings: Vec<(&str, &TariffWarningKind)> = parsed
        .warnings
        .iter()
        .map(|warning| (warning.path.as_str(), &warning.kind))
        .collect();
    assert_eq!(
        warnings,
        [
            ("dayOfWeek", &TariffWarningKind::UnknownField),
            (
                "prices.kwh_price.ALL[0].dayOfWeek",
                &TariffWarningKind::UnknownField
            ),
        ]
    );
    // The misspelled field is ignored for pricing: the band still applies every day.
    let plan = constant_power("10", "22", None);
    let estimate = common::price(
        &parsed.value,
        Berlin,
        at("2026-04-02T13:51:18Z"),
        &plan,
        options(FrozenAtStart, SessionStart, false),
    );
    assert_eq!(estimate.cost.kwh_cost, dec("5.39"));
}

fn kwh_band_error(field: &str, value: Value) -> connect_domain::tariff::TariffError {
    let mut item = all_day("0.4529", 19);
    item[field] = value;
    tariff_error(&group_json(json!({"kwh_price": {"ALL": [item]}})))
}

#[test]
fn an_hour_of_25_is_a_malformed_time_naming_the_field() {
    let error = kwh_band_error("time_from", json!("25:00"));
    assert_eq!(error.path, "prices.kwh_price.ALL[0].time_from");
    assert_eq!(
        error.kind,
        TariffErrorKind::MalformedTime {
            value: "25:00".into()
        }
    );
}

#[test]
fn a_time_without_leading_zeros_is_a_malformed_time_naming_the_field() {
    let error = kwh_band_error("time_to", json!("7:5"));
    assert_eq!(error.path, "prices.kwh_price.ALL[0].time_to");
    assert_eq!(
        error.kind,
        TariffErrorKind::MalformedTime {
            value: "7:5".into()
        }
    );
}

#[test]
fn a_negative_price_is_an_error_naming_the_field() {
    let error = kwh_band_error("gross_price", json!("-0.10"));
    assert_eq!(error.path, "prices.kwh_price.ALL[0].gross_price");
    assert_eq!(
        error.kind,
        TariffErrorKind::Negative {
            value: dec("-0.10")
        }
    );
    let mut item = blocking_band(None, None, "1", 19, "0", Some("-1.00"));
    item["user_facing_price"] = json!("0.02");
    let error = tariff_error(&group_json(json!({"blocking_fee": {"SUNDAY": [item]}})));
    assert_eq!(error.path, "prices.blocking_fee.SUNDAY[0].blocking_cap");
    assert!(matches!(error.kind, TariffErrorKind::Negative { .. }));
}

#[test]
fn a_tax_of_101_percent_is_out_of_range_naming_the_field() {
    let error = kwh_band_error("tax", json!(101));
    assert_eq!(error.path, "prices.kwh_price.ALL[0].tax");
    assert_eq!(
        error.kind,
        TariffErrorKind::TaxOutOfRange {
            value: Decimal::from(101)
        }
    );
    // The boundaries themselves are fine.
    for tax in [0, 100] {
        let mut item = all_day("0.4529", tax);
        item["user_facing_price"] = Value::Null;
        assert!(PriceGroup::from_value(&group_json(json!({"kwh_price": {"ALL": [item]}}))).is_ok());
    }
}

#[test]
fn an_unknown_day_key_is_an_error_naming_the_field() {
    for key in ["Monday", "MON", "WEEKDAYS", "dayOfWeek"] {
        let error = tariff_error(&group_json(
            json!({"time_price": {key: [all_day("1", 19)]}}),
        ));
        assert_eq!(error.path, format!("prices.time_price.{key}"));
        assert_eq!(
            error.kind,
            TariffErrorKind::UnknownDayKey { key: key.into() }
        );
    }
}

#[test]
fn an_error_message_starts_with_the_field_path() {
    let error = kwh_band_error("time_from", json!("25:00"));
    assert!(
        error
            .to_string()
            .starts_with("prices.kwh_price.ALL[0].time_from: "),
        "{error}"
    );
}

// ---------------------------------------------------------------------------------------
// Overlaps across a change of tariff.

#[test]
fn an_overnight_band_running_into_the_first_day_of_a_new_tariff_is_rejected_as_overlapping() {
    // Regression: the winter night band [22:00, 06:00)
    // valid until 2026-04-01 (exclusive) has an instance starting on 2026-03-31 that runs to
    // 06:00 on 2026-04-01, where the summer band [00:00, 08:00) valid from 2026-04-01 is in
    // force too, with another price. The overlap check used to compare the two bands' date
    // ranges without moving the overnight part to the day after, and accepted the tariff; then
    // frozen (band_at prefers the day's own band: 0.40 → 10 kWh = 4.76) and per moment
    // (interval order prefers the night band: 0.20 → 2.38) disagree inside one stretch.
    let dated = |mut item: Value, from: Option<&str>, to: Option<&str>| {
        item["date_from"] = json!(from);
        item["date_to"] = json!(to);
        item
    };
    let document = group_json(json!({"kwh_price": {"ALL": [
        dated(band(Some("06:00"), Some("22:00"), "0.5000", 19), None, Some("2026-04-01")),
        dated(band(Some("22:00"), Some("06:00"), "0.2000", 19), None, Some("2026-04-01")),
        dated(band(Some("00:00"), Some("08:00"), "0.4000", 19), Some("2026-04-01"), None),
        dated(band(Some("08:00"), Some("24:00"), "0.5000", 19), Some("2026-04-01"), None),
    ]}}));
    match PriceGroup::from_value(&document) {
        Err(error) => assert!(
            matches!(error.kind, TariffErrorKind::OverlappingBands { .. }),
            "{error}"
        ),
        Ok(parsed) => {
            let plan = constant_power("10", "10", None);
            let start = at("2026-03-31T23:00:00Z"); // 01:00 CEST on 2026-04-01
            let frozen = common::price(
                &parsed.value,
                Berlin,
                start,
                &plan,
                options(FrozenAtStart, SessionStart, false),
            );
            let per_moment = common::price(
                &parsed.value,
                Berlin,
                start,
                &plan,
                options(PerMoment, SessionStart, false),
            );
            panic!(
                "accepted a tariff with two prices in force on 2026-04-01 00:00–06:00: \
                 frozen kwh_cost {}, per-moment kwh_cost {}",
                frozen.cost.kwh_cost, per_moment.cost.kwh_cost
            );
        }
    }
}
