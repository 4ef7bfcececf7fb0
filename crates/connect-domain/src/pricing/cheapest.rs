//! The cheapest start within a window, found exactly.
//!
//! Shifting a session's start by τ shifts every event of it (plug-in, meter readings, end of
//! charging, end of each grace period, plug-out) by τ. The cost only changes its slope when
//! one of those events crosses a band boundary, so the exact cost (before rounding) is
//! piecewise linear in τ and its minimum over the window lies at a window end or at a start
//! where some event meets some boundary. Fees that depend on the band at the start make it
//! jump there, so the start just before a boundary counts too. Starts are searched to the
//! second from the window's start: on each piece between breakpoints the cost is linear
//! over those seconds, so its least value is at the piece's first or last second, and
//! those seconds are all that is evaluated.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{BandPolicy, BlockingBasis, Estimate, PricingError, PricingOptions, estimate};
use crate::charging::{ChargingPlan, Session, micros};
use crate::tariff::{Band, ComponentKind, PriceGroup};

const MICROS_PER_SECOND: i64 = 1_000_000;

/// The longest window searched: a year, the longest session the engine prices.
const MAX_WINDOW_DAYS: i64 = 366;

/// The best start found, and what it saves against starting at the window's start.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheapestStart {
    /// The start, to the second from the window's start, that minimises the exact total
    /// (the earliest, on a tie); the window's start itself when that would not lower the
    /// rounded total.
    pub start: DateTime<Utc>,
    /// The estimate for that start.
    pub estimate: Estimate,
    /// The estimate for starting at the window's start ("now").
    pub now: Estimate,
    /// `now` total minus the best total (rounded amounts; never negative).
    pub saving: Decimal,
    /// The start with the least exact total, even when its rounded total is no lower than
    /// starting now (and so it is not recommended as `start`).
    pub exact_optimum: DateTime<Utc>,
    /// How many starts were evaluated.
    pub candidates: usize,
}

/// Finds the start in `[earliest, latest]` that makes a session cost least.
///
/// `plan` describes the session as if it started at `earliest`; every instant in it moves
/// with the start.
///
/// # Errors
/// [`PricingError::EmptyWindow`] when `latest` is before `earliest`;
/// [`PricingError::WindowTooLong`] when the window spans more than a year;
/// [`PricingError::Charging`] when the plan is impossible.
///
/// # Examples
/// ```
/// use connect_domain::charging::ChargingPlan;
/// use connect_domain::pricing::{cheapest_start, PricingOptions};
/// use connect_domain::tariff::PriceGroup;
/// use rust_decimal::Decimal;
/// let group = PriceGroup::from_json(r#"{"currency":"EUR","pre_authorization_amount":"30",
///   "prices":{"kwh_price":{"ALL":[
///     {"time_from":"06:00","time_to":"22:00","date_from":null,"date_to":null,
///      "gross_price":"0.50","user_facing_price":"0.60","grace_period_minutes":null,
///      "tax":19,"blocking_cap":null},
///     {"time_from":"22:00","time_to":"06:00","date_from":null,"date_to":null,
///      "gross_price":"0.30","user_facing_price":"0.36","grace_period_minutes":null,
///      "tax":19,"blocking_cap":null}]}}}"#)?.value;
/// let plan = ChargingPlan::ConstantPower {
///     energy_kwh: Decimal::from(20), power_kw: Decimal::from(11), plug_out: None };
/// let best = cheapest_start(&group, chrono_tz::Europe::Berlin,
///     "2026-07-01T12:00:00Z".parse()?, "2026-07-02T12:00:00Z".parse()?,
///     &plan, &PricingOptions::default())?;
/// // Frozen prices: start as soon as the night band begins, 22:00 local.
/// assert_eq!(best.start.to_rfc3339(), "2026-07-01T20:00:00+00:00");
/// assert_eq!(best.saving.to_string(), "4.76");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn cheapest_start(
    group: &PriceGroup,
    zone: Tz,
    earliest: DateTime<Utc>,
    latest: DateTime<Utc>,
    plan: &ChargingPlan,
    options: &PricingOptions,
) -> Result<CheapestStart, PricingError> {
    if latest < earliest {
        return Err(PricingError::EmptyWindow { field: "latest" });
    }
    if latest - earliest > Duration::days(MAX_WINDOW_DAYS) {
        return Err(PricingError::WindowTooLong {
            field: "latest",
            max_days: MAX_WINDOW_DAYS,
        });
    }
    let starts = candidate_starts(group, zone, earliest, latest, plan, *options)?;

    let price = |start: DateTime<Utc>| {
        estimate(group, zone, start, &plan.shifted(start - earliest), options)
    };
    // Candidates are compared by their totals alone (no cost lines, VAT shares or facts):
    // only the chosen start's full estimate is built.
    let now = price(earliest)?;
    let mut best: Option<(DateTime<Utc>, (Decimal, Decimal))> = None;
    // Starting now is one of the candidates, and its totals are known already.
    let known = FrozenTotals::seeded(group, zone, earliest, &now);
    for (start, candidate) in
        candidate_totals(group, zone, earliest, &starts, plan, *options, Some(known))?
    {
        if best
            .as_ref()
            .is_none_or(|(_, (exact, _))| candidate.0 < *exact)
        {
            best = Some((start, candidate));
        }
    }
    let exact_optimum = best.as_ref().map_or(earliest, |(start, _)| *start);
    // A start that is cheaper only before rounding is no saving to the driver.
    let (start, estimate) = match best {
        Some((start, (_, rounded))) if rounded < now.cost.invoice_summary => (start, price(start)?),
        _ => (earliest, now.clone()),
    };
    let saving = now.cost.invoice_summary - estimate.cost.invoice_summary;
    Ok(CheapestStart {
        start,
        estimate,
        now,
        saving,
        exact_optimum,
        candidates: starts.len(),
    })
}

/// The starts worth evaluating, in order: the window's ends, and the seconds on either side
/// of every start at which a session event meets a band boundary.
fn candidate_starts(
    group: &PriceGroup,
    zone: Tz,
    earliest: DateTime<Utc>,
    latest: DateTime<Utc>,
    plan: &ChargingPlan,
    options: PricingOptions,
) -> Result<Vec<DateTime<Utc>>, PricingError> {
    let (session, _) = Session::new(earliest, plan)?;
    let offsets = event_offsets(group, &session, options);
    let last_second = (latest - earliest).num_seconds();
    // Candidate starts, as whole seconds after `earliest`.
    let mut seconds = vec![0, last_second];
    let last_offset = offsets.iter().copied().max().unwrap_or_default();
    for component in group.tariff().components() {
        let mut intervals = Vec::new();
        component.band_intervals(zone, earliest, latest + last_offset, &mut intervals);
        for edge in intervals.iter().flat_map(|i| [i.from, i.to]) {
            for offset in &offsets {
                // The first second at or after the breakpoint, and the last one before it.
                let at = micros(edge - *offset - earliest);
                let first = at.div_euclid(MICROS_PER_SECOND)
                    + i64::from(at.rem_euclid(MICROS_PER_SECOND) != 0);
                for second in [first - 1, first] {
                    if (0..=last_second).contains(&second) {
                        seconds.push(second);
                    }
                }
            }
        }
    }
    seconds.sort_unstable();
    seconds.dedup();
    let starts: Vec<DateTime<Utc>> = seconds
        .into_iter()
        .map(|second| earliest + Duration::seconds(second))
        .collect();
    Ok(starts)
}

/// Each start's exact and rounded totals, as [`super::session_totals`] computes them; with
/// `known` totals, under `frozen_at_start`, computed once per distinct set of start bands
/// (see [`FrozenTotals`]).
fn candidate_totals(
    group: &PriceGroup,
    zone: Tz,
    earliest: DateTime<Utc>,
    starts: &[DateTime<Utc>],
    plan: &ChargingPlan,
    options: PricingOptions,
    known: Option<FrozenTotals>,
) -> Result<Vec<(DateTime<Utc>, StartTotals)>, PricingError> {
    let frozen = known.is_some() && options.policy == BandPolicy::FrozenAtStart;
    let mut known = known.unwrap_or_default();
    let mut totals = Vec::with_capacity(starts.len());
    for &start in starts {
        // Every start is validated as before, also when its totals are known.
        let (session, _) = Session::new(start, &plan.shifted(start - earliest))?;
        let total = || super::session_totals(group, zone, &session, options);
        let candidate = match frozen.then(|| start_bands(group, zone, start)).flatten() {
            Some(bands) => known.get(&bands).unwrap_or_else(|| {
                let computed = total();
                known.0.push((bands, computed));
                computed
            }),
            None => total(),
        };
        totals.push((start, candidate));
    }
    Ok(totals)
}

/// A start's exact total and rounded total (`invoice_summary`).
type StartTotals = (Decimal, Decimal);

/// The band of each component in force at a start, by address (`None`: no band); `None`
/// for a tariff with more components than the key holds.
type StartBands = [Option<*const Band>; 5];

fn start_bands(group: &PriceGroup, zone: Tz, start: DateTime<Utc>) -> Option<StartBands> {
    let mut bands: StartBands = [None; 5];
    for (i, component) in group.tariff().components().enumerate() {
        *bands.get_mut(i)? = component.band_at(zone, start).map(std::ptr::from_ref);
    }
    Some(bands)
}

/// The totals already computed under `frozen_at_start`, by the bands in force at the start.
///
/// Under that policy the bands at the start price the whole session, and every other input
/// of the totals moves with the start (the plan is shifted, so quantities, grace periods
/// and the order of accruals are the same to the microsecond): two starts with the same
/// start bands cost exactly the same. A day of candidate starts has only a handful of
/// distinct start bands, so most candidates cost a few band look-ups instead of an accrual
/// and its rounding.
#[derive(Default)]
struct FrozenTotals(Vec<(StartBands, (Decimal, Decimal))>);

impl FrozenTotals {
    /// The totals of the estimate at `start`.
    fn seeded(group: &PriceGroup, zone: Tz, start: DateTime<Utc>, estimate: &Estimate) -> Self {
        let totals = (estimate.exact_total, estimate.cost.invoice_summary);
        Self(
            start_bands(group, zone, start)
                .map(|bands| (bands, totals))
                .into_iter()
                .collect(),
        )
    }

    fn get(&self, bands: &StartBands) -> Option<(Decimal, Decimal)> {
        self.0
            .iter()
            .find(|(known, _)| known == bands)
            .map(|(_, totals)| *totals)
    }
}

/// When, after plug-in, something happens whose meeting with a band boundary can change the
/// cost's slope.
fn event_offsets(group: &PriceGroup, session: &Session, options: PricingOptions) -> Vec<Duration> {
    let start = session.start();
    let mut offsets: Vec<Duration> = session
        .points()
        .iter()
        .map(|(at, _)| *at - start)
        .chain([session.charging_end() - start, session.plug_out() - start])
        .collect();
    let basis = match options.blocking_basis {
        BlockingBasis::SessionStart => Duration::zero(),
        BlockingBasis::ChargingComplete => session.charging_end() - start,
    };
    if let Some(blocking) = group.tariff().component(ComponentKind::Blocking) {
        offsets.extend(
            blocking
                .all_bands()
                .map(|band| basis + Duration::seconds(band.grace_seconds())),
        );
    }
    offsets.sort_unstable();
    offsets.dedup();
    offsets
}

#[cfg(test)]
mod tests;
