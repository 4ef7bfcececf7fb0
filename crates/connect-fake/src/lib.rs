//! The Cariqa Connect sandbox, in memory: a stateful, deterministic fake of the whole API.
//!
//! - [`Sandbox`](sandbox::Sandbox): configuration (seed, CDR delay), a clock and the EVSEs;
//!   [`Sandbox::connect`](sandbox::Sandbox::connect) gives the API as one bearer token sees
//!   it, isolated from every other token.
//! - [`Connection`](sandbox::Connection) implements every port of `connect-ports`, plus the
//!   control operations a test needs: confirming Stripe intents with [test cards](cards),
//!   occupying EVSEs, delivering charge detail records.
//! - [`clock`]: a manual clock for instant tests, the real one, and a faster one.
//! - [`ids`]: a seed fixes every id and random choice.
//! - [`store`]: the repositories (`connect_ports::Repository`) the tenants' records live in.
//! - [`stations`]: the bundled stations (the Bundesnetzagentur's register, the documented
//!   example station, the virtual charging points) and an OCPI `locations` loader.
//!
//! No runtime is needed: the async methods never wait.

pub mod cards;
pub mod clock;
pub mod ids;
pub mod sandbox;
pub mod stations;
pub mod store;

mod ports;
mod station_ports;
mod tenant;
