//! Sessions over time: the energy a session shows, and the charge detail record that bills
//! it (an invoice, or a debt when the card's charge fails).

use chrono::{DateTime, Duration, Utc};
use connect_domain::charging::ChargingPlan;
use connect_domain::ids::{SessionId, UserId};
use connect_domain::invoice::Invoice;
use connect_domain::payment::Debt;
use connect_domain::pricing::{BandPolicy, BlockingBasis, PricingOptions, estimate};
use connect_domain::session::{ChargingSession, SessionBill};
use connect_ports::{ApiError, ErrorKind};
use rust_decimal::{Decimal, RoundingStrategy};

use super::Tenant;
use super::records::{InvoiceRecord, PaymentIntentRecord, Purpose, SessionRecord};
use crate::cards::CardBehaviour;
use crate::sandbox::{Progress, Shared};

impl Tenant {
    /// Brings every session up to `now`: charge detail records whose time has come. (The
    /// energy a session shows is computed when it is shown, [`view`]: reading a session
    /// never writes.)
    pub(crate) fn settle(&mut self, now: DateTime<Utc>, _shared: &Shared) -> Result<(), ApiError> {
        let open: Vec<SessionId> = self.open_sessions.iter().cloned().collect();
        for id in open {
            let Some(record) = self.sessions.get(&id)? else {
                self.open_sessions.remove(&id);
                continue;
            };
            if !record.billed && record.cdr_due.is_some_and(|due| due <= now) {
                self.bill(&id, now)?;
            }
        }
        Ok(())
    }

    /// The charge detail record: the final energy, the cost from the frozen price group,
    /// and the charge to the card (an invoice, or a debt if the charge fails).
    pub(super) fn bill(&mut self, id: &SessionId, now: DateTime<Utc>) -> Result<(), ApiError> {
        let Some(mut record) = self.sessions.get(id)? else {
            return Ok(());
        };
        if record.billed {
            return Ok(());
        }
        let (Some(start), Some(end)) = (record.session.start_time, record.session.end_time) else {
            return Ok(());
        };
        let energy = steady_energy(&record, end);
        record.session.consumed_energy_kwh = Some(energy);
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
        let facts = &record.facts;
        let priced = estimate(&facts.price_group, facts.zone, start, &plan, &options);
        self.open_sessions.remove(id);
        let priced = match priced {
            Ok(priced) => priced,
            Err(refusal) => {
                // Not a bill of 0.00: the session stays unbilled, and asking for it (or for
                // its CDR) answers why.
                record.unpriced = Some(refusal.to_string());
                self.sessions.update(record)?;
                return Ok(());
            }
        };
        record.billed = true;
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
        if !energy.is_zero() && !cost.invoice_summary.is_zero() {
            self.charge(&mut record, now)?;
        }
        self.sessions.update(record)?;
        Ok(())
    }

    /// Charges a billed session to its card: an invoice, or a debt with a payment intent
    /// to pay it when the card has insufficient funds.
    fn charge(&mut self, record: &mut SessionRecord, now: DateTime<Utc>) -> Result<(), ApiError> {
        let user = record.user.clone();
        let behaviour = self
            .users
            .get(&user)?
            .map_or(CardBehaviour::InsufficientFunds, |u| {
                u.methods
                    .iter()
                    .find(|m| m.method.id == record.payment_method)
                    .map_or(CardBehaviour::InsufficientFunds, |m| m.behaviour)
            });
        if behaviour != CardBehaviour::InsufficientFunds {
            return self.issue_invoice(&user, record, now);
        }
        let intent_id = self.ids.stripe("pi");
        let client_secret = self.ids.client_secret(&intent_id);
        self.payment_intents.insert(PaymentIntentRecord {
            client_secret: client_secret.clone(),
            user,
            purpose: Purpose::Debt {
                session: record.session.id.clone(),
            },
            confirmed: false,
            used: false,
        })?;
        if let Some(bill) = &record.session.bill {
            record.debt = Some(Debt::new(
                record.session.id.clone(),
                client_secret,
                bill.cost.invoice_summary,
                bill.cost.currency.to_ascii_uppercase(),
            ));
        }
        Ok(())
    }

    /// Issues the invoice of a billed session and links it from the session's bill (the
    /// caller stores the session).
    pub(super) fn issue_invoice(
        &mut self,
        user: &UserId,
        record: &mut SessionRecord,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let Some(bill) = record.session.bill.as_mut() else {
            return Ok(());
        };
        let id = self.ids.stripe("in");
        let link = format!("https://sandbox.connect.invalid/invoices/{id}/pdf");
        bill.invoice_download = Some(link.clone());
        let mut invoice = Invoice::new(
            link,
            bill.cost.invoice_summary,
            now,
            bill.cost.currency.clone(),
        );
        invoice.charging_session_id = Some(record.session.id.clone());
        self.invoices.insert(InvoiceRecord {
            id,
            user: user.clone(),
            invoice,
        })?;
        Ok(())
    }
}

/// The session as shown at `now`: its energy so far while it is open.
pub(super) fn view(record: &SessionRecord, now: DateTime<Utc>) -> ChargingSession {
    let mut session = record.session.clone();
    if !record.billed {
        let until = session.end_time.unwrap_or(now).min(now);
        session.consumed_energy_kwh = visible_energy(record, until);
    }
    session
}

/// The answer for a session the pricing engine refused to price: the sandbox cannot bill
/// it, and says so rather than inventing a bill.
pub(super) fn unpriced(reason: &str) -> ApiError {
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
