//! Charging: meter profiles in whole seconds, sessions (zone, start, profile, plug-out), and
//! charging plans of every kind the engine takes.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use connect_domain::charging::{ChargingPlan, MeterReading};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::time::{ZONES, offset_changes, start_before_offset_change, start_near_anchor, zone};

/// A session: where and when it starts, its meter readings, and when the car leaves.
///
/// Everything is in whole seconds after the start, so a brute-force reference can walk it
/// second by second.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSpec {
    /// The station's zone (its bands are local to it).
    pub zone: Tz,
    /// Plug-in.
    pub start: DateTime<Utc>,
    /// Meter readings: seconds after the start, cumulative kWh (never decreasing).
    pub readings: Vec<(i64, Decimal)>,
    /// Plug-out, seconds after the start; `None`: at the last reading.
    pub plug_out: Option<i64>,
}

impl SessionSpec {
    /// The session as the engine takes it: a meter plan.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::charging::ChargingPlan;
    /// use connect_testkit::strategy::SessionSpec;
    /// use rust_decimal::Decimal;
    /// let session = SessionSpec {
    ///     zone: chrono_tz::Europe::Berlin,
    ///     start: "2026-03-28T23:30:00Z".parse()?,
    ///     readings: vec![(3600, Decimal::from(11))],
    ///     plug_out: Some(5400),
    /// };
    /// assert!(matches!(session.plan(), ChargingPlan::Meter { .. }));
    /// assert_eq!(session.end().to_rfc3339(), "2026-03-29T01:00:00+00:00");
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    pub fn plan(&self) -> ChargingPlan {
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
    pub fn length(&self) -> i64 {
        self.plug_out
            .or_else(|| self.readings.last().map(|r| r.0))
            .unwrap_or(0)
    }

    /// Plug-out.
    pub fn end(&self) -> DateTime<Utc> {
        self.start + Duration::seconds(self.length())
    }

    /// The energy delivered: the last reading (zero without readings).
    pub fn energy_kwh(&self) -> Decimal {
        self.readings.last().map_or(Decimal::ZERO, |r| r.1)
    }

    /// The local date of the start (what dated bands are generated around).
    pub fn local_date(&self) -> NaiveDate {
        self.start.with_timezone(&self.zone).date_naive()
    }

    /// Whether the session crosses one of its zone's DST changes.
    pub fn crosses_offset_change(&self) -> bool {
        let end = self.end();
        let year = |at: DateTime<Utc>| at.format("%Y").to_string().parse().unwrap_or(0);
        (year(self.start)..=year(end))
            .flat_map(|y| offset_changes(self.zone, y))
            .any(|change| self.start < change && change < end)
    }
}

/// Meter readings: up to `max_readings`, each 1 s to `max_step` seconds after the previous,
/// each adding 0 to 30 kWh with up to 3 decimals. Shrinks towards fewer, shorter, smaller
/// steps.
///
/// # Examples
/// ```
/// use connect_testkit::strategy::meter;
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let mut runner = TestRunner::deterministic();
/// let readings = meter(4, 3600).new_tree(&mut runner).map(|t| t.current()).unwrap_or_default();
/// assert!(readings.len() <= 4);
/// assert!(readings.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1));
/// ```
pub fn meter(max_readings: usize, max_step: i64) -> impl Strategy<Value = Vec<(i64, Decimal)>> {
    let max_step = max_step.max(60);
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

/// How long the car stays after the last reading: not at all, not a second, minutes, or up
/// to 12 hours.
pub(super) fn stay() -> impl Strategy<Value = Option<i64>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(0_i64)),
        1 => (1..=600_i64).prop_map(Some),
        2 => (1..=12 * 3600_i64).prop_map(Some),
    ]
}

fn session_from(
    zone: Tz,
    start: DateTime<Utc>,
    readings: Vec<(i64, Decimal)>,
    stay: Option<i64>,
) -> SessionSpec {
    let last = readings.last().map_or(0, |r| r.0);
    SessionSpec {
        zone,
        start,
        readings,
        plug_out: stay.map(|stay| last + stay),
    }
}

/// A session in one of [`ZONES`], starting near a DST change, a weekend midnight or
/// anywhere in the year (see [`start_near_anchor`]), with up to `max_readings` readings
/// `max_step` seconds apart at most, the car staying up to 12 hours after.
///
/// # Examples
/// ```
/// use connect_testkit::strategy::session;
/// use proptest::prelude::*;
/// proptest!(|(session in session(4, 8 * 3600))| {
///     prop_assert!(session.length() >= session.readings.last().map_or(0, |r| r.0));
/// });
/// ```
pub fn session(max_readings: usize, max_step: i64) -> impl Strategy<Value = SessionSpec> {
    zone().prop_flat_map(move |zone| {
        (
            Just(zone),
            start_near_anchor(zone),
            meter(max_readings, max_step),
            stay(),
        )
            .prop_map(|(zone, start, readings, stay)| session_from(zone, start, readings, stay))
    })
}

/// A session that starts within `before` seconds before a DST change of a zone that has
/// them, so that any session longer than that crosses it.
///
/// # Examples
/// ```
/// use connect_testkit::strategy::session_before_offset_change;
/// use proptest::prelude::*;
/// proptest!(|(session in session_before_offset_change(3, 4 * 3600, 3 * 3600))| {
///     prop_assert!(session.length() <= 3 * 3600 || session.crosses_offset_change());
/// });
/// ```
pub fn session_before_offset_change(
    max_readings: usize,
    max_step: i64,
    before: i64,
) -> impl Strategy<Value = SessionSpec> {
    let with_changes: Vec<Tz> = ZONES
        .into_iter()
        .filter(|zone| !offset_changes(*zone, super::time::YEAR).is_empty())
        .collect();
    proptest::sample::select(with_changes).prop_flat_map(move |zone| {
        (
            Just(zone),
            start_before_offset_change(zone, before),
            meter(max_readings, max_step),
            stay(),
        )
            .prop_map(|(zone, start, readings, stay)| session_from(zone, start, readings, stay))
    })
}

/// A charging plan for a session starting at `start`, of any kind: constant power (up to
/// 80 kWh at 1.1 to 350 kW, sometimes leaving early or staying on), meter readings, or a
/// finished session's total. Every plan is valid for the engine.
///
/// # Examples
/// ```
/// use connect_domain::charging::Session;
/// use connect_testkit::strategy::charging_plan;
/// use proptest::prelude::*;
/// let start = "2026-10-24T22:00:00Z".parse().unwrap_or_default();
/// proptest!(|(plan in charging_plan(start))| {
///     prop_assert!(Session::new(start, &plan).is_ok());
/// });
/// ```
pub fn charging_plan(start: DateTime<Utc>) -> impl Strategy<Value = ChargingPlan> {
    let at = move |seconds: i64| start + Duration::seconds(seconds);
    let constant = (
        0..=80_000_i64,
        11..=3500_i64,
        proptest::option::of(0..=16 * 3600_i64),
    )
        .prop_map(
            move |(milli_kwh, deci_kw, plug_out)| ChargingPlan::ConstantPower {
                energy_kwh: Decimal::new(milli_kwh, 3),
                power_kw: Decimal::new(deci_kw, 1),
                plug_out: plug_out.map(at),
            },
        );
    let metered = (meter(6, 3 * 3600), stay()).prop_map(move |(readings, stay)| {
        let last = readings.last().map_or(0, |r| r.0);
        ChargingPlan::Meter {
            readings: readings
                .into_iter()
                .map(|(seconds, energy_kwh)| MeterReading {
                    at: at(seconds),
                    energy_kwh,
                })
                .collect(),
            plug_out: stay.map(|stay| at(last + stay)),
        }
    });
    // Energy flowed for at least a second (a total delivered in no time is impossible).
    let total = (0..=80_000_i64, 1..=12 * 3600_i64, 0..=12 * 3600_i64).prop_map(
        move |(milli_kwh, charging, idle)| ChargingPlan::Total {
            energy_kwh: Decimal::new(milli_kwh, 3),
            charging_end: Some(at(charging)),
            plug_out: at(charging + idle),
        },
    );
    prop_oneof![2 => constant, 2 => metered, 1 => total]
}
