//! Tracing: a span per request with its method, path, status and attempts, a span per
//! attempt, and never the token, whatever happens (answers, errors, retries, dropped
//! connections, reconciliation).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::{
    EVSE, Reply, Request, SESSION, Stub, TOKEN, USER, page_json, session_json, user_json,
};
use connect_domain::ids::{SessionId, UserId};
use connect_ports::{Charging, StartCharging, Users};
use serde_json::json;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;

/// Everything the subscriber writes, kept in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Self;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn spans_carry_the_request_and_never_the_token() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::NEW | FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(captured.clone())
        .finish();
    // The test's runtime is single-threaded: the client, the connection tasks and the stub
    // all run on this thread, under this subscriber.
    let _guard = tracing::subscriber::set_default(subscriber);

    let start = format!("/api/v1/users/{USER}/charging/start/");
    let stub = Stub::start(move |request: &Request, index| {
        if request.path == start {
            Reply::Drop
        } else if request.path.ends_with("/charging-sessions/") {
            Reply::json(200, &page_json(vec![session_json(SESSION, EVSE, true, None, false)], 1, None))
        } else if index == 0 {
            Reply::json(503, &json!({"detail": "busy"})).with_header("Retry-After", "0")
        } else if request.path.ends_with("/users/") {
            Reply::json(400, &json!({"detail": format!("echo of the header: {}", request.header("authorization").unwrap_or_default())}))
        } else {
            Reply::json(200, &user_json(USER))
        }
    })
    .await;
    let client = stub.client();
    let user = UserId::new(USER);
    client.get_user(&user).await.unwrap();
    let echoed = client
        .create_user(connect_domain::account::NewUser::default())
        .await
        .unwrap_err();
    let session = client
        .start_charging(&user, StartCharging::new(EVSE, "pm_1"))
        .await
        .unwrap();
    assert_eq!(session.id, SessionId::new(SESSION));

    let text = captured.text();
    // Even a server that echoes the header back does not get the token into the client's
    // errors or logs: it is blotted out of whatever an answer makes the client say.
    assert!(
        echoed
            .api_error()
            .unwrap()
            .detail
            .contains("echo of the header: Bearer ***")
    );
    assert!(!format!("{echoed} {echoed:?}").contains(TOKEN));
    assert!(!text.contains(TOKEN), "{text}");
    assert!(!text.contains("Bearer tok"), "{text}");
    assert!(text.contains("connect_http.request"), "{text}");
    assert!(text.contains("connect_http.attempt"), "{text}");
    assert!(
        text.contains(&format!("path=\"/api/v1/users/{USER}/\"")),
        "{text}"
    );
    assert!(
        text.contains("method=\"GET\"") || text.contains("method=GET"),
        "{text}"
    );
    assert!(text.contains("attempt=2"), "{text}");
    assert!(text.contains("status=200"), "{text}");
    assert!(text.contains("status=503"), "{text}");
    assert!(text.contains("retrying"), "{text}");
    assert!(text.contains("reconciling"), "{text}");
    assert!(text.contains("request_id="), "{text}");
}
