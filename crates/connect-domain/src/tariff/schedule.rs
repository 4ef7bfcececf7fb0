//! When each band of a component is in force: at one instant, and over a stretch of time.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};
use chrono_tz::Tz;

use super::band::Band;
use super::error::{TariffError, TariffErrorKind, TariffWarning, TariffWarningKind};
use super::{Component, DayKey};
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

fn previous_weekday(day: Weekday) -> Weekday {
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

    fn span_intervals<'a>(&'a self, span: &OffsetSpan, out: &mut Vec<BandInterval<'a>>) {
        let local_from = span.local(span.from);
        let local_to = span.local(span.to);
        let Some(mut date) = local_from.date().pred_opt() else {
            return;
        };
        while midnight(date) < local_to {
            for band in self.bands_on(date.weekday()) {
                if !band.valid_on(date) {
                    continue;
                }
                let start = midnight(date) + minutes(band.start_minute());
                let end = midnight(date) + minutes(band.end_minute());
                let start = start.max(local_from);
                let end = end.min(local_to);
                if start < end {
                    out.push(BandInterval {
                        from: span.instant(start),
                        to: span.instant(end),
                        band,
                    });
                }
            }
            let Some(next) = date.succ_opt() else { break };
            date = next;
        }
    }
}

fn minutes(count: u32) -> Duration {
    Duration::minutes(i64::from(count))
}

/// One band's stretch of local time on one weekday, for the overlap check.
struct DayPiece<'a> {
    band: &'a Band,
    start: u32,
    end: u32,
    /// Whether this is the overnight part of an instance that started the day before.
    spill: bool,
}

impl DayPiece<'_> {
    /// The dates on which this piece is in force: the band's validity, a day later for a
    /// spill (validity is judged on the date an instance starts).
    fn dates(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let shift = |date: NaiveDate| {
            if self.spill {
                date.succ_opt().unwrap_or(date)
            } else {
                date
            }
        };
        (self.band.date_from.map(shift), self.band.date_to.map(shift))
    }
}

fn dates_intersect(a: &DayPiece<'_>, b: &DayPiece<'_>) -> bool {
    let ((a_from, a_to), (b_from, b_to)) = (a.dates(), b.dates());
    let starts_before_end = |from: Option<NaiveDate>, to: Option<NaiveDate>| match (from, to) {
        (Some(from), Some(to)) => from < to,
        _ => true,
    };
    starts_before_end(a_from, b_to) && starts_before_end(b_from, a_to)
}

/// Rejects bands of one component that are in force at the same moment with different
/// terms, and reports those with equal terms. The check runs per weekday, over the
/// weekday's own bands and the overnight part of the previous weekday's.
pub(crate) fn check_overlaps(component: &Component) -> Result<Vec<TariffWarning>, TariffError> {
    let mut warnings: Vec<TariffWarning> = Vec::new();
    let mut pieces = Vec::new();
    for day in [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ] {
        pieces.clear();
        pieces.extend(component.bands_on(day).map(|band| DayPiece {
            band,
            start: band.start_minute(),
            end: band.end_minute().min(1440),
            spill: false,
        }));
        pieces.extend(
            component
                .bands_on(previous_weekday(day))
                .filter(|band| band.end_minute() > 1440)
                .map(|band| DayPiece {
                    band,
                    start: 0,
                    end: band.end_minute() - 1440,
                    spill: true,
                }),
        );
        for (i, a) in pieces.iter().enumerate() {
            for b in &pieces[i + 1..] {
                let overlap = a.start < b.end && b.start < a.end;
                if !overlap || a.band.id == b.band.id || !dates_intersect(a, b) {
                    continue;
                }
                let (first, second) = if a.band.id < b.band.id {
                    (a.band, b.band)
                } else {
                    (b.band, a.band)
                };
                if !first.same_terms(second) {
                    return Err(TariffError {
                        path: second.id.to_string(),
                        kind: TariffErrorKind::OverlappingBands {
                            other: first.id.to_string(),
                            day: DayKey::Weekday(day).to_string(),
                        },
                    });
                }
                let warning = TariffWarning {
                    path: second.id.to_string(),
                    kind: TariffWarningKind::RedundantOverlap {
                        other: first.id.to_string(),
                    },
                };
                if !warnings.contains(&warning) {
                    warnings.push(warning);
                }
            }
        }
    }
    Ok(warnings)
}
