//! One tenant's world: its users, cards, Stripe intents, sessions, debts and invoices, and
//! the rules the API applies to them.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use chrono::{DateTime, Duration, Utc};
use connect_domain::account::{BillingDetails, NewUser, User, UserPatch};
use connect_domain::charging::ChargingPlan;
use connect_domain::ids::{PaymentMethodId, SessionId, UserId};
use connect_domain::invoice::Invoice;
use connect_domain::payment::{
    Card, CardExpiry, Debt, PaymentMethod, PaymentMethodKind, SetupIntent, SetupKind,
};
use connect_domain::pricing::{BandPolicy, BlockingBasis, PricingOptions, estimate};
use connect_domain::session::{ChargingSession, Rating, SessionBill, SessionPrices};
use connect_ports::{
    ApiError, DuplicateKey, ErrorKind, Page, PageRequest, Record, Repository, StartCharging,
};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::cards::{CardBehaviour, CardError, test_card};
use crate::clock::{ClockError, ClockMode, TenantClock};
use crate::ids::IdSource;
use crate::sandbox::{Availability, EvseFacts, Progress, Shared};
use crate::store::MemoryRepository;

/// A payment method and what its test card does.
#[derive(Debug, Clone)]
struct MethodRecord {
    method: PaymentMethod,
    behaviour: CardBehaviour,
}

#[derive(Debug, Clone)]
struct UserRecord {
    user: User,
    deleted: bool,
    billing: BillingDetails,
    methods: Vec<MethodRecord>,
    /// The client secrets of the user's setup intents, oldest first.
    setup_intents: VecDeque<String>,
}

#[derive(Debug, Clone)]
struct SetupIntentRecord {
    user: UserId,
    used: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Purpose {
    /// The hold at start, for a card that needs 3-D Secure.
    PreAuthorization {
        evse_id: String,
        payment_method: PaymentMethodId,
    },
    /// Paying a debt.
    Debt { session: SessionId },
}

#[derive(Debug, Clone)]
struct PaymentIntentRecord {
    client_secret: String,
    user: UserId,
    purpose: Purpose,
    confirmed: bool,
    used: bool,
}

#[derive(Debug, Clone)]
struct SessionRecord {
    user: UserId,
    session: ChargingSession,
    facts: EvseFacts,
    payment_method: PaymentMethodId,
    /// What the car will take; charging stops there.
    target_kwh: Decimal,
    cdr_due: Option<DateTime<Utc>>,
    billed: bool,
    debt: Option<Debt>,
    /// Why the pricing engine refused to price the session, if it did: shown to whoever
    /// asks for the session, never swallowed into a bill of 0.00.
    unpriced: Option<String>,
}

/// An invoice and the user it was issued to.
#[derive(Debug, Clone)]
struct InvoiceRecord {
    id: String,
    user: UserId,
    invoice: Invoice,
}

impl Record for UserRecord {
    type Key = UserId;
    fn key(&self) -> &UserId {
        &self.user.id
    }
}

impl Record for PaymentIntentRecord {
    type Key = String;
    fn key(&self) -> &String {
        &self.client_secret
    }
}

impl Record for SessionRecord {
    type Key = SessionId;
    fn key(&self) -> &SessionId {
        &self.session.id
    }
}

impl Record for InvoiceRecord {
    type Key = String;
    fn key(&self) -> &String {
        &self.id
    }
}

/// One kind of record, behind the repository port.
type Store<R> = Box<dyn Repository<R>>;

fn memory<R: Record>() -> Store<R> {
    Box::new(MemoryRepository::default())
}

/// Ids come from the seeded source and never repeat; a clash would be a sandbox bug, told
/// as the API's unexpected error rather than a panic.
fn stored(result: Result<(), DuplicateKey>) -> Result<(), ApiError> {
    result.map_err(|clash| {
        ApiError::new(500, ErrorKind::Unexpected, "Unexpected error")
            .with_details(clash.to_string())
    })
}

/// Everything one API token has done.
pub(crate) struct Tenant {
    ids: IdSource,
    users: Store<UserRecord>,
    /// Setup intents by client secret; each user's newest [`SETUP_INTENTS_PER_USER`] only.
    setup_intents: BTreeMap<String, SetupIntentRecord>,
    payment_intents: Store<PaymentIntentRecord>,
    sessions: Store<SessionRecord>,
    invoices: Store<InvoiceRecord>,
    /// Sessions still changing with the clock (active, or stopped and awaiting their CDR):
    /// bringing a tenant up to now costs what is open, not its whole history.
    open_sessions: BTreeSet<SessionId>,
    /// EVSEs made busy through the control API (each tenant sees its own world).
    occupied: BTreeSet<String>,
    /// The tenant's own time.
    pub(crate) clock: TenantClock,
    /// Users not deleted: a page of users is counted without a scan.
    live_users: usize,
}

impl std::fmt::Debug for Tenant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tenant")
            .field("users", &self.users.len())
            .field("sessions", &self.sessions.len())
            .field("open_sessions", &self.open_sessions.len())
            .field("invoices", &self.invoices.len())
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

/// A start with a `payment_method_id` that is not one of the user's: 402
/// `payment_method_error`, a status the API declares for start (it declares no 400), naming
/// the field. Not 404: the API's 404 at start means "The requested station or EVSE could
/// not be found.", and a client acting on that would tell the driver the station is gone.
fn unusable_payment_method() -> ApiError {
    let mut error = ApiError::new(402, ErrorKind::PaymentMethod, "Charging Error").with_details(
        "payment_method_id: the payment method is not one of the user's; attach it first.",
    );
    error.field = Some("payment_method_id".into());
    error
}

impl Tenant {
    pub(crate) fn new(seed: u64, scope: &str, clock: TenantClock) -> Self {
        Self {
            ids: IdSource::new(seed, scope),
            users: memory(),
            setup_intents: BTreeMap::new(),
            payment_intents: memory(),
            sessions: memory(),
            invoices: memory(),
            open_sessions: BTreeSet::new(),
            occupied: BTreeSet::new(),
            clock,
            live_users: 0,
        }
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
        self.settle(now, shared);
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
        self.settle(now, shared);
        Ok(now)
    }

    // ------------------------------------------------------------------ users

    fn user_record(&self, id: &UserId) -> Result<&UserRecord, ApiError> {
        self.users
            .get(id)
            .filter(|record| !record.deleted)
            .ok_or_else(|| ApiError::not_found(USER_NOT_FOUND))
    }

    fn user_record_mut(&mut self, id: &UserId) -> Result<&mut UserRecord, ApiError> {
        self.users
            .get_mut(id)
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
        stored(self.users.insert(UserRecord {
            user: user.clone(),
            deleted: false,
            billing: BillingDetails::default(),
            methods: Vec::new(),
            setup_intents: VecDeque::new(),
        }))?;
        self.live_users += 1;
        Ok(user)
    }

    pub(crate) fn list_users(
        &self,
        search: Option<&str>,
        page: PageRequest,
    ) -> Result<Page<User>, ApiError> {
        let search = search.map(str::trim).filter(|s| !s.is_empty());
        let matches = |record: &&UserRecord| {
            !record.deleted
                && search.is_none_or(|term| {
                    record.user.id.as_str() == term
                        || record.user.external_id.as_deref() == Some(term)
                })
        };
        // Only the page is copied: a tenant with many users lists them at the cost of one
        // page (plus a count without copying when searching), holding only its own lock.
        let count = if search.is_some() {
            self.users.iter().filter(matches).count()
        } else {
            self.live_users
        };
        let users = self
            .users
            .iter()
            .filter(matches)
            .map(|record| record.user.clone());
        Page::select_iter(count, users, page)
    }

    pub(crate) fn get_user(&self, id: &UserId) -> Result<User, ApiError> {
        Ok(self.user_record(id)?.user.clone())
    }

    pub(crate) fn update_user(&mut self, id: &UserId, patch: &UserPatch) -> Result<User, ApiError> {
        patch
            .validate()
            .map_err(|e| ApiError::validation(e.field, e.message))?;
        let record = self.user_record_mut(id)?;
        record.user = patch.apply(&record.user);
        Ok(record.user.clone())
    }

    pub(crate) fn delete_user(&mut self, id: &UserId) -> Result<(), ApiError> {
        self.user_record(id)?;
        self.refuse_with_debts(id, "User with unpaid debts cannot be deleted.")?;
        // A session still charging is an outstanding charging session, as the API's debt
        // answer words it: refused the same way (402 `payment_error`, a status the document
        // declares for this operation), so the session is never orphaned, its EVSE never
        // left busy and its energy never left unbilled.
        if self.active_sessions().any(|record| record.user == *id) {
            return Err(ApiError::unpaid_debts(
                "User with an active charging session cannot be deleted.",
            ));
        }
        self.user_record_mut(id)?.deleted = true;
        self.live_users = self.live_users.saturating_sub(1);
        Ok(())
    }

    fn unpaid(&self, user: &UserId) -> impl Iterator<Item = &Debt> + '_ {
        let user = user.clone();
        self.sessions
            .iter()
            .filter(move |record| record.user == user)
            .filter_map(|record| record.debt.as_ref())
    }

    fn refuse_with_debts(&self, user: &UserId, detail: &str) -> Result<(), ApiError> {
        if self.unpaid(user).next().is_some() {
            return Err(ApiError::unpaid_debts(detail));
        }
        Ok(())
    }

    // ---------------------------------------------------------------- billing

    pub(crate) fn billing_details(&self, user: &UserId) -> Result<BillingDetails, ApiError> {
        Ok(self.user_record(user)?.billing.clone())
    }

    pub(crate) fn replace_billing_details(
        &mut self,
        user: &UserId,
        details: BillingDetails,
    ) -> Result<BillingDetails, ApiError> {
        self.user_record(user)?;
        details
            .validate()
            .map_err(|e| ApiError::validation(e.field, e.message))?;
        self.user_record_mut(user)?.billing = details.clone();
        Ok(details)
    }

    // --------------------------------------------------------------- payments

    pub(crate) fn setup_intent(
        &mut self,
        user: &UserId,
        kind: &SetupKind,
    ) -> Result<SetupIntent, ApiError> {
        self.user_record(user)?;
        if !kind.is_known() {
            return Err(ApiError::validation(
                "pm_type",
                format!("\"{kind}\" is not a valid choice (card, paypal)."),
            ));
        }
        let id = self.ids.stripe("seti");
        let client_secret = self.ids.client_secret(&id);
        self.setup_intents.insert(
            client_secret.clone(),
            SetupIntentRecord {
                user: user.clone(),
                used: false,
            },
        );
        // Every call hands out a fresh intent, as Stripe does; only the newest few are kept,
        // so a client polling the endpoint cannot grow the sandbox without bound.
        let kept = &mut self.user_record_mut(user)?.setup_intents;
        kept.push_back(client_secret.clone());
        let forgotten = if kept.len() > SETUP_INTENTS_PER_USER {
            kept.pop_front()
        } else {
            None
        };
        if let Some(forgotten) = forgotten {
            self.setup_intents.remove(&forgotten);
        }
        Ok(SetupIntent::new(client_secret))
    }

    /// Plays the partner's frontend confirming a setup intent with a Stripe test card: the
    /// card becomes a payment method of the user (the default if it is the first).
    pub(crate) fn confirm_setup_intent(
        &mut self,
        client_secret: &str,
        card_number: &str,
        now: DateTime<Utc>,
    ) -> Result<PaymentMethod, ApiError> {
        let intent = self
            .setup_intents
            .get_mut(client_secret)
            .ok_or_else(|| ApiError::not_found("Setup intent not found."))?;
        if intent.used {
            return Err(ApiError::validation(
                "client_secret",
                "This setup intent has already been confirmed.",
            ));
        }
        let card = test_card(card_number).map_err(|error| match error {
            CardError::Declined => {
                ApiError::new(402, ErrorKind::PaymentMethod, "Your card was declined.")
                    .with_details(error.to_string())
            }
            other => ApiError::validation("card_number", other.to_string()),
        })?;
        intent.used = true;
        let user = intent.user.clone();
        let id = PaymentMethodId::new(self.ids.stripe("pm"));
        let record = self.user_record_mut(&user)?;
        let method = {
            let mut method = PaymentMethod::new(
                id,
                PaymentMethodKind::Card,
                Card::new(
                    card.brand.to_owned(),
                    card.number[card.number.len() - 4..].to_owned(),
                    CardExpiry {
                        month: 12,
                        year: 2034,
                    },
                ),
                now,
            );
            method.is_default = record.methods.is_empty();
            method
        };
        record.methods.push(MethodRecord {
            method: method.clone(),
            behaviour: card.behaviour,
        });
        Ok(method)
    }

    pub(crate) fn payment_methods(
        &self,
        user: &UserId,
        page: PageRequest,
    ) -> Result<Page<PaymentMethod>, ApiError> {
        let record = self.user_record(user)?;
        // Newest first, as the docs' example lists them.
        let methods = record.methods.iter().rev().map(|m| m.method.clone());
        Page::select_iter(record.methods.len(), methods, page)
    }

    pub(crate) fn set_default_payment_method(
        &mut self,
        user: &UserId,
        pm: &PaymentMethodId,
    ) -> Result<(), ApiError> {
        let record = self.user_record_mut(user)?;
        if !record.methods.iter().any(|m| m.method.id == *pm) {
            return Err(ApiError::not_found(PAYMENT_METHOD_NOT_FOUND));
        }
        for method in &mut record.methods {
            method.method.is_default = method.method.id == *pm;
        }
        Ok(())
    }

    /// Removal is refused while debts are unpaid, while an active session uses the method,
    /// and for the default method while others remain (choose another default first).
    pub(crate) fn delete_payment_method(
        &mut self,
        user: &UserId,
        pm: &PaymentMethodId,
    ) -> Result<(), ApiError> {
        let record = self.user_record(user)?;
        let method = record
            .methods
            .iter()
            .find(|m| m.method.id == *pm)
            .ok_or_else(|| ApiError::not_found(PAYMENT_METHOD_NOT_FOUND))?;
        self.refuse_with_debts(
            user,
            "Payment methods cannot be removed while debts are unpaid.",
        )?;
        let in_use = self
            .active_sessions()
            .any(|s| s.user == *user && s.payment_method == *pm);
        if in_use {
            return Err(ApiError::new(
                400,
                ErrorKind::PaymentMethod,
                "The payment method is used by an active charging session.",
            ));
        }
        if method.method.is_default && record.methods.len() > 1 {
            return Err(ApiError::new(
                400,
                ErrorKind::PaymentMethod,
                "The default payment method cannot be removed while others remain; set another default first.",
            ));
        }
        self.user_record_mut(user)?
            .methods
            .retain(|m| m.method.id != *pm);
        Ok(())
    }

    pub(crate) fn debts(&self, user: &UserId, page: PageRequest) -> Result<Page<Debt>, ApiError> {
        self.user_record(user)?;
        let count = self.unpaid(user).count();
        Page::select_iter(count, self.unpaid(user).cloned(), page)
    }

    /// Plays the partner's frontend confirming a payment intent: a 3-D Secure hold before a
    /// start, or paying a debt (which issues the invoice).
    pub(crate) fn confirm_payment_intent(
        &mut self,
        client_secret: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let intent = self
            .payment_intents
            .get_mut(&client_secret.to_owned())
            .ok_or_else(|| ApiError::not_found("Payment intent not found."))?;
        if intent.confirmed {
            return Ok(());
        }
        intent.confirmed = true;
        if let Purpose::Debt { session } = intent.purpose.clone()
            && let Some(record) = self.sessions.get_mut(&session)
        {
            record.debt = None;
            let (user, session) = (record.user.clone(), record.session.clone());
            self.issue_invoice(&user, &session, now);
        }
        Ok(())
    }

    // --------------------------------------------------------------- charging

    /// Starts a session, checking in the documented order: the user, an active session, the
    /// EVSE, its availability, billing details, debts, the payment method and its
    /// pre-authorization.
    pub(crate) fn start_charging(
        &mut self,
        user: &UserId,
        request: &StartCharging,
        shared: &Shared,
        now: DateTime<Utc>,
    ) -> Result<ChargingSession, ApiError> {
        let billing = self.user_record(user)?.billing.clone();
        if self.active_sessions().any(|s| s.user == *user) {
            return Err(ApiError::already_charging());
        }
        let facts = shared
            .evses
            .evse(&request.evse_id)
            .ok_or_else(|| ApiError::not_found(STATION_NOT_FOUND))?;
        if facts.availability == Availability::OutOfOrder {
            return Err(ApiError::station_unavailable(
                "The selected connector is out of order.",
            ));
        }
        let busy = self.occupied.contains(&request.evse_id)
            || self
                .active_sessions()
                .any(|s| s.session.evse_id == request.evse_id);
        if busy {
            return Err(ApiError::station_unavailable(
                "The selected connector is busy.",
            ));
        }
        billing
            .check_ready_to_charge(&facts.country)
            .map_err(|e| ApiError::billing_data_required(e.to_string()))?;
        self.refuse_with_debts(user, "Charging Error")?;
        let behaviour = self
            .user_record(user)?
            .methods
            .iter()
            .find(|m| m.method.id == request.payment_method_id)
            .map(|m| m.behaviour)
            .ok_or_else(unusable_payment_method)?;
        if behaviour == CardBehaviour::RequiresAuthentication {
            self.authenticated_hold(user, request)?;
        }
        self.open_session(user, request, facts, now)
    }

    /// The sessions charging now.
    fn active_sessions(&self) -> impl Iterator<Item = &SessionRecord> + '_ {
        self.open_sessions
            .iter()
            .filter_map(|id| self.sessions.get(id))
            .filter(|record| record.session.is_active)
    }

    /// A card that needs 3-D Secure: use a confirmed hold for this EVSE and card, or hand out
    /// a payment intent to confirm (the same one until it is).
    fn authenticated_hold(
        &mut self,
        user: &UserId,
        request: &StartCharging,
    ) -> Result<(), ApiError> {
        let purpose = Purpose::PreAuthorization {
            evse_id: request.evse_id.clone(),
            payment_method: request.payment_method_id.clone(),
        };
        let matching = |intent: &PaymentIntentRecord| {
            intent.user == *user && intent.purpose == purpose && !intent.used
        };
        let pending = self
            .payment_intents
            .iter()
            .find(|intent| matching(intent))
            .map(|intent| intent.client_secret.clone());
        if let Some(intent) = pending.and_then(|secret| self.payment_intents.get_mut(&secret)) {
            if intent.confirmed {
                intent.used = true;
                return Ok(());
            }
            return Err(ApiError::pre_authorization_failed(Some(
                intent.client_secret.clone(),
            )));
        }
        let id = self.ids.stripe("pi");
        let client_secret = self.ids.client_secret(&id);
        stored(self.payment_intents.insert(PaymentIntentRecord {
            client_secret: client_secret.clone(),
            user: user.clone(),
            purpose,
            confirmed: false,
            used: false,
        }))?;
        Err(ApiError::pre_authorization_failed(Some(client_secret)))
    }

    fn open_session(
        &mut self,
        user: &UserId,
        request: &StartCharging,
        facts: EvseFacts,
        now: DateTime<Utc>,
    ) -> Result<ChargingSession, ApiError> {
        // What the car takes: 8 to 60 kWh, drawn from the seed.
        let target_kwh = Decimal::from(8 + self.ids.next_u64() % 53);
        let session = {
            let mut session =
                ChargingSession::new(SessionId::new(self.ids.uuid()), request.evse_id.clone());
            session.start_time = Some(now);
            session.consumed_energy_kwh = match facts.progress {
                Progress::Silent => None,
                _ => Some(Decimal::new(0, 3)),
            };
            session.is_active = true;
            session.station.clone_from(&facts.station);
            session.is_partner = facts.is_partner;
            session.logo_url.clone_from(&facts.logo_url);
            session.prices =
                SessionPrices::frozen_at(&facts.price_group, facts.zone, now, facts.is_partner);
            session
        };
        stored(self.sessions.insert(SessionRecord {
            user: user.clone(),
            session: session.clone(),
            facts,
            payment_method: request.payment_method_id.clone(),
            target_kwh,
            cdr_due: None,
            billed: false,
            debt: None,
            unpriced: None,
        }))?;
        self.open_sessions.insert(session.id.clone());
        Ok(session)
    }

    fn session_record(&self, user: &UserId, id: &SessionId) -> Result<&SessionRecord, ApiError> {
        self.user_record(user)?;
        self.sessions
            .get(id)
            .filter(|r| r.user == *user)
            .ok_or_else(|| ApiError::not_found(SESSION_NOT_FOUND))
    }

    fn session_record_mut(
        &mut self,
        user: &UserId,
        id: &SessionId,
    ) -> Result<&mut SessionRecord, ApiError> {
        self.user_record(user)?;
        self.sessions
            .get_mut(id)
            .filter(|r| r.user == *user)
            .ok_or_else(|| ApiError::not_found(SESSION_NOT_FOUND))
    }

    pub(crate) fn stop_charging(
        &mut self,
        user: &UserId,
        id: &SessionId,
        shared: &Shared,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let record = self.session_record_mut(user, id)?;
        if !record.session.is_active {
            return Err(ApiError::already_stopped());
        }
        record.session.is_active = false;
        record.session.end_time = Some(now);
        // Checked: a clock at its last instant delivers the record at that instant.
        record.cdr_due = Some(
            now.checked_add_signed(shared.config.cdr_delay)
                .unwrap_or(now),
        );
        Ok(())
    }

    pub(crate) fn sessions(
        &self,
        user: &UserId,
        page: PageRequest,
    ) -> Result<Page<ChargingSession>, ApiError> {
        self.user_record(user)?;
        // Counting is cheap; only the page asked for is cloned (paging through a long
        // history costs what each page holds, not the whole history per page).
        let count = self.sessions.iter().filter(|r| r.user == *user).count();
        let newest_first = self
            .sessions
            .iter()
            .rev()
            .filter(|r| r.user == *user)
            .map(|r| r.session.clone());
        Page::select_iter(count, newest_first, page)
    }

    pub(crate) fn session(
        &self,
        user: &UserId,
        id: &SessionId,
    ) -> Result<ChargingSession, ApiError> {
        let record = self.session_record(user, id)?;
        if let Some(reason) = &record.unpriced {
            return Err(unpriced(reason));
        }
        Ok(record.session.clone())
    }

    pub(crate) fn rate_session(
        &mut self,
        user: &UserId,
        id: &SessionId,
        rating: Option<Rating>,
    ) -> Result<ChargingSession, ApiError> {
        let record = self.session_record_mut(user, id)?;
        record.session.rating = rating;
        Ok(record.session.clone())
    }

    /// Control: delivers a stopped session's charge detail record now.
    pub(crate) fn deliver_cdr(
        &mut self,
        id: &SessionId,
        now: DateTime<Utc>,
    ) -> Result<ChargingSession, ApiError> {
        let record = self
            .sessions
            .get(id)
            .ok_or_else(|| ApiError::not_found(SESSION_NOT_FOUND))?;
        if record.session.is_active {
            return Err(ApiError::validation(
                "session_id",
                "The session is still active; stop it first.",
            ));
        }
        self.bill(id, now);
        let record = self
            .sessions
            .get(id)
            .ok_or_else(|| ApiError::not_found(SESSION_NOT_FOUND))?;
        match &record.unpriced {
            Some(reason) => Err(unpriced(reason)),
            None => Ok(record.session.clone()),
        }
    }

    /// Control: makes an EVSE busy (or free again) for this tenant.
    pub(crate) fn occupy(
        &mut self,
        evse_id: &str,
        shared: &Shared,
        busy: bool,
    ) -> Result<(), ApiError> {
        if shared.evses.evse(evse_id).is_none() {
            return Err(ApiError::not_found(STATION_NOT_FOUND));
        }
        if busy {
            self.occupied.insert(evse_id.to_owned());
        } else {
            self.occupied.remove(evse_id);
        }
        Ok(())
    }

    /// The EVSEs in use in this tenant's world: its active sessions and occupied EVSEs.
    pub(crate) fn busy_evses(&self) -> BTreeSet<String> {
        self.active_sessions()
            .map(|record| record.session.evse_id.clone())
            .chain(self.occupied.iter().cloned())
            .collect()
    }

    pub(crate) fn invoices(
        &self,
        user: &UserId,
        page: PageRequest,
    ) -> Result<Page<Invoice>, ApiError> {
        self.user_record(user)?;
        // One invoice per paid session: page without copying the whole history, as for
        // sessions.
        let count = self.invoices.iter().filter(|r| r.user == *user).count();
        let newest_first = self
            .invoices
            .iter()
            .rev()
            .filter(|record| record.user == *user)
            .map(|record| record.invoice.clone());
        Page::select_iter(count, newest_first, page)
    }

    // ------------------------------------------------------------ progression

    /// Brings every session up to `now`: energy delivered so far, and charge detail
    /// records whose time has come.
    pub(crate) fn settle(&mut self, now: DateTime<Utc>, _shared: &Shared) {
        let open: Vec<SessionId> = self.open_sessions.iter().cloned().collect();
        for id in open {
            let Some(record) = self.sessions.get_mut(&id) else {
                continue;
            };
            let until = record.session.end_time.unwrap_or(now).min(now);
            record.session.consumed_energy_kwh = visible_energy(record, until);
            if !record.billed && record.cdr_due.is_some_and(|due| due <= now) {
                self.bill(&id, now);
            }
        }
    }

    /// The charge detail record: the final energy, the cost from the frozen price group,
    /// and the charge to the card (an invoice, or a debt if the charge fails).
    fn bill(&mut self, id: &SessionId, now: DateTime<Utc>) {
        let Some(record) = self.sessions.get_mut(id) else {
            return;
        };
        if record.billed {
            return;
        }
        let (Some(start), Some(end)) = (record.session.start_time, record.session.end_time) else {
            return;
        };
        let energy = steady_energy(record, end);
        record.session.consumed_energy_kwh = Some(energy);
        record.billed = true;
        let plan = ChargingPlan::ConstantPower {
            energy_kwh: energy,
            power_kw: record.facts.power_kw,
            plug_out: Some(end),
        };
        let options = PricingOptions::new(
            BandPolicy::FrozenAtStart,
            BlockingBasis::SessionStart,
            record.facts.is_partner,
        );
        let priced = match estimate(
            &record.facts.price_group,
            record.facts.zone,
            start,
            &plan,
            &options,
        ) {
            Ok(priced) => priced,
            Err(refusal) => {
                // Not a bill of 0.00: the session stays unbilled, and asking for it (or for
                // its CDR) answers why.
                record.billed = false;
                record.unpriced = Some(refusal.to_string());
                self.open_sessions.remove(id);
                return;
            }
        };
        self.open_sessions.remove(id);
        let mut cost = priced.cost;
        cost.currency = cost.currency.to_ascii_lowercase();
        let zero = Decimal::new(0, 2);
        record.session.bill = Some({
            let mut bill = SessionBill::new(cost.clone());
            bill.invoice_credits = zero;
            bill.invoice_discount = zero;
            bill
        });
        // Sessions that delivered nothing are not charged.
        if energy.is_zero() || cost.invoice_summary.is_zero() {
            return;
        }
        let (user, session) = (record.user.clone(), record.session.clone());
        let payment_method = record.payment_method.clone();
        let behaviour = self
            .users
            .get(&user)
            .and_then(|u| u.methods.iter().find(|m| m.method.id == payment_method))
            .map_or(CardBehaviour::InsufficientFunds, |m| m.behaviour);
        if behaviour == CardBehaviour::InsufficientFunds {
            let intent_id = self.ids.stripe("pi");
            let client_secret = self.ids.client_secret(&intent_id);
            // The secret is fresh from the seeded source, so the insert cannot clash; the
            // debt is recorded whatever happens, so that it blocks the user.
            let _ = self.payment_intents.insert(PaymentIntentRecord {
                client_secret: client_secret.clone(),
                user: user.clone(),
                purpose: Purpose::Debt {
                    session: session.id.clone(),
                },
                confirmed: false,
                used: false,
            });
            let Some(record) = self.sessions.get_mut(id) else {
                return;
            };
            record.debt = Some(Debt::new(
                session.id.clone(),
                client_secret,
                cost.invoice_summary,
                cost.currency.to_ascii_uppercase(),
            ));
        } else {
            self.issue_invoice(&user, &session, now);
        }
    }

    fn issue_invoice(&mut self, user: &UserId, session: &ChargingSession, now: DateTime<Utc>) {
        let Some(bill) = session.bill.as_ref() else {
            return;
        };
        let id = self.ids.stripe("in");
        let link = format!("https://sandbox.connect.invalid/invoices/{id}/pdf");
        if let Some(record) = self.sessions.get_mut(&session.id)
            && let Some(stored) = record.session.bill.as_mut()
        {
            stored.invoice_download = Some(link.clone());
        }
        let invoice = InvoiceRecord {
            id,
            user: user.clone(),
            invoice: {
                let mut invoice = Invoice::new(
                    link,
                    bill.cost.invoice_summary,
                    now,
                    bill.cost.currency.clone(),
                );
                invoice.charging_session_id = Some(session.id.clone());
                invoice
            },
        };
        // Invoice ids are fresh from the seeded source, so the insert cannot clash.
        let _ = self.invoices.insert(invoice);
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

/// The answer for a session the pricing engine refused to price: the sandbox cannot bill
/// it, and says so rather than inventing a bill.
fn unpriced(reason: &str) -> ApiError {
    ApiError::new(500, ErrorKind::Unexpected, "Unexpected error")
        .with_details(format!("the sandbox cannot price this session: {reason}"))
}

/// Energy delivered by `until` at the connector's power, up to what the car takes, in kWh
/// with three decimals (the API's precision).
fn steady_energy(record: &SessionRecord, until: DateTime<Utc>) -> Decimal {
    let Some(start) = record.session.start_time else {
        return Decimal::new(0, 3);
    };
    let micros = (until - start)
        .num_microseconds()
        .unwrap_or(i64::MAX)
        .max(0);
    let delivered =
        record.facts.power_kw * Decimal::from(micros) / Decimal::from(3_600_000_000_i64);
    let mut energy = delivered
        .min(record.target_kwh)
        .round_dp_with_strategy(3, RoundingStrategy::ToZero);
    energy.rescale(3);
    energy
}

/// Energy as the session shows it while charging: steady stations on every poll, silent
/// virtual points never, stepped ones at ten steps of the charge.
fn visible_energy(record: &SessionRecord, until: DateTime<Utc>) -> Option<Decimal> {
    if record.billed {
        return record.session.consumed_energy_kwh;
    }
    match record.facts.progress {
        Progress::Silent => None,
        Progress::Steady => Some(steady_energy(record, until)),
        Progress::Stepped => {
            let start = record.session.start_time?;
            let full_hours = record.target_kwh / record.facts.power_kw.max(Decimal::ONE);
            let full = Duration::microseconds(
                i64::try_from((full_hours * Decimal::from(3_600_000_000_i64)).trunc())
                    .unwrap_or(i64::MAX),
            );
            let step = full / 10;
            let elapsed = until - start;
            let steps = if step <= Duration::zero() {
                10
            } else {
                (elapsed.num_microseconds().unwrap_or(0) / step.num_microseconds().unwrap_or(1))
                    .clamp(0, 10)
            };
            let mut energy = (record.target_kwh * Decimal::from(steps) / Decimal::TEN)
                .round_dp_with_strategy(3, RoundingStrategy::ToZero);
            energy.rescale(3);
            Some(energy)
        }
    }
}
