//! Charging sessions: starting, stopping, listing, rating; occupied EVSEs; invoices.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use connect_domain::ids::{SessionId, UserId};
use connect_domain::invoice::Invoice;
use connect_domain::session::{ChargingSession, Rating, SessionPrices};
use connect_ports::{ApiError, ErrorKind, Page, PageRequest, StartCharging};
use rust_decimal::Decimal;

use super::progress::{unpriced, view};
use super::records::{InvoiceRecord, OccupiedEvse, SessionRecord};
use super::{SESSION_NOT_FOUND, STATION_NOT_FOUND, Tenant};
use crate::cards::CardBehaviour;
use crate::sandbox::{Availability, EvseFacts, Progress, Shared};
use crate::store::Order;

/// A start with a `payment_method_id` that is not one of the user's: 402
/// `payment_method_error`, a status the API declares for start (it declares no 400), naming
/// the field in its details (the API's 402 body has no field of its own, so `field` stays
/// empty, as a client reading the body over HTTP sees it). Not 404: the API's 404 at start
/// means "The requested station or EVSE could not be found.", and a client acting on that
/// would tell the driver the station is gone.
fn unusable_payment_method() -> ApiError {
    ApiError::new(402, ErrorKind::PaymentMethod, "Charging Error").with_details(
        "payment_method_id: the payment method is not one of the user's; attach it first.",
    )
}

impl Tenant {
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
        let record = self.user_record(user)?;
        let active = self.active_sessions()?;
        if active.iter().any(|s| s.user == *user) {
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
        let busy = self.occupied.get(&request.evse_id)?.is_some()
            || active.iter().any(|s| s.session.evse_id == request.evse_id);
        if busy {
            return Err(ApiError::station_unavailable(
                "The selected connector is busy.",
            ));
        }
        record
            .billing
            .check_ready_to_charge(&facts.country)
            .map_err(|e| ApiError::billing_data_required(e.to_string()))?;
        self.refuse_with_debts(user, "Charging Error")?;
        let behaviour = record
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
    pub(super) fn active_sessions(&self) -> Result<Vec<SessionRecord>, ApiError> {
        let mut active = Vec::new();
        for id in &self.open_sessions {
            if let Some(record) = self.sessions.get(id)?
                && record.session.is_active
            {
                active.push(record);
            }
        }
        Ok(active)
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
        self.sessions.insert(SessionRecord {
            user: user.clone(),
            session: session.clone(),
            facts,
            payment_method: request.payment_method_id.clone(),
            target_kwh,
            cdr_due: None,
            billed: false,
            debt: None,
            unpriced: None,
        })?;
        self.open_sessions.insert(session.id.clone());
        Ok(session)
    }

    fn session_record(&self, user: &UserId, id: &SessionId) -> Result<SessionRecord, ApiError> {
        self.user_record(user)?;
        self.sessions
            .get(id)?
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
        let mut record = self.session_record(user, id)?;
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
        self.sessions.update(record)?;
        Ok(())
    }

    pub(crate) fn sessions(
        &self,
        user: &UserId,
        page: PageRequest,
        now: DateTime<Utc>,
    ) -> Result<Page<ChargingSession>, ApiError> {
        self.user_record(user)?;
        // Counting is cheap; only the page asked for is copied (paging through a long
        // history costs what each page holds, not the whole history per page).
        let mine = |r: &SessionRecord| r.user == *user;
        let count = self.sessions.count(&mine)?;
        let newest_first = Self::page(&*self.sessions, &mine, Order::NewestFirst, page)?;
        let sessions = newest_first.iter().map(|r| view(r, now)).collect();
        Page::selected(count, sessions, page)
    }

    pub(crate) fn session(
        &self,
        user: &UserId,
        id: &SessionId,
        now: DateTime<Utc>,
    ) -> Result<ChargingSession, ApiError> {
        let record = self.session_record(user, id)?;
        if let Some(reason) = &record.unpriced {
            return Err(unpriced(reason));
        }
        Ok(view(&record, now))
    }

    pub(crate) fn rate_session(
        &mut self,
        user: &UserId,
        id: &SessionId,
        rating: Option<Rating>,
        now: DateTime<Utc>,
    ) -> Result<ChargingSession, ApiError> {
        let mut record = self.session_record(user, id)?;
        record.session.rating = rating;
        let session = view(&record, now);
        self.sessions.update(record)?;
        Ok(session)
    }

    /// Control: delivers a stopped session's charge detail record now.
    pub(crate) fn deliver_cdr(
        &mut self,
        id: &SessionId,
        now: DateTime<Utc>,
    ) -> Result<ChargingSession, ApiError> {
        let record = self
            .sessions
            .get(id)?
            .ok_or_else(|| ApiError::not_found(SESSION_NOT_FOUND))?;
        if record.session.is_active {
            return Err(ApiError::validation(
                "session_id",
                "The session is still active; stop it first.",
            ));
        }
        self.bill(id, now)?;
        let record = self
            .sessions
            .get(id)?
            .ok_or_else(|| ApiError::not_found(SESSION_NOT_FOUND))?;
        match &record.unpriced {
            Some(reason) => Err(unpriced(reason)),
            None => Ok(view(&record, now)),
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
        let evse_id = evse_id.to_owned();
        let occupied = self.occupied.get(&evse_id)?.is_some();
        if busy && !occupied {
            self.occupied.insert(OccupiedEvse { evse_id })?;
        } else if !busy && occupied {
            self.occupied.remove(&evse_id)?;
        }
        Ok(())
    }

    /// The EVSEs in use in this tenant's world: its active sessions and occupied EVSEs.
    pub(crate) fn busy_evses(&self) -> Result<BTreeSet<String>, ApiError> {
        let mut busy: BTreeSet<String> = self
            .active_sessions()?
            .into_iter()
            .map(|record| record.session.evse_id)
            .collect();
        let all = self
            .occupied
            .select(&|_| true, Order::OldestFirst, 0, usize::MAX)?;
        busy.extend(all.into_iter().map(|evse| evse.evse_id));
        Ok(busy)
    }

    pub(crate) fn invoices(
        &self,
        user: &UserId,
        page: PageRequest,
    ) -> Result<Page<Invoice>, ApiError> {
        self.user_record(user)?;
        // One invoice per paid session: page without copying the whole history, as for
        // sessions.
        let mine = |r: &InvoiceRecord| r.user == *user;
        let count = self.invoices.count(&mine)?;
        let newest_first = Self::page(&*self.invoices, &mine, Order::NewestFirst, page)?;
        let invoices = newest_first.into_iter().map(|r| r.invoice).collect();
        Page::selected(count, invoices, page)
    }
}
