//! Benchmarks of the HTTP client against the sandbox server on loopback (`cargo xtask bench`).
//!
//! - `client_overhead`: one request through [`ConnectClient`] (request id, tracing spans,
//!   retry bookkeeping, per-attempt timeout, JSON into the wire type, then into the domain
//!   type) against the same request through a bare `reqwest::Client`: `bare_bytes` only
//!   reads the body, `bare_decoded` also decodes it as the client does (serde_json into the
//!   `connect-wire` type, then the conversion into the domain type). Two requests:
//!   `station_details` (the Worms station by station id, 1179 bytes) and `get_user`
//!   (114 bytes). Target: the client costs at most 1.10× the bare call.
//! - `paging`: every session of a user with 10,000 sessions (seeded in process, then served
//!   over HTTP), through [`ConnectClient::sessions_stream`], in pages of 1000 and of 100;
//!   and, as the floor, pages of 1000 through a bare reqwest client that follows `next` and
//!   decodes as the client does.
//!
//! Client and server share one multi-threaded runtime; each sample sends its requests one
//! after the other from the benchmark's thread. After criterion's own report, the medians,
//! the ratios and the sessions per second are printed together, with the ratios measured a
//! second way: in alternation (rounds of each variant in turn), which a shared, noisy
//! machine skews far less than criterion's one-benchmark-after-another.
//!
//! `cargo bench -p connect-tests --bench client`

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::future::Future;
use std::hint::black_box;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use connect_domain::account::{AccountType, BillingDetails, NewUser};
use connect_domain::ids::UserId;
use connect_domain::payment::SetupKind;
use connect_fake::clock::ManualClock;
use connect_fake::sandbox::{Sandbox, SandboxConfig};
use connect_fake::stations::StationDirectory;
use connect_http::{ApiToken, ConnectClient, Environment};
use connect_ports::{
    Billing, Charging, PageRequest, Payments, StartCharging, StationLookup, Stations, Users,
};
use connect_server::AppState;
use connect_wire::page::Paginated;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, Throughput, measurement::WallTime};
use futures_util::TryStreamExt;

/// The bearer token: the sandbox's tenant, for the seeding in process and for HTTP alike.
const TOKEN: &str = "bench";
/// The docs' example station in Worms, and the EVSE the sessions charge at.
const WORMS_STATION: &str = "DE*CIQ*EELDF6XWZU41P";
const WORMS_EVSE: &str = "DE*CIQ*EELDF6XWZU41P*2";
/// Stripe's frictionless visa.
const VISA: &str = "4242424242424242";
/// The sessions the paged user has.
const SESSIONS: usize = 10_000;

const OVERHEAD_SAMPLES: usize = 20;
const PAGING_SAMPLES: usize = 10;

/// The sandbox, served on loopback, with one user who has [`SESSIONS`] finished sessions.
struct Fixture {
    base: String,
    user: UserId,
}

impl Fixture {
    async fn new() -> Self {
        let clock = Arc::new(ManualClock::new("2026-04-02T13:51:18Z".parse().unwrap()));
        let stations = Arc::new(StationDirectory::bundled(7).unwrap());
        let sandbox = Sandbox::with_stations(SandboxConfig::default(), clock.clone(), stations);
        let started = Instant::now();
        let user = seed(&sandbox, &clock).await;
        eprintln!(
            "seeded {SESSIONS} sessions in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        let state = AppState::new(sandbox);
        Self {
            base: connect_server::spawn_on_loopback(state).await.unwrap(),
            user,
        }
    }

    fn client(&self, page_size: u32) -> ConnectClient {
        ConnectClient::builder(
            ApiToken::new(TOKEN).unwrap(),
            Environment::custom(self.base.as_str()).unwrap(),
        )
        .page_size(page_size)
        .build()
        .unwrap()
    }
}

/// A user with billing details, a card and [`SESSIONS`] sessions of 30 minutes each, all
/// billed: seeded in process, as fast as the sandbox goes.
async fn seed(sandbox: &Sandbox, clock: &ManualClock) -> UserId {
    let api = sandbox.connect(TOKEN).unwrap();
    let user = api
        .create_user(NewUser {
            email: Some("bench@example.com".into()),
            ..NewUser::default()
        })
        .await
        .unwrap()
        .id;
    api.replace_billing_details(&user, {
        let mut details = BillingDetails::default();
        details.line1 = Some("Karl-Marx-Allee 1".into());
        details.postal_code = Some("10243".into());
        details.country = Some("de".into());
        details.city = Some("Berlin".into());
        details.account_type = AccountType::Personal;
        details.first_name = Some("Example".into());
        details.last_name = Some("Sample".into());
        details
    })
    .await
    .unwrap();
    let intent = api.setup_intent(&user, SetupKind::Card).await.unwrap();
    let card = api
        .confirm_setup_intent(&intent.client_secret, VISA)
        .unwrap();
    for _ in 0..SESSIONS {
        let request = StartCharging::new(WORMS_EVSE, card.id.clone());
        let session = api.start_charging(&user, request).await.unwrap();
        clock.advance(chrono::Duration::minutes(30));
        api.stop_charging(&user, &session.id).await.unwrap();
        // Past the charge detail record's delay: the next call bills it.
        clock.advance(chrono::Duration::minutes(2));
    }
    let latest = api
        .sessions(&user, PageRequest::new(1, 1).unwrap())
        .await
        .unwrap();
    assert_eq!(latest.count, SESSIONS as u64);
    assert!(latest.items[0].bill.is_some(), "the sessions are billed");
    user
}

/// Every sample's time per iteration, by benchmark, to report the ratios together at the
/// end (criterion reports each benchmark on its own).
#[derive(Default)]
struct Samples {
    per_iteration: Mutex<BTreeMap<String, Vec<Duration>>>,
    /// By request: the client's time over the bare call's, bytes only and decoded, measured
    /// in alternation ([`interleaved`]).
    interleaved: Mutex<BTreeMap<&'static str, (f64, f64)>>,
}

impl Samples {
    fn record(&self, id: &str, iterations: u64, elapsed: Duration) {
        #[allow(clippy::cast_precision_loss)]
        let per_iteration = elapsed.div_f64(iterations.max(1) as f64);
        self.per_iteration
            .lock()
            .unwrap()
            .entry(id.to_owned())
            .or_default()
            .push(per_iteration);
    }

    /// Whether every benchmark whose id starts with `prefix` took all its samples (at least
    /// one did).
    fn ran_in_full(&self, prefix: &str, samples: usize) -> bool {
        let records = self.per_iteration.lock().unwrap();
        let mut matching = records
            .iter()
            .filter(|(id, _)| id.starts_with(prefix))
            .peekable();
        matching.peek().is_some() && matching.all(|(_, all)| all.len() >= samples)
    }

    /// The median of the last `samples` records (criterion's samples come after its
    /// warm-up), as criterion's median; `None` if the benchmark did not run in full.
    fn median(&self, id: &str, samples: usize) -> Option<Duration> {
        let records = self.per_iteration.lock().unwrap();
        let all = records.get(id)?;
        if all.len() < samples {
            return None;
        }
        let mut last = all[all.len() - samples..].to_vec();
        last.sort();
        let middle = samples / 2;
        Some(if samples.is_multiple_of(2) {
            (last[middle - 1] + last[middle]) / 2
        } else {
            last[middle]
        })
    }
}

/// A criterion group whose benchmarks send requests on the runtime and record their samples.
struct Group<'a> {
    criterion: BenchmarkGroup<'a, WallTime>,
    name: &'static str,
    runtime: &'a tokio::runtime::Runtime,
    samples: &'a Samples,
}

impl<'a> Group<'a> {
    fn new(
        criterion: &'a mut Criterion,
        name: &'static str,
        runtime: &'a tokio::runtime::Runtime,
        samples: &'a Samples,
    ) -> Self {
        Self {
            criterion: criterion.benchmark_group(name),
            name,
            runtime,
            samples,
        }
    }

    /// Benchmarks `request`, awaited `iterations` times in a row per sample.
    fn bench<F, Fut, T>(&mut self, id: &str, request: F)
    where
        F: Fn() -> Fut,
        Fut: Future<Output = T>,
    {
        let full_id = format!("{}/{id}", self.name);
        let (runtime, samples) = (self.runtime, self.samples);
        self.criterion.bench_function(id, |b| {
            b.iter_custom(|iterations| {
                let elapsed = runtime.block_on(async {
                    let started = Instant::now();
                    for _ in 0..iterations {
                        black_box(request().await);
                    }
                    started.elapsed()
                });
                samples.record(&full_id, iterations, elapsed);
                elapsed
            });
        });
    }
}

fn client_overhead(
    criterion: &mut Criterion,
    runtime: &tokio::runtime::Runtime,
    fixture: &Fixture,
    samples: &Samples,
) {
    let client = fixture.client(100);
    let bare = connect_tests::http_client();
    let lookup = StationLookup::StationId(WORMS_STATION.into());
    let details_url = format!(
        "{}/api/v1/stations/details/?id={WORMS_STATION}&type=station_id",
        fixture.base
    );
    let user_url = format!("{}/api/v1/users/{}/", fixture.base, fixture.user.as_str());
    // Both ways read the same thing.
    runtime.block_on(async {
        let typed = client.station_details(&lookup).await.unwrap();
        let body = bare_bytes(&bare, &details_url).await;
        eprintln!("station details: {} bytes", body.as_ref().len());
        let wire: connect_wire::stations::Station = serde_json::from_slice(body.as_ref()).unwrap();
        assert_eq!(
            connect_domain::station::Station::try_from(&wire).unwrap(),
            typed
        );
        let typed = client.get_user(&fixture.user).await.unwrap();
        let body = bare_bytes(&bare, &user_url).await;
        eprintln!("user: {} bytes", body.as_ref().len());
        let wire: connect_wire::users::User = serde_json::from_slice(body.as_ref()).unwrap();
        assert_eq!(connect_domain::account::User::from(&wire), typed);
    });

    let details_client = || async { client.station_details(&lookup).await.unwrap() };
    let details_bytes = || bare_bytes(&bare, &details_url);
    let details_decoded = || async {
        let body = bare_bytes(&bare, &details_url).await;
        let wire: connect_wire::stations::Station = serde_json::from_slice(body.as_ref()).unwrap();
        connect_domain::station::Station::try_from(&wire).unwrap()
    };
    let user_client = || async { client.get_user(&fixture.user).await.unwrap() };
    let user_bytes = || bare_bytes(&bare, &user_url);
    let user_decoded = || async {
        let body = bare_bytes(&bare, &user_url).await;
        let wire: connect_wire::users::User = serde_json::from_slice(body.as_ref()).unwrap();
        connect_domain::account::User::from(&wire)
    };

    let mut group = Group::new(criterion, "client_overhead", runtime, samples);
    group
        .criterion
        .sample_size(OVERHEAD_SAMPLES)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench("station_details/client", details_client);
    group.bench("station_details/bare_bytes", details_bytes);
    group.bench("station_details/bare_decoded", details_decoded);
    group.bench("get_user/client", user_client);
    group.bench("get_user/bare_bytes", user_bytes);
    group.bench("get_user/bare_decoded", user_decoded);
    group.criterion.finish();

    // The same comparisons in alternation, only after criterion's full runs (not in its
    // test mode, nor when a filter left them out).
    for (request, ratios) in [
        (
            "station_details",
            samples
                .ran_in_full("client_overhead/station_details", OVERHEAD_SAMPLES)
                .then(|| {
                    runtime.block_on(interleaved(
                        &details_client,
                        &details_bytes,
                        &details_decoded,
                    ))
                }),
        ),
        (
            "get_user",
            samples
                .ran_in_full("client_overhead/get_user", OVERHEAD_SAMPLES)
                .then(|| runtime.block_on(interleaved(&user_client, &user_bytes, &user_decoded))),
        ),
    ] {
        if let Some(ratios) = ratios {
            samples.interleaved.lock().unwrap().insert(request, ratios);
        }
    }
}

/// Rounds of the interleaved comparison, and calls of each variant per round.
const ROUNDS: usize = 40;
const BATCH: u32 = 100;

/// The client's time over each bare variant's, measured in alternation so that all three
/// see the same load (the machine may be shared): [`ROUNDS`] rounds of [`BATCH`] calls of
/// each, the order rotated every round; the medians of the rounds' ratios (client / bare
/// bytes, client / bare decoded).
async fn interleaved<C, CF, B, BF, D, DF>(client: &C, bytes: &B, decoded: &D) -> (f64, f64)
where
    C: Fn() -> CF,
    CF: Future,
    B: Fn() -> BF,
    BF: Future,
    D: Fn() -> DF,
    DF: Future,
{
    let mut over_bytes = Vec::with_capacity(ROUNDS);
    let mut over_decoded = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        let mut times = [Duration::ZERO; 3];
        for turn in 0..3 {
            let which = (round + turn) % 3;
            times[which] = match which {
                0 => batch(client).await,
                1 => batch(bytes).await,
                _ => batch(decoded).await,
            };
        }
        over_bytes.push(times[0].as_secs_f64() / times[1].as_secs_f64());
        over_decoded.push(times[0].as_secs_f64() / times[2].as_secs_f64());
    }
    (median(over_bytes), median(over_decoded))
}

async fn batch<F, Fut>(request: &F) -> Duration
where
    F: Fn() -> Fut,
    Fut: Future,
{
    let started = Instant::now();
    for _ in 0..BATCH {
        black_box(request().await);
    }
    started.elapsed()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.len().is_multiple_of(2) {
        f64::midpoint(values[middle - 1], values[middle])
    } else {
        values[middle]
    }
}

/// The bare call: a `GET` with the token, the body's bytes.
async fn bare_bytes(client: &reqwest::Client, url: &str) -> impl AsRef<[u8]> {
    let response = client.get(url).bearer_auth(TOKEN).send().await.unwrap();
    assert!(response.status().is_success());
    response.bytes().await.unwrap()
}

fn paging(
    criterion: &mut Criterion,
    runtime: &tokio::runtime::Runtime,
    fixture: &Fixture,
    samples: &Samples,
) {
    let mut group = Group::new(criterion, "paging", runtime, samples);
    group
        .criterion
        .sample_size(PAGING_SAMPLES)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(SESSIONS as u64));
    for page_size in [1000, 100] {
        let client = fixture.client(page_size);
        group.bench(&format!("10k_sessions/page_size_{page_size}"), || async {
            let sessions: Vec<_> = client
                .sessions_stream(fixture.user.clone())
                .try_collect()
                .await
                .unwrap();
            assert_eq!(sessions.len(), SESSIONS);
            sessions
        });
    }
    // The floor of pages of 1000: a bare reqwest client following `next`, decoding as the
    // client does.
    let bare = connect_tests::http_client();
    let first = format!(
        "{}/api/v1/users/{}/charging-sessions/?page=1&page_size=1000",
        fixture.base,
        fixture.user.as_str()
    );
    group.bench("10k_sessions/page_size_1000_bare_decoded", || async {
        let mut sessions = Vec::with_capacity(SESSIONS);
        let mut next = Some(first.clone());
        while let Some(url) = next {
            let body = bare_bytes(&bare, &url).await;
            let page: Paginated<connect_wire::sessions::ChargingSession> =
                serde_json::from_slice(body.as_ref()).unwrap();
            for wire in &page.results {
                sessions.push(connect_domain::session::ChargingSession::try_from(wire).unwrap());
            }
            next = page.next;
        }
        assert_eq!(sessions.len(), SESSIONS);
        sessions
    });
    group.criterion.finish();
}

fn report(samples: &Samples) {
    let micros = |duration: Duration| duration.as_secs_f64() * 1e6;
    println!("\nclient benchmarks: medians of criterion's samples");
    for request in ["station_details", "get_user"] {
        let median = |variant: &str| {
            samples.median(
                &format!("client_overhead/{request}/{variant}"),
                OVERHEAD_SAMPLES,
            )
        };
        let (Some(client), Some(bytes), Some(decoded)) = (
            median("client"),
            median("bare_bytes"),
            median("bare_decoded"),
        ) else {
            continue;
        };
        println!(
            "  {request}: client {:.1} µs, bare bytes {:.1} µs, bare decoded {:.1} µs",
            micros(client),
            micros(bytes),
            micros(decoded)
        );
        println!(
            "    client / bare bytes   = {:.3}, bare decoded = {:.3} (target <= 1.10)",
            client.as_secs_f64() / bytes.as_secs_f64(),
            client.as_secs_f64() / decoded.as_secs_f64()
        );
        if let Some((over_bytes, over_decoded)) =
            samples.interleaved.lock().unwrap().get(request).copied()
        {
            println!(
                "    interleaved ({ROUNDS} rounds of {BATCH} calls): client / bare bytes = \
                 {over_bytes:.3}, bare decoded = {over_decoded:.3}"
            );
        }
    }
    for variant in [
        "page_size_1000",
        "page_size_100",
        "page_size_1000_bare_decoded",
    ] {
        let id = format!("paging/10k_sessions/{variant}");
        if let Some(median) = samples.median(&id, PAGING_SAMPLES) {
            #[allow(clippy::cast_precision_loss)]
            let rate = SESSIONS as f64 / median.as_secs_f64();
            println!(
                "  {SESSIONS} sessions, {variant}: {:.1} ms, {rate:.0} sessions/s",
                median.as_secs_f64() * 1e3
            );
        }
    }
    let paged =
        |variant: &str| samples.median(&format!("paging/10k_sessions/{variant}"), PAGING_SAMPLES);
    if let (Some(client), Some(bare)) = (
        paged("page_size_1000"),
        paged("page_size_1000_bare_decoded"),
    ) {
        println!(
            "    pages of 1000, client / bare decoded = {:.3}",
            client.as_secs_f64() / bare.as_secs_f64()
        );
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let fixture = runtime.block_on(Fixture::new());
    let samples = Samples::default();
    let mut criterion = Criterion::default().configure_from_args();
    client_overhead(&mut criterion, &runtime, &fixture, &samples);
    paging(&mut criterion, &runtime, &fixture, &samples);
    criterion.final_summary();
    report(&samples);
}
