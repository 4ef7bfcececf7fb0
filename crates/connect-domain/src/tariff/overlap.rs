//! The overlap check: bands of one component in force at the same moment must charge the
//! same.
//!
//! Two bands overlap when, on one weekday, their times of day overlap *and* their validity
//! dates do. Per weekday this is a sweep over the pieces in order of start minute: the
//! pieces still running when one starts are exactly those overlapping it in time, and their
//! date ranges sit in a segment tree over the distinct dates. Active pieces that charge
//! differently never share a date (the first that would is the error), so each date slot is
//! covered by at most one set of terms, and one query says whether the new piece meets
//! only its own terms (a redundant overlap), others (the error) or nothing. Cost:
//! O(n log n) in the number of bands.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

use chrono::{NaiveDate, Weekday};
use rust_decimal::Decimal;

use super::band::{Band, BandId};
use super::error::{TariffError, TariffErrorKind, TariffWarning, TariffWarningKind};
use super::schedule::previous_weekday;
use super::{Component, DayKey};

/// One band's stretch of local time on one weekday.
struct DayPiece {
    id: BandId,
    /// Where the band is in `Component::days`: (day key, index).
    at: (usize, usize),
    start: u32,
    end: u32,
    /// Index of the band's terms: equal indexes charge the same (only with the tree; the
    /// scan compares the terms themselves, and only of pieces that meet).
    terms: u32,
    /// The slots of distinct dates the piece is valid on, `[from, to)`.
    slots: (usize, usize),
}

/// The dates on which a piece is in force: the band's validity, a day later for the
/// overnight part of an instance that started the day before (validity is judged on the
/// date an instance starts).
fn piece_dates(band: &Band, spill: bool) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let shift = |date: NaiveDate| {
        if spill {
            date.succ_opt().unwrap_or(date)
        } else {
            date
        }
    };
    (band.date_from.map(shift), band.date_to.map(shift))
}

type Terms = (Decimal, Decimal, Option<Decimal>, Option<Decimal>);

fn terms_of(band: &Band) -> Terms {
    (
        band.net_price,
        band.tax_percent,
        band.grace_period_minutes,
        band.blocking_cap,
    )
}

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// Up to this many bands in a component (so at most twice as many pieces on a weekday), the
/// running pieces are searched one by one instead of through the segment tree, and terms
/// are compared only for pieces that meet: a real tariff has a handful of bands a day, and
/// sorting the terms and building the tree (four arrays a weekday) cost more than the scan.
const SCAN_UP_TO: usize = 32;

/// The buffers of the check, kept between components and weekdays of one read: a price
/// group's check then allocates a few times, not a dozen times per weekday.
#[derive(Default)]
pub(crate) struct Scratch {
    terms: Vec<Terms>,
    dates: Vec<NaiveDate>,
    pieces: Vec<DayPiece>,
    sweep: SweepBuffers,
}

/// The sweep's own buffers.
#[derive(Default)]
struct SweepBuffers {
    running: BinaryHeap<Reverse<(u32, usize)>>,
    active: Vec<usize>,
    position: Vec<usize>,
}

/// Rejects bands of one component that are in force at the same moment with different
/// terms, and reports each band that overlaps an earlier one with equal terms (once, naming
/// one of them).
pub(crate) fn check_overlaps(
    component: &Component,
    scratch: &mut Scratch,
    warnings: &mut Vec<TariffWarning>,
) -> Result<(), TariffError> {
    // Distinct terms, sorted: a band's terms are its index in this list.
    let use_tree = component.all_bands().nth(SCAN_UP_TO).is_some();
    let distinct = &mut scratch.terms;
    distinct.clear();
    if use_tree {
        distinct.extend(component.all_bands().map(terms_of));
        distinct.sort_unstable();
        distinct.dedup();
    }
    let mut reported: HashSet<BandId> = HashSet::new();
    // The (day key, day key of the day before) pairs already checked.
    let mut checked: [(Option<usize>, Option<usize>); 7] = [(None, None); 7];
    let mut checked_count = 0;
    for day in WEEK {
        // A weekday with the same bands and the same previous day as one already checked
        // (every day of an `ALL`-only component) has the same overlaps.
        let key = (
            component.day_index(day),
            component.day_index(previous_weekday(day)),
        );
        if checked[..checked_count].contains(&key) {
            continue;
        }
        checked[checked_count] = key;
        checked_count += 1;
        let (own, before) = key;
        let bands_of = |day: Option<usize>| {
            let bands = day.map_or(&[][..], |day| &component.days[day].1[..]);
            bands
                .iter()
                .enumerate()
                .map(move |(index, band)| (band, (day.unwrap_or_default(), index)))
        };
        let raw = || {
            let spills = bands_of(before).filter(|(band, _)| band.end_minute() > 1440);
            let own = bands_of(own).map(|(band, at)| (band, at, false));
            own.chain(spills.map(|(band, at)| (band, at, true)))
        };
        let dates = &mut scratch.dates;
        dates.clear();
        for (band, _, spill) in raw() {
            let (from, to) = piece_dates(band, spill);
            dates.extend(from);
            dates.extend(to);
        }
        dates.sort_unstable();
        dates.dedup();
        let slot = |date: NaiveDate| dates.partition_point(|d| *d < date) + 1;
        let terms = |band: &Band| {
            if !use_tree {
                return 0;
            }
            let index = distinct.binary_search(&terms_of(band)).unwrap_or(0);
            u32::try_from(index).unwrap_or(u32::MAX)
        };
        scratch.pieces.clear();
        scratch.pieces.extend(raw().map(|(band, at, spill)| {
            let (from, to) = piece_dates(band, spill);
            let (start, end) = if spill {
                (0, band.end_minute() - 1440)
            } else {
                (band.start_minute(), band.end_minute().min(1440))
            };
            DayPiece {
                id: band.id,
                at,
                start,
                end,
                terms: terms(band),
                slots: (from.map_or(0, slot), to.map_or(dates.len() + 1, slot)),
            }
        }));
        scratch.pieces.sort_by_key(|piece| (piece.start, piece.id));
        let slots = scratch.dates.len() + 1;
        let tree = use_tree.then(|| CoverTree::new(slots));
        sweep(
            component,
            tree,
            &scratch.pieces,
            &mut scratch.sweep,
            day,
            warnings,
            &mut reported,
        )?;
    }
    Ok(())
}

/// The sweep of one weekday's pieces (`scratch.pieces`, sorted by start minute).
fn sweep(
    component: &Component,
    mut tree: Option<CoverTree>,
    pieces: &[DayPiece],
    buffers: &mut SweepBuffers,
    day: Weekday,
    warnings: &mut Vec<TariffWarning>,
    reported: &mut HashSet<BandId>,
) -> Result<(), TariffError> {
    let SweepBuffers {
        running,
        active,
        position,
    } = buffers;
    let band = |piece: &DayPiece| &component.days[piece.at.0].1[piece.at.1];
    let use_tree = tree.is_some();
    let equal_terms = |a: &DayPiece, b: &DayPiece| {
        if use_tree {
            a.terms == b.terms
        } else {
            terms_of(band(a)) == terms_of(band(b))
        }
    };
    // Running pieces by end minute; `active` mirrors the heap for naming the other band,
    // `position` is where each piece sits in it (removal by swapping with the last).
    running.clear();
    active.clear();
    position.clear();
    position.resize(pieces.len(), 0);
    for (index, piece) in pieces.iter().enumerate() {
        let (from, to) = piece.slots;
        if from >= to || piece.start >= piece.end {
            continue;
        }
        while let Some(&Reverse((end, done))) = running.peek() {
            if end > piece.start {
                break;
            }
            running.pop();
            let at = position[done];
            active.swap_remove(at);
            if let Some(&moved) = active.get(at) {
                position[moved] = at;
            }
            if let Some(tree) = &mut tree {
                let (done_from, done_to) = pieces[done].slots;
                tree.update(done_from, done_to, pieces[done].terms, false);
            }
        }
        let meets = |other: &&DayPiece| other.slots.0 < to && from < other.slots.1;
        // Whether any running piece meets this one, and whether all those that do charge
        // the same: from the tree, or (the same answer) by scanning the running pieces.
        let covering = if let Some(tree) = &tree {
            tree.query(from, to)
                .map(|(low, high)| low == piece.terms && high == piece.terms)
        } else {
            let mut meeting = active.iter().map(|&i| &pieces[i]).filter(meets);
            meeting
                .next()
                .map(|first| equal_terms(first, piece) && meeting.all(|o| equal_terms(o, piece)))
        };
        if let Some(same) = covering {
            let other = active
                .iter()
                .map(|&i| &pieces[i])
                .filter(|other| other.id != piece.id)
                .filter(|other| equal_terms(other, piece) == same)
                .find(meets);
            if let Some(other) = other {
                let (first, second) = if other.id < piece.id {
                    (other.id, piece.id)
                } else {
                    (piece.id, other.id)
                };
                if !same {
                    return Err(TariffError {
                        path: second.to_string(),
                        kind: TariffErrorKind::OverlappingBands {
                            other: first.to_string(),
                            day: DayKey::Weekday(day).to_string(),
                        },
                    });
                }
                if reported.insert(second) {
                    warnings.push(TariffWarning {
                        path: second.to_string(),
                        kind: TariffWarningKind::RedundantOverlap {
                            other: first.to_string(),
                        },
                    });
                }
            }
        }
        if let Some(tree) = &mut tree {
            tree.update(from, to, piece.terms, true);
        }
        running.push(Reverse((piece.end, index)));
        position[index] = active.len();
        active.push(index);
    }
    Ok(())
}

/// A segment tree over date slots: which terms cover each slot. A node counts the ranges
/// covering it whole (all of one terms: see the module docs) and keeps the lowest and
/// highest terms covering any slot below it.
struct CoverTree {
    slots: usize,
    count: Vec<u32>,
    terms: Vec<u32>,
    low: Vec<u32>,
    high: Vec<u32>,
}

const NONE: (u32, u32) = (u32::MAX, 0);

fn merge(a: (u32, u32), b: (u32, u32)) -> (u32, u32) {
    (a.0.min(b.0), a.1.max(b.1))
}

impl CoverTree {
    fn new(slots: usize) -> Self {
        let nodes = 4 * slots.max(1);
        Self {
            slots,
            count: vec![0; nodes],
            terms: vec![0; nodes],
            low: vec![NONE.0; nodes],
            high: vec![NONE.1; nodes],
        }
    }

    /// Adds (or removes) a range of one terms over `[from, to)`.
    fn update(&mut self, from: usize, to: usize, terms: u32, add: bool) {
        self.update_node(1, 0, self.slots, from, to, terms, add);
    }

    #[allow(clippy::too_many_arguments)]
    fn update_node(
        &mut self,
        node: usize,
        left: usize,
        right: usize,
        from: usize,
        to: usize,
        terms: u32,
        add: bool,
    ) {
        if to <= left || right <= from {
            return;
        }
        if from <= left && right <= to {
            if add {
                self.count[node] += 1;
                self.terms[node] = terms;
            } else {
                self.count[node] = self.count[node].saturating_sub(1);
            }
        } else {
            let middle = left.midpoint(right);
            self.update_node(2 * node, left, middle, from, to, terms, add);
            self.update_node(2 * node + 1, middle, right, from, to, terms, add);
        }
        self.pull(node, right - left == 1);
    }

    fn pull(&mut self, node: usize, leaf: bool) {
        let (low, high) = if self.count[node] > 0 {
            (self.terms[node], self.terms[node])
        } else if leaf {
            NONE
        } else {
            merge(
                (self.low[2 * node], self.high[2 * node]),
                (self.low[2 * node + 1], self.high[2 * node + 1]),
            )
        };
        self.low[node] = low;
        self.high[node] = high;
    }

    /// The lowest and highest terms covering any slot of `[from, to)`, if any does.
    fn query(&self, from: usize, to: usize) -> Option<(u32, u32)> {
        let (low, high) = self.query_node(1, 0, self.slots, from, to);
        (low != NONE.0).then_some((low, high))
    }

    fn query_node(
        &self,
        node: usize,
        left: usize,
        right: usize,
        from: usize,
        to: usize,
    ) -> (u32, u32) {
        if to <= left || right <= from {
            return NONE;
        }
        if self.count[node] > 0 {
            return (self.terms[node], self.terms[node]);
        }
        if (from <= left && right <= to) || right - left == 1 {
            return (self.low[node], self.high[node]);
        }
        let middle = left.midpoint(right);
        merge(
            self.query_node(2 * node, left, middle, from, to),
            self.query_node(2 * node + 1, middle, right, from, to),
        )
    }
}

#[cfg(test)]
#[allow(clippy::needless_pass_by_value, clippy::unnecessary_wraps)]
mod tests {
    use proptest::prelude::*;
    use serde_json::{Value, json};

    use super::super::PriceGroup;
    use super::*;

    fn band(from: &str, to: &str, price: &str, dates: (Option<String>, Option<String>)) -> Value {
        json!({"time_from": from, "time_to": to, "date_from": dates.0, "date_to": dates.1,
               "gross_price": price, "user_facing_price": null, "grace_period_minutes": null,
               "tax": 19, "blocking_cap": null})
    }

    fn parse(bands: Vec<Value>) -> Result<PriceGroup, TariffError> {
        let json = json!({"currency": "EUR", "pre_authorization_amount": "30.00",
                          "prices": {"kwh_price": {"ALL": bands}}});
        PriceGroup::from_value(&json).map(|parsed| parsed.value)
    }

    fn redundant(group: &PriceGroup) -> usize {
        group
            .warnings()
            .iter()
            .filter(|w| matches!(w.kind, TariffWarningKind::RedundantOverlap { .. }))
            .count()
    }

    fn day(n: i64) -> Option<String> {
        let first = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        Some((first + chrono::Duration::days(n)).to_string())
    }

    #[test]
    fn ten_thousand_identical_bands_are_accepted_each_reported_once() {
        let bands = (0..10_000)
            .map(|_| band("06:00", "22:00", "0.40", (None, None)))
            .collect();
        let group = parse(bands).unwrap();
        // Every band but the first repeats an earlier one: one warning each, not one per pair.
        assert_eq!(redundant(&group), 9_999);
    }

    #[test]
    fn ten_thousand_daily_prices_on_disjoint_dates_are_accepted() {
        let bands = (0..10_000)
            .map(|n| band("00:00", "00:00", &format!("0.{n:04}"), (day(n), day(n + 1))))
            .collect();
        let group = parse(bands).unwrap();
        assert_eq!(redundant(&group), 0);
    }

    #[test]
    fn one_conflicting_date_among_ten_thousand_is_found_and_named() {
        let mut bands: Vec<Value> = (0..10_000)
            .map(|n| band("00:00", "00:00", &format!("0.{n:04}"), (day(n), day(n + 1))))
            .collect();
        // Overlaps day 5,000 (price 0.5000) in the evening, at another price.
        bands.push(band("20:00", "23:00", "0.99", (day(5_000), day(5_001))));
        let error = parse(bands).unwrap_err();
        assert_eq!(error.path, "prices.kwh_price.ALL[10000]");
        assert!(
            matches!(&error.kind, TariffErrorKind::OverlappingBands { other, .. }
                if other == "prices.kwh_price.ALL[5000]"),
            "{error:?}"
        );
    }

    /// The definition, pair by pair: do two bands overlap on some weekday and date?
    fn overlaps_pairwise(bands: &[(u32, u32, i64, i64, u8)]) -> (bool, bool) {
        // (start minute, end minute, first day, last day exclusive, price) on ALL days;
        // an overnight band spills into the next day, judged by its start date.
        let minutes = |&(start, end, from, to, _): &(u32, u32, i64, i64, u8)| {
            let mut set = Vec::new();
            for date in from..to {
                let end = if end <= start { end + 1440 } else { end };
                for minute in start..end {
                    set.push(date * 1440 + i64::from(minute));
                }
            }
            set
        };
        let (mut conflict, mut redundant) = (false, false);
        for (i, a) in bands.iter().enumerate() {
            let a_minutes: HashSet<i64> = minutes(a).into_iter().collect();
            for b in &bands[i + 1..] {
                if minutes(b).iter().any(|m| a_minutes.contains(m)) {
                    if a.4 == b.4 {
                        redundant = true;
                    } else {
                        conflict = true;
                    }
                }
            }
        }
        (conflict, redundant)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn the_sweep_agrees_with_the_pairwise_definition(
            bands in prop::collection::vec(
                (0_u32..8, 0_u32..8, 0_i64..6, 1_i64..4, 0_u8..2), 1..6),
        ) {
            // Times on a 3-hour grid, dates within ten days of 2026-01-01.
            let bands: Vec<(u32, u32, i64, i64, u8)> = bands
                .into_iter()
                .map(|(s, e, from, len, price)| {
                    // Never equal times: the parser refuses those before any overlap check.
                    let e = if e == s { (s + 1) % 8 } else { e };
                    (s * 180, e * 180, from, from + len, price)
                })
                .collect();
            let json = bands
                .iter()
                .map(|&(s, e, from, to, price)| {
                    let time = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
                    band(&time(s), &time(e), &format!("0.{price}"), (day(from), day(to)))
                })
                .collect();
            let (conflict, redundant_pair) = overlaps_pairwise(&bands);
            match parse(json) {
                Ok(group) => {
                    prop_assert!(!conflict, "accepted a conflict: {bands:?}");
                    prop_assert_eq!(redundant(&group) > 0, redundant_pair, "{:?}", bands);
                }
                Err(error) => {
                    prop_assert!(
                        matches!(error.kind, TariffErrorKind::OverlappingBands { .. }),
                        "{error}"
                    );
                    prop_assert!(conflict, "rejected {bands:?}: {error}");
                }
            }
        }
    }
}
