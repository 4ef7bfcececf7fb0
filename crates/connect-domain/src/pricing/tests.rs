//! Example tests of the engine's interpretations (`docs/pricing.md` cites them by name).

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::*;
use crate::charging::{ChargingPlan, MeterReading};
use crate::tariff::{DayKey, PriceGroup};

const BERLIN: Tz = chrono_tz::Europe::Berlin;

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn band(from: Option<&str>, to: Option<&str>, net: &str) -> Value {
    json!({"time_from": from, "time_to": to, "date_from": null, "date_to": null,
           "gross_price": net, "user_facing_price": null, "grace_period_minutes": null,
           "tax": 19, "blocking_cap": null})
}

fn group(prices: &Value) -> PriceGroup {
    let json = json!({"currency": "EUR", "pre_authorization_amount": "30.00", "prices": prices});
    PriceGroup::from_value(&json).unwrap().value
}

fn constant(kwh: i64, kw: i64, plug_out: Option<DateTime<Utc>>) -> ChargingPlan {
    ChargingPlan::ConstantPower {
        energy_kwh: Decimal::from(kwh),
        power_kw: Decimal::from(kw),
        plug_out,
    }
}

fn price(
    group: &PriceGroup,
    start: &str,
    plan: &ChargingPlan,
    options: PricingOptions,
) -> Estimate {
    estimate(group, BERLIN, at(start), plan, &options).unwrap()
}

fn per_moment() -> PricingOptions {
    PricingOptions::new(BandPolicy::PerMoment, BlockingBasis::SessionStart, false)
}

#[test]
fn a_weekday_key_overrides_all_for_that_day() {
    let group = group(&json!({"kwh_price": {
        "ALL": [band(None, None, "0.50")],
        "SUNDAY": [band(None, None, "0.30")],
    }}));
    let plan = constant(10, 10, None);
    // Sunday 5 July 2026, noon in Berlin: 10 kWh × 0.30 × 1.19 = 3.57.
    let sunday = price(
        &group,
        "2026-07-05T10:00:00Z",
        &plan,
        PricingOptions::default(),
    );
    assert_eq!(sunday.cost.kwh_cost, dec("3.57"));
    // Monday: ALL applies, 10 × 0.50 × 1.19 = 5.95.
    let monday = price(
        &group,
        "2026-07-06T10:00:00Z",
        &plan,
        PricingOptions::default(),
    );
    assert_eq!(monday.cost.kwh_cost, dec("5.95"));
}

#[test]
fn date_from_is_inclusive_and_date_to_exclusive_in_local_dates() {
    let mut summer = band(None, None, "0.30");
    summer["date_from"] = json!("2026-07-01");
    summer["date_to"] = json!("2026-07-02");
    let group = group(&json!({"kwh_price": {"ALL": [summer]}}));
    let plan = constant(1, 1, None);
    // 00:30 on 1 July in Berlin is 22:30 UTC on 30 June: inside (local date 1 July).
    let inside = price(
        &group,
        "2026-06-30T22:30:00Z",
        &plan,
        PricingOptions::default(),
    );
    assert_eq!(inside.cost.kwh_cost, dec("0.36"));
    // 00:30 on 2 July local: outside, free, with a warning.
    let outside = price(
        &group,
        "2026-07-01T22:30:00Z",
        &plan,
        PricingOptions::default(),
    );
    assert_eq!(outside.cost.kwh_cost, dec("0.00"));
    assert_eq!(
        outside.warnings,
        [PricingWarning::NoBandAtStart {
            component: ComponentKind::Energy
        }]
    );
}

#[test]
fn end_of_day_may_be_written_as_null_00_00_or_24_00() {
    let plan = constant(2, 1, None); // 2 hours at 1 kW, 22:30–00:30 local
    for to in [None, Some("00:00"), Some("24:00")] {
        let group = group(&json!({"kwh_price": {"ALL": [
            band(Some("06:00"), to, "0.50"),
            band(Some("00:00"), Some("06:00"), "0.20"),
        ]}}));
        let cost = price(&group, "2026-07-01T20:30:00Z", &plan, per_moment());
        // 22:30–24:00: 1.5 kWh × 0.50, 00:00–00:30: 0.5 kWh × 0.20 → 0.85 net → 1.0115
        assert_eq!(cost.cost.kwh_cost, dec("1.01"), "time_to {to:?}");
        assert_eq!(cost.warnings, []);
    }
}

#[test]
fn a_moment_no_band_covers_is_free_with_a_warning() {
    let group = group(&json!({"kwh_price": {"ALL": [band(Some("08:00"), Some("20:00"), "0.50")]}}));
    // 19:00–21:00 local: the second hour is uncovered.
    let cost = price(
        &group,
        "2026-07-01T17:00:00Z",
        &constant(2, 1, None),
        per_moment(),
    );
    assert_eq!(cost.cost.kwh_cost, dec("0.60")); // 1 × 0.50 × 1.19 = 0.595
    assert_eq!(
        cost.warnings,
        [PricingWarning::UncoveredTime {
            component: ComponentKind::Energy,
            from: at("2026-07-01T18:00:00Z"),
            to: at("2026-07-01T19:00:00Z"),
        }]
    );
}

#[test]
fn the_starting_fee_is_waived_at_partner_stations_and_without_energy() {
    let group = group(&json!({
        "kwh_price": {"ALL": [band(None, None, "0.40")]},
        "session_fee": {"ALL": [band(None, None, "0.4202")]},
        "starting_fee": {"ALL": [band(None, None, "0.4958")]},
    }));
    let plan = constant(10, 10, None);
    let other = price(
        &group,
        "2026-07-01T10:00:00Z",
        &plan,
        PricingOptions::default(),
    );
    assert_eq!(other.cost.starting_fee_cost, dec("0.59"));
    assert_eq!(other.cost.session_fee_cost, dec("0.50"));

    let partner = PricingOptions::new(BandPolicy::FrozenAtStart, BlockingBasis::SessionStart, true);
    let at_partner = price(&group, "2026-07-01T10:00:00Z", &plan, partner);
    assert_eq!(at_partner.cost.starting_fee_cost, dec("0.00"));
    assert_eq!(
        at_partner.warnings,
        [PricingWarning::StartingFeeWaivedAtPartner]
    );

    let nothing = constant(0, 10, Some(at("2026-07-01T10:05:00Z")));
    let no_energy = price(
        &group,
        "2026-07-01T10:00:00Z",
        &nothing,
        PricingOptions::default(),
    );
    assert_eq!(no_energy.cost.starting_fee_cost, dec("0.00"));
    assert_eq!(no_energy.cost.session_fee_cost, dec("0.50"));
    assert_eq!(no_energy.cost.invoice_summary, dec("0.50"));
}

#[test]
fn the_cap_in_force_when_blocking_begins_caps_the_whole_session() {
    let mut day = band(Some("06:00"), Some("22:00"), "6.00");
    day["grace_period_minutes"] = json!(0);
    day["blocking_cap"] = json!("20.00");
    let mut night = band(Some("22:00"), Some("06:00"), "6.00");
    night["grace_period_minutes"] = json!(0);
    night["blocking_cap"] = json!("5.00");
    let group = group(&json!({"blocking_fee": {"ALL": [day, night]}}));
    // Plugged in 21:30–01:30 local, no energy: 4 h × 6.00 × 1.19 = 28.56 uncapped.
    let plan = constant(0, 1, Some(at("2026-07-01T23:30:00Z")));
    let cost = price(&group, "2026-07-01T19:30:00Z", &plan, per_moment());
    // Blocking began under the day band: its cap holds for the session, even though the
    // night band that follows has a stricter one (staying longer never lowers the fee).
    assert_eq!(cost.cost.blocking_fee_cost, dec("20.00"));
    assert_eq!(
        cost.blocking_cap_applied,
        Some(CapApplied {
            cap: dec("20.00"),
            uncapped: dec("28.56")
        })
    );
    // Plugged in at 22:30 instead, blocking begins under the night band: 5.00.
    let plan = constant(0, 1, Some(at("2026-07-02T00:30:00Z")));
    let night_start = price(&group, "2026-07-01T20:30:00Z", &plan, per_moment());
    assert_eq!(night_start.cost.blocking_fee_cost, dec("5.00"));
}

#[test]
fn a_cap_finer_than_the_minor_unit_is_billed_rounded_down() {
    let mut blocking = band(None, None, "600");
    blocking["grace_period_minutes"] = json!(0);
    blocking["blocking_cap"] = json!("1250.50");
    let json = json!({"currency": "JPY", "pre_authorization_amount": "5000",
                      "prices": {"blocking_fee": {"ALL": [blocking]}}});
    let group = PriceGroup::from_value(&json).unwrap().value;
    let plan = constant(0, 1, Some(at("2026-07-01T13:00:00Z")));
    let cost = price(
        &group,
        "2026-07-01T10:00:00Z",
        &plan,
        PricingOptions::default(),
    );
    // 3 h × 600 × 1.19 = 2142 uncapped; the cap 1250.50 can only be billed as 1250.
    assert_eq!(cost.cost.blocking_fee_cost.to_string(), "1250");
    assert_eq!(cost.cost.invoice_summary.to_string(), "1250");
    // And the cap reported is the one billed.
    let applied = cost.blocking_cap_applied.unwrap();
    assert_eq!(applied.cap.to_string(), "1250");
}

#[test]
fn a_cap_cut_across_two_tax_rates_bills_exactly_the_cap() {
    // Blocking from plug-in at 10:00 local: 10–11 at 0.55 net + 10 % (0.605), from 11 at
    // 1.00 net + 0 %, capped at 1.005. The cap takes 0.605 at 10 % and 0.400 at 0 %,
    // which round to 0.61 + 0.40 = 1.01: one cent comes off the latest rate's part.
    let blocking = |from: &str, to: &str, net: &str, tax: u32, shown: &str| {
        let mut band = band(Some(from), Some(to), net);
        band["tax"] = json!(tax);
        band["user_facing_price"] = json!(shown);
        band["grace_period_minutes"] = json!(0);
        band["blocking_cap"] = json!("1.005");
        band
    };
    let group = group(&json!({"blocking_fee": {"ALL": [
        blocking("10:00", "11:00", "0.55", 10, "0.01"),
        blocking("11:00", "10:00", "1.00", 0, "0.02"),
    ]}}));
    let plan = constant(0, 1, Some(at("2026-07-01T10:00:00Z")));
    let cost = price(&group, "2026-07-01T08:00:00Z", &plan, per_moment());
    assert_eq!(cost.cost.blocking_fee_cost, dec("1.00"));
    assert_eq!(cost.cost.invoice_summary, dec("1.00"));
    // VAT from the parts as billed: 0.61 at 10 % holds 0.06, 0.39 at 0 % none.
    assert_eq!(cost.cost.invoice_vat, dec("0.06"));
}

#[test]
fn vat_is_extracted_per_tax_rate_from_the_rounded_components() {
    let mut reduced = band(None, None, "0.4201");
    reduced["tax"] = json!(7);
    let group = group(&json!({
        "kwh_price": {"ALL": [band(None, None, "0.4529")]},
        "session_fee": {"ALL": [reduced]},
    }));
    let cost = price(
        &group,
        "2026-07-01T10:00:00Z",
        &constant(10, 22, None),
        PricingOptions::default(),
    );
    // kWh 5.3895 → 5.39 at 19 %: VAT 5.39 × 19 / 119 = 0.8606 → 0.86.
    // Fee 0.4201 × 1.07 = 0.449507 → 0.45 at 7 %: VAT 0.45 × 7 / 107 = 0.0294 → 0.03.
    assert_eq!(cost.cost.kwh_cost, dec("5.39"));
    assert_eq!(cost.cost.session_fee_cost, dec("0.45"));
    assert_eq!(cost.cost.invoice_vat, dec("0.89"));
    assert_eq!(cost.cost.invoice_summary, dec("5.84"));
    let shares: Vec<_> = cost
        .vat
        .iter()
        .map(|s| (s.tax_percent, s.gross, s.vat))
        .collect();
    assert_eq!(
        shares,
        [
            (dec("7"), dec("0.45"), dec("0.03")),
            (dec("19"), dec("5.39"), dec("0.86"))
        ]
    );
}

#[test]
fn time_price_bills_only_the_time_energy_flows() {
    let group = group(&json!({"time_price": {"ALL": [band(None, None, "6.00")]}}));
    let plan = ChargingPlan::Meter {
        readings: vec![
            MeterReading {
                at: at("2026-07-01T10:30:00Z"),
                energy_kwh: dec("5"),
            },
            MeterReading {
                at: at("2026-07-01T11:30:00Z"),
                energy_kwh: dec("5"),
            },
            MeterReading {
                at: at("2026-07-01T11:45:00Z"),
                energy_kwh: dec("7"),
            },
        ],
        plug_out: Some(at("2026-07-01T13:00:00Z")),
    };
    // 45 minutes of charging × 6.00/h = 4.50 net → 5.355 → 5.36.
    let cost = price(&group, "2026-07-01T10:00:00Z", &plan, per_moment());
    assert_eq!(cost.cost.time_cost, dec("5.36"));
    assert_eq!(cost.session.charging_seconds, dec("2700"));
}

#[test]
fn grace_counts_from_the_start_or_from_the_end_of_charging() {
    let mut blocking = band(None, None, "6.00");
    blocking["grace_period_minutes"] = json!(60);
    let group = group(&json!({"blocking_fee": {"ALL": [blocking]}}));
    // Charges 2 h, leaves after 3 h.
    let plan = constant(22, 11, Some(at("2026-07-01T13:00:00Z")));
    let from_start = price(
        &group,
        "2026-07-01T10:00:00Z",
        &plan,
        PricingOptions::default(),
    );
    // Billed 11:00–13:00: 2 h × 6.00 × 1.19 = 14.28.
    assert_eq!(from_start.cost.blocking_fee_cost, dec("14.28"));
    let idle = PricingOptions::new(
        BandPolicy::FrozenAtStart,
        BlockingBasis::ChargingComplete,
        false,
    );
    let from_end = price(&group, "2026-07-01T10:00:00Z", &plan, idle);
    // Charging ends 12:00, grace until 13:00: nothing billed.
    assert_eq!(from_end.cost.blocking_fee_cost, dec("0.00"));
}

#[test]
fn frozen_at_start_keeps_the_start_price_for_the_whole_session() {
    let group = group(&json!({"kwh_price": {"ALL": [
        band(Some("06:00"), Some("22:00"), "0.50"),
        band(Some("22:00"), Some("06:00"), "0.30"),
    ]}}));
    // 21:00–23:00 local, 1 kWh per hour.
    let plan = constant(2, 1, None);
    let frozen = price(
        &group,
        "2026-07-01T19:00:00Z",
        &plan,
        PricingOptions::default(),
    );
    assert_eq!(frozen.cost.kwh_cost, dec("1.19")); // 2 × 0.50 × 1.19
    let moment = price(&group, "2026-07-01T19:00:00Z", &plan, per_moment());
    assert_eq!(moment.cost.kwh_cost, dec("0.95")); // (0.50 + 0.30) × 1.19 = 0.952
    assert_eq!(moment.lines.len(), 2);
    assert_eq!(moment.lines[1].band.day, DayKey::All);
    assert_eq!(moment.lines[1].from, at("2026-07-01T20:00:00Z"));
}

#[test]
fn exceeding_the_pre_authorization_is_reported() {
    let group = group(&json!({"kwh_price": {"ALL": [band(None, None, "0.50")]}}));
    let small = price(
        &group,
        "2026-07-01T10:00:00Z",
        &constant(50, 50, None),
        PricingOptions::default(),
    );
    assert_eq!(small.cost.invoice_summary, dec("29.75"));
    assert!(!small.exceeds_pre_authorization);
    let large = price(
        &group,
        "2026-07-01T10:00:00Z",
        &constant(51, 50, None),
        PricingOptions::default(),
    );
    assert_eq!(large.cost.invoice_summary, dec("30.35"));
    assert!(large.exceeds_pre_authorization);
    assert_eq!(large.pre_authorization_amount, dec("30.00"));
}

#[test]
fn an_invoice_billed_per_moment_is_explained_as_the_other_policy() {
    let group = group(&json!({"kwh_price": {"ALL": [
        band(Some("06:00"), Some("22:00"), "0.50"),
        band(Some("22:00"), Some("06:00"), "0.30"),
    ]}}));
    let session = FinishedSession {
        start: at("2026-07-01T19:00:00Z"),
        end: at("2026-07-01T21:00:00Z"),
        consumption: Consumption::Energy {
            energy_kwh: dec("2"),
            charging_end: None,
        },
    };
    let billed = SessionCost {
        kwh_cost: dec("0.95"),
        time_cost: Decimal::ZERO,
        session_fee_cost: Decimal::ZERO,
        blocking_fee_cost: Decimal::ZERO,
        starting_fee_cost: Decimal::ZERO,
        invoice_vat: dec("0.15"),
        invoice_summary: dec("0.95"),
        currency: "eur".into(),
    };
    let check = check_invoice(
        &group,
        BERLIN,
        &session,
        &PricingOptions::default(),
        &billed,
    )
    .unwrap();
    assert!(!check.matches);
    let kwh = &check.differences[0];
    assert_eq!(
        (kwh.field, kwh.expected, kwh.delta),
        ("kwh_cost", dec("1.19"), dec("-0.24"))
    );
    assert_eq!(
        kwh.explanations,
        [Explanation::OtherBandPolicy {
            policy: BandPolicy::PerMoment
        }]
    );
    let same = check_invoice(&group, BERLIN, &session, &per_moment(), &billed).unwrap();
    assert!(same.matches, "{:?}", same.differences);
}

#[test]
fn an_invoice_in_another_currency_is_refused() {
    let group = group(&json!({"kwh_price": {"ALL": [band(None, None, "0.50")]}}));
    let session = FinishedSession {
        start: at("2026-07-01T19:00:00Z"),
        end: at("2026-07-01T21:00:00Z"),
        consumption: Consumption::Energy {
            energy_kwh: dec("2"),
            charging_end: None,
        },
    };
    let mut billed: SessionCost = serde_json::from_value(json!({"kwh_cost": "1.19",
        "time_cost": null, "session_fee_cost": "0.00", "blocking_fee_cost": "0.00",
        "starting_fee_cost": "0.00", "invoice_vat": "0.19", "invoice_summary": "1.19",
        "currency": "eur"}))
    .unwrap();
    assert!(
        check_invoice(
            &group,
            BERLIN,
            &session,
            &PricingOptions::default(),
            &billed
        )
        .unwrap()
        .matches
    );
    billed.currency = "chf".into();
    assert!(matches!(
        check_invoice(
            &group,
            BERLIN,
            &session,
            &PricingOptions::default(),
            &billed
        ),
        Err(PricingError::CurrencyMismatch { .. })
    ));
}

#[test]
fn cheapest_start_under_per_moment_moves_the_whole_charge_into_the_night() {
    let group = group(&json!({"kwh_price": {"ALL": [
        band(Some("06:00"), Some("22:00"), "0.50"),
        band(Some("22:00"), Some("06:00"), "0.30"),
    ]}}));
    // 3 hours of charging; window 18:00–24:00 local.
    let plan = constant(33, 11, None);
    let best = cheapest_start(
        &group,
        BERLIN,
        at("2026-07-01T16:00:00Z"),
        at("2026-07-01T22:00:00Z"),
        &plan,
        &per_moment(),
    )
    .unwrap();
    // Earliest start with all three hours at night: 22:00 local.
    assert_eq!(best.start, at("2026-07-01T20:00:00Z"));
    assert_eq!(best.estimate.cost.kwh_cost, dec("11.78")); // 33 × 0.30 × 1.19 = 11.781
    assert_eq!(best.now.cost.kwh_cost, dec("19.64")); // 33 × 0.50 × 1.19 = 19.635
    assert_eq!(best.saving, dec("7.86"));
    let late = at("2026-07-01T22:00:00Z") - Duration::hours(1);
    assert!(matches!(
        cheapest_start(
            &group,
            BERLIN,
            late,
            late - Duration::hours(1),
            &plan,
            &per_moment()
        ),
        Err(PricingError::EmptyWindow { field: "latest" })
    ));
}

#[test]
fn display_queries_at_the_calendar_limits_answer_empty_instead_of_overflowing() {
    let group = group(&json!({"kwh_price": {"ALL": [band(None, None, "0.50")]}}));
    assert_eq!(
        price_at(group.tariff(), BERLIN, DateTime::<Utc>::MAX_UTC),
        []
    );
    let everything = price_timeline(
        group.tariff(),
        BERLIN,
        DateTime::<Utc>::MIN_UTC,
        DateTime::<Utc>::MAX_UTC,
    );
    assert_eq!(everything, []);
    let year = Duration::days(367);
    let start = at("2026-07-01T10:00:00Z");
    assert!(matches!(
        cheapest_start(
            &group,
            BERLIN,
            start,
            start + year,
            &constant(1, 1, None),
            &per_moment()
        ),
        Err(PricingError::WindowTooLong {
            field: "latest",
            max_days: 366
        })
    ));
}

#[test]
fn an_amount_exactly_on_a_half_cent_rounds_away_from_zero_despite_band_cuts() {
    // Issue 12: energy at the 12:00 cut is 22 kW × 23 min = 8.4333… kWh; interpolated to
    // 12 decimals first, the amount came to 56.04499… and rounded to 56.04.
    let taxed = |from: Option<&str>, to: Option<&str>, net: &str| {
        let mut band = band(from, to, net);
        band["tax"] = json!(20);
        band
    };
    let energy = json!({"ALL": [
        taxed(Some("00:00"), Some("12:00"), "0.425"),
        taxed(Some("12:00"), Some("14:00"), "0.98"),
        taxed(Some("14:00"), Some("00:00"), "0"),
    ]});
    let estimate_of = |prices: &Value| {
        let kolkata: Tz = chrono_tz::Asia::Kolkata;
        let plan = constant(66, 22, None);
        estimate(
            &group(prices),
            kolkata,
            at("2026-06-10T06:07:00Z"),
            &plan,
            &per_moment(),
        )
        .unwrap()
    };
    let plain = estimate_of(&json!({"kwh_price": energy}));
    // Exactly (0.425 × 8.4333… + 0.98 × 44) × 1.20 = 46.7041666… × 1.20 = 56.045.
    assert_eq!(plain.cost.kwh_cost, dec("56.05"));
    assert_eq!(plain.cost.invoice_summary, dec("56.05"));

    // The same with a capped blocking fee: the cap rounds the blocking fee its own way,
    // never the energy.
    let mut blocking = taxed(None, None, "1.00");
    blocking["grace_period_minutes"] = json!(0);
    blocking["blocking_cap"] = json!("0.50");
    let capped = estimate_of(&json!({"kwh_price": energy, "blocking_fee": {"ALL": [blocking]}}));
    assert!(capped.blocking_cap_applied.is_some());
    assert_eq!(capped.cost.kwh_cost, dec("56.05"));
    assert_eq!(capped.cost.blocking_fee_cost, dec("0.50"));
}
