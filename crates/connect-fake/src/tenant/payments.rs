//! Payment methods, Stripe intents and debts.

use chrono::{DateTime, Utc};
use connect_domain::ids::{PaymentMethodId, UserId};
use connect_domain::payment::{
    Card, CardExpiry, Debt, PaymentMethod, PaymentMethodKind, SetupIntent, SetupKind,
};
use connect_ports::{ApiError, ErrorKind, Page, PageRequest, StartCharging};

use super::records::{MethodRecord, PaymentIntentRecord, Purpose, SetupIntentRecord};
use super::{PAYMENT_METHOD_NOT_FOUND, SETUP_INTENTS_PER_USER, Tenant};
use crate::cards::{CardError, test_card};
use crate::store::Order;

impl Tenant {
    pub(crate) fn setup_intent(
        &mut self,
        user: &UserId,
        kind: &SetupKind,
    ) -> Result<SetupIntent, ApiError> {
        let mut record = self.user_record(user)?;
        if !kind.is_known() {
            return Err(ApiError::validation(
                "pm_type",
                format!("\"{kind}\" is not a valid choice (card, paypal)."),
            ));
        }
        let id = self.ids.stripe("seti");
        let client_secret = self.ids.client_secret(&id);
        self.setup_intents.insert(SetupIntentRecord {
            client_secret: client_secret.clone(),
            user: user.clone(),
            used: false,
        })?;
        // Every call hands out a fresh intent, as Stripe does; only the newest few are kept,
        // so a client polling the endpoint cannot grow the sandbox without bound.
        record.setup_intents.push_back(client_secret.clone());
        let forgotten = if record.setup_intents.len() > SETUP_INTENTS_PER_USER {
            record.setup_intents.pop_front()
        } else {
            None
        };
        self.users.update(record)?;
        if let Some(forgotten) = forgotten {
            self.setup_intents.remove(&forgotten)?;
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
        let mut intent = self
            .setup_intents
            .get(&client_secret.to_owned())?
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
        let mut record = self.user_record(&intent.user)?;
        intent.used = true;
        self.setup_intents.update(intent)?;
        let id = PaymentMethodId::new(self.ids.stripe("pm"));
        let method = {
            let last4 = card.number[card.number.len() - 4..].to_owned();
            let expiry = CardExpiry {
                month: 12,
                year: 2034,
            };
            let card = Card::new(card.brand.to_owned(), last4, expiry);
            let mut method = PaymentMethod::new(id, PaymentMethodKind::Card, card, now);
            method.is_default = record.methods.is_empty();
            method
        };
        record.methods.push(MethodRecord {
            method: method.clone(),
            behaviour: card.behaviour,
        });
        self.users.update(record)?;
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
        let mut record = self.user_record(user)?;
        if !record.methods.iter().any(|m| m.method.id == *pm) {
            return Err(ApiError::not_found(PAYMENT_METHOD_NOT_FOUND));
        }
        for method in &mut record.methods {
            method.method.is_default = method.method.id == *pm;
        }
        self.users.update(record)?;
        Ok(())
    }

    /// Removal is refused while debts are unpaid, while an active session uses the method,
    /// and for the default method while others remain (choose another default first).
    pub(crate) fn delete_payment_method(
        &mut self,
        user: &UserId,
        pm: &PaymentMethodId,
    ) -> Result<(), ApiError> {
        let mut record = self.user_record(user)?;
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
            .active_sessions()?
            .iter()
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
        record.methods.retain(|m| m.method.id != *pm);
        self.users.update(record)?;
        Ok(())
    }

    pub(crate) fn debts(&self, user: &UserId, page: PageRequest) -> Result<Page<Debt>, ApiError> {
        self.user_record(user)?;
        let unpaid = self.unpaid(user)?;
        Page::select_iter(unpaid.len(), unpaid.into_iter(), page)
    }

    /// Plays the partner's frontend confirming a payment intent: a 3-D Secure hold before a
    /// start, or paying a debt (which issues the invoice).
    pub(crate) fn confirm_payment_intent(
        &mut self,
        client_secret: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let mut intent = self
            .payment_intents
            .get(&client_secret.to_owned())?
            .ok_or_else(|| ApiError::not_found("Payment intent not found."))?;
        if intent.confirmed {
            return Ok(());
        }
        intent.confirmed = true;
        let purpose = intent.purpose.clone();
        self.payment_intents.update(intent)?;
        if let Purpose::Debt { session } = purpose
            && let Some(mut record) = self.sessions.get(&session)?
        {
            record.debt = None;
            let user = record.user.clone();
            self.issue_invoice(&user, &mut record, now)?;
            self.sessions.update(record)?;
        }
        Ok(())
    }

    /// A card that needs 3-D Secure: use a confirmed hold for this EVSE and card, or hand out
    /// a payment intent to confirm (the same one until it is).
    pub(super) fn authenticated_hold(
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
        if let Some(mut intent) = self.payment_intents.find(&matching, Order::OldestFirst)? {
            if intent.confirmed {
                intent.used = true;
                self.payment_intents.update(intent)?;
                return Ok(());
            }
            return Err(ApiError::pre_authorization_failed(Some(
                intent.client_secret,
            )));
        }
        let id = self.ids.stripe("pi");
        let client_secret = self.ids.client_secret(&id);
        self.payment_intents.insert(PaymentIntentRecord {
            client_secret: client_secret.clone(),
            user: user.clone(),
            purpose,
            confirmed: false,
            used: false,
        })?;
        Err(ApiError::pre_authorization_failed(Some(client_secret)))
    }
}
