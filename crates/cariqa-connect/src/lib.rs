//! EV charging through the [Cariqa Connect API](https://docs.cariqa.com), for partners'
//! Rust backends: the one crate to add.
//!
//! - **Exact prices** ([`domain::pricing`]), always included: what a session will cost before
//!   it starts and what it cost after, from a station's price group exactly as the API
//!   publishes it (weekday and time bands in the station's local time, blocking fees with
//!   grace and caps, session and starting fees, VAT), in the API's own `session_cost` shape;
//!   and every station around a user priced for one planned charge, ranked, with the
//!   cheapest start of each ([`domain::pricing::offers`], `examples/offers_around.rs`).
//! - **The client** ([`client`], feature `client`, on by default): every operation of the API,
//!   typed, with timeouts and retries that never start a session twice, pagination streams,
//!   session watching, and a token that never appears in logs, `Debug` or errors.
//! - **The sandbox** ([`sandbox`], feature `sandbox`): a stateful, deterministic fake of the
//!   whole API with the German charging register's stations, Stripe test cards, debts and a
//!   controllable clock, in process or served on loopback for the client.
//! - **The testkit** (`testkit`, feature `testkit`): proptest strategies for price groups as
//!   the API publishes them, charging plans and sessions across midnight and DST, a sandbox
//!   per test, and assertions such as "this bill matches the engine".
//!
//! The operations are trait methods ([`prelude`]) implemented by the client and by the
//! sandbox alike, so code written against them runs unchanged on both.
//!
//! # Quick start
//!
//! ```toml
//! [dependencies]
//! cariqa-connect = { version = "0.1", features = ["sandbox"] }
//! tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
//! ```
//!
//! ```no_run
//! use cariqa_connect::prelude::*;
//! use cariqa_connect::{ApiToken, ConnectClient, Environment};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // Against the development environment, with the token from CARIQA_API_TOKEN.
//! let client = ConnectClient::new(ApiToken::from_env()?, Environment::Development)?;
//! let users = client.list_users(UserQuery::default()).await?;
//! println!("{} users", users.count);
//! # Ok(())
//! # }
//! ```
//!
//! The README's quick start plays the docs' whole user journey on the embedded sandbox.
//!
//! # Stability
//!
//! Types that mirror the API are `#[non_exhaustive]` and keep values they do not know, so a
//! new field, filter or enum value of the API is not a breaking change; see the semver policy
//! in `docs/semver.md`.

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod prelude;

/// The domain: money, tariffs and the pricing engine, stations and their geography, users,
/// payment methods, sessions and invoices. Pure computation, no I/O.
pub use connect_domain as domain;

/// The API's operations as traits, its errors in its own vocabulary, and pagination.
pub use connect_ports as ports;

/// The HTTP client of the API.
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub use connect_http as client;

#[cfg(feature = "sandbox")]
#[cfg_attr(docsrs, doc(cfg(feature = "sandbox")))]
pub mod sandbox;

/// Proptest strategies (price groups as the API publishes them, charging plans, sessions
/// across midnight and DST), a sandbox per test, and checks against the engine.
#[cfg(feature = "testkit")]
#[cfg_attr(docsrs, doc(cfg(feature = "testkit")))]
pub use connect_testkit as testkit;

#[cfg(feature = "client")]
pub use connect_http::{ApiToken, ClientError, ConnectClient, Environment};

/// Dates and times: instants are `chrono::DateTime<Utc>`, with the station's IANA zone
/// ([`Tz`]) beside them.
pub use chrono;
/// IANA time zones: every station's bands are local to one.
pub use chrono_tz::Tz;
pub use connect_ports::{ApiError, ErrorKind, Page, PageRequest};
/// Exact decimal amounts: money, prices and energy are never floats.
pub use rust_decimal::Decimal;
