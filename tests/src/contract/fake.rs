//! The suite's in-process run: `connect-fake` connections, the control operations called
//! directly and the manual clock moved by hand.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use connect_domain::ids::SessionId;
use connect_fake::clock::ManualClock;
use connect_fake::sandbox::Connection;
use connect_ports::{ApiError, Clock};

use super::{AttachedCard, Control, Harness, Tenant, World, fixtures};

/// The control operations of one tenant of an in-process sandbox.
#[derive(Debug, Clone)]
pub struct FakeControl {
    connection: Connection,
    clock: Arc<ManualClock>,
}

impl FakeControl {
    /// Control over `connection`, whose sandbox runs on `clock`.
    pub fn new(connection: Connection, clock: Arc<ManualClock>) -> Self {
        Self { connection, clock }
    }
}

#[async_trait]
impl Control for FakeControl {
    async fn confirm_setup_intent(
        &self,
        client_secret: &str,
        card_number: &str,
    ) -> Result<AttachedCard, ApiError> {
        let method = self
            .connection
            .confirm_setup_intent(client_secret, card_number)?;
        Ok(AttachedCard {
            payment_method_id: method.id,
            brand: method.card.brand,
            last4: method.card.last4,
            is_default: method.is_default,
        })
    }

    async fn confirm_payment_intent(&self, client_secret: &str) -> Result<(), ApiError> {
        self.connection.confirm_payment_intent(client_secret)
    }

    async fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    async fn advance_clock(&self, seconds: u32) -> DateTime<Utc> {
        self.clock.advance(Duration::seconds(i64::from(seconds)));
        self.clock.now()
    }

    async fn occupy_evse(&self, evse_id: &str) -> Result<(), ApiError> {
        self.connection.occupy_evse(evse_id)
    }

    async fn release_evse(&self, evse_id: &str) -> Result<(), ApiError> {
        self.connection.release_evse(evse_id)
    }

    async fn deliver_cdr(&self, session: &SessionId) -> Result<(), ApiError> {
        self.connection.deliver_cdr(session).map(drop)
    }

    async fn reset(&self) {
        self.connection
            .reset()
            .unwrap_or_else(|error| panic!("reset: {error}"));
    }
}

/// Runs the suite against `connect-fake` in process.
#[derive(Debug)]
pub struct FakeHarness;

#[async_trait]
impl Harness for FakeHarness {
    type Api = Connection;
    type Control = FakeControl;

    async fn world() -> World<Connection, FakeControl> {
        let (sandbox, clock) = fixtures::sandbox();
        let tenant = |token: &str| {
            let connection = sandbox
                .connect(token)
                .unwrap_or_else(|error| panic!("connect: {error}"));
            Tenant {
                api: connection.clone(),
                control: FakeControl::new(connection, clock.clone()),
            }
        };
        World {
            me: tenant("contract-me"),
            other: tenant("contract-other"),
        }
    }
}
