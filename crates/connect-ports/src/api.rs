//! The operations of the Cariqa Connect API, one trait per area, in domain types.
//!
//! Both adapters implement every trait: `connect-http` by calling the real API (or the
//! sandbox server), `connect-fake` by playing it in memory. The contract tests run one
//! suite against both.

use async_trait::async_trait;
use connect_domain::account::{BillingDetails, NewUser, User, UserPatch};
use connect_domain::ids::{PaymentMethodId, SessionId, UserId};
use connect_domain::invoice::Invoice;
use connect_domain::payment::{Debt, PaymentMethod, SetupIntent, SetupKind};
use connect_domain::session::{ChargingSession, Rating};
use serde::{Deserialize, Serialize};

use crate::{Gateway, Page, PageRequest};

/// Users of the partner (scoped to its API token).
#[async_trait]
pub trait Users: Gateway {
    /// `POST /users/` → 201.
    async fn create_user(&self, user: NewUser) -> Result<User, Self::Error>;
    /// `GET /users/`: one page, optionally searching by id or external id.
    async fn list_users(&self, query: UserQuery) -> Result<Page<User>, Self::Error>;
    /// `GET /users/{id}/`.
    async fn get_user(&self, user: &UserId) -> Result<User, Self::Error>;
    /// `PATCH /users/{id}/`.
    async fn update_user(&self, user: &UserId, patch: UserPatch) -> Result<User, Self::Error>;
    /// `DELETE /users/{id}/` → 204: a soft delete, refused while debts are unpaid.
    async fn delete_user(&self, user: &UserId) -> Result<(), Self::Error>;
}

/// A user's billing details.
#[async_trait]
pub trait Billing: Gateway {
    /// `GET /users/{id}/billing-details/`: all empty and personal for a new user.
    async fn billing_details(&self, user: &UserId) -> Result<BillingDetails, Self::Error>;
    /// `PUT /users/{id}/billing-details/`: replaces every field; `line1` and `postal_code`
    /// are required.
    async fn replace_billing_details(
        &self,
        user: &UserId,
        details: BillingDetails,
    ) -> Result<BillingDetails, Self::Error>;
}

/// Payment methods (attached with Stripe setup intents) and debts.
#[async_trait]
pub trait Payments: Gateway {
    /// `GET /users/{id}/setup-intents/?pm_type=…`: the client secret the partner's frontend
    /// confirms with Stripe to attach a payment method.
    async fn setup_intent(
        &self,
        user: &UserId,
        kind: SetupKind,
    ) -> Result<SetupIntent, Self::Error>;
    /// `GET /users/{id}/payment-methods/`.
    async fn payment_methods(
        &self,
        user: &UserId,
        page: PageRequest,
    ) -> Result<Page<PaymentMethod>, Self::Error>;
    /// `POST /users/{id}/payment-methods/{pm}/default/` → 204.
    async fn set_default_payment_method(
        &self,
        user: &UserId,
        payment_method: &PaymentMethodId,
    ) -> Result<(), Self::Error>;
    /// `DELETE /users/{id}/payment-methods/{pm}/` → 204, refused while debts are unpaid.
    async fn delete_payment_method(
        &self,
        user: &UserId,
        payment_method: &PaymentMethodId,
    ) -> Result<(), Self::Error>;
    /// `GET /users/{id}/charging/debts/`: sessions whose payment failed.
    async fn debts(&self, user: &UserId, page: PageRequest) -> Result<Page<Debt>, Self::Error>;
}

/// What listing users asks: a search and a page.
///
/// A request struct rather than positional arguments, so that a filter the API adds later
/// is a new builder method, not a breaking change for callers or implementors.
///
/// # Examples
/// ```
/// use connect_ports::{PageRequest, UserQuery};
/// let query = UserQuery::default().search("abcdefg123456").page(PageRequest::new(2, 50)?);
/// assert_eq!(query.search_text(), Some("abcdefg123456"));
/// assert_eq!(query.page_request().page(), 2);
/// # Ok::<(), connect_ports::ApiError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserQuery {
    /// Matches a user's id or the partner's external id (`?search=`).
    pub search: Option<String>,
    /// Which page.
    pub page: PageRequest,
}

impl UserQuery {
    /// Searches by id or external id.
    #[must_use]
    pub fn search(mut self, text: impl Into<String>) -> Self {
        self.search = Some(text.into());
        self
    }

    /// Asks for `page`.
    #[must_use]
    pub fn page(mut self, page: PageRequest) -> Self {
        self.page = page;
        self
    }

    /// The search, if any.
    pub fn search_text(&self) -> Option<&str> {
        self.search.as_deref()
    }

    /// The page asked for.
    pub fn page_request(&self) -> PageRequest {
        self.page
    }
}

/// What starting a session needs.
///
/// # Examples
/// ```
/// use connect_ports::StartCharging;
/// let start = StartCharging::new("DE*CIQ*EELDF6XWZU41P*1", "pm_1TD1M3HtgZxQ1KXx5wMzfx15");
/// assert_eq!(start.evse_id, "DE*CIQ*EELDF6XWZU41P*1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StartCharging {
    /// The EVSE to charge at.
    pub evse_id: String,
    /// The payment method to pre-authorize and charge.
    pub payment_method_id: PaymentMethodId,
}

impl StartCharging {
    /// Start at `evse_id`, paying with `payment_method_id`.
    pub fn new(evse_id: impl Into<String>, payment_method_id: impl Into<PaymentMethodId>) -> Self {
        Self {
            evse_id: evse_id.into(),
            payment_method_id: payment_method_id.into(),
        }
    }
}

/// Charging sessions.
#[async_trait]
pub trait Charging: Gateway {
    /// `POST /users/{id}/charging/start/` → 201: checks, in order, the user, an active
    /// session, the EVSE, its availability, billing details, debts and the pre-authorization.
    /// Never retried blindly: a client reconciles an ambiguous failure instead.
    async fn start_charging(
        &self,
        user: &UserId,
        request: StartCharging,
    ) -> Result<ChargingSession, Self::Error>;
    /// `POST /users/{id}/charging/stop/{session}/` → 204; `already_stopped` when it is not
    /// active.
    async fn stop_charging(&self, user: &UserId, session: &SessionId) -> Result<(), Self::Error>;
    /// `GET /users/{id}/charging-sessions/`.
    async fn sessions(
        &self,
        user: &UserId,
        page: PageRequest,
    ) -> Result<Page<ChargingSession>, Self::Error>;
    /// `GET /users/{id}/charging-sessions/{session}/`: poll this for progress and the bill.
    async fn session(
        &self,
        user: &UserId,
        session: &SessionId,
    ) -> Result<ChargingSession, Self::Error>;
    /// `PATCH /users/{id}/charging-sessions/{session}/`: rate it (or clear the rating).
    async fn rate_session(
        &self,
        user: &UserId,
        session: &SessionId,
        rating: Option<Rating>,
    ) -> Result<ChargingSession, Self::Error>;
}

/// Invoices, one per paid session.
#[async_trait]
pub trait Invoices: Gateway {
    /// `GET /users/{id}/invoices/`.
    async fn invoices(
        &self,
        user: &UserId,
        page: PageRequest,
    ) -> Result<Page<Invoice>, Self::Error>;
}

/// The whole API: all 22 operations.
pub trait ConnectApi: Users + Billing + Payments + Charging + Invoices + crate::Stations {}

impl<T: Users + Billing + Payments + Charging + Invoices + crate::Stations> ConnectApi for T {}
