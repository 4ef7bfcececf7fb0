//! Charging: start, stop, sessions, ratings, and invoices.

use axum::Json;
use axum::extract::Path;
use axum::http::{StatusCode, Uri};
use connect_domain::ids::{PaymentMethodId, SessionId, UserId};
use connect_ports::{ApiError, Charging, Invoices, StartCharging};
use connect_wire::domain::rating_from_wire;
use connect_wire::invoices::Invoice;
use connect_wire::page::Paginated;
use connect_wire::sessions::{ChargingSession, PatchedChargingSession, StartChargingRequest};

use crate::auth::Tenant;
use crate::body::Body;
use crate::error::HttpResult;
use crate::page::{BaseUrl, Pairs, envelope};

/// `POST /api/v1/users/{user_id}/charging/start/` → 201.
pub(crate) async fn start(
    Tenant(api): Tenant,
    Path(user): Path<String>,
    Body(body): Body<StartChargingRequest>,
) -> HttpResult<(StatusCode, Json<ChargingSession>)> {
    let request = StartCharging::new(body.evse_id, PaymentMethodId::new(body.payment_method_id));
    let session = api.start_charging(&UserId::new(user), request).await?;
    Ok((StatusCode::CREATED, Json(ChargingSession::from(&session))))
}

/// `POST /api/v1/users/{user_id}/charging/stop/{session_id}/` → 204.
pub(crate) async fn stop(
    Tenant(api): Tenant,
    Path((user, session)): Path<(String, String)>,
) -> HttpResult<StatusCode> {
    api.stop_charging(&UserId::new(user), &SessionId::new(session))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/users/{user_id}/charging-sessions/`.
pub(crate) async fn list(
    Tenant(api): Tenant,
    Path(user): Path<String>,
    uri: Uri,
    base: BaseUrl,
) -> HttpResult<Json<Paginated<ChargingSession>>> {
    let page = api
        .sessions(&UserId::new(user), Pairs::of(&uri)?.page().request()?)
        .await?;
    Ok(Json(envelope(page, &uri, &base, |session| {
        ChargingSession::from(&session)
    })?))
}

/// `GET /api/v1/users/{user_id}/charging-sessions/{session_id}/`.
pub(crate) async fn get(
    Tenant(api): Tenant,
    Path((user, session)): Path<(String, String)>,
) -> HttpResult<Json<ChargingSession>> {
    let session = api
        .session(&UserId::new(user), &SessionId::new(session))
        .await?;
    Ok(Json(ChargingSession::from(&session)))
}

/// `PATCH /api/v1/users/{user_id}/charging-sessions/{session_id}/`: only `rates` is
/// writable; other fields are read-only and ignored, as the API's serializer does.
pub(crate) async fn rate(
    Tenant(api): Tenant,
    Path((user, session)): Path<(String, String)>,
    Body(body): Body<PatchedChargingSession>,
) -> HttpResult<Json<ChargingSession>> {
    let (user, session) = (UserId::new(user), SessionId::new(session));
    let Some(rates) = body.rates else {
        return Ok(Json(ChargingSession::from(
            &api.session(&user, &session).await?,
        )));
    };
    let rating = rates
        .as_ref()
        .map(rating_from_wire)
        .transpose()
        .map_err(|error| ApiError::validation(error.field, error.message))?;
    let session = api.rate_session(&user, &session, rating).await?;
    Ok(Json(ChargingSession::from(&session)))
}

/// `GET /api/v1/users/{user_id}/invoices/`.
pub(crate) async fn invoices(
    Tenant(api): Tenant,
    Path(user): Path<String>,
    uri: Uri,
    base: BaseUrl,
) -> HttpResult<Json<Paginated<Invoice>>> {
    let page = api
        .invoices(&UserId::new(user), Pairs::of(&uri)?.page().request()?)
        .await?;
    Ok(Json(envelope(page, &uri, &base, |invoice| {
        Invoice::from(&invoice)
    })?))
}
