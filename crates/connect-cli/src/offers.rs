//! `connect offers`: every station around a point priced for one planned charge, cheapest
//! first, with the cheapest start in the next 24 hours and why a station is left out.
//!
//! The stations come from the API (`GET /stations/around/`, every page) through the client:
//! an embedded sandbox by default, or the development environment with `--env development`
//! and the token from `CARIQA_API_TOKEN`. The pricing is the domain's `offers`.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::Args;
use connect_domain::geo::distance_m;
use connect_domain::pricing::{LeftOutReason, Offer, Offers, PlannedCharge, offers};
use connect_domain::station::{ConnectorStandard, Station};
use connect_domain::zone::Coordinates;
use connect_http::{ApiToken, ConnectClient, Environment};
use connect_ports::AroundQuery;
use connect_server::{EmbeddedOptions, EmbeddedSandbox};
use futures_util::TryStreamExt;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::journey::Target;

/// Any non-empty token is a tenant of the sandbox; this command has its own.
const TOKEN: &str = "connect-offers";

#[derive(Debug, Args)]
pub(crate) struct OffersArgs {
    /// Where the stations come from
    #[arg(long, value_enum, default_value_t = Target::Sandbox)]
    env: Target,
    /// The user's latitude
    #[arg(long, allow_negative_numbers = true)]
    lat: f64,
    /// The user's longitude
    #[arg(long, allow_negative_numbers = true)]
    lon: f64,
    /// Search radius in metres
    #[arg(long, default_value_t = 2_000.0)]
    distance: f64,
    /// Energy to charge, kWh
    #[arg(long)]
    kwh: Decimal,
    /// The most power the car takes, kW (a slower EVSE is priced at its own power)
    #[arg(long)]
    power: Decimal,
    /// When the user would plug in, RFC 3339 (default: now)
    #[arg(long)]
    at: Option<DateTime<Utc>>,
    /// A connector standard the car takes (repeat for several; default: any), e.g.
    /// IEC_62196_T2, IEC_62196_T2_COMBO, CHADEMO
    #[arg(long = "connector", value_name = "STANDARD")]
    connectors: Vec<String>,
    /// Print the answer as JSON
    #[arg(long)]
    json: bool,
    /// Sandbox only: fixes every id and random choice
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

/// Runs `connect offers`.
pub(crate) fn run(args: &OffersArgs) -> ExitCode {
    let Some(runtime) = crate::runtime() else {
        return ExitCode::FAILURE;
    };
    let stations = match runtime.block_on(fetch(args)) {
        Ok(stations) => stations,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let mut charge = PlannedCharge::new(args.kwh, args.power, args.at.unwrap_or_else(Utc::now));
    charge.connectors = args
        .connectors
        .iter()
        .map(|name| ConnectorStandard::parse_lenient(name))
        .collect();
    let answer = match offers(&stations, &charge) {
        Ok(answer) => answer,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(crate::EXIT_BAD_INPUT);
        }
    };
    let center = center(args);
    let text = if args.json {
        let mut text = serde_json::to_string_pretty(&Output::new(&answer, &stations, center))
            .unwrap_or_default();
        text.push('\n');
        text
    } else {
        render(&answer, &stations, center)
    };
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => crate::io_failure(&error, "writing the offers"),
    }
}

fn center(args: &OffersArgs) -> Coordinates {
    Coordinates {
        latitude: args.lat,
        longitude: args.lon,
    }
}

/// Every station within the radius, all pages, from the chosen environment.
async fn fetch(args: &OffersArgs) -> Result<Vec<Station>, String> {
    let query = AroundQuery::new(center(args), args.distance);
    match args.env {
        Target::Sandbox => {
            let options = EmbeddedOptions::default().seed(args.seed);
            let sandbox = EmbeddedSandbox::start(options)
                .await
                .map_err(|error| format!("sandbox: {error}"))?;
            let token = ApiToken::new(TOKEN).map_err(|error| format!("token: {error}"))?;
            let environment = Environment::custom(sandbox.base_url())
                .map_err(|error| format!("sandbox address: {error}"))?;
            let client = ConnectClient::new(token, environment)
                .map_err(|error| format!("client: {error}"))?;
            around(&client, query).await
        }
        Target::Development => {
            let token = ApiToken::from_env().map_err(|error| {
                format!("{error} (export CARIQA_API_TOKEN with your development token)")
            })?;
            let client = ConnectClient::new(token, Environment::Development)
                .map_err(|error| format!("client: {error}"))?;
            around(&client, query).await
        }
    }
}

async fn around(client: &ConnectClient, query: AroundQuery) -> Result<Vec<Station>, String> {
    client
        .stations_around_stream(query)
        .try_collect()
        .await
        .map_err(|error| format!("stations around: {error}"))
}

/// The JSON answer: the domain's offers with each station's name and distance.
#[derive(Serialize)]
struct Output<'a> {
    offers: Vec<OfferOutput<'a>>,
    left_out: Vec<LeftOutOutput<'a>>,
}

#[derive(Serialize)]
struct OfferOutput<'a> {
    name: &'a str,
    distance_m: u64,
    #[serde(flatten)]
    offer: &'a Offer,
}

#[derive(Serialize)]
struct LeftOutOutput<'a> {
    station_id: &'a str,
    name: &'a str,
    distance_m: u64,
    #[serde(flatten)]
    reason: &'a LeftOutReason,
}

/// A station's name and whole metres from the centre.
fn describe<'a>(stations: &'a [Station], id: &str, center: Coordinates) -> (&'a str, u64) {
    stations
        .iter()
        .find(|station| station.id.as_str() == id)
        .map_or(("", 0), |station| {
            let metres = distance_m(center, station.coordinates).round();
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            (station.name.as_str(), metres.max(0.0) as u64)
        })
}

impl<'a> Output<'a> {
    fn new(answer: &'a Offers, stations: &'a [Station], center: Coordinates) -> Self {
        Self {
            offers: answer
                .offers
                .iter()
                .map(|offer| {
                    let (name, distance_m) = describe(stations, offer.station_id.as_str(), center);
                    OfferOutput {
                        name,
                        distance_m,
                        offer,
                    }
                })
                .collect(),
            left_out: answer
                .left_out
                .iter()
                .map(|left| {
                    let (name, distance_m) = describe(stations, left.station_id.as_str(), center);
                    LeftOutOutput {
                        station_id: left.station_id.as_str(),
                        name,
                        distance_m,
                        reason: &left.reason,
                    }
                })
                .collect(),
        }
    }
}

fn reason_text(reason: &LeftOutReason) -> String {
    match reason {
        LeftOutReason::NoCompatibleConnector => "no compatible connector".into(),
        LeftOutReason::Occupied => "occupied".into(),
        LeftOutReason::OutOfService => "out of service".into(),
        LeftOutReason::NoPrice => "no price for that time".into(),
        LeftOutReason::NotPriced { message } => format!("not priced: {message}"),
        other => format!("{other:?}"),
    }
}

/// The readable answer: one line per offer, cheapest first, then the stations left out.
fn render(answer: &Offers, stations: &[Station], center: Coordinates) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{:>3}  {:<32} {:>6}  {:>6}  {:>9}  {:<22} {:>9}",
        "#", "station", "m", "kW", "total", "cheapest start (local)", "saving"
    );
    for (rank, offer) in answer.offers.iter().enumerate() {
        let (name, metres) = describe(stations, offer.station_id.as_str(), center);
        let zone = stations
            .iter()
            .find(|station| station.id == offer.station_id)
            .map_or(chrono_tz::UTC, |station| station.zone);
        let currency = offer.estimate.cost.currency.to_ascii_uppercase();
        let best = offer.cheapest.start.with_timezone(&zone);
        let _ = writeln!(
            text,
            "{:>3}  {:<32} {:>6}  {:>6}  {:>5} {currency}  {:<22} {:>5} {currency}",
            rank + 1,
            truncate(name, 32),
            metres,
            offer.power_kw,
            offer.total(),
            best.format("%a %H:%M"),
            offer.cheapest.saving,
        );
    }
    if !answer.left_out.is_empty() {
        let _ = writeln!(text, "\nLeft out:");
        for left in &answer.left_out {
            let (name, metres) = describe(stations, left.station_id.as_str(), center);
            let _ = writeln!(
                text,
                "     {:<32} {:>6}  {}",
                truncate(name, 32),
                metres,
                reason_text(&left.reason)
            );
        }
    }
    text
}

fn truncate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(chars - 1).collect();
        short.push('…');
        short
    }
}
