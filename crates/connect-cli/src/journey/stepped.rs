//! A sandbox clock that stands still and moves a fixed step before each look at the
//! session (`--clock-step`): the journey then sees the same energies at the same sandbox
//! instants on any machine, however fast it polls (the tests' way to assert exact energies
//! without asserting on timing).

use std::sync::Arc;

use connect_domain::ids::{SessionId, UserId};
use connect_domain::session::ChargingSession;
use connect_http::{ClientError, ConnectClient};
use connect_ports::Charging;
use futures_util::Stream;

/// Moves the sandbox's clock by one step.
pub(super) type Step = Arc<dyn Fn() + Send + Sync>;

/// The session, read once after each step of the clock: one item per step, until it
/// carries its charge detail record.
pub(super) fn updates(
    client: ConnectClient,
    user: UserId,
    session: SessionId,
    step: Step,
) -> impl Stream<Item = Result<ChargingSession, ClientError>> + Send + 'static {
    // Ends after the session with its charge detail record, as `watch_session` does.
    futures_util::stream::unfold(false, move |finished| {
        let (client, user, session, step) = (
            client.clone(),
            user.clone(),
            session.clone(),
            Arc::clone(&step),
        );
        async move {
            if finished {
                return None;
            }
            step();
            let read = client.session(&user, &session).await;
            let finished = read.as_ref().is_ok_and(|session| session.bill.is_some());
            Some((read, finished))
        }
    })
}
