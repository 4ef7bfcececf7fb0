//! Random tariffs and sessions for property tests.
//!
//! Tariffs are generated valid by construction: each day key of a component partitions the
//! day `[D, D + 1440)` minutes (`D` the component's "day start"; `D > 0` makes the last band
//! of every key an overnight band ending at `D` the next morning), so bands never overlap,
//! also not across midnight. Gaps come from dropped bands and from date ranges.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use connect_domain::charging::{ChargingPlan, MeterReading};
use connect_domain::tariff::{ComponentKind, PriceGroup};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::oracle::OracleSession;

/// The zones the tests run in: UTC+1/+2, UTC+0/+1 and UTC−5/−4.
pub(crate) const ZONES: [Tz; 3] = [
    chrono_tz::Europe::Berlin,
    chrono_tz::Europe::Lisbon,
    chrono_tz::America::New_York,
];

/// The 2026 DST changes of a zone (spring forward, fall back), in UTC.
pub(crate) fn dst_changes(zone: Tz) -> [DateTime<Utc>; 2] {
    let parse = |text: &str| -> DateTime<Utc> { text.parse().unwrap_or_else(|_| unreachable!()) };
    if zone == chrono_tz::America::New_York {
        [parse("2026-03-08T07:00:00Z"), parse("2026-11-01T06:00:00Z")]
    } else {
        [parse("2026-03-29T01:00:00Z"), parse("2026-10-25T01:00:00Z")]
    }
}

/// Local midnight of `date` in `zone`, in UTC.
pub(crate) fn local_midnight(zone: Tz, date: NaiveDate) -> DateTime<Utc> {
    zone.from_local_datetime(&date.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .unwrap_or_else(|| panic!("midnight of {date} does not exist in {zone}"))
        .with_timezone(&Utc)
}

/// The terms of a band.
#[derive(Debug, Clone)]
pub(crate) struct Terms {
    /// Net price, up to 4 decimals.
    pub(crate) price: String,
    /// VAT percent.
    pub(crate) tax: u32,
    /// Blocking grace, minutes (a JSON number).
    pub(crate) grace: Option<String>,
    /// Blocking cap.
    pub(crate) cap: Option<String>,
}

/// A band before it becomes JSON: `[from, to)` minutes from the start of its day.
#[derive(Debug, Clone)]
pub(crate) struct BandSpec {
    pub(crate) from: u32,
    pub(crate) to: u32,
    /// How to spell the edges: `null` vs `"00:00"` at midnight, `"24:00"` vs `"00:00"` vs
    /// `null` at the end of the day.
    pub(crate) spelling: u8,
    pub(crate) date_from: Option<NaiveDate>,
    pub(crate) date_to: Option<NaiveDate>,
    pub(crate) terms: Terms,
}

fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

impl BandSpec {
    pub(crate) fn to_value(&self) -> Value {
        let time_from = match (self.from, self.spelling % 2) {
            (0, 0) => Value::Null,
            (minutes, _) => Value::String(hhmm(minutes)),
        };
        let time_to = match (self.to, self.spelling % 3) {
            (1440, 0) => Value::String("24:00".into()),
            (1440, 1) => Value::String("00:00".into()),
            (1440, _) => Value::Null,
            (minutes, _) => Value::String(hhmm(minutes % 1440)),
        };
        let number = |text: &String| -> Value {
            Value::Number(text.parse().unwrap_or_else(|_| unreachable!()))
        };
        json!({
            "time_from": time_from,
            "time_to": time_to,
            "date_from": self.date_from.map(|d| d.to_string()),
            "date_to": self.date_to.map(|d| d.to_string()),
            "gross_price": self.terms.price,
            "user_facing_price": null,
            "grace_period_minutes": self.terms.grace.as_ref().map(number),
            "tax": self.terms.tax,
            "blocking_cap": self.terms.cap,
        })
    }
}

/// One component: its day keys and their bands.
#[derive(Debug, Clone)]
pub(crate) struct ComponentSpec {
    pub(crate) kind: ComponentKind,
    pub(crate) days: Vec<(String, Vec<BandSpec>)>,
}

/// A price group.
#[derive(Debug, Clone)]
pub(crate) struct TariffSpec {
    pub(crate) currency: String,
    pub(crate) components: Vec<ComponentSpec>,
}

impl TariffSpec {
    pub(crate) fn to_value(&self) -> Value {
        let mut prices = Map::new();
        for kind in ComponentKind::ALL {
            prices.insert(kind.wire_name().to_owned(), Value::Null);
        }
        for component in &self.components {
            let days: Map<String, Value> = component
                .days
                .iter()
                .map(|(key, bands)| {
                    let bands = bands.iter().map(BandSpec::to_value).collect();
                    (key.clone(), Value::Array(bands))
                })
                .collect();
            prices.insert(component.kind.wire_name().to_owned(), Value::Object(days));
        }
        json!({
            "type": "AC", "power": 22, "evse_ids": ["DE*CIQ*E1*1"],
            "currency": self.currency, "pre_authorization_amount": "50.00",
            "prices": prices
        })
    }

    /// The parsed price group (the spec is valid by construction).
    pub(crate) fn group(&self) -> PriceGroup {
        super::parse_group(&self.to_value())
    }
}

/// What kind of tariffs to generate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TariffConfig {
    /// Give every band of a component the same tax rate (different components may differ).
    pub(crate) one_tax_per_component: bool,
    /// Allow dropped bands and date ranges (uncovered time).
    pub(crate) gaps: bool,
    /// Probability that each component is present.
    pub(crate) presence: f64,
}

impl TariffConfig {
    pub(crate) const ANY: Self = Self {
        one_tax_per_component: false,
        gaps: true,
        presence: 0.6,
    };
}

pub(crate) const TAXES: [u32; 5] = [0, 7, 19, 20, 23];
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

/// A price with at most 4 decimals, up to `max_units`.
pub(crate) fn price(max_units: u32) -> impl Strategy<Value = String> {
    let ten_thousandths = max_units * 10_000;
    prop_oneof![
        1 => Just("0".to_owned()),
        2 => select(vec!["0.30", "0.4529", "0.1950", "1", "2.50", "4.02"]).prop_map(str::to_owned),
        6 => (0..=ten_thousandths).prop_map(|p| format!("{}.{:04}", p / 10_000, p % 10_000)),
    ]
}

pub(crate) fn terms(kind: ComponentKind, tax: Option<u32>) -> impl Strategy<Value = Terms> {
    let max_units = match kind {
        ComponentKind::Energy => 1,
        ComponentKind::Time | ComponentKind::Blocking => 12,
        ComponentKind::SessionFee | ComponentKind::StartingFee => 2,
    };
    let tax = match tax {
        Some(tax) => Just(tax).boxed(),
        None => select(TAXES.to_vec()).boxed(),
    };
    let grace = prop_oneof![
        Just(None),
        select(vec!["0", "0.01", "0.5", "1", "2.25", "15", "30", "240"])
            .prop_map(|g| Some(g.to_owned())),
    ];
    let cap = prop_oneof![
        2 => Just(None),
        1 => (0..=3000_u32).prop_map(|c| Some(format!("{}.{:02}", c / 100, c % 100))),
    ];
    let blocking = kind == ComponentKind::Blocking;
    (price(max_units), tax, grace, cap).prop_map(move |(price, tax, grace, cap)| Terms {
        price,
        tax,
        grace: grace.filter(|_| blocking),
        cap: cap.filter(|_| blocking),
    })
}

/// A piece of a day key's partition: terms, whether it is kept, optional dates, spelling.
type Piece = (Terms, bool, Option<(i64, i64, u8)>, u8);

fn piece(kind: ComponentKind, tax: Option<u32>, gaps: bool) -> impl Strategy<Value = Piece> {
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
    (terms(kind, tax), keep, dates, any::<u8>())
}

/// The bands of one day key: a partition of `[day_start, day_start + 1440)`, possibly in two
/// versions split at a date.
fn key_bands(
    kind: ComponentKind,
    day_start: u32,
    around: NaiveDate,
    tax: Option<u32>,
    gaps: bool,
) -> impl Strategy<Value = Vec<BandSpec>> {
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
                proptest::collection::vec(piece(kind, tax, gaps), count),
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

/// One component of a tariff.
pub(crate) fn component(
    kind: ComponentKind,
    around: NaiveDate,
    config: TariffConfig,
) -> impl Strategy<Value = ComponentSpec> {
    let day_start = prop_oneof![2 => Just(0_u32), 1 => (1..96_u32).prop_map(|q| q * 15)];
    let tax = if config.one_tax_per_component {
        select(TAXES.to_vec()).prop_map(Some).boxed()
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
                    key_bands(kind, day_start, around, tax, config.gaps)
                        .prop_map(move |bands| (key.to_owned(), bands))
                })
                .collect();
            days
        })
        .prop_map(move |days| ComponentSpec { kind, days })
}

/// A tariff whose dated bands change around `around`.
pub(crate) fn tariff(around: NaiveDate, config: TariffConfig) -> impl Strategy<Value = TariffSpec> {
    let components: Vec<_> = ComponentKind::ALL
        .into_iter()
        .map(|kind| proptest::option::weighted(config.presence, component(kind, around, config)))
        .collect();
    let currency = prop_oneof![
        6 => Just("EUR"), 1 => Just("eur"), 1 => Just("JPY"), 1 => Just("KWD"),
    ];
    (components, currency).prop_map(|(components, currency)| TariffSpec {
        currency: currency.to_owned(),
        components: components.into_iter().flatten().collect(),
    })
}

/// An instant worth starting near: a DST change, a local midnight around a weekend, or any
/// moment of 2026.
pub(crate) fn anchor(zone: Tz) -> impl Strategy<Value = DateTime<Utc>> {
    let first_friday = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap_or_else(|| unreachable!());
    let year_start: DateTime<Utc> = "2026-01-01T00:00:00Z"
        .parse()
        .unwrap_or_else(|_| unreachable!());
    prop_oneof![
        2 => select(dst_changes(zone).to_vec()),
        2 => (0..52_i64, 0..4_i64).prop_map(move |(week, day)| {
            let date = first_friday + Duration::days(7 * week + day);
            debug_assert!(matches!(
                date.weekday(),
                Weekday::Fri | Weekday::Sat | Weekday::Sun | Weekday::Mon
            ));
            local_midnight(zone, date)
        }),
        1 => (0..365 * 86_400_i64).prop_map(move |s| year_start + Duration::seconds(s)),
    ]
}

/// A session: zone, start, meter readings (seconds after start, cumulative kWh) and
/// plug-out (seconds after start; `None`: at the last reading).
#[derive(Debug, Clone)]
pub(crate) struct SessionSpec {
    pub(crate) zone: Tz,
    pub(crate) start: DateTime<Utc>,
    pub(crate) readings: Vec<(i64, Decimal)>,
    pub(crate) plug_out: Option<i64>,
}

impl SessionSpec {
    pub(crate) fn plan(&self) -> ChargingPlan {
        ChargingPlan::Meter {
            readings: self
                .readings
                .iter()
                .map(|(seconds, kwh)| MeterReading {
                    at: self.start + Duration::seconds(*seconds),
                    energy_kwh: *kwh,
                })
                .collect(),
            plug_out: self.plug_out.map(|s| self.start + Duration::seconds(s)),
        }
    }

    /// Plug-out, seconds after the start.
    pub(crate) fn length(&self) -> i64 {
        self.plug_out
            .or_else(|| self.readings.last().map(|r| r.0))
            .unwrap_or(0)
    }

    pub(crate) fn oracle(&self) -> OracleSession {
        let start = self.start.timestamp();
        let mut points = vec![(start, Decimal::ZERO)];
        points.extend(self.readings.iter().map(|(s, kwh)| (start + s, *kwh)));
        OracleSession {
            start,
            points,
            plug_out: start + self.length(),
        }
    }

    /// The local date of the start (what dated bands are generated around).
    pub(crate) fn local_date(&self) -> NaiveDate {
        self.start.with_timezone(&self.zone).date_naive()
    }
}

/// Meter readings: up to `max_readings`, each 1 s to `max_step` seconds after the previous,
/// adding 0 to 30 kWh with up to 3 decimals.
pub(crate) fn meter(
    max_readings: usize,
    max_step: i64,
) -> impl Strategy<Value = Vec<(i64, Decimal)>> {
    let step = prop_oneof![1 => 1..=120_i64, 3 => 60..=max_step];
    let added = prop_oneof![1 => Just(0_i64), 4 => 1..=30_000_i64];
    proptest::collection::vec((step, added), 0..=max_readings).prop_map(|steps| {
        let (mut seconds, mut milli_kwh) = (0, 0);
        steps
            .into_iter()
            .map(|(step, added)| {
                seconds += step;
                milli_kwh += added;
                (seconds, Decimal::new(milli_kwh, 3))
            })
            .collect()
    })
}

/// A session in one of the three zones, starting near a DST change, a weekend midnight or
/// anywhere, lasting at most `max_readings × max_step + 12 h`.
pub(crate) fn session(max_readings: usize, max_step: i64) -> impl Strategy<Value = SessionSpec> {
    select(ZONES.to_vec())
        .prop_flat_map(move |zone| {
            let offset = prop_oneof![3 => -4 * 3600..=4 * 3600_i64, 1 => -30 * 3600..=6 * 3600_i64];
            let plug_out = prop_oneof![
                1 => Just(None),
                1 => Just(Some(0_i64)),
                1 => (1..=600_i64).prop_map(Some),
                2 => (1..=12 * 3600_i64).prop_map(Some),
            ];
            (
                Just(zone),
                anchor(zone),
                offset,
                meter(max_readings, max_step),
                plug_out,
            )
        })
        .prop_map(|(zone, anchor, offset, readings, extra)| {
            let last = readings.last().map_or(0, |r| r.0);
            SessionSpec {
                zone,
                start: anchor + Duration::seconds(offset),
                readings,
                plug_out: extra.map(|extra| last + extra),
            }
        })
}

/// A session and a tariff whose dated bands change around the session's local date.
pub(crate) fn session_and_tariff(
    max_readings: usize,
    max_step: i64,
    config: TariffConfig,
) -> impl Strategy<Value = (SessionSpec, TariffSpec)> {
    session(max_readings, max_step).prop_flat_map(move |session| {
        let around = session.local_date();
        (Just(session), tariff(around, config))
    })
}

/// A tariff in which every present component has exactly one whole-day `ALL` band.
pub(crate) fn whole_day_tariff() -> impl Strategy<Value = TariffSpec> {
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
                                from: 0,
                                to: 1440,
                                spelling,
                                date_from: None,
                                date_to: None,
                                terms,
                            }],
                        )],
                    })
                },
            )
        })
        .collect();
    components.prop_map(|components| TariffSpec {
        currency: "EUR".to_owned(),
        components: components.into_iter().flatten().collect(),
    })
}
