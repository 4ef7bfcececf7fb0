//! The Cariqa Connect sandbox over HTTP: `connect-fake` behind the API's exact paths and
//! wire format, plus a control API under `/_sandbox/` (see `docs/sandbox.md`).
//!
//! Every request needs `Authorization: Bearer <token>`; each token is its own isolated
//! tenant (403 `{"detail": …}` without one). Nothing a client sends can crash the server:
//! malformed JSON, wrong types and bad parameters are 400s that name the field.

mod auth;
mod body;
mod embedded;
mod error;
mod faults;
mod page;
mod routes;
mod serve;
mod state;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::{MethodRouter, delete, get, post};
use connect_ports::ApiError;

pub use body::MAX_BODY_BYTES;
pub use embedded::{EmbedError, EmbeddedOptions, EmbeddedSandbox, SandboxClock};
pub use serve::{DEFAULT_HEADER_READ_TIMEOUT, DEFAULT_MAX_CONNECTIONS, ServeOptions, serve_with};
pub use state::{AppState, ControlClock};

use crate::error::HttpError;
use crate::routes::{charging, control, payments, stations, users};

/// The API's routes, each under `/api/v1/` with its trailing slash, and also without it
/// (the reference client leaves it off once).
fn api() -> Router<AppState> {
    const ROUTES: usize = 15;
    let routes: [(&str, MethodRouter<AppState>); ROUTES] = [
        ("/stations/around/", get(stations::around)),
        ("/stations/details/", get(stations::details)),
        ("/stations/partners/", get(stations::partners)),
        ("/stations/tile/", get(stations::tile)),
        ("/users/", get(users::list).post(users::create)),
        (
            "/users/{user_id}/",
            get(users::get).patch(users::update).delete(users::delete),
        ),
        (
            "/users/{user_id}/billing-details/",
            get(users::billing).put(users::replace_billing),
        ),
        (
            "/users/{user_id}/setup-intents/",
            get(payments::setup_intent),
        ),
        ("/users/{user_id}/payment-methods/", get(payments::list)),
        (
            "/users/{user_id}/payment-methods/{pm}/",
            delete(payments::delete),
        ),
        (
            "/users/{user_id}/payment-methods/{pm}/default/",
            post(payments::set_default),
        ),
        ("/users/{user_id}/charging/debts/", get(payments::debts)),
        ("/users/{user_id}/charging/start/", post(charging::start)),
        (
            "/users/{user_id}/charging/stop/{session_id}/",
            post(charging::stop),
        ),
        ("/users/{user_id}/charging-sessions/", get(charging::list)),
    ];
    let mut router = Router::new()
        .route(
            "/api/v1/users/{user_id}/charging-sessions/{session_id}/",
            get(charging::get).patch(charging::rate),
        )
        .route(
            "/api/v1/users/{user_id}/charging-sessions/{session_id}",
            get(charging::get).patch(charging::rate),
        )
        .route("/api/v1/users/{user_id}/invoices/", get(charging::invoices))
        .route("/api/v1/users/{user_id}/invoices", get(charging::invoices));
    for (path, handler) in routes {
        let with_slash = format!("/api/v1{path}");
        let without = with_slash.trim_end_matches('/').to_owned();
        router = router
            .route(&with_slash, handler.clone())
            .route(&without, handler);
    }
    router
}

/// The whole API and the control API, over `state`.
pub fn router(state: AppState) -> Router {
    api()
        .route(
            "/_sandbox/setup-intents/{client_secret}/confirm",
            post(control::confirm_setup_intent),
        )
        .route(
            "/_sandbox/payment-intents/{client_secret}/confirm",
            post(control::confirm_payment_intent),
        )
        .route(
            "/_sandbox/clock",
            get(control::clock).put(control::set_clock),
        )
        .route("/_sandbox/clock/advance", post(control::advance_clock))
        .route("/_sandbox/evses/{evse_id}/occupy", post(control::occupy))
        .route("/_sandbox/evses/{evse_id}/release", post(control::release))
        .route(
            "/_sandbox/sessions/{session_id}/cdr",
            post(control::deliver_cdr),
        )
        .route("/_sandbox/reset", post(control::reset))
        .route("/_sandbox/faults", post(faults::arm).delete(faults::clear))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            faults::inject,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(body::MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(body::refuse_oversized))
        .with_state(state)
}

async fn not_found() -> HttpError {
    HttpError(ApiError::not_found("Not found."))
}

async fn method_not_allowed() -> HttpError {
    HttpError(ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED.as_u16(),
        connect_ports::ErrorKind::NotFound,
        "Method not allowed.",
    ))
}

/// Serves `router(state)` on an already bound listener until the process ends, with the
/// default [`ServeOptions`] (pagination links from the listening address unless the state
/// has a public URL).
///
/// # Errors
/// The listener's address cannot be read.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    serve_with(listener, state, ServeOptions::default()).await
}

/// Serves `router(state)` on a free port of `127.0.0.1` in the background of the current
/// tokio runtime, and answers its base URL (`http://127.0.0.1:PORT`): how the tests, the
/// examples and `connect journey` embed the sandbox. The server lives as long as the runtime.
///
/// # Errors
/// If no loopback port can be bound.
///
/// # Examples
/// ```no_run
/// # async fn run(state: connect_server::AppState) -> std::io::Result<()> {
/// let base_url = connect_server::spawn_on_loopback(state).await?;
/// assert!(base_url.starts_with("http://127.0.0.1:"));
/// # Ok(())
/// # }
/// ```
pub async fn spawn_on_loopback(state: AppState) -> std::io::Result<String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    // axum's server only ends with the runtime; there is no error to hand back.
    tokio::spawn(serve(listener, state));
    Ok(format!("http://{address}"))
}
