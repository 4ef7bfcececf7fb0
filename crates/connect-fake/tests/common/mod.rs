//! What the sandbox's integration tests share: a user ready to charge.
#![allow(dead_code, clippy::unwrap_used)]

use connect_domain::account::{BillingDetails, NewUser};
use connect_domain::ids::{PaymentMethodId, UserId};
use connect_domain::payment::SetupKind;
use connect_fake::sandbox::Connection;
use connect_ports::{Billing, Payments, Users};

/// A resident of Berlin's billing details.
pub(crate) fn billing() -> BillingDetails {
    BillingDetails::personal("Example", "Sample").address(
        "Karl-Marx-Allee 1",
        "10243",
        "Berlin",
        "de",
    )
}

/// A new user with `billing` and the test card `card` attached (through a setup intent).
pub(crate) async fn ready_user_with(
    api: &Connection,
    billing: BillingDetails,
    card: &str,
) -> (UserId, PaymentMethodId) {
    let user = api.create_user(NewUser::default()).await.unwrap();
    api.replace_billing_details(&user.id, billing)
        .await
        .unwrap();
    let intent = api.setup_intent(&user.id, SetupKind::Card).await.unwrap();
    let method = api
        .confirm_setup_intent(&intent.client_secret, card)
        .unwrap();
    (user.id, method.id)
}

/// A new user living in Berlin with the test card `card` attached.
pub(crate) async fn ready_user(api: &Connection, card: &str) -> (UserId, PaymentMethodId) {
    ready_user_with(api, billing(), card).await
}
