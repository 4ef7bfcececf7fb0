//! The ports, played by a tenant of the sandbox, and the sandbox's control operations.

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use connect_domain::account::{BillingDetails, NewUser, User, UserPatch};
use connect_domain::ids::{PaymentMethodId, SessionId, UserId};
use connect_domain::invoice::Invoice;
use connect_domain::payment::{Debt, PaymentMethod, SetupIntent, SetupKind};
use connect_domain::session::{ChargingSession, Rating};
use connect_ports::{
    ApiError, Billing, Charging, Gateway, Invoices, Page, PageRequest, Payments, StartCharging,
    UserQuery, Users,
};

use crate::clock::ClockMode;
use crate::sandbox::Connection;

/// The fake answers only what the API would: its failures are API answers.
impl Gateway for Connection {
    type Error = ApiError;
}

#[async_trait]
impl Users for Connection {
    async fn create_user(&self, user: NewUser) -> Result<User, ApiError> {
        self.with_tenant(|tenant, _, _| tenant.create_user(user))
    }

    async fn list_users(&self, query: UserQuery) -> Result<Page<User>, ApiError> {
        self.with_tenant(|tenant, _, _| {
            tenant.list_users(query.search_text(), query.page_request())
        })
    }

    async fn get_user(&self, user: &UserId) -> Result<User, ApiError> {
        self.with_tenant(|tenant, _, _| tenant.get_user(user))
    }

    async fn update_user(&self, user: &UserId, patch: UserPatch) -> Result<User, ApiError> {
        self.with_tenant(|tenant, _, _| tenant.update_user(user, &patch))
    }

    async fn delete_user(&self, user: &UserId) -> Result<(), ApiError> {
        self.with_tenant(|tenant, _, _| tenant.delete_user(user))
    }
}

#[async_trait]
impl Billing for Connection {
    async fn billing_details(&self, user: &UserId) -> Result<BillingDetails, ApiError> {
        self.with_tenant(|tenant, _, _| tenant.billing_details(user))
    }

    async fn replace_billing_details(
        &self,
        user: &UserId,
        details: BillingDetails,
    ) -> Result<BillingDetails, ApiError> {
        self.with_tenant(|tenant, _, _| tenant.replace_billing_details(user, details))
    }
}

#[async_trait]
impl Payments for Connection {
    async fn setup_intent(&self, user: &UserId, kind: SetupKind) -> Result<SetupIntent, ApiError> {
        self.with_tenant(|tenant, _, _| tenant.setup_intent(user, &kind))
    }

    async fn payment_methods(
        &self,
        user: &UserId,
        page: PageRequest,
    ) -> Result<Page<PaymentMethod>, ApiError> {
        self.with_tenant(|tenant, _, _| tenant.payment_methods(user, page))
    }

    async fn set_default_payment_method(
        &self,
        user: &UserId,
        payment_method: &PaymentMethodId,
    ) -> Result<(), ApiError> {
        self.with_tenant(|tenant, _, _| tenant.set_default_payment_method(user, payment_method))
    }

    async fn delete_payment_method(
        &self,
        user: &UserId,
        payment_method: &PaymentMethodId,
    ) -> Result<(), ApiError> {
        self.with_tenant(|tenant, _, _| tenant.delete_payment_method(user, payment_method))
    }

    async fn debts(&self, user: &UserId, page: PageRequest) -> Result<Page<Debt>, ApiError> {
        self.with_tenant(|tenant, _, _| tenant.debts(user, page))
    }
}

#[async_trait]
impl Charging for Connection {
    async fn start_charging(
        &self,
        user: &UserId,
        request: StartCharging,
    ) -> Result<ChargingSession, ApiError> {
        self.with_tenant(|tenant, shared, now| tenant.start_charging(user, &request, shared, now))
    }

    async fn stop_charging(&self, user: &UserId, session: &SessionId) -> Result<(), ApiError> {
        self.with_tenant(|tenant, shared, now| tenant.stop_charging(user, session, shared, now))
    }

    async fn sessions(
        &self,
        user: &UserId,
        page: PageRequest,
    ) -> Result<Page<ChargingSession>, ApiError> {
        self.with_tenant(|tenant, _, now| tenant.sessions(user, page, now))
    }

    async fn session(
        &self,
        user: &UserId,
        session: &SessionId,
    ) -> Result<ChargingSession, ApiError> {
        self.with_tenant(|tenant, _, now| tenant.session(user, session, now))
    }

    async fn rate_session(
        &self,
        user: &UserId,
        session: &SessionId,
        rating: Option<Rating>,
    ) -> Result<ChargingSession, ApiError> {
        self.with_tenant(|tenant, _, now| tenant.rate_session(user, session, rating, now))
    }
}

#[async_trait]
impl Invoices for Connection {
    async fn invoices(&self, user: &UserId, page: PageRequest) -> Result<Page<Invoice>, ApiError> {
        self.with_tenant(|tenant, _, _| tenant.invoices(user, page))
    }
}

/// The sandbox's control operations: what the partner's frontend, the station or time
/// would do in the real world.
impl Connection {
    /// Confirms a setup intent with a Stripe test card, as the partner's frontend would:
    /// the card becomes a payment method of the intent's user.
    ///
    /// # Errors
    /// 404 for an unknown secret; 400 for a used intent or an unknown card number; 402
    /// `payment_method_error` for Stripe's declined card.
    pub fn confirm_setup_intent(
        &self,
        client_secret: &str,
        card_number: &str,
    ) -> Result<PaymentMethod, ApiError> {
        self.with_tenant(|tenant, _, now| {
            tenant.confirm_setup_intent(client_secret, card_number, now)
        })
    }

    /// Confirms a payment intent, as the partner's frontend would after 3-D Secure: a hold
    /// before starting, or paying a debt (which issues the invoice).
    ///
    /// # Errors
    /// 404 for an unknown secret.
    pub fn confirm_payment_intent(&self, client_secret: &str) -> Result<(), ApiError> {
        self.with_tenant(|tenant, _, now| tenant.confirm_payment_intent(client_secret, now))
    }

    /// Makes an EVSE busy for this tenant, as another driver would.
    ///
    /// # Errors
    /// 404 for an unknown EVSE.
    pub fn occupy_evse(&self, evse_id: &str) -> Result<(), ApiError> {
        self.with_tenant(|tenant, shared, _| tenant.occupy(evse_id, shared, true))
    }

    /// Frees an EVSE occupied with [`Connection::occupy_evse`].
    ///
    /// # Errors
    /// 404 for an unknown EVSE.
    pub fn release_evse(&self, evse_id: &str) -> Result<(), ApiError> {
        self.with_tenant(|tenant, shared, _| tenant.occupy(evse_id, shared, false))
    }

    /// Delivers a stopped session's charge detail record now, instead of after the delay.
    ///
    /// # Errors
    /// 404 for an unknown session; 400 for an active one.
    pub fn deliver_cdr(&self, session: &SessionId) -> Result<ChargingSession, ApiError> {
        self.with_tenant(|tenant, _, now| tenant.deliver_cdr(session, now))
    }

    /// This tenant's time now.
    ///
    /// # Errors
    /// 500 when a durable sandbox's store fails.
    pub fn now(&self) -> Result<DateTime<Utc>, ApiError> {
        self.with_tenant(|_, _, now| Ok(now))
    }

    /// How this tenant's clock runs now.
    ///
    /// # Errors
    /// 500 when a durable sandbox's store fails.
    pub fn clock_mode(&self) -> Result<ClockMode, ApiError> {
        let source_now = self.source_now();
        self.with_tenant(|tenant, _, _| Ok(tenant.clock.mode(source_now)))
    }

    /// Moves this tenant's clock (only this tenant's) forward by `by`, and answers its new
    /// time.
    ///
    /// # Errors
    /// 400 naming `seconds` for a negative jump, one over 366 days, or one past the latest
    /// instant the sandbox prices ([`latest`](crate::clock::latest)).
    pub fn advance_clock(&self, by: Duration) -> Result<DateTime<Utc>, ApiError> {
        let source_now = self.source_now();
        self.with_tenant(|tenant, shared, _| tenant.advance_clock(by, source_now, shared))
    }

    /// Changes how this tenant's clock runs (manual at an instant, or running at a speed),
    /// and answers its time.
    ///
    /// # Errors
    /// 400 naming `now` for an instant out of bounds or before the tenant's current time,
    /// or `speed` for a speed outside 1 to [`MAX_SPEED`](crate::clock::MAX_SPEED).
    pub fn set_clock(&self, mode: ClockMode) -> Result<DateTime<Utc>, ApiError> {
        let source_now = self.source_now();
        self.with_tenant(|tenant, shared, _| tenant.set_clock(mode, source_now, shared))
    }
}
