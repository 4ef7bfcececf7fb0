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
//! - [`store`]: the repositories the tenants' records live in (in memory, or journaled and
//!   committed to SQLite with the `durable` feature: `connect sandbox serve --data DIR`).
//! - [`stations`]: the bundled stations (the Bundesnetzagentur's register, the documented
//!   example station, the virtual charging points) and an OCPI `locations` loader.
//!
//! No runtime is needed: the async methods never wait.
//!
//! # Data and attribution
//!
//! The bundled stations (`data/stations.tsv`, compiled in) are derived from the
//! Bundesnetzagentur's register of public charging devices. *Datenquelle:
//! Ladesäulenregister der Bundesnetzagentur (bundesnetzagentur.de), Stand 19.07.2019,
//! lizenziert unter [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/).* Fields were
//! selected and reformatted and ids derived; the tariffs, statuses and opening times the
//! sandbox attaches are fictional. The crate's `NOTICE` file carries this attribution: keep
//! it with any copy of the data (a program that shows the stations to people should show it
//! too).

pub mod cards;
pub mod clock;
pub mod ids;
pub mod sandbox;
pub mod stations;
pub mod store;

mod ports;
mod station_ports;
mod tenant;
