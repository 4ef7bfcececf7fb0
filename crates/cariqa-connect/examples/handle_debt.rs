//! Handle a debt: a charge that failed after the session blocks the user until it is paid.
//!
//! A card with insufficient funds passes the pre-authorization, but the final charge fails:
//! the session becomes a debt. New sessions are refused (402 `payment_error`) until the
//! frontend confirms the debt's payment intent with Stripe; then the invoice is issued.
//!
//! `cargo run -p cariqa-connect --features sandbox --example handle_debt`

use cariqa_connect::ConnectClient;
use cariqa_connect::Decimal;
use cariqa_connect::domain::account::{BillingDetails, NewUser};
use cariqa_connect::domain::ids::UserId;
use cariqa_connect::domain::payment::{PaymentMethod, SetupKind};
use cariqa_connect::ports::{
    Billing, Charging, ErrorKind, Invoices, PageRequest, Payments, StartCharging, Users,
};
use cariqa_connect::prelude::*;
use cariqa_connect::sandbox::EmbeddedApi;

/// Whatever stops the example.
type Error = Box<dyn std::error::Error + Send + Sync>;

const EVSE: &str = "DE*CIQ*EELDF6XWZU41P*1";
/// Stripe's test card whose charges fail for insufficient funds.
const INSUFFICIENT_FUNDS: &str = "4000000000009995";

#[tokio::main]
#[cfg_attr(test, allow(dead_code))]
async fn main() -> Result<(), Error> {
    let sandbox = EmbeddedApi::start().await?;
    let invoices = handle_debt(&sandbox).await?;
    println!("paid; {invoices} invoice(s)");
    Ok(())
}

/// Runs into a debt, pays it, and answers how many invoices the user has afterwards.
async fn handle_debt(sandbox: &EmbeddedApi) -> Result<usize, Error> {
    let client = sandbox.client();
    let (user, card) = user_with_card(sandbox, INSUFFICIENT_FUNDS).await?;

    // A session whose final charge fails.
    charge_once(client, &user, &card).await?;

    // The debt, and what it blocks.
    let debts = client.debts(&user, PageRequest::default()).await?;
    let Some(debt) = debts.items.first() else {
        return Err("expected a debt".into());
    };
    println!(
        "debt: {} {} for session {}",
        debt.amount, debt.currency, debt.session_id
    );
    let start = StartCharging::new(EVSE, card.id.clone());
    match client.start_charging(&user, start).await {
        Err(error) if error.kind() == Some(&ErrorKind::Payment) => {
            println!("starting is refused while the debt is unpaid: {error}");
        }
        other => return Err(format!("expected payment_error, got {other:?}").into()),
    }

    // The frontend pays: it confirms the debt's payment intent with Stripe.
    sandbox
        .frontend()
        .confirm_payment_intent(&debt.payment_intent_client_secret)?;
    let debts = client.debts(&user, PageRequest::default()).await?;
    println!("debts left: {}", debts.count);
    let invoices = client.invoices(&user, PageRequest::default()).await?;
    Ok(invoices.items.len())
}

async fn user_with_card(
    sandbox: &EmbeddedApi,
    card_number: &str,
) -> Result<(UserId, PaymentMethod), Error> {
    let client = sandbox.client();
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
        .confirm_setup_intent(&intent.client_secret, card_number)?;
    Ok((user.id, card))
}

/// Charges 2 kWh, stops, and waits for the charge detail record.
async fn charge_once(
    client: &ConnectClient,
    user: &UserId,
    card: &PaymentMethod,
) -> Result<(), Error> {
    let start = StartCharging::new(EVSE, card.id.clone());
    let session = client.start_charging(user, start).await?;
    let mut updates = std::pin::pin!(client.watch_session(user.clone(), session.id.clone()));
    while let Some(update) = updates.try_next().await? {
        // A few kWh, so that the charge is more than nothing (an empty session is free).
        let energy = update.consumed_energy_kwh.unwrap_or_default();
        if update.is_active && energy >= Decimal::from(2) {
            client.stop_charging(user, &update.id).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread")]
    async fn a_debt_blocks_until_paid_then_the_invoice_is_issued() {
        let sandbox = EmbeddedApi::start().await.unwrap();
        // Every exchange checked against the API's OpenAPI document on the way.
        let checked = connect_openapi::CheckingProxy::start(sandbox.sandbox().base_url())
            .await
            .unwrap();
        let sandbox = sandbox.through(checked.base_url()).unwrap();
        assert_eq!(handle_debt(&sandbox).await.unwrap(), 1);
    }
}
