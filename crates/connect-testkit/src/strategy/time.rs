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

/// The year strategies shrink towards (and the one [`start_before_offset_change`] uses).
pub const YEAR: i32 = 2026;

/// The years sessions are drawn in: from the Unix epoch to the end of the century, historical
/// changes included (Kathmandu's move from +5:30 to +5:45 at the start of 1986, Lord Howe's
/// half-hour DST since 1981, Tehran's DST from 1977 to 2022, Casablanca's Ramadan changes
/// predicted to 2087, Dublin's year-round summer time until October 1971).
///
/// chrono-tz 0.10 lists DST changes up to 2099 only: in 2100 every zone keeps the offset of
/// its last 2099 change (standard time north of the equator, summer time south of it).
/// The engine and any reference built on chrono-tz agree there, but real clocks will not.
pub const YEARS: std::ops::RangeInclusive<i32> = 1970..=2100;

/// A year of [`YEARS`]: mostly any, sometimes one of the edges (1970, 2100) or the years
/// around 2038 (where 32-bit timestamps end); shrinks towards [`YEAR`].
///
/// # Examples
/// ```
/// use connect_testkit::strategy::{YEARS, year};
/// use proptest::prelude::*;
/// proptest!(|(year in year())| {
///     prop_assert!(YEARS.contains(&year));
/// });
/// ```
pub fn year() -> impl Strategy<Value = i32> {
    prop_oneof![
        1 => Just(YEAR),
        1 => select(vec![1970, 1971, 2037, 2038, 2099, 2100]),
        4 => YEARS,
    ]
}

/// A sub-second part to add to an instant, to the microsecond (the API's precision): none
/// half of the time, else any. Shrinks towards none.
///
/// # Examples
/// ```
/// use connect_testkit::strategy::sub_second;
/// use proptest::prelude::*;
/// proptest!(|(part in sub_second())| {
///     prop_assert!(part >= chrono::Duration::zero() && part < chrono::Duration::seconds(1));
/// });
/// ```
pub fn sub_second() -> impl Strategy<Value = Duration> {
    prop_oneof![
        1 => Just(Duration::zero()),
        1 => (1..1_000_000_i64).prop_map(Duration::microseconds),
    ]
}

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

/// An instant worth starting near, in `zone`, in any year of [`YEARS`] (see [`year`]): one
/// of its DST changes that year, a local midnight between Friday and Monday, or any second
/// of the year. Shrinks towards the first DST change (or the first weekend midnight) of
/// [`YEAR`].
///
/// # Examples
/// ```
/// use connect_testkit::strategy::{YEARS, anchor};
/// use proptest::prelude::*;
/// proptest!(|(at in anchor(chrono_tz::Australia::Lord_Howe))| {
///     let year: i32 = at.format("%Y").to_string().parse()?;
///     prop_assert!(YEARS.contains(&year));
/// });
/// ```
pub fn anchor(zone: Tz) -> impl Strategy<Value = DateTime<Utc>> {
    year().prop_flat_map(move |year| anchor_in(zone, year))
}

/// The first Friday of `year`.
fn first_friday(year: i32) -> NaiveDate {
    let january_first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let days = (7 + Weekday::Fri.num_days_from_monday()
        - january_first.weekday().num_days_from_monday())
        % 7;
    january_first + Duration::days(i64::from(days))
}

/// An [`anchor`] in one given year.
///
/// # Examples
/// ```
/// use connect_testkit::strategy::anchor_in;
/// use proptest::prelude::*;
/// proptest!(|(at in anchor_in(chrono_tz::Europe::Dublin, 1970))| {
///     prop_assert!(at.format("%Y").to_string() == "1970" || at.format("%Y").to_string() == "1971");
/// });
/// ```
pub fn anchor_in(zone: Tz, year: i32) -> impl Strategy<Value = DateTime<Utc>> {
    let first_friday = first_friday(year);
    let year_start = NaiveDate::from_ymd_opt(year, 1, 1)
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
    let changes = offset_changes(zone, year);
    if changes.is_empty() {
        // A zone without DST: its midnights and weekends are what is left to hit.
        prop_oneof![4 => weekend_midnight, 1 => any_second].boxed()
    } else {
        prop_oneof![2 => select(changes), 2 => weekend_midnight, 1 => any_second].boxed()
    }
}

/// A start instant in `zone`: near an [`anchor`] (mostly within four hours before or after
/// it, sometimes up to 30 hours before), so that sessions often cross the anchor; half of
/// the starts have a [`sub_second`] part.
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
    (anchor(zone), offset, sub_second())
        .prop_map(|(anchor, offset, part)| anchor + Duration::seconds(offset) + part)
}

/// A start within `before` seconds before one of `zone`'s DST changes (either one) in a
/// year of [`YEARS`] (or of [`YEAR`] when the zone had none in the year drawn), with a
/// [`sub_second`] part, so a session longer than that crosses the change. For a zone
/// without DST in either year, before a local midnight.
///
/// # Examples
/// ```
/// use connect_testkit::strategy::{offset_changes, start_before_offset_change};
/// use proptest::prelude::*;
/// let zone = chrono_tz::America::New_York;
/// proptest!(|(start in start_before_offset_change(zone, 3 * 3600))| {
///     let year: i32 = start.format("%Y").to_string().parse()?;
///     let changes = offset_changes(zone, year);
///     let leads = changes.iter().map(|change| (*change - start).num_milliseconds());
///     let before_one = leads.into_iter().any(|lead| (1..=3 * 3600 * 1000).contains(&lead));
///     prop_assert!(before_one);
/// });
/// ```
pub fn start_before_offset_change(zone: Tz, before: i64) -> impl Strategy<Value = DateTime<Utc>> {
    year().prop_flat_map(move |year| {
        let mut changes = offset_changes(zone, year);
        if changes.is_empty() {
            changes = offset_changes(zone, YEAR);
        }
        if changes.is_empty() {
            let date = NaiveDate::from_ymd_opt(year, 6, 1).unwrap_or_default();
            changes.push(local_midnight(zone, date));
        }
        // The sub-second part moves the start later: lead at least one second, less a part.
        (select(changes), 1..=before.max(1), sub_second())
            .prop_map(|(change, lead, part)| change - Duration::seconds(lead) + part)
    })
}
