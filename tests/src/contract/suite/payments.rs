//! Cards, default payment methods, 3-D Secure and debts.

use connect_domain::ids::PaymentMethodId;
use connect_domain::payment::SetupKind;
use connect_ports::{ErrorKind, PageRequest};
use rust_decimal::Decimal;

#[allow(clippy::wildcard_imports)]
use super::prelude::*;
use super::{add_card, charge_and_bill, new_user, ok, ready_user, refused, start};
use crate::contract::fixtures::{
    DECLINED, INSUFFICIENT_FUNDS, MASTERCARD, THREE_D_SECURE, VISA, WORMS_EVSE, WORMS_EVSE_1,
};
use crate::contract::{Control, Harness};

/// The docs' session: 1637 s at 22 kW are 10.003 kWh, 5.39 € at 0.54 €/kWh.
const DOCS_SECONDS: u32 = 1637;

fn docs_total() -> Decimal {
    Decimal::new(539, 2)
}

/// Stripe's declined card is refused with 402 `payment_method_error` and attaches nothing;
/// an unknown card number is a 400; an unknown setup intent a 404.
pub async fn declined_and_unknown_cards_are_not_attached<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let user = new_user(&me.api).await;
    let intent = ok(
        "setup intent",
        me.api.setup_intent(&user, SetupKind::Card).await,
    );
    assert!(
        intent.client_secret.starts_with("seti_") && intent.client_secret.contains("_secret_"),
        "{}",
        intent.client_secret
    );
    let declined = me
        .control
        .confirm_setup_intent(&intent.client_secret, DECLINED)
        .await
        .expect_err("the declined card");
    assert_eq!(
        (declined.status, &declined.kind),
        (402, &ErrorKind::PaymentMethod),
        "{declined}"
    );
    let intent = ok(
        "another setup intent",
        me.api.setup_intent(&user, SetupKind::Card).await,
    );
    let unknown = me
        .control
        .confirm_setup_intent(&intent.client_secret, "1234 5678 9012 3456")
        .await
        .expect_err("an unknown card");
    assert_eq!(unknown.status, 400, "{unknown}");
    let missing = me
        .control
        .confirm_setup_intent("seti_nope_secret_nope", VISA)
        .await
        .expect_err("an unknown setup intent");
    assert_eq!(missing.status, 404, "{missing}");
    let methods = ok(
        "payment methods",
        me.api.payment_methods(&user, PageRequest::default()).await,
    );
    assert_eq!((methods.count, methods.items.len()), (0, 0));
}

/// Each setup intent has its own secret and attaches one card: confirming it twice is a 400.
pub async fn setup_intents_are_single_use<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let user = new_user(&me.api).await;
    let first = ok(
        "setup intent",
        me.api.setup_intent(&user, SetupKind::Card).await,
    );
    let second = ok(
        "setup intent",
        me.api.setup_intent(&user, SetupKind::Card).await,
    );
    assert_ne!(first.client_secret, second.client_secret);
    let attached = me
        .control
        .confirm_setup_intent(&first.client_secret, VISA)
        .await
        .expect("confirm");
    assert_eq!(
        (attached.brand.as_str(), attached.last4.as_str()),
        ("visa", "4242")
    );
    let again = me
        .control
        .confirm_setup_intent(&first.client_secret, MASTERCARD)
        .await
        .expect_err("a used setup intent");
    assert_eq!(again.status, 400, "{again}");
    let methods = ok(
        "payment methods",
        me.api.payment_methods(&user, PageRequest::default()).await,
    );
    assert_eq!(methods.count, 1);
    assert_eq!(methods.items[0].id, attached.payment_method_id);
    refused(
        "a setup intent for an unknown user",
        me.api
            .setup_intent(&connect_domain::ids::UserId::new("nobody"), SetupKind::Card)
            .await,
        404,
        &ErrorKind::NotFound,
    );
}

/// The first card is the default, later ones are not; lists are newest first; the default can
/// be moved to another card (404 for an unknown one).
pub async fn the_first_card_is_the_default_and_defaults_can_be_changed<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let user = new_user(&me.api).await;
    let first = add_card(me, &user, VISA).await;
    assert!(first.is_default, "the first card is the default");
    let second = add_card(me, &user, MASTERCARD).await;
    assert!(!second.is_default);
    let methods = ok(
        "payment methods",
        me.api.payment_methods(&user, PageRequest::default()).await,
    );
    assert_eq!(methods.count, 2);
    let listed: Vec<(&PaymentMethodId, bool, &str, &str)> = methods
        .items
        .iter()
        .map(|m| {
            (
                &m.id,
                m.is_default,
                m.card.brand.as_str(),
                m.card.last4.as_str(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            (&second.payment_method_id, false, "mastercard", "4444"),
            (&first.payment_method_id, true, "visa", "4242"),
        ],
        "newest first"
    );
    ok(
        "set the default",
        me.api
            .set_default_payment_method(&user, &second.payment_method_id)
            .await,
    );
    let defaults: Vec<(PaymentMethodId, bool)> = ok(
        "payment methods",
        me.api.payment_methods(&user, PageRequest::default()).await,
    )
    .items
    .into_iter()
    .map(|m| (m.id, m.is_default))
    .collect();
    assert_eq!(
        defaults,
        [
            (second.payment_method_id.clone(), true),
            (first.payment_method_id.clone(), false)
        ]
    );
    refused(
        "an unknown default",
        me.api
            .set_default_payment_method(&user, &PaymentMethodId::new("pm_nope"))
            .await,
        404,
        &ErrorKind::NotFound,
    );
}

/// A payment method cannot be removed while it is the default and others remain, or while
/// an active session uses it (400 `payment_method_error`); otherwise it can, down to none.
pub async fn payment_method_removal_restrictions<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let (user, default) = ready_user(me, VISA).await;
    let other = add_card(me, &user, MASTERCARD).await.payment_method_id;
    let refusal = ErrorKind::PaymentMethod;
    refused(
        "remove the default while another remains",
        me.api.delete_payment_method(&user, &default).await,
        400,
        &refusal,
    );
    refused(
        "remove an unknown method",
        me.api
            .delete_payment_method(&user, &PaymentMethodId::new("pm_nope"))
            .await,
        404,
        &ErrorKind::NotFound,
    );
    let session = ok("start", start(&me.api, &user, WORMS_EVSE, &other).await);
    refused(
        "remove the method an active session uses",
        me.api.delete_payment_method(&user, &other).await,
        400,
        &refusal,
    );
    ok("stop", me.api.stop_charging(&user, &session.id).await);
    ok(
        "remove it once stopped",
        me.api.delete_payment_method(&user, &other).await,
    );
    ok(
        "remove the default when it is the last",
        me.api.delete_payment_method(&user, &default).await,
    );
    let methods = ok(
        "payment methods",
        me.api.payment_methods(&user, PageRequest::default()).await,
    );
    assert_eq!((methods.count, methods.items.len()), (0, 0));
}

/// A card that needs 3-D Secure: a start answers 402 `pre_authorization_failed` with a
/// payment intent (the same one until confirmed); once confirmed, the next start with the
/// same card and EVSE succeeds, and the hold is used up by it.
pub async fn three_d_secure_card_needs_its_payment_intent_confirmed<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let (user, card) = ready_user(me, THREE_D_SECURE).await;
    let pre_authorization = ErrorKind::PreAuthorizationFailed;
    let first = refused(
        "start with a 3-D Secure card",
        start(&me.api, &user, WORMS_EVSE, &card).await,
        402,
        &pre_authorization,
    );
    assert_eq!(first.detail, "Charging Error");
    let secret = first
        .payment_intent_client_secret
        .clone()
        .expect("a payment intent to confirm");
    assert!(
        secret.starts_with("pi_") && secret.contains("_secret_"),
        "{secret}"
    );
    let again = refused(
        "start again before confirming",
        start(&me.api, &user, WORMS_EVSE, &card).await,
        402,
        &pre_authorization,
    );
    assert_eq!(
        again.payment_intent_client_secret.as_deref(),
        Some(&*secret),
        "the same intent until it is confirmed"
    );
    assert_eq!(
        ok(
            "sessions",
            me.api.sessions(&user, PageRequest::default()).await
        )
        .count,
        0
    );
    me.control
        .confirm_payment_intent(&secret)
        .await
        .expect("confirm the payment intent");
    let session = ok(
        "start after 3-D Secure",
        start(&me.api, &user, WORMS_EVSE, &card).await,
    );
    assert!(session.is_active);
    ok("stop", me.api.stop_charging(&user, &session.id).await);
    let next = refused(
        "the next start needs a new confirmation",
        start(&me.api, &user, WORMS_EVSE, &card).await,
        402,
        &pre_authorization,
    );
    assert_ne!(
        next.payment_intent_client_secret.as_deref(),
        Some(&*secret),
        "a used hold is not reused"
    );
    let unknown = me
        .control
        .confirm_payment_intent("pi_nope_secret_nope")
        .await
        .expect_err("an unknown payment intent");
    assert_eq!(unknown.status, 404, "{unknown}");
}

/// Insufficient funds: attaching works, the charge at the CDR fails and the session becomes
/// a debt (with its amount and payment intent) that blocks the next start with 402
/// `payment_error`; confirming its payment intent pays it and issues the invoice.
pub async fn insufficient_funds_become_a_debt_paid_through_its_payment_intent<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let (user, card) = ready_user(me, INSUFFICIENT_FUNDS).await;
    let session = ok("start", start(&me.api, &user, WORMS_EVSE, &card).await);
    me.control.advance_clock(DOCS_SECONDS).await;
    ok("stop", me.api.stop_charging(&user, &session.id).await);
    me.control.advance_clock(60).await;

    let debts = ok("debts", me.api.debts(&user, PageRequest::default()).await);
    assert_eq!(debts.count, 1);
    let debt = &debts.items[0];
    assert_eq!(debt.session_id, session.id);
    assert_eq!(debt.amount, docs_total());
    assert!(
        debt.currency.eq_ignore_ascii_case("eur"),
        "{}",
        debt.currency
    );
    assert!(debt.payment_intent_client_secret.starts_with("pi_"));
    let billed = ok("session", me.api.session(&user, &session.id).await);
    let bill = billed.bill.expect("the CDR's bill");
    assert_eq!(bill.cost.invoice_summary, docs_total());
    assert_eq!(bill.invoice_download, None, "not paid, no invoice");
    assert_eq!(
        ok(
            "invoices",
            me.api.invoices(&user, PageRequest::default()).await
        )
        .count,
        0
    );
    let blocked = refused(
        "start with an unpaid debt",
        start(&me.api, &user, WORMS_EVSE_1, &card).await,
        402,
        &ErrorKind::Payment,
    );
    assert!(blocked.details.is_some(), "{blocked}");

    me.control
        .confirm_payment_intent(&debt.payment_intent_client_secret)
        .await
        .expect("pay the debt");
    assert_eq!(
        ok("debts", me.api.debts(&user, PageRequest::default()).await).count,
        0
    );
    let invoices = ok(
        "invoices",
        me.api.invoices(&user, PageRequest::default()).await,
    );
    assert_eq!(invoices.count, 1);
    let invoice = &invoices.items[0];
    assert_eq!(invoice.total, docs_total());
    assert_eq!(invoice.charging_session_id.as_ref(), Some(&session.id));
    assert!(invoice.currency.eq_ignore_ascii_case("eur"));
    assert!(!invoice.refund);
    let paid = ok("session", me.api.session(&user, &session.id).await);
    assert_eq!(
        paid.bill.and_then(|bill| bill.invoice_download).as_deref(),
        Some(invoice.link.as_str())
    );
    ok(
        "start once paid",
        start(&me.api, &user, WORMS_EVSE_1, &card).await,
    );
}

/// While debts are unpaid neither the user (soft delete) nor a payment method can be
/// removed (402 `payment_error`); once paid, both can.
pub async fn unpaid_debts_block_deleting_the_user_and_payment_methods<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let (user, card) = ready_user(me, INSUFFICIENT_FUNDS).await;
    charge_and_bill(me, &user, &card, WORMS_EVSE, 600).await;
    let debts = ok("debts", me.api.debts(&user, PageRequest::default()).await);
    assert_eq!(debts.count, 1);
    let payment = ErrorKind::Payment;
    refused(
        "delete a user with debts",
        me.api.delete_user(&user).await,
        402,
        &payment,
    );
    refused(
        "remove a payment method with debts",
        me.api.delete_payment_method(&user, &card).await,
        402,
        &payment,
    );
    ok("the user is still there", me.api.get_user(&user).await);
    me.control
        .confirm_payment_intent(&debts.items[0].payment_intent_client_secret)
        .await
        .expect("pay the debt");
    ok(
        "remove the payment method once paid",
        me.api.delete_payment_method(&user, &card).await,
    );
    ok("delete once paid", me.api.delete_user(&user).await);
    refused(
        "the deleted user",
        me.api.get_user(&user).await,
        404,
        &ErrorKind::NotFound,
    );
}

/// A user charging right now cannot be soft-deleted (402 `payment_error`, as for debts):
/// the session stays reachable, is stopped and billed, and frees its EVSE; once stopped,
/// the user can be deleted.
pub async fn an_active_session_blocks_deleting_the_user<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let (user, card) = ready_user(me, VISA).await;
    let session = ok("start", start(&me.api, &user, WORMS_EVSE, &card).await);
    refused(
        "delete a user who is charging",
        me.api.delete_user(&user).await,
        402,
        &ErrorKind::Payment,
    );
    me.control.advance_clock(600).await;
    ok("stop", me.api.stop_charging(&user, &session.id).await);
    me.control
        .deliver_cdr(&session.id)
        .await
        .expect("deliver the CDR");
    let billed = ok("the session", me.api.session(&user, &session.id).await);
    assert!(
        billed
            .bill
            .is_some_and(|bill| !bill.cost.invoice_summary.is_zero()),
        "the session was billed"
    );
    ok("delete once stopped", me.api.delete_user(&user).await);
    let (second, second_card) = ready_user(me, VISA).await;
    ok(
        "the EVSE is free again",
        start(&me.api, &second, WORMS_EVSE, &second_card).await,
    );
}
