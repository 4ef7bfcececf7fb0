//! Proptest strategies with the toolkit's knowledge of tariffs.
//!
//! - Price groups exactly as the API publishes them ([`price_group`], [`tariff`]): all five
//!   components, `ALL` and weekday keys, time bands including overnight ones, date
//!   validity, blocking fees with grace periods and caps, VAT rates from 0 to 23 % (7.7 and
//!   8.1 too), currencies with 0, 2 and 3 decimals. Each is a [`TariffSpec`]: readable when
//!   a test fails, editable, written out with [`TariffSpec::to_value`] and parsed with
//!   [`TariffSpec::group`].
//! - Charging: meter profiles ([`meter`]), sessions ([`session`], [`SessionSpec`]) and plans
//!   of every kind ([`charging_plan`]).
//! - Time: [`ZONES`] from Lisbon to Lord Howe Island, [`YEARS`] 1970 to 2100, starts with
//!   [`sub_second`] parts near DST changes ([`offset_changes`]), weekend midnights and
//!   anywhere in the year ([`anchor`]).
//! - Sessions around every kind of [`Transition`] ([`session_around`]): DST forward and
//!   back, band edges, weekday keys taking over, dated bands starting or ending, midnights,
//!   New Year, the end of a blocking grace period, the blocking cap reached.
//! - Whole scenarios: [`scenario`] (price group, zone, start, plan) and
//!   [`session_and_tariff`] (half of its sessions around a [`Transition`]).
//!
//! Every strategy shrinks towards the simple case: fewer components and bands, EUR, whole
//! days, zero prices, fewer and smaller meter readings, Berlin.
//!
//! # Examples
//! ```
//! use connect_domain::pricing::PricingOptions;
//! use connect_testkit::strategy::scenario;
//! use proptest::prelude::*;
//!
//! proptest!(|(scenario in scenario())| {
//!     let estimate = scenario.estimate(&PricingOptions::default())?;
//!     let components: rust_decimal::Decimal = [
//!         estimate.cost.kwh_cost, estimate.cost.time_cost, estimate.cost.session_fee_cost,
//!         estimate.cost.blocking_fee_cost, estimate.cost.starting_fee_cost,
//!     ].iter().sum();
//!     prop_assert_eq!(estimate.cost.invoice_summary, components);
//! });
//! ```

mod charging;
mod scenario;
mod spec;
mod tariff;
mod time;
mod transition;

pub use charging::{SessionSpec, charging_plan, meter, session, session_before_offset_change};
pub use scenario::{Scenario, scenario, session_and_tariff};
pub use spec::{BandSpec, ComponentSpec, TariffSpec, Terms};
pub use tariff::{
    TariffConfig, component, currency, parsed_price_group, price, price_group, tariff, terms,
    vat_rate, vat_rates, whole_day_tariff,
};
pub use time::{
    YEAR, YEARS, ZONES, anchor, anchor_in, local_midnight, offset_changes,
    start_before_offset_change, start_near_anchor, sub_second, year, zone,
};
pub use transition::{
    Transition, session_around, session_around_transition, session_moments, transition,
    transition_instants,
};
