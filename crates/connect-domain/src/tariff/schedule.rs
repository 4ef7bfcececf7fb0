//! When each band of a component is in force: at one instant, and over a stretch of time.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};
use chrono_tz::Tz;

use super::Component;
use super::band::Band;
use crate::local_time::{OffsetSpan, local_at, offset_spans};

/// A stretch of UTC time during which one band of a component is in force.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BandInterval<'a> {
    pub(crate) from: DateTime<Utc>,
    pub(crate) to: DateTime<Utc>,
    pub(crate) band: &'a Band,
}

fn midnight(date: NaiveDate) -> NaiveDateTime {
    date.and_time(chrono::NaiveTime::MIN)
}

pub(crate) fn previous_weekday(day: Weekday) -> Weekday {
    day.pred()
}

impl Component {
    /// The band in force at an instant, judged by the station-local wall time there: a band
    /// of the local date's weekday, or an overnight band that started the day before.
    pub(crate) fn band_at(&self, zone: Tz, instant: DateTime<Utc>) -> Option<&Band> {
        let local = local_at(zone, instant);
        let date = local.date();
        let since_midnight = local - midnight(date);
        let today = self.bands_on(date.weekday()).find(|band| {
            band.valid_on(date)
                && since_midnight >= minutes(band.start_minute())
                && since_midnight < minutes(band.end_minute().min(1440))
        });
        today.or_else(|| {
            let yesterday = date.pred_opt()?;
            self.bands_on(previous_weekday(date.weekday()))
                .find(|band| {
                    band.end_minute() > 1440
                        && band.valid_on(yesterday)
                        && since_midnight < minutes(band.end_minute() - 1440)
                })
        })
    }

    /// Appends to `out` the stretches of `[from, to)` each band is in force, in time order.
    /// Stretches no band covers are left out.
    pub(crate) fn band_intervals<'a>(
        &'a self,
        zone: Tz,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        out: &mut Vec<BandInterval<'a>>,
    ) {
        let first = out.len();
        for span in offset_spans(zone, from, to) {
            self.span_intervals(&span, out);
        }
        let intervals = &mut out[first..];
        intervals.sort_by_key(|interval| (interval.from, interval.band.id));
        // Bands of equal terms may overlap (different prices cannot: see `check_overlaps`).
        // Trim each stretch to start where the previous one ended.
        let mut covered_until = from;
        let mut kept = first;
        for i in first..out.len() {
            let mut interval = out[i];
            interval.from = interval.from.max(covered_until);
            if interval.from < interval.to {
                covered_until = interval.to;
                out[kept] = interval;
                kept += 1;
            }
        }
        out.truncate(kept);
    }

    /// The band stretches inside one span of constant offset. Local wall time is counted in
    /// microseconds since 1970-01-01 00:00 local (a hot path: integer arithmetic instead of
    /// calendar arithmetic); the span's own ends are kept exactly.
    fn span_intervals<'a>(&'a self, span: &OffsetSpan, out: &mut Vec<BandInterval<'a>>) {
        let offset = span.offset.num_microseconds().unwrap_or(0);
        let local_from = span.from.timestamp_micros() + offset;
        let local_to = span.to.timestamp_micros() + offset;
        // Start a day early: an overnight band of the day before may reach into the span.
        let mut day = local_from.div_euclid(MICROS_PER_DAY) - 1;
        while day * MICROS_PER_DAY < local_to {
            let midnight = day * MICROS_PER_DAY;
            let date = NaiveDate::from_num_days_from_ce_opt(
                i32::try_from(day + DAYS_FROM_CE_TO_EPOCH).unwrap_or(i32::MAX),
            );
            for band in self.bands_on(weekday_of(day)) {
                if !date.is_some_and(|date| band.valid_on(date)) {
                    continue;
                }
                let start = midnight + i64::from(band.start_minute()) * MICROS_PER_MINUTE;
                let end = midnight + i64::from(band.end_minute()) * MICROS_PER_MINUTE;
                if start.max(local_from) >= end.min(local_to) {
                    continue;
                }
                let instant = |local: i64| {
                    DateTime::from_timestamp_micros(local - offset).unwrap_or(span.from)
                };
                out.push(BandInterval {
                    from: if start <= local_from {
                        span.from
                    } else {
                        instant(start)
                    },
                    to: if end >= local_to {
                        span.to
                    } else {
                        instant(end)
                    },
                    band,
                });
            }
            day += 1;
        }
    }
}

const MICROS_PER_MINUTE: i64 = 60_000_000;
const MICROS_PER_DAY: i64 = 24 * 60 * MICROS_PER_MINUTE;
/// Days from 0001-01-01 (chrono's day 1 of the common era) to 1970-01-01, minus one.
const DAYS_FROM_CE_TO_EPOCH: i64 = 719_163;

/// The weekday of a day counted from 1970-01-01, a Thursday.
fn weekday_of(day: i64) -> Weekday {
    const FROM_THURSDAY: [Weekday; 7] = [
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
    ];
    FROM_THURSDAY[usize::try_from(day.rem_euclid(7)).unwrap_or(0)]
}

fn minutes(count: u32) -> Duration {
    Duration::minutes(i64::from(count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_map_to_the_right_weekday_and_date() {
        for text in [
            "1970-01-01",
            "1969-12-31",
            "2026-03-29",
            "2026-10-25",
            "1900-01-01",
        ] {
            let date: NaiveDate = text.parse().unwrap();
            let day = (date - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days();
            assert_eq!(weekday_of(day), date.weekday(), "{text}");
            let back = NaiveDate::from_num_days_from_ce_opt(
                i32::try_from(day + DAYS_FROM_CE_TO_EPOCH).unwrap(),
            );
            assert_eq!(back, Some(date), "{text}");
        }
    }
}
