//! One tenant's world: its users, cards, Stripe intents, sessions, debts and invoices, and
//! the rules the API applies to them.
//!
//! The records live in [`Repository`]s that answer copies: an operation reads a record,
//! changes its copy and updates it, so the same rules run in memory and on a durable
//! sandbox, where every update is journaled and committed before the answer.

mod charging;
mod payments;
mod progress;
pub(crate) mod records;

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use connect_domain::account::{BillingDetails, NewUser, User, UserPatch};
use connect_domain::ids::{SessionId, UserId};
use connect_domain::payment::Debt;
use connect_ports::{ApiError, ErrorKind, Page, PageRequest};

use crate::clock::{ClockError, ClockMode, TenantClock};
use crate::ids::IdSource;
use crate::sandbox::Shared;
use crate::store::{
    Change, Journal, Journaled, MemoryRepository, Order, Repository, StoreError, Stored,
    StoredTenant, TenantHeader,
};
use records::{
    InvoiceRecord, OccupiedEvse, PaymentIntentRecord, SessionRecord, SetupIntentRecord, UserRecord,
};

/// One kind of record, behind the repository port.
type Store<R> = Box<dyn Repository<R>>;

/// A repository in memory, or journaled when the tenant is durable.
fn repository<R: Stored>(journal: Option<&Journal>) -> Store<R> {
    match journal {
        Some(journal) => Box::new(Journaled::new(journal.clone())),
        None => Box::new(MemoryRepository::default()),
    }
}

/// A store's failure, as the API's unexpected error (the sandbox's fault, not the caller's).
impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        let mut details = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            details.push_str(": ");
            details.push_str(&cause.to_string());
            source = cause.source();
        }
        ApiError::new(500, ErrorKind::Unexpected, "Unexpected error").with_details(details)
    }
}

/// Everything one API token has done.
pub(crate) struct Tenant {
    ids: IdSource,
    users: Store<UserRecord>,
    /// Setup intents by client secret; each user's newest [`SETUP_INTENTS_PER_USER`] only.
    setup_intents: Store<SetupIntentRecord>,
    payment_intents: Store<PaymentIntentRecord>,
    sessions: Store<SessionRecord>,
    invoices: Store<InvoiceRecord>,
    /// EVSEs made busy through the control API (each tenant sees its own world).
    occupied: Store<OccupiedEvse>,
    /// Sessions still changing with the clock (active, or stopped and awaiting their CDR):
    /// bringing a tenant up to now costs what is open, not its whole history. Derived from
    /// the sessions, never stored.
    open_sessions: BTreeSet<SessionId>,
    /// The tenant's own time.
    pub(crate) clock: TenantClock,
    /// Users not deleted: a page of users is counted without a scan. Derived.
    live_users: usize,
    /// Where a durable tenant's changes wait for their commit; `None` in memory.
    journal: Option<Journal>,
}

impl std::fmt::Debug for Tenant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tenant")
            .field("users", &self.users.len().ok())
            .field("sessions", &self.sessions.len().ok())
            .field("open_sessions", &self.open_sessions.len())
            .field("durable", &self.journal.is_some())
            .finish_non_exhaustive()
    }
}

/// How many setup intents the sandbox keeps per user: asking for another forgets the
/// oldest (confirming a forgotten one is a 404, as for an unknown secret).
pub(crate) const SETUP_INTENTS_PER_USER: usize = 20;

const STATION_NOT_FOUND: &str = "The requested station or EVSE could not be found.";
const SESSION_NOT_FOUND: &str = "User session with this id was not found";
const USER_NOT_FOUND: &str = "User not found.";
const PAYMENT_METHOD_NOT_FOUND: &str = "Payment method not found.";

impl Tenant {
    /// A new tenant: in memory, or durable (journaling every change) with a `journal`.
    pub(crate) fn new(
        seed: u64,
        scope: &str,
        clock: TenantClock,
        journal: Option<&Journal>,
    ) -> Self {
        Self {
            ids: IdSource::new(seed, scope),
            users: repository(journal),
            setup_intents: repository(journal),
            payment_intents: repository(journal),
            sessions: repository(journal),
            invoices: repository(journal),
            occupied: repository(journal),
            open_sessions: BTreeSet::new(),
            clock,
            live_users: 0,
            journal: journal.cloned(),
        }
    }

    /// A durable tenant as its store kept it.
    ///
    /// # Errors
    /// A record that cannot be read back, or a kind this sandbox does not know.
    pub(crate) fn restore(stored: &StoredTenant, journal: &Journal) -> Result<Self, StoreError> {
        let mut tenant = Self::new(0, "", stored.header.clock, Some(journal));
        tenant.ids = IdSource::from_state(stored.header.ids);
        for (kind, body) in &stored.records {
            tenant.restore_record(kind, body)?;
        }
        let mut open = BTreeSet::new();
        tenant.sessions.visit(Order::OldestFirst, &mut |record| {
            if record.is_open() {
                open.insert(record.session.id.clone());
            }
            crate::store::Visit::Continue
        })?;
        tenant.open_sessions = open;
        tenant.live_users = tenant.users.count(&|record| !record.deleted)?;
        // What was read back is stored already: not changes to commit.
        journal.take();
        Ok(tenant)
    }

    fn restore_record(&mut self, kind: &str, body: &str) -> Result<(), StoreError> {
        fn read<R: Stored>(kind: &str, body: &str) -> Result<R, StoreError> {
            serde_json::from_str(body).map_err(|source| StoreError::Unreadable {
                kind: kind.to_owned(),
                key: String::new(),
                source,
            })
        }
        match kind {
            UserRecord::KIND => self.users.insert(read(kind, body)?),
            SetupIntentRecord::KIND => self.setup_intents.insert(read(kind, body)?),
            PaymentIntentRecord::KIND => self.payment_intents.insert(read(kind, body)?),
            SessionRecord::KIND => self.sessions.insert(read(kind, body)?),
            InvoiceRecord::KIND => self.invoices.insert(read(kind, body)?),
            OccupiedEvse::KIND => self.occupied.insert(read(kind, body)?),
            other => Err(StoreError::Unreadable {
                kind: other.to_owned(),
                key: String::new(),
                source: serde::de::Error::custom("a kind of record this sandbox does not know"),
            }),
        }
    }

    /// The ids' state and the clock: what a store keeps beside the records.
    pub(crate) fn header(&self) -> TenantHeader {
        TenantHeader {
            ids: self.ids.state(),
            clock: self.clock,
        }
    }

    /// The changes made since the last call (none in memory).
    pub(crate) fn take_changes(&self) -> Vec<Change> {
        self.journal.as_ref().map(Journal::take).unwrap_or_default()
    }

    // ------------------------------------------------------------------ clock

    /// Control: moves this tenant's clock forward, and answers its new time.
    pub(crate) fn advance_clock(
        &mut self,
        by: Duration,
        source_now: DateTime<Utc>,
        shared: &Shared,
    ) -> Result<DateTime<Utc>, ApiError> {
        let now = self
            .clock
            .advance(by, source_now)
            .map_err(|error| clock_error(&error))?;
        self.settle(now, shared)?;
        Ok(now)
    }

    /// Control: changes how this tenant's clock runs, and answers its time.
    pub(crate) fn set_clock(
        &mut self,
        mode: ClockMode,
        source_now: DateTime<Utc>,
        shared: &Shared,
    ) -> Result<DateTime<Utc>, ApiError> {
        let before = self.clock;
        self.clock
            .set(mode, source_now)
            .map_err(|error| clock_error(&error))?;
        let now = self.clock.now(source_now);
        // Time never runs back: sessions already started or stopped stay in the past.
        if now < before.now(source_now) {
            self.clock = before;
            return Err(ApiError::validation(
                "now",
                "the clock never runs back: must not be before the tenant's current time",
            ));
        }
        self.settle(now, shared)?;
        Ok(now)
    }

    // ------------------------------------------------------------------ users

    fn user_record(&self, id: &UserId) -> Result<UserRecord, ApiError> {
        self.users
            .get(id)?
            .filter(|record| !record.deleted)
            .ok_or_else(|| ApiError::not_found(USER_NOT_FOUND))
    }

    pub(crate) fn create_user(&mut self, new: NewUser) -> Result<User, ApiError> {
        new.validate()
            .map_err(|e| ApiError::validation(e.field, e.message))?;
        let user = {
            let mut user = User::new(UserId::new(self.ids.uuid()));
            user.email = new.email;
            user.locale = new.locale;
            user.external_id = new.external_id;
            user
        };
        self.users.insert(UserRecord {
            user: user.clone(),
            deleted: false,
            billing: BillingDetails::default(),
            methods: Vec::new(),
            setup_intents: std::collections::VecDeque::new(),
        })?;
        self.live_users += 1;
        Ok(user)
    }

    pub(crate) fn list_users(
        &self,
        search: Option<&str>,
        page: PageRequest,
    ) -> Result<Page<User>, ApiError> {
        let search = search.map(str::trim).filter(|s| !s.is_empty());
        let matches = |record: &UserRecord| {
            !record.deleted
                && search.is_none_or(|term| {
                    record.user.id.as_str() == term
                        || record.user.external_id.as_deref() == Some(term)
                })
        };
        // Only the page is copied: a tenant with many users lists them at the cost of one
        // page (plus a count without copying when searching), holding only its own lock.
        let count = if search.is_some() {
            self.users.count(&matches)?
        } else {
            self.live_users
        };
        let users = Self::page(&*self.users, &matches, Order::OldestFirst, page)?;
        Page::selected(count, users.into_iter().map(|r| r.user).collect(), page)
    }

    pub(crate) fn get_user(&self, id: &UserId) -> Result<User, ApiError> {
        Ok(self.user_record(id)?.user)
    }

    pub(crate) fn update_user(&mut self, id: &UserId, patch: &UserPatch) -> Result<User, ApiError> {
        patch
            .validate()
            .map_err(|e| ApiError::validation(e.field, e.message))?;
        let mut record = self.user_record(id)?;
        record.user = patch.apply(&record.user);
        let user = record.user.clone();
        self.users.update(record)?;
        Ok(user)
    }

    pub(crate) fn delete_user(&mut self, id: &UserId) -> Result<(), ApiError> {
        let mut record = self.user_record(id)?;
        self.refuse_with_debts(id, "User with unpaid debts cannot be deleted.")?;
        // A session still charging is an outstanding charging session, as the API's debt
        // answer words it: refused the same way (402 `payment_error`, a status the document
        // declares for this operation), so the session is never orphaned, its EVSE never
        // left busy and its energy never left unbilled.
        if self.active_sessions()?.iter().any(|s| s.user == *id) {
            return Err(ApiError::unpaid_debts(
                "User with an active charging session cannot be deleted.",
            ));
        }
        record.deleted = true;
        self.users.update(record)?;
        self.live_users = self.live_users.saturating_sub(1);
        Ok(())
    }

    /// The user's unpaid debts, oldest session first.
    fn unpaid(&self, user: &UserId) -> Result<Vec<Debt>, ApiError> {
        let owing = |record: &SessionRecord| record.user == *user && record.debt.is_some();
        Ok(self
            .sessions
            .select(&owing, Order::OldestFirst, 0, usize::MAX)?
            .into_iter()
            .filter_map(|record| record.debt)
            .collect())
    }

    fn refuse_with_debts(&self, user: &UserId, detail: &str) -> Result<(), ApiError> {
        let owing = |record: &SessionRecord| record.user == *user && record.debt.is_some();
        if self.sessions.find(&owing, Order::OldestFirst)?.is_some() {
            return Err(ApiError::unpaid_debts(detail));
        }
        Ok(())
    }

    // ---------------------------------------------------------------- billing

    pub(crate) fn billing_details(&self, user: &UserId) -> Result<BillingDetails, ApiError> {
        Ok(self.user_record(user)?.billing)
    }

    pub(crate) fn replace_billing_details(
        &mut self,
        user: &UserId,
        details: BillingDetails,
    ) -> Result<BillingDetails, ApiError> {
        let mut record = self.user_record(user)?;
        details
            .validate()
            .map_err(|e| ApiError::validation(e.field, e.message))?;
        record.billing = details.clone();
        self.users.update(record)?;
        Ok(details)
    }

    // ----------------------------------------------------------------- paging

    /// The records on one page (those matching, in `order`): only they are copied.
    fn page<R: crate::store::Record>(
        repository: &dyn Repository<R>,
        matching: &dyn Fn(&R) -> bool,
        order: Order,
        page: PageRequest,
    ) -> Result<Vec<R>, ApiError> {
        let skip = usize::try_from(page.offset()).unwrap_or(usize::MAX);
        let take = page.page_size() as usize;
        Ok(repository.select(matching, order, skip, take)?)
    }
}

/// A clock request out of bounds, as the API's validation error naming the field.
fn clock_error(error: &ClockError) -> ApiError {
    let text = error.to_string();
    // The error reads "<field>: <message>"; the API's validation error adds the field.
    let message = text
        .split_once(": ")
        .map_or(text.as_str(), |(_, message)| message);
    ApiError::validation(error.field(), message)
}
