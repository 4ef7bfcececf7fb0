//! Serving the router on a listener with bounded resources: a header-read timeout that
//! also closes idle kept-alive connections, and a cap on open connections. The HTTP stack
//! does the work (hyper's `header_read_timeout`, tokio's semaphore); this only wires it.

use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::AppState;

/// How the sandbox serves connections.
///
/// # Examples
/// ```
/// use std::time::Duration;
/// use connect_server::ServeOptions;
/// let options = ServeOptions::default()
///     .public_url("https://sandbox.example.test")
///     .max_connections(64)
///     .header_read_timeout(Duration::from_secs(5));
/// assert_eq!(options.max_connections_value(), 64);
/// ```
#[derive(Debug, Clone)]
pub struct ServeOptions {
    public_url: Option<String>,
    max_connections: usize,
    header_read_timeout: Duration,
}

/// At most this many connections open at once by default; more wait to be accepted.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;

/// How long a connection may take to send a request's headers (or stay idle between
/// requests) by default.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

impl Default for ServeOptions {
    fn default() -> Self {
        Self {
            public_url: None,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
        }
    }
}

impl ServeOptions {
    /// The URL clients reach the sandbox at (`https://host[:port]`, no path): pagination
    /// links start with it. Default: `http://` and the listening address.
    #[must_use]
    pub fn public_url(mut self, url: impl Into<String>) -> Self {
        self.public_url = Some(url.into());
        self
    }

    /// At most `max` connections open at once (at least 1); further ones wait in the
    /// listener's backlog until one closes.
    #[must_use]
    pub fn max_connections(mut self, max: usize) -> Self {
        self.max_connections = max.max(1);
        self
    }

    /// How long a connection may take to send a request's headers, and how long it may sit
    /// idle between kept-alive requests, before the server closes it.
    #[must_use]
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// The connection cap.
    pub fn max_connections_value(&self) -> usize {
        self.max_connections
    }
}

/// Serves `crate::router(state)` on `listener` with `options` until the process ends.
///
/// # Errors
/// The listener's address cannot be read.
pub async fn serve_with(
    listener: TcpListener,
    state: AppState,
    options: ServeOptions,
) -> std::io::Result<()> {
    let state = match options.public_url {
        Some(url) => state.with_public_url(url),
        None if state.public_url.is_none() => {
            state.with_public_url(format!("http://{}", listener.local_addr()?))
        }
        None => state,
    };
    let app = crate::router(state);
    let permits = Arc::new(Semaphore::new(options.max_connections));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(options.header_read_timeout)
        .keep_alive(true);
    loop {
        // The semaphore is never closed, so acquiring only waits.
        let Ok(permit) = Arc::clone(&permits).acquire_owned().await else {
            continue;
        };
        let Ok((stream, _)) = listener.accept().await else {
            // Out of file descriptors or a connection reset before accept: wait a little
            // rather than spin, then go on serving.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        tokio::spawn(async move {
            // A connection's end (closed, timed out, broken) concerns only that client.
            let _ = connection.await;
            drop(permit);
        });
    }
}
