//! The control API under `/_sandbox/`: what the partner's frontend, another driver, the
//! station or time would do. Every call needs the same bearer token and acts in its tenant.

use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use connect_domain::ids::SessionId;
use connect_fake::clock::{ClockMode, MAX_ADVANCE};
use connect_fake::sandbox::Connection;
use connect_ports::ApiError;
use serde::{Deserialize, Serialize};

use crate::auth::Tenant;
use crate::body::Body;
use crate::error::HttpResult;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CardNumber {
    card_number: String,
}

/// The payment method a confirmed setup intent attached.
#[derive(Debug, Serialize)]
pub(crate) struct Attached {
    payment_method_id: String,
    brand: String,
    last4: String,
    default: bool,
}

/// `POST /_sandbox/setup-intents/{client_secret}/confirm` `{"card_number": "…"}`.
pub(crate) async fn confirm_setup_intent(
    Tenant(api): Tenant,
    Path(client_secret): Path<String>,
    Body(body): Body<CardNumber>,
) -> HttpResult<(StatusCode, Json<Attached>)> {
    let method = api.confirm_setup_intent(&client_secret, &body.card_number)?;
    Ok((
        StatusCode::CREATED,
        Json(Attached {
            payment_method_id: method.id.to_string(),
            brand: method.card.brand,
            last4: method.card.last4,
            default: method.is_default,
        }),
    ))
}

/// `POST /_sandbox/payment-intents/{client_secret}/confirm`.
pub(crate) async fn confirm_payment_intent(
    Tenant(api): Tenant,
    Path(client_secret): Path<String>,
) -> HttpResult<StatusCode> {
    api.confirm_payment_intent(&client_secret)?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Advance {
    seconds: i64,
}

/// How a tenant asks its clock to run: `{"mode": "manual", "now": "…Z"}` or
/// `{"mode": "real", "speed": N}`.
#[derive(Debug, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum SetClock {
    Manual { now: DateTime<Utc> },
    Real { speed: u32 },
}

/// The tenant's time, and how its clock runs.
#[derive(Debug, Serialize)]
pub(crate) struct ClockReading {
    now: String,
    mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    speed: Option<u32>,
}

fn now_of(api: &Connection, now: DateTime<Utc>) -> HttpResult<Json<ClockReading>> {
    let (mode, speed) = match api.clock_mode()? {
        ClockMode::Running { speed } => ("real", Some(speed)),
        _ => ("manual", None),
    };
    Ok(Json(ClockReading {
        now: now.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        mode,
        speed,
    }))
}

/// `GET /_sandbox/clock`: the caller's tenant's time.
pub(crate) async fn clock(Tenant(api): Tenant) -> HttpResult<Json<ClockReading>> {
    let now = api.now()?;
    now_of(&api, now)
}

/// `PUT /_sandbox/clock`: how the caller's tenant's clock runs.
pub(crate) async fn set_clock(
    Tenant(api): Tenant,
    Body(body): Body<SetClock>,
) -> HttpResult<Json<ClockReading>> {
    let mode = match body {
        SetClock::Manual { now } => ClockMode::Manual { now },
        SetClock::Real { speed } => ClockMode::Running { speed },
    };
    let now = api.set_clock(mode)?;
    now_of(&api, now)
}

/// `POST /_sandbox/clock/advance` `{"seconds": N}` (0 to 366 days): moves the caller's
/// tenant's clock, and no other.
pub(crate) async fn advance_clock(
    Tenant(api): Tenant,
    Body(body): Body<Advance>,
) -> HttpResult<Json<ClockReading>> {
    let by = Duration::try_seconds(body.seconds).ok_or_else(|| {
        ApiError::validation(
            "seconds",
            format!("must be between 0 and {}", MAX_ADVANCE.num_seconds()),
        )
    })?;
    let now = api.advance_clock(by)?;
    now_of(&api, now)
}

/// `POST /_sandbox/evses/{evse_id}/occupy`.
pub(crate) async fn occupy(
    Tenant(api): Tenant,
    Path(evse_id): Path<String>,
) -> HttpResult<StatusCode> {
    api.occupy_evse(&evse_id)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /_sandbox/evses/{evse_id}/release`.
pub(crate) async fn release(
    Tenant(api): Tenant,
    Path(evse_id): Path<String>,
) -> HttpResult<StatusCode> {
    api.release_evse(&evse_id)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /_sandbox/sessions/{session_id}/cdr`: deliver the charge detail record now.
pub(crate) async fn deliver_cdr(
    Tenant(api): Tenant,
    Path(session): Path<String>,
) -> HttpResult<StatusCode> {
    api.deliver_cdr(&SessionId::new(session))?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /_sandbox/reset`: forget everything this token did.
pub(crate) async fn reset(Tenant(api): Tenant) -> HttpResult<StatusCode> {
    api.reset()?;
    Ok(StatusCode::NO_CONTENT)
}
