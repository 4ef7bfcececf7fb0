//! Station-local wall time over a stretch of UTC time, without ever adding 24 hours to a
//! local time.
//!
//! A zone's UTC offset is constant between transitions (DST changes). Inside one such
//! [`OffsetSpan`], local time is UTC plus a fixed offset, so band edges given in local wall
//! time map to exactly one instant each. Local times that a transition skips simply never
//! occur in any span; local times it repeats occur in two spans. That is all the DST handling
//! the engine needs (interpretation 8).

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// Whether the engine accepts an instant: years 1900 to 9000. Far beyond any real session,
/// and far enough from chrono's limits that no date arithmetic here can overflow.
pub(crate) fn supported(instant: DateTime<Utc>) -> bool {
    (1900..=9000).contains(&instant.year())
}

/// A stretch of UTC time during which the zone's UTC offset does not change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OffsetSpan {
    pub(crate) from: DateTime<Utc>,
    pub(crate) to: DateTime<Utc>,
    /// Local time minus UTC.
    pub(crate) offset: Duration,
}

/// Local time minus UTC at an instant.
pub(crate) fn offset_at(zone: Tz, instant: DateTime<Utc>) -> Duration {
    let seconds = zone
        .offset_from_utc_datetime(&instant.naive_utc())
        .fix()
        .local_minus_utc();
    Duration::seconds(i64::from(seconds))
}

/// Station-local wall time at an instant.
pub(crate) fn local_at(zone: Tz, instant: DateTime<Utc>) -> NaiveDateTime {
    instant.naive_utc() + offset_at(zone, instant)
}

/// Splits `[from, to)` into spans of constant offset, in order.
///
/// Probes the offset once a day and bisects to the second where it changed, so the cost
/// grows with days and transitions, not with minutes. (No real zone changes its offset twice
/// within 24 hours.)
pub(crate) fn offset_spans(zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<OffsetSpan> {
    let mut spans = Vec::with_capacity(2);
    if to <= from {
        return spans;
    }
    let mut span_start = from;
    let mut offset = offset_at(zone, from);
    let mut cursor = from;
    while cursor < to {
        let probe = (cursor + Duration::days(1)).min(to);
        let probe_offset = offset_at(zone, probe);
        if probe_offset == offset {
            cursor = probe;
            continue;
        }
        let change = first_change(zone, cursor, probe, offset);
        spans.push(OffsetSpan {
            from: span_start,
            to: change,
            offset,
        });
        span_start = change;
        offset = offset_at(zone, change);
        cursor = change;
    }
    spans.push(OffsetSpan {
        from: span_start,
        to,
        offset,
    });
    spans
}

/// The first whole second in `(before, after]` whose offset differs from `offset`.
fn first_change(
    zone: Tz,
    before: DateTime<Utc>,
    after: DateTime<Utc>,
    offset: Duration,
) -> DateTime<Utc> {
    let mut low = before.timestamp();
    let mut high = after.timestamp() + i64::from(after.timestamp_subsec_nanos() > 0);
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        let at = DateTime::from_timestamp(middle, 0).unwrap_or(after);
        if offset_at(zone, at) == offset {
            low = middle;
        } else {
            high = middle;
        }
    }
    DateTime::from_timestamp(high, 0)
        .unwrap_or(after)
        .clamp(before, after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn a_fall_back_night_has_two_spans_split_at_the_transition() {
        let spans = offset_spans(
            chrono_tz::Europe::Berlin,
            utc("2026-10-24T22:00:00Z"),
            utc("2026-10-25T03:00:00Z"),
        );
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].to, utc("2026-10-25T01:00:00Z"));
        assert_eq!(spans[0].offset, Duration::hours(2));
        assert_eq!(spans[1].offset, Duration::hours(1));
    }

    #[test]
    fn a_week_without_transitions_is_one_span() {
        let spans = offset_spans(
            chrono_tz::America::New_York,
            utc("2026-06-01T00:00:00Z"),
            utc("2026-06-08T00:00:00Z"),
        );
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].offset, Duration::hours(-4));
    }

    #[test]
    fn spring_forward_in_new_york_is_found_to_the_second() {
        let spans = offset_spans(
            chrono_tz::America::New_York,
            utc("2026-03-07T12:00:00.5Z"),
            utc("2026-03-09T12:00:00Z"),
        );
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].to, utc("2026-03-08T07:00:00Z"));
        assert_eq!(spans[1].from, spans[0].to);
    }
}
