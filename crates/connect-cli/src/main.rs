//! `connect`: the Cariqa Connect toolkit on the command line.
//!
//! `connect journey` plays the docs' whole user journey through the HTTP client, on an
//! embedded sandbox or the development environment; `connect estimate` prices a charging
//! session from a price group as the API publishes it; `connect offers` prices every
//! station around a point; `connect sandbox serve` serves the
//! sandbox; `connect playground` serves every use case of the API as a web page. See
//! `connect <command> --help`.

mod estimate;
mod journey;
mod offers;
mod playground;
mod sandbox;

use std::fs;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use estimate::batch::{self, Stage};
use estimate::{EXAMPLE, Pricer, table};

/// Exit code for a request that cannot be priced (and for usage errors, as clap does).
const EXIT_BAD_INPUT: u8 = 2;
/// Exit code for an I/O error, and for a batch in which any line failed.
const EXIT_FAILURE: u8 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "connect",
    version,
    about = "The Cariqa Connect toolkit on the command line"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Estimate what a charging session will cost
    #[command(long_about = ESTIMATE_ABOUT, after_long_help = ESTIMATE_DETAILS)]
    Estimate(EstimateArgs),
    /// Play the whole user journey: user, billing, payment method, stations, estimate,
    /// start, watch, stop, CDR, invoice (on an embedded sandbox by default)
    Journey(journey::JourneyArgs),
    /// Price every station around a point for one planned charge, cheapest first, with the
    /// cheapest start in the next 24 hours and why a station is left out (on an embedded
    /// sandbox by default)
    Offers(offers::OffersArgs),
    /// Every use case of the API in a browser: serves a page and the API (an embedded
    /// sandbox by default) on one origin, and prints its URL
    Playground(playground::PlaygroundArgs),
    /// Run the sandbox: a stateful fake of the whole API (see docs/sandbox.md)
    #[command(subcommand)]
    Sandbox(sandbox::SandboxCommand),
}

const ESTIMATE_ABOUT: &str = "\
Estimate what a charging session will cost.

Reads one request as JSON from FILE, or from stdin when FILE is `-` or absent, and prints the \
estimate as a table (or as JSON with --json). With --batch, reads one request per line and \
writes one JSON result per line.";

const ESTIMATE_DETAILS: &str = r#"REQUEST
  {"price_group": {...one entry of a station's price_groups[], as the API publishes it...},
   "time_zone": "Europe/Berlin",
   "start": "2026-04-02T13:51:18Z",
   "energy_kwh": "10", "power_kw": "22",
   "plug_out": "2026-04-02T18:00:00Z",
   "is_partner": false, "policy": "frozen_at_start", "blocking_basis": "session_start"}

  price_group     required; errors name its fields, e.g. price_group.prices.kwh_price.ALL[0].time_from
  time_zone       the station's IANA zone; or instead:
  country         ISO 3166 code (DE, DEU), with latitude and longitude where the country
  latitude        has several zones (US, PT, ES, ...); never silently UTC
  longitude
  start           required; plug-in, RFC 3339 with an offset
  energy_kwh      kWh wanted  } constant power until delivered; or instead:
  power_kw        kW          }
  meter           [{"at": "...", "energy_kwh": "..."}, ...] cumulative readings since plug-in
  plug_out        optional; default: when charging ends (the last meter reading)
  is_partner      optional, default false (partner stations carry no starting fee)
  policy          optional: frozen_at_start (default) | per_moment
  blocking_basis  optional: session_start (default) | charging_complete

  Give exactly one charging form: meter, or energy_kwh with power_kw. Decimals may be strings
  or JSON numbers; optional fields may be null. Unknown fields are errors, never ignored.

OUTPUT (--json and --batch)
  The session_cost amounts (kwh_cost, time_cost, session_fee_cost, blocking_fee_cost,
  starting_fee_cost, invoice_vat, invoice_summary) as decimal strings with the currency's
  decimals, currency, pre_authorization_amount, exceeds_pre_authorization,
  blocking_cap_applied (or null), lines (per band: component, band, from, to, quantity, unit,
  unit_price, net, tax_percent, vat, gross; amounts to at most 6 decimals), vat (per rate),
  warnings (source, type, path for tariff warnings, message, details) and session (start,
  charging_end, plug_out, energy_kwh, charging_seconds). In batch mode each result also
  carries its input "line".

BATCH
  connect estimate --batch requests.jsonl > results.jsonl
  One request per line (JSON Lines; blank lines are skipped). Exactly one JSON line is written
  per request, in input order: the result, or for a bad request
    {"line": N, "error": {"field": "...", "message": "..."}}
  and the lines after it go on. A line longer than --max-line-bytes (default 4 MiB) is such
  an error line too; a JSON syntax error names its line and column; a UTF-8 byte-order mark
  is ignored.

EXIT STATUS
  0  the estimate was printed; with --batch: every request succeeded
  1  with --batch: at least one request failed; or an I/O error (unreadable file, closed output)
  2  the request is invalid (the error names the field), or the command line is

EXAMPLE
  connect estimate --example          the bundled request: a 22 kW AC station in Worms, DE
  connect estimate --example --json
  connect estimate request.json --json"#;

#[derive(Debug, Args)]
struct EstimateArgs {
    /// The request, as JSON; `-` or none reads stdin
    #[arg(value_name = "FILE", conflicts_with_all = ["batch", "example"])]
    file: Option<PathBuf>,

    /// Print the estimate as JSON instead of a table
    #[arg(long)]
    json: bool,

    /// Price one request per line of FILE (`-` for stdin), writing one JSON result per line;
    /// exits 1 if any line failed
    #[arg(long, value_name = "FILE", conflicts_with = "example")]
    batch: Option<PathBuf>,

    /// Price the bundled example request (a 22 kW AC station in Worms, DE)
    #[arg(long)]
    example: bool,

    /// With --batch: the longest line read, in bytes; a longer line is answered with an
    /// error line and the batch goes on
    #[arg(long, value_name = "BYTES", default_value_t = batch::DEFAULT_MAX_LINE_BYTES, requires = "batch")]
    max_line_bytes: usize,

    /// Measuring aid: stop each batch line after this stage and write nothing
    #[arg(long, hide = true, value_enum, requires = "batch")]
    batch_stop_after: Option<Stage>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Estimate(args) => estimate(&args),
        Command::Journey(args) => journey::run(&args),
        Command::Offers(args) => offers::run(&args),
        Command::Playground(args) => playground::run(&args),
        Command::Sandbox(command) => sandbox::run(&command),
    }
}

/// Whether a path means stdin.
fn is_stdin(path: Option<&Path>) -> bool {
    path.is_none_or(|path| path.as_os_str() == "-")
}

fn estimate(args: &EstimateArgs) -> ExitCode {
    if let Some(path) = &args.batch {
        return run_batch(
            path,
            args.batch_stop_after.unwrap_or_default(),
            args.max_line_bytes,
        );
    }
    let text = if args.example {
        EXAMPLE.to_owned()
    } else {
        match read_request(args.file.as_deref()) {
            Ok(text) => text,
            Err(error) => return io_failure(&error, "reading the request"),
        }
    };
    let (output, zone) = match Pricer::default().price(&text) {
        Ok(priced) => priced,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let written = if args.json {
        serde_json::to_writer_pretty(&mut out, &output)
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
    } else {
        out.write_all(table::render(&output, zone).as_bytes())
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => io_failure(&error, "writing the estimate"),
    }
}

fn read_request(path: Option<&Path>) -> io::Result<String> {
    match path {
        Some(path) if !is_stdin(Some(path)) => fs::read_to_string(path)
            .map_err(|error| io::Error::new(error.kind(), format!("{}: {error}", path.display()))),
        _ => {
            let mut text = String::new();
            io::stdin().lock().read_to_string(&mut text)?;
            Ok(text)
        }
    }
}

fn run_batch(path: &Path, stage: Stage, max_line_bytes: usize) -> ExitCode {
    let stdout = io::stdout();
    let mut output = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let summary = if is_stdin(Some(path)) {
        let stdin = io::stdin();
        batch::run(&mut stdin.lock(), &mut output, stage, max_line_bytes)
    } else {
        match fs::File::open(path) {
            Ok(file) => batch::run(
                &mut BufReader::with_capacity(1 << 16, file),
                &mut output,
                stage,
                max_line_bytes,
            ),
            Err(error) => {
                let error = io::Error::new(error.kind(), format!("{}: {error}", path.display()));
                return io_failure(&error, "reading the batch");
            }
        }
    };
    match summary {
        Ok(summary) if summary.failed == 0 => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(EXIT_FAILURE),
        Err(error) => io_failure(&error, "batch"),
    }
}

/// Reports an I/O error (quietly when the reader of our output has gone away).
fn io_failure(error: &io::Error, doing: &str) -> ExitCode {
    if error.kind() == io::ErrorKind::InvalidData {
        eprintln!("error: {doing}: {error}");
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    if error.kind() != io::ErrorKind::BrokenPipe {
        eprintln!("error: {doing}: {error}");
    }
    ExitCode::from(EXIT_FAILURE)
}

/// The runtime the networked commands (`journey`, `sandbox serve`) run on; `None` after
/// saying why it could not start.
fn runtime() -> Option<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .inspect_err(|error| eprintln!("error: cannot start the runtime: {error}"))
        .ok()
}
