//! What the page asks our pricing engine (`connect-domain`), on the server: an estimate, the
//! displayed prices over the next hours, the cheapest start, and the recomputation of a
//! charge detail record. Each takes the request `connect estimate` reads (price group, the
//! station's zone or country and position, start, energy and power, plug-out, partner flag),
//! so the page, the command line and the engine agree on one format; its errors name the
//! field (`estimate.price_group.prices.kwh_price.ALL[0].time_from`).

use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use chrono::{DateTime, Duration, Utc};
use connect_domain::pricing::{
    self, Consumption, Difference, FinishedSession, PriceInterval, SessionCost,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::estimate::Pricer;
use crate::estimate::output::EstimateOutput;
use crate::estimate::request::RequestError;

/// The longest price timeline the page may ask for: a week.
const MAX_TIMELINE_HOURS: u32 = 24 * 7;

/// The engine's helpers under `/_playground/`.
pub(super) fn router() -> Router {
    Router::new()
        .route("/_playground/estimate", post(estimate))
        .route("/_playground/timeline", post(timeline))
        .route("/_playground/cheapest", post(cheapest))
        .route("/_playground/check", post(check))
}

/// A request the engine refused: 400 with the field and the message.
struct Refused(RequestError);

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        (StatusCode::BAD_REQUEST, axum::Json(self.0)).into_response()
    }
}

impl Refused {
    /// The error of the estimate request nested under `estimate`.
    fn nested(error: RequestError) -> Self {
        let field = if error.field.is_empty() {
            "estimate".to_owned()
        } else {
            format!("estimate.{}", error.field)
        };
        Self(RequestError::new(field, error.message))
    }
}

/// Reads a JSON body, naming the field that does not fit.
fn read<'a, T: Deserialize<'a>>(body: &'a str) -> Result<T, Refused> {
    let mut deserializer = serde_json::Deserializer::from_str(body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let field = error.path().to_string();
        let field = if field == "." { String::new() } else { field };
        Refused(RequestError::new(field, error.into_inner().to_string()))
    })
}

/// `POST /_playground/estimate`: the body is exactly `connect estimate`'s request.
async fn estimate(body: String) -> Result<axum::Json<EstimateOutput>, Refused> {
    let (output, _) = Pricer::default().price(&body).map_err(Refused)?;
    Ok(axum::Json(output))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineRequest<'a> {
    #[serde(borrow)]
    estimate: &'a RawValue,
    /// How many hours from the estimate's start.
    hours: u32,
}

#[derive(Serialize)]
struct Timeline {
    time_zone: String,
    intervals: Vec<PriceInterval>,
}

/// `POST /_playground/timeline`: the prices a driver sees over the `hours` after the
/// estimate's start, as stretches of constant prices.
async fn timeline(body: String) -> Result<axum::Json<Timeline>, Refused> {
    let request: TimelineRequest<'_> = read(&body)?;
    if request.hours == 0 || request.hours > MAX_TIMELINE_HOURS {
        return Err(Refused(RequestError::new(
            "hours",
            format!("must be 1 to {MAX_TIMELINE_HOURS}"),
        )));
    }
    let mut pricer = Pricer::default();
    let checked = pricer
        .check(request.estimate.get())
        .map_err(Refused::nested)?;
    let job = checked.job();
    let to = job.start + Duration::hours(i64::from(request.hours));
    let intervals =
        pricing::price_timeline(checked.price_group().tariff(), job.zone, job.start, to);
    Ok(axum::Json(Timeline {
        time_zone: job.zone.name().to_owned(),
        intervals,
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheapestRequest<'a> {
    #[serde(borrow)]
    estimate: &'a RawValue,
    /// The latest start the driver accepts.
    latest: DateTime<Utc>,
}

#[derive(Serialize)]
struct Cheapest {
    start: DateTime<Utc>,
    saving: Decimal,
    estimate: EstimateOutput,
    now: EstimateOutput,
    candidates: usize,
}

/// `POST /_playground/cheapest`: the start between the estimate's start and `latest` that
/// costs least, and what it saves against starting at once.
async fn cheapest(body: String) -> Result<axum::Json<Cheapest>, Refused> {
    let request: CheapestRequest<'_> = read(&body)?;
    let mut pricer = Pricer::default();
    let checked = pricer
        .check(request.estimate.get())
        .map_err(Refused::nested)?;
    let job = checked.job();
    let best = pricing::cheapest_start(
        checked.price_group(),
        job.zone,
        job.start,
        request.latest,
        &job.plan,
        &job.options,
    )
    .map_err(|error| match RequestError::pricing(error) {
        error if error.field == "latest" || error.field.is_empty() => {
            Refused(RequestError::new("latest", error.message))
        }
        error => Refused::nested(error),
    })?;
    Ok(axum::Json(Cheapest {
        start: best.start,
        saving: best.saving,
        estimate: checked.output(&best.estimate),
        now: checked.output(&best.now),
        candidates: best.candidates,
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckRequest<'a> {
    /// The station's price group, zone and partner flag (its start and plan are not used).
    #[serde(borrow)]
    estimate: &'a RawValue,
    /// The session as the API answers it, after its CDR.
    session: BilledSession,
}

/// The fields of a finished session the check reads (others are ignored).
#[derive(Deserialize)]
struct BilledSession {
    start_time: DateTime<Utc>,
    end_time: DateTime<Utc>,
    consumed_energy: Option<Decimal>,
    session_cost: SessionCost,
}

#[derive(Serialize)]
struct Check {
    matches: bool,
    differences: Vec<Difference>,
    expected: EstimateOutput,
}

/// `POST /_playground/check`: recomputes a billed session from the station's price group,
/// field by field, and explains each difference it finds.
async fn check(body: String) -> Result<axum::Json<Check>, Refused> {
    let request: CheckRequest<'_> = read(&body)?;
    let mut pricer = Pricer::default();
    let checked = pricer
        .check(request.estimate.get())
        .map_err(Refused::nested)?;
    let job = checked.job();
    let session = &request.session;
    let finished = FinishedSession {
        start: session.start_time,
        end: session.end_time,
        consumption: Consumption::Energy {
            energy_kwh: session.consumed_energy.unwrap_or_default(),
            charging_end: None,
        },
    };
    let outcome = pricing::check_invoice(
        checked.price_group(),
        job.zone,
        &finished,
        &job.options,
        &session.session_cost,
    )
    .map_err(|error| {
        let error = RequestError::pricing(error);
        Refused(RequestError::new("session", error.message))
    })?;
    Ok(axum::Json(Check {
        matches: outcome.matches,
        differences: outcome.differences,
        expected: checked.output(&outcome.expected),
    }))
}
