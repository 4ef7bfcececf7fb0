//! Stripe's test cards, and what each does in the sandbox.

/// What a test card does when it is attached and charged (stored by name with the payment
/// method, in a durable sandbox).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CardBehaviour {
    /// Every payment succeeds without customer action.
    Frictionless,
    /// Every payment needs 3-D Secure: starting a session answers 402
    /// `pre_authorization_failed` with a payment intent to confirm first.
    RequiresAuthentication,
    /// Attaching works, but charging the final amount fails for insufficient funds: the
    /// session becomes a debt.
    InsufficientFunds,
}

/// A Stripe test card the sandbox knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestCard {
    /// The card number, digits only.
    pub number: &'static str,
    /// `visa`, `mastercard`, …
    pub brand: &'static str,
    /// What it does.
    pub behaviour: CardBehaviour,
}

/// The cards the sandbox accepts (Stripe's documented test numbers).
pub const TEST_CARDS: &[TestCard] = &[
    TestCard {
        number: "4242424242424242",
        brand: "visa",
        behaviour: CardBehaviour::Frictionless,
    },
    TestCard {
        number: "5555555555554444",
        brand: "mastercard",
        behaviour: CardBehaviour::Frictionless,
    },
    TestCard {
        number: "4000002760003184",
        brand: "visa",
        behaviour: CardBehaviour::RequiresAuthentication,
    },
    TestCard {
        number: "4000000000009995",
        brand: "visa",
        behaviour: CardBehaviour::InsufficientFunds,
    },
];

/// Stripe's generic declined card: attaching it fails.
pub const DECLINED_CARD: &str = "4000000000000002";

/// Why a card cannot be attached.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CardError {
    /// Stripe's declined test card.
    #[error("card_number: your card was declined (Stripe test card {DECLINED_CARD})")]
    Declined,
    /// Not a test card the sandbox knows.
    #[error(
        "card_number: {number_hint} is not a Stripe test card the sandbox knows (try 4242 4242 4242 4242)"
    )]
    Unknown {
        /// The last four digits given (never the whole number).
        number_hint: String,
    },
}

/// Finds a test card by number; spaces and dashes are ignored.
///
/// # Errors
/// [`CardError::Declined`] for Stripe's declined card, [`CardError::Unknown`] otherwise.
///
/// # Examples
/// ```
/// use connect_fake::cards::{CardBehaviour, test_card};
/// assert_eq!(test_card("4000 0027 6000 3184")?.behaviour, CardBehaviour::RequiresAuthentication);
/// assert!(test_card("4000000000000002").is_err());
/// # Ok::<(), connect_fake::cards::CardError>(())
/// ```
pub fn test_card(number: &str) -> Result<TestCard, CardError> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if digits == DECLINED_CARD {
        return Err(CardError::Declined);
    }
    TEST_CARDS
        .iter()
        .find(|card| card.number == digits)
        .copied()
        .ok_or_else(|| CardError::Unknown {
            number_hint: format!("…{}", &digits[digits.len().saturating_sub(4)..]),
        })
}
