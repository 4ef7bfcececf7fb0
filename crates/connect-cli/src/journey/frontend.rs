//! The partner's frontend, played: it confirms the setup intent with Stripe so that a
//! payment method is attached.

use std::time::Duration;

use connect_domain::ids::UserId;
use connect_domain::payment::{PaymentMethod, SetupIntent};
use connect_fake::sandbox::Connection;
use connect_http::ConnectClient;
use connect_ports::{PageRequest, Payments};

/// Who confirms the setup intent.
pub(super) enum Frontend {
    /// The embedded sandbox's control operation, with a Stripe test card.
    Embedded {
        /// The journey's tenant.
        sandbox: Connection,
        /// The card number.
        card: String,
    },
    /// The partner's own frontend (Stripe.js or a mobile SDK): the journey prints the
    /// client secret and waits for the payment method to appear.
    Partner {
        /// How long to wait.
        wait: Duration,
    },
}

impl Frontend {
    /// Confirms `intent` for `user` and answers the payment method it attached.
    pub(super) async fn attach(
        &self,
        client: &ConnectClient,
        user: &UserId,
        intent: &SetupIntent,
    ) -> Result<PaymentMethod, String> {
        match self {
            Self::Embedded { sandbox, card } => sandbox
                .confirm_setup_intent(&intent.client_secret, card)
                .map_err(|error| format!("confirming the setup intent: {error}")),
            Self::Partner { wait } => {
                println!(
                    "  Confirm this setup intent in your frontend with a Stripe test card \
                     (4242 4242 4242 4242):\n  {}",
                    intent.client_secret
                );
                wait_for_payment_method(client, user, *wait).await
            }
        }
    }
}

/// Polls the user's payment methods until one is there.
async fn wait_for_payment_method(
    client: &ConnectClient,
    user: &UserId,
    wait: Duration,
) -> Result<PaymentMethod, String> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let methods = client
            .payment_methods(user, PageRequest::default())
            .await
            .map_err(|error| format!("listing payment methods: {error}"))?;
        if let Some(method) = methods.items.into_iter().next() {
            return Ok(method);
        }
        if tokio::time::Instant::now() >= deadline {
            return Err(format!(
                "no payment method was attached within {} s (--wait-seconds)",
                wait.as_secs()
            ));
        }
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
}
