//! `connect sandbox serve`: the sandbox over HTTP, for anything that is not a Rust test.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Subcommand, ValueEnum};
use connect_fake::clock::{ClockMode as TenantClockMode, SystemClock};
use connect_fake::sandbox::{Sandbox, SandboxConfig};
use connect_fake::stations::StationDirectory;
use connect_fake::stations::ocpi::{FeedOptions, Feeds, WarningSummary};
use connect_server::AppState;

/// What `connect sandbox` does.
#[derive(Debug, Subcommand)]
pub(crate) enum SandboxCommand {
    /// Serve the sandbox on an address until interrupted
    Serve(ServeArgs),
}

/// How the served sandbox's clock runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ClockMode {
    /// Each tenant's clock runs with real time (times --speed); `POST
    /// /_sandbox/clock/advance` jumps that tenant's ahead.
    Real,
    /// Each tenant's clock stands still until that tenant's `POST /_sandbox/clock/advance`:
    /// fully deterministic.
    Manual,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Address to listen on (loopback by default; the sandbox has no real security)
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Fixes every id and random choice
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// How the clock runs
    #[arg(long, value_enum, default_value_t = ClockMode::Real)]
    clock: ClockMode,
    /// With --clock real: how many times faster than real time
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    speed: u32,
    /// Where a new tenant's manual clock starts (RFC 3339, 1970 to 8999); default: now
    #[arg(long)]
    start: Option<chrono::DateTime<chrono::Utc>>,
    /// The URL clients reach the sandbox at (pagination links start with it); default:
    /// http:// and the listening address
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// At most this many connections open at once; more wait to be accepted
    #[arg(long, default_value_t = connect_server::DEFAULT_MAX_CONNECTIONS,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1_000_000))]
    max_connections: usize,
    /// Seconds a connection may take to send a request's headers, or sit idle between
    /// requests, before it is closed
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    header_timeout: u64,
    /// Forget a tenant (token) nobody used for this many minutes; 0 keeps every tenant
    #[arg(long, default_value_t = 60)]
    idle_tenant_minutes: u64,
    /// Also serve the stations of an OCPI 2.1.1 or 2.2 `locations` file, or the tariffs of
    /// an OCPI `tariffs` file (repeatable; files combine, in the order given)
    #[arg(long, value_name = "FILE")]
    ocpi: Vec<std::path::PathBuf>,
    /// With --ocpi: refuse a whole file if any location in it cannot be read (listing them
    /// all), instead of skipping those locations with a warning
    #[arg(long)]
    strict: bool,
    /// With --ocpi: print every warning, not a summary per kind with a few examples
    #[arg(long)]
    all_warnings: bool,
    /// Keep every tenant's records in DIR/sandbox.sqlite3 (SQLite): the sandbox survives a
    /// restart or a crash without losing an answered write; without it, memory only
    #[arg(long, value_name = "DIR")]
    data: Option<std::path::PathBuf>,
}

/// An error and its sources, on one line.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

pub(crate) fn run(command: &SandboxCommand) -> ExitCode {
    match command {
        SandboxCommand::Serve(args) => serve(args),
    }
}

/// Examples printed per kind of warning in the summary.
const EXAMPLES_PER_KIND: usize = 3;

/// The bundled stations, and those of the OCPI files given (their warnings on stderr,
/// summarised per kind unless --all-warnings).
fn stations(args: &ServeArgs) -> Result<StationDirectory, String> {
    let mut all = connect_fake::stations::bundled_stations(args.seed)
        .map_err(|error| format!("the bundled stations do not load: {error}"))?;
    if args.ocpi.is_empty() {
        return StationDirectory::new(all).map_err(|error| error.to_string());
    }
    let options = FeedOptions::default().strict(args.strict).seed(args.seed);
    let mut feeds = Feeds::new(options);
    feeds.reserve(&all);
    for path in &args.ocpi {
        let file = std::fs::File::open(path)
            .map_err(|error| format!("ocpi: cannot read {}: {error}", path.display()))?;
        // A location without `last_updated` was last updated, at the latest, when the file
        // was written.
        let file_time = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .map_or_else(
                |_| chrono::Utc::now(),
                chrono::DateTime::<chrono::Utc>::from,
            );
        let name = path.display().to_string();
        // Read as a stream: the file is never held whole.
        let counts = feeds
            .add_reader(&name, file, file_time)
            .map_err(|error| format!("ocpi: {error}"))?;
        eprintln!(
            "connect sandbox: {name}: {} stations, {} EVSEs, {} tariffs ({} locations and {} tariffs skipped, {} unpublished)",
            counts.locations,
            counts.evses,
            counts.tariffs,
            counts.skipped,
            counts.skipped_tariffs,
            counts.hidden
        );
    }
    let (stations, warnings) = feeds.finish().map_err(|error| format!("ocpi: {error}"))?;
    if args.all_warnings {
        for warning in &warnings {
            eprintln!("warning: {warning}");
        }
    } else if !warnings.is_empty() {
        let summary = WarningSummary::new(&warnings, EXAMPLES_PER_KIND);
        eprint!("{summary}");
        eprintln!(
            "connect sandbox: {} warnings in all (--all-warnings lists each)",
            summary.total()
        );
    }
    all.extend(stations);
    StationDirectory::new(all).map_err(|error| format!("ocpi: {error}"))
}

fn serve(args: &ServeArgs) -> ExitCode {
    // The Bundesnetzagentur's register, the docs' Worms station and the virtual charging
    // points, with tariffs and statuses drawn from the seed.
    let stations = match stations(args) {
        Ok(stations) => stations,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    // Every tenant has its own clock over real time; the flags say how a new one runs.
    let tenant_clock = match args.clock {
        ClockMode::Manual => TenantClockMode::Manual {
            now: args.start.unwrap_or_else(chrono::Utc::now),
        },
        ClockMode::Real => TenantClockMode::Running { speed: args.speed },
    };
    if let Err(error) = tenant_clock.check() {
        let field = if error.field() == "now" {
            "start"
        } else {
            error.field()
        };
        eprintln!("error: {field}: {error}");
        return ExitCode::FAILURE;
    }
    let config = SandboxConfig {
        seed: args.seed,
        clock: tenant_clock,
        idle_tenant_eviction: (args.idle_tenant_minutes > 0)
            .then(|| std::time::Duration::from_secs(args.idle_tenant_minutes.saturating_mul(60))),
        ..SandboxConfig::default()
    };
    let source: Arc<dyn connect_ports::Clock> = Arc::new(SystemClock::new(1));
    let mut sandbox = Sandbox::with_stations(config, source, Arc::new(stations));
    if let Some(dir) = &args.data {
        match connect_fake::store::sqlite::Database::open(dir) {
            Ok(database) => {
                eprintln!(
                    "connect sandbox: tenants kept in {}",
                    database.path().display()
                );
                sandbox = sandbox.with_store(Arc::new(database));
            }
            Err(error) => {
                eprintln!("error: data: {}: {}", dir.display(), chain(&error));
                return ExitCode::FAILURE;
            }
        }
    }
    let state = AppState::new(sandbox);
    let Some(runtime) = crate::runtime() else {
        return ExitCode::FAILURE;
    };
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(args.addr).await {
            Ok(listener) => listener,
            Err(error) => {
                eprintln!("error: addr: cannot listen on {}: {error}", args.addr);
                return ExitCode::FAILURE;
            }
        };
        let bound = listener
            .local_addr()
            .map_or_else(|_| args.addr.to_string(), |a| a.to_string());
        eprintln!(
            "connect sandbox: serving http://{bound}/api/v1/ (seed {}, clock {:?})",
            args.seed, args.clock
        );
        let mut options = connect_server::ServeOptions::default()
            .max_connections(args.max_connections)
            .header_read_timeout(std::time::Duration::from_secs(args.header_timeout));
        if let Some(url) = &args.public_url {
            options = options.public_url(url.clone());
        }
        // Idle tenants are also forgotten when new ones arrive; this catches a quiet server.
        let sweeper = state.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
            loop {
                every.tick().await;
                sweeper.evict_idle_tenants();
            }
        });
        match connect_server::serve_with(listener, state, options).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: the server stopped: {error}");
                ExitCode::FAILURE
            }
        }
    })
}
