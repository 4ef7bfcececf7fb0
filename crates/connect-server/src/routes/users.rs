//! `/api/v1/users/…` and billing details.

use axum::Json;
use axum::extract::Path;
use axum::http::{StatusCode, Uri};
use connect_domain::account::{BillingDetails, NewUser, UserPatch};
use connect_domain::ids::UserId;
use connect_ports::{Billing, UserQuery, Users};
use connect_wire::billing::BillingDetails as WireBilling;
use connect_wire::page::Paginated;
use connect_wire::users::{PatchedUser, User};

use crate::auth::Tenant;
use crate::body::Body;
use crate::error::HttpResult;
use crate::page::{BaseUrl, Pairs, envelope};

/// `GET /api/v1/users/`.
pub(crate) async fn list(
    Tenant(api): Tenant,
    uri: Uri,
    base: BaseUrl,
) -> HttpResult<Json<Paginated<User>>> {
    let query = Pairs::of(&uri)?;
    let mut users = UserQuery::default().page(query.page().request()?);
    if let Some(search) = query.one("search") {
        users = users.search(search);
    }
    let page = api.list_users(users).await?;
    Ok(Json(envelope(page, &uri, &base, |user| User::from(&user))?))
}

/// `POST /api/v1/users/` → 201.
pub(crate) async fn create(
    Tenant(api): Tenant,
    Body(body): Body<PatchedUser>,
) -> HttpResult<(StatusCode, Json<User>)> {
    let user = api.create_user(NewUser::from(&body)).await?;
    Ok((StatusCode::CREATED, Json(User::from(&user))))
}

/// `GET /api/v1/users/{user_id}/`.
pub(crate) async fn get(Tenant(api): Tenant, Path(user): Path<String>) -> HttpResult<Json<User>> {
    let user = api.get_user(&UserId::new(user)).await?;
    Ok(Json(User::from(&user)))
}

/// `PATCH /api/v1/users/{user_id}/`.
pub(crate) async fn update(
    Tenant(api): Tenant,
    Path(user): Path<String>,
    Body(body): Body<PatchedUser>,
) -> HttpResult<Json<User>> {
    let user = api
        .update_user(&UserId::new(user), UserPatch::from(&body))
        .await?;
    Ok(Json(User::from(&user)))
}

/// `DELETE /api/v1/users/{user_id}/` → 204.
pub(crate) async fn delete(
    Tenant(api): Tenant,
    Path(user): Path<String>,
) -> HttpResult<StatusCode> {
    api.delete_user(&UserId::new(user)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/users/{user_id}/billing-details/`.
pub(crate) async fn billing(
    Tenant(api): Tenant,
    Path(user): Path<String>,
) -> HttpResult<Json<WireBilling>> {
    let details = api.billing_details(&UserId::new(user)).await?;
    Ok(Json(WireBilling::from(&details)))
}

/// `PUT /api/v1/users/{user_id}/billing-details/`: every field is replaced.
pub(crate) async fn replace_billing(
    Tenant(api): Tenant,
    Path(user): Path<String>,
    Body(body): Body<WireBilling>,
) -> HttpResult<Json<WireBilling>> {
    let details = api
        .replace_billing_details(&UserId::new(user), BillingDetails::from(&body))
        .await?;
    Ok(Json(WireBilling::from(&details)))
}
