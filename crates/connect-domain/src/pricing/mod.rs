//! The pricing engine: what a session will cost before it starts, and what a finished one
//! should have cost.
//!
//! - [`estimate`]: a price group, the station's zone, a start instant and a [`ChargingPlan`]
//!   give an [`Estimate`]: the cost in the API's own `session_cost` shape, the lines behind
//!   it, warnings, and whether it exceeds the pre-authorization hold.
//! - [`session_cost`] and [`check_invoice`]: the same for a [`FinishedSession`], and a
//!   comparison with what the API invoiced that explains any difference.
//! - [`price_at`] and [`price_timeline`]: the prices a driver sees now, and when they change.
//! - [`cheapest_start`]: the start within a window that costs least.
//! - [`offers`]: every station around a user priced for one [`PlannedCharge`], ranked, with
//!   the cheapest start of each and why a station is left out.
//!
//! Every interpretation the engine takes is listed, with the test that pins it, in
//! `docs/pricing.md`.

mod accrual;
mod cheapest;
mod display;
mod exact;
mod invoice;
mod offers;
#[cfg(test)]
mod tests;
mod totals;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use cheapest::{CheapestStart, cheapest_start};
pub use display::{DisplayedPrice, PriceInterval, PriceUnit, price_at, price_timeline};
pub use invoice::{Difference, Explanation, InvoiceCheck, check_invoice};
pub use offers::{BestStart, LeftOut, LeftOutReason, Offer, Offers, PlannedCharge, offers};

use crate::charging::{ChargingError, ChargingPlan, ChargingWarning, MeterReading, Session};
use crate::tariff::{BandId, ComponentKind, PriceGroup};

/// Which band prices a moment of the session (interpretation 6).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BandPolicy {
    /// The bands in force at the start price the whole session, as the API freezes one
    /// price per component onto a session.
    #[default]
    FrozenAtStart,
    /// Every kWh is priced by the band in force when it was delivered, every second by the
    /// band in force at that second (OCPI style).
    PerMoment,
}

/// From when a blocking fee's grace period is counted (interpretation 7).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BlockingBasis {
    /// From plug-in ("0.10 EUR/min after 240 min").
    #[default]
    SessionStart,
    /// From the end of charging (an idle fee).
    ChargingComplete,
}

/// How to price: band policy, grace basis, and whether the station is a Cariqa partner.
///
/// # Examples
/// ```
/// use connect_domain::pricing::{BandPolicy, BlockingBasis, PricingOptions};
/// let options = PricingOptions::default();
/// assert_eq!(options.policy, BandPolicy::FrozenAtStart);
/// assert_eq!(options.blocking_basis, BlockingBasis::SessionStart);
/// assert!(!options.is_partner);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PricingOptions {
    /// Which band prices a moment.
    pub policy: BandPolicy,
    /// From when the blocking grace period counts.
    pub blocking_basis: BlockingBasis,
    /// Partner stations carry no Cariqa starting fee.
    pub is_partner: bool,
}

impl PricingOptions {
    /// Options with a policy, a grace basis and a partner flag.
    pub fn new(policy: BandPolicy, blocking_basis: BlockingBasis, is_partner: bool) -> Self {
        Self {
            policy,
            blocking_basis,
            is_partner,
        }
    }
}

/// A session's cost in the API's `session_cost` shape: every amount VAT-inclusive, rounded
/// to the currency's minor unit; unused components `0.00`.
///
/// Serializes with decimal strings, as the API does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SessionCost {
    /// Energy part.
    #[serde(deserialize_with = "amount_or_zero")]
    pub kwh_cost: Decimal,
    /// Charging-time part.
    #[serde(deserialize_with = "amount_or_zero")]
    pub time_cost: Decimal,
    /// One-off session fee.
    #[serde(deserialize_with = "amount_or_zero")]
    pub session_fee_cost: Decimal,
    /// Blocking fee, after the cap.
    #[serde(deserialize_with = "amount_or_zero")]
    pub blocking_fee_cost: Decimal,
    /// Cariqa's one-off starting fee.
    #[serde(deserialize_with = "amount_or_zero")]
    pub starting_fee_cost: Decimal,
    /// VAT contained in the total.
    #[serde(deserialize_with = "amount_or_zero")]
    pub invoice_vat: Decimal,
    /// The total: the sum of the five components.
    #[serde(deserialize_with = "amount_or_zero")]
    pub invoice_summary: Decimal,
    /// The price group's currency, as the API spells it.
    pub currency: String,
}

impl SessionCost {
    /// A cost of zero in every component, in `currency` (the API writes it lower case).
    ///
    /// # Examples
    /// ```
    /// use connect_domain::pricing::SessionCost;
    /// let cost = SessionCost::zero("eur");
    /// assert!(cost.invoice_summary.is_zero());
    /// ```
    pub fn zero(currency: impl Into<String>) -> Self {
        Self {
            kwh_cost: Decimal::ZERO,
            time_cost: Decimal::ZERO,
            session_fee_cost: Decimal::ZERO,
            blocking_fee_cost: Decimal::ZERO,
            starting_fee_cost: Decimal::ZERO,
            invoice_vat: Decimal::ZERO,
            invoice_summary: Decimal::ZERO,
            currency: currency.into(),
        }
    }
}

fn amount_or_zero<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    Ok(Option::<Decimal>::deserialize(deserializer)?.unwrap_or_default())
}

impl SessionCost {
    /// The amount of one component.
    pub fn component(&self, kind: ComponentKind) -> Decimal {
        match kind {
            ComponentKind::Energy => self.kwh_cost,
            ComponentKind::Time => self.time_cost,
            ComponentKind::Blocking => self.blocking_fee_cost,
            ComponentKind::SessionFee => self.session_fee_cost,
            ComponentKind::StartingFee => self.starting_fee_cost,
        }
    }
}

/// The unit a line's quantity is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Unit {
    /// Kilowatt-hours of energy.
    Kwh,
    /// Hours of time (to the microsecond).
    Hour,
    /// One session.
    Session,
}

/// One line behind a cost: a stretch of the session priced by one band.
///
/// Amounts are unrounded; components round once over all their lines (interpretation 2).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostLine {
    /// The component the line belongs to.
    pub component: ComponentKind,
    /// The band that priced it.
    pub band: BandId,
    /// Start of the stretch.
    pub from: DateTime<Utc>,
    /// End of the stretch.
    pub to: DateTime<Utc>,
    /// How much: kWh, hours or one session.
    pub quantity: Decimal,
    /// The unit of `quantity`.
    pub unit: Unit,
    /// Net price per unit (the band's `gross_price`).
    pub unit_price: Decimal,
    /// `quantity × unit_price`.
    pub net: Decimal,
    /// VAT rate in percent.
    pub tax_percent: Decimal,
    /// VAT on `net`.
    pub vat: Decimal,
    /// `net + vat`.
    pub gross: Decimal,
}

/// The VAT of one tax rate: the rounded VAT-inclusive amounts at that rate, and the VAT
/// extracted from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VatShare {
    /// The rate, percent.
    pub tax_percent: Decimal,
    /// Sum of the rounded component amounts at this rate.
    pub gross: Decimal,
    /// `gross × rate / (100 + rate)`, rounded.
    pub vat: Decimal,
}

/// A blocking cap that cut the fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CapApplied {
    /// The cap (VAT-inclusive).
    pub cap: Decimal,
    /// What the fee would have been without it (unrounded).
    pub uncapped: Decimal,
}

/// Facts about the priced session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionFacts {
    /// Plug-in.
    pub start: DateTime<Utc>,
    /// When energy stopped flowing.
    pub charging_end: DateTime<Utc>,
    /// Plug-out.
    pub plug_out: DateTime<Utc>,
    /// Energy delivered, kWh.
    pub energy_kwh: Decimal,
    /// Time while energy flowed, seconds.
    pub charging_seconds: Decimal,
}

/// Something the caller should know about a price.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum PricingWarning {
    /// No band of a component covers this stretch; it is free for that component.
    UncoveredTime {
        /// The component.
        component: ComponentKind,
        /// Start of the stretch.
        from: DateTime<Utc>,
        /// End of the stretch.
        to: DateTime<Utc>,
    },
    /// Under `frozen_at_start`, no band of a component is in force at the start; the session
    /// is free for that component.
    NoBandAtStart {
        /// The component.
        component: ComponentKind,
    },
    /// The tariff lists a starting fee, but partner stations carry none.
    StartingFeeWaivedAtPartner,
    /// A warning about the charging plan.
    Charging {
        /// What it is.
        warning: ChargingWarning,
    },
}

impl std::fmt::Display for PricingWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UncoveredTime {
                component,
                from,
                to,
            } => write!(
                f,
                "{component}: no band covers {} to {}; free for this component",
                from.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                to.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
            ),
            Self::NoBandAtStart { component } => write!(
                f,
                "{component}: no band is in force at the start; free for this component"
            ),
            Self::StartingFeeWaivedAtPartner => f.write_str(
                "starting_fee: the tariff lists one, but partner stations carry no starting fee",
            ),
            Self::Charging { warning } => write!(f, "{warning}"),
        }
    }
}

/// What a session costs, and why.
///
/// # Examples
/// The documented session: 10 kWh at 0.4529 €/kWh net, 19 % VAT.
/// ```
/// use connect_domain::charging::ChargingPlan;
/// use connect_domain::pricing::{estimate, PricingOptions};
/// use connect_domain::tariff::PriceGroup;
/// use rust_decimal::Decimal;
/// let group = PriceGroup::from_json(r#"{"type":"AC","power":22,"evse_ids":[],
///   "currency":"eur","pre_authorization_amount":"50.00",
///   "local_datetime":"2026-04-02T15:51:18+02:00","prices":{"kwh_price":{"ALL":[
///   {"time_from":null,"time_to":null,"date_from":null,"date_to":null,
///   "gross_price":"0.4529","user_facing_price":"0.54","grace_period_minutes":null,
///   "tax":19,"blocking_cap":null}]}}}"#)?.value;
/// let plan = ChargingPlan::ConstantPower {
///     energy_kwh: Decimal::from(10), power_kw: Decimal::from(22), plug_out: None };
/// let estimate = estimate(&group, chrono_tz::Europe::Berlin,
///     "2026-04-02T13:51:18Z".parse()?, &plan, &PricingOptions::default())?;
/// assert_eq!(estimate.cost.kwh_cost.to_string(), "5.39");
/// assert_eq!(estimate.cost.invoice_vat.to_string(), "0.86");
/// assert_eq!(estimate.cost.invoice_summary.to_string(), "5.39");
/// assert!(!estimate.exceeds_pre_authorization);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    /// The cost, in the API's `session_cost` shape.
    pub cost: SessionCost,
    /// The lines behind it, by component then time.
    pub lines: Vec<CostLine>,
    /// VAT per tax rate.
    pub vat: Vec<VatShare>,
    /// The blocking cap, when it cut the fee.
    pub blocking_cap_applied: Option<CapApplied>,
    /// The sum of the unrounded VAT-inclusive amounts (after the cap): what
    /// [`cheapest_start`] minimises.
    pub exact_total: Decimal,
    /// The hold the price group places on the card.
    pub pre_authorization_amount: Decimal,
    /// Whether the total exceeds that hold (the driver is then charged the difference).
    pub exceeds_pre_authorization: bool,
    /// The session that was priced.
    pub session: SessionFacts,
    /// Things worth knowing.
    pub warnings: Vec<PricingWarning>,
}

/// A session or plan that cannot be priced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PricingError {
    /// The charging plan is impossible.
    #[error(transparent)]
    Charging(#[from] ChargingError),
    /// A window whose end is not after its start.
    #[error("{field}: the window must end after it starts")]
    EmptyWindow {
        /// The field naming the window's end.
        field: &'static str,
    },
    /// A window longer than the engine searches.
    #[error("{field}: the window may span at most {max_days} days")]
    WindowTooLong {
        /// The field naming the window's end.
        field: &'static str,
        /// The longest window accepted.
        max_days: i64,
    },
    /// A currency that differs from the price group's.
    #[error("currency: invoiced in {invoiced}, but the price group is in {expected}")]
    CurrencyMismatch {
        /// The price group's currency.
        expected: String,
        /// The invoice's currency.
        invoiced: String,
    },
}

/// Estimates the cost of a session starting at `start` under `plan`.
///
/// # Errors
/// [`PricingError::Charging`] when the plan is impossible (see [`Session::new`]).
pub fn estimate(
    group: &PriceGroup,
    zone: Tz,
    start: DateTime<Utc>,
    plan: &ChargingPlan,
    options: &PricingOptions,
) -> Result<Estimate, PricingError> {
    let (session, charging_warnings) = Session::new(start, plan)?;
    let mut estimate = price_session(group, zone, &session, options);
    let charging = charging_warnings
        .into_iter()
        .map(|warning| PricingWarning::Charging { warning });
    estimate.warnings.splice(0..0, charging);
    Ok(estimate)
}

/// A validated session's exact total and rounded total (`invoice_summary`), as
/// [`price_session`] computes them, without the rest of the estimate: for comparing starts.
pub(crate) fn session_totals(
    group: &PriceGroup,
    zone: Tz,
    session: &Session,
    options: PricingOptions,
) -> (Decimal, Decimal) {
    let tariff = group.tariff();
    let mut warnings = Vec::new();
    let accruals = accrual::accrue(tariff, zone, session, options, &mut warnings);
    let totals = totals::Totals::compute(tariff, &accruals, session);
    (totals.exact_total, totals.cost.invoice_summary)
}

/// Prices a validated session.
pub fn price_session(
    group: &PriceGroup,
    zone: Tz,
    session: &Session,
    options: &PricingOptions,
) -> Estimate {
    let tariff = group.tariff();
    let mut warnings = Vec::new();
    let accruals = accrual::accrue(tariff, zone, session, *options, &mut warnings);
    let totals = totals::Totals::compute(tariff, &accruals, session);
    let lines = accruals.iter().map(accrual::Accrual::line).collect();
    let pre_authorization_amount = tariff.currency().round(group.pre_authorization_amount());
    Estimate {
        exceeds_pre_authorization: totals.cost.invoice_summary > pre_authorization_amount,
        cost: totals.cost,
        lines,
        vat: totals.vat,
        blocking_cap_applied: totals.cap_applied,
        exact_total: totals.exact_total,
        pre_authorization_amount,
        session: SessionFacts {
            start: session.start(),
            charging_end: session.charging_end(),
            plug_out: session.plug_out(),
            energy_kwh: session.energy_kwh(),
            charging_seconds: Decimal::new(crate::charging::micros(session.charging_time()), 6)
                .normalize(),
        },
        warnings,
    }
}

/// A session that has ended, as the API reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinishedSession {
    /// Plug-in.
    pub start: DateTime<Utc>,
    /// Plug-out.
    pub end: DateTime<Utc>,
    /// What was consumed.
    pub consumption: Consumption,
}

/// How much energy a finished session consumed, and how it is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Consumption {
    /// Only the total (the API's `consumed_energy`): it flowed evenly from the start until
    /// `charging_end` (default: the end).
    Energy {
        /// kWh.
        energy_kwh: Decimal,
        /// When energy stopped flowing, if known.
        charging_end: Option<DateTime<Utc>>,
    },
    /// Meter readings, cumulative since the start.
    Meter(Vec<MeterReading>),
}

impl FinishedSession {
    /// The charging plan that describes what happened.
    pub fn plan(&self) -> ChargingPlan {
        match &self.consumption {
            Consumption::Energy {
                energy_kwh,
                charging_end,
            } => ChargingPlan::Total {
                energy_kwh: *energy_kwh,
                charging_end: *charging_end,
                plug_out: self.end,
            },
            Consumption::Meter(readings) => ChargingPlan::Meter {
                readings: readings.clone(),
                plug_out: Some(self.end),
            },
        }
    }
}

/// Recomputes the cost of a finished session from the price group frozen on it at start.
///
/// # Errors
/// [`PricingError::Charging`] when the session's facts are inconsistent.
pub fn session_cost(
    group: &PriceGroup,
    zone: Tz,
    session: &FinishedSession,
    options: &PricingOptions,
) -> Result<Estimate, PricingError> {
    estimate(group, zone, session.start, &session.plan(), options)
}
