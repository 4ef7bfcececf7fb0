//! The pure core of the Cariqa Connect toolkit.
//!
//! Everything here is deterministic computation over values: no I/O, no async, no HTTP.
//!
//! - [`ids`]: typed identifiers of users, sessions and payment methods.
//! - [`account`]: users and their billing details, with the rules charging needs.
//! - [`payment`]: payment methods, setup intents and debts.
//! - [`invoice`]: the invoice of a session.
//! - [`json_path`]: field paths and type names for readers that walk JSON by hand.
//! - [`session`]: charging sessions, the prices frozen on them, ratings.
//! - [`money`]: currencies and the rounding policy.
//! - [`tariff`]: Cariqa price groups, parsed from the API's JSON into validated tariffs.
//! - [`zone`]: the IANA time zone a station's bands are local to.
//! - [`charging`]: what happens at the plug: energy delivered over time, plug-in and plug-out.
//! - [`pricing`]: estimates, session costs, invoice checks, displayed prices and the cheapest start.

pub mod account;
pub mod charging;
pub mod geo;
pub mod ids;
pub mod invoice;
pub mod json_path;
pub mod money;
pub mod payment;
pub mod pricing;
pub mod session;
pub mod station;
pub mod tariff;
pub mod zone;

#[doc(hidden)]
pub mod api_value;
mod local_time;
