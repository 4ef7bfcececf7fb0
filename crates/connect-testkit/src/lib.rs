//! The Cariqa Connect testkit: property-test your own code with the toolkit's knowledge of
//! tariffs.
//!
//! - [`strategy`]: proptest strategies for price groups exactly as the API publishes them,
//!   charging plans and meter profiles, starts across midnight and DST changes in zones
//!   from Lisbon to Lord Howe Island, and whole scenarios.
//!
//! The toolkit's own property tests (the pricing engine's laws and its per-second oracle)
//! run on these same strategies.

pub mod strategy;
