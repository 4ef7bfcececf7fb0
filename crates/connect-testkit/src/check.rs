//! Assertions with the pricing engine as the reference: a bill matches what the engine
//! computes, a price shown before the start is never below the engine's estimate, the
//! prices frozen on a session are the ones the engine displays.
//!
//! Each check returns `Result<_, Mismatch>`: inside `proptest!` use `?` (proptest turns any
//! error into a failed case, then shrinks it); in a plain `#[test]` call the `assert_*`
//! form, which panics with the explanation.

use std::fmt::Write as _;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use connect_domain::pricing::{
    BandPolicy, BlockingBasis, Consumption, Difference, Estimate, FinishedSession, PricingError,
    PricingOptions, check_invoice,
};
use connect_domain::session::{ChargingSession, SessionPrices};
use connect_domain::tariff::PriceGroup;
use rust_decimal::{Decimal, RoundingStrategy};

/// What a check found wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Mismatch {
    /// The session has no bill yet (its charge detail record has not arrived).
    #[error("session {session} has no bill yet: deliver its charge detail record first")]
    NotBilled {
        /// The session's id.
        session: String,
    },
    /// The session lacks a fact the engine needs.
    #[error("session {session} has no {field}")]
    Incomplete {
        /// The session's id.
        session: String,
        /// The missing field (`start_time`, `end_time`).
        field: &'static str,
    },
    /// The engine could not price the session.
    #[error("the engine cannot price the session")]
    Pricing(#[from] PricingError),
    /// The bill differs from the engine, field by field.
    #[error(
        "the bill of session {session} differs from the engine:{}",
        list(differences)
    )]
    BillDiffers {
        /// The session's id.
        session: String,
        /// Each field that differs, with the hypotheses that reproduce the billed amount.
        differences: Vec<Difference>,
        /// The engine's estimate of the session.
        expected: Box<Estimate>,
    },
    /// A price shown before the start is below what the engine estimates.
    #[error(
        "displayed {displayed} {currency} is below the engine's estimate of {estimated} \
         {currency} (energy {kwh}, time {time}, session fee {session_fee}, blocking \
         {blocking}, starting fee {starting})",
        currency = expected.cost.currency,
        estimated = expected.cost.invoice_summary,
        kwh = expected.cost.kwh_cost,
        time = expected.cost.time_cost,
        session_fee = expected.cost.session_fee_cost,
        blocking = expected.cost.blocking_fee_cost,
        starting = expected.cost.starting_fee_cost,
    )]
    BelowEstimate {
        /// What was displayed.
        displayed: Decimal,
        /// The engine's estimate.
        expected: Box<Estimate>,
    },
    /// The prices on a session are not the ones the engine displays at its start.
    #[error("the prices frozen on the session are {shown:?}, the engine displays {expected:?}")]
    PricesDiffer {
        /// The prices on the session.
        shown: Box<SessionPrices>,
        /// The engine's prices at the session's start.
        expected: Box<SessionPrices>,
    },
}

fn list(differences: &[Difference]) -> String {
    let mut text = String::new();
    for difference in differences {
        let sign = if difference.delta.is_sign_negative() {
            ""
        } else {
            "+"
        };
        let explained = if difference.explanations.is_empty() {
            "no known hypothesis reproduces it".to_owned()
        } else {
            format!("reproduced by {:?}", difference.explanations)
        };
        // Writing to a String cannot fail.
        let _ = write!(
            text,
            "\n  {}: engine {}, billed {} ({sign}{}); {explained}",
            difference.field, difference.expected, difference.invoiced, difference.delta
        );
    }
    text
}

/// How the API bills: at the bands in force at the start, blocking time counted from the
/// start, the starting fee waived at partners' stations.
fn api_options(is_partner: bool) -> PricingOptions {
    PricingOptions::new(
        BandPolicy::FrozenAtStart,
        BlockingBasis::SessionStart,
        is_partner,
    )
}

/// When charging ended if energy flowed at `power_kw` from the start: to the microsecond,
/// rounded half away from zero as the engine times a constant-power charge.
fn charging_end(
    start: DateTime<Utc>,
    energy_kwh: Decimal,
    power_kw: Decimal,
) -> Option<DateTime<Utc>> {
    if energy_kwh.is_zero() || power_kw <= Decimal::ZERO {
        return None;
    }
    let micros = (energy_kwh.checked_div(power_kw)? * Decimal::from(3_600_000_000_i64))
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    Some(start + Duration::microseconds(i64::try_from(micros).ok()?))
}

/// Checks a billed session against the engine: recomputes its cost from the price group in
/// force at its start, in the station's `zone`, as the API bills (see
/// `docs/pricing.md`), and compares every field of `session_cost`.
///
/// `charged_at_kw` is the power energy flowed at, if the test knows it (the sandbox's
/// stations charge at their power until the car is full, then the car waits): charging
/// then ended when the energy was delivered. Without it, energy flowed evenly until the
/// end, as the API's `consumed_energy` alone says.
///
/// # Errors
/// [`Mismatch::BillDiffers`] listing each differing field, the engine's amount, the billed
/// one, and the hypotheses (other band policy, displayed price used, cap not applied …)
/// that reproduce it; [`Mismatch::NotBilled`] or [`Mismatch::Incomplete`] when the session
/// cannot be checked yet.
///
/// # Examples
/// ```
/// use chrono::Duration;
/// use connect_domain::tariff::PriceGroup;
/// use connect_testkit::check::bill_matches_engine;
/// use connect_testkit::sandbox::{TestEvse, TestSandbox};
/// use rust_decimal::Decimal;
/// let group = PriceGroup::from_json(r#"{"currency":"EUR","pre_authorization_amount":"50",
///   "prices":{"time_price":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,
///   "date_to":null,"gross_price":"3.00","user_facing_price":"0.06",
///   "grace_period_minutes":null,"tax":19,"blocking_cap":null}]}}}"#)?.value;
/// let zone = chrono_tz::Europe::Berlin;
/// let evse = TestEvse::new("DE*TST*E1*1", group.clone(), zone);
/// let sandbox = TestSandbox::new(1, "2026-03-28T23:00:00Z".parse()?, [evse])?;
/// let driver = sandbox.driver()?;
/// let session = sandbox.charge(&driver, "DE*TST*E1*1", Duration::hours(5))?;
/// bill_matches_engine(&session, &group, zone, Some(Decimal::from(22)))?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn bill_matches_engine(
    session: &ChargingSession,
    group: &PriceGroup,
    zone: Tz,
    charged_at_kw: Option<Decimal>,
) -> Result<Estimate, Mismatch> {
    let id = || session.id.to_string();
    let bill = session
        .bill
        .as_ref()
        .ok_or_else(|| Mismatch::NotBilled { session: id() })?;
    let missing = |field| Mismatch::Incomplete {
        session: id(),
        field,
    };
    let start = session.start_time.ok_or_else(|| missing("start_time"))?;
    let end = session.end_time.ok_or_else(|| missing("end_time"))?;
    let energy_kwh = session.consumed_energy_kwh.unwrap_or_default();
    let finished = FinishedSession {
        start,
        end,
        consumption: Consumption::Energy {
            energy_kwh,
            charging_end: charged_at_kw
                .and_then(|power| charging_end(start, energy_kwh, power))
                .map(|charged| charged.min(end)),
        },
    };
    let check = check_invoice(
        group,
        zone,
        &finished,
        &api_options(session.is_partner),
        &bill.cost,
    )?;
    if check.matches {
        Ok(check.expected)
    } else {
        Err(Mismatch::BillDiffers {
            session: id(),
            differences: check.differences,
            expected: Box::new(check.expected),
        })
    }
}

/// [`bill_matches_engine`] for plain tests: the engine's estimate, or a panic explaining
/// every difference.
///
/// # Panics
/// When the bill differs from the engine, or cannot be checked.
#[allow(clippy::panic)] // a test assertion: failing is its purpose
pub fn assert_bill_matches_engine(
    session: &ChargingSession,
    group: &PriceGroup,
    zone: Tz,
    charged_at_kw: Option<Decimal>,
) -> Estimate {
    bill_matches_engine(session, group, zone, charged_at_kw)
        .unwrap_or_else(|mismatch| panic!("{mismatch}"))
}

/// Checks that a total shown before the start is not below the engine's estimate (a
/// partner's app may round up, add a margin, or show a worst case; it must never promise
/// less than the session will cost).
///
/// # Errors
/// [`Mismatch::BelowEstimate`] with the estimate's components.
///
/// # Examples
/// ```
/// use connect_domain::charging::ChargingPlan;
/// use connect_domain::pricing::{PricingOptions, estimate};
/// use connect_domain::tariff::PriceGroup;
/// use connect_testkit::check::not_below_estimate;
/// use rust_decimal::Decimal;
/// let group = PriceGroup::from_json(r#"{"currency":"EUR","pre_authorization_amount":"50",
///   "prices":{"kwh_price":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,
///   "date_to":null,"gross_price":"0.4529","user_facing_price":"0.54",
///   "grace_period_minutes":null,"tax":19,"blocking_cap":null}]}}}"#)?.value;
/// let plan = ChargingPlan::ConstantPower {
///     energy_kwh: Decimal::from(10), power_kw: Decimal::from(22), plug_out: None };
/// let expected = estimate(&group, chrono_tz::Europe::Berlin, "2026-04-02T13:51:18Z".parse()?,
///     &plan, &PricingOptions::default())?;
/// // 10 kWh × the displayed 0.54 = 5.40: never below the engine's 5.39.
/// assert!(not_below_estimate(Decimal::new(540, 2), &expected).is_ok());
/// assert!(not_below_estimate(Decimal::new(538, 2), &expected).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn not_below_estimate(displayed: Decimal, expected: &Estimate) -> Result<(), Mismatch> {
    if displayed < expected.cost.invoice_summary {
        return Err(Mismatch::BelowEstimate {
            displayed,
            expected: Box::new(expected.clone()),
        });
    }
    Ok(())
}

/// [`not_below_estimate`] for plain tests.
///
/// # Panics
/// When `displayed` is below the estimate.
#[allow(clippy::panic)] // a test assertion: failing is its purpose
pub fn assert_not_below_estimate(displayed: Decimal, expected: &Estimate) {
    if let Err(mismatch) = not_below_estimate(displayed, expected) {
        panic!("{mismatch}");
    }
}

/// Checks that the prices frozen on a session (`user_facing_session_prices`) are the ones
/// the engine displays for `group` at the session's start in `zone`.
///
/// # Errors
/// [`Mismatch::PricesDiffer`] with both; [`Mismatch::Incomplete`] without a start time.
///
/// # Examples
/// ```
/// use connect_domain::tariff::PriceGroup;
/// use connect_testkit::check::session_prices_match;
/// use connect_testkit::sandbox::{TestEvse, TestSandbox};
/// let group = PriceGroup::from_json(r#"{"currency":"EUR","pre_authorization_amount":"50",
///   "prices":{"kwh_price":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,
///   "date_to":null,"gross_price":"0.4529","user_facing_price":"0.54",
///   "grace_period_minutes":null,"tax":19,"blocking_cap":null}]}}}"#)?.value;
/// let zone = chrono_tz::Europe::Lisbon;
/// let sandbox = TestSandbox::new(3, "2026-04-02T13:51:18Z".parse()?,
///     [TestEvse::new("PT*TST*E1*1", group.clone(), zone)])?;
/// let driver = sandbox.driver()?;
/// let session = sandbox.start(&driver, "PT*TST*E1*1")?;
/// session_prices_match(&session, &group, zone)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn session_prices_match(
    session: &ChargingSession,
    group: &PriceGroup,
    zone: Tz,
) -> Result<(), Mismatch> {
    let start = session.start_time.ok_or_else(|| Mismatch::Incomplete {
        session: session.id.to_string(),
        field: "start_time",
    })?;
    let expected = SessionPrices::frozen_at(group, zone, start, session.is_partner);
    if session.prices == expected {
        Ok(())
    } else {
        Err(Mismatch::PricesDiffer {
            shown: Box::new(session.prices.clone()),
            expected: Box::new(expected),
        })
    }
}
