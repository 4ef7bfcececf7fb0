//! What each band accrues over a session: energy, time or a one-off fee, under either band
//! policy. The money comes later, in `totals`.
//!
//! Under `per_moment` the work is a merge of sorted lists (band stretches × charging
//! segments), so its cost grows with the band boundaries and meter points the session
//! crosses, never with its minutes.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use super::{BandPolicy, BlockingBasis, CostLine, PricingOptions, PricingWarning, Unit};
use crate::charging::{Segment, Session, micros};
use crate::tariff::{Band, BandInterval, Component, ComponentKind, Tariff};

/// Microseconds in an hour: time prices are per hour.
pub(crate) const MICROS_PER_HOUR: i64 = 3_600_000_000;

/// How much of a band's unit a stretch of the session used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quantity {
    /// kWh delivered.
    Energy(Decimal),
    /// Microseconds of time.
    Time(i64),
    /// One session.
    Once,
}

/// A stretch of the session priced by one band.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Accrual<'a> {
    pub(crate) band: &'a Band,
    pub(crate) from: DateTime<Utc>,
    pub(crate) to: DateTime<Utc>,
    pub(crate) quantity: Quantity,
}

impl Accrual<'_> {
    pub(crate) fn component(&self) -> ComponentKind {
        self.band.id().component
    }

    /// Net amount, unrounded.
    pub(crate) fn net(&self) -> Decimal {
        net_amount(self.band.net_price(), self.quantity)
    }

    pub(crate) fn line(&self) -> CostLine {
        let (quantity, unit) = match self.quantity {
            Quantity::Energy(kwh) => (kwh, Unit::Kwh),
            Quantity::Time(us) => (
                Decimal::from(us) / Decimal::from(MICROS_PER_HOUR),
                Unit::Hour,
            ),
            Quantity::Once => (Decimal::ONE, Unit::Session),
        };
        let net = self.net();
        let gross = gross_amount(net, self.band.tax_percent());
        CostLine {
            component: self.component(),
            band: self.band.id(),
            from: self.from,
            to: self.to,
            quantity,
            unit,
            unit_price: self.band.net_price(),
            net,
            tax_percent: self.band.tax_percent(),
            vat: gross - net,
            gross,
        }
    }
}

/// Net amount of a quantity at a price: one multiplication (and for time one division), so
/// equal quantities summed first give exactly the same amount however they were split.
pub(crate) fn net_amount(price: Decimal, quantity: Quantity) -> Decimal {
    match quantity {
        Quantity::Energy(kwh) => price * kwh,
        Quantity::Time(us) => price * Decimal::from(us) / Decimal::from(MICROS_PER_HOUR),
        Quantity::Once => price,
    }
}

/// `net × (100 + tax) / 100`.
pub(crate) fn gross_amount(net: Decimal, tax_percent: Decimal) -> Decimal {
    hundredth(net * (Decimal::ONE_HUNDRED + tax_percent))
}

/// `value / 100`: a shift of the decimal point when that is exact, which is most of the time
/// and far cheaper than a `Decimal` division on this hot path.
fn hundredth(value: Decimal) -> Decimal {
    let mut shifted = value;
    match shifted.set_scale(value.scale() + 2) {
        Ok(()) => shifted,
        Err(_) => value / Decimal::ONE_HUNDRED,
    }
}

/// Everything the session accrues, component by component, in time order.
pub(crate) fn accrue<'a>(
    tariff: &'a Tariff,
    zone: Tz,
    session: &Session,
    options: PricingOptions,
    warnings: &mut Vec<PricingWarning>,
) -> Vec<Accrual<'a>> {
    let mut accruals = Vec::new();
    let basis = match options.blocking_basis {
        BlockingBasis::SessionStart => session.start(),
        BlockingBasis::ChargingComplete => session.charging_end(),
    };
    for component in tariff.components() {
        if component.all_bands().next().is_none() {
            continue;
        }
        let kind = component.kind();
        if kind.is_one_off() {
            one_off(component, zone, session, options, &mut accruals, warnings);
        } else if options.policy == BandPolicy::FrozenAtStart {
            frozen(component, zone, session, basis, &mut accruals, warnings);
        } else {
            per_moment(component, zone, session, basis, &mut accruals, warnings);
        }
    }
    accruals
}

fn one_off<'a>(
    component: &'a Component,
    zone: Tz,
    session: &Session,
    options: PricingOptions,
    out: &mut Vec<Accrual<'a>>,
    warnings: &mut Vec<PricingWarning>,
) {
    if component.kind() == ComponentKind::StartingFee {
        // Cariqa's fee: only when energy was delivered, and never at partner stations.
        if session.energy_kwh().is_zero() {
            return;
        }
        if options.is_partner {
            warnings.push(PricingWarning::StartingFeeWaivedAtPartner);
            return;
        }
    }
    match component.band_at(zone, session.start()) {
        Some(band) => out.push(Accrual {
            band,
            from: session.start(),
            to: session.start(),
            quantity: Quantity::Once,
        }),
        None => warnings.push(PricingWarning::NoBandAtStart {
            component: component.kind(),
        }),
    }
}

/// The stretch of the session a blocking band bills: from the end of its grace period
/// (counted from `basis`) to plug-out.
fn blocking_window(
    band: &Band,
    basis: DateTime<Utc>,
    session: &Session,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let from = basis + Duration::seconds(band.grace_seconds());
    (from, session.plug_out())
}

fn frozen<'a>(
    component: &'a Component,
    zone: Tz,
    session: &Session,
    basis: DateTime<Utc>,
    out: &mut Vec<Accrual<'a>>,
    warnings: &mut Vec<PricingWarning>,
) {
    let accrual = |band: &'a Band| -> Option<Accrual<'a>> {
        let (from, to, quantity) = match component.kind() {
            ComponentKind::Energy => (
                session.start(),
                session.charging_end(),
                Quantity::Energy(session.energy_kwh()),
            ),
            ComponentKind::Time => (
                session.start(),
                session.charging_end(),
                Quantity::Time(micros(session.charging_time())),
            ),
            _ => {
                let (from, to) = blocking_window(band, basis, session);
                (from, to, Quantity::Time(micros(to - from)))
            }
        };
        let billed = match quantity {
            Quantity::Energy(kwh) => kwh > Decimal::ZERO,
            Quantity::Time(us) => us > 0,
            Quantity::Once => true,
        };
        billed.then_some(Accrual {
            band,
            from,
            to,
            quantity,
        })
    };
    if let Some(band) = component.band_at(zone, session.start()) {
        out.extend(accrual(band));
        return;
    }
    // Tell only when the session would have used the component.
    let used = match component.kind() {
        ComponentKind::Energy | ComponentKind::Time => !session.energy_kwh().is_zero(),
        _ => session.plug_out() > basis,
    };
    if used {
        warnings.push(PricingWarning::NoBandAtStart {
            component: component.kind(),
        });
    }
}

fn per_moment<'a>(
    component: &'a Component,
    zone: Tz,
    session: &Session,
    basis: DateTime<Utc>,
    out: &mut Vec<Accrual<'a>>,
    warnings: &mut Vec<PricingWarning>,
) {
    let kind = component.kind();
    let (window_from, window_to) = match kind {
        ComponentKind::Blocking => (basis, session.plug_out()),
        _ => (session.start(), session.charging_end()),
    };
    if window_to <= window_from {
        return;
    }
    let mut intervals = Vec::new();
    component.band_intervals(zone, window_from, window_to, &mut intervals);
    let mut uncovered = Vec::new();
    if kind == ComponentKind::Blocking {
        for interval in &intervals {
            let (from, to) = blocking_window(interval.band, basis, session);
            let (from, to) = (from.max(interval.from), to.min(interval.to));
            if from < to {
                out.push(Accrual {
                    band: interval.band,
                    from,
                    to,
                    quantity: Quantity::Time(micros(to - from)),
                });
            }
        }
        gaps(&intervals, window_from, window_to, |from, to| {
            uncovered.push((from, to));
        });
    } else {
        charging_accruals(kind, &intervals, session, out);
        gaps(&intervals, window_from, window_to, |from, to| {
            for segment in session.charging_segments() {
                let (from, to) = (from.max(segment.from), to.min(segment.to));
                if from < to {
                    uncovered.push((from, to));
                }
            }
        });
    }
    warnings.extend(
        uncovered
            .into_iter()
            .map(|(from, to)| PricingWarning::UncoveredTime {
                component: kind,
                from,
                to,
            }),
    );
}

/// Energy or charging time per band stretch: a merge of band stretches with charging
/// segments, one accrual per band stretch.
fn charging_accruals<'a>(
    kind: ComponentKind,
    intervals: &[BandInterval<'a>],
    session: &Session,
    out: &mut Vec<Accrual<'a>>,
) {
    let segments: Vec<Segment> = session.charging_segments().collect();
    let mut first_segment = 0;
    for interval in intervals {
        let mut energy = Decimal::ZERO;
        let mut time = 0_i64;
        let (mut from, mut to) = (None, interval.from);
        while first_segment < segments.len() && segments[first_segment].to <= interval.from {
            first_segment += 1;
        }
        for segment in &segments[first_segment..] {
            if segment.from >= interval.to {
                break;
            }
            let start = segment.from.max(interval.from);
            let end = segment.to.min(interval.to);
            if start >= end {
                continue;
            }
            energy += segment.energy_at(end) - segment.energy_at(start);
            time += micros(end - start);
            from.get_or_insert(start);
            to = end;
        }
        let Some(from) = from else { continue };
        let quantity = match kind {
            ComponentKind::Energy => Quantity::Energy(energy),
            _ => Quantity::Time(time),
        };
        out.push(Accrual {
            band: interval.band,
            from,
            to,
            quantity,
        });
    }
}

/// Calls `gap` for each stretch of `[from, to)` no interval covers.
fn gaps(
    intervals: &[BandInterval<'_>],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    mut gap: impl FnMut(DateTime<Utc>, DateTime<Utc>),
) {
    let mut cursor = from;
    for interval in intervals {
        if interval.from > cursor {
            gap(cursor, interval.from);
        }
        cursor = cursor.max(interval.to);
    }
    if cursor < to {
        gap(cursor, to);
    }
}
