//! Sessions around every kind of moment at which a price can change course: a session that
//! starts shortly before the moment and lasts past it.
//!
//! Some moments belong to the clock (a DST change, a local midnight, a new year), some to
//! the tariff (a band edge, the date a band starts or stops applying, a weekday key taking
//! over), and some to the session itself (the end of a blocking grace period, the moment the
//! blocking fee reaches its cap). [`session_around`] builds a session around one kind, and
//! [`session_around_transition`] around any.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Offset, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use connect_domain::tariff::ComponentKind;
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;

use super::charging::{SessionSpec, meter, stay};
use super::spec::TariffSpec;
use super::tariff::{TariffConfig, component, tariff};
use super::time::{YEAR, local_midnight, offset_changes, sub_second, year, zone};

/// A kind of moment a session can be priced across.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Transition {
    /// The UTC offset grows: local time skips an hour (half an hour on Lord Howe Island,
    /// a quarter of an hour in Kathmandu's 1986 change).
    DstForward,
    /// The UTC offset shrinks: local time repeats.
    DstBack,
    /// A band of the tariff starts or ends (station-local wall time).
    BandEdge,
    /// A local midnight where the weekday that prices the session changes: into or out of
    /// a day with its own key, or into or out of a weekend.
    WeekdayChange,
    /// A local midnight where a band's `date_from` or `date_to` takes effect.
    DateValidity,
    /// A local midnight.
    Midnight,
    /// Local New Year's midnight.
    YearEnd,
    /// The end of a blocking fee's grace period (counted from plug-in).
    GraceEnd,
    /// The moment the blocking fee reaches its cap.
    BlockingCap,
}

impl Transition {
    /// Every kind, clock ones first.
    pub const ALL: [Self; 9] = [
        Self::Midnight,
        Self::DstForward,
        Self::DstBack,
        Self::YearEnd,
        Self::BandEdge,
        Self::WeekdayChange,
        Self::DateValidity,
        Self::GraceEnd,
        Self::BlockingCap,
    ];
}

/// Any [`Transition`]; shrinks towards a local midnight.
///
/// # Examples
/// ```
/// use connect_testkit::strategy::{Transition, transition};
/// use proptest::prelude::*;
/// proptest!(|(kind in transition())| {
///     prop_assert!(Transition::ALL.contains(&kind));
/// });
/// ```
pub fn transition() -> impl Strategy<Value = Transition> {
    select(Transition::ALL.to_vec())
}

/// Local time minus UTC at `at`, in seconds.
fn offset_at(zone: Tz, at: DateTime<Utc>) -> i32 {
    zone.offset_from_utc_datetime(&at.naive_utc())
        .fix()
        .local_minus_utc()
}

/// The DST changes of `zone` in `year` (or, when it had none that way, in [`YEAR`]) that move
/// the offset forward (`forward`) or back.
fn dst_changes(zone: Tz, year: i32, forward: bool) -> Vec<DateTime<Utc>> {
    let of_kind = |year: i32| -> Vec<DateTime<Utc>> {
        offset_changes(zone, year)
            .into_iter()
            .filter(|change| {
                let before = offset_at(zone, *change - Duration::seconds(1));
                (offset_at(zone, *change) > before) == forward
            })
            .collect()
    };
    let changes = of_kind(year);
    if changes.is_empty() {
        of_kind(YEAR)
    } else {
        changes
    }
}

/// The first existing instant of a local wall time (a time a DST change skips: none).
fn local_instant(zone: Tz, date: NaiveDate, minutes: u32) -> Option<DateTime<Utc>> {
    let local = date.and_time(chrono::NaiveTime::MIN) + Duration::minutes(i64::from(minutes));
    zone.from_local_datetime(&local)
        .earliest()
        .map(|at| at.with_timezone(&Utc))
}

/// Whether a day key (`ALL`, `MONDAY`, …) prices `weekday`.
fn key_prices(key: &str, weekday: Weekday) -> bool {
    key == "ALL" || key.parse::<Weekday>().is_ok_and(|day| day == weekday)
}

/// The instants of kind `kind` near the local date `around` (the day before to the day
/// after), for a session at a station in `zone` priced by `tariff`, in order. Empty for the
/// kinds that depend on the session ([`Transition::GraceEnd`], [`Transition::BlockingCap`])
/// and when there is none (a tariff without dated bands has no validity change).
///
/// # Examples
/// ```
/// use chrono::NaiveDate;
/// use connect_testkit::strategy::{Transition, TariffSpec, transition_instants};
/// let zone = chrono_tz::Europe::Berlin;
/// let new_year = NaiveDate::from_ymd_opt(2099, 12, 31).unwrap_or_default();
/// let instants = transition_instants(Transition::YearEnd, &TariffSpec::eur(vec![]), zone, new_year);
/// assert_eq!(instants[0].to_rfc3339(), "2099-12-31T23:00:00+00:00");
/// ```
pub fn transition_instants(
    kind: Transition,
    tariff: &TariffSpec,
    zone: Tz,
    around: NaiveDate,
) -> Vec<DateTime<Utc>> {
    let days = || (-1..=1).map(move |day| around + Duration::days(day));
    let mut instants: Vec<DateTime<Utc>> = match kind {
        Transition::DstForward | Transition::DstBack => {
            dst_changes(zone, around.year(), kind == Transition::DstForward)
        }
        Transition::Midnight => days().map(|date| local_midnight(zone, date)).collect(),
        Transition::YearEnd => NaiveDate::from_ymd_opt(around.year() + 1, 1, 1)
            .map(|date| local_midnight(zone, date))
            .into_iter()
            .collect(),
        Transition::BandEdge => {
            let mut edges = Vec::new();
            for component in &tariff.components {
                for (key, bands) in &component.days {
                    for date in days().filter(|date| key_prices(key, date.weekday())) {
                        for band in bands {
                            for minutes in [band.from, band.to] {
                                edges.extend(local_instant(zone, date, minutes));
                            }
                        }
                    }
                }
            }
            edges
        }
        Transition::WeekdayChange => {
            let keyed: Vec<Weekday> = tariff
                .components
                .iter()
                .flat_map(|component| &component.days)
                .filter_map(|(key, _)| key.parse::<Weekday>().ok())
                .collect();
            (-3..=4)
                .map(|day| around + Duration::days(day))
                .filter(|date| {
                    let (today, yesterday) = (date.weekday(), date.weekday().pred());
                    if keyed.is_empty() {
                        matches!(today, Weekday::Sat | Weekday::Mon)
                    } else {
                        keyed.contains(&today) || keyed.contains(&yesterday)
                    }
                })
                .map(|date| local_midnight(zone, date))
                .collect()
        }
        Transition::DateValidity => tariff
            .components
            .iter()
            .flat_map(|component| &component.days)
            .flat_map(|(_, bands)| bands)
            .flat_map(|band| [band.date_from, band.date_to])
            .flatten()
            .map(|date| local_midnight(zone, date))
            .collect(),
        Transition::GraceEnd | Transition::BlockingCap => Vec::new(),
    };
    instants.sort_unstable();
    instants.dedup();
    instants
}

/// Whole seconds from plug-in to each moment of kind `kind` (grace end or cap reached) of
/// the tariff's blocking bands, when it comes within 12 hours (sessions stay short enough
/// for a per-second reference to walk); empty for other kinds.
///
/// The cap's moment assumes the band's price all along (a tariff with several blocking
/// bands reaches its cap near there, not exactly there).
///
/// # Examples
/// ```
/// use connect_domain::tariff::ComponentKind;
/// use connect_testkit::strategy::{BandSpec, ComponentSpec, TariffSpec, Terms, Transition,
///     session_moments};
/// use rust_decimal::Decimal;
/// let terms = Terms { price: "6".into(), tax: Decimal::from(20), grace: Some("30".into()),
///     cap: Some("12.00".into()) };
/// let blocking = ComponentSpec { kind: ComponentKind::Blocking,
///     days: vec![("ALL".into(), vec![BandSpec::whole_day(terms)])] };
/// let tariff = TariffSpec::eur(vec![blocking]);
/// assert_eq!(session_moments(Transition::GraceEnd, &tariff), vec![1800]);
/// // 12.00 at 7.20 an hour, after the 30 free minutes: 1 h 40 min later.
/// assert_eq!(session_moments(Transition::BlockingCap, &tariff), vec![1800 + 6000]);
/// ```
pub fn session_moments(kind: Transition, tariff: &TariffSpec) -> Vec<i64> {
    let limit = 12 * 3600;
    let bands = tariff
        .components
        .iter()
        .filter(|component| component.kind == ComponentKind::Blocking)
        .flat_map(|component| &component.days)
        .flat_map(|(_, bands)| bands);
    let mut moments: Vec<i64> = bands
        .filter_map(|band| {
            let terms = &band.terms;
            let grace = terms
                .grace
                .as_deref()
                .and_then(|minutes| minutes.parse::<Decimal>().ok())
                .map_or(Some(0), |minutes| {
                    i64::try_from((minutes * Decimal::from(60)).ceil()).ok()
                })?;
            match kind {
                Transition::GraceEnd => Some(grace),
                Transition::BlockingCap => {
                    let price: Decimal = terms.price.parse().ok()?;
                    let cap: Decimal = terms.cap.as_deref()?.parse().ok()?;
                    let per_hour =
                        price * (Decimal::ONE_HUNDRED + terms.tax) / Decimal::ONE_HUNDRED;
                    if per_hour <= Decimal::ZERO {
                        return None;
                    }
                    let seconds = (cap / per_hour * Decimal::from(3600)).round();
                    i64::try_from(seconds).ok().map(|seconds| grace + seconds)
                }
                _ => None,
            }
        })
        .filter(|moment| (0..=limit).contains(moment))
        .collect();
    moments.sort_unstable();
    moments.dedup();
    moments
}

/// A price group with a blocking fee: `tariff`'s own, or a drawn one added to it.
fn with_blocking(
    tariff: impl Strategy<Value = TariffSpec>,
    around: NaiveDate,
    config: TariffConfig,
) -> impl Strategy<Value = TariffSpec> {
    (tariff, component(ComponentKind::Blocking, around, config)).prop_map(|(mut tariff, fee)| {
        if !tariff
            .components
            .iter()
            .any(|component| component.kind == ComponentKind::Blocking)
        {
            tariff.components.push(fee);
        }
        tariff
    })
}

/// How long before the moment the session starts, in whole seconds: mostly within two
/// minutes or three hours.
fn lead() -> impl Strategy<Value = i64> {
    prop_oneof![1 => 1..=120_i64, 2 => 1..=3 * 3600_i64]
}

/// A session around a moment of kind `kind` and the price group it is priced by (published
/// at its start): the session starts shortly before the moment (with a [`sub_second`] part)
/// and lasts past it, with up to `max_readings` meter readings at most `max_step` seconds
/// apart. Zones and years as [`zone`] and [`year`] draw them; DST kinds fall back to
/// [`YEAR`] when the zone changed no clocks that way in the year drawn, and to a local
/// midnight in a zone without DST.
///
/// # Examples
/// ```
/// use connect_testkit::strategy::{TariffConfig, Transition, session_around};
/// use proptest::prelude::*;
/// proptest!(|((session, _tariff) in session_around(Transition::DstBack, 3, 3600, TariffConfig::ANY))| {
///     prop_assert!(session.crosses_offset_change() || session.zone.name() == "Asia/Kolkata"
///         || session.zone.name() == "Asia/Kathmandu" || session.zone.name() == "Asia/Tehran");
/// });
/// ```
pub fn session_around(
    kind: Transition,
    max_readings: usize,
    max_step: i64,
    config: TariffConfig,
) -> BoxedStrategy<(SessionSpec, TariffSpec)> {
    (zone(), year())
        .prop_flat_map(move |(zone, year)| {
            let january_first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
            let around: BoxedStrategy<NaiveDate> = match kind {
                Transition::DstForward | Transition::DstBack => {
                    let changes = dst_changes(zone, year, kind == Transition::DstForward);
                    if changes.is_empty() {
                        (0..365_i64)
                            .prop_map(move |day| january_first + Duration::days(day))
                            .boxed()
                    } else {
                        select(changes)
                            .prop_map(move |at| at.with_timezone(&zone).date_naive())
                            .boxed()
                    }
                }
                Transition::YearEnd => {
                    Just(NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default()).boxed()
                }
                _ => (0..365_i64)
                    .prop_map(move |day| january_first + Duration::days(day))
                    .boxed(),
            };
            (Just(zone), around)
        })
        .prop_flat_map(move |(zone, around)| {
            let tariff = match kind {
                Transition::GraceEnd | Transition::BlockingCap => {
                    with_blocking(tariff(around, config), around, config).boxed()
                }
                _ => tariff(around, config).boxed(),
            };
            (Just(zone), Just(around), tariff)
        })
        .prop_flat_map(move |(zone, around, tariff)| {
            let moments = session_moments(kind, &tariff);
            // The start, and the instant it must be priced across (none for the moments
            // counted from plug-in).
            let start: BoxedStrategy<(DateTime<Utc>, Option<DateTime<Utc>>)> =
                if matches!(kind, Transition::GraceEnd | Transition::BlockingCap) {
                    // Anywhere in the local day; the moment is counted from plug-in.
                    let midnight = local_midnight(zone, around);
                    (0..86_400_i64, sub_second())
                        .prop_map(move |(second, part)| {
                            (midnight + Duration::seconds(second) + part, None)
                        })
                        .boxed()
                } else {
                    let mut instants = transition_instants(kind, &tariff, zone, around);
                    if instants.is_empty() {
                        instants.push(local_midnight(zone, around + Duration::days(1)));
                    }
                    (select(instants), lead(), sub_second())
                        .prop_map(|(at, lead, part)| {
                            (at - Duration::seconds(lead) + part, Some(at))
                        })
                        .boxed()
                };
            let moment = if moments.is_empty() {
                Just(None).boxed()
            } else {
                select(moments).prop_map(Some).boxed()
            };
            (
                Just(zone),
                Just(tariff),
                start,
                moment,
                meter(max_readings, max_step),
                stay(),
                // Past the moment by a second to an hour; around a moment counted from
                // plug-in, from two minutes before it.
                prop_oneof![2 => 1..=3600_i64, 1 => -120..=120_i64],
            )
        })
        .prop_map(
            move |(zone, mut tariff, (start, instant), moment, readings, stay, past)| {
                let last = readings.last().map_or(0, |reading| reading.0);
                let mut plug_out = stay.map(|stay| last + stay);
                let length = plug_out.unwrap_or(last);
                match (instant, moment) {
                    (Some(instant), _) => {
                        // Whole seconds from plug-in to the instant, rounded up: the session
                        // must outlast it.
                        let micros = (instant - start).num_microseconds().unwrap_or(0);
                        let until =
                            micros.div_euclid(1_000_000) + i64::from(micros % 1_000_000 != 0);
                        if length <= until {
                            plug_out = Some(last.max(until + past.abs().max(1)));
                        }
                    }
                    (None, Some(moment)) => plug_out = Some(last.max(moment + past)),
                    (None, None) => {}
                }
                tariff.local_datetime = Some(start.with_timezone(&zone).fixed_offset());
                (
                    SessionSpec {
                        zone,
                        start,
                        readings,
                        plug_out,
                    },
                    tariff,
                )
            },
        )
        .boxed()
}

/// A session around a moment of any [`Transition`] kind (see [`session_around`]), with the
/// kind.
///
/// # Examples
/// ```
/// use connect_domain::pricing::{PricingOptions, estimate};
/// use connect_testkit::strategy::{TariffConfig, session_around_transition};
/// use proptest::prelude::*;
/// proptest!(|((_kind, session, tariff) in session_around_transition(3, 3600, TariffConfig::ANY))| {
///     let cost = estimate(&tariff.group(), session.zone, session.start, &session.plan(),
///         &PricingOptions::default())?.cost;
///     prop_assert!(cost.invoice_summary >= cost.invoice_vat);
/// });
/// ```
pub fn session_around_transition(
    max_readings: usize,
    max_step: i64,
    config: TariffConfig,
) -> impl Strategy<Value = (Transition, SessionSpec, TariffSpec)> {
    transition().prop_flat_map(move |kind| {
        session_around(kind, max_readings, max_step, config)
            .prop_map(move |(session, tariff)| (kind, session, tariff))
    })
}
