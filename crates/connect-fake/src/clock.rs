//! The sandbox's clocks: a manual one that tests move by hand (sessions progress by hours in
//! no time), the real one, and a real one running faster; and each tenant's own clock
//! ([`TenantClock`]), which runs over the sandbox's time source so that one tenant moving
//! its time never moves another's.
//!
//! No arithmetic here can panic or wrap: every sum is checked, and a tenant's time is held
//! between [`EARLIEST`] and [`latest()`](latest), the instants the pricing engine can price.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, TimeZone, Utc};
use connect_ports::Clock;

/// The earliest instant a tenant's clock may show: the Unix epoch.
pub const EARLIEST: DateTime<Utc> = DateTime::UNIX_EPOCH;

/// The latest instant a tenant's clock may show: the end of the year 8999. The pricing
/// engine prices sessions in the years 1900 to 9000; stopping the clock a year short of that
/// keeps every session it can start (at most a year long) priceable.
pub fn latest() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(8999, 12, 31, 23, 59, 59)
        .single()
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// The fastest a tenant's clock may run: 100 000 × real time (a day in under a second).
pub const MAX_SPEED: u32 = 100_000;

/// The longest single jump of `advance`: 366 days.
pub const MAX_ADVANCE: Duration = Duration::days(366);

/// How a tenant's clock runs: the server's flags choose it for new tenants, the control API
/// changes it for one tenant.
///
/// # Examples
/// ```
/// use connect_fake::clock::ClockMode;
/// let manual = ClockMode::Manual { now: "2026-04-02T13:51:18Z".parse()? };
/// assert!(manual.check().is_ok());
/// assert!(ClockMode::Running { speed: 0 }.check().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClockMode {
    /// Stands at `now` until advanced: fully deterministic.
    Manual {
        /// Where it stands.
        now: DateTime<Utc>,
    },
    /// Runs with the sandbox's time source, `speed` times as fast (1: real time).
    Running {
        /// How many times faster than the source.
        speed: u32,
    },
}

impl Default for ClockMode {
    /// Running at the source's pace: every tenant reads the sandbox's clock as it is.
    fn default() -> Self {
        Self::Running { speed: 1 }
    }
}

impl ClockMode {
    /// Whether the mode stays within the bounds.
    ///
    /// # Errors
    /// [`ClockError`] naming the bound a manual instant or a speed exceeds.
    pub fn check(self) -> Result<Self, ClockError> {
        match self {
            Self::Manual { now } => within_bounds(now).map(|_| self),
            Self::Running { speed } if (1..=MAX_SPEED).contains(&speed) => Ok(self),
            Self::Running { .. } => Err(ClockError::Speed { max: MAX_SPEED }),
        }
    }
}

/// A clock request outside what the sandbox can price.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClockError {
    /// An instant before [`EARLIEST`].
    #[error("now: must not be before {earliest}")]
    TooEarly {
        /// The earliest instant allowed.
        earliest: DateTime<Utc>,
    },
    /// An instant (or an advance reaching one) after [`latest`].
    #[error("{field}: the clock may not pass {latest} (the pricing engine's limit)")]
    TooLate {
        /// The request's field that would pass the limit.
        field: &'static str,
        /// The latest instant allowed.
        latest: DateTime<Utc>,
    },
    /// An advance that is negative or longer than [`MAX_ADVANCE`].
    #[error("seconds: must be between 0 and {max_seconds}")]
    Advance {
        /// The longest advance allowed, in seconds.
        max_seconds: i64,
    },
    /// A speed of 0 or above [`MAX_SPEED`].
    #[error("speed: must be between 1 and {max}")]
    Speed {
        /// The fastest speed allowed.
        max: u32,
    },
}

impl ClockError {
    /// The request field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            Self::TooEarly { .. } => "now",
            Self::TooLate { field, .. } => field,
            Self::Advance { .. } => "seconds",
            Self::Speed { .. } => "speed",
        }
    }
}

fn within_bounds(instant: DateTime<Utc>) -> Result<DateTime<Utc>, ClockError> {
    if instant < EARLIEST {
        return Err(ClockError::TooEarly { earliest: EARLIEST });
    }
    if instant > latest() {
        return Err(ClockError::TooLate {
            field: "now",
            latest: latest(),
        });
    }
    Ok(instant)
}

/// One tenant's clock: plain data (so a database can keep it), read against the sandbox's
/// time source.
///
/// # Examples
/// ```
/// use chrono::Duration;
/// use connect_fake::clock::{ClockMode, TenantClock};
/// let source = "2026-04-02T13:00:00Z".parse()?;
/// let mut clock = TenantClock::new(ClockMode::Running { speed: 60 }, source)?;
/// // One minute of the source is an hour of this tenant's time.
/// assert_eq!(clock.now(source + Duration::minutes(1)).to_rfc3339(), "2026-04-02T14:00:00+00:00");
/// clock.advance(Duration::days(1), source)?;
/// assert_eq!(clock.now(source).to_rfc3339(), "2026-04-03T13:00:00+00:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TenantClock {
    /// The tenant's time at `source_anchor`.
    anchor: DateTime<Utc>,
    /// The source's time when the clock was last set or advanced.
    source_anchor: DateTime<Utc>,
    /// 0 for a manual clock, else how many times faster than the source.
    speed: u32,
}

impl TenantClock {
    /// A clock in `mode`, started when the source reads `source_now`.
    ///
    /// # Errors
    /// [`ClockError`] for a mode outside the bounds.
    pub fn new(mode: ClockMode, source_now: DateTime<Utc>) -> Result<Self, ClockError> {
        let mut clock = Self {
            anchor: source_now.clamp(EARLIEST, latest()),
            source_anchor: source_now,
            speed: 1,
        };
        clock.set(mode, source_now)?;
        Ok(clock)
    }

    /// The stored parts: the tenant's time at the anchor, the source's time at the anchor,
    /// and the speed (0: manual). For a database to keep the clock.
    pub fn parts(&self) -> (DateTime<Utc>, DateTime<Utc>, u32) {
        (self.anchor, self.source_anchor, self.speed)
    }

    /// A clock from its [`parts`](Self::parts), held within the bounds.
    pub fn from_parts(anchor: DateTime<Utc>, source_anchor: DateTime<Utc>, speed: u32) -> Self {
        Self {
            anchor: anchor.clamp(EARLIEST, latest()),
            source_anchor,
            speed: speed.min(MAX_SPEED),
        }
    }

    /// How the clock runs now.
    pub fn mode(&self, source_now: DateTime<Utc>) -> ClockMode {
        match self.speed {
            0 => ClockMode::Manual {
                now: self.now(source_now),
            },
            speed => ClockMode::Running { speed },
        }
    }

    /// The tenant's time when the source reads `source_now`: never before [`EARLIEST`],
    /// never after [`latest`] (a running clock stops there).
    pub fn now(&self, source_now: DateTime<Utc>) -> DateTime<Utc> {
        if self.speed == 0 {
            return self.anchor;
        }
        // A source that steps back (a system clock corrected) does not take the tenant back.
        let elapsed = source_now
            .signed_duration_since(self.source_anchor)
            .max(Duration::zero());
        let speed = i32::try_from(self.speed).unwrap_or(i32::MAX);
        elapsed
            .checked_mul(speed)
            .and_then(|scaled| self.anchor.checked_add_signed(scaled))
            .map_or_else(latest, |now| now.min(latest()))
    }

    /// Changes how the clock runs, from the tenant's time now (or, for a manual mode, from
    /// the instant it names).
    ///
    /// # Errors
    /// [`ClockError`] for a mode outside the bounds; the clock is then unchanged.
    pub fn set(&mut self, mode: ClockMode, source_now: DateTime<Utc>) -> Result<(), ClockError> {
        let anchor = match mode.check()? {
            ClockMode::Manual { now } => now,
            ClockMode::Running { .. } => self.now(source_now),
        };
        self.anchor = anchor;
        self.source_anchor = source_now;
        self.speed = match mode {
            ClockMode::Manual { .. } => 0,
            ClockMode::Running { speed } => speed,
        };
        Ok(())
    }

    /// Moves the clock forward by `by` (0 to [`MAX_ADVANCE`]), and answers the new time.
    ///
    /// # Errors
    /// [`ClockError::Advance`] for a negative or too long jump, [`ClockError::TooLate`] for a
    /// jump past [`latest`]; the clock is then unchanged.
    pub fn advance(
        &mut self,
        by: Duration,
        source_now: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, ClockError> {
        if by < Duration::zero() || by > MAX_ADVANCE {
            return Err(ClockError::Advance {
                max_seconds: MAX_ADVANCE.num_seconds(),
            });
        }
        let too_late = ClockError::TooLate {
            field: "seconds",
            latest: latest(),
        };
        let now = self
            .now(source_now)
            .checked_add_signed(by)
            .filter(|now| *now <= latest())
            .ok_or(too_late)?;
        self.anchor = now;
        self.source_anchor = source_now;
        Ok(now)
    }
}

/// A clock that only moves when told to.
///
/// # Examples
/// ```
/// use chrono::Duration;
/// use connect_fake::clock::ManualClock;
/// use connect_ports::Clock;
/// let clock = ManualClock::new("2026-04-02T13:51:18Z".parse()?);
/// clock.advance(Duration::minutes(30));
/// assert_eq!(clock.now().to_rfc3339(), "2026-04-02T14:21:18+00:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct ManualClock {
    /// Microseconds since the Unix epoch.
    now: AtomicI64,
}

impl ManualClock {
    /// A clock standing at `start`.
    pub fn new(start: DateTime<Utc>) -> Self {
        Self {
            now: AtomicI64::new(start.timestamp_micros()),
        }
    }

    /// Moves the clock forward (a negative duration is ignored: time never runs back).
    pub fn advance(&self, by: Duration) {
        let micros = by.num_microseconds().unwrap_or(i64::MAX).max(0);
        // Saturating: a clock advanced past chrono's range stays at its end, never wraps.
        let _ = self
            .now
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |now| {
                Some(now.saturating_add(micros))
            });
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_micros(self.now.load(Ordering::SeqCst))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }
}

/// The machine's clock, optionally running `speed` times faster from the moment it was made
/// (so a served sandbox can show a session progress in minutes instead of hours).
#[derive(Debug)]
pub struct SystemClock {
    origin: DateTime<Utc>,
    speed: u32,
    /// Time added by hand on top of the running clock.
    offset_micros: AtomicI64,
}

impl SystemClock {
    /// Real time (`speed` 1) or faster.
    pub fn new(speed: u32) -> Self {
        Self {
            origin: Utc::now(),
            speed: speed.max(1),
            offset_micros: AtomicI64::new(0),
        }
    }

    /// Jumps ahead of real time.
    pub fn advance(&self, by: Duration) {
        let micros = by.num_microseconds().unwrap_or(i64::MAX).max(0);
        let _ = self
            .offset_micros
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |offset| {
                Some(offset.saturating_add(micros))
            });
    }
}

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        // Checked all the way: a clock pushed past chrono's range stays at its end rather
        // than panicking every request that reads it.
        let real = Utc::now().signed_duration_since(self.origin);
        let offset = Duration::microseconds(self.offset_micros.load(Ordering::SeqCst));
        real.checked_mul(i32::try_from(self.speed).unwrap_or(i32::MAX))
            .and_then(|scaled| self.origin.checked_add_signed(scaled))
            .and_then(|now| now.checked_add_signed(offset))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_never_runs_back() {
        let clock = ManualClock::new("2026-04-02T13:00:00Z".parse().unwrap());
        clock.advance(Duration::seconds(-60));
        assert_eq!(
            clock.now(),
            "2026-04-02T13:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
    }

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn a_tenant_clock_refuses_to_pass_the_engines_limit_and_stays_put() {
        let source = at("2026-04-02T13:00:00Z");
        let mut clock = TenantClock::new(ClockMode::Manual { now: source }, source).unwrap();
        let mut refused = None;
        for _ in 0..10_000 {
            if let Err(error) = clock.advance(MAX_ADVANCE, source) {
                refused = Some(error);
                break;
            }
        }
        assert_eq!(
            refused,
            Some(ClockError::TooLate {
                field: "seconds",
                latest: latest()
            })
        );
        let stood = clock.now(source);
        assert!(stood <= latest() && stood > latest() - MAX_ADVANCE);
    }

    #[test]
    fn a_running_tenant_clock_stops_at_the_limit_instead_of_overflowing() {
        let source = at("2026-04-02T13:00:00Z");
        let mut clock = TenantClock::new(ClockMode::Running { speed: MAX_SPEED }, source).unwrap();
        clock
            .set(
                ClockMode::Manual {
                    now: latest() - Duration::seconds(1),
                },
                source,
            )
            .unwrap();
        clock
            .set(ClockMode::Running { speed: MAX_SPEED }, source)
            .unwrap();
        assert_eq!(clock.now(DateTime::<Utc>::MAX_UTC), latest());
        // A source that steps back does not take the tenant back either.
        assert_eq!(
            clock.now(source - Duration::days(1)),
            latest() - Duration::seconds(1)
        );
    }

    #[test]
    fn advances_and_speeds_outside_the_bounds_are_refused() {
        let source = at("2026-04-02T13:00:00Z");
        let mut clock = TenantClock::new(ClockMode::default(), source).unwrap();
        assert!(clock.advance(Duration::seconds(-1), source).is_err());
        assert!(
            clock
                .advance(MAX_ADVANCE + Duration::seconds(1), source)
                .is_err()
        );
        assert_eq!(
            clock.set(ClockMode::Running { speed: 0 }, source),
            Err(ClockError::Speed { max: MAX_SPEED })
        );
        assert_eq!(
            ClockMode::Manual {
                now: at("1969-12-31T23:59:59Z")
            }
            .check(),
            Err(ClockError::TooEarly { earliest: EARLIEST })
        );
        assert_eq!(clock.now(source), source);
    }

    #[test]
    fn a_manual_clock_advanced_past_chronos_range_saturates_instead_of_wrapping() {
        let clock = ManualClock::new(at("2026-04-02T13:00:00Z"));
        for _ in 0..1_000_000 {
            clock.advance(Duration::days(366));
        }
        assert!(clock.now() > at("9000-01-01T00:00:00Z"));
    }

    #[test]
    fn a_system_clock_advanced_past_chronos_range_saturates_instead_of_panicking() {
        let clock = SystemClock::new(100_000);
        for _ in 0..1_000_000 {
            clock.advance(Duration::days(366));
        }
        assert_eq!(clock.now(), DateTime::<Utc>::MAX_UTC);
    }

    #[test]
    fn a_fast_clock_runs_ahead_of_real_time() {
        let clock = SystemClock::new(60);
        clock.advance(Duration::hours(1));
        assert!(clock.now() >= Utc::now() + Duration::minutes(59));
    }
}
