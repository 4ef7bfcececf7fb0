//! Zones and start instants: where sessions cross local midnight, a weekend or a change of
//! the UTC offset.
//!
//! Band edges are station-local wall time, so the instants worth testing are the ones where
//! local time does something odd: a DST change (an hour that does not exist, or happens
//! twice; half an hour on Lord Howe Island), a local midnight (the weekday changes, in the
//! zone and not in UTC), a weekend. The zones cover both signs of offset, half- and
//! quarter-hour offsets, the southern hemisphere, tzdb's "negative DST" (Dublin, Casablanca's
//! Ramadan), a zone without DST at all (Kolkata) and one that dropped it (Tehran).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Offset, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use proptest::prelude::*;
use proptest::sample::select;

/// The year the strategies place sessions and dated bands in.
pub const YEAR: i32 = 2026;

/// The zones sessions are drawn in, each for what it exercises.
pub const ZONES: [Tz; 10] = [
    // UTC+1/+2: the API's home.
    chrono_tz::Europe::Berlin,
    // UTC+0/+1: local and UTC weekdays agree in winter only.
    chrono_tz::Europe::Lisbon,
    // UTC+0/+1, with standard time in summer in the tz database ("negative DST").
    chrono_tz::Europe::Dublin,
    // UTC−5/−4: local midnight is UTC morning; DST changes on other dates than Europe.
    chrono_tz::America::New_York,
    // UTC−3:30/−2:30: a half-hour offset west of Greenwich.
    chrono_tz::America::St_Johns,
    // UTC+10:30/+11: a DST change of half an hour, in the southern hemisphere.
    chrono_tz::Australia::Lord_Howe,
    // UTC+5:30 all year: no DST at all.
    chrono_tz::Asia::Kolkata,
    // UTC+5:45 all year: a quarter-hour offset.
    chrono_tz::Asia::Kathmandu,
    // UTC+1, and UTC+0 during Ramadan: two changes a year on dates of the lunar calendar,
    // "negative DST" again.
    chrono_tz::Africa::Casablanca,
    // UTC+3:30: half-hour offset east of Greenwich, DST until 2022 and none since.
    chrono_tz::Asia::Tehran,
];

/// Any of [`ZONES`]; shrinks towards Berlin.
///
/// # Examples
/// ```
/// use connect_testkit::strategy::{ZONES, zone};
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let mut runner = TestRunner::deterministic();
/// let drawn = zone().new_tree(&mut runner).map(|tree| tree.current());
/// assert!(drawn.is_ok_and(|zone| ZONES.contains(&zone)));
/// ```
pub fn zone() -> impl Strategy<Value = Tz> {
    select(ZONES.to_vec())
}

/// The UTC offset of `zone` at `instant`, in seconds.
fn offset_seconds(zone: Tz, instant: DateTime<Utc>) -> i32 {
    zone.offset_from_utc_datetime(&instant.naive_utc())
        .fix()
        .local_minus_utc()
}

/// The instants of `year` at which `zone`'s UTC offset changes (its DST changes), in order:
/// two for most zones with DST, none for a zone without.
///
/// Found from the tz database by scanning the year and narrowing each change down to the
/// second, so it holds for any zone, not just the ones in [`ZONES`].
///
/// # Examples
/// ```
/// use connect_testkit::strategy::offset_changes;
/// let berlin = offset_changes(chrono_tz::Europe::Berlin, 2026);
/// assert_eq!(berlin.len(), 2);
/// assert_eq!(berlin[0].to_rfc3339(), "2026-03-29T01:00:00+00:00");
/// assert_eq!(berlin[1].to_rfc3339(), "2026-10-25T01:00:00+00:00");
/// assert!(offset_changes(chrono_tz::Asia::Kolkata, 2026).is_empty());
/// ```
pub fn offset_changes(zone: Tz, year: i32) -> Vec<DateTime<Utc>> {
    let (Some(first), Some(next)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year + 1, 1, 1),
    ) else {
        return Vec::new();
    };
    let (start, end) = (
        first.and_time(NaiveTime::MIN).and_utc(),
        next.and_time(NaiveTime::MIN).and_utc(),
    );
    // No zone changes its offset twice within six hours.
    let step = Duration::hours(6);
    let mut changes = Vec::new();
    let mut at = start;
    while at < end {
        let later = (at + step).min(end);
        if offset_seconds(zone, at) != offset_seconds(zone, later) {
            // In whole seconds: the offset at `low` is the old one and at `high` the new one.
            let old = offset_seconds(zone, at);
            let (mut low, mut high) = (at.timestamp(), later.timestamp());
            while high - low > 1 {
                let middle = low + (high - low) / 2;
                let offset = DateTime::from_timestamp(middle, 0).map(|t| offset_seconds(zone, t));
                if offset == Some(old) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            changes.extend(DateTime::from_timestamp(high, 0));
        }
        at = later;
    }
    changes
}

/// The first instant of `date` in `zone`: local midnight, or the first moment after it where
/// a zone skips midnight (a DST change at 00:00, as some zones have).
///
/// # Examples
/// ```
/// use chrono::NaiveDate;
/// use connect_testkit::strategy::local_midnight;
/// let date = NaiveDate::from_ymd_opt(2026, 7, 3).unwrap_or_default();
/// let midnight = local_midnight(chrono_tz::America::New_York, date);
/// assert_eq!(midnight.to_rfc3339(), "2026-07-03T04:00:00+00:00");
/// ```
pub fn local_midnight(zone: Tz, date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    // A gap is at most a few hours: the first existing quarter hour ends it.
    (0..=16)
        .find_map(|quarter| {
            zone.from_local_datetime(&(midnight + Duration::minutes(15 * quarter)))
                .earliest()
        })
        .map_or_else(|| midnight.and_utc(), |local| local.with_timezone(&Utc))
}

/// An instant worth starting near, in `zone`: one of its DST changes, a local midnight
/// between Friday and Monday, or any second of [`YEAR`]. Shrinks towards the first DST
/// change (or the first weekend midnight).
///
/// # Examples
/// ```
/// use connect_testkit::strategy::anchor;
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let mut runner = TestRunner::deterministic();
/// let instant = anchor(chrono_tz::Australia::Lord_Howe).new_tree(&mut runner).map(|t| t.current());
/// assert!(instant.is_ok_and(|at| at.format("%Y").to_string() == "2026"));
/// ```
pub fn anchor(zone: Tz) -> impl Strategy<Value = DateTime<Utc>> {
    let first_friday = NaiveDate::from_ymd_opt(YEAR, 1, 2).unwrap_or_default();
    let year_start = NaiveDate::from_ymd_opt(YEAR, 1, 1)
        .unwrap_or_default()
        .and_time(NaiveTime::MIN)
        .and_utc();
    let weekend_midnight = (0..52_i64, 0..4_i64).prop_map(move |(week, day)| {
        let date = first_friday + Duration::days(7 * week + day);
        debug_assert!(matches!(
            date.weekday(),
            Weekday::Fri | Weekday::Sat | Weekday::Sun | Weekday::Mon
        ));
        local_midnight(zone, date)
    });
    let any_second = (0..365 * 86_400_i64).prop_map(move |s| year_start + Duration::seconds(s));
    let changes = offset_changes(zone, YEAR);
    if changes.is_empty() {
        // A zone without DST: its midnights and weekends are what is left to hit.
        prop_oneof![4 => weekend_midnight, 1 => any_second].boxed()
    } else {
        prop_oneof![2 => select(changes), 2 => weekend_midnight, 1 => any_second].boxed()
    }
}

/// A start instant in `zone`: near an [`anchor`] (mostly within four hours before or after
/// it, sometimes up to 30 hours before), so that sessions often cross the anchor.
///
/// # Examples
/// ```
/// use connect_testkit::strategy::start_near_anchor;
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let mut runner = TestRunner::deterministic();
/// let start = start_near_anchor(chrono_tz::Europe::Dublin).new_tree(&mut runner).map(|t| t.current());
/// assert!(start.is_ok());
/// ```
pub fn start_near_anchor(zone: Tz) -> impl Strategy<Value = DateTime<Utc>> {
    let offset = prop_oneof![3 => -4 * 3600..=4 * 3600_i64, 1 => -30 * 3600..=6 * 3600_i64];
    (anchor(zone), offset).prop_map(|(anchor, offset)| anchor + Duration::seconds(offset))
}

/// A start within `before` seconds before one of `zone`'s DST changes (either one), so a
/// session longer than that crosses the change. For a zone without DST, before a local
/// midnight.
///
/// # Examples
/// ```
/// use connect_testkit::strategy::{offset_changes, start_before_offset_change};
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// let zone = chrono_tz::America::New_York;
/// let mut runner = TestRunner::deterministic();
/// let start = start_before_offset_change(zone, 3 * 3600).new_tree(&mut runner).map(|t| t.current());
/// let changes = offset_changes(zone, 2026);
/// assert!(start.is_ok_and(|start| changes.iter().any(|change| {
///     let lead = (*change - start).num_seconds();
///     (1..=3 * 3600).contains(&lead)
/// })));
/// ```
pub fn start_before_offset_change(zone: Tz, before: i64) -> impl Strategy<Value = DateTime<Utc>> {
    let mut changes = offset_changes(zone, YEAR);
    if changes.is_empty() {
        let date = NaiveDate::from_ymd_opt(YEAR, 6, 1).unwrap_or_default();
        changes.push(local_midnight(zone, date));
    }
    (select(changes), 1..=before.max(1)).prop_map(|(change, lead)| change - Duration::seconds(lead))
}
