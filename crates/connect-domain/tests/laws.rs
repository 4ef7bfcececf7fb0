//! Laws every priced session obeys, whatever the tariff: how the money adds up, what can
//! only grow, what must not change, when the two band policies agree, that parsing never
//! panics, and that the cheapest start is really the cheapest.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use common::arb::{self, SessionSpec, TariffConfig, TariffSpec};
use common::oracle::{self, round_money};
use common::{dec, options, price};
use connect_domain::charging::ChargingPlan;
use connect_domain::pricing::{
    BandPolicy, BlockingBasis, Estimate, PricingOptions, SessionCost, Unit, cheapest_start,
    estimate,
};
use connect_domain::tariff::{ComponentKind, PriceGroup};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use rust_decimal::Decimal;
use serde_json::{Map, Number, Value, json};

fn policy() -> impl Strategy<Value = BandPolicy> {
    select(vec![BandPolicy::FrozenAtStart, BandPolicy::PerMoment])
}

fn basis() -> impl Strategy<Value = BlockingBasis> {
    select(vec![
        BlockingBasis::SessionStart,
        BlockingBasis::ChargingComplete,
    ])
}

fn pricing() -> impl Strategy<Value = PricingOptions> {
    (policy(), basis(), any::<bool>()).prop_map(|(p, b, partner)| options(p, b, partner))
}

fn components(cost: &SessionCost) -> [Decimal; 5] {
    ComponentKind::ALL.map(|kind| cost.component(kind))
}

fn estimate_of(session: &SessionSpec, group: &PriceGroup, options: PricingOptions) -> Estimate {
    price(group, session.zone, session.start, &session.plan(), options)
}

/// Tariffs whose components have one tax rate each (so a component's amount has one rate).
const ONE_RATE: TariffConfig = TariffConfig {
    one_tax_per_component: true,
    gaps: true,
    presence: 0.6,
};

/// `amount × rate / (100 + rate)`, rounded to `digits` decimals.
fn vat_in(amount: Decimal, rate: Decimal, digits: u32) -> Decimal {
    round_money(amount * rate / (Decimal::ONE_HUNDRED + rate), digits)
}

/// The same tariff with one blocking cap (or none) on every blocking band, for laws about
/// the cap itself.
fn one_cap(mut tariff: TariffSpec, cap: Option<&str>) -> TariffSpec {
    for component in &mut tariff.components {
        if component.kind == ComponentKind::Blocking {
            for band in component
                .days
                .iter_mut()
                .flat_map(|(_, bands)| bands.iter_mut())
            {
                band.terms.cap = cap.map(str::to_owned);
            }
        }
    }
    tariff
}

/// Constant power: `milli_kwh` at `deci_kw`, leaving when done.
fn constant(milli_kwh: i64, deci_kw: i64, plug_out: Option<DateTime<Utc>>) -> ChargingPlan {
    ChargingPlan::ConstantPower {
        energy_kwh: Decimal::new(milli_kwh, 3),
        power_kw: Decimal::new(deci_kw, 1),
        plug_out,
    }
}

// ---------------------------------------------------------------------------------------
// How the money adds up.

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn the_total_is_the_sum_of_the_five_components_and_nothing_is_negative(
        (session, tariff) in arb::session_and_tariff(4, 8 * 3600, TariffConfig::ANY),
        options in pricing(),
    ) {
        let estimate = estimate_of(&session, &tariff.group(), options);
        let cost = &estimate.cost;
        let sum: Decimal = components(cost).iter().sum();
        prop_assert_eq!(cost.invoice_summary, sum);
        for amount in components(cost).into_iter().chain([cost.invoice_vat, cost.invoice_summary]) {
            prop_assert!(amount >= Decimal::ZERO, "{:?}", cost);
            prop_assert!(!amount.is_sign_negative(), "negative zero in {:?}", cost);
        }
        prop_assert!(cost.invoice_vat <= cost.invoice_summary);
        for line in &estimate.lines {
            prop_assert!(line.quantity >= Decimal::ZERO && line.gross >= Decimal::ZERO, "{:?}", line);
        }
    }

    #[test]
    fn the_vat_is_extracted_per_rate_from_the_rounded_component_amounts(
        (session, tariff) in arb::session_and_tariff(4, 8 * 3600, ONE_RATE),
        options in pricing(),
    ) {
        let group = tariff.group();
        let digits = group.tariff().currency().minor_units();
        let estimate = estimate_of(&session, &group, options);
        let cost = &estimate.cost;
        // From the shares: each share's VAT is extracted from its rounded gross, the VAT is
        // their sum and the shares' gross adds up to the total.
        for share in &estimate.vat {
            prop_assert_eq!(share.vat, vat_in(share.gross, share.tax_percent, digits), "{:?}", share);
        }
        prop_assert_eq!(cost.invoice_vat, estimate.vat.iter().map(|s| s.vat).sum::<Decimal>());
        prop_assert_eq!(cost.invoice_summary, estimate.vat.iter().map(|s| s.gross).sum::<Decimal>());
        // From the components: with one rate per component, sum the components per rate and
        // extract the VAT of each rate once.
        let mut per_rate: BTreeMap<Decimal, Decimal> = BTreeMap::new();
        for component in group.tariff().components() {
            if let Some(band) = component.all_bands().next() {
                *per_rate.entry(band.tax_percent()).or_default() += cost.component(component.kind());
            }
        }
        let vat: Decimal = per_rate.iter().map(|(rate, amount)| vat_in(*amount, *rate, digits)).sum();
        prop_assert_eq!(cost.invoice_vat, vat);
    }
}

// ---------------------------------------------------------------------------------------
// What can only grow.

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn more_energy_at_the_same_power_never_costs_less(
        (session, tariff) in arb::session_and_tariff(0, 60, ONE_RATE),
        milli_kwh in 0..=60_000_i64,
        more in 0..=30_000_i64,
        deci_kw in 10..=500_i64,
        options in pricing(),
    ) {
        // Each blocking band draws its own cap: the session cap is fixed when blocking
        // begins, so staying longer can never lower the fee.
        let group = tariff.group();
        let less = price(&group, session.zone, session.start, &constant(milli_kwh, deci_kw, None), options);
        let more = price(&group, session.zone, session.start, &constant(milli_kwh + more, deci_kw, None), options);
        prop_assert!(more.cost.invoice_summary >= less.cost.invoice_summary, "{:?}\n{:?}", less.cost, more.cost);
        for (a, b) in components(&less.cost).into_iter().zip(components(&more.cost)) {
            prop_assert!(b >= a, "{:?}\n{:?}", less.cost, more.cost);
        }
    }

    #[test]
    fn a_later_plug_out_never_costs_less_and_only_changes_the_blocking_fee(
        (session, tariff) in arb::session_and_tariff(4, 8 * 3600, ONE_RATE),
        later in 1..=24 * 3600_i64,
        options in pricing(),
    ) {
        // Each blocking band draws its own cap: the session cap is fixed when blocking
        // begins, so staying longer can never lower the fee.
        let group = tariff.group();
        let mut staying = session.clone();
        staying.plug_out = Some(session.length() + later);
        let early = estimate_of(&session, &group, options).cost;
        let late = estimate_of(&staying, &group, options).cost;
        prop_assert!(late.invoice_summary >= early.invoice_summary, "{:?}\n{:?}", early, late);
        prop_assert!(late.blocking_fee_cost >= early.blocking_fee_cost);
        for kind in [ComponentKind::Energy, ComponentKind::Time, ComponentKind::SessionFee, ComponentKind::StartingFee] {
            prop_assert_eq!(late.component(kind), early.component(kind), "{}", kind);
        }
    }
}

// ---------------------------------------------------------------------------------------
// What must not change.

/// Inserts a reading at the midpoint of segment `segment` (of an even length in seconds):
/// the interpolated energy there is exact, so it lies on the line.
fn split_meter(session: &SessionSpec, segment: usize) -> SessionSpec {
    let mut split = session.clone();
    let (t0, e0) = if segment == 0 {
        (0, Decimal::ZERO)
    } else {
        session.readings[segment - 1]
    };
    let (t1, e1) = session.readings[segment];
    assert_eq!((t1 - t0) % 2, 0);
    split
        .readings
        .insert(segment, (i64::midpoint(t0, t1), (e0 + e1) / Decimal::TWO));
    split
}

/// Splits one band (chosen by `which`) into two adjacent bands with the same terms, at a
/// minute chosen by `at` before midnight.
fn split_band(tariff: &TariffSpec, which: Index, at: Index) -> Option<TariffSpec> {
    let mut candidates = Vec::new();
    for (c, component) in tariff.components.iter().enumerate() {
        for (d, (_, bands)) in component.days.iter().enumerate() {
            for (b, band) in bands.iter().enumerate() {
                if band.from + 1 < band.to.min(1440) {
                    candidates.push((c, d, b));
                }
            }
        }
    }
    if candidates.is_empty() {
        return None;
    }
    let (c, d, b) = *which.get(&candidates);
    let mut split = tariff.clone();
    let bands = &mut split.components[c].days[d].1;
    let band = bands[b].clone();
    let minutes: Vec<u32> = (band.from + 1..band.to.min(1440)).collect();
    let cut = *at.get(&minutes);
    let mut first = band.clone();
    first.to = cut;
    let mut second = band;
    second.from = cut;
    bands[b] = first;
    bands.insert(b + 1, second);
    Some(split)
}

fn same_money(a: &Estimate, b: &Estimate) -> Result<(), TestCaseError> {
    prop_assert_eq!(&a.cost, &b.cost);
    prop_assert_eq!(&a.vat, &b.vat);
    prop_assert!(
        (a.exact_total - b.exact_total).abs() <= Decimal::new(1, 20),
        "{} vs {}",
        a.exact_total,
        b.exact_total
    );
    prop_assert_eq!(
        a.blocking_cap_applied.is_some(),
        b.blocking_cap_applied.is_some()
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn a_meter_reading_exactly_on_the_line_changes_nothing(
        (mut session, tariff) in arb::session_and_tariff(4, 8 * 3600, TariffConfig::ANY),
        segment in any::<Index>(),
        options in pricing(),
    ) {
        prop_assume!(!session.readings.is_empty());
        // Even segment lengths: double every instant of the profile.
        for reading in &mut session.readings {
            reading.0 *= 2;
        }
        session.plug_out = session.plug_out.map(|s| s * 2);
        let split = split_meter(&session, segment.index(session.readings.len()));
        let group = tariff.group();
        same_money(&estimate_of(&session, &group, options), &estimate_of(&split, &group, options))?;
    }

    #[test]
    fn splitting_a_band_into_two_with_the_same_terms_changes_nothing(
        (session, tariff) in arb::session_and_tariff(4, 8 * 3600, TariffConfig::ANY),
        which in any::<Index>(),
        at in any::<Index>(),
        options in pricing(),
    ) {
        let split = split_band(&tariff, which, at);
        prop_assume!(split.is_some());
        let (whole, halves) = (tariff.group(), split.unwrap().group());
        same_money(&estimate_of(&session, &whole, options), &estimate_of(&session, &halves, options))?;
    }
}

// ---------------------------------------------------------------------------------------
// Blocking fees: grace and cap; one-off fees.

/// A tariff whose blocking bands all have a grace period (at least `grace` minutes).
fn with_blocking_grace(mut tariff: TariffSpec, graces: &[&str], seed: usize) -> TariffSpec {
    for component in &mut tariff.components {
        if component.kind == ComponentKind::Blocking {
            for (i, band) in component
                .days
                .iter_mut()
                .flat_map(|(_, bands)| bands.iter_mut())
                .enumerate()
            {
                band.terms.grace = Some(graces[(seed + i) % graces.len()].to_owned());
            }
        }
    }
    tariff
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn no_blocking_fee_is_charged_when_the_car_leaves_within_the_grace_period(
        (session, tariff) in arb::session_and_tariff(0, 60, TariffConfig { presence: 0.9, ..TariffConfig::ANY }),
        seed in any::<usize>(),
        charging in 0..=6 * 3600_i64,
        stay in 0..=15 * 60_i64,
        milli_kwh in 1..=40_000_i64,
        basis in basis(),
        policy in policy(),
    ) {
        // Every blocking band has at least 15 minutes of grace; the car leaves at most 15
        // minutes after the basis (plug-in, or the end of charging).
        let tariff = with_blocking_grace(tariff, &["15", "30", "240", "15.5"], seed);
        let (charging_end, plug_out) = match basis {
            BlockingBasis::SessionStart => (charging.min(stay), stay),
            _ => (charging, charging + stay),
        };
        let plan = ChargingPlan::Total {
            energy_kwh: if charging_end == 0 { Decimal::ZERO } else { Decimal::new(milli_kwh, 3) },
            charging_end: Some(session.start + Duration::seconds(charging_end)),
            plug_out: session.start + Duration::seconds(plug_out),
        };
        let estimate = price(&tariff.group(), session.zone, session.start, &plan, options(policy, basis, false));
        prop_assert_eq!(estimate.cost.blocking_fee_cost, Decimal::ZERO, "{:?}", estimate.lines);
    }

    #[test]
    fn the_blocking_fee_never_exceeds_its_cap_however_long_the_car_stays(
        (session, tariff) in arb::session_and_tariff(0, 60, TariffConfig { presence: 0.9, ..ONE_RATE }),
        cents in 0..=3000_i64,
        days in 0..=7 * 24 * 3600_i64,
        options in pricing(),
    ) {
        let cap = Decimal::new(cents, 2);
        let mut tariff = one_cap(tariff, Some(&cap.to_string()));
        tariff.currency = "EUR".to_owned();
        let plan = ChargingPlan::Total {
            energy_kwh: dec("20"),
            charging_end: Some(session.start + Duration::hours(2)),
            plug_out: session.start + Duration::hours(2) + Duration::seconds(days),
        };
        let estimate = price(&tariff.group(), session.zone, session.start, &plan, options);
        prop_assert!(estimate.cost.blocking_fee_cost <= cap, "{:?}", estimate.cost);
        if let Some(applied) = &estimate.blocking_cap_applied {
            prop_assert_eq!(applied.cap, cap);
            prop_assert!(applied.uncapped > cap);
            prop_assert_eq!(estimate.cost.blocking_fee_cost, cap);
        }
    }

    #[test]
    fn the_session_fee_is_charged_once_and_the_starting_fee_once_only_for_energy_off_partners(
        (session, mut tariff) in arb::session_and_tariff(4, 8 * 3600, TariffConfig::ANY),
        session_fee in arb::terms(ComponentKind::SessionFee, None),
        starting_fee in arb::terms(ComponentKind::StartingFee, None),
        options in pricing(),
    ) {
        tariff.components.retain(|c| !c.kind.is_one_off());
        for (kind, terms) in [(ComponentKind::SessionFee, &session_fee), (ComponentKind::StartingFee, &starting_fee)] {
            tariff.components.push(arb::ComponentSpec {
                kind,
                days: vec![("ALL".to_owned(), vec![arb::BandSpec {
                    from: 0, to: 1440, spelling: 0, date_from: None, date_to: None, terms: terms.clone(),
                }])],
            });
        }
        let group = tariff.group();
        let digits = group.tariff().currency().minor_units();
        let fee = |terms: &arb::Terms| {
            let net = dec(&terms.price);
            round_money(net * (Decimal::ONE_HUNDRED + terms.tax) / Decimal::ONE_HUNDRED, digits)
        };
        let estimate = estimate_of(&session, &group, options);
        let delivered = !oracle::OracleSession::of(&session).energy().is_zero();
        prop_assert_eq!(estimate.cost.session_fee_cost, fee(&session_fee));
        let starting = if delivered && !options.is_partner { fee(&starting_fee) } else { Decimal::ZERO };
        prop_assert_eq!(estimate.cost.starting_fee_cost, starting);
        let once = estimate.lines.iter().filter(|line| line.unit == Unit::Session).count();
        prop_assert_eq!(once, if delivered && !options.is_partner { 2 } else { 1 });
    }
}

// ---------------------------------------------------------------------------------------
// When the two policies agree.

/// The first whole UTC minute after `start` (up to a day on) at which some component's band
/// changes; band edges are whole local minutes and the zones' offsets whole minutes.
fn next_band_change(tariff: &PriceGroup, zone: Tz, start: i64) -> i64 {
    let bands_at = |second: i64| -> Vec<Option<*const connect_domain::tariff::Band>> {
        tariff
            .tariff()
            .components()
            .map(|component| oracle::band_at(component, zone, second).map(std::ptr::from_ref))
            .collect()
    };
    let at_start = bands_at(start);
    let mut minute = start - start.rem_euclid(60) + 60;
    while minute < start + 86_400 {
        if bands_at(minute) != at_start {
            return minute;
        }
        minute += 60;
    }
    start + 86_400
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn both_policies_agree_when_every_component_has_one_whole_day_band(
        session in arb::session(4, 24 * 3600),
        tariff in arb::whole_day_tariff(),
        basis in basis(),
        is_partner in any::<bool>(),
    ) {
        let group = tariff.group();
        let frozen = estimate_of(&session, &group, options(BandPolicy::FrozenAtStart, basis, is_partner));
        let per_moment = estimate_of(&session, &group, options(BandPolicy::PerMoment, basis, is_partner));
        same_money(&frozen, &per_moment)?;
        prop_assert_eq!(frozen.exact_total, per_moment.exact_total);
    }

    #[test]
    fn both_policies_agree_for_a_session_inside_one_band_of_every_component(
        (session, tariff) in arb::session_and_tariff(4, 3 * 3600, TariffConfig::ANY),
        basis in basis(),
        is_partner in any::<bool>(),
    ) {
        let group = tariff.group();
        let start = session.start.timestamp();
        // Band changes fall on whole seconds: a start on a sub-second must end a second
        // earlier to stay inside.
        let room = next_band_change(&group, session.zone, start)
            - start
            - i64::from(session.start.timestamp_subsec_nanos() > 0);
        let mut inside = session.clone();
        inside.readings.retain(|reading| reading.0 < room);
        inside.plug_out = Some(session.length().min(room).max(inside.readings.last().map_or(0, |r| r.0)));
        let frozen = estimate_of(&inside, &group, options(BandPolicy::FrozenAtStart, basis, is_partner));
        let per_moment = estimate_of(&inside, &group, options(BandPolicy::PerMoment, basis, is_partner));
        same_money(&frozen, &per_moment)?;
    }
}

// ---------------------------------------------------------------------------------------
// Parsing never panics.

/// Any JSON value, nested up to a few levels, with keys that sometimes are the API's.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        select(vec![
            "currency",
            "pre_authorization_amount",
            "prices",
            "kwh_price",
            "time_price",
            "blocking_fee",
            "session_fee",
            "starting_fee",
            "ALL",
            "MONDAY",
            "SUNDAY",
            "time_from",
            "time_to",
            "date_from",
            "date_to",
            "gross_price",
            "user_facing_price",
            "tax",
            "grace_period_minutes",
            "blocking_cap",
            "type",
            "power",
            "evse_ids",
            "local_datetime",
            "is_fallback",
            "dayOfWeek",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z_]{0,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        tricky_number().prop_map(Value::Number),
        tricky_text().prop_map(Value::String),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// Numbers near the edges: huge, tiny, negative zero, many digits.
fn tricky_number() -> impl Strategy<Value = Number> {
    select(vec![
        "0",
        "-0",
        "-0.0",
        "1e300",
        "-1e300",
        "1e-300",
        "1e28",
        "7.9228162514264337593543950335e28",
        "0.0000000000000000000000000001",
        "100.0000000000001",
        "19",
        "19.5",
        "101",
        "-1",
        "18446744073709551615",
        "-9223372036854775808",
        "123456789012345678901234567890",
        "1000000",
        "1000000.01",
        "2.5e-29",
    ])
    .prop_map(|text| text.parse().unwrap())
}

/// Strings the parser reads as times, dates, decimals or currencies, valid and not.
fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "00:00",
            "24:00",
            "23:59",
            "24:01",
            "25:00",
            "7:5",
            "07:60",
            "-1:00",
            "٠١:٠٠",
            "0７:00",
            "2026-02-30",
            "2026-13-01",
            "+2026-01-01",
            "2026-1-01",
            "0000-01-01",
            "9999-12-31",
            "0.4529",
            " 0.10 ",
            "-0.10",
            "-0",
            "1e5",
            "1E-30",
            "1e999999999999",
            "NaN",
            "inf",
            "0x10",
            "79228162514264337593543950336",
            "1.",
            ".5",
            "",
            "EUR",
            "eur",
            "€",
            "EURO",
            "2026-04-02T15:51:18+02:00",
            "2026-04-02T15:51:18",
            "MONDAY",
            "ALL",
        ])
        .prop_map(str::to_owned),
        "[0-9:.eE+-]{0,12}",
    ]
}

/// A valid price group's JSON with a few random edits: values replaced (by tricky ones or
/// random JSON), keys removed or added, values wrapped in arrays or deeply nested.
fn mangled_group() -> impl Strategy<Value = Value> {
    let edit = (
        any::<Index>(),
        0..6_u8,
        json_value(),
        tricky_text(),
        0..200_usize,
    );
    (
        arb::tariff(
            chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            TariffConfig::ANY,
        ),
        proptest::collection::vec(edit, 1..4),
    )
        .prop_map(|(tariff, edits)| {
            let mut document = tariff.to_value();
            for (target, how, replacement, text, depth) in edits {
                mangle(&mut document, target, how, replacement, text, depth);
            }
            document
        })
}

/// All the paths into a JSON value (object keys and array positions).
fn paths(value: &Value, prefix: &mut Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    out.push(prefix.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                prefix.push(PathStep::Key(key.clone()));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                prefix.push(PathStep::Index(i));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn node<'a>(value: &'a mut Value, path: &[PathStep]) -> &'a mut Value {
    path.iter().fold(value, |value, step| match step {
        PathStep::Key(key) => &mut value[key.as_str()],
        PathStep::Index(i) => &mut value[*i],
    })
}

fn mangle(
    document: &mut Value,
    target: Index,
    how: u8,
    replacement: Value,
    text: String,
    depth: usize,
) {
    let mut all = Vec::new();
    paths(document, &mut Vec::new(), &mut all);
    let path = target.get(&all).clone();
    match how {
        0 => *node(document, &path) = replacement,
        1 => *node(document, &path) = Value::String(text),
        2 => {
            // Remove the node from its parent.
            if let Some((last, parent)) = path.split_last() {
                match (node(document, parent), last) {
                    (Value::Object(map), PathStep::Key(key)) => {
                        map.remove(key);
                    }
                    (Value::Array(items), PathStep::Index(i)) => {
                        items.remove(*i);
                    }
                    _ => {}
                }
            }
        }
        3 => {
            if let Value::Object(map) = node(document, &path) {
                map.insert(text, replacement);
            }
        }
        4 => {
            let target = node(document, &path);
            *target = Value::Array(vec![target.take()]);
        }
        _ => {
            // Deep nesting (kept well below what a recursive drop of `Value` can stand).
            let target = node(document, &path);
            let mut nested = target.take();
            for level in 0..depth {
                nested = if level % 2 == 0 {
                    Value::Array(vec![nested])
                } else {
                    Value::Object(Map::from_iter([("prices".to_owned(), nested)]))
                };
            }
            *target = nested;
        }
    }
}

/// Parsing either fails with a path or gives a group that writes back to an equal one.
fn parses_cleanly(
    result: Result<connect_domain::tariff::Parsed<PriceGroup>, connect_domain::tariff::TariffError>,
) -> Result<(), TestCaseError> {
    if let Ok(parsed) = result {
        let written = parsed.value.to_value();
        let reparsed = PriceGroup::from_value(&written);
        prop_assert!(reparsed.is_ok(), "{:?}\n{:#}", reparsed, written);
        prop_assert_eq!(reparsed.unwrap().value, parsed.value);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn parsing_arbitrary_text_never_panics(text in prop_oneof![any::<String>(), "[\\[\\]{}\":,0-9a-zA-Z_ .+-]{0,120}"]) {
        parses_cleanly(PriceGroup::from_json(&text))?;
    }

    #[test]
    fn parsing_arbitrary_json_never_panics(value in json_value()) {
        parses_cleanly(PriceGroup::from_value(&value))?;
        parses_cleanly(PriceGroup::from_json(&value.to_string()))?;
    }

    #[test]
    fn parsing_a_mangled_price_group_never_panics(document in mangled_group()) {
        parses_cleanly(PriceGroup::from_value(&document))?;
        parses_cleanly(PriceGroup::from_json(&document.to_string()))?;
    }
}

#[test]
fn a_price_group_with_precise_decimals_writes_back_to_an_equal_group() {
    // Regression: `tax` and `grace_period_minutes` were written as JSON numbers through
    // f64, so decimals with more than ~15 significant digits came back different, against
    // `to_value`'s promise that parsing the result gives an equal price group
    // (19.12345678901234567 came back as 19.123456789012348). They are now written as
    // decimal strings whenever a JSON number cannot hold them exactly.
    let mut band = common::blocking_band(None, None, "1", 19, "0.12345678901234567891", None);
    band["tax"] = json!("19.12345678901234567");
    let group = common::group(json!({"blocking_fee": {"ALL": [band]}}));
    let written = group.to_value();
    let reparsed = PriceGroup::from_value(&written).unwrap().value;
    let terms = |group: &PriceGroup| {
        let band = common::first_band(group);
        (band.tax_percent(), band.grace_period_minutes())
    };
    assert_eq!(
        terms(&reparsed),
        terms(&group),
        "written as {}",
        written["prices"]["blocking_fee"]
    );
}

// ---------------------------------------------------------------------------------------
// The cheapest start.

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn the_cheapest_start_costs_no_more_than_any_start_on_a_five_minute_grid(
        (session, tariff) in arb::session_and_tariff(0, 60, TariffConfig { presence: 0.9, ..TariffConfig::ANY }),
        window in 0..=8 * 3600_i64,
        milli_kwh in 0..=50_000_i64,
        deci_kw in 37..=500_i64,
        idle in prop_oneof![Just(None), (0..=4 * 3600_i64).prop_map(Some)],
        options in pricing(),
    ) {
        let group = tariff.group();
        let (earliest, latest) = (session.start, session.start + Duration::seconds(window));
        let charging = Decimal::new(milli_kwh, 3) / Decimal::new(deci_kw, 1) * Decimal::from(3600);
        let plug_out = idle.map(|idle| {
            earliest + Duration::seconds(i64::try_from(charging.ceil()).unwrap() + idle)
        });
        let plan = constant(milli_kwh, deci_kw, plug_out);
        let best = cheapest_start(&group, session.zone, earliest, latest, &plan, &options).unwrap();
        prop_assert!(earliest <= best.start && best.start <= latest);
        let at = |start: DateTime<Utc>| {
            estimate(&group, session.zone, start, &plan.shifted(start - earliest), &options).unwrap()
        };
        prop_assert_eq!(&best.estimate.cost, &at(best.start).cost);
        prop_assert_eq!(&best.now.cost, &at(earliest).cost);
        prop_assert_eq!(
            best.saving,
            best.now.cost.invoice_summary - best.estimate.cost.invoice_summary
        );
        prop_assert!(best.saving >= Decimal::ZERO);
        // The recommendation: the exact optimum when rounding leaves a saving, else now.
        let optimum = at(best.exact_optimum);
        if optimum.cost.invoice_summary < best.now.cost.invoice_summary {
            prop_assert_eq!(best.start, best.exact_optimum);
        } else {
            prop_assert_eq!(best.start, earliest);
        }
        // Energy between meter points is interpolated to 1e-12 kWh, so exact totals at
        // arbitrary starts carry noise far below 1e-9.
        let noise = Decimal::new(1, 9);
        let mut start = earliest;
        while start <= latest {
            let total = at(start).exact_total;
            prop_assert!(
                optimum.exact_total <= total + noise,
                "start {} costs {} < optimum {} at {}",
                start, total, optimum.exact_total, best.exact_optimum
            );
            start += Duration::minutes(5);
        }
    }
}

#[test]
fn the_cheapest_start_may_be_just_before_a_session_fee_rises() {
    // Per moment, the time price is 6.00 €/h until 22:00
    // local and free after; the session fee is 0.00 until 22:00 and 1.00 after (0 % VAT).
    // One hour of charging (11 kWh at 11 kW), window 20:00–22:30 CEST. Starting at s before
    // 22:00 costs 6.00 × (22:00 − s) for the part before 22:00: 21:59 costs 0.10; starting
    // at 22:00 costs the 1.00 fee. The candidates (window ends and events meeting band edges)
    // contain 21:00 (6.00) and 22:00 (1.00) but never "just before 22:00", where the cost
    // falls towards 0.00 before jumping to 1.00.
    let group = common::group(json!({
        "time_price": {"ALL": [
            common::band(None, Some("22:00"), "6.0000", 0),
            common::band(Some("22:00"), None, "0.0000", 0),
        ]},
        "session_fee": {"ALL": [
            common::band(None, Some("22:00"), "0.0000", 0),
            common::band(Some("22:00"), None, "1.0000", 0),
        ]},
    }));
    let zone = chrono_tz::Europe::Berlin;
    let plan = constant(11_000, 110, None);
    let options = options(BandPolicy::PerMoment, BlockingBasis::SessionStart, false);
    let (earliest, latest) = (
        common::at("2026-06-01T18:00:00Z"),
        common::at("2026-06-01T20:30:00Z"),
    );
    let one_minute_before = common::at("2026-06-01T19:59:00Z");
    let there = estimate(
        &group,
        zone,
        one_minute_before,
        &plan.shifted(one_minute_before - earliest),
        &options,
    )
    .unwrap();
    assert_eq!(there.cost.invoice_summary, dec("0.10"));
    let best = cheapest_start(&group, zone, earliest, latest, &plan, &options).unwrap();
    assert!(
        best.estimate.cost.invoice_summary <= dec("0.10"),
        "cheapest_start chose {} costing {}, but {} costs 0.10",
        best.start,
        best.estimate.cost.invoice_summary,
        one_minute_before
    );
}
