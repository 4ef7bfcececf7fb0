//! The pure core of the Cariqa Connect toolkit.
//!
//! Everything here is deterministic computation over values: no I/O, no async, no HTTP.
//!
//! - [`money`]: currencies and the rounding policy.
//! - [`tariff`]: Cariqa price groups, parsed from the API's JSON into validated tariffs.
//! - [`zone`]: the IANA time zone a station's bands are local to.
//! - [`charging`]: what happens at the plug: energy delivered over time, plug-in and plug-out.
//! - [`pricing`]: estimates, session costs, invoice checks, displayed prices and the cheapest start.

pub mod charging;
pub mod money;
pub mod pricing;
pub mod tariff;
pub mod zone;

mod local_time;
