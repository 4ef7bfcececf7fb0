//! What happens at the plug: when the car is plugged in and out, and how much energy flowed
//! when.
//!
//! A [`ChargingPlan`] says it the way a caller knows it (energy and power; meter readings;
//! a finished session's total). [`Session::new`] turns it into one validated shape: a
//! cumulative energy curve starting at zero at plug-in, linear between its points.

use chrono::{DateTime, Duration, Utc};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// Cumulative energy is interpolated to this many decimals of a kWh (a nanowatt-hour). Fixing
/// the precision makes energy split across bands add up exactly to the energy delivered.
const ENERGY_DECIMALS: u32 = 12;

/// The longest session the engine prices: a year. Longer is a mistake in the input.
const MAX_SESSION_DAYS: i64 = 366;

/// The most energy one session can deliver; more is a mistake in the input (and bounding it
/// keeps every product of energy, time and price far from `Decimal`'s range).
const MAX_ENERGY_KWH: i64 = 1_000_000;

/// One reading of the meter: energy delivered since plug-in, at an instant.
///
/// # Examples
/// ```
/// use connect_domain::charging::MeterReading;
/// let reading: MeterReading = serde_json::from_str(
///     r#"{"at": "2026-04-02T14:51:18Z", "energy_kwh": "10.000"}"#)?;
/// assert_eq!(reading.energy_kwh.to_string(), "10.000");
/// // JSON numbers are read exactly too.
/// let reading: MeterReading = serde_json::from_str(
///     r#"{"at": "2026-04-02T14:51:18Z", "energy_kwh": 12.5}"#)?;
/// assert_eq!(reading.energy_kwh.to_string(), "12.5");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeterReading {
    /// When the reading was taken.
    pub at: DateTime<Utc>,
    /// Cumulative kWh delivered since plug-in.
    pub energy_kwh: Decimal,
}

/// How energy will flow (for an estimate) or did flow (for a finished session).
///
/// # Examples
/// ```
/// use connect_domain::charging::{ChargingPlan, Session};
/// use rust_decimal::Decimal;
/// let start = "2026-04-02T13:00:00Z".parse()?;
/// let plan = ChargingPlan::ConstantPower {
///     energy_kwh: Decimal::from(11), power_kw: Decimal::from(22), plug_out: None };
/// let (session, warnings) = Session::new(start, &plan)?;
/// assert!(warnings.is_empty());
/// assert_eq!(session.charging_end().to_rfc3339(), "2026-04-02T13:30:00+00:00");
/// assert_eq!(session.plug_out(), session.charging_end());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChargingPlan {
    /// Charge at constant power until the energy is delivered, then stay plugged in until
    /// `plug_out` (default: when charging completes). Plugging out earlier cuts the charge
    /// short, with a warning.
    ConstantPower {
        /// Energy wanted, kWh.
        energy_kwh: Decimal,
        /// Charging power, kW.
        power_kw: Decimal,
        /// When the car leaves.
        plug_out: Option<DateTime<Utc>>,
    },
    /// Energy flows linearly between meter readings (cumulative since plug-in; the reading
    /// at plug-in is zero and may be left out). Plug-out defaults to the last reading.
    Meter {
        /// The readings, in time order.
        readings: Vec<MeterReading>,
        /// When the car left.
        plug_out: Option<DateTime<Utc>>,
    },
    /// A finished session of which only the total energy is known: it flowed evenly from
    /// plug-in until `charging_end` (default: plug-out).
    Total {
        /// Energy delivered, kWh.
        energy_kwh: Decimal,
        /// When energy stopped flowing.
        charging_end: Option<DateTime<Utc>>,
        /// When the car left.
        plug_out: DateTime<Utc>,
    },
}

impl ChargingPlan {
    /// The same plan moved in time, for trying other start times.
    #[must_use]
    pub fn shifted(&self, by: Duration) -> Self {
        let shift = |t: DateTime<Utc>| t + by;
        match self {
            Self::ConstantPower {
                energy_kwh,
                power_kw,
                plug_out,
            } => Self::ConstantPower {
                energy_kwh: *energy_kwh,
                power_kw: *power_kw,
                plug_out: plug_out.map(shift),
            },
            Self::Meter { readings, plug_out } => Self::Meter {
                readings: readings
                    .iter()
                    .map(|r| MeterReading {
                        at: shift(r.at),
                        energy_kwh: r.energy_kwh,
                    })
                    .collect(),
                plug_out: plug_out.map(shift),
            },
            Self::Total {
                energy_kwh,
                charging_end,
                plug_out,
            } => Self::Total {
                energy_kwh: *energy_kwh,
                charging_end: charging_end.map(shift),
                plug_out: shift(*plug_out),
            },
        }
    }
}

/// A plan that cannot happen, naming the field (e.g. `meter[2].energy_kwh`).
///
/// # Examples
/// ```
/// use connect_domain::charging::{ChargingPlan, Session};
/// use rust_decimal::Decimal;
/// let plan = ChargingPlan::ConstantPower {
///     energy_kwh: Decimal::from(10), power_kw: Decimal::ZERO, plug_out: None };
/// let error = Session::new("2026-04-02T13:00:00Z".parse()?, &plan).unwrap_err();
/// assert_eq!(error.field, "power_kw");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct ChargingError {
    /// The field at fault.
    pub field: String,
    /// What is wrong, in words.
    pub problem: String,
}

fn fault(field: impl Into<String>, problem: impl Into<String>) -> ChargingError {
    ChargingError {
        field: field.into(),
        problem: problem.into(),
    }
}

/// Something about the plan worth telling the caller.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChargingWarning {
    /// The car leaves before the wanted energy is delivered.
    PlugOutBeforeChargingComplete {
        /// Energy wanted, kWh.
        requested_kwh: Decimal,
        /// Energy delivered by plug-out, kWh.
        delivered_kwh: Decimal,
    },
}

impl std::fmt::Display for ChargingWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::PlugOutBeforeChargingComplete {
                requested_kwh,
                delivered_kwh,
            } => write!(
                f,
                "plug_out comes before charging completes: {delivered_kwh:.3} of {requested_kwh} kWh delivered"
            ),
        }
    }
}

/// A validated session: plug-in, plug-out, and the cumulative energy curve between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    start: DateTime<Utc>,
    plug_out: DateTime<Utc>,
    /// Cumulative kWh, starting at `(start, 0)`, strictly increasing in time, never
    /// decreasing in energy.
    points: Vec<(DateTime<Utc>, Decimal)>,
}

impl Session {
    /// Validates a plan for a session that starts (plugs in) at `start`.
    ///
    /// # Errors
    /// A [`ChargingError`] naming the field when energy or power is negative, power is zero
    /// while energy is wanted, readings go back in time or in energy, a reading or plug-out
    /// precedes the start, or the session would last more than a year.
    pub fn new(
        start: DateTime<Utc>,
        plan: &ChargingPlan,
    ) -> Result<(Self, Vec<ChargingWarning>), ChargingError> {
        if !crate::local_time::supported(start) {
            return Err(fault("start", "must lie between the years 1900 and 9000"));
        }
        if let ChargingPlan::Meter { readings, .. } = plan
            && let Some(i) = readings
                .iter()
                .position(|r| !crate::local_time::supported(r.at))
        {
            return Err(fault(
                format!("meter[{i}].at"),
                "must lie between the years 1900 and 9000",
            ));
        }
        let mut warnings = Vec::new();
        let session = match plan {
            ChargingPlan::ConstantPower {
                energy_kwh,
                power_kw,
                plug_out,
            } => constant_power(start, *energy_kwh, *power_kw, *plug_out, &mut warnings)?,
            ChargingPlan::Meter { readings, plug_out } => meter(start, readings, *plug_out)?,
            ChargingPlan::Total {
                energy_kwh,
                charging_end,
                plug_out,
            } => total(start, *energy_kwh, *charging_end, *plug_out)?,
        };
        if session.plug_out - session.start > Duration::days(MAX_SESSION_DAYS) {
            return Err(fault(
                "plug_out",
                format!("a session may last at most {MAX_SESSION_DAYS} days"),
            ));
        }
        Ok((session, warnings))
    }

    /// Plug-in: the session's start.
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// Plug-out: the session's end.
    pub fn plug_out(&self) -> DateTime<Utc> {
        self.plug_out
    }

    /// When energy stopped flowing for good (the start, if none flowed).
    pub fn charging_end(&self) -> DateTime<Utc> {
        self.points
            .windows(2)
            .rev()
            .find(|pair| pair[1].1 > pair[0].1)
            .map_or(self.start, |pair| pair[1].0)
    }

    /// Total energy delivered, kWh.
    pub fn energy_kwh(&self) -> Decimal {
        self.points.last().map_or(Decimal::ZERO, |point| point.1)
    }

    /// The cumulative energy curve, starting at `(start, 0)`.
    pub fn points(&self) -> &[(DateTime<Utc>, Decimal)] {
        &self.points
    }

    /// Time while energy flowed.
    pub fn charging_time(&self) -> Duration {
        self.charging_segments()
            .map(|segment| segment.to - segment.from)
            .sum()
    }

    /// The stretches during which energy flowed, in time order.
    pub(crate) fn charging_segments(&self) -> impl Iterator<Item = Segment> + '_ {
        self.points.windows(2).filter_map(|pair| {
            (pair[1].1 > pair[0].1).then_some(Segment {
                from: pair[0].0,
                to: pair[1].0,
                energy_from: pair[0].1,
                energy_to: pair[1].1,
            })
        })
    }
}

/// A stretch of steady power between two points of the energy curve.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Segment {
    pub(crate) from: DateTime<Utc>,
    pub(crate) to: DateTime<Utc>,
    pub(crate) energy_from: Decimal,
    pub(crate) energy_to: Decimal,
}

impl Segment {
    /// Cumulative energy at an instant inside the segment: linear, rounded to
    /// [`ENERGY_DECIMALS`]. Exact at both ends.
    pub(crate) fn energy_at(&self, at: DateTime<Utc>) -> Decimal {
        if at <= self.from {
            return self.energy_from;
        }
        if at >= self.to {
            return self.energy_to;
        }
        interpolate(
            self.energy_from,
            self.energy_to,
            micros(at - self.from),
            micros(self.to - self.from),
        )
    }
}

/// `from + (to − from) × elapsed / length`, rounded to [`ENERGY_DECIMALS`].
pub(crate) fn interpolate(from: Decimal, to: Decimal, elapsed: i64, length: i64) -> Decimal {
    let delta = (to - from) * Decimal::from(elapsed) / Decimal::from(length);
    (from + delta).round_dp_with_strategy(ENERGY_DECIMALS, RoundingStrategy::MidpointNearestEven)
}

/// Whole microseconds of a duration (the precision of the API's timestamps).
pub(crate) fn micros(duration: Duration) -> i64 {
    duration.num_microseconds().unwrap_or(i64::MAX)
}

fn check_plug_out(
    start: DateTime<Utc>,
    plug_out: DateTime<Utc>,
) -> Result<DateTime<Utc>, ChargingError> {
    if plug_out < start {
        return Err(fault("plug_out", "is before the start"));
    }
    Ok(plug_out)
}

fn non_negative(field: &str, value: Decimal) -> Result<Decimal, ChargingError> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(fault(field, format!("must not be negative, found {value}")));
    }
    Ok(value)
}

fn energy(field: &str, value: Decimal) -> Result<Decimal, ChargingError> {
    let value = non_negative(field, value)?;
    if value > Decimal::from(MAX_ENERGY_KWH) {
        return Err(fault(
            field,
            format!("must be at most {MAX_ENERGY_KWH} kWh, found {value}"),
        ));
    }
    Ok(value)
}

fn constant_power(
    start: DateTime<Utc>,
    wanted: Decimal,
    power: Decimal,
    plug_out: Option<DateTime<Utc>>,
    warnings: &mut Vec<ChargingWarning>,
) -> Result<Session, ChargingError> {
    let energy = energy("energy_kwh", wanted)?;
    let power = non_negative("power_kw", power)?;
    if energy.is_zero() {
        let plug_out = check_plug_out(start, plug_out.unwrap_or(start))?;
        return Ok(Session {
            start,
            plug_out,
            points: vec![(start, Decimal::ZERO)],
        });
    }
    if power.is_zero() {
        return Err(fault("power_kw", "must be above zero to deliver energy"));
    }
    let hours = energy.checked_div(power).unwrap_or(Decimal::MAX);
    let most_hours = Decimal::from(MAX_SESSION_DAYS * 24);
    if hours > most_hours {
        // The energy is within its own range (checked above), so the power is the one too
        // small for it: blame power_kw, saying the least that would do.
        let least = (energy / most_hours).round_dp_with_strategy(6, RoundingStrategy::AwayFromZero);
        return Err(fault(
            "power_kw",
            format!(
                "{power} kW delivers {energy} kWh in more than {MAX_SESSION_DAYS} days; give at least {least} kW"
            ),
        ));
    }
    let length = (hours * Decimal::from(3_600_000_000_i64))
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let length = Duration::microseconds(i64::try_from(length).unwrap_or(i64::MAX).max(1));
    let charging_end = start + length;
    let plug_out = check_plug_out(start, plug_out.unwrap_or(charging_end))?;
    let points = if plug_out >= charging_end {
        vec![(start, Decimal::ZERO), (charging_end, energy)]
    } else {
        let delivered = interpolate(
            Decimal::ZERO,
            energy,
            micros(plug_out - start),
            micros(length),
        );
        warnings.push(ChargingWarning::PlugOutBeforeChargingComplete {
            requested_kwh: energy,
            delivered_kwh: delivered,
        });
        if plug_out == start {
            vec![(start, Decimal::ZERO)]
        } else {
            vec![(start, Decimal::ZERO), (plug_out, delivered)]
        }
    };
    Ok(Session {
        start,
        plug_out,
        points,
    })
}

fn meter(
    start: DateTime<Utc>,
    readings: &[MeterReading],
    plug_out: Option<DateTime<Utc>>,
) -> Result<Session, ChargingError> {
    let mut points = Vec::with_capacity(readings.len() + 1);
    points.push((start, Decimal::ZERO));
    for (i, reading) in readings.iter().enumerate() {
        let energy = energy(&format!("meter[{i}].energy_kwh"), reading.energy_kwh)?;
        let (last_at, last_energy) = points[points.len() - 1];
        if reading.at < last_at || (i > 0 && reading.at == last_at) {
            let what = if reading.at < start && i == 0 {
                "is before the start"
            } else {
                "is not after the previous reading"
            };
            return Err(fault(format!("meter[{i}].at"), what));
        }
        if energy < last_energy {
            return Err(fault(
                format!("meter[{i}].energy_kwh"),
                format!("a cumulative reading may not decrease ({energy} after {last_energy})"),
            ));
        }
        if reading.at == start {
            if !energy.is_zero() {
                return Err(fault(
                    format!("meter[{i}].energy_kwh"),
                    "the reading at the start must be zero",
                ));
            }
            continue;
        }
        points.push((reading.at, energy));
    }
    let last_at = points[points.len() - 1].0;
    let plug_out = plug_out.unwrap_or(last_at);
    if plug_out < last_at {
        return Err(fault("plug_out", "is before the last meter reading"));
    }
    Ok(Session {
        start,
        plug_out,
        points,
    })
}

fn total(
    start: DateTime<Utc>,
    energy: Decimal,
    charging_end: Option<DateTime<Utc>>,
    plug_out: DateTime<Utc>,
) -> Result<Session, ChargingError> {
    let energy = self::energy("energy_kwh", energy)?;
    let plug_out = check_plug_out(start, plug_out)?;
    let charging_end = charging_end.unwrap_or(plug_out);
    if charging_end < start || charging_end > plug_out {
        return Err(fault("charging_end", "must lie between start and plug_out"));
    }
    let points = if energy.is_zero() {
        vec![(start, Decimal::ZERO)]
    } else if charging_end == start {
        return Err(fault(
            "charging_end",
            "energy was delivered, so charging cannot end at the start",
        ));
    } else {
        vec![(start, Decimal::ZERO), (charging_end, energy)]
    };
    Ok(Session {
        start,
        plug_out,
        points,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn reading(time: &str, kwh: i64) -> MeterReading {
        MeterReading {
            at: at(time),
            energy_kwh: Decimal::from(kwh),
        }
    }

    #[test]
    fn plugging_out_early_delivers_what_flowed_until_then() {
        let plan = ChargingPlan::ConstantPower {
            energy_kwh: Decimal::from(22),
            power_kw: Decimal::from(22),
            plug_out: Some(at("2026-04-02T13:30:00Z")),
        };
        let (session, warnings) = Session::new(at("2026-04-02T13:00:00Z"), &plan).unwrap();
        assert_eq!(session.energy_kwh(), Decimal::from(11));
        assert_eq!(session.charging_end(), at("2026-04-02T13:30:00Z"));
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn a_power_too_small_for_the_energy_is_blamed_on_the_power() {
        let plan = ChargingPlan::ConstantPower {
            energy_kwh: Decimal::from(10),
            power_kw: Decimal::new(1, 27),
            plug_out: None,
        };
        let error = Session::new(at("2026-04-02T13:00:00Z"), &plan).unwrap_err();
        assert_eq!(error.field, "power_kw");
        assert!(error.problem.contains("at least 0.001139 kW"), "{error}");
        let too_much = ChargingPlan::ConstantPower {
            energy_kwh: Decimal::from(2_000_000),
            power_kw: Decimal::new(1, 27),
            plug_out: None,
        };
        let error = Session::new(at("2026-04-02T13:00:00Z"), &too_much).unwrap_err();
        assert_eq!(error.field, "energy_kwh");
    }

    #[test]
    fn meter_readings_must_move_forward() {
        let start = at("2026-04-02T13:00:00Z");
        let back_in_time = ChargingPlan::Meter {
            readings: vec![
                reading("2026-04-02T14:00:00Z", 5),
                reading("2026-04-02T13:30:00Z", 6),
            ],
            plug_out: None,
        };
        assert_eq!(
            Session::new(start, &back_in_time).unwrap_err().field,
            "meter[1].at"
        );
        let decreasing = ChargingPlan::Meter {
            readings: vec![
                reading("2026-04-02T14:00:00Z", 5),
                reading("2026-04-02T15:00:00Z", 4),
            ],
            plug_out: None,
        };
        assert_eq!(
            Session::new(start, &decreasing).unwrap_err().field,
            "meter[1].energy_kwh"
        );
        let before_start = ChargingPlan::Meter {
            readings: vec![reading("2026-04-02T12:00:00Z", 0)],
            plug_out: None,
        };
        assert_eq!(
            Session::new(start, &before_start).unwrap_err().field,
            "meter[0].at"
        );
    }

    #[test]
    fn charging_time_counts_only_while_energy_flows() {
        let plan = ChargingPlan::Meter {
            readings: vec![
                reading("2026-04-02T14:00:00Z", 10),
                reading("2026-04-02T15:00:00Z", 10),
                reading("2026-04-02T15:30:00Z", 12),
            ],
            plug_out: Some(at("2026-04-02T18:00:00Z")),
        };
        let (session, _) = Session::new(at("2026-04-02T13:00:00Z"), &plan).unwrap();
        assert_eq!(session.charging_time(), Duration::minutes(90));
        assert_eq!(session.charging_end(), at("2026-04-02T15:30:00Z"));
        assert_eq!(session.plug_out(), at("2026-04-02T18:00:00Z"));
    }

    #[test]
    fn instants_near_the_calendar_limits_are_refused_not_overflowed() {
        let plan = ChargingPlan::ConstantPower {
            energy_kwh: Decimal::from(10),
            power_kw: Decimal::from(10),
            plug_out: None,
        };
        let error = Session::new(DateTime::<Utc>::MAX_UTC, &plan).unwrap_err();
        assert_eq!(error.field, "start");
        let meter = ChargingPlan::Meter {
            readings: vec![MeterReading {
                at: DateTime::<Utc>::MAX_UTC,
                energy_kwh: Decimal::ONE,
            }],
            plug_out: None,
        };
        let error = Session::new(at("2026-04-02T13:00:00Z"), &meter).unwrap_err();
        assert_eq!(error.field, "meter[0].at");
    }

    #[test]
    fn absurd_lengths_are_refused_not_overflowed() {
        let plan = ChargingPlan::ConstantPower {
            energy_kwh: Decimal::from(1000),
            power_kw: Decimal::new(1, 20),
            plug_out: None,
        };
        assert_eq!(
            Session::new(at("2026-04-02T13:00:00Z"), &plan)
                .unwrap_err()
                .field,
            "power_kw"
        );
    }
}
