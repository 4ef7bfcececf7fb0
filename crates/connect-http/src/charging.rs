//! Starting and stopping sessions safely over an unreliable network.
//!
//! Starting is not idempotent (the API has no idempotency key), so a start is sent once.
//! When its fate is unknown (a timeout, a connection lost after sending, a 5xx answer) the
//! client reconciles: the user's sessions say whether it started, or, when they cannot
//! within the reconciliation window, the client says it does not know. Stopping is idempotent in
//! effect (`409 already_stopped` once stopped), so an ambiguous stop is checked and sent
//! again.

use std::time::Instant;

use chrono::{DateTime, Utc};

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
        let sent_at = self.inner.settings.clock.0.now();
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
        self.reconcile_start(user, &evse_id, sent_at, failure).await
    }

    /// Looks for the session an ambiguous start may have started (see
    /// [`ReconcilePolicy`](crate::ReconcilePolicy)): lists the user's sessions until one on
    /// that EVSE started since the request was sent, the API's answer says it is done and
    /// no such session exists, or the listings or the window are spent.
    async fn reconcile_start(
        &self,
        user: &UserId,
        evse_id: &str,
        sent_at: DateTime<Utc>,
        failure: ClientError,
    ) -> Result<ChargingSession, ClientError> {
        let policy = self.inner.settings.reconcile;
        let skew = chrono::Duration::from_std(policy.clock_skew).unwrap_or(chrono::Duration::MAX);
        let earliest = sent_at
            .checked_sub_signed(skew)
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        let began = Instant::now();
        let mut listings = 0_u32;
        loop {
            listings += 1;
            match self.session_started_since(user, evse_id, earliest).await {
                Ok(Some(session)) => {
                    tracing::info!(session = %session.id, evse_id, listings, "start reconciled: the session started");
                    return Ok(session);
                }
                // The API answered and is done: what the list shows is final.
                Ok(None) if failure.api_is_done() => {
                    tracing::info!(evse_id, listings, "start reconciled: no session started");
                    return Err(ClientError::NotStarted {
                        evse_id: evse_id.into(),
                        source: Box::new(failure),
                    });
                }
                Ok(None) => {
                    tracing::debug!(
                        evse_id,
                        listings,
                        "no session yet; the API may still start it"
                    );
                }
                Err(error) => {
                    tracing::warn!(evse_id, listings, error = %error, "the session list could not be read");
                }
            }
            let spent = began.elapsed().saturating_add(policy.interval);
            if listings >= policy.max_attempts || spent > policy.window {
                tracing::warn!(evse_id, listings, "whether the start happened is unknown");
                return Err(ClientError::StartOutcomeUnknown {
                    evse_id: evse_id.into(),
                    source: Box::new(failure),
                });
            }
            tokio::time::sleep(policy.interval).await;
        }
    }

    /// The user's session on `evse_id` that started at or after `earliest` (the latest, if
    /// several; the active one of those that started together), or that is active with no
    /// start time yet.
    async fn session_started_since(
        &self,
        user: &UserId,
        evse_id: &str,
        earliest: DateTime<Utc>,
    ) -> Result<Option<ChargingSession>, ClientError> {
        let mut request = PageRequest::new(1, self.inner.settings.page_size).map_err(|error| {
            ClientError::Config(crate::ConfigError::InvalidSetting {
                setting: "page_size",
                reason: error.to_string(),
            })
        })?;
        let mut found: Option<ChargingSession> = None;
        for _ in 0..RECONCILE_PAGES {
            let page = self.sessions(user, request).await?;
            let more = page.has_next() && page.answered_len() > 0;
            let candidates = page.items.into_iter().filter(|session| {
                session.evse_id == evse_id
                    && session
                        .start_time
                        .map_or(session.is_active, |start| start >= earliest)
            });
            for session in candidates {
                let later = |best: &ChargingSession| {
                    (session.start_time, session.is_active) > (best.start_time, best.is_active)
                };
                if found.as_ref().is_none_or(later) {
                    found = Some(session);
                }
            }
            if !more {
                break;
            }
            request = request.next();
        }
        Ok(found)
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
