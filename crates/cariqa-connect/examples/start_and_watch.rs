//! Start a session and watch it until its final cost arrives.
//!
//! The steps a partner's backend takes: a user with billing details and a card, start at an
//! EVSE, watch the session (energy as it changes), stop at the energy wanted, and read the
//! charge detail record's cost.
//!
//! `cargo run -p cariqa-connect --features sandbox --example start_and_watch`

use cariqa_connect::ConnectClient;
use cariqa_connect::Decimal;
use cariqa_connect::domain::account::{BillingDetails, NewUser};
use cariqa_connect::domain::payment::SetupKind;
use cariqa_connect::ports::{Billing, Charging, Payments, StartCharging, Users};
use cariqa_connect::prelude::*;
use cariqa_connect::sandbox::EmbeddedApi;

/// Whatever stops the example.
type Error = Box<dyn std::error::Error + Send + Sync>;

/// The docs' example station in Worms, 22 kW AC.
const EVSE: &str = "DE*CIQ*EELDF6XWZU41P*1";

#[tokio::main]
#[cfg_attr(test, allow(dead_code))]
async fn main() -> Result<(), Error> {
    let sandbox = EmbeddedApi::start().await?;
    let cost = start_and_watch(&sandbox, Decimal::from(5)).await?;
    println!("final cost: {cost}");
    Ok(())
}

/// Charges `wanted` kWh and answers the invoiced total.
async fn start_and_watch(sandbox: &EmbeddedApi, wanted: Decimal) -> Result<Decimal, Error> {
    let client: &ConnectClient = sandbox.client();

    // A user, their billing address and a card (the frontend confirms the setup intent).
    let user = client.create_user(NewUser::default()).await?;
    let address = BillingDetails::personal("Erika", "Mustermann").address(
        "Lutherring 31",
        "67547",
        "Worms",
        "DE",
    );
    client.replace_billing_details(&user.id, address).await?;
    let intent = client.setup_intent(&user.id, SetupKind::Card).await?;
    let card = sandbox
        .frontend()
        .confirm_setup_intent(&intent.client_secret, "4242424242424242")?;

    // Start. The client never retries a start blindly: after a timeout it looks for the
    // session that did start instead of starting a second one.
    let start = StartCharging::new(EVSE, card.id);
    let session = client.start_charging(&user.id, start).await?;
    println!("started {}", session.id);

    // Watch: one item per change, until the session is over and its cost is final.
    let mut updates = std::pin::pin!(client.watch_session(user.id.clone(), session.id.clone()));
    let mut stopped = false;
    while let Some(update) = updates.try_next().await? {
        let energy = update.consumed_energy_kwh.unwrap_or_default();
        println!("{energy} kWh, active: {}", update.is_active);
        if update.is_active && !stopped && energy >= wanted {
            // A stop that arrives twice (a retry) is still one stop: `already_stopped` is
            // success for the client.
            client.stop_charging(&user.id, &update.id).await?;
            stopped = true;
        }
        if let Some(bill) = update.bill {
            return Ok(bill.cost.invoice_summary);
        }
    }
    Err("the session ended without its charge detail record".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread")]
    async fn charges_what_was_wanted_and_reports_the_final_cost() {
        let sandbox = EmbeddedApi::start().await.unwrap();
        // Every exchange checked against the API's OpenAPI document on the way.
        let checked = connect_openapi::CheckingProxy::start(sandbox.sandbox().base_url())
            .await
            .unwrap();
        let sandbox = sandbox.through(checked.base_url()).unwrap();
        let cost = start_and_watch(&sandbox, Decimal::from(5)).await.unwrap();
        // About 5 kWh at the Worms station's 0.54 €/kWh.
        assert!(
            cost > Decimal::new(260, 2) && cost < Decimal::new(320, 2),
            "{cost}"
        );
    }
}
