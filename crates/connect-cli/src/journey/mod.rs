//! `connect journey`: the whole user journey of the docs, played through the HTTP client.
//!
//! By default against an embedded sandbox (served on a loopback port inside this process,
//! its clock running fast so a charge takes seconds); with `--env development` against the
//! real development environment, with the token from `CARIQA_API_TOKEN` (never printed);
//! `--base-url` points that mode at a stand-in (the tests' offline proof that the token
//! only ever travels in the `Authorization` header).
//!
//! The steps: a user, billing details, a payment method (setup intent confirmed by the
//! "frontend"), stations around a point, an estimate for the chosen EVSE, start, watch
//! (kWh and cost so far), stop, the charge detail record checked against the estimate, and
//! the invoice.

mod embedded;
mod frontend;
mod progress;
mod stepped;
mod steps;

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, ValueEnum};
use connect_fake::clock::SystemClock;
use connect_http::{ApiToken, ConnectClient, Environment, PollPolicy};
use connect_ports::Clock;
use rust_decimal::Decimal;

use frontend::Frontend;

/// Where the journey (and `connect offers`) runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Target {
    /// An embedded sandbox, served on loopback inside this process (no token needed)
    Sandbox,
    /// The development environment (dev.connect.cariqa.com), with the token from CARIQA_API_TOKEN
    Development,
}

#[derive(Debug, Args)]
pub(crate) struct JourneyArgs {
    /// Where to play the journey
    #[arg(long, value_enum, default_value_t = Target::Sandbox)]
    env: Target,
    /// Where to look for stations: latitude (default: the docs' example station in Worms)
    #[arg(long, default_value_t = 49.630_383, allow_negative_numbers = true)]
    lat: f64,
    /// Where to look for stations: longitude
    #[arg(long, default_value_t = 8.368_902, allow_negative_numbers = true)]
    lon: f64,
    /// Search radius in metres
    #[arg(long, default_value_t = 500.0)]
    distance: f64,
    /// Charge at this EVSE instead of the nearest available one (e.g. a virtual charging
    /// point of the development environment)
    #[arg(long)]
    evse: Option<String>,
    /// Energy to charge, in kWh; the session is stopped when it is reached
    #[arg(long, default_value = "20")]
    kwh: Decimal,
    /// Stop after this many minutes of charging at the latest (points that report no
    /// energy are stopped then)
    #[arg(long, default_value_t = 90)]
    minutes: u32,
    /// Sandbox only: the Stripe test card the frontend confirms
    #[arg(long, default_value = "4242424242424242")]
    card: String,
    /// Sandbox only: fixes every id and random choice
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Sandbox only: how many times faster than real time the sandbox's clock runs
    #[arg(long, default_value_t = 600, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    speed: u32,
    /// Sandbox only: instead of running --speed times faster, the sandbox's clock stands
    /// still and moves this many seconds before each look at the session: the same
    /// energies on any machine
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=3_600))]
    clock_step: Option<u32>,
    /// Development only: play the journey for this existing user (keeps its payment
    /// methods) instead of creating one
    #[arg(long)]
    user: Option<String>,
    /// Development only: how long to wait for the frontend to confirm the setup intent
    #[arg(long, default_value_t = 600)]
    wait_seconds: u64,
    /// Development only: where the development environment is (default: Cariqa's
    /// development host): a local stand-in for tests, plain http on loopback
    #[arg(long)]
    base_url: Option<String>,
}

/// Runs `connect journey`.
pub(crate) fn run(args: &JourneyArgs) -> ExitCode {
    let Some(runtime) = crate::runtime() else {
        return ExitCode::FAILURE;
    };
    match runtime.block_on(play(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn play(args: &JourneyArgs) -> Result<(), String> {
    match args.env {
        Target::Sandbox => {
            let sandbox = embedded::start(args.seed, args.speed, args.clock_step).await?;
            let client = ConnectClient::builder(sandbox.token(), sandbox.environment()?)
                // The sandbox's clock runs `speed` times faster: poll often.
                .poll(PollPolicy {
                    min_interval: Duration::from_millis(100),
                    max_interval: Duration::from_millis(400),
                })
                .build()
                .map_err(|error| format!("client: {error}"))?;
            let frontend = Frontend::Embedded {
                sandbox: sandbox.connection()?,
                card: args.card.clone(),
            };
            match args.clock_step {
                Some(step) => println!(
                    "Sandbox: {} (embedded, clock stepped {step} s per look)",
                    client.base_url()
                ),
                None => println!(
                    "Sandbox: {} (embedded, clock ×{})",
                    client.base_url(),
                    args.speed
                ),
            }
            let clock = sandbox.clock();
            let journey = steps::Journey::new(&client, &frontend, &clock, args);
            match args.clock_step {
                Some(seconds) => journey.stepping(sandbox.step(seconds)).play().await,
                None => journey.play().await,
            }
        }
        Target::Development => {
            let token = ApiToken::from_env().map_err(|error| {
                format!("{error} (export CARIQA_API_TOKEN with your development token)")
            })?;
            let environment = match &args.base_url {
                Some(url) => Environment::custom(url)
                    .map_err(|error| format!("--base-url {url}: {error}"))?,
                None => Environment::Development,
            };
            let client = ConnectClient::new(token, environment)
                .map_err(|error| format!("client: {error}"))?;
            let frontend = Frontend::Partner {
                wait: Duration::from_secs(args.wait_seconds),
            };
            println!("Development environment: {}", client.base_url());
            // The real environment runs on real time: the machine's clock at speed 1.
            let clock: Arc<dyn Clock> = Arc::new(SystemClock::new(1));
            steps::Journey::new(&client, &frontend, &clock, args)
                .play()
                .await
        }
    }
}
