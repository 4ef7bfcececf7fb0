//! From accruals to money: the rounding policy (interpretation 2) and the blocking cap.
//!
//! 1. Quantities are summed per (component, net price, tax rate) before any multiplication,
//!    so how a session was split into lines never changes a cent.
//! 2. Each component's VAT-inclusive amount at each tax rate is rounded once, half away
//!    from zero, to the currency's minor unit. (With one rate per component, the usual case,
//!    that is "each component rounded once".)
//! 3. The total is the sum of the rounded components.
//! 4. VAT is extracted per tax rate from the rounded amounts at that rate:
//!    `gross × rate / (100 + rate)`, rounded.

use rust_decimal::Decimal;

use super::accrual::{Accrual, Quantity, gross_amount, net_amount};
use super::{CapApplied, SessionCost, VatShare, exact};
use crate::charging::Session;
use crate::tariff::{ComponentKind, Tariff};

/// Quantities summed per (component, price, tax).
struct Group {
    component: ComponentKind,
    net_price: Decimal,
    tax_percent: Decimal,
    energy: Decimal,
    time: i64,
    count: i64,
}

impl Group {
    fn gross(&self) -> Decimal {
        let net = net_amount(self.net_price, Quantity::Energy(self.energy))
            + net_amount(self.net_price, Quantity::Time(self.time))
            + self.net_price * Decimal::from(self.count);
        gross_amount(net, self.tax_percent)
    }
}

fn groups(accruals: &[Accrual<'_>]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for accrual in accruals {
        let band = accrual.band;
        let index = groups.iter().position(|group| {
            group.component == accrual.component()
                && group.net_price == band.net_price()
                && group.tax_percent == band.tax_percent()
        });
        let index = index.unwrap_or_else(|| {
            groups.push(Group {
                component: accrual.component(),
                net_price: band.net_price(),
                tax_percent: band.tax_percent(),
                energy: Decimal::ZERO,
                time: 0,
                count: 0,
            });
            groups.len() - 1
        });
        let group = &mut groups[index];
        match accrual.quantity {
            Quantity::Energy(kwh) => group.energy += kwh,
            Quantity::Time(us) => group.time += us,
            Quantity::Once => group.count += 1,
        }
    }
    groups
}

/// Unrounded VAT-inclusive amounts per (component, tax rate).
#[derive(Default)]
struct Amounts(Vec<(ComponentKind, Decimal, Decimal)>);

impl Amounts {
    fn add(&mut self, component: ComponentKind, tax_percent: Decimal, gross: Decimal) {
        match self
            .0
            .iter_mut()
            .find(|(c, rate, _)| *c == component && *rate == tax_percent)
        {
            Some(entry) => entry.2 += gross,
            None => self.0.push((component, tax_percent, gross)),
        }
    }

    fn total_of(&self, component: ComponentKind) -> Decimal {
        self.0
            .iter()
            .filter(|(c, _, _)| *c == component)
            .map(|(_, _, gross)| *gross)
            .sum()
    }

    fn remove(&mut self, component: ComponentKind) {
        self.0.retain(|(c, _, _)| *c != component);
    }
}

/// The money of a priced session.
pub(crate) struct Totals {
    pub(crate) cost: SessionCost,
    pub(crate) vat: Vec<VatShare>,
    pub(crate) cap_applied: Option<CapApplied>,
    pub(crate) exact_total: Decimal,
}

impl Totals {
    pub(crate) fn compute(tariff: &Tariff, accruals: &[Accrual<'_>], session: &Session) -> Self {
        let currency = tariff.currency();
        let mut amounts = Amounts::default();
        for group in groups(accruals) {
            amounts.add(group.component, group.tax_percent, group.gross());
        }
        let cap = session_cap(accruals);
        let cap_applied = cap.and_then(|cap| apply_blocking_cap(accruals, cap, &mut amounts));
        let exact_total = amounts.0.iter().map(|(_, _, gross)| *gross).sum();

        let mut rounded: Vec<(ComponentKind, Decimal, Decimal)> = amounts
            .0
            .iter()
            .map(|&(component, rate, gross)| {
                let capped = component == ComponentKind::Blocking && cap_applied.is_some();
                let amount = if capped {
                    currency.round(gross)
                } else {
                    exact::round_amount(
                        gross,
                        currency.minor_units(),
                        component,
                        rate,
                        accruals,
                        session,
                    )
                };
                (component, rate, amount)
            })
            .collect();
        if let Some(cap) = cap {
            // Rounding each tax rate's part on its own may overshoot the cap by a cent, and a
            // cap finer than the minor unit cannot be billed exactly: bill at most the cap,
            // rounded down, and exactly that when the cap cut the fee.
            let limit = currency.round_down(cap);
            let billed = component_sum(&rounded, ComponentKind::Blocking);
            let target = if cap_applied.is_some() {
                limit
            } else {
                billed.min(limit)
            };
            adjust_last_parts(&mut rounded, ComponentKind::Blocking, target - billed);
        }
        let cap_applied = cap_applied.map(|applied| CapApplied {
            cap: currency.round_down(applied.cap),
            ..applied
        });
        let component_total = |kind: ComponentKind| currency.round(component_sum(&rounded, kind));

        let mut vat: Vec<VatShare> = Vec::new();
        for &(_, rate, amount) in &rounded {
            match vat.iter_mut().find(|share| share.tax_percent == rate) {
                Some(share) => share.gross += amount,
                None => vat.push(VatShare {
                    tax_percent: rate,
                    gross: amount,
                    vat: Decimal::ZERO,
                }),
            }
        }
        vat.sort_by_key(|share| share.tax_percent);
        for share in &mut vat {
            share.vat = currency.round(
                share.gross * share.tax_percent / (Decimal::ONE_HUNDRED + share.tax_percent),
            );
        }

        let cost = SessionCost {
            kwh_cost: component_total(ComponentKind::Energy),
            time_cost: component_total(ComponentKind::Time),
            session_fee_cost: component_total(ComponentKind::SessionFee),
            blocking_fee_cost: component_total(ComponentKind::Blocking),
            starting_fee_cost: component_total(ComponentKind::StartingFee),
            invoice_vat: currency.round(vat.iter().map(|share| share.vat).sum()),
            invoice_summary: currency.round(rounded.iter().map(|(_, _, amount)| *amount).sum()),
            currency: currency.code().to_owned(),
        };
        Self {
            cost,
            vat,
            cap_applied,
            exact_total,
        }
    }
}

fn component_sum(parts: &[(ComponentKind, Decimal, Decimal)], kind: ComponentKind) -> Decimal {
    parts
        .iter()
        .filter(|(c, _, _)| *c == kind)
        .map(|(_, _, amount)| *amount)
        .sum()
}

/// Adds `delta` to a component's rounded parts, latest tax rate first, never taking a part
/// below zero.
fn adjust_last_parts(
    parts: &mut [(ComponentKind, Decimal, Decimal)],
    kind: ComponentKind,
    mut delta: Decimal,
) {
    for part in parts.iter_mut().rev().filter(|(c, _, _)| *c == kind) {
        if delta.is_zero() {
            return;
        }
        let change = delta.max(-part.2);
        part.2 += change;
        delta -= change;
    }
}

/// The session's blocking cap: one amount per session ("in one transaction"), the cap of
/// the band in force when blocking billing begins. Under `frozen_at_start` that is the
/// start band; under `per_moment` the first band that bills blocking time, so staying
/// longer into a band with another cap never changes what was already accrued.
fn session_cap(accruals: &[Accrual<'_>]) -> Option<Decimal> {
    accruals
        .iter()
        .filter(|a| a.component() == ComponentKind::Blocking)
        .min_by_key(|a| a.from)?
        .band
        .blocking_cap()
}

/// Cuts the blocking fee down to the session's cap (interpretation 7: the cap bounds the
/// VAT-inclusive blocking amount of one session). The fee accrues in time order until the
/// cap is reached, which decides the tax rate of the capped amount.
fn apply_blocking_cap(
    accruals: &[Accrual<'_>],
    cap: Decimal,
    amounts: &mut Amounts,
) -> Option<CapApplied> {
    let blocking = || {
        accruals
            .iter()
            .filter(|a| a.component() == ComponentKind::Blocking)
    };
    let uncapped = amounts.total_of(ComponentKind::Blocking);
    if uncapped <= cap {
        return None;
    }
    amounts.remove(ComponentKind::Blocking);
    let mut remaining = cap;
    let mut last_rate = None;
    for accrual in blocking() {
        if remaining.is_zero() {
            break;
        }
        let rate = accrual.band.tax_percent();
        let take = gross_amount(accrual.net(), rate).min(remaining);
        amounts.add(ComponentKind::Blocking, rate, take);
        remaining -= take;
        last_rate = Some(rate);
    }
    // Line-by-line amounts may fall short of the grouped total by rounding noise; the
    // session still pays exactly the cap.
    if let (Some(rate), true) = (last_rate, remaining > Decimal::ZERO) {
        amounts.add(ComponentKind::Blocking, rate, remaining);
    }
    Some(CapApplied { cap, uncapped })
}
