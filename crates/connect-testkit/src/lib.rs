//! The Cariqa Connect testkit: property-test your own code with the toolkit's knowledge of
//! tariffs.
//!
//! - [`strategy`]: proptest strategies for price groups exactly as the API publishes them,
//!   charging plans and meter profiles, starts across midnight and DST changes in zones
//!   from Lisbon to Lord Howe Island, and whole scenarios.
//! - [`sandbox`]: a sandbox per test, in memory, with seeded ids and a manual clock, priced
//!   with the price groups under test; with feature `served`, the `served` module puts it on
//!   loopback behind the toolkit's HTTP client.
//! - [`check`]: assertions with the engine as the reference: a bill matches the engine, a
//!   price shown before the start is never below its estimate, the prices frozen on a
//!   session are the ones the engine displays.
//!
//! The toolkit's own property tests (the pricing engine's laws and its per-second oracle)
//! run on these same strategies.

pub mod check;
pub mod sandbox;
pub mod strategy;

#[cfg(feature = "served")]
pub mod served;
