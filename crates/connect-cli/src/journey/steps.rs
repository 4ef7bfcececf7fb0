//! The journey's steps, in the order the docs tell them.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use connect_domain::account::{AccountType, BillingDetails, NewUser};
use connect_domain::charging::ChargingPlan;
use connect_domain::ids::{SessionId, UserId};
use connect_domain::payment::{PaymentMethod, SetupKind};
use connect_domain::pricing::{
    BandPolicy, BlockingBasis, Consumption, Estimate, FinishedSession, PricingOptions,
    check_invoice, estimate,
};
use connect_domain::session::ChargingSession;
use connect_domain::station::{EvseStatus, Station};
use connect_domain::tariff::PriceGroup;
use connect_domain::zone::Coordinates;
use connect_http::ConnectClient;
use connect_ports::{
    AroundQuery, Billing, Charging, Clock, Invoices, PageRequest, Payments, StartCharging,
    Stations, Users,
};
use futures_util::{Stream, StreamExt};
use rust_decimal::Decimal;

use super::JourneyArgs;
use super::frontend::Frontend;
use super::progress::ProgressLine;

/// How often the time limit is checked while the session shows no change.
const TICK: std::time::Duration = std::time::Duration::from_millis(250);

/// Where the journey charges, and at what price.
struct Choice {
    station: Station,
    evse_id: String,
    price_group: PriceGroup,
    power_kw: Decimal,
}

/// One play of the journey.
pub(super) struct Journey<'a> {
    client: &'a ConnectClient,
    frontend: &'a Frontend,
    clock: &'a Arc<dyn Clock>,
    args: &'a JourneyArgs,
    /// A clock that moves only when the journey looks at the session (`--clock-step`).
    step: Option<super::stepped::Step>,
}

impl<'a> Journey<'a> {
    pub(super) fn new(
        client: &'a ConnectClient,
        frontend: &'a Frontend,
        clock: &'a Arc<dyn Clock>,
        args: &'a JourneyArgs,
    ) -> Self {
        Self {
            client,
            frontend,
            clock,
            args,
            step: None,
        }
    }

    /// Looks at the session once per step of the sandbox's clock, moved by `step`.
    pub(super) fn stepping(mut self, step: super::stepped::Step) -> Self {
        self.step = Some(step);
        self
    }

    /// Plays every step; the first failure ends the journey with a message naming the step.
    pub(super) async fn play(&self) -> Result<(), String> {
        let user = self.user().await?;
        let method = self.payment_method(&user).await?;
        let choice = self.station().await?;
        let estimate = self.estimate(&choice, self.clock.now())?;
        let session = self.start(&user, &choice, &method).await?;
        let finished = self.watch(&user, &session, &choice).await?;
        check(&choice, &finished, &estimate)?;
        self.invoice(&user, &finished.id).await
    }

    async fn user(&self) -> Result<UserId, String> {
        if let Some(existing) = &self.args.user {
            let user = self
                .client
                .get_user(&UserId::new(existing.clone()))
                .await
                .map_err(|error| format!("user: {error}"))?;
            println!("1. User {} (existing)", user.id);
            return Ok(user.id);
        }
        let user = self
            .client
            .create_user(NewUser {
                email: Some("journey@example.com".to_owned()),
                locale: None,
                external_id: Some(format!("connect-journey-{}", self.args.seed)),
            })
            .await
            .map_err(|error| format!("creating the user: {error}"))?;
        println!("1. User {} created", user.id);
        let details = {
            let mut details = BillingDetails::default();
            details.line1 = Some("Lutherring 31".to_owned());
            details.postal_code = Some("67547".to_owned());
            details.city = Some("Worms".to_owned());
            details.country = Some("DE".to_owned());
            details.account_type = AccountType::Personal;
            details.first_name = Some("Erika".to_owned());
            details.last_name = Some("Mustermann".to_owned());
            details
        };
        self.client
            .replace_billing_details(&user.id, details)
            .await
            .map_err(|error| format!("billing details: {error}"))?;
        println!("2. Billing details set (Worms, DE)");
        Ok(user.id)
    }

    async fn payment_method(&self, user: &UserId) -> Result<PaymentMethod, String> {
        let existing = self
            .client
            .payment_methods(user, PageRequest::default())
            .await
            .map_err(|error| format!("payment methods: {error}"))?;
        if let Some(method) = existing.items.into_iter().find(|m| m.is_default) {
            println!("3. Payment method {} (default, existing)", method.id);
            return Ok(method);
        }
        let intent = self
            .client
            .setup_intent(user, SetupKind::Card)
            .await
            .map_err(|error| format!("setup intent: {error}"))?;
        println!("3. Setup intent created; the frontend confirms it");
        let method = self.frontend.attach(self.client, user, &intent).await?;
        println!(
            "   Payment method {} attached: {} •••• {}",
            method.id, method.card.brand, method.card.last4
        );
        Ok(method)
    }

    async fn station(&self) -> Result<Choice, String> {
        let query = AroundQuery::new(
            Coordinates {
                latitude: self.args.lat,
                longitude: self.args.lon,
            },
            self.args.distance,
        );
        let around = self
            .client
            .stations_around(&query, PageRequest::default())
            .await
            .map_err(|error| format!("stations around: {error}"))?;
        println!(
            "4. {} stations within {} m of {}, {}",
            around.count, self.args.distance, self.args.lat, self.args.lon
        );
        let choice = match &self.args.evse {
            Some(evse) => self.station_of(evse).await?,
            None => around
                .items
                .into_iter()
                .find_map(|station| choose(station, None))
                .ok_or("no station around has an available EVSE with a price group (try --distance or --evse)")?,
        };
        println!(
            "   {}: {}, EVSE {} ({} kW)",
            choice.station.name, choice.station.address, choice.evse_id, choice.power_kw
        );
        Ok(choice)
    }

    async fn station_of(&self, evse: &str) -> Result<Choice, String> {
        let station = self
            .client
            .station_details(&connect_ports::StationLookup::EvseId(evse.to_owned()))
            .await
            .map_err(|error| format!("station of EVSE {evse}: {error}"))?;
        choose(station, Some(evse)).ok_or_else(|| format!("EVSE {evse} has no price group"))
    }

    fn estimate(&self, choice: &Choice, start: DateTime<Utc>) -> Result<Estimate, String> {
        let plan = ChargingPlan::ConstantPower {
            energy_kwh: self.args.kwh,
            power_kw: choice.power_kw,
            plug_out: None,
        };
        let estimate = estimate(
            &choice.price_group,
            choice.station.zone,
            start,
            &plan,
            &options(choice),
        )
        .map_err(|error| format!("estimate: {error}"))?;
        println!(
            "5. Estimate for {} kWh: {} (pre-authorization {})",
            self.args.kwh,
            money(estimate.cost.invoice_summary, &estimate.cost.currency),
            money(estimate.pre_authorization_amount, &estimate.cost.currency)
        );
        Ok(estimate)
    }

    async fn start(
        &self,
        user: &UserId,
        choice: &Choice,
        method: &PaymentMethod,
    ) -> Result<ChargingSession, String> {
        let session = self
            .client
            .start_charging(
                user,
                StartCharging::new(choice.evse_id.clone(), method.id.clone()),
            )
            .await
            .map_err(|error| format!("starting: {error}"))?;
        println!("6. Session {} started", session.id);
        Ok(session)
    }

    /// Watches the session, stops it at the target energy (or after `--minutes`), and
    /// goes on watching until its charge detail record arrives.
    async fn watch(
        &self,
        user: &UserId,
        started: &ChargingSession,
        choice: &Choice,
    ) -> Result<ChargingSession, String> {
        println!("7. Charging (watching the session)");
        let start = started.start_time.unwrap_or_else(|| self.clock.now());
        let limit = chrono::Duration::minutes(i64::from(self.args.minutes));
        let mut progress = ProgressLine::new();
        let mut stopped = false;
        let mut updates: std::pin::Pin<Box<dyn Stream<Item = _> + Send>> = match &self.step {
            Some(step) => Box::pin(super::stepped::updates(
                self.client.clone(),
                user.clone(),
                started.id.clone(),
                Arc::clone(step),
            )),
            None => Box::pin(self.client.watch_session(user.clone(), started.id.clone())),
        };
        let mut last = started.clone();
        loop {
            // Points that send no progress never change until stopped: a tick lets the
            // time limit stop them anyway.
            let update = match tokio::time::timeout(TICK, updates.next()).await {
                Ok(Some(update)) => update.map_err(|error| format!("watching: {error}"))?,
                Ok(None) => break,
                Err(_elapsed) => last.clone(),
            };
            let now = self.clock.now();
            if update.bill.is_none() {
                let cost = cost_so_far(choice, start, update.consumed_energy_kwh, now);
                progress.update(update.consumed_energy_kwh, self.args.kwh, &cost);
            }
            let reached = update
                .consumed_energy_kwh
                .is_some_and(|energy| energy >= self.args.kwh);
            if update.is_active && !stopped && (reached || now - start >= limit) {
                self.client
                    .stop_charging(user, &update.id)
                    .await
                    .map_err(|error| format!("stopping: {error}"))?;
                stopped = true;
                progress.finish();
                println!("8. Stopped; waiting for the charge detail record");
            }
            last = update;
        }
        progress.finish();
        if last.bill.is_none() {
            return Err("the session ended without a charge detail record".into());
        }
        Ok(last)
    }

    async fn invoice(&self, user: &UserId, session: &SessionId) -> Result<(), String> {
        let invoices = self
            .client
            .invoices(user, PageRequest::default())
            .await
            .map_err(|error| format!("invoices: {error}"))?;
        let invoice = invoices
            .items
            .iter()
            .find(|invoice| invoice.charging_session_id.as_ref() == Some(session));
        match invoice {
            Some(invoice) => println!(
                "10. Invoice {}: {}",
                money(invoice.total, &invoice.currency),
                invoice.link
            ),
            None => println!("10. No invoice yet for this session (a failed charge is a debt)"),
        }
        Ok(())
    }
}

/// What the energy so far costs, by the engine (the API shows no cost before the CDR).
fn cost_so_far(
    choice: &Choice,
    start: DateTime<Utc>,
    energy: Option<Decimal>,
    now: DateTime<Utc>,
) -> String {
    let plan = ChargingPlan::ConstantPower {
        energy_kwh: energy.unwrap_or_default(),
        power_kw: choice.power_kw,
        plug_out: Some(now.max(start)),
    };
    estimate(
        &choice.price_group,
        choice.station.zone,
        start,
        &plan,
        &options(choice),
    )
    .map_or_else(
        |_| "–".to_owned(),
        |priced| money(priced.cost.invoice_summary, &priced.cost.currency),
    )
}

/// Recomputes the invoiced cost from the station's price group and says whether it
/// agrees.
fn check(choice: &Choice, session: &ChargingSession, estimate: &Estimate) -> Result<(), String> {
    let bill = session.bill.as_ref().ok_or("no charge detail record")?;
    let cost = &bill.cost;
    println!(
        "9. Charge detail record: {} kWh, {} (energy {}, time {}, session fee {}, \
         blocking {}, starting fee {}, VAT {})",
        session.consumed_energy_kwh.unwrap_or_default(),
        money(cost.invoice_summary, &cost.currency),
        cost.kwh_cost,
        cost.time_cost,
        cost.session_fee_cost,
        cost.blocking_fee_cost,
        cost.starting_fee_cost,
        cost.invoice_vat
    );
    println!(
        "   Estimated before the start: {}",
        money(estimate.cost.invoice_summary, &estimate.cost.currency)
    );
    let (Some(start), Some(end)) = (session.start_time, session.end_time) else {
        return Err("the charge detail record has no start or end time".into());
    };
    let finished = FinishedSession {
        start,
        end,
        consumption: Consumption::Energy {
            energy_kwh: session.consumed_energy_kwh.unwrap_or_default(),
            charging_end: None,
        },
    };
    let check = check_invoice(
        &choice.price_group,
        choice.station.zone,
        &finished,
        &options(choice),
        cost,
    )
    .map_err(|error| format!("checking the invoice: {error}"))?;
    if check.matches {
        println!("   Recomputed by the pricing engine: matches to the cent");
    } else {
        for difference in &check.differences {
            println!(
                "   Differs: {} expected {}, invoiced {} ({:?})",
                difference.field, difference.expected, difference.invoiced, difference.explanations
            );
        }
    }
    Ok(())
}

/// The options the API prices with: prices frozen at the start, blocking counted from it.
fn options(choice: &Choice) -> PricingOptions {
    PricingOptions::new(
        BandPolicy::FrozenAtStart,
        BlockingBasis::SessionStart,
        choice.station.is_partner,
    )
}

/// The EVSE to charge at on `station` (the one asked for, or its first available one) and
/// the price group that prices it.
fn choose(station: Station, evse: Option<&str>) -> Option<Choice> {
    let chosen = station.evses.iter().find(|candidate| match evse {
        Some(wanted) => candidate.evse_id.as_str() == wanted,
        None => candidate.status == EvseStatus::Available,
    })?;
    let evse_id = chosen.evse_id.as_str().to_owned();
    let power_kw = chosen
        .max_power_kw()
        .and_then(|kw| Decimal::try_from(kw).ok())
        .filter(|kw| *kw > Decimal::ZERO)
        .unwrap_or(Decimal::from(11));
    let price_group = station.price_group_for(&evse_id)?.clone();
    Some(Choice {
        station,
        evse_id,
        price_group,
        power_kw,
    })
}

/// `10.84 EUR`: the API writes currencies in lower case on sessions and invoices.
fn money(amount: Decimal, currency: &str) -> String {
    format!("{amount} {}", currency.to_ascii_uppercase())
}
