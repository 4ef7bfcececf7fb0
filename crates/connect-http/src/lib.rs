//! The typed, resilient HTTP client of the Cariqa Connect API.
//!
//! [`ConnectClient`] implements every port of `connect-ports` (`Users`, `Billing`,
//! `Payments`, `Charging`, `Invoices`, `Stations`: the API's 22 operations) over HTTP, in
//! the domain types of `connect-domain`, reading and writing the wire types of
//! `connect-wire`. Code written against the ports runs unchanged against the real API or
//! the in-memory sandbox (`connect-fake`); [`ClientError`] implements
//! [`connect_ports::PortError`].
//!
//! ```no_run
//! use connect_domain::ids::UserId;
//! use connect_http::{ApiToken, ConnectClient, Environment};
//! use connect_ports::{Charging, StartCharging};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = ConnectClient::new(ApiToken::from_env()?, Environment::Development)?;
//! let user = UserId::new("72794486-bf87-44fb-9b74-5b8fed6c994d");
//! let session = client
//!     .start_charging(&user, StartCharging::new("DE*CIQ*EELDF6XWZU41P*2", "pm_1TD1M3HtgZxQ1KXx5wMzfx15"))
//!     .await?;
//! client.stop_charging(&user, &session.id).await?;
//! # Ok(())
//! # }
//! ```
//!
//! # What the client takes care of
//!
//! - **Environments and TLS.** [`Environment::Development`], [`Environment::Production`] or
//!   a custom base URL; paths are `/api/v1/…/` with the API's trailing slashes. TLS is
//!   rustls (ring provider, the operating system's roots). Plain `http://` is refused except
//!   to loopback addresses (the sandbox) or with the explicit opt-in
//!   [`ConnectClientBuilder::allow_plain_http`] (a sandbox in docker-compose):
//!   [`ConfigError::InsecureBaseUrl`]. Credentials in a base URL are refused, and never
//!   quoted in errors.
//! - **The token** ([`ApiToken`]) is never printed: not by `Debug`, not in tracing, not in
//!   errors.
//! - **Timeouts**: a connect timeout and a per-attempt timeout (to the last byte).
//! - **A body cap** ([`ConnectClientBuilder::max_body_bytes`], 32 MiB by default): a larger
//!   successful answer is [`ClientError::BodyTooLarge`], never read whole.
//! - **Errors keep their cause**: [`ClientError::Transport`] and [`ClientError::Timeout`]
//!   expose the underlying `reqwest` error (and through it the I/O error) as `source()`.
//! - **Retries** ([`RetryPolicy`]): `GET`, `PUT`, `PATCH`, `DELETE` (and the idempotent
//!   set-default `POST`) after connection failures, timeouts, 429, 502, 503 and 504, with
//!   capped full-jitter exponential backoff, honouring `Retry-After`, bounded by attempts
//!   and time. A request whose connection could not be opened (nothing sent) is tried again
//!   whatever its method. Other `POST`s are never retried blindly.
//! - **Starting a session** after an ambiguous failure (timeout, lost connection, 5xx) is
//!   reconciled by listing the user's sessions within a bounded window
//!   ([`ReconcilePolicy`]): the session on that EVSE that started since the request was
//!   sent (allowing for clock skew) is returned; [`ClientError::NotStarted`] when the API's
//!   answer says it is done and no such session exists; otherwise
//!   [`ClientError::StartOutcomeUnknown`], which is not retryable.
//! - **Stopping a session**: `409 already_stopped` is success; after an ambiguous failure
//!   the session is read, and stopped again only if still active.
//! - **Pagination**: the port methods return one [`connect_ports::Page`], an item the
//!   client cannot read left out and named in [`connect_ports::Page::skipped`] (index and
//!   error naming the field) rather than failing the page; the `…_stream`
//!   methods yield every item of every page ([`ConnectClient::users_stream`],
//!   [`ConnectClient::sessions_stream`], [`ConnectClient::invoices_stream`],
//!   [`ConnectClient::payment_methods_stream`], [`ConnectClient::debts_stream`],
//!   [`ConnectClient::stations_around_stream`]), carrying on past unreadable items (each
//!   logged with `tracing::warn!`).
//! - **Watching a session** until its bill is final: [`ConnectClient::watch_session`].
//! - **Tolerant reads** (from `connect-wire`): both setup-intent and debt secret keys, both
//!   invoice envelopes (the cursor one followed page by page to its end), `invoice_view` present or not, card expiries `MM/YY` and `MM/YYYY`,
//!   unknown enum values kept, unknown properties ignored, and any error body.
//! - **Tracing**: a `connect_http.request` span per call (method, path, request id, status,
//!   attempts) and a `connect_http.attempt` span per attempt; an `x-request-id` header on
//!   every request.

mod charging;
mod client;
mod config;
mod error;
mod ports;
mod streams;
mod token;

pub use client::{ConnectClient, ConnectClientBuilder, REQUEST_ID_HEADER};
pub use config::{ConfigError, Environment, PollPolicy, ReconcilePolicy, RetryPolicy};
pub use error::ClientError;
pub use token::{ApiToken, TOKEN_ENV};
