//! Strategies for price groups exactly as the API publishes them.
//!
//! Groups are valid by construction: each day key of a component partitions the day
//! `[D, D + 1440)` minutes (`D` the component's "day start"; `D > 0` makes the last band of
//! every key an overnight band ending at `D` the next morning), so bands never overlap, also
//! not across midnight. Gaps (time no band covers) come from dropped bands and from date
//! ranges; a day key may come in two versions split at a date.

use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use connect_domain::money::Currency;
use connect_domain::tariff::{ComponentKind, PriceGroup};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use rust_decimal::Decimal;

use super::spec::{BandSpec, ComponentSpec, TariffSpec, Terms};
use super::time::{anchor, zone};

/// What kind of price groups to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TariffConfig {
    /// Give every band of a component the same VAT rate (different components may differ).
    pub one_tax_per_component: bool,
    /// Allow dropped bands and date ranges (time no band covers, which is free with a
    /// warning).
    pub gaps: bool,
    /// Probability that each component is present (a ratio, not money).
    pub presence: f64,
}

impl TariffConfig {
    /// Anything the API may publish.
    pub const ANY: Self = Self {
        one_tax_per_component: false,
        gaps: true,
        presence: 0.6,
    };
}

impl Default for TariffConfig {
    fn default() -> Self {
        Self::ANY
    }
}

/// VAT rates seen across Europe, as `(mantissa, scale)`: none, reduced, Swiss 7.7 and 8.1,
/// the standard rates.
const VAT_RATES: [(i64, u32); 9] = [
    (0, 0),
    (55, 1),
    (7, 0),
    (77, 1),
    (81, 1),
    (10, 0),
    (19, 0),
    (20, 0),
    (23, 0),
];

/// The VAT rates the strategies draw, in percent.
///
/// # Examples
/// ```
/// use connect_testkit::strategy::vat_rates;
/// assert!(vat_rates().iter().any(|rate| rate.to_string() == "19"));
/// assert!(vat_rates().iter().any(|rate| rate.to_string() == "7.7"));
/// ```
pub fn vat_rates() -> Vec<Decimal> {
    VAT_RATES
        .iter()
        .map(|&(mantissa, scale)| Decimal::new(mantissa, scale))
        .collect()
}

/// One of [`vat_rates`]; shrinks towards 0 %.
pub fn vat_rate() -> impl Strategy<Value = Decimal> {
    select(vat_rates())
}

/// A currency code as the API spells it: mostly `EUR` (sometimes `eur`), also CHF, yen (no
/// minor unit) and Kuwaiti dinar (three decimals). Shrinks towards `EUR`.
///
/// # Examples
/// ```
/// use connect_domain::money::Currency;
/// use connect_testkit::strategy::currency;
/// use proptest::prelude::*;
/// proptest!(|(code in currency())| {
///     prop_assert!(Currency::parse(&code).is_ok());
/// });
/// ```
pub fn currency() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => Just("EUR"),
        1 => Just("eur"),
        1 => Just("CHF"),
        1 => Just("JPY"),
        1 => Just("KWD"),
    ]
    .prop_map(str::to_owned)
}

/// How much larger prices are in a currency than in euros: 100 for currencies without a
/// minor unit (yen), else 1.
fn scale_of(currency: &Currency) -> Decimal {
    if currency.minor_units() == 0 {
        Decimal::ONE_HUNDRED
    } else {
        Decimal::ONE
    }
}

/// A net price in euros with at most 4 decimals: zero, one of the documented prices (0.1950
/// to 4.02, whatever `max_units`), or any up to `max_units`. Shrinks towards zero.
///
/// # Examples
/// ```
/// use connect_testkit::strategy::price;
/// use proptest::prelude::*;
/// use rust_decimal::Decimal;
/// proptest!(|(price in price(1))| {
///     let value: Decimal = price.parse().map_err(|e| TestCaseError::fail(format!("{e}")))?;
///     prop_assert!(value >= Decimal::ZERO && value <= Decimal::new(402, 2) && value.scale() <= 4);
/// });
/// ```
pub fn price(max_units: u32) -> impl Strategy<Value = String> {
    let ten_thousandths = max_units * 10_000;
    prop_oneof![
        1 => Just("0".to_owned()),
        2 => select(vec!["0.30", "0.4529", "0.1950", "1", "2.50", "4.02"]).prop_map(str::to_owned),
        6 => (0..=ten_thousandths).prop_map(|p| format!("{}.{:04}", p / 10_000, p % 10_000)),
    ]
}

/// Terms of a band of `kind` in euros; `tax` fixes the VAT rate, else it is drawn. Grace
/// periods and caps only on blocking fees, as the API publishes them.
pub fn terms(kind: ComponentKind, tax: Option<Decimal>) -> impl Strategy<Value = Terms> {
    let eur = Currency::parse("EUR").ok();
    terms_in(kind, tax, eur)
}

/// Terms of a band of `kind` in `currency` (prices and caps scaled to it).
fn terms_in(
    kind: ComponentKind,
    tax: Option<Decimal>,
    currency: Option<Currency>,
) -> impl Strategy<Value = Terms> {
    let max_units = match kind {
        ComponentKind::Energy => 1,
        ComponentKind::Time | ComponentKind::Blocking => 12,
        ComponentKind::SessionFee | ComponentKind::StartingFee => 2,
    };
    let tax = match tax {
        Some(tax) => Just(tax).boxed(),
        None => vat_rate().boxed(),
    };
    let grace = prop_oneof![
        Just(None),
        select(vec!["0", "0.01", "0.5", "1", "2.25", "15", "30", "240"])
            .prop_map(|g| Some(g.to_owned())),
    ];
    let cap = prop_oneof![
        2 => Just(None),
        1 => (0..=3000_i64).prop_map(Some),
    ];
    let blocking = kind == ComponentKind::Blocking;
    (price(max_units), tax, grace, cap).prop_map(move |(price, tax, grace, cap)| {
        let scale = currency.as_ref().map_or(Decimal::ONE, scale_of);
        let price = if scale == Decimal::ONE {
            price
        } else {
            price
                .parse::<Decimal>()
                .map_or(price, |p| (p * scale).normalize().to_string())
        };
        let cap = cap.map(|cents| {
            let amount = Decimal::new(cents, 2) * scale;
            currency
                .as_ref()
                .map_or(amount, |currency| currency.round(amount))
                .to_string()
        });
        Terms {
            price,
            tax,
            grace: grace.filter(|_| blocking),
            cap: cap.filter(|_| blocking),
        }
    })
}

/// A piece of a day key's partition: terms, whether it is kept, optional dates, spelling.
type Piece = (Terms, bool, Option<(i64, i64, u8)>, u8);

fn piece(
    kind: ComponentKind,
    tax: Option<Decimal>,
    gaps: bool,
    currency: Option<Currency>,
) -> impl Strategy<Value = Piece> {
    let keep = if gaps {
        proptest::bool::weighted(0.9).boxed()
    } else {
        Just(true).boxed()
    };
    let dates = if gaps {
        proptest::option::weighted(0.15, (-3..=3_i64, 1..=4_i64, 0..3_u8)).boxed()
    } else {
        Just(None).boxed()
    };
    (terms_in(kind, tax, currency), keep, dates, any::<u8>())
}

/// What one day key's bands are drawn from.
#[derive(Clone)]
struct KeyPlan {
    kind: ComponentKind,
    day_start: u32,
    around: NaiveDate,
    tax: Option<Decimal>,
    gaps: bool,
    currency: Option<Currency>,
}

/// The bands of one day key: a partition of `[day_start, day_start + 1440)`, possibly in two
/// versions split at a date.
fn key_bands(plan: KeyPlan) -> impl Strategy<Value = Vec<BandSpec>> {
    let KeyPlan {
        kind,
        day_start,
        around,
        tax,
        gaps,
        currency,
    } = plan;
    let versions = if gaps {
        proptest::option::weighted(0.2, -2..=2_i64).boxed()
    } else {
        Just(None).boxed()
    };
    (
        // With a day start after midnight, one band would run from D to D ("D–D" is
        // rejected unless D is midnight), so such a day has at least two bands.
        proptest::collection::btree_set(day_start + 1..1440, usize::from(day_start > 0)..=2),
        versions,
    )
        .prop_flat_map(move |(cuts, split)| {
            let mut edges = vec![day_start];
            edges.extend(cuts);
            edges.push(day_start + 1440);
            let count = (edges.len() - 1) * if split.is_some() { 2 } else { 1 };
            (
                Just(edges),
                Just(split),
                proptest::collection::vec(piece(kind, tax, gaps, currency.clone()), count),
            )
        })
        .prop_map(move |(edges, split, pieces)| {
            let per_version = edges.len() - 1;
            let mut bands = Vec::new();
            for (i, (terms, keep, dates, spelling)) in pieces.into_iter().enumerate() {
                if !keep {
                    continue;
                }
                let j = i % per_version;
                let (mut date_from, mut date_to) = match dates {
                    None => (None, None),
                    Some((offset, length, which)) => {
                        let from = around + Duration::days(offset);
                        let to = from + Duration::days(length);
                        match which {
                            0 => (Some(from), None),
                            1 => (None, Some(to)),
                            _ => (Some(from), Some(to)),
                        }
                    }
                };
                if let Some(offset) = split {
                    let split = around + Duration::days(offset);
                    if i < per_version {
                        date_from = None;
                        date_to = Some(split);
                    } else {
                        date_from = Some(split);
                        date_to = None;
                    }
                }
                bands.push(BandSpec {
                    from: edges[j],
                    to: edges[j + 1],
                    spelling,
                    date_from,
                    date_to,
                    terms,
                });
            }
            bands
        })
}

const DAY_KEYS: [&str; 8] = [
    "ALL",
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
];

/// One component of a price group in euros, its dated bands changing around `around`.
pub fn component(
    kind: ComponentKind,
    around: NaiveDate,
    config: TariffConfig,
) -> impl Strategy<Value = ComponentSpec> {
    component_in(kind, around, config, Currency::parse("EUR").ok())
}

fn component_in(
    kind: ComponentKind,
    around: NaiveDate,
    config: TariffConfig,
    currency: Option<Currency>,
) -> impl Strategy<Value = ComponentSpec> {
    let day_start = prop_oneof![2 => Just(0_u32), 1 => (1..96_u32).prop_map(|q| q * 15)];
    let tax = if config.one_tax_per_component {
        vat_rate().prop_map(Some).boxed()
    } else {
        Just(None).boxed()
    };
    // Usually `ALL` plus up to two weekdays that override it; sometimes weekdays only.
    let keys = (
        proptest::bool::weighted(0.85),
        subsequence(DAY_KEYS[1..].to_vec(), 0..=2),
    )
        .prop_map(|(all, mut keys)| {
            if all || keys.is_empty() {
                keys.insert(0, DAY_KEYS[0]);
            }
            keys
        });
    (day_start, keys, tax)
        .prop_flat_map(move |(day_start, keys, tax)| {
            let days: Vec<_> = keys
                .into_iter()
                .map(|key| {
                    key_bands(KeyPlan {
                        kind,
                        day_start,
                        around,
                        tax,
                        gaps: config.gaps,
                        currency: currency.clone(),
                    })
                    .prop_map(move |bands| (key.to_owned(), bands))
                })
                .collect();
            days
        })
        .prop_map(move |days| ComponentSpec { kind, days })
}

/// The facts around the prices: connector type and power, EVSE ids, the hold at start (in
/// `currency`) and whether the prices are Cariqa's fallback.
fn facts(
    currency: Option<Currency>,
) -> impl Strategy<Value = (String, Decimal, Vec<String>, String, bool)> {
    let connector = prop_oneof![
        3 => (Just("AC"), select(vec![(22, 0), (11, 0), (37, 1)])),
        1 => (Just("DC"), select(vec![(50, 0), (150, 0), (300, 0)])),
    ];
    let evses = (1..=3_usize, 1..=9999_u32).prop_map(|(count, station)| {
        (1..=count)
            .map(|evse| format!("DE*CIQ*E{station:04}*{evse}"))
            .collect::<Vec<_>>()
    });
    let hold = select(vec![50_i64, 30, 100, 0]);
    (connector, evses, hold, proptest::bool::weighted(0.1)).prop_map(
        move |((kind, (power, scale)), evses, hold, is_fallback)| {
            let amount = Decimal::from(hold) * currency.as_ref().map_or(Decimal::ONE, scale_of);
            let hold = currency
                .as_ref()
                .map_or(amount, |currency| currency.round(amount))
                .to_string();
            (
                kind.to_owned(),
                Decimal::new(power, scale),
                evses,
                hold,
                is_fallback,
            )
        },
    )
}

/// A price group whose dated bands change around the local date `around`, in any
/// [`currency`], without `local_datetime` (see [`price_group`] and [`super::scenario`],
/// which set it).
///
/// # Examples
/// ```
/// use chrono::NaiveDate;
/// use connect_testkit::strategy::{TariffConfig, tariff};
/// use proptest::prelude::*;
/// let around = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap_or_default();
/// proptest!(|(spec in tariff(around, TariffConfig::ANY))| {
///     prop_assert!(spec.try_group().is_ok());
/// });
/// ```
pub fn tariff(around: NaiveDate, config: TariffConfig) -> impl Strategy<Value = TariffSpec> {
    currency().prop_flat_map(move |code| {
        let parsed = Currency::parse(&code).ok();
        let components: Vec<_> = ComponentKind::ALL
            .into_iter()
            .map(|kind| {
                proptest::option::weighted(
                    config.presence,
                    component_in(kind, around, config, parsed.clone()),
                )
            })
            .collect();
        (Just(code), components, facts(parsed)).prop_map(
            |(currency, components, (kind, power_kw, evse_ids, hold, is_fallback))| TariffSpec {
                currency,
                components: components.into_iter().flatten().collect(),
                kind,
                power_kw,
                evse_ids,
                pre_authorization_amount: hold,
                is_fallback,
                local_datetime: None,
            },
        )
    })
}

/// A price group exactly as a station's `price_groups[]` entry publishes it, with its
/// station's zone: published at an instant worth pricing at (a DST change, a weekend
/// midnight, any time of the year), its dated bands changing around that local date.
///
/// Take the JSON with [`TariffSpec::to_value`] and the parsed group with
/// [`TariffSpec::group`]; shrinking works on the spec, so failures print readably.
///
/// # Examples
/// ```
/// use connect_testkit::strategy::price_group;
/// use proptest::prelude::*;
/// proptest!(|((spec, zone) in price_group())| {
///     let json = spec.to_value();
///     prop_assert!(json["local_datetime"].is_string());
///     let parsed = connect_domain::tariff::PriceGroup::from_value(&json)?;
///     prop_assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
///     prop_assert!(!zone.to_string().is_empty());
/// });
/// ```
pub fn price_group() -> impl Strategy<Value = (TariffSpec, Tz)> {
    zone()
        .prop_flat_map(|zone| (Just(zone), anchor(zone)))
        .prop_flat_map(|(zone, at)| {
            let local = at.with_timezone(&zone);
            (
                Just(zone),
                Just(local.fixed_offset()),
                tariff(local.date_naive(), TariffConfig::ANY),
            )
        })
        .prop_map(|(zone, published, mut spec)| {
            spec.local_datetime = Some(published);
            (spec, zone)
        })
}

/// The parsed form of [`price_group`], for code that only needs the domain value.
pub fn parsed_price_group() -> impl Strategy<Value = (PriceGroup, Tz)> {
    price_group().prop_map(|(spec, zone)| (spec.group(), zone))
}

/// A price group in euros in which every present component has exactly one whole-day `ALL`
/// band: prices that never change, whatever the time.
pub fn whole_day_tariff() -> impl Strategy<Value = TariffSpec> {
    let components: Vec<_> = ComponentKind::ALL
        .into_iter()
        .map(|kind| {
            proptest::option::weighted(0.7, (terms(kind, None), any::<u8>())).prop_map(
                move |band| {
                    band.map(|(terms, spelling)| ComponentSpec {
                        kind,
                        days: vec![(
                            "ALL".to_owned(),
                            vec![BandSpec {
                                spelling,
                                ..BandSpec::whole_day(terms)
                            }],
                        )],
                    })
                },
            )
        })
        .collect();
    components.prop_map(|components| TariffSpec::eur(components.into_iter().flatten().collect()))
}
