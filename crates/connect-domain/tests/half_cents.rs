//! Amounts built to land exactly on half a cent, against exact rational arithmetic.
//!
//! A kWh tariff with a cut at local time `c`: band A `[00:00, c)` at `p2 + q`, band B
//! `[c, 24:00)` at `p2`, one tax rate. A meter session of `E` kWh over `D` seconds crosses
//! the cut `s` seconds after plug-in. Then, exactly,
//!
//! ```text
//! gross = f × (p2 × E + q × E × s / D)        f = 1 + tax / 100
//! ```
//!
//! `q × E × s / D` is a repeating decimal whenever `s / D` is (energy at the cut is then
//! not a finite decimal: the engine used to round it to 12 decimals first), but `q` is a
//! multiple of 9/1000 so that `f × q × E × s / D` is finite. `p2` is then solved so that
//! the gross is a chosen half cent: the VAT-inclusive energy cost must round away from zero,
//! and agree with the per-second oracle computing in exact fractions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{Duration, NaiveDate, TimeZone};
use common::arb::{self, SessionSpec};
use common::oracle::{Oracle, OracleSession};
use connect_domain::pricing::{BandPolicy, BlockingBasis};
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;
use serde_json::json;

/// Numbers of the form 2^a × 5^b: their reciprocals are finite decimals.
const FINITE_RECIPROCALS: [i64; 40] = [
    1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 40, 50, 64, 80, 100, 125, 128, 160, 200, 250, 256, 320, 400,
    500, 512, 625, 640, 800, 1000, 1024, 1250, 1280, 1600, 2000, 2048, 2500, 2560, 3125, 3200,
    4000,
];

/// Tax rates whose `1 + tax / 100` has a finite reciprocal.
const TAXES: [i64; 4] = [0, 25, 28, 60];

/// One case: the tariff's prices and the session, with the half cent it must cost.
#[derive(Debug, Clone)]
struct Case {
    session: SessionSpec,
    tax: i64,
    band_a: Decimal,
    band_b: Decimal,
    cut: String,
    half_cent: Decimal,
}

fn case() -> impl Strategy<Value = Option<Case>> {
    (
        arb::zone(),
        arb::year(),
        0_u32..365,
        (8_u32..14, select(vec![0_u32, 15, 30, 45])),
        1_i64..3600,
        select(FINITE_RECIPROCALS[3..20].to_vec()),
        0_usize..4,
        1_i64..200,
        select(TAXES.to_vec()),
        10_i64..80,
    )
        .prop_map(
            |(zone, year, day, (hour, minute), s, power, step, k, tax, base_cents)| {
                // Never a multiple of 3 seconds: energy at the cut is then a repeating
                // decimal, the case the engine got wrong.
                let s = 3 * s + 1 + s % 2;
                // The shortest session of D = 9m seconds past the cut, or a few longer.
                let first = FINITE_RECIPROCALS.iter().position(|m| 9 * m > s + 60)?;
                let m = *FINITE_RECIPROCALS.get(first + step)?;
                build(
                    zone,
                    year,
                    day,
                    hour * 60 + minute,
                    s,
                    power,
                    m,
                    k,
                    tax,
                    base_cents,
                )
            },
        )
}

#[allow(clippy::too_many_arguments, clippy::many_single_char_names)]
fn build(
    zone: chrono_tz::Tz,
    year: i32,
    day: u32,
    cut_minute: u32,
    s: i64,
    power: i64,
    m: i64,
    k: i64,
    tax: i64,
    base_cents: i64,
) -> Option<Case> {
    let date = NaiveDate::from_yo_opt(year, day + 1)?;
    let cut_local = date.and_hms_opt(cut_minute / 60, cut_minute % 60, 0)?;
    let cut = zone.from_local_datetime(&cut_local).single()?.to_utc();
    let start = cut - Duration::seconds(s);
    // D = 9m seconds; E = power × D / 3600 = power × m / 400 kWh, a finite decimal.
    let length = 9 * m;
    let end = start + Duration::seconds(length);
    let local = |instant: chrono::DateTime<chrono::Utc>| instant.with_timezone(&zone);
    // The session stays on the cut's local date, away from midnight, and crosses the cut.
    if length <= s + 60
        || local(start).date_naive() != date
        || local(end).date_naive() != date
        || local(end).time() > chrono::NaiveTime::from_hms_opt(23, 0, 0)?
    {
        return None;
    }
    let energy = Decimal::from(power * m) / Decimal::from(400);
    let f = Decimal::from(100 + tax) / Decimal::ONE_HUNDRED;
    let q = Decimal::new(9 * k, 3);
    // f × q × E × s / D, finite because 9 divides q's numerator.
    let c = f * q * energy * Decimal::from(s) / Decimal::from(length);
    let rough = c + f * energy * Decimal::new(base_cents, 2);
    let half_cent = rough.trunc_with_scale(2) + Decimal::new(5, 3);
    let band_b = (half_cent - c) / (f * energy);
    if band_b <= Decimal::ZERO || band_b * f * energy + c != half_cent || band_b.scale() > 20 {
        return None;
    }
    Some(Case {
        session: SessionSpec {
            zone,
            start,
            readings: vec![(length, energy)],
            plug_out: None,
        },
        tax,
        band_a: band_b + q,
        band_b,
        cut: format!("{:02}:{:02}", cut_minute / 60, cut_minute % 60),
        half_cent,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn amounts_on_a_half_cent_round_away_from_zero_like_exact_fractions(case in case()) {
        let Some(case) = case else { return Err(TestCaseError::reject("not a half-cent case")) };
        let band = |from: &str, to: &str, price: Decimal| json!({
            "time_from": from, "time_to": to, "date_from": null, "date_to": null,
            "gross_price": price.to_string(), "user_facing_price": null,
            "grace_period_minutes": null, "tax": case.tax, "blocking_cap": null
        });
        let group = common::group(json!({"kwh_price": {"ALL": [
            band("00:00", &case.cut, case.band_a),
            band(&case.cut, "00:00", case.band_b),
        ]}}));
        let options = common::options(BandPolicy::PerMoment, BlockingBasis::SessionStart, false);
        let estimate = common::price(
            &group, case.session.zone, case.session.start, &case.session.plan(), options,
        );
        let away_from_zero = case.half_cent + Decimal::new(5, 3);
        prop_assert_eq!(estimate.cost.kwh_cost, away_from_zero, "{:?}", case);
        let oracle_session = OracleSession::of(&case.session);
        let oracle = Oracle::new(group.tariff(), case.session.zone, &oracle_session);
        let expected = oracle.price(BandPolicy::PerMoment, BlockingBasis::SessionStart, false);
        prop_assert_eq!(&estimate.cost, &expected.cost, "{:?}", case);
    }
}
