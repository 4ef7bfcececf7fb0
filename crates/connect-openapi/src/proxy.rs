//! A reverse proxy on loopback that checks every exchange with the API passing through it:
//! put it between a client and a served sandbox, and both directions are held to the
//! document, whoever wrote them.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use crate::check::{RequestParts, ResponseParts};
use crate::{Contract, Violation};

/// The largest body the proxy passes on (the sandbox refuses far smaller ones).
const MAX_BODY: usize = 64 * 1024 * 1024;

/// Exchanges checked by every proxy of this process (one test binary: one suite).
static CHECKED_IN_PROCESS: AtomicUsize = AtomicUsize::new(0);

/// One request that passed through the proxy.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path and query.
    pub target: String,
    /// The request's headers, as (lower-case name, value).
    pub request_headers: Vec<(String, String)>,
    /// The answer's status; `None` when the upstream gave none (a dropped connection).
    pub status: Option<u16>,
    /// The operation the request matched (API requests only).
    pub operation: Option<String>,
}

#[derive(Debug, Default)]
struct Log {
    exchanges: Vec<Exchange>,
    violations: Vec<Violation>,
    /// API exchanges whose request and answer were both checked.
    checked: usize,
    /// API requests checked that got no answer to check.
    unanswered: usize,
}

struct Shared {
    contract: &'static Contract,
    upstream: String,
    own: String,
    client: Client<HttpConnector, Full<Bytes>>,
    log: Mutex<Log>,
}

/// A checking reverse proxy in front of `upstream`, served on a free loopback port of the
/// current tokio runtime until dropped.
///
/// Requests under `/api/` are checked against the document (by method and path template);
/// others (the sandbox's `/_sandbox/` control API) pass unchecked. Links in answers that
/// carry the upstream's address are rewritten to the proxy's (a reverse proxy's usual
/// job), so the next page of a list also comes through the check. A dropped upstream
/// connection drops the client's.
///
/// Dropping the proxy fails the test (panics) if any exchange broke the document, naming
/// each violation, and prints how many exchanges were checked.
///
/// # Examples
/// ```no_run
/// # async fn run(sandbox_url: &str) -> std::io::Result<()> {
/// let proxy = connect_openapi::CheckingProxy::start(sandbox_url).await?;
/// // Point the client at `proxy.base_url()` instead of the sandbox; at the end:
/// proxy.assert_conforms();
/// # Ok(())
/// # }
/// ```
pub struct CheckingProxy {
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

impl std::fmt::Debug for CheckingProxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckingProxy")
            .field("base_url", &self.shared.own)
            .field("upstream", &self.shared.upstream)
            .finish_non_exhaustive()
    }
}

impl CheckingProxy {
    /// Starts the proxy in front of `upstream` (`http://host:port`, no path), checking
    /// against the bundled document.
    ///
    /// # Errors
    /// No loopback port could be bound.
    pub async fn start(upstream: &str) -> std::io::Result<Self> {
        Self::start_with(Contract::bundled(), upstream).await
    }

    /// The same, against `contract`.
    ///
    /// # Errors
    /// No loopback port could be bound.
    pub async fn start_with(contract: &'static Contract, upstream: &str) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let own = format!("http://{}", listener.local_addr()?);
        let shared = Arc::new(Shared {
            contract,
            upstream: upstream.trim_end_matches('/').to_owned(),
            own,
            client: Client::builder(TokioExecutor::new()).build_http(),
            log: Mutex::new(Log::default()),
        });
        let app = axum::Router::new()
            .fallback(forward)
            .with_state(Arc::clone(&shared));
        let server = tokio::spawn(async move {
            // Serving ends with the runtime or when the proxy is dropped.
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self { shared, server })
    }

    /// Where clients reach the proxy: `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.shared.own
    }

    /// How many API exchanges (request and answer) were checked so far.
    pub fn checked(&self) -> usize {
        self.log().checked
    }

    /// Every violation found so far.
    pub fn violations(&self) -> Vec<Violation> {
        self.log().violations.clone()
    }

    /// Every request that passed, in order.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.log().exchanges.clone()
    }

    /// Panics naming every violation found so far.
    ///
    /// # Panics
    /// If any exchange broke the document.
    pub fn assert_conforms(&self) {
        let violations = self.violations();
        assert!(
            violations.is_empty(),
            "{} exchange(s) outside the OpenAPI document:\n{}",
            violations.len(),
            violations
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    fn log(&self) -> std::sync::MutexGuard<'_, Log> {
        self.shared
            .log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for CheckingProxy {
    fn drop(&mut self) {
        self.server.abort();
        let (checked, unanswered) = {
            let log = self.log();
            (log.checked, log.unanswered)
        };
        let total = CHECKED_IN_PROCESS.fetch_add(checked, Ordering::Relaxed) + checked;
        eprintln!(
            "openapi: {checked} exchanges checked against the document by this proxy \
             ({unanswered} requests without an answer); {total} in this test binary so far"
        );
        if std::thread::panicking() {
            // Already failing: say what else went wrong rather than panic twice.
            for violation in self.violations() {
                eprintln!("openapi violation: {violation}");
            }
        } else {
            self.assert_conforms();
        }
    }
}

/// Exchanges checked by every proxy of this process that has been dropped.
pub fn checked_in_process() -> usize {
    CHECKED_IN_PROCESS.load(Ordering::Relaxed)
}

fn hop_by_hop(name: &HeaderName) -> bool {
    [
        header::CONNECTION,
        header::TRANSFER_ENCODING,
        header::TE,
        header::TRAILER,
        header::UPGRADE,
        header::PROXY_AUTHORIZATION,
        header::PROXY_AUTHENTICATE,
        header::HOST,
        header::CONTENT_LENGTH,
    ]
    .contains(name)
        || name.as_str() == "keep-alive"
}

fn header_list(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// A body that fails at once: the server aborts the connection, as the upstream did.
fn dropped_connection() -> Response {
    let failing = futures_util::stream::iter([Err::<Bytes, std::io::Error>(
        std::io::Error::other("the upstream dropped the connection"),
    )]);
    Response::new(Body::from_stream(failing))
}

async fn forward(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let target = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), ToString::to_string);
    let mut upstream = hyper::Request::builder()
        .method(parts.method.clone())
        .uri(format!("{}{target}", shared.upstream));
    for (name, value) in &parts.headers {
        if !hop_by_hop(name) {
            upstream = upstream.header(name, value);
        }
    }
    let mut exchange = Exchange {
        method: parts.method.to_string(),
        target,
        request_headers: header_list(&parts.headers),
        status: None,
        operation: None,
    };
    let checked = parts.uri.path().starts_with("/api/");
    let answered = match upstream.body(Full::new(body.clone())) {
        Ok(upstream) => match shared.client.request(upstream).await {
            Ok(response) => {
                let (head, answer) = response.into_parts();
                answer
                    .collect()
                    .await
                    .ok()
                    .map(|answer| (head, answer.to_bytes()))
            }
            Err(_) => None,
        },
        Err(_) => None,
    };
    let Some((head, answer)) = answered else {
        let mut log = shared.log.lock().unwrap_or_else(PoisonError::into_inner);
        if checked {
            log.unanswered += 1;
        }
        log.exchanges.push(exchange);
        return dropped_connection();
    };
    exchange.status = Some(head.status.as_u16());
    // Checked outside the log's lock: concurrent exchanges are checked in parallel.
    let violations = checked.then(|| {
        let result = check(shared.contract, &parts, &body, &head, &answer);
        exchange.operation = result.operation;
        result.violations
    });
    let mut log = shared.log.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(violations) = violations {
        log.checked += 1;
        log.violations.extend(violations);
    }
    log.exchanges.push(exchange);
    drop(log);
    let answer = rewrite_links(&answer, &shared.upstream, &shared.own);
    let mut response = Response::new(Body::from(answer));
    *response.status_mut() = head.status;
    for (name, value) in &head.headers {
        if hop_by_hop(name) {
            continue;
        }
        let value = if name == header::LOCATION {
            let text =
                String::from_utf8_lossy(value.as_bytes()).replace(&shared.upstream, &shared.own);
            HeaderValue::from_str(&text).unwrap_or_else(|_| value.clone())
        } else {
            value.clone()
        };
        response.headers_mut().append(name, value);
    }
    response
}

/// Checks one exchange against the document.
fn check(
    contract: &Contract,
    parts: &axum::http::request::Parts,
    body: &Bytes,
    head: &axum::http::response::Parts,
    answer: &Bytes,
) -> crate::Checked {
    let content_type = |headers: &HeaderMap| {
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let request_type = content_type(&parts.headers);
    let answer_type = content_type(&head.headers);
    let answer_headers = header_list(&head.headers);
    contract.check(
        &RequestParts {
            method: parts.method.as_str(),
            path: parts.uri.path(),
            query: parts.uri.query().unwrap_or_default(),
            content_type: request_type.as_deref(),
            body,
        },
        &ResponseParts {
            status: head.status.as_u16(),
            content_type: answer_type.as_deref(),
            headers: &answer_headers,
            body: answer,
        },
    )
}

/// The body with every occurrence of the upstream's address replaced by the proxy's.
fn rewrite_links(body: &Bytes, upstream: &str, own: &str) -> Bytes {
    let needle = upstream.as_bytes();
    if needle.is_empty() || !body.windows(needle.len()).any(|window| window == needle) {
        return body.clone();
    }
    let text = String::from_utf8_lossy(body).replace(upstream, own);
    Bytes::from(text)
}
