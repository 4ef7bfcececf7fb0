//! The control API under `/_sandbox/`: what the partner's frontend, another driver, the
//! station or time would do. Every call needs the same bearer token and acts in its tenant.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::Duration;
use connect_domain::ids::SessionId;
use connect_ports::ApiError;
use serde::{Deserialize, Serialize};

use crate::auth::Tenant;
use crate::body::Body;
use crate::error::HttpResult;
use crate::state::AppState;

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

/// The sandbox's time.
#[derive(Debug, Serialize)]
pub(crate) struct Now {
    now: String,
}

fn now_of(state: &AppState) -> Json<Now> {
    Json(Now {
        now: state
            .clock
            .now()
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
    })
}

/// `GET /_sandbox/clock`.
pub(crate) async fn clock(_tenant: Tenant, State(state): State<AppState>) -> Json<Now> {
    now_of(&state)
}

/// `POST /_sandbox/clock/advance` `{"seconds": N}` (0 to a year).
pub(crate) async fn advance_clock(
    _tenant: Tenant,
    State(state): State<AppState>,
    Body(body): Body<Advance>,
) -> HttpResult<Json<Now>> {
    const YEAR: i64 = 366 * 24 * 3600;
    if !(0..=YEAR).contains(&body.seconds) {
        return Err(
            ApiError::validation("seconds", format!("must be between 0 and {YEAR}")).into(),
        );
    }
    state.clock.advance(Duration::seconds(body.seconds));
    Ok(now_of(&state))
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
pub(crate) async fn reset(Tenant(api): Tenant) -> StatusCode {
    api.reset();
    StatusCode::NO_CONTENT
}
