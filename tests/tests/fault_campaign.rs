//! The fault campaign: hundreds of randomized journeys through `connect-http` against
//! `connect-server`, with the sandbox's fault control injecting 500s, 503s (some with
//! `Retry-After`), delays beyond the client's timeout, connections dropped after the server
//! applied a start or a stop, and refusals (4xx) that must not be retried.
//!
//! Afterwards, from the sandbox's state (read with a plain client, faults disarmed) and from
//! a log of every request the server received:
//!
//! - every user has at most one session per start the journey asked for, and none is lost:
//!   the sessions listed are exactly those the client returned (a start the client called
//!   `StartOutcomeUnknown` may have one more, which the client could not see in time);
//! - a start whose failure settles it (a 500 or 503 answer: the API is done) is never
//!   called unknown: only a timeout, a lost connection or a gateway's answer may leave the
//!   outcome unknown;
//! - every stop took effect: the stop returned success and the session is inactive;
//! - no request was retried that must not be: a start is sent once per start asked (never
//!   twice with the same request id, never again after a 4xx, which is not reconciled
//!   either); a stop is sent again only after the client read the session and saw it still
//!   active, and never after a dropped connection (the stop was applied); only idempotent
//!   requests are repeated under the same request id.
//!
//! Each journey has its own API token, so its faults, users and EVSEs are its own. The
//! campaign is seeded (`CAMPAIGN_SEED` overrides the seed) and prints its counts:
//! `cargo test -p connect-tests --test fault_campaign -- --nocapture`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::middleware::Next;
use connect_domain::ids::{PaymentMethodId, SessionId, UserId};
use connect_fake::clock::ManualClock;
use connect_http::{
    ApiToken, ClientError, ConnectClient, Environment, ReconcilePolicy, RetryPolicy,
};
use connect_ports::{Charging, StartCharging};
use connect_server::AppState;
use connect_tests::contract::Control;
use connect_tests::contract::fixtures::{self, SHARED_VCP, VISA, WORMS_EVSE, WORMS_EVSE_1};
use connect_tests::contract::http::HttpControl;
use serde_json::{Value, json};
use tokio::sync::Semaphore;

/// How many journeys, and how many run at once.
const JOURNEYS: usize = 600;
const CONCURRENCY: usize = 32;
/// The default seed of the campaign.
const SEED: u64 = 0xC0FF_EECA_210A;

/// The faulted client's patience: short, so that injected delays time out quickly.
const ATTEMPT_TIMEOUT: Duration = Duration::from_millis(400);
/// Reconciliation ends after this many listings of the user's sessions. The wall-clock
/// window is only a backstop for a machine that has stalled: bounded by time, a busy
/// machine (one listing slower than the window) would turn a start the API settled into
/// "outcome unknown", and the campaign would blame the client for the machine's load.
const RECONCILE_LISTINGS: u32 = 12;
const RECONCILE_WINDOW: Duration = Duration::from_secs(60);

/// A tiny deterministic generator (SplitMix64).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True with probability `percent` %.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// One request the server received.
#[derive(Debug, Clone)]
struct Logged {
    token: String,
    method: String,
    path: String,
    /// `x-request-id`: set by `connect-http` (the same on every retry of one call), absent
    /// from the checker's own plain requests.
    request_id: Option<String>,
}

type Log = Arc<Mutex<Vec<Logged>>>;

fn logged(request: &Request) -> Logged {
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    Logged {
        token: header("authorization")
            .and_then(|value| value.strip_prefix("Bearer ").map(str::to_owned))
            .unwrap_or_default(),
        method: request.method().as_str().to_owned(),
        path: request.uri().path().to_owned(),
        request_id: header("x-request-id"),
    }
}

/// A served sandbox whose every request (before fault injection) is logged, and its clock
/// (which the clients read too, to recognise the sessions they start).
async fn serve(log: Log) -> (String, Arc<ManualClock>) {
    let (sandbox, clock) = fixtures::sandbox();
    let state = AppState::new(sandbox);
    let logging = move |request: Request, next: Next| {
        let log = log.clone();
        async move {
            let entry = logged(&request);
            log.lock().unwrap().push(entry);
            next.run(request).await
        }
    };
    let app = connect_server::router(state).layer(axum::middleware::from_fn(logging));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{address}"), clock)
}

/// What a fault does to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Fault {
    None,
    /// 500, not handled.
    Status500,
    /// 503, not handled, without `Retry-After`.
    Status503,
    /// 503 with `Retry-After` (0 or 1 s).
    Status503RetryAfter,
    /// Handled after a delay beyond the client's timeout (the client gives up first, so
    /// nothing is applied).
    Delay,
    /// Handled at once, answered after a delay beyond the client's timeout: applied, but the
    /// client does not know it.
    LateAnswer,
    /// Handled, then the connection is dropped without an answer.
    Drop,
    /// An answer that is a refusal (409, 400, 402): final, neither retried nor reconciled.
    Refusal,
}

impl Fault {
    fn draw(rng: &mut SplitMix, refusals: bool) -> Self {
        match rng.below(if refusals { 14 } else { 12 }) {
            0..=1 => Self::None,
            2..=3 => Self::Status500,
            4 => Self::Status503,
            5..=6 => Self::Status503RetryAfter,
            7 => Self::Delay,
            8 => Self::LateAnswer,
            9..=11 => Self::Drop,
            _ => Self::Refusal,
        }
    }

    /// The body of `POST /_sandbox/faults` for this fault on `method path`.
    fn spec(self, rng: &mut SplitMix, method: &str, path: &str, times: u32) -> Option<Value> {
        let base = json!({"method": method, "path": path, "times": times});
        let mut spec = base.as_object().cloned()?;
        match self {
            Self::None => return None,
            Self::Status500 => {
                spec.insert("status".into(), json!(500));
            }
            Self::Status503 => {
                spec.insert("status".into(), json!(503));
            }
            Self::Status503RetryAfter => {
                spec.insert("status".into(), json!(503));
                spec.insert("retry_after_seconds".into(), json!(rng.below(2)));
            }
            Self::Delay => {
                let beyond = u64::try_from(ATTEMPT_TIMEOUT.as_millis()).unwrap();
                spec.insert("delay_ms".into(), json!(beyond + 100 + rng.below(300)));
            }
            Self::LateAnswer => {
                let beyond = u64::try_from(ATTEMPT_TIMEOUT.as_millis()).unwrap();
                spec.insert(
                    "answer_delay_ms".into(),
                    json!(beyond + 100 + rng.below(300)),
                );
            }
            Self::Drop => {
                spec.insert("drop_connection".into(), json!(true));
            }
            Self::Refusal => {
                let status = [409, 400, 402][usize::try_from(rng.below(3)).unwrap()];
                spec.insert("status".into(), json!(status));
            }
        }
        Some(Value::Object(spec))
    }
}

/// What one journey did and saw.
#[derive(Debug)]
struct Journey {
    token: String,
    user: UserId,
    start_fault: Fault,
    stop_fault: Fault,
    /// A 503 armed on the user's session list (hits the reconciliation, if there is one).
    list_fault: bool,
    starts_asked: u32,
    /// What each start answered, in order: `session`, `not started`, `outcome unknown`,
    /// `refused`, `unexpected`.
    answers: Vec<&'static str>,
    not_started: u32,
    /// `StartOutcomeUnknown` answers.
    outcome_unknown: u32,
    /// Each `StartOutcomeUnknown` with its causes, for the violation's message.
    unknown_because: Vec<String>,
    refused: u32,
    /// Start failures that were neither a session, `NotStarted`, `StartOutcomeUnknown` nor
    /// a refusal.
    unexpected: Vec<String>,
    started: Vec<SessionId>,
    stops_asked: u32,
    stop_errors: Vec<String>,
    /// The sessions the sandbox lists for the user afterwards: (id, active).
    listed: Vec<(SessionId, bool)>,
}

fn faulted_client(base: &str, token: &str, seed: u64, clock: Arc<ManualClock>) -> ConnectClient {
    ConnectClient::builder(
        ApiToken::new(token).unwrap(),
        Environment::custom(base).unwrap(),
    )
    .attempt_timeout(ATTEMPT_TIMEOUT)
    .connect_timeout(Duration::from_secs(2))
    .reconcile(ReconcilePolicy {
        max_attempts: RECONCILE_LISTINGS,
        window: RECONCILE_WINDOW,
        interval: Duration::from_millis(100),
        ..ReconcilePolicy::default()
    })
    .clock(clock)
    .retry(RetryPolicy {
        max_attempts: 5,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(200),
        max_elapsed: Duration::from_secs(10),
    })
    .jitter_seed(seed)
    .build()
    .unwrap()
}

/// The fault-free setup, in plain HTTP (one shared client, no faults armed yet): a user with
/// German billing details and a visa card.
async fn setup(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    control: &HttpControl,
) -> (UserId, PaymentMethodId) {
    let call = |method: reqwest::Method, path: String, body: Option<Value>| {
        let mut request = http
            .request(method, format!("{base}/api/v1/users/{path}"))
            .bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        async move {
            let response = request.send().await.unwrap();
            assert!(
                response.status().is_success(),
                "setup {path}: {}",
                response.status()
            );
            response.json::<Value>().await.unwrap()
        }
    };
    let user = call(reqwest::Method::POST, String::new(), Some(json!({}))).await;
    let user = UserId::new(user["id"].as_str().unwrap());
    let billing = json!({"line1": "BeKarl-Marx-Alleerlin", "postal_code": "10243",
        "city": "Berlin", "country": "de", "account_type": "personal",
        "first_name": "Example", "last_name": "Sample"});
    call(
        reqwest::Method::PUT,
        format!("{user}/billing-details/"),
        Some(billing),
    )
    .await;
    let intent = call(
        reqwest::Method::GET,
        format!("{user}/setup-intents/?pm_type=card"),
        None,
    )
    .await;
    let secret = intent["setup_intent_client_secret"].as_str().unwrap();
    let card = control
        .confirm_setup_intent(secret, VISA)
        .await
        .unwrap()
        .payment_method_id;
    (user, card)
}

/// Starts charging; after a `NotStarted`, the caller asks once more (a second start asked).
/// After a `StartOutcomeUnknown` it does not: starting again could start a second session.
async fn start_until_known(
    api: &ConnectClient,
    user: &UserId,
    evse: &str,
    card: &PaymentMethodId,
    outcome: &mut Journey,
) {
    for _ in 0..2 {
        outcome.starts_asked += 1;
        let request = StartCharging::new(evse, card.clone());
        match api.start_charging(user, request).await {
            Ok(session) => {
                outcome.answers.push("session");
                outcome.started.push(session.id);
                break;
            }
            Err(ClientError::NotStarted { .. }) => {
                outcome.answers.push("not started");
                outcome.not_started += 1;
            }
            Err(error @ ClientError::StartOutcomeUnknown { .. }) => {
                assert!(!error.is_retryable());
                outcome.unknown_because.push(error_chain(&error));
                outcome.answers.push("outcome unknown");
                outcome.outcome_unknown += 1;
                break;
            }
            Err(error) if error.status().is_some_and(|s| (400..500).contains(&s)) => {
                outcome.answers.push("refused");
                outcome.refused += 1;
                break;
            }
            Err(error) => {
                outcome.answers.push("unexpected");
                outcome.unexpected.push(error.to_string());
                break;
            }
        }
    }
}

/// An error and its sources, one after the other.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

async fn journey(
    base: String,
    clock: Arc<ManualClock>,
    http: reqwest::Client,
    number: usize,
    seed: u64,
) -> Journey {
    let mut rng = SplitMix(seed ^ (number as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let token = format!("campaign-{seed:x}-{number}");
    let control = HttpControl::with_client(base.clone(), token.clone(), http.clone());
    let api = faulted_client(&base, &token, rng.next(), clock);
    let (user, card) = setup(&http, &base, &token, &control).await;
    let evse = [WORMS_EVSE, WORMS_EVSE_1, SHARED_VCP][usize::try_from(rng.below(3)).unwrap()];

    let start_fault = Fault::draw(&mut rng, true);
    let stop_fault = Fault::draw(&mut rng, false);
    let list_fault = rng.chance(25);
    let sessions_path = format!("/api/v1/users/{user}/charging-sessions/");
    if list_fault {
        control
            .arm_fault(
                json!({"method": "GET", "path": sessions_path, "status": 503,
                "retry_after_seconds": 0}),
            )
            .await
            .unwrap();
    }
    let start_path = format!("/api/v1/users/{user}/charging/start/");
    if let Some(spec) = start_fault.spec(&mut rng, "POST", &start_path, 1) {
        control.arm_fault(spec).await.unwrap();
    }

    let mut outcome = Journey {
        token,
        user: user.clone(),
        start_fault,
        stop_fault,
        list_fault,
        starts_asked: 0,
        answers: Vec::new(),
        not_started: 0,
        outcome_unknown: 0,
        unknown_because: Vec::new(),
        refused: 0,
        unexpected: Vec::new(),
        started: Vec::new(),
        stops_asked: 0,
        stop_errors: Vec::new(),
        listed: Vec::new(),
    };
    start_until_known(&api, &user, evse, &card, &mut outcome).await;

    if let Some(session) = outcome.started.first().cloned() {
        let stop_path = format!("/api/v1/users/{user}/charging/stop/{session}/");
        let times = if rng.chance(30) { 2 } else { 1 };
        if let Some(spec) = stop_fault.spec(&mut rng, "POST", &stop_path, times) {
            control.arm_fault(spec).await.unwrap();
        }
        outcome.stops_asked += 1;
        if let Err(error) = api.stop_charging(&user, &session).await {
            outcome.stop_errors.push(error.to_string());
        }
    }

    // The sandbox's state, read without faults and without connect-http.
    control.clear_faults().await.unwrap();
    let listed: Value = http
        .get(format!("{base}{sessions_path}?page_size=1000"))
        .bearer_auth(&outcome.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    outcome.listed = listed["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                SessionId::new(s["id"].as_str().unwrap()),
                s["is_active"].as_bool().unwrap(),
            )
        })
        .collect();
    outcome
}

/// What the request log says about one journey.
#[derive(Debug, Default)]
struct Traffic {
    start_posts: u32,
    stop_posts: u32,
    /// Stop POSTs after the first.
    stop_resends: u32,
    /// Stop resends not preceded (since the previous stop) by a read of the session.
    blind_stop_resends: u32,
    /// Session-list reads by connect-http (reconciliations of a start).
    list_reads: u32,
    /// Session-list reads by connect-http after the last start request.
    list_reads_after_last_start: u32,
    /// Attempts beyond the first under one request id, per method.
    retries: BTreeMap<String, u32>,
}

fn traffic(entries: &[&Logged], user: &UserId) -> Traffic {
    let mut traffic = Traffic::default();
    let start = format!("/api/v1/users/{user}/charging/start/");
    let stop = format!("/api/v1/users/{user}/charging/stop/");
    let sessions = format!("/api/v1/users/{user}/charging-sessions/");
    let mut seen: HashSet<&str> = HashSet::new();
    let mut list_calls: HashSet<&str> = HashSet::new();
    let mut read_since_stop = false;
    for entry in entries {
        // The checker's own plain requests carry no request id.
        let Some(id) = entry.request_id.as_deref() else {
            continue;
        };
        // A request id seen before is one call sent again.
        let retried = !seen.insert(id);
        if retried {
            *traffic.retries.entry(entry.method.clone()).or_default() += 1;
        }
        if entry.method == "POST" && entry.path == start {
            traffic.start_posts += 1;
            traffic.list_reads_after_last_start = 0;
        } else if entry.method == "POST" && entry.path.starts_with(&stop) {
            traffic.stop_posts += 1;
            if traffic.stop_posts > 1 {
                traffic.stop_resends += 1;
                if !read_since_stop {
                    traffic.blind_stop_resends += 1;
                }
            }
            read_since_stop = false;
        } else if entry.method == "GET" && entry.path == sessions {
            // Reading the session list is how a start is reconciled.
            list_calls.insert(id);
            traffic.list_reads_after_last_start += 1;
        } else if entry.method == "GET" && entry.path.starts_with(&sessions) {
            read_since_stop = true;
        }
    }
    traffic.list_reads = u32::try_from(list_calls.len()).unwrap_or(u32::MAX);
    traffic
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines)] // the campaign, then every invariant, then the counts
async fn hundreds_of_faulted_journeys_keep_every_session_known_single_and_stopped() {
    let seed = std::env::var("CAMPAIGN_SEED")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(SEED);
    let began = Instant::now();
    let log: Log = Arc::default();
    let (sandbox, clock) = serve(log.clone()).await;
    // Every exchange checked against the OpenAPI document (the injected faults are the
    // listed deviation); the proxy's drop at the end fails the campaign on any violation.
    let checked = connect_openapi::CheckingProxy::start(&sandbox)
        .await
        .unwrap();
    let base = checked.base_url().to_owned();
    let gate = Arc::new(Semaphore::new(CONCURRENCY));
    let http = connect_tests::http_client();
    let mut tasks = tokio::task::JoinSet::new();
    for number in 0..JOURNEYS {
        let (base, gate, http, clock) = (base.clone(), gate.clone(), http.clone(), clock.clone());
        tasks.spawn(async move {
            let _permit = gate.acquire_owned().await.unwrap();
            journey(base, clock, http, number, seed).await
        });
    }
    let mut journeys = Vec::with_capacity(JOURNEYS);
    while let Some(done) = tasks.join_next().await {
        journeys.push(done.unwrap());
    }
    let elapsed = began.elapsed();
    let log = log.lock().unwrap().clone();
    let mut by_token: HashMap<&str, Vec<&Logged>> = HashMap::new();
    for entry in &log {
        by_token
            .entry(entry.token.as_str())
            .or_default()
            .push(entry);
    }

    let mut violations = Vec::new();
    let mut faults: BTreeMap<String, u32> = BTreeMap::new();
    let mut answers: BTreeMap<String, u32> = BTreeMap::new();
    let mut totals = Traffic::default();
    let (mut starts, mut sessions, mut not_started, mut outcome_unknown, mut refused) =
        (0, 0, 0, 0, 0);
    for journey in &journeys {
        let who = format!(
            "{} (start {:?}, stop {:?})",
            journey.token, journey.start_fault, journey.stop_fault
        );
        *faults
            .entry(format!("start {:?}", journey.start_fault))
            .or_default() += 1;
        if !journey.started.is_empty() {
            *faults
                .entry(format!("stop {:?}", journey.stop_fault))
                .or_default() += 1;
        }
        if journey.list_fault {
            *faults.entry("session list 503".into()).or_default() += 1;
        }
        *answers
            .entry(format!(
                "{:?} → {}",
                journey.start_fault,
                journey.answers.join(", then ")
            ))
            .or_default() += 1;
        starts += journey.starts_asked;
        sessions += journey.listed.len();
        not_started += journey.not_started;
        outcome_unknown += journey.outcome_unknown;
        refused += journey.refused;

        // At most one session per start asked, and none lost.
        if journey.listed.len() > journey.starts_asked as usize {
            violations.push(format!(
                "{who}: {} sessions for {} starts",
                journey.listed.len(),
                journey.starts_asked
            ));
        }
        let listed: HashSet<&SessionId> = journey.listed.iter().map(|(id, _)| id).collect();
        let known: HashSet<&SessionId> = journey.started.iter().collect();
        // A start the client called unknown may have started one session it could not see.
        let unseen = listed.difference(&known).count();
        let allowed_unseen = usize::from(journey.answers.last() == Some(&"outcome unknown"));
        if !known.is_subset(&listed) || unseen > allowed_unseen {
            violations.push(format!(
                "{who}: sessions {listed:?}, but the client returned {known:?} (answers {:?})",
                journey.answers
            ));
        }
        if !journey.unexpected.is_empty() {
            violations.push(format!(
                "{who}: start failed unexpectedly: {:?}",
                journey.unexpected
            ));
        }
        // A 500 or 503 answer settles a start: the API is done with it. The fault is armed
        // for the first start only; the second start, asked after a `NotStarted`, meets no
        // fault but may meet a slow machine (a timeout), which may leave it unknown.
        let settled = matches!(
            journey.start_fault,
            Fault::Status500 | Fault::Status503 | Fault::Status503RetryAfter
        );
        if settled && journey.answers.first() == Some(&"outcome unknown") {
            violations.push(format!(
                "{who}: the outcome was called unknown though the API's answer settled it \
                 (answers {:?}; {:?})",
                journey.answers, journey.unknown_because
            ));
        }
        // Every stop took effect.
        if !journey.stop_errors.is_empty() {
            violations.push(format!("{who}: stop failed: {:?}", journey.stop_errors));
        }
        if journey.stops_asked > 0 && journey.listed.iter().any(|(_, active)| *active) {
            violations.push(format!("{who}: a stopped session is still active"));
        }
        // No request retried that must not be.
        let entries = by_token
            .get(journey.token.as_str())
            .cloned()
            .unwrap_or_default();
        let seen = traffic(&entries, &journey.user);
        // (Fewer is possible: a start that timed out before the server read it.)
        if seen.start_posts > journey.starts_asked {
            violations.push(format!(
                "{who}: {} start requests for {} starts asked",
                seen.start_posts, journey.starts_asked
            ));
        }
        if seen.retries.contains_key("POST") {
            violations.push(format!(
                "{who}: a POST was retried under the same request id"
            ));
        }
        if journey.answers.last() == Some(&"refused") && seen.list_reads_after_last_start > 0 {
            violations.push(format!("{who}: a refused start was reconciled"));
        }
        if seen.blind_stop_resends > 0 {
            violations.push(format!(
                "{who}: a stop was sent again without reading the session"
            ));
        }
        if journey.stop_fault == Fault::Drop && seen.stop_posts > 1 {
            violations.push(format!("{who}: the stop was applied, yet sent again"));
        }
        totals.start_posts += seen.start_posts;
        totals.stop_posts += seen.stop_posts;
        totals.stop_resends += seen.stop_resends;
        totals.list_reads += seen.list_reads;
        for (method, count) in seen.retries {
            *totals.retries.entry(method).or_default() += count;
        }
    }

    eprintln!(
        "fault campaign (seed {seed:#x}): {} journeys in {elapsed:.1?}, {} requests logged",
        journeys.len(),
        log.len()
    );
    eprintln!(
        "  starts asked {starts}, sessions in the sandbox {sessions}, NotStarted answers {not_started}, StartOutcomeUnknown answers {outcome_unknown}, refusals (4xx, not retried) {refused}"
    );
    eprintln!("  faults injected: {faults:?}");
    eprintln!("  start fault → what the client answered:");
    for (line, count) in &answers {
        eprintln!("    {line}: {count}");
    }
    eprintln!(
        "  start requests {}, stop requests {} (resends after reading the session: {}), reconciliations (session-list reads) {}, retries of one call: {:?}",
        totals.start_posts,
        totals.stop_posts,
        totals.stop_resends,
        totals.list_reads,
        totals.retries
    );
    eprintln!("  violations: {}", violations.len());
    assert!(
        violations.is_empty(),
        "{} violations:\n{}",
        violations.len(),
        violations.join("\n")
    );
    assert!(journeys.len() >= 500);
    for kind in [
        Fault::Status500,
        Fault::Status503,
        Fault::Status503RetryAfter,
        Fault::Delay,
        Fault::LateAnswer,
        Fault::Drop,
    ] {
        for phase in ["start", "stop"] {
            let count = faults
                .get(&format!("{phase} {kind:?}"))
                .copied()
                .unwrap_or(0);
            assert!(count >= 10, "{phase} {kind:?} injected only {count} times");
        }
    }
    assert!(
        refused >= 10 && not_started >= 10 && outcome_unknown >= 10,
        "refusals {refused}, NotStarted {not_started}, StartOutcomeUnknown {outcome_unknown}"
    );
    assert!(totals.list_reads > 0 && !totals.retries.is_empty());
}
