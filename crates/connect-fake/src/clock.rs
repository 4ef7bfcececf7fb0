//! The sandbox's clocks: a manual one that tests move by hand (sessions progress by hours in
//! no time), the real one, and a real one running faster.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, Utc};
use connect_ports::Clock;

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
        self.now.fetch_add(micros, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_micros(self.now.load(Ordering::SeqCst)).unwrap_or_default()
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
        self.offset_micros.fetch_add(micros, Ordering::SeqCst);
    }
}

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        let real = Utc::now() - self.origin;
        let scaled = real * i32::try_from(self.speed).unwrap_or(i32::MAX);
        self.origin + scaled + Duration::microseconds(self.offset_micros.load(Ordering::SeqCst))
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

    #[test]
    fn a_fast_clock_runs_ahead_of_real_time() {
        let clock = SystemClock::new(60);
        clock.advance(Duration::hours(1));
        assert!(clock.now() >= Utc::now() + Duration::minutes(59));
    }
}
