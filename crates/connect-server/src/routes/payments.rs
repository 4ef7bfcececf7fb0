//! Payment methods, setup intents and debts.

use axum::Json;
use axum::extract::Path;
use axum::http::{StatusCode, Uri};
use connect_domain::ids::{PaymentMethodId, UserId};
use connect_domain::payment::SetupKind;
use connect_ports::{ApiError, Payments};
use connect_wire::page::Paginated;
use connect_wire::payments::{Debt, PaymentMethod, SetupIntent};

use crate::auth::Tenant;
use crate::error::HttpResult;
use crate::page::{BaseUrl, Pairs, envelope};

/// `GET /api/v1/users/{user_id}/setup-intents/?pm_type=card`.
pub(crate) async fn setup_intent(
    Tenant(api): Tenant,
    Path(user): Path<String>,
    uri: Uri,
) -> HttpResult<Json<SetupIntent>> {
    let kind = match Pairs::of(&uri)?.last("pm_type") {
        None => SetupKind::Card,
        Some("") => {
            return Err(ApiError::validation("pm_type", "This field may not be blank.").into());
        }
        Some(text) => SetupKind::parse(text),
    };
    let intent = api.setup_intent(&UserId::new(user), kind).await?;
    Ok(Json(SetupIntent::from(&intent)))
}

/// `GET /api/v1/users/{user_id}/payment-methods/`.
pub(crate) async fn list(
    Tenant(api): Tenant,
    Path(user): Path<String>,
    uri: Uri,
    base: BaseUrl,
) -> HttpResult<Json<Paginated<PaymentMethod>>> {
    let page = api
        .payment_methods(&UserId::new(user), Pairs::of(&uri)?.page().request()?)
        .await?;
    Ok(Json(envelope(page, &uri, &base, |method| {
        PaymentMethod::from(&method)
    })?))
}

/// `POST /api/v1/users/{user_id}/payment-methods/{pm}/default/` → 204.
pub(crate) async fn set_default(
    Tenant(api): Tenant,
    Path((user, pm)): Path<(String, String)>,
) -> HttpResult<StatusCode> {
    api.set_default_payment_method(&UserId::new(user), &PaymentMethodId::new(pm))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /api/v1/users/{user_id}/payment-methods/{pm}/` → 204.
pub(crate) async fn delete(
    Tenant(api): Tenant,
    Path((user, pm)): Path<(String, String)>,
) -> HttpResult<StatusCode> {
    api.delete_payment_method(&UserId::new(user), &PaymentMethodId::new(pm))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/users/{user_id}/charging/debts/`.
pub(crate) async fn debts(
    Tenant(api): Tenant,
    Path(user): Path<String>,
    uri: Uri,
    base: BaseUrl,
) -> HttpResult<Json<Paginated<Debt>>> {
    let page = api
        .debts(&UserId::new(user), Pairs::of(&uri)?.page().request()?)
        .await?;
    Ok(Json(envelope(page, &uri, &base, |debt| Debt::from(&debt))?))
}
