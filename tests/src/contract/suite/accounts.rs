//! Users, billing details, pages and tenants.

use connect_domain::account::{AccountType, BillingDetails, Locale, NewUser, UserPatch};
use connect_domain::ids::UserId;
use connect_domain::payment::SetupKind;
use connect_domain::station::EvseStatus;
use connect_ports::{ErrorKind, PageRequest, StationLookup, UserQuery};

#[allow(clippy::wildcard_imports)]
use super::prelude::*;
use super::{
    add_card, assert_names_field, german_billing, new_user, ok, page, ready_user, refused, start,
};
use crate::contract::fixtures::{ITALIAN_VCP, VISA, WORMS_EVSE};
use crate::contract::{Control, Harness};

const NOT_FOUND: ErrorKind = ErrorKind::NotFound;

/// Users: created with the docs' fields (duplicate emails allowed), read, patched, listed in
/// creation order, searched by id and external id, and soft-deleted (404 afterwards, gone
/// from the list).
#[allow(clippy::too_many_lines)] // the life of a user, read top to bottom
pub async fn users_are_created_read_updated_searched_and_soft_deleted<H: Harness>() {
    let world = H::world().await;
    let api = &world.me.api;
    let created = ok(
        "create",
        api.create_user(NewUser {
            email: Some("user@example.com".into()),
            locale: Some(Locale::De),
            external_id: Some("abcdefg123456".into()),
        })
        .await,
    );
    assert_eq!(created.email.as_deref(), Some("user@example.com"));
    assert_eq!(created.locale, Some(Locale::De));
    assert_eq!(created.external_id.as_deref(), Some("abcdefg123456"));
    assert_eq!(created.id.as_str().len(), 36, "a UUID: {}", created.id);
    let second = ok(
        "a second user with the same email",
        api.create_user(NewUser {
            email: Some("user@example.com".into()),
            locale: Some(Locale::En),
            external_id: None,
        })
        .await,
    );
    assert_ne!(second.id, created.id);

    assert_eq!(ok("get", api.get_user(&created.id).await), created);
    let patched = ok(
        "patch the locale",
        api.update_user(
            &created.id,
            UserPatch {
                locale: Some(Locale::En),
                ..UserPatch::default()
            },
        )
        .await,
    );
    assert_eq!(patched.locale, Some(Locale::En));
    assert_eq!(patched.email, created.email, "a patch keeps what it omits");
    assert_eq!(patched.external_id, created.external_id);
    let cleared = ok(
        "clear the email",
        api.update_user(
            &created.id,
            UserPatch {
                email: Some(None),
                ..UserPatch::default()
            },
        )
        .await,
    );
    assert_eq!(cleared.email, None);
    assert_eq!(ok("get", api.get_user(&created.id).await), cleared);

    let all = ok("list", api.list_users(UserQuery::default()).await);
    assert_eq!(all.count, 2);
    let ids: Vec<&UserId> = all.items.iter().map(|user| &user.id).collect();
    assert_eq!(ids, [&created.id, &second.id], "creation order");
    let by_external = ok(
        "search by external id",
        api.list_users(UserQuery::default().search("abcdefg123456"))
            .await,
    );
    assert_eq!(by_external.count, 1);
    assert_eq!(by_external.items[0].id, created.id);
    let by_id = ok(
        "search by id",
        api.list_users(UserQuery::default().search(second.id.as_str()))
            .await,
    );
    assert_eq!(
        by_id.items.iter().map(|u| &u.id).collect::<Vec<_>>(),
        [&second.id]
    );
    let nobody = ok(
        "search for nobody",
        api.list_users(UserQuery::default().search("nobody")).await,
    );
    assert_eq!((nobody.count, nobody.items.len()), (0, 0));

    ok("delete", api.delete_user(&created.id).await);
    refused(
        "get a deleted user",
        api.get_user(&created.id).await,
        404,
        &NOT_FOUND,
    );
    refused(
        "patch a deleted user",
        api.update_user(&created.id, UserPatch::default()).await,
        404,
        &NOT_FOUND,
    );
    refused(
        "billing of a deleted user",
        api.billing_details(&created.id).await,
        404,
        &NOT_FOUND,
    );
    refused(
        "delete twice",
        api.delete_user(&created.id).await,
        404,
        &NOT_FOUND,
    );
    let left = ok("list", api.list_users(UserQuery::default()).await);
    assert_eq!(left.count, 1);
    assert_eq!(left.items[0].id, second.id);
    let searched = ok(
        "search a deleted user's external id",
        api.list_users(UserQuery::default().search("abcdefg123456"))
            .await,
    );
    assert_eq!(searched.count, 0);
}

/// A user's invalid fields are 400 `validation_error`s naming the field; nothing is stored.
pub async fn invalid_user_fields_are_validation_errors_naming_the_field<H: Harness>() {
    let world = H::world().await;
    let api = &world.me.api;
    let validation = ErrorKind::Validation;
    let error = refused(
        "create with a bad email",
        api.create_user(NewUser {
            email: Some("not-an-email".into()),
            ..NewUser::default()
        })
        .await,
        400,
        &validation,
    );
    assert_names_field("create with a bad email", &error, "email");
    let error = refused(
        "create with a long external id",
        api.create_user(NewUser {
            external_id: Some("x".repeat(251)),
            ..NewUser::default()
        })
        .await,
        400,
        &validation,
    );
    assert_names_field(
        "create with a long external id",
        &error,
        "custom_properties.external_id",
    );
    assert_eq!(
        ok("list", api.list_users(UserQuery::default()).await).count,
        0,
        "refused users are not stored"
    );
    let user = new_user(api).await;
    let error = refused(
        "patch with a bad email",
        api.update_user(
            &user,
            UserPatch {
                email: Some(Some("a@b".into())),
                ..UserPatch::default()
            },
        )
        .await,
        400,
        &validation,
    );
    assert_names_field("patch with a bad email", &error, "email");
    assert_eq!(ok("get", api.get_user(&user).await).email, None);
    let error = refused(
        "a setup intent of an unknown kind",
        api.setup_intent(&user, SetupKind::parse("sepa_debit"))
            .await,
        400,
        &validation,
    );
    assert_names_field("a setup intent of an unknown kind", &error, "pm_type");
    ok(
        "a paypal setup intent",
        api.setup_intent(&user, SetupKind::Paypal).await,
    );
}

/// Billing details: all empty and personal for a new user; `PUT` requires `line1` and
/// `postal_code` (a blank one is missing) and replaces every field.
pub async fn billing_details_start_empty_and_put_requires_line1_and_postal_code<H: Harness>() {
    let world = H::world().await;
    let api = &world.me.api;
    let user = new_user(api).await;
    let fresh = ok("fresh billing details", api.billing_details(&user).await);
    assert_eq!(fresh, BillingDetails::default());
    assert_eq!(fresh.account_type, AccountType::Personal);

    for (field, details) in [
        ("line1", {
            let mut details = german_billing();
            details.line1 = None;
            details
        }),
        ("postal_code", {
            let mut details = german_billing();
            details.postal_code = None;
            details
        }),
        ("line1", {
            let mut details = german_billing();
            details.line1 = Some("   ".into());
            details
        }),
        ("postal_code", {
            let mut details = german_billing();
            details.postal_code = Some(String::new());
            details
        }),
    ] {
        let error = refused(
            &format!("PUT without {field}"),
            api.replace_billing_details(&user, details).await,
            400,
            &ErrorKind::Validation,
        );
        assert_names_field(&format!("PUT without {field}"), &error, field);
    }
    assert_eq!(
        ok("billing details", api.billing_details(&user).await),
        BillingDetails::default(),
        "a refused PUT stores nothing"
    );

    let stored = ok(
        "PUT",
        api.replace_billing_details(&user, german_billing()).await,
    );
    assert_eq!(stored, german_billing());
    assert_eq!(
        ok("billing details", api.billing_details(&user).await),
        german_billing()
    );
    let business = {
        let mut details = BillingDetails::default();
        details.line1 = Some("BeKarl-Marx-Alleerlin".into());
        details.postal_code = Some("10243".into());
        details.country = Some("de".into());
        details.city = Some("Berlin".into());
        details.account_type = AccountType::Business;
        details.company_name = Some("CompanyName".into());
        details.vat_id = Some("DE123456789".into());
        details.first_name = Some("Example".into());
        details.last_name = Some("Sample".into());
        details.tax_id = None;
        details
    };
    let replaced = ok(
        "PUT business",
        api.replace_billing_details(&user, business.clone()).await,
    );
    assert_eq!(replaced, business);
    assert_eq!(
        ok("billing details", api.billing_details(&user).await).tax_id,
        None,
        "PUT replaces: the omitted tax id is gone"
    );
    refused(
        "billing details of an unknown user",
        api.billing_details(&UserId::new("00000000-0000-0000-0000-000000000000"))
            .await,
        404,
        &NOT_FOUND,
    );
}

/// Starting needs street, postal code and city, names for a personal account and a company
/// name for a business one: 409 `billing_data_required` naming what is missing.
pub async fn starting_needs_complete_billing_details<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let user = new_user(&me.api).await;
    let card = add_card(me, &user, VISA).await.payment_method_id;
    let missing = ErrorKind::BillingDataRequired;
    let error = refused(
        "start without billing details",
        start(&me.api, &user, WORMS_EVSE, &card).await,
        409,
        &missing,
    );
    assert_eq!(error.detail, "Charging Error");
    assert!(
        error
            .details
            .as_deref()
            .unwrap_or_default()
            .contains("line1"),
        "{error}"
    );
    let steps: [(BillingDetails, &str); 3] = [
        (
            {
                let mut details = german_billing();
                details.city = None;
                details
            },
            "city",
        ),
        (
            {
                let mut details = german_billing();
                details.first_name = None;
                details
            },
            "first_name",
        ),
        (
            {
                let mut details = german_billing();
                details.account_type = AccountType::Business;
                details.company_name = None;
                details
            },
            "company_name",
        ),
    ];
    for (details, field) in steps {
        ok("PUT", me.api.replace_billing_details(&user, details).await);
        let error = refused(
            &format!("start without {field}"),
            start(&me.api, &user, WORMS_EVSE, &card).await,
            409,
            &missing,
        );
        assert!(
            error.details.as_deref().unwrap_or_default().contains(field),
            "{field}: {error}"
        );
    }
    assert_eq!(
        ok(
            "sessions",
            me.api.sessions(&user, PageRequest::default()).await
        )
        .count,
        0,
        "refused starts leave no session"
    );
    // A German business account needs no VAT id.
    ok(
        "PUT",
        me.api
            .replace_billing_details(&user, {
                let mut details = german_billing();
                details.account_type = AccountType::Business;
                details.company_name = Some("CompanyName".into());
                details
            })
            .await,
    );
    let session = ok(
        "start with complete details",
        start(&me.api, &user, WORMS_EVSE, &card).await,
    );
    assert!(session.is_active);
}

/// Italian residents need `tax_id` (personal) or `vat_id` (business) to start, wherever the
/// station is.
pub async fn italian_residents_need_their_tax_or_vat_id_to_start<H: Harness>() {
    let world = H::world().await;
    let me = &world.me;
    let italian = {
        let mut details = BillingDetails::default();
        details.line1 = Some("Via Roma 10".into());
        details.postal_code = Some("00100".into());
        details.country = Some("it".into());
        details.city = Some("Rome".into());
        details.tax_id = None;
        details.account_type = AccountType::Personal;
        details.company_name = None;
        details.vat_id = None;
        details.first_name = Some("Mario".into());
        details.last_name = Some("Rossi".into());
        details
    };
    let person = new_user(&me.api).await;
    let card = add_card(me, &person, VISA).await.payment_method_id;
    ok(
        "PUT",
        me.api
            .replace_billing_details(&person, italian.clone())
            .await,
    );
    let missing = ErrorKind::BillingDataRequired;
    for evse in [WORMS_EVSE, ITALIAN_VCP] {
        let error = refused(
            &format!("an Italian without tax id at {evse}"),
            start(&me.api, &person, evse, &card).await,
            409,
            &missing,
        );
        assert!(
            error
                .details
                .as_deref()
                .unwrap_or_default()
                .contains("tax_id"),
            "{error}"
        );
    }
    ok(
        "PUT",
        me.api
            .replace_billing_details(&person, {
                let mut details = italian.clone();
                details.tax_id = Some("RSSMRA80A01H501U".into());
                details
            })
            .await,
    );
    ok(
        "an Italian with a tax id",
        start(&me.api, &person, ITALIAN_VCP, &card).await,
    );

    let company = new_user(&me.api).await;
    let card = add_card(me, &company, VISA).await.payment_method_id;
    let business = {
        let mut details = italian;
        details.account_type = AccountType::Business;
        details.company_name = Some("Rossi S.r.l.".into());
        details
    };
    ok(
        "PUT",
        me.api
            .replace_billing_details(&company, business.clone())
            .await,
    );
    let error = refused(
        "an Italian business without VAT id",
        start(&me.api, &company, WORMS_EVSE, &card).await,
        409,
        &missing,
    );
    assert!(
        error
            .details
            .as_deref()
            .unwrap_or_default()
            .contains("vat_id"),
        "{error}"
    );
    ok(
        "PUT",
        me.api
            .replace_billing_details(&company, {
                let mut details = business;
                details.vat_id = Some("IT12345678901".into());
                details
            })
            .await,
    );
    ok(
        "an Italian business with a VAT id",
        start(&me.api, &company, WORMS_EVSE, &card).await,
    );
}

/// Pages as the API serves them: page and page size, the total count on every page, next and
/// previous, every item once across pages; a page past the last is 404; the first page of an
/// empty list is an empty page.
pub async fn pages_split_lists_with_counts_and_out_of_range_pages_are_not_found<H: Harness>() {
    let world = H::world().await;
    let api = &world.me.api;
    let empty = ok(
        "an empty list",
        api.list_users(UserQuery::default().page(page(1, 2))).await,
    );
    assert_eq!(
        (empty.count, empty.items.len(), empty.has_next()),
        (0, 0, false)
    );
    let mut created = Vec::new();
    for n in 0..5 {
        let user = ok(
            "create",
            api.create_user(NewUser {
                external_id: Some(format!("page-{n}")),
                ..NewUser::default()
            })
            .await,
        );
        created.push(user.id);
    }
    let mut seen = Vec::new();
    for (number, len, next, previous) in
        [(1, 2, true, false), (2, 2, true, true), (3, 1, false, true)]
    {
        let got = ok(
            &format!("page {number}"),
            api.list_users(UserQuery::default().page(page(number, 2)))
                .await,
        );
        assert_eq!(got.count, 5, "page {number}: the count of all");
        assert_eq!(got.items.len(), len, "page {number}");
        assert_eq!(got.has_next(), next, "page {number}");
        assert_eq!(got.has_previous(), previous, "page {number}");
        assert_eq!(got.request.page(), number);
        seen.extend(got.items.into_iter().map(|user| user.id));
    }
    assert_eq!(seen, created, "every user once, in creation order");
    let error = refused(
        "the page past the last",
        api.list_users(UserQuery::default().page(page(4, 2))).await,
        404,
        &NOT_FOUND,
    );
    assert_eq!(error.detail, "Invalid page.");
    refused(
        "far past the last page",
        api.list_users(UserQuery::default().page(page(99, 20)))
            .await,
        404,
        &NOT_FOUND,
    );
    let whole = ok(
        "one big page",
        api.list_users(UserQuery::default().page(page(1, 1000)))
            .await,
    );
    assert_eq!((whole.count, whole.items.len()), (5, 5));
    let single = ok(
        "pages of one",
        api.list_users(UserQuery::default().page(page(5, 1))).await,
    );
    assert_eq!(single.items[0].id, created[4]);
    assert!(!single.has_next());

    // Every list pages the same way: a first page, empty or not, and 404 past the last.
    let user = &created[0];
    let methods = ok(
        "no payment methods",
        api.payment_methods(user, page(1, 20)).await,
    );
    assert_eq!((methods.count, methods.items.len()), (0, 0));
    refused(
        "payment methods past the last page",
        api.payment_methods(user, page(2, 20)).await,
        404,
        &NOT_FOUND,
    );
    refused(
        "debts past the last page",
        api.debts(user, page(2, 20)).await,
        404,
        &NOT_FOUND,
    );
}

/// Tokens are isolated: another token's users are 404 everywhere (reads, writes, charging,
/// control), its lists are its own, and EVSEs in use show as charging only to their token.
#[allow(clippy::too_many_lines)] // every operation, tried with the other token
pub async fn tokens_are_isolated_from_each_other<H: Harness>() {
    let world = H::world().await;
    let (me, other) = (&world.me, &world.other);
    let (user, card) = ready_user(me, VISA).await;
    let session = ok("start", start(&me.api, &user, WORMS_EVSE, &card).await);
    let intent = ok(
        "a setup intent",
        me.api.setup_intent(&user, SetupKind::Card).await,
    );

    refused("get", other.api.get_user(&user).await, 404, &NOT_FOUND);
    refused(
        "patch",
        other.api.update_user(&user, UserPatch::default()).await,
        404,
        &NOT_FOUND,
    );
    refused(
        "billing",
        other.api.billing_details(&user).await,
        404,
        &NOT_FOUND,
    );
    refused(
        "replace billing",
        other
            .api
            .replace_billing_details(&user, german_billing())
            .await,
        404,
        &NOT_FOUND,
    );
    refused(
        "setup intent",
        other.api.setup_intent(&user, SetupKind::Card).await,
        404,
        &NOT_FOUND,
    );
    refused(
        "payment methods",
        other
            .api
            .payment_methods(&user, PageRequest::default())
            .await,
        404,
        &NOT_FOUND,
    );
    refused(
        "set default",
        other.api.set_default_payment_method(&user, &card).await,
        404,
        &NOT_FOUND,
    );
    refused(
        "sessions",
        other.api.sessions(&user, PageRequest::default()).await,
        404,
        &NOT_FOUND,
    );
    refused(
        "session",
        other.api.session(&user, &session.id).await,
        404,
        &NOT_FOUND,
    );
    refused(
        "start",
        start(&other.api, &user, WORMS_EVSE_OTHER, &card).await,
        404,
        &NOT_FOUND,
    );
    refused(
        "stop",
        other.api.stop_charging(&user, &session.id).await,
        404,
        &NOT_FOUND,
    );
    refused(
        "debts",
        other.api.debts(&user, PageRequest::default()).await,
        404,
        &NOT_FOUND,
    );
    refused(
        "invoices",
        other.api.invoices(&user, PageRequest::default()).await,
        404,
        &NOT_FOUND,
    );
    refused(
        "delete payment method",
        other.api.delete_payment_method(&user, &card).await,
        404,
        &NOT_FOUND,
    );
    refused(
        "delete",
        other.api.delete_user(&user).await,
        404,
        &NOT_FOUND,
    );
    let error = other
        .control
        .confirm_setup_intent(&intent.client_secret, VISA)
        .await
        .expect_err("another token's setup intent");
    assert_eq!(error.status, 404, "{error}");
    assert_eq!(
        ok(
            "other's users",
            other.api.list_users(UserQuery::default()).await
        )
        .count,
        0
    );
    assert_eq!(
        ok(
            "other's search",
            other
                .api
                .list_users(UserQuery::default().search(user.as_str()))
                .await
        )
        .count,
        0
    );

    // The EVSE this token charges at is in use for it only.
    let status_of = |station: &connect_domain::station::Station| {
        station
            .evses
            .iter()
            .find(|evse| evse.evse_id.as_str() == WORMS_EVSE)
            .map(|evse| evse.status.clone())
    };
    let lookup = StationLookup::EvseId(WORMS_EVSE.into());
    let mine = ok("my view", me.api.station_details(&lookup).await);
    assert_eq!(status_of(&mine), Some(EvseStatus::Charging));
    let theirs = ok("their view", other.api.station_details(&lookup).await);
    assert_ne!(status_of(&theirs), Some(EvseStatus::Charging));
    // And the other token can charge there.
    let (their_user, their_card) = ready_user(other, VISA).await;
    ok(
        "the other token starts at the same EVSE",
        start(&other.api, &their_user, WORMS_EVSE, &their_card).await,
    );
    assert_eq!(
        ok("my users", me.api.list_users(UserQuery::default()).await).count,
        1
    );
    assert!(
        ok("still mine", me.api.session(&user, &session.id).await).is_active,
        "the other token's start did not touch my session"
    );
}

/// The other EVSE of the Worms station (a start by another token's user is refused before
/// the EVSE matters).
const WORMS_EVSE_OTHER: &str = crate::contract::fixtures::WORMS_EVSE_1;

/// Reset forgets everything the tenant did (users, sessions, occupied EVSEs), and nothing of
/// another tenant.
pub async fn reset_forgets_everything_the_tenant_did<H: Harness>() {
    let world = H::world().await;
    let (me, other) = (&world.me, &world.other);
    let (user, card) = ready_user(me, VISA).await;
    ok("start", start(&me.api, &user, WORMS_EVSE, &card).await);
    me.control
        .occupy_evse(WORMS_EVSE_OTHER)
        .await
        .expect("occupy");
    let theirs = new_user(&other.api).await;

    me.control.reset().await;
    assert_eq!(
        ok(
            "users after reset",
            me.api.list_users(UserQuery::default()).await
        )
        .count,
        0
    );
    refused(
        "a forgotten user",
        me.api.get_user(&user).await,
        404,
        &NOT_FOUND,
    );
    let (fresh, fresh_card) = ready_user(me, VISA).await;
    ok(
        "the occupied EVSE is free again",
        start(&me.api, &fresh, WORMS_EVSE_OTHER, &fresh_card).await,
    );
    ok(
        "the other token keeps its user",
        other.api.get_user(&theirs).await,
    );
}
