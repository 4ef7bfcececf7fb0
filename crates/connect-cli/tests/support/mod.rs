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

/// A browser the test can drive, with its WebDriver server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Engine {
    /// Debian's `chromium` through `chromedriver`.
    Chromium,
    /// Debian's `firefox-esr` through `geckodriver` (`cargo install geckodriver`).
    Firefox,
}

impl Engine {
    fn programs(self) -> (&'static [&'static str], &'static str) {
        match self {
            Engine::Chromium => (
                &["chromium", "chromium-browser", "google-chrome"],
                "chromedriver",
            ),
            Engine::Firefox => (&["firefox-esr", "firefox"], "geckodriver"),
        }
    }

    /// The browser and its driver, or `None` after saying why the test is skipped (a
    /// failure instead when `CONNECT_REQUIRE_BROWSER` is set, as in CI).
    pub(crate) fn find(self) -> Option<(PathBuf, PathBuf)> {
        let (browsers, driver) = self.programs();
        if let (Some(browser), Some(driver)) = (find_program(browsers), find_program(&[driver])) {
            return Some((browser, driver));
        }
        assert!(
            std::env::var_os("CONNECT_REQUIRE_BROWSER").is_none(),
            "CONNECT_REQUIRE_BROWSER is set but {browsers:?} or {driver} is missing"
        );
        eprintln!("SKIPPED: this browser test needs one of {browsers:?} and {driver} on the PATH");
        None
    }

    /// What the screenshots of this browser are called: `07-map-stations.png` for
    /// Chromium, `firefox/07-map-stations.png` for Firefox.
    fn screenshot_dir(self) -> PathBuf {
        let dir = match self {
            Engine::Chromium => screenshot_dir(),
            Engine::Firefox => screenshot_dir().join("firefox"),
        };
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// The WebDriver capabilities of a headless session at 1280×900 with a fresh profile.
    fn capabilities(self, browser: &std::path::Path, profile: &std::path::Path) -> Value {
        match self {
            Engine::Chromium => json!({"capabilities": {"alwaysMatch": {
                "browserName": "chrome",
                "goog:loggingPrefs": {"browser": "ALL"},
                "goog:chromeOptions": {
                    "binary": browser,
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1280,900",
                        format!("--user-data-dir={}", profile.display()),
                    ],
                },
            }}}),
            // Firefox has no console log over WebDriver: with this preference it prints
            // the page's console to its standard output, which geckodriver passes on and
            // `Browser::console` reads.
            Engine::Firefox => json!({"capabilities": {"alwaysMatch": {
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": browser,
                    "args": ["-headless"],
                    "prefs": {
                        "devtools.console.stdout.content": true,
                        "devtools.console.stdout.chrome": false,
                        "browser.shell.checkDefaultBrowser": false,
                        "datareporting.policy.dataSubmissionEnabled": false,
                        "app.update.auto": false,
                        "network.captive-portal-service.enabled": false,
                        "network.connectivity-service.enabled": false,
                        "browser.safebrowsing.malware.enabled": false,
                        "browser.safebrowsing.phishing.enabled": false,
                        "extensions.update.enabled": false,
                    },
                },
            }}}),
        }
    }
}

/// A WebDriver server and one browser session.
pub(crate) struct Browser {
    engine: Engine,
    http: reqwest::Client,
    base: String,
    session: String,
    /// What the driver and the browser print (Firefox's console, see `capabilities`).
    output: Arc<Mutex<Vec<String>>>,
    _driver: Child,
    _profile: PathBuf,
}

impl Browser {
    /// Starts the driver and a headless browser with a fresh profile.
    pub(crate) async fn start(
        engine: Engine,
        browser: &std::path::Path,
        driver: &std::path::Path,
    ) -> Browser {
        let port = free_port();
        let mut driver = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let output: Arc<Mutex<Vec<String>>> = Arc::default();
        for stream in [
            Box::pin(driver.stdout.take().unwrap())
                as std::pin::Pin<Box<dyn tokio::io::AsyncRead + Send>>,
            Box::pin(driver.stderr.take().unwrap()),
        ] {
            let output = output.clone();
            tokio::spawn(async move {
                let mut lines = BufReader::new(stream).lines();
                while let Ok(Some(line)) = lines.next_line().await {
                    output.lock().unwrap().push(line);
                }
            });
        }
        let base = format!("http://127.0.0.1:{port}");
        let http = http_client();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let answer = http.get(format!("{base}/status")).send().await;
            if answer.is_ok_and(|answer| answer.status().is_success()) {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the WebDriver server did not start"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = std::env::temp_dir().join(format!("connect-playground-profile-{port}"));
        let _ = std::fs::remove_dir_all(&profile);
        let answer: Value = http
            .post(format!("{base}/session"))
            .json(&engine.capabilities(browser, &profile))
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
        let browser = Browser {
            engine,
            http,
            base,
            session,
            output,
            _driver: driver,
            _profile: profile,
        };
        browser.resize(1280, 900).await;
        // Whatever the browser said while starting is not the page's.
        browser.output.lock().unwrap().clear();
        browser
    }

    /// Where this browser's screenshots and figures go.
    pub(crate) fn dir(&self) -> PathBuf {
        self.engine.screenshot_dir()
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

    /// Opens the playground at `origin` and waits until the page says it is ready.
    pub(crate) async fn open(&self, origin: &str) {
        self.goto(&format!("{origin}/")).await;
        self.wait_for(
            "the page",
            "return document.body.dataset.ready === 'true'",
            20,
        )
        .await;
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
        self.wait_for_with(what, script, json!([]), seconds).await
    }

    /// [`Browser::wait_for`] with `arguments` for the script.
    pub(crate) async fn wait_for_with(
        &self,
        what: &str,
        script: &str,
        args: Value,
        seconds: u64,
    ) -> Value {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            let value = self.eval(script, args.clone()).await;
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
        let path = self.dir().join(format!("{name}.png"));
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// The browser's console entries since the last call (level and message), with
    /// Chromium's levels: an error is `SEVERE`.
    pub(crate) async fn console(&self) -> Vec<(String, String)> {
        match self.engine {
            Engine::Chromium => self.chromium_console().await,
            Engine::Firefox => self.firefox_console(),
        }
    }

    /// The console's errors since the last call.
    pub(crate) async fn console_errors(&self) -> Vec<String> {
        self.console()
            .await
            .into_iter()
            .filter(|(level, _)| level == "SEVERE")
            .map(|(_, message)| message)
            .collect()
    }

    async fn chromium_console(&self) -> Vec<(String, String)> {
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

    /// Firefox's console lines on its standard output: `console.error: …` from the page's
    /// scripts, `JavaScript error: …` for an uncaught error, and the Content Security
    /// Policy's refusals.
    fn firefox_console(&self) -> Vec<(String, String)> {
        let lines = std::mem::take(&mut *self.output.lock().unwrap());
        lines
            .into_iter()
            .filter_map(|line| {
                let severe = line.starts_with("console.error:")
                    || line.starts_with("JavaScript error:")
                    || line.contains("Content-Security-Policy");
                let level = if severe {
                    "SEVERE"
                } else if line.starts_with("console.") {
                    "INFO"
                } else {
                    return None;
                };
                Some((level.to_owned(), line))
            })
            .collect()
    }

    pub(crate) async fn quit(self) {
        let url = format!("{}/session/{}", self.base, self.session);
        let _ = self.http.delete(url).send().await;
    }
}
