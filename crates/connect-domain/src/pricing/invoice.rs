//! Checking an invoice: recompute a finished session's cost and explain every difference
//! from what the API billed.
//!
//! An explanation is a named hypothesis that reproduces the billed amount exactly: the
//! other band policy, the other grace basis, the partner flag the other way round, the cap
//! not applied, or the cost computed from the rounded displayed price.

use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{
    BandPolicy, BlockingBasis, Estimate, FinishedSession, PricingError, PricingOptions,
    SessionCost, Unit, session_cost,
};
use crate::tariff::{ComponentKind, PriceGroup};

/// Why a billed amount may differ from the recomputed one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Explanation {
    /// The billed amount is what the other band policy gives.
    OtherBandPolicy {
        /// That policy.
        policy: BandPolicy,
    },
    /// The billed amount counts the blocking grace period from the other basis.
    OtherBlockingBasis {
        /// That basis.
        basis: BlockingBasis,
    },
    /// The billed amount treats the station as partner (or not) the other way round.
    PartnerFlag {
        /// The flag that reproduces the bill.
        is_partner: bool,
    },
    /// The billed blocking fee ignores the cap.
    CapNotApplied,
    /// The billed amount is quantity × the rounded displayed price, not the net price with
    /// VAT (e.g. 10 kWh × 0.54 = 5.40 instead of 5.39).
    DisplayedPriceUsed,
    /// The billed summary is not the sum of the billed components.
    SummaryNotSumOfComponents {
        /// The sum of the billed components.
        sum: Decimal,
    },
}

/// One field where the bill and the recomputation disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// The `session_cost` field.
    pub field: &'static str,
    /// What the engine computes.
    pub expected: Decimal,
    /// What was billed.
    pub invoiced: Decimal,
    /// `invoiced − expected`.
    pub delta: Decimal,
    /// Hypotheses that reproduce the billed amount; empty when none does.
    pub explanations: Vec<Explanation>,
}

/// The outcome of checking an invoice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InvoiceCheck {
    /// Whether every field agrees.
    pub matches: bool,
    /// The fields that disagree.
    pub differences: Vec<Difference>,
    /// The recomputed cost.
    pub expected: Estimate,
}

const FIELDS: [(&str, Option<ComponentKind>); 7] = [
    ("kwh_cost", Some(ComponentKind::Energy)),
    ("time_cost", Some(ComponentKind::Time)),
    ("session_fee_cost", Some(ComponentKind::SessionFee)),
    ("blocking_fee_cost", Some(ComponentKind::Blocking)),
    ("starting_fee_cost", Some(ComponentKind::StartingFee)),
    ("invoice_vat", None),
    ("invoice_summary", None),
];

fn field_value(cost: &SessionCost, field: &str) -> Decimal {
    match FIELDS.iter().find(|(name, _)| *name == field) {
        Some((_, Some(kind))) => cost.component(*kind),
        _ if field == "invoice_vat" => cost.invoice_vat,
        _ => cost.invoice_summary,
    }
}

/// Recomputes a finished session's cost and compares it with the billed `session_cost`.
///
/// # Errors
/// [`PricingError::CurrencyMismatch`] when the bill is in another currency;
/// [`PricingError::Charging`] when the session's facts are inconsistent.
///
/// # Examples
/// ```
/// use connect_domain::pricing::{check_invoice, Consumption, Explanation, FinishedSession,
///     PricingOptions, SessionCost};
/// use connect_domain::tariff::PriceGroup;
/// use rust_decimal::Decimal;
/// let group = PriceGroup::from_json(r#"{"currency":"eur","pre_authorization_amount":"50",
///   "prices":{"kwh_price":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,
///   "date_to":null,"gross_price":"0.4529","user_facing_price":"0.54",
///   "grace_period_minutes":null,"tax":19,"blocking_cap":null}]}}}"#)?.value;
/// let session = FinishedSession {
///     start: "2026-04-02T13:51:18Z".parse()?, end: "2026-04-02T14:19:00Z".parse()?,
///     consumption: Consumption::Energy { energy_kwh: Decimal::from(10), charging_end: None } };
/// let billed: SessionCost = serde_json::from_str(r#"{"kwh_cost":"5.40","time_cost":"0.00",
///   "session_fee_cost":"0.00","blocking_fee_cost":"0.00","starting_fee_cost":"0.00",
///   "invoice_vat":"0.86","invoice_summary":"5.40","currency":"eur"}"#)?;
/// let check = check_invoice(&group, chrono_tz::Europe::Berlin, &session,
///     &PricingOptions::default(), &billed)?;
/// assert!(!check.matches);
/// assert_eq!(check.differences[0].field, "kwh_cost");
/// assert_eq!(check.differences[0].explanations, [Explanation::DisplayedPriceUsed]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_invoice(
    group: &PriceGroup,
    zone: Tz,
    session: &FinishedSession,
    options: &PricingOptions,
    invoiced: &SessionCost,
) -> Result<InvoiceCheck, PricingError> {
    if !invoiced
        .currency
        .eq_ignore_ascii_case(group.tariff().currency().code())
    {
        return Err(PricingError::CurrencyMismatch {
            expected: group.tariff().currency().code().to_owned(),
            invoiced: invoiced.currency.clone(),
        });
    }
    let expected = session_cost(group, zone, session, options)?;
    let hypotheses = hypotheses(group, zone, session, *options, &expected)?;
    let billed_sum: Decimal = ComponentKind::ALL
        .iter()
        .map(|kind| invoiced.component(*kind))
        .sum();

    let mut differences = Vec::new();
    for (field, _) in FIELDS {
        let expected_value = field_value(&expected.cost, field);
        let invoiced_value = field_value(invoiced, field);
        if expected_value == invoiced_value {
            continue;
        }
        let mut explanations: Vec<Explanation> = hypotheses
            .iter()
            .filter(|(_, cost)| field_value(cost, field) == invoiced_value)
            .map(|(explanation, _)| explanation.clone())
            .collect();
        if field == "invoice_summary" && billed_sum != invoiced_value {
            explanations.push(Explanation::SummaryNotSumOfComponents { sum: billed_sum });
        }
        differences.push(Difference {
            field,
            expected: expected_value,
            invoiced: invoiced_value,
            delta: invoiced_value - expected_value,
            explanations,
        });
    }
    Ok(InvoiceCheck {
        matches: differences.is_empty(),
        differences,
        expected,
    })
}

/// Each hypothesis with the `session_cost` it produces.
fn hypotheses(
    group: &PriceGroup,
    zone: Tz,
    session: &FinishedSession,
    options: PricingOptions,
    expected: &Estimate,
) -> Result<Vec<(Explanation, SessionCost)>, PricingError> {
    let mut out = Vec::new();
    let other_policy = match options.policy {
        BandPolicy::PerMoment => BandPolicy::FrozenAtStart,
        _ => BandPolicy::PerMoment,
    };
    let other_basis = match options.blocking_basis {
        BlockingBasis::ChargingComplete => BlockingBasis::SessionStart,
        _ => BlockingBasis::ChargingComplete,
    };
    let variants = [
        (
            Explanation::OtherBandPolicy {
                policy: other_policy,
            },
            PricingOptions {
                policy: other_policy,
                ..options
            },
        ),
        (
            Explanation::OtherBlockingBasis { basis: other_basis },
            PricingOptions {
                blocking_basis: other_basis,
                ..options
            },
        ),
        (
            Explanation::PartnerFlag {
                is_partner: !options.is_partner,
            },
            PricingOptions {
                is_partner: !options.is_partner,
                ..options
            },
        ),
    ];
    for (explanation, variant) in variants {
        out.push((
            explanation,
            session_cost(group, zone, session, &variant)?.cost,
        ));
    }
    if let Some(cap) = &expected.blocking_cap_applied {
        let mut cost = expected.cost.clone();
        cost.blocking_fee_cost = group.tariff().currency().round(cap.uncapped);
        out.push((Explanation::CapNotApplied, cost));
    }
    out.push((
        Explanation::DisplayedPriceUsed,
        displayed_price_cost(group, expected),
    ));
    Ok(out)
}

/// The cost if each line were billed at the rounded displayed price (per minute for time).
fn displayed_price_cost(group: &PriceGroup, expected: &Estimate) -> SessionCost {
    let currency = group.tariff().currency();
    let mut cost = expected.cost.clone();
    for kind in ComponentKind::ALL {
        let amount: Decimal = expected
            .lines
            .iter()
            .filter(|line| line.component == kind)
            .map(|line| {
                let displayed = displayed_of(group, line.band);
                match line.unit {
                    Unit::Hour => line.quantity * Decimal::from(60) * displayed,
                    _ => line.quantity * displayed,
                }
            })
            .sum();
        let rounded = currency.round(amount);
        match kind {
            ComponentKind::Energy => cost.kwh_cost = rounded,
            ComponentKind::Time => cost.time_cost = rounded,
            ComponentKind::Blocking => cost.blocking_fee_cost = rounded,
            ComponentKind::SessionFee => cost.session_fee_cost = rounded,
            ComponentKind::StartingFee => cost.starting_fee_cost = rounded,
        }
    }
    cost.invoice_summary = ComponentKind::ALL.iter().map(|k| cost.component(*k)).sum();
    cost
}

fn displayed_of(group: &PriceGroup, id: crate::tariff::BandId) -> Decimal {
    group
        .tariff()
        .component(id.component)
        .and_then(|component| component.all_bands().find(|band| band.id() == id))
        .map_or(Decimal::ZERO, crate::tariff::Band::user_facing_price)
}
