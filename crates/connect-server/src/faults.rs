//! Fault injection: fail the next N requests that match, with a status, a delay, or a
//! connection dropped after the request was applied — what a client's retries and
//! reconciliation must survive. Faults belong to the bearer token that set them.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use connect_ports::{ApiError, ErrorKind};
use serde::{Deserialize, Serialize};

use crate::auth::{Tenant, bearer_token};
use crate::body::Body as JsonBody;
use crate::error::{HttpError, HttpResult};
use crate::state::AppState;

/// The most requests one fault may hit, and the longest delay: bounds that keep a typo from
/// wedging a test run.
const MAX_TIMES: u32 = 10_000;
const MAX_DELAY_MS: u64 = 120_000;

/// A fault to inject, as `POST /_sandbox/faults` takes it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FaultSpec {
    /// `GET`, `POST`, …; any method when absent.
    #[serde(default)]
    method: Option<String>,
    /// The request path, exactly, or a prefix ending in `*` (`/api/v1/users/*`).
    path: String,
    /// How many matching requests to hit (default 1).
    #[serde(default)]
    times: Option<u32>,
    /// Answer with this status (400–599) instead of handling the request.
    #[serde(default)]
    status: Option<u16>,
    /// With `status`: a `Retry-After` header, in seconds.
    #[serde(default)]
    retry_after_seconds: Option<u32>,
    /// Wait this long before handling (or failing) the request: a client that gives up
    /// meanwhile leaves nothing applied.
    #[serde(default)]
    delay_ms: Option<u64>,
    /// Handle the request, then wait this long before answering: a client that gives up
    /// meanwhile does not know that the change was applied (a slow start that landed).
    #[serde(default)]
    answer_delay_ms: Option<u64>,
    /// Handle the request, then drop the connection without an answer.
    #[serde(default)]
    drop_connection: bool,
}

#[derive(Debug, Clone)]
struct Fault {
    token: String,
    spec: FaultSpec,
    remaining: u32,
}

/// The faults waiting to hit, of every token, and whether there are any: a request reads
/// the flag without a lock, so a sandbox with no fault armed (nearly always) never makes
/// its requests, of every tenant, queue on the list's lock.
#[derive(Debug, Clone, Default)]
pub(crate) struct Faults(Arc<Mutex<Vec<Fault>>>, Arc<AtomicBool>);

impl Faults {
    /// The list, locked; `armed` is kept equal to "the list is not empty" under the lock.
    fn list(&self) -> MutexGuard<'_, Vec<Fault>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn changed(&self, faults: &[Fault]) {
        self.1.store(!faults.is_empty(), Ordering::Release);
    }

    /// Takes one hit of the first fault of `token` that matches, if any.
    fn take(&self, token: &str, method: &str, path: &str) -> Option<FaultSpec> {
        if !self.1.load(Ordering::Acquire) {
            return None;
        }
        let mut faults = self.list();
        let index = faults
            .iter()
            .position(|fault| fault.token == token && fault.spec.matches(method, path))?;
        let fault = &mut faults[index];
        fault.remaining -= 1;
        let spec = fault.spec.clone();
        if fault.remaining == 0 {
            faults.remove(index);
            self.changed(&faults);
        }
        Some(spec)
    }
}

impl FaultSpec {
    fn matches(&self, method: &str, path: &str) -> bool {
        let method_matches = self
            .method
            .as_deref()
            .is_none_or(|wanted| wanted.eq_ignore_ascii_case(method));
        let path_matches = match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => {
                path == self.path || path.trim_end_matches('/') == self.path.trim_end_matches('/')
            }
        };
        method_matches && path_matches
    }

    fn validate(&self) -> Result<(), ApiError> {
        if !self.path.starts_with('/') {
            return Err(ApiError::validation("path", "must start with /"));
        }
        if self
            .times
            .is_some_and(|times| times == 0 || times > MAX_TIMES)
        {
            return Err(ApiError::validation(
                "times",
                format!("must be 1 to {MAX_TIMES}"),
            ));
        }
        if self
            .status
            .is_some_and(|status| !(400..=599).contains(&status))
        {
            return Err(ApiError::validation("status", "must be 400 to 599"));
        }
        for (field, delay) in [
            ("delay_ms", self.delay_ms),
            ("answer_delay_ms", self.answer_delay_ms),
        ] {
            if delay.is_some_and(|delay| delay > MAX_DELAY_MS) {
                return Err(ApiError::validation(
                    field,
                    format!("must be at most {MAX_DELAY_MS}"),
                ));
            }
        }
        if self.status.is_some() && self.answer_delay_ms.is_some() {
            return Err(ApiError::validation(
                "answer_delay_ms",
                "give either status or answer_delay_ms: a status answers without handling",
            ));
        }
        if self.status.is_some() && self.drop_connection {
            return Err(ApiError::validation(
                "drop_connection",
                "give either status or drop_connection",
            ));
        }
        if self.status.is_none()
            && self.delay_ms.is_none()
            && self.answer_delay_ms.is_none()
            && !self.drop_connection
        {
            return Err(ApiError::validation(
                "status",
                "give status, delay_ms, answer_delay_ms or drop_connection",
            ));
        }
        Ok(())
    }
}

/// What `POST /_sandbox/faults` answers.
#[derive(Debug, Serialize)]
pub(crate) struct Armed {
    fault: FaultSpec,
    remaining: u32,
}

/// `POST /_sandbox/faults`: arm a fault for this token.
pub(crate) async fn arm(
    _tenant: Tenant,
    State(state): State<AppState>,
    headers: HeaderMap,
    JsonBody(spec): JsonBody<FaultSpec>,
) -> HttpResult<(StatusCode, Json<Armed>)> {
    let token = token_of(&headers).unwrap_or_default().to_owned();
    spec.validate()?;
    let remaining = spec.times.unwrap_or(1);
    let mut faults = state.faults.list();
    faults.push(Fault {
        token,
        spec: spec.clone(),
        remaining,
    });
    state.faults.changed(&faults);
    drop(faults);
    Ok((
        StatusCode::CREATED,
        Json(Armed {
            fault: spec,
            remaining,
        }),
    ))
}

/// `DELETE /_sandbox/faults`: disarm every fault of this token.
pub(crate) async fn clear(
    _tenant: Tenant,
    State(state): State<AppState>,
    headers: HeaderMap,
) -> StatusCode {
    let token = token_of(&headers).unwrap_or_default();
    let mut faults = state.faults.list();
    faults.retain(|fault| fault.token != token);
    state.faults.changed(&faults);
    StatusCode::NO_CONTENT
}

fn token_of(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(bearer_token)
}

/// The middleware: hits a matching fault, or passes the request on.
pub(crate) async fn inject(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let fault = match token_of(request.headers()) {
        Some(token) if !path.starts_with("/_sandbox/") => {
            state.faults.take(token, request.method().as_str(), path)
        }
        _ => None,
    };
    let Some(fault) = fault else {
        return next.run(request).await;
    };
    if let Some(delay) = fault.delay_ms {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    if let Some(status) = fault.status {
        return injected_status(status, fault.retry_after_seconds);
    }
    let response = next.run(request).await;
    if let Some(delay) = fault.answer_delay_ms {
        // The change is applied; the answer is late.
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    if fault.drop_connection {
        // The request was applied; now the answer is lost: a body that fails at once makes
        // the server abort the connection, and the client sees a transport error.
        let failing = futures_stream_error();
        return Response::from_parts(response.into_parts().0, failing);
    }
    response
}

fn injected_status(status: u16, retry_after: Option<u32>) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let kind = if status >= 500 {
        ErrorKind::Unexpected
    } else {
        ErrorKind::Validation
    };
    let error = ApiError::new(
        status,
        kind,
        format!(
            "Injected fault: {}",
            code.canonical_reason().unwrap_or("error")
        ),
    )
    .with_details("Injected by the sandbox's fault control.");
    let mut response = HttpError(error).into_response();
    // Marks the answer as the fault control's, not the API's: a check of the exchanges
    // against the OpenAPI document tolerates an undeclared status only with this mark.
    response
        .headers_mut()
        .insert("x-sandbox-fault", HeaderValue::from_static("injected"));
    if let Some(seconds) = retry_after {
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

/// A response body whose first read fails.
fn futures_stream_error() -> Body {
    let stream = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "connection dropped by the sandbox's fault control",
        ))
    });
    Body::from_stream(stream)
}
