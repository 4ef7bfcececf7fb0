//! Whole scenarios: a price group, the station's zone, a start and how the car charges.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use connect_domain::charging::ChargingPlan;
use connect_domain::pricing::{Estimate, PricingError, PricingOptions, estimate};
use connect_domain::tariff::PriceGroup;
use proptest::prelude::*;

use super::charging::{SessionSpec, charging_plan, session};
use super::spec::TariffSpec;
use super::tariff::{TariffConfig, tariff};
use super::time::{start_near_anchor, zone};
use super::transition::session_around_transition;

/// A price group at a station in `zone`, a session starting at `start`, charging as `plan`
/// says.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The station's price group, published at the start.
    pub tariff: TariffSpec,
    /// The station's zone.
    pub zone: Tz,
    /// Plug-in.
    pub start: DateTime<Utc>,
    /// How energy flows and when the car leaves.
    pub plan: ChargingPlan,
}

impl Scenario {
    /// The parsed price group (see [`TariffSpec::group`]).
    pub fn group(&self) -> PriceGroup {
        self.tariff.group()
    }

    /// The engine's estimate of the scenario.
    ///
    /// # Errors
    /// The engine's [`PricingError`]; generated scenarios are always valid, so an error
    /// means a test edited the plan into an impossible one.
    pub fn estimate(&self, options: &PricingOptions) -> Result<Estimate, PricingError> {
        estimate(&self.group(), self.zone, self.start, &self.plan, options)
    }
}

/// A whole scenario: a station's zone, a start near a DST change or a weekend midnight (or
/// anywhere in the year), a price group published at that start with dated bands changing
/// around it, and a charging plan of any kind.
///
/// # Examples
/// ```
/// use connect_domain::pricing::PricingOptions;
/// use connect_testkit::strategy::scenario;
/// use proptest::prelude::*;
/// proptest!(|(scenario in scenario())| {
///     let estimate = scenario.estimate(&PricingOptions::default())?;
///     prop_assert!(estimate.cost.invoice_vat <= estimate.cost.invoice_summary);
/// });
/// ```
pub fn scenario() -> impl Strategy<Value = Scenario> {
    zone()
        .prop_flat_map(|zone| (Just(zone), start_near_anchor(zone)))
        .prop_flat_map(|(zone, start)| {
            let local = start.with_timezone(&zone);
            (
                Just(zone),
                Just(start),
                tariff(local.date_naive(), TariffConfig::ANY),
                charging_plan(start),
            )
        })
        .prop_map(|(zone, start, mut tariff, plan)| {
            tariff.local_datetime = Some(start.with_timezone(&zone).fixed_offset());
            Scenario {
                tariff,
                zone,
                start,
                plan,
            }
        })
}

/// A [`session`] and a price group published at its start, whose dated bands change around
/// the session's local date, or (half of the time) a session around any kind of
/// [`Transition`](super::Transition) (see [`session_around`](super::session_around)): the
/// pair the engine's own laws are checked on. Shrinks towards the first kind.
///
/// # Examples
/// ```
/// use connect_domain::pricing::{PricingOptions, estimate};
/// use connect_testkit::strategy::{TariffConfig, session_and_tariff};
/// use proptest::prelude::*;
/// proptest!(|((session, tariff) in session_and_tariff(4, 8 * 3600, TariffConfig::ANY))| {
///     let cost = estimate(&tariff.group(), session.zone, session.start, &session.plan(),
///         &PricingOptions::default())?.cost;
///     prop_assert!(cost.invoice_summary >= cost.invoice_vat);
/// });
/// ```
pub fn session_and_tariff(
    max_readings: usize,
    max_step: i64,
    config: TariffConfig,
) -> impl Strategy<Value = (SessionSpec, TariffSpec)> {
    let near_anchor = session(max_readings, max_step).prop_flat_map(move |session| {
        let around = session.local_date();
        let published = session.start.with_timezone(&session.zone).fixed_offset();
        (
            Just(session),
            tariff(around, config).prop_map(move |mut tariff| {
                tariff.local_datetime = Some(published);
                tariff
            }),
        )
    });
    let around_transition = session_around_transition(max_readings, max_step, config)
        .prop_map(|(_, session, tariff)| (session, tariff));
    prop_oneof![near_anchor, around_transition]
}
