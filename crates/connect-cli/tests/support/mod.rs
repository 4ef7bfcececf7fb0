//! What the playground's tests share: the playground served by the built binary, and a
//! small WebDriver client for chromedriver (plain JSON over HTTP: the few commands the
//! browser test needs, without a WebDriver crate and its dependencies).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::any;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub(crate) const CONNECT: &str = env!("CARGO_BIN_EXE_connect");

/// The development token the proxy tests give the playground.
pub(crate) const TOKEN: &str = "dev-token-5f1c0a-do-not-leak";

/// What the stand-in received: method, path and query, Authorization, cookies.
pub(crate) type Seen = Arc<Mutex<Vec<(String, String, Option<String>, Option<String>)>>>;

/// A stand-in of the development environment that answers every call by echoing the
/// request's Authorization header in its body and in headers, as a careless upstream might.
pub(crate) async fn stand_in() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let record = seen.clone();
    let app = Router::new().fallback(any(move |request: axum::extract::Request| {
        let record = record.clone();
        async move {
            let headers: &HeaderMap = request.headers();
            let authorization = headers
                .get(header::AUTHORIZATION)
                .map(|value| value.to_str().unwrap().to_owned());
            let cookie = headers
                .get(header::COOKIE)
                .map(|value| value.to_str().unwrap().to_owned());
            record.lock().unwrap().push((
                request.method().to_string(),
                request.uri().to_string(),
                authorization.clone(),
                cookie,
            ));
            let echo = authorization.unwrap_or_default();
            (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, "application/json".to_owned()),
                    (header::LOCATION, format!("/echo?auth={echo}")),
                    (header::WWW_AUTHENTICATE, echo.clone()),
                    (header::SET_COOKIE, format!("session={echo}")),
                ],
                serde_json::json!({"count": 0, "results": [], "echo": echo}).to_string(),
            )
                .into_response()
        }
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{address}"), seen)
}

/// A playground served by the built binary, stopped when dropped.
pub(crate) struct Playground {
    pub(crate) child: Child,
    pub(crate) url: String,
    /// What the binary printed after its URL (read on demand).
    pub(crate) output: tokio::task::JoinHandle<String>,
}

/// Starts `connect playground --addr 127.0.0.1:0 <args>` and waits for its URL.
pub(crate) async fn playground(args: &[&str], env: &[(&str, &str)]) -> Playground {
    let mut command = Command::new(CONNECT);
    command
        .arg("playground")
        .args(["--addr", "127.0.0.1:0"])
        .args(args)
        .env_remove("CARIQA_API_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
        .await
        .expect("the playground printed no URL within a minute")
        .unwrap()
        .expect("the playground ended without printing its URL");
    let url = first
        .strip_prefix("Playground: ")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .trim_end_matches('/')
        .to_owned();
    let mut stderr = BufReader::new(child.stderr.take().unwrap()).lines();
    let output = tokio::spawn(async move {
        let mut text = first;
        while let Ok(Some(line)) = lines.next_line().await {
            text.push('\n');
            text.push_str(&line);
        }
        while let Ok(Some(line)) = stderr.next_line().await {
            text.push('\n');
            text.push_str(&line);
        }
        text
    });
    Playground { child, url, output }
}

/// Where the browser test keeps its screenshots: `target/playground-screenshots/`.
pub(crate) fn screenshot_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/playground-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The first of `names` found on the PATH.
pub(crate) fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// A plain-HTTP client for loopback (reqwest is built here without a default TLS provider).
pub(crate) fn http_client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// A free loopback port.
pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// chromedriver and one browser session.
pub(crate) struct Browser {
    http: reqwest::Client,
    base: String,
    session: String,
    _driver: Child,
    _profile: PathBuf,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium with a fresh profile.
    pub(crate) async fn start(chromium: &std::path::Path, driver: &std::path::Path) -> Browser {
        let port = free_port();
        let driver = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let http = http_client();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let answer = http.get(format!("{base}/status")).send().await;
            if answer.is_ok_and(|answer| answer.status().is_success()) {
                break;
            }
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = std::env::temp_dir().join(format!("connect-playground-profile-{port}"));
        let _ = std::fs::remove_dir_all(&profile);
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ],
            },
        }}});
        let answer: Value = http
            .post(format!("{base}/session"))
            .json(&capabilities)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let session = answer["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no browser session: {answer}"))
            .to_owned();
        Browser {
            http,
            base,
            session,
            _driver: driver,
            _profile: profile,
        }
    }

    async fn command(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let mut request = self.http.request(method, url);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer: Value = request.send().await.unwrap().json().await.unwrap();
        answer["value"].clone()
    }

    async fn post(&self, path: &str, body: Value) -> Value {
        self.command(reqwest::Method::POST, path, Some(body)).await
    }

    pub(crate) async fn goto(&self, url: &str) {
        self.post("/url", json!({ "url": url })).await;
    }

    pub(crate) async fn resize(&self, width: u32, height: u32) {
        self.post("/window/rect", json!({"width": width, "height": height}))
            .await;
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and answers its value.
    pub(crate) async fn eval(&self, script: &str, args: Value) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": args}))
            .await
    }

    /// Waits until `script` answers something truthy; panics with `what` after `seconds`.
    pub(crate) async fn wait_for(&self, what: &str, script: &str, seconds: u64) -> Value {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            let value = self.eval(script, json!([])).await;
            let truthy = match &value {
                Value::Null => false,
                Value::Bool(flag) => *flag,
                Value::String(text) => !text.is_empty(),
                Value::Object(map) => !map.contains_key("error"),
                _ => true,
            };
            if truthy {
                return value;
            }
            if Instant::now() > deadline {
                let body = self
                    .eval("return document.body.innerText.slice(0, 3000)", json!([]))
                    .await;
                panic!("waited {seconds} s for {what}; the page shows:\n{body}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits for the element matching `css` to be on the page, and answers its id.
    pub(crate) async fn find(&self, css: &str) -> String {
        let script = format!(
            "return document.querySelector({}) !== null",
            serde_json::to_string(css).unwrap()
        );
        self.wait_for(css, &script, 20).await;
        let value = self
            .post("/element", json!({"using": "css selector", "value": css}))
            .await;
        value[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("{css}: {value}"))
            .to_owned()
    }

    /// Clicks what matches `css`, as a person would (scrolled into view first).
    pub(crate) async fn click(&self, css: &str) {
        let element = self.find(css).await;
        let answer = self
            .post(&format!("/element/{element}/click"), json!({}))
            .await;
        assert!(answer.is_null(), "clicking {css}: {answer}");
    }

    /// Replaces the text of the field matching `css`, as typed.
    pub(crate) async fn fill(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        self.post(&format!("/element/{element}/clear"), json!({}))
            .await;
        self.post(
            &format!("/element/{element}/value"),
            json!({ "text": text }),
        )
        .await;
    }

    /// The visible text of what matches `css`.
    pub(crate) async fn text(&self, css: &str) -> String {
        let element = self.find(css).await;
        self.command(
            reqwest::Method::GET,
            &format!("/element/{element}/text"),
            None,
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    /// Saves a PNG of the viewport as `<dir>/<name>.png`.
    pub(crate) async fn screenshot(&self, name: &str) -> PathBuf {
        use base64::Engine as _;
        let data = self
            .command(reqwest::Method::GET, "/screenshot", None)
            .await;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap())
            .unwrap();
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// The browser's console entries since the last call (level and message).
    pub(crate) async fn console(&self) -> Vec<(String, String)> {
        let entries = self.post("/se/log", json!({"type": "browser"})).await;
        entries
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|entry| {
                        (
                            entry["level"].as_str().unwrap_or_default().to_owned(),
                            entry["message"].as_str().unwrap_or_default().to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub(crate) async fn quit(self) {
        let url = format!("{}/session/{}", self.base, self.session);
        let _ = self.http.delete(url).send().await;
    }
}
