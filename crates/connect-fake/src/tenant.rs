//! One tenant's world: its users, cards, Stripe intents, sessions, debts and invoices, and
//! the rules the API applies to them.

use std::collections::BTreeSet;

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
use connect_ports::{ApiError, ErrorKind, Page, PageRequest, StartCharging};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::cards::{CardBehaviour, CardError, test_card};
use crate::ids::IdSource;
use crate::sandbox::{Availability, EvseFacts, Progress, Shared};

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
}

#[derive(Debug, Clone)]
struct SetupIntentRecord {
    client_secret: String,
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
}

/// Everything one API token has done.
#[derive(Debug)]
pub(crate) struct Tenant {
    ids: IdSource,
    users: Vec<UserRecord>,
    setup_intents: Vec<SetupIntentRecord>,
    payment_intents: Vec<PaymentIntentRecord>,
    sessions: Vec<SessionRecord>,
    invoices: Vec<(UserId, Invoice)>,
    /// EVSEs made busy through the control API (each tenant sees its own world).
    occupied: BTreeSet<String>,
}

const STATION_NOT_FOUND: &str = "The requested station or EVSE could not be found.";
const SESSION_NOT_FOUND: &str = "User session with this id was not found";
const USER_NOT_FOUND: &str = "User not found.";
const PAYMENT_METHOD_NOT_FOUND: &str = "Payment method not found.";

impl Tenant {
    pub(crate) fn new(seed: u64, scope: &str) -> Self {
        Self {
            ids: IdSource::new(seed, scope),
            users: Vec::new(),
            setup_intents: Vec::new(),
            payment_intents: Vec::new(),
            sessions: Vec::new(),
            invoices: Vec::new(),
            occupied: BTreeSet::new(),
        }
    }

    // ------------------------------------------------------------------ users

    fn user_record(&self, id: &UserId) -> Result<&UserRecord, ApiError> {
        self.users
            .iter()
            .find(|record| record.user.id == *id && !record.deleted)
            .ok_or_else(|| ApiError::not_found(USER_NOT_FOUND))
    }

    fn user_record_mut(&mut self, id: &UserId) -> Result<&mut UserRecord, ApiError> {
        self.users
            .iter_mut()
            .find(|record| record.user.id == *id && !record.deleted)
            .ok_or_else(|| ApiError::not_found(USER_NOT_FOUND))
    }

    pub(crate) fn create_user(&mut self, new: NewUser) -> Result<User, ApiError> {
        new.validate()
            .map_err(|e| ApiError::validation(e.field, e.message))?;
        let user = User {
            id: UserId::new(self.ids.uuid()),
            email: new.email,
            locale: new.locale,
            external_id: new.external_id,
        };
        self.users.push(UserRecord {
            user: user.clone(),
            deleted: false,
            billing: BillingDetails::default(),
            methods: Vec::new(),
        });
        Ok(user)
    }

    pub(crate) fn list_users(&self, search: Option<&str>, page: PageRequest) -> Page<User> {
        let search = search.map(str::trim).filter(|s| !s.is_empty());
        let matching: Vec<User> = self
            .users
            .iter()
            .filter(|record| !record.deleted)
            .filter(|record| {
                search.is_none_or(|term| {
                    record.user.id.as_str() == term
                        || record.user.external_id.as_deref() == Some(term)
                })
            })
            .map(|record| record.user.clone())
            .collect();
        Page::slice(&matching, page)
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
        self.user_record_mut(id)?.deleted = true;
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
        self.setup_intents.push(SetupIntentRecord {
            client_secret: client_secret.clone(),
            user: user.clone(),
            used: false,
        });
        Ok(SetupIntent { client_secret })
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
            .iter_mut()
            .find(|intent| intent.client_secret == client_secret)
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
        let method = PaymentMethod {
            id,
            is_default: record.methods.is_empty(),
            kind: PaymentMethodKind::Card,
            card: Card {
                brand: card.brand.to_owned(),
                last4: card.number[card.number.len() - 4..].to_owned(),
                expiry: CardExpiry {
                    month: 12,
                    year: 2034,
                },
                cardholder_name: None,
            },
            created_at: now,
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
        let methods: Vec<PaymentMethod> = record
            .methods
            .iter()
            .rev()
            .map(|m| m.method.clone())
            .collect();
        Ok(Page::slice(&methods, page))
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
            .sessions
            .iter()
            .any(|s| s.user == *user && s.session.is_active && s.payment_method == *pm);
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
        let debts: Vec<Debt> = self.unpaid(user).cloned().collect();
        Ok(Page::slice(&debts, page))
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
            .iter_mut()
            .find(|intent| intent.client_secret == client_secret)
            .ok_or_else(|| ApiError::not_found("Payment intent not found."))?;
        if intent.confirmed {
            return Ok(());
        }
        intent.confirmed = true;
        if let Purpose::Debt { session } = intent.purpose.clone()
            && let Some(record) = self.sessions.iter_mut().find(|r| r.session.id == session)
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
        if self
            .sessions
            .iter()
            .any(|s| s.user == *user && s.session.is_active)
        {
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
                .sessions
                .iter()
                .any(|s| s.session.is_active && s.session.evse_id == request.evse_id);
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
            .ok_or_else(|| ApiError::validation("payment_method_id", PAYMENT_METHOD_NOT_FOUND))?;
        if behaviour == CardBehaviour::RequiresAuthentication {
            self.authenticated_hold(user, request)?;
        }
        Ok(self.open_session(user, request, facts, now))
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
        if let Some(intent) = self.payment_intents.iter_mut().find(|i| matching(i)) {
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
        self.payment_intents.push(PaymentIntentRecord {
            client_secret: client_secret.clone(),
            user: user.clone(),
            purpose,
            confirmed: false,
            used: false,
        });
        Err(ApiError::pre_authorization_failed(Some(client_secret)))
    }

    fn open_session(
        &mut self,
        user: &UserId,
        request: &StartCharging,
        facts: EvseFacts,
        now: DateTime<Utc>,
    ) -> ChargingSession {
        // What the car takes: 8 to 60 kWh, drawn from the seed.
        let target_kwh = Decimal::from(8 + self.ids.next_u64() % 53);
        let session = ChargingSession {
            id: SessionId::new(self.ids.uuid()),
            evse_id: request.evse_id.clone(),
            start_time: Some(now),
            end_time: None,
            consumed_energy_kwh: match facts.progress {
                Progress::Silent => None,
                _ => Some(Decimal::new(0, 3)),
            },
            is_active: true,
            station: facts.station.clone(),
            is_partner: facts.is_partner,
            logo_url: facts.logo_url.clone(),
            prices: SessionPrices::frozen_at(&facts.price_group, facts.zone, now, facts.is_partner),
            bill: None,
            rating: None,
        };
        self.sessions.push(SessionRecord {
            user: user.clone(),
            session: session.clone(),
            facts,
            payment_method: request.payment_method_id.clone(),
            target_kwh,
            cdr_due: None,
            billed: false,
            debt: None,
        });
        session
    }

    fn session_record(&self, user: &UserId, id: &SessionId) -> Result<&SessionRecord, ApiError> {
        self.user_record(user)?;
        self.sessions
            .iter()
            .find(|r| r.user == *user && r.session.id == *id)
            .ok_or_else(|| ApiError::not_found(SESSION_NOT_FOUND))
    }

    fn session_index(&self, user: &UserId, id: &SessionId) -> Result<usize, ApiError> {
        self.user_record(user)?;
        self.sessions
            .iter()
            .position(|r| r.user == *user && r.session.id == *id)
            .ok_or_else(|| ApiError::not_found(SESSION_NOT_FOUND))
    }

    pub(crate) fn stop_charging(
        &mut self,
        user: &UserId,
        id: &SessionId,
        shared: &Shared,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let index = self.session_index(user, id)?;
        let record = &mut self.sessions[index];
        if !record.session.is_active {
            return Err(ApiError::already_stopped());
        }
        record.session.is_active = false;
        record.session.end_time = Some(now);
        record.cdr_due = Some(now + shared.config.cdr_delay);
        Ok(())
    }

    pub(crate) fn sessions(
        &self,
        user: &UserId,
        page: PageRequest,
    ) -> Result<Page<ChargingSession>, ApiError> {
        self.user_record(user)?;
        let sessions: Vec<ChargingSession> = self
            .sessions
            .iter()
            .rev()
            .filter(|r| r.user == *user)
            .map(|r| r.session.clone())
            .collect();
        Ok(Page::slice(&sessions, page))
    }

    pub(crate) fn session(
        &self,
        user: &UserId,
        id: &SessionId,
    ) -> Result<ChargingSession, ApiError> {
        Ok(self.session_record(user, id)?.session.clone())
    }

    pub(crate) fn rate_session(
        &mut self,
        user: &UserId,
        id: &SessionId,
        rating: Option<Rating>,
    ) -> Result<ChargingSession, ApiError> {
        let index = self.session_index(user, id)?;
        self.sessions[index].session.rating = rating;
        Ok(self.sessions[index].session.clone())
    }

    /// Control: delivers a stopped session's charge detail record now.
    pub(crate) fn deliver_cdr(
        &mut self,
        id: &SessionId,
        now: DateTime<Utc>,
    ) -> Result<ChargingSession, ApiError> {
        let index = self
            .sessions
            .iter()
            .position(|r| r.session.id == *id)
            .ok_or_else(|| ApiError::not_found(SESSION_NOT_FOUND))?;
        if self.sessions[index].session.is_active {
            return Err(ApiError::validation(
                "session_id",
                "The session is still active; stop it first.",
            ));
        }
        self.bill(index, now);
        Ok(self.sessions[index].session.clone())
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
        self.sessions
            .iter()
            .filter(|record| record.session.is_active)
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
        let invoices: Vec<Invoice> = self
            .invoices
            .iter()
            .rev()
            .filter(|(owner, _)| owner == user)
            .map(|(_, invoice)| invoice.clone())
            .collect();
        Ok(Page::slice(&invoices, page))
    }

    // ------------------------------------------------------------ progression

    /// Brings every session up to `now`: energy delivered so far, and charge detail
    /// records whose time has come.
    pub(crate) fn settle(&mut self, now: DateTime<Utc>, _shared: &Shared) {
        for index in 0..self.sessions.len() {
            let record = &mut self.sessions[index];
            let until = record.session.end_time.unwrap_or(now).min(now);
            record.session.consumed_energy_kwh = visible_energy(record, until);
            if !record.billed && record.cdr_due.is_some_and(|due| due <= now) {
                self.bill(index, now);
            }
        }
    }

    /// The charge detail record: the final energy, the cost from the frozen price group,
    /// and the charge to the card (an invoice, or a debt if the charge fails).
    fn bill(&mut self, index: usize, now: DateTime<Utc>) {
        let record = &mut self.sessions[index];
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
        let Ok(priced) = estimate(
            &record.facts.price_group,
            record.facts.zone,
            start,
            &plan,
            &options,
        ) else {
            return;
        };
        let mut cost = priced.cost;
        cost.currency = cost.currency.to_ascii_lowercase();
        let zero = Decimal::new(0, 2);
        record.session.bill = Some(SessionBill {
            cost: cost.clone(),
            invoice_download: None,
            invoice_view: None,
            invoice_credits: zero,
            invoice_discount: zero,
        });
        // Sessions that delivered nothing are not charged.
        if energy.is_zero() || cost.invoice_summary.is_zero() {
            return;
        }
        let behaviour = self
            .users
            .iter()
            .find(|u| u.user.id == record.user)
            .and_then(|u| {
                u.methods
                    .iter()
                    .find(|m| m.method.id == record.payment_method)
            })
            .map_or(CardBehaviour::InsufficientFunds, |m| m.behaviour);
        let (user, session) = (record.user.clone(), record.session.clone());
        if behaviour == CardBehaviour::InsufficientFunds {
            let id = self.ids.stripe("pi");
            let client_secret = self.ids.client_secret(&id);
            self.payment_intents.push(PaymentIntentRecord {
                client_secret: client_secret.clone(),
                user: user.clone(),
                purpose: Purpose::Debt {
                    session: session.id.clone(),
                },
                confirmed: false,
                used: false,
            });
            self.sessions[index].debt = Some(Debt {
                session_id: session.id.clone(),
                payment_intent_client_secret: client_secret,
                amount: cost.invoice_summary,
                currency: cost.currency.to_ascii_uppercase(),
            });
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
        if let Some(record) = self
            .sessions
            .iter_mut()
            .find(|r| r.session.id == session.id)
            && let Some(stored) = record.session.bill.as_mut()
        {
            stored.invoice_download = Some(link.clone());
        }
        self.invoices.push((
            user.clone(),
            Invoice {
                link,
                view_link: None,
                total: bill.cost.invoice_summary,
                date: now,
                refund: false,
                currency: bill.cost.currency.clone(),
                charging_session_id: Some(session.id.clone()),
            },
        ));
    }
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
