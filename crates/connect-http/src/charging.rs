//! Starting and stopping sessions safely over an unreliable network.
//!
//! Starting is not idempotent (the API has no idempotency key), so a start is sent once.
//! When its fate is unknown (a timeout, a connection lost after sending, a 5xx answer) the
//! client reconciles: the user's sessions say whether it started. Stopping is idempotent in
//! effect (`409 already_stopped` once stopped), so an ambiguous stop is checked and sent
//! again.

use std::time::{Duration, Instant};

use connect_domain::ids::{SessionId, UserId};
use connect_domain::session::ChargingSession;
use connect_ports::{Charging, ErrorKind, PageRequest, StartCharging};
use connect_wire::sessions::StartChargingRequest;
use reqwest::Method;

use crate::client::{ConnectClient, conversion_error, decode};
use crate::error::ClientError;

/// The most session pages reconciliation reads looking for the new session.
const RECONCILE_PAGES: u32 = 20;

impl ConnectClient {
    pub(crate) async fn start(
        &self,
        user: &UserId,
        request: StartCharging,
    ) -> Result<ChargingSession, ClientError> {
        let evse_id = request.evse_id.clone();
        let call = self
            .inner
            .call(Method::POST, &["users", user.as_str(), "charging", "start"])
            .json(&StartChargingRequest {
                evse_id: request.evse_id,
                payment_method_id: request.payment_method_id.to_string(),
            });
        let failure = match self.inner.send(&call).await {
            Ok(answer) => {
                let wire: connect_wire::sessions::ChargingSession = decode(&call, &answer)?;
                return ChargingSession::try_from(&wire)
                    .map_err(|error| conversion_error(&call, answer.status, &error));
            }
            Err(error) if error.is_ambiguous() => error,
            Err(error) => return Err(error),
        };
        tracing::warn!(evse_id = %evse_id, error = %failure, "start failed ambiguously; reconciling");
        self.reconcile_start(user, &evse_id, failure).await
    }

    /// Looks for the session an ambiguous start may have started: the user's active session
    /// on that EVSE. After a timeout the API may still be starting it, so the client looks
    /// again until the reconciliation window closes; after a lost connection or a 5xx the
    /// API is done, and one look suffices.
    async fn reconcile_start(
        &self,
        user: &UserId,
        evse_id: &str,
        failure: ClientError,
    ) -> Result<ChargingSession, ClientError> {
        let window = if matches!(failure, ClientError::Timeout { .. }) {
            self.inner.settings.reconcile_window
        } else {
            Duration::ZERO
        };
        let deadline = Instant::now() + window;
        let pause = (window / 8).clamp(Duration::from_millis(50), Duration::from_secs(1));
        loop {
            match self.active_session_on(user, evse_id).await {
                Ok(Some(session)) => {
                    tracing::info!(session = %session.id, evse_id, "start reconciled: the session started");
                    return Ok(session);
                }
                Ok(None) if Instant::now() >= deadline => {
                    tracing::info!(evse_id, "start reconciled: no session started");
                    return Err(ClientError::NotStarted {
                        evse_id: evse_id.into(),
                        source: Box::new(failure),
                    });
                }
                Ok(None) => tokio::time::sleep(pause).await,
                Err(error) => {
                    // Whether it started is unknown: answer the start's own failure.
                    tracing::warn!(error = %error, "start could not be reconciled");
                    return Err(failure);
                }
            }
        }
    }

    /// The user's active session on `evse_id`, if any (a user has at most one active
    /// session).
    async fn active_session_on(
        &self,
        user: &UserId,
        evse_id: &str,
    ) -> Result<Option<ChargingSession>, ClientError> {
        let mut request = PageRequest::new(1, self.inner.settings.page_size).map_err(|error| {
            ClientError::Config(crate::ConfigError::InvalidSetting {
                setting: "page_size",
                reason: error.to_string(),
            })
        })?;
        for _ in 0..RECONCILE_PAGES {
            let page = self.sessions(user, request).await?;
            if let Some(session) = page
                .items
                .iter()
                .find(|session| session.is_active && session.evse_id == evse_id)
            {
                return Ok(Some(session.clone()));
            }
            if !page.has_next() || page.items.is_empty() {
                break;
            }
            request = request.next();
        }
        Ok(None)
    }

    pub(crate) async fn stop(&self, user: &UserId, session: &SessionId) -> Result<(), ClientError> {
        let call = self.inner.call(
            Method::POST,
            &["users", user.as_str(), "charging", "stop", session.as_str()],
        );
        let started = Instant::now();
        let mut attempts = 0_u32;
        loop {
            attempts += 1;
            let failure = match self.inner.send(&call).await {
                Ok(_) => return Ok(()),
                Err(error) if error.kind() == Some(&ErrorKind::AlreadyStopped) => {
                    tracing::debug!("already stopped");
                    return Ok(());
                }
                Err(error) if error.is_ambiguous() || error.is_retryable() => error,
                Err(error) => return Err(error),
            };
            match self.session(user, session).await {
                Ok(current) if !current.is_active => {
                    tracing::info!(error = %failure, "stop reconciled: the session is stopped");
                    return Ok(());
                }
                Ok(_) => {
                    tracing::warn!(error = %failure, "the session is still active; stopping again");
                }
                Err(error) => {
                    tracing::warn!(error = %error, "the session could not be read");
                }
            }
            let Some(wait) = self
                .inner
                .next_wait(attempts, started, failure.retry_after())
            else {
                return Err(failure);
            };
            tokio::time::sleep(wait).await;
        }
    }
}
