//! Streams: every item of a list over all its pages, and a session watched until its bill
//! is final.

use std::future::Future;
use std::time::Duration;

use connect_domain::account::User;
use connect_domain::ids::{SessionId, UserId};
use connect_domain::invoice::Invoice;
use connect_domain::payment::{Debt, PaymentMethod};
use connect_domain::session::ChargingSession;
use connect_domain::station::Station;
use connect_ports::{
    AroundQuery, Charging, Invoices, Page, PageRequest, Payments, Stations, UserQuery, Users,
};
use futures_core::Stream;
use futures_util::{TryStreamExt, stream};

use crate::client::ConnectClient;
use crate::error::ClientError;

/// Every item of every page, fetched page by page as the stream is read; ends after the
/// last page, or after the first error (which it yields). Items a page could not read are
/// left out (the client logs each with `tracing::warn!`; the page methods name them in
/// [`Page::skipped`]) and the stream carries on.
fn paged<T, F, Fut>(first: PageRequest, fetch: F) -> impl Stream<Item = Result<T, ClientError>>
where
    T: Send + 'static,
    F: FnMut(PageRequest) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Page<T>, ClientError>> + Send + 'static,
{
    stream::try_unfold((Some(first), fetch), |(next, mut fetch)| async move {
        let Some(request) = next else {
            return Ok::<_, ClientError>(None);
        };
        let page = fetch(request).await?;
        let next = (page.has_next() && page.answered_len() > 0).then(|| request.next());
        let items = stream::iter(page.items.into_iter().map(Ok::<T, ClientError>));
        Ok(Some((items, (next, fetch))))
    })
    .try_flatten()
}

impl ConnectClient {
    fn first_page(&self) -> PageRequest {
        PageRequest::new(1, self.inner.settings.page_size).unwrap_or_default()
    }

    /// Every user (optionally those matching `search`: an id or an external id), over all
    /// pages.
    ///
    /// # Examples
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// use connect_http::{ApiToken, ConnectClient, Environment};
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = ConnectClient::new(ApiToken::from_env()?, Environment::Development)?;
    /// let users: Vec<_> = client.users_stream(None).try_collect().await?;
    /// println!("{} users", users.len());
    /// # Ok(())
    /// # }
    /// ```
    pub fn users_stream(
        &self,
        search: Option<String>,
    ) -> impl Stream<Item = Result<User, ClientError>> + Send + 'static {
        let client = self.clone();
        paged(self.first_page(), move |page| {
            let (client, search) = (client.clone(), search.clone());
            async move {
                let mut query = UserQuery::default().page(page);
                if let Some(search) = search {
                    query = query.search(search);
                }
                client.list_users(query).await
            }
        })
    }

    /// Every charging session of a user, over all pages.
    ///
    /// # Examples
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// use connect_domain::ids::UserId;
    /// use connect_http::{ApiToken, ConnectClient, Environment};
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = ConnectClient::new(ApiToken::from_env()?, Environment::Development)?;
    /// let mut sessions = std::pin::pin!(client.sessions_stream(UserId::new("u1")));
    /// while let Some(session) = sessions.try_next().await? {
    ///     println!("{} {:?}", session.id, session.consumed_energy_kwh);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn sessions_stream(
        &self,
        user: UserId,
    ) -> impl Stream<Item = Result<ChargingSession, ClientError>> + Send + 'static {
        let client = self.clone();
        paged(self.first_page(), move |page| {
            let (client, user) = (client.clone(), user.clone());
            async move { client.sessions(&user, page).await }
        })
    }

    /// Every invoice of a user, over all pages (in the docs' cursor envelope too, whose
    /// pages the client follows by `next_page_id`; see [`Invoices::invoices`]).
    ///
    /// # Examples
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// use connect_domain::ids::UserId;
    /// use connect_http::{ApiToken, ConnectClient, Environment};
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = ConnectClient::new(ApiToken::from_env()?, Environment::Development)?;
    /// let invoices: Vec<_> = client.invoices_stream(UserId::new("u1")).try_collect().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn invoices_stream(
        &self,
        user: UserId,
    ) -> impl Stream<Item = Result<Invoice, ClientError>> + Send + 'static {
        let client = self.clone();
        paged(self.first_page(), move |page| {
            let (client, user) = (client.clone(), user.clone());
            async move { client.invoices(&user, page).await }
        })
    }

    /// Every payment method of a user, over all pages.
    ///
    /// # Examples
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// use connect_domain::ids::UserId;
    /// use connect_http::{ApiToken, ConnectClient, Environment};
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = ConnectClient::new(ApiToken::from_env()?, Environment::Development)?;
    /// let methods: Vec<_> = client.payment_methods_stream(UserId::new("u1")).try_collect().await?;
    /// let default = methods.iter().find(|method| method.is_default);
    /// # Ok(())
    /// # }
    /// ```
    pub fn payment_methods_stream(
        &self,
        user: UserId,
    ) -> impl Stream<Item = Result<PaymentMethod, ClientError>> + Send + 'static {
        let client = self.clone();
        paged(self.first_page(), move |page| {
            let (client, user) = (client.clone(), user.clone());
            async move { client.payment_methods(&user, page).await }
        })
    }

    /// Every unpaid session of a user, over all pages.
    ///
    /// # Examples
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// use connect_domain::ids::UserId;
    /// use connect_http::{ApiToken, ConnectClient, Environment};
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = ConnectClient::new(ApiToken::from_env()?, Environment::Development)?;
    /// let debts: Vec<_> = client.debts_stream(UserId::new("u1")).try_collect().await?;
    /// for debt in &debts {
    ///     println!("{} {} {}", debt.session_id, debt.amount, debt.currency);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn debts_stream(
        &self,
        user: UserId,
    ) -> impl Stream<Item = Result<Debt, ClientError>> + Send + 'static {
        let client = self.clone();
        paged(self.first_page(), move |page| {
            let (client, user) = (client.clone(), user.clone());
            async move { client.debts(&user, page).await }
        })
    }

    /// Every station around a point, nearest first, over all pages.
    ///
    /// # Examples
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// use connect_domain::station::StationFilter;
    /// use connect_domain::zone::Coordinates;
    /// use connect_http::{ApiToken, ConnectClient, Environment};
    /// use connect_ports::AroundQuery;
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = ConnectClient::new(ApiToken::from_env()?, Environment::Development)?;
    /// let query = AroundQuery::new(Coordinates { latitude: 49.630383, longitude: 8.368902 }, 500.0);
    /// let stations: Vec<_> = client.stations_around_stream(query).try_collect().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn stations_around_stream(
        &self,
        query: AroundQuery,
    ) -> impl Stream<Item = Result<Station, ClientError>> + Send + 'static {
        let client = self.clone();
        paged(self.first_page(), move |page| {
            let (client, query) = (client.clone(), query.clone());
            async move { client.stations_around(&query, page).await }
        })
    }

    /// Watches a session: polls it (every [`PollPolicy::min_interval`] while it changes,
    /// backing off to [`PollPolicy::max_interval`] while it does not) and yields it whenever
    /// it changed (energy, activity, cost, …), the first poll included. The stream ends after
    /// the session's final state: stopped, with its bill (the charge detail record has
    /// arrived). A failed poll (after the client's own retries) is yielded and ends the
    /// stream.
    ///
    /// [`PollPolicy::min_interval`]: crate::PollPolicy::min_interval
    /// [`PollPolicy::max_interval`]: crate::PollPolicy::max_interval
    ///
    /// # Examples
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// use connect_domain::ids::{SessionId, UserId};
    /// use connect_http::{ApiToken, ConnectClient, Environment};
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = ConnectClient::new(ApiToken::from_env()?, Environment::Development)?;
    /// let mut updates = std::pin::pin!(client.watch_session(UserId::new("u1"), SessionId::new("s1")));
    /// while let Some(session) = updates.try_next().await? {
    ///     match &session.bill {
    ///         Some(bill) => println!("final: {} {}", bill.cost.invoice_summary, bill.cost.currency),
    ///         None => println!("{:?} kWh so far", session.consumed_energy_kwh),
    ///     }
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn watch_session(
        &self,
        user: UserId,
        session: SessionId,
    ) -> impl Stream<Item = Result<ChargingSession, ClientError>> + Send + 'static {
        let poll = self.inner.settings.poll;
        let state = Watch {
            client: self.clone(),
            user,
            session,
            last: None,
            wait: None,
            done: false,
        };
        stream::unfold(state, move |mut state| async move {
            if state.done {
                return None;
            }
            loop {
                if let Some(wait) = state.wait {
                    tokio::time::sleep(wait).await;
                }
                let current = match state.client.session(&state.user, &state.session).await {
                    Ok(current) => current,
                    Err(error) => {
                        state.done = true;
                        return Some((Err(error), state));
                    }
                };
                let finished = !current.is_active && current.bill.is_some();
                if state.last.as_ref() != Some(&current) {
                    tracing::debug!(session = %current.id, finished, "the session changed");
                    state.wait = Some(poll.min_interval);
                    state.last = Some(current.clone());
                    state.done = finished;
                    return Some((Ok(current), state));
                }
                if finished {
                    return None;
                }
                state.wait = Some(next_interval(
                    state.wait,
                    poll.min_interval,
                    poll.max_interval,
                ));
            }
        })
    }
}

/// The wait after a poll that saw no change: twice the last, within the bounds.
fn next_interval(last: Option<Duration>, min: Duration, max: Duration) -> Duration {
    last.map_or(min, |wait| wait.saturating_mul(2))
        .clamp(min, max)
}

struct Watch {
    client: ConnectClient,
    user: UserId,
    session: SessionId,
    last: Option<ChargingSession>,
    wait: Option<Duration>,
    done: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_backs_off_by_doubling_within_its_bounds() {
        let (min, max) = (Duration::from_secs(1), Duration::from_secs(5));
        assert_eq!(next_interval(None, min, max), min);
        assert_eq!(next_interval(Some(min), min, max), Duration::from_secs(2));
        assert_eq!(next_interval(Some(Duration::from_secs(4)), min, max), max);
    }
}
