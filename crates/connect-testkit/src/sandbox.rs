//! A sandbox per test: the in-memory Cariqa Connect sandbox with seeded ids and a manual
//! clock, EVSEs priced with the price groups under test, and the driver steps a test needs
//! (a user ready to charge, a session charged and billed) as plain synchronous calls.
//!
//! The sandbox's async operations never wait, so they run here without a runtime: a test,
//! or a proptest body, calls them directly. For the same sandbox over HTTP with the real
//! client, see `TestSandbox::serve` (feature `served`).

use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use connect_domain::account::{AccountType, BillingDetails, NewUser};
use connect_domain::ids::{PaymentMethodId, UserId};
use connect_domain::payment::SetupKind;
use connect_domain::session::{ChargingSession, StationInfo};
use connect_domain::tariff::PriceGroup;
use connect_fake::clock::ManualClock;
use connect_fake::sandbox::{
    Availability, Connection, EvseFacts, EvseList, Progress, Sandbox, SandboxConfig,
};
use connect_ports::{ApiError, Billing, Charging, Clock, Payments, StartCharging, Users};
use rust_decimal::Decimal;

/// The bearer token of the test's tenant.
pub(crate) const TOKEN: &str = "connect-testkit";

/// Stripe's frictionless test visa: charges always succeed.
const VISA: &str = "4242 4242 4242 4242";

/// Why a sandbox step failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SandboxError {
    /// The sandbox answered an operation with the API's error.
    #[error("{operation}: the sandbox answered {source}")]
    Api {
        /// The operation, e.g. `start_charging`.
        operation: &'static str,
        /// The API's error.
        #[source]
        source: ApiError,
    },
    /// An operation did not finish at once. The in-memory sandbox never waits, so this is a
    /// bug in it; reported rather than blocking the test forever.
    #[error("{operation}: the in-memory sandbox did not answer at once")]
    Waited {
        /// The operation.
        operation: &'static str,
    },
    /// Serving the sandbox on loopback failed.
    #[cfg(feature = "served")]
    #[error("serving the sandbox on loopback: {0}")]
    Serve(#[source] std::io::Error),
    /// The client for the served sandbox could not be built.
    #[cfg(feature = "served")]
    #[error("the client for the served sandbox: {0}")]
    Client(#[source] connect_http::ConfigError),
}

/// Runs one of the in-memory sandbox's operations to completion.
fn run<T>(
    operation: &'static str,
    future: impl Future<Output = Result<T, ApiError>>,
) -> Result<T, SandboxError> {
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(answer) => answer.map_err(|source| SandboxError::Api { operation, source }),
        Poll::Pending => Err(SandboxError::Waited { operation }),
    }
}

fn api<T>(operation: &'static str, answer: Result<T, ApiError>) -> Result<T, SandboxError> {
    answer.map_err(|source| SandboxError::Api { operation, source })
}

/// An EVSE of a test sandbox: the price group under test, the station's zone, and how it
/// charges.
///
/// # Examples
/// ```
/// use connect_domain::tariff::PriceGroup;
/// use connect_testkit::sandbox::TestEvse;
/// use rust_decimal::Decimal;
/// let group = PriceGroup::from_json(r#"{"currency":"EUR","pre_authorization_amount":"50",
///   "prices":{"kwh_price":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,
///   "date_to":null,"gross_price":"0.4529","user_facing_price":"0.54",
///   "grace_period_minutes":null,"tax":19,"blocking_cap":null}]}}}"#)?.value;
/// let evse = TestEvse::new("DE*TST*E1*1", group, chrono_tz::Europe::Berlin)
///     .power_kw(Decimal::from(11))
///     .partner(true);
/// assert_eq!(evse.evse_id(), "DE*TST*E1*1");
/// # Ok::<(), connect_domain::tariff::TariffError>(())
/// ```
#[derive(Debug, Clone)]
pub struct TestEvse {
    evse_id: String,
    price_group: PriceGroup,
    zone: Tz,
    power_kw: Decimal,
    is_partner: bool,
    country: String,
}

impl TestEvse {
    /// An EVSE charging at 22 kW in Germany, not a partner's (so Cariqa's starting fee
    /// applies).
    pub fn new(evse_id: impl Into<String>, price_group: PriceGroup, zone: Tz) -> Self {
        Self {
            evse_id: evse_id.into(),
            price_group,
            zone,
            power_kw: Decimal::from(22),
            is_partner: false,
            country: "DE".to_owned(),
        }
    }

    /// The power energy flows at, kW.
    #[must_use]
    pub fn power_kw(mut self, power_kw: Decimal) -> Self {
        self.power_kw = power_kw;
        self
    }

    /// Whether the operator is a Cariqa partner (no starting fee).
    #[must_use]
    pub fn partner(mut self, is_partner: bool) -> Self {
        self.is_partner = is_partner;
        self
    }

    /// The station's country (ISO alpha-2): which billing details a driver needs.
    #[must_use]
    pub fn country(mut self, country: impl Into<String>) -> Self {
        self.country = country.into();
        self
    }

    /// The EVSE's id.
    pub fn evse_id(&self) -> &str {
        &self.evse_id
    }

    #[allow(clippy::field_reassign_with_default)] // no struct literal: the domain may add fields
    fn into_facts(self) -> EvseFacts {
        let mut station = StationInfo::default();
        station.station_name = Some(format!("Test station {}", self.evse_id));
        station.country = Some(self.country.clone());
        EvseFacts {
            evse_id: self.evse_id,
            station,
            country: self.country,
            zone: self.zone,
            power_kw: self.power_kw,
            is_partner: self.is_partner,
            logo_url: None,
            price_group: self.price_group,
            availability: Availability::Available,
            progress: Progress::Steady,
        }
    }
}

/// A driver of the test's tenant, ready to charge: billing details and a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Driver {
    /// The user.
    pub user: UserId,
    /// Their default card (Stripe's test visa: charges succeed).
    pub payment_method: PaymentMethodId,
}

/// An in-memory sandbox for one test: seeded ids, a manual clock, the test's EVSEs.
///
/// # Examples
/// ```
/// use chrono::Duration;
/// use connect_domain::tariff::PriceGroup;
/// use connect_testkit::sandbox::{TestEvse, TestSandbox};
/// let group = PriceGroup::from_json(r#"{"currency":"EUR","pre_authorization_amount":"50",
///   "prices":{"kwh_price":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,
///   "date_to":null,"gross_price":"0.4529","user_facing_price":"0.54",
///   "grace_period_minutes":null,"tax":19,"blocking_cap":null}]}}}"#)?.value;
/// let start = "2026-04-02T13:51:18Z".parse()?;
/// let evse = TestEvse::new("DE*TST*E1*1", group, chrono_tz::Europe::Berlin);
/// let sandbox = TestSandbox::new(7, start, vec![evse])?;
/// let driver = sandbox.driver()?;
/// let session = sandbox.charge(&driver, "DE*TST*E1*1", Duration::minutes(30))?;
/// // 22 kW for 30 minutes: 11 kWh at 0.4529 € + 19 % VAT.
/// let bill = session.bill.as_ref().map(|bill| bill.cost.kwh_cost.to_string());
/// assert_eq!(bill.as_deref(), Some("5.93"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct TestSandbox {
    sandbox: Sandbox,
    clock: Arc<ManualClock>,
    api: Connection,
}

impl TestSandbox {
    /// A sandbox whose ids and random choices come from `seed`, its clock standing at
    /// `start`, charging at `evses`.
    ///
    /// # Errors
    /// The sandbox refusing the test's tenant (it accepts any non-empty token).
    pub fn new(
        seed: u64,
        start: DateTime<Utc>,
        evses: impl IntoIterator<Item = TestEvse>,
    ) -> Result<Self, SandboxError> {
        let clock = Arc::new(ManualClock::new(start));
        let directory = EvseList(evses.into_iter().map(TestEvse::into_facts).collect());
        let config = SandboxConfig {
            seed,
            ..SandboxConfig::default()
        };
        let sandbox = Sandbox::new(config, clock.clone(), Arc::new(directory));
        let api = api("connect", sandbox.connect(TOKEN))?;
        Ok(Self {
            sandbox,
            clock,
            api,
        })
    }

    /// The API as the test's tenant sees it: every port of `connect-ports`, plus the
    /// sandbox's control operations.
    pub fn api(&self) -> &Connection {
        &self.api
    }

    /// The sandbox itself (to serve it, or to connect other tenants).
    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    /// The manual clock every session progresses by.
    pub fn clock(&self) -> &Arc<ManualClock> {
        &self.clock
    }

    /// The sandbox's now.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Moves the clock forward: sessions deliver energy, charge detail records arrive.
    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    /// A new driver with German billing details and Stripe's test visa as default card.
    ///
    /// # Errors
    /// The sandbox's answer if a step is refused.
    pub fn driver(&self) -> Result<Driver, SandboxError> {
        let user = run("create_user", self.api.create_user(NewUser::default()))?;
        run(
            "replace_billing_details",
            self.api.replace_billing_details(&user.id, german_billing()),
        )?;
        let intent = run(
            "setup_intent",
            self.api.setup_intent(&user.id, SetupKind::Card),
        )?;
        let method = api(
            "confirm_setup_intent",
            self.api.confirm_setup_intent(&intent.client_secret, VISA),
        )?;
        Ok(Driver {
            user: user.id,
            payment_method: method.id,
        })
    }

    /// Starts a session for `driver` at `evse_id`, now.
    ///
    /// # Errors
    /// The sandbox's answer (unknown EVSE, busy, already charging …).
    pub fn start(&self, driver: &Driver, evse_id: &str) -> Result<ChargingSession, SandboxError> {
        let request = StartCharging::new(evse_id, driver.payment_method.clone());
        run(
            "start_charging",
            self.api.start_charging(&driver.user, request),
        )
    }

    /// Stops a session now and delivers its charge detail record at once: the session as
    /// billed.
    ///
    /// # Errors
    /// The sandbox's answer (unknown or already stopped session …).
    pub fn stop_and_bill(
        &self,
        driver: &Driver,
        session: &ChargingSession,
    ) -> Result<ChargingSession, SandboxError> {
        run(
            "stop_charging",
            self.api.stop_charging(&driver.user, &session.id),
        )?;
        api("deliver_cdr", self.api.deliver_cdr(&session.id))
    }

    /// A whole session: starts now at `evse_id`, stays plugged in for `stay` (energy flows
    /// at the EVSE's power until the car is full), stops and is billed.
    ///
    /// # Errors
    /// The sandbox's answer to any step.
    pub fn charge(
        &self,
        driver: &Driver,
        evse_id: &str,
        stay: Duration,
    ) -> Result<ChargingSession, SandboxError> {
        let session = self.start(driver, evse_id)?;
        self.advance(stay);
        self.stop_and_bill(driver, &session)
    }
}

/// Billing details that let a driver charge in Germany.
#[allow(clippy::field_reassign_with_default)] // no struct literal: the domain may add fields
fn german_billing() -> BillingDetails {
    let mut billing = BillingDetails::default();
    billing.line1 = Some("Karl-Marx-Allee 1".to_owned());
    billing.postal_code = Some("10243".to_owned());
    billing.city = Some("Berlin".to_owned());
    billing.country = Some("de".to_owned());
    billing.first_name = Some("Test".to_owned());
    billing.last_name = Some("Driver".to_owned());
    billing.account_type = AccountType::Personal;
    billing
}
