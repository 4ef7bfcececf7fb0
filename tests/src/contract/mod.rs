//! One suite of behaviour tests written against the ports, run against every adapter.
//!
//! The suite ([`suite`]) is a list of async functions, one per documented behaviour of the
//! sandbox, each generic over a [`Harness`]: what gives it a fresh sandbox with two tenants
//! (two API tokens), each an implementation of every port ([`ConnectApi`]) and of the
//! sandbox's control operations ([`Control`]: what the partner's frontend, another driver,
//! the station or time would do).
//!
//! Two harnesses run it: [`fake::FakeHarness`] (`connect-fake` in process) and
//! [`http::HttpHarness`] (`connect-http` talking to `connect-server` on loopback). The
//! [`contract_suite!`](crate::contract_suite) macro lists every suite function once, so both
//! runs always have the same list. A difference between the two runs is a bug in one of
//! the adapters.

// The contract is test code living in a library so that several test binaries share it: a
// failed expectation or a broken fixture panics, as in any test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use connect_domain::ids::{PaymentMethodId, SessionId};
use connect_ports::{ApiError, ConnectApi};

pub mod fake;
pub mod fixtures;
pub mod http;
pub mod suite;
pub mod transcript;

/// A card attached by confirming a setup intent, as the control API reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachedCard {
    /// The new payment method.
    pub payment_method_id: PaymentMethodId,
    /// `visa`, `mastercard`, …
    pub brand: String,
    /// The card's last four digits.
    pub last4: String,
    /// Whether it became the user's default (the first card does).
    pub is_default: bool,
}

/// The sandbox's control operations, within one tenant: what the suite needs besides the
/// API itself.
///
/// Implemented in process on a `connect_fake` connection and its manual clock, and over
/// HTTP against `/_sandbox/` with the same bearer token as the API.
#[async_trait]
pub trait Control: Send + Sync {
    /// Confirms a setup intent with a Stripe test card, as the partner's frontend would.
    ///
    /// # Errors
    /// 404 for an unknown secret; 400 for a used intent or an unknown card; 402
    /// `payment_method_error` for the declined card.
    async fn confirm_setup_intent(
        &self,
        client_secret: &str,
        card_number: &str,
    ) -> Result<AttachedCard, ApiError>;

    /// Confirms a payment intent: a 3-D Secure hold, or paying a debt.
    ///
    /// # Errors
    /// 404 for an unknown secret.
    async fn confirm_payment_intent(&self, client_secret: &str) -> Result<(), ApiError>;

    /// The sandbox's now.
    async fn now(&self) -> DateTime<Utc>;

    /// Moves the sandbox's clock forward by `seconds`; answers the new now.
    async fn advance_clock(&self, seconds: u32) -> DateTime<Utc>;

    /// Makes an EVSE busy for this tenant, as another driver would.
    ///
    /// # Errors
    /// 404 for an unknown EVSE.
    async fn occupy_evse(&self, evse_id: &str) -> Result<(), ApiError>;

    /// Frees an EVSE made busy with [`Control::occupy_evse`].
    ///
    /// # Errors
    /// 404 for an unknown EVSE.
    async fn release_evse(&self, evse_id: &str) -> Result<(), ApiError>;

    /// Delivers a stopped session's charge detail record now.
    ///
    /// # Errors
    /// 404 for an unknown session; 400 for an active one.
    async fn deliver_cdr(&self, session: &SessionId) -> Result<(), ApiError>;

    /// Forgets everything this tenant did.
    async fn reset(&self);
}

/// A tenant of the sandbox: the API as its token sees it, and the control operations in it.
#[derive(Debug)]
pub struct Tenant<A, C> {
    /// Every port.
    pub api: A,
    /// The control operations.
    pub control: C,
}

/// What one suite function gets: a fresh sandbox (its own clock, standing at the docs'
/// session start) with two tenants.
#[derive(Debug)]
pub struct World<A, C> {
    /// The tenant the test acts as.
    pub me: Tenant<A, C>,
    /// Another API token on the same sandbox, for isolation.
    pub other: Tenant<A, C>,
}

/// What runs the suite against one adapter.
#[async_trait]
pub trait Harness {
    /// The adapter.
    type Api: ConnectApi + 'static;
    /// The control operations beside it.
    type Control: Control + 'static;

    /// A fresh sandbox and two tenants on it.
    async fn world() -> World<Self::Api, Self::Control>;
}

/// Defines one `#[tokio::test]` per suite function, running it with `$harness`. Every
/// behaviour is listed here once, so each adapter's run has the same list.
///
/// ```ignore
/// connect_tests::contract_suite!(connect_tests::contract::fake::FakeHarness);
/// ```
#[macro_export]
macro_rules! contract_suite {
    ($harness:ty) => {
        $crate::contract_suite!(@tests $harness;
            documented_journey,
            users_are_created_read_updated_searched_and_soft_deleted,
            invalid_user_fields_are_validation_errors_naming_the_field,
            billing_details_start_empty_and_put_requires_line1_and_postal_code,
            starting_needs_complete_billing_details,
            italian_residents_need_their_tax_or_vat_id_to_start,
            start_errors_come_in_the_documented_order,
            one_active_session_per_user,
            busy_evse_refuses_starts_until_released,
            out_of_order_evse_refuses_starts,
            three_d_secure_card_needs_its_payment_intent_confirmed,
            insufficient_funds_become_a_debt_paid_through_its_payment_intent,
            unpaid_debts_block_deleting_the_user_and_payment_methods,
            an_active_session_blocks_deleting_the_user,
            declined_and_unknown_cards_are_not_attached,
            setup_intents_are_single_use,
            the_first_card_is_the_default_and_defaults_can_be_changed,
            payment_method_removal_restrictions,
            pages_split_lists_with_counts_and_out_of_range_pages_are_not_found,
            session_and_invoice_lists_are_paginated_newest_first,
            tokens_are_isolated_from_each_other,
            steady_stations_show_energy_on_every_poll,
            shared_virtual_points_send_no_progress_until_the_cdr,
            progress_virtual_points_send_at_most_ten_updates,
            stopping_twice_leaves_one_stopped_session,
            stopping_unknown_or_foreign_sessions_is_not_found,
            cdr_arrives_after_the_delay_or_through_control,
            a_session_that_delivered_nothing_is_not_charged,
            sessions_can_be_rated_and_unrated,
            station_details_by_station_id_and_by_evse_id,
            stations_around_are_nearest_first_and_filtered,
            partners_list_the_partner_operators,
            map_tiles_show_stations_up_close_and_clusters_far_out,
            bad_positions_and_tiles_are_validation_errors,
            reset_forgets_everything_the_tenant_did,
        );
    };
    (@tests $harness:ty; $($name:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                $crate::contract::suite::$name::<$harness>().await;
            }
        )*
    };
}
