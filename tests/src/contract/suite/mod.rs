//! The behaviours every adapter must show, one async function each, generic over the
//! [`Harness`](super::Harness) that runs them. Each asserts the values a partner relies on:
//! statuses and kinds of errors (through [`PortError`]), page counts, ids, amounts.
//!
//! Grouped by area: [`accounts`] (users, billing details, pages, tenants), [`payments`]
//! (cards, defaults, 3-D Secure, debts), [`charging`] (the docs' journey, the start checks,
//! progress, stop, CDRs, ratings) and [`stations`].

use std::fmt::Debug;

use connect_domain::account::{AccountType, BillingDetails, NewUser};
use connect_domain::ids::{PaymentMethodId, SessionId, UserId};
use connect_domain::payment::SetupKind;
use connect_domain::session::ChargingSession;
use connect_ports::{ApiError, ConnectApi, ErrorKind, PageRequest, PortError, StartCharging};

use super::{AttachedCard, Control, Tenant};

/// The port traits, in scope for their methods.
mod prelude {
    pub(super) use connect_ports::{
        Billing as _, Charging as _, Invoices as _, Payments as _, Stations as _, Users as _,
    };
}

pub mod accounts;
pub mod charging;
pub mod payments;
pub mod stations;

pub use accounts::{
    billing_details_start_empty_and_put_requires_line1_and_postal_code,
    invalid_user_fields_are_validation_errors_naming_the_field,
    italian_residents_need_their_tax_or_vat_id_to_start,
    pages_split_lists_with_counts_and_out_of_range_pages_are_not_found,
    reset_forgets_everything_the_tenant_did, starting_needs_complete_billing_details,
    tokens_are_isolated_from_each_other, users_are_created_read_updated_searched_and_soft_deleted,
};
pub use charging::{
    a_session_that_delivered_nothing_is_not_charged, busy_evse_refuses_starts_until_released,
    cdr_arrives_after_the_delay_or_through_control, documented_journey,
    one_active_session_per_user, out_of_order_evse_refuses_starts,
    progress_virtual_points_send_at_most_ten_updates,
    session_and_invoice_lists_are_paginated_newest_first, sessions_can_be_rated_and_unrated,
    shared_virtual_points_send_no_progress_until_the_cdr,
    start_errors_come_in_the_documented_order, steady_stations_show_energy_on_every_poll,
    stopping_twice_leaves_one_stopped_session, stopping_unknown_or_foreign_sessions_is_not_found,
};
pub use payments::{
    an_active_session_blocks_deleting_the_user, declined_and_unknown_cards_are_not_attached,
    insufficient_funds_become_a_debt_paid_through_its_payment_intent,
    payment_method_removal_restrictions, setup_intents_are_single_use,
    the_first_card_is_the_default_and_defaults_can_be_changed,
    three_d_secure_card_needs_its_payment_intent_confirmed,
    unpaid_debts_block_deleting_the_user_and_payment_methods,
};
pub use stations::{
    bad_positions_and_tiles_are_validation_errors,
    map_tiles_show_stations_up_close_and_clusters_far_out, partners_list_the_partner_operators,
    station_details_by_station_id_and_by_evse_id, stations_around_are_nearest_first_and_filtered,
};

/// The value of a call that must succeed.
#[track_caller]
pub fn ok<T, E: PortError>(what: &str, result: Result<T, E>) -> T {
    match result {
        Ok(value) => value,
        Err(error) => panic!("{what}: expected success, got {error} ({error:?})"),
    }
}

/// The API's answer to a call that must be refused with `status` and `kind`.
#[track_caller]
pub fn refused<T: Debug, E: PortError>(
    what: &str,
    result: Result<T, E>,
    status: u16,
    kind: &ErrorKind,
) -> ApiError {
    let error = match result {
        Ok(value) => panic!("{what}: expected {status} {kind}, got success: {value:?}"),
        Err(error) => error,
    };
    let Some(answer) = error.api_error() else {
        panic!("{what}: expected {status} {kind}, got a failure that is no API answer: {error}")
    };
    assert_eq!(
        (answer.status, &answer.kind),
        (status, kind),
        "{what}: {answer}"
    );
    assert_eq!(error.error_kind(), Some(kind), "{what}");
    answer.clone()
}

/// Asserts a 400 `validation_error` that names `field`: in the `detail` as the sandbox writes
/// it (`"line1: This field is required."`), and in [`ApiError::field`] when the adapter fills
/// it. (Whether both adapters fill it alike is the transcripts' business, see
/// [`transcript`](super::transcript): one root cause, one failing test.)
#[track_caller]
pub fn assert_names_field(what: &str, error: &ApiError, field: &str) {
    assert!(
        error.detail.starts_with(&format!("{field}:")),
        "{what}: the detail should name {field}: {error}"
    );
    if let Some(named) = error.field.as_deref() {
        assert_eq!(named, field, "{what}: {error}");
    }
}

/// A plain new user.
pub async fn new_user<A: ConnectApi>(api: &A) -> UserId {
    ok("create a user", api.create_user(NewUser::default()).await).id
}

/// Complete billing details of a German personal account (the docs' example, with a city).
pub fn german_billing() -> BillingDetails {
    {
        let mut details = BillingDetails::default();
        details.line1 = Some("BeKarl-Marx-Alleerlin".into());
        details.postal_code = Some("10243".into());
        details.country = Some("de".into());
        details.city = Some("Berlin".into());
        details.tax_id = Some("DE123456789".into());
        details.account_type = AccountType::Personal;
        details.company_name = None;
        details.vat_id = None;
        details.first_name = Some("Example".into());
        details.last_name = Some("Sample".into());
        details
    }
}

/// Attaches a test card to `user` through a setup intent, as the partner's frontend would.
pub async fn add_card<A: ConnectApi, C: Control>(
    tenant: &Tenant<A, C>,
    user: &UserId,
    card: &str,
) -> AttachedCard {
    let intent = ok(
        "setup intent",
        tenant.api.setup_intent(user, SetupKind::Card).await,
    );
    tenant
        .control
        .confirm_setup_intent(&intent.client_secret, card)
        .await
        .unwrap_or_else(|error| panic!("confirm the setup intent with {card}: {error}"))
}

/// A user ready to charge: German billing details and `card` attached.
pub async fn ready_user<A: ConnectApi, C: Control>(
    tenant: &Tenant<A, C>,
    card: &str,
) -> (UserId, PaymentMethodId) {
    let user = new_user(&tenant.api).await;
    ok(
        "billing details",
        tenant
            .api
            .replace_billing_details(&user, german_billing())
            .await,
    );
    let card = add_card(tenant, &user, card).await;
    (user, card.payment_method_id)
}

/// Starts charging at `evse` with `payment_method`.
///
/// # Errors
/// The adapter's refusal, as the suite wants to inspect it.
pub async fn start<A: ConnectApi>(
    api: &A,
    user: &UserId,
    evse: &str,
    payment_method: &PaymentMethodId,
) -> Result<ChargingSession, A::Error> {
    api.start_charging(user, StartCharging::new(evse, payment_method.clone()))
        .await
}

/// A whole session: start at `evse`, charge for `seconds`, stop, and deliver the CDR.
pub async fn charge_and_bill<A: ConnectApi, C: Control>(
    tenant: &Tenant<A, C>,
    user: &UserId,
    payment_method: &PaymentMethodId,
    evse: &str,
    seconds: u32,
) -> SessionId {
    let session = ok(
        "start",
        start(&tenant.api, user, evse, payment_method).await,
    );
    tenant.control.advance_clock(seconds).await;
    ok("stop", tenant.api.stop_charging(user, &session.id).await);
    tenant
        .control
        .deliver_cdr(&session.id)
        .await
        .unwrap_or_else(|error| panic!("deliver the CDR: {error}"));
    session.id
}

/// Page `page` of `size`.
pub fn page(page: u32, size: u32) -> PageRequest {
    PageRequest::new(page, size).expect("a valid page request")
}
