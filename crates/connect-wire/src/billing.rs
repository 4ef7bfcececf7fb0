//! Billing details (OpenAPI tag `Billing Details`): `/api/v1/users/{user_id}/billing-details/`.

use serde::{Deserialize, Serialize};

use connect_domain::account::AccountType;

/// A user's billing details (schema `ConnectAPIBillingDetails`): the body of the PUT and the
/// answer of both GET and PUT.
///
/// Every property except `account_type` is written, `null` when `None`: the API answers
/// with all of them, and a PUT replaces the whole object, so an omitted property and `null`
/// mean the same. `line1` and `postal_code` are required strings in the document, yet the
/// API answers `null` for a user who never set them (see [`BillingDetails::empty`]); they
/// are therefore `Option` too, and a PUT must set both.
///
/// Country rules (from the docs): an Italian personal account needs the codice fiscale in
/// `tax_id`; an Italian business account needs `company_name` and the partita IVA in
/// `vat_id`.
///
/// # Examples
/// ```
/// use connect_domain::account::AccountType;
/// use connect_wire::billing::BillingDetails;
/// let fresh = BillingDetails::empty();
/// assert_eq!(fresh.account_type, Some(AccountType::Personal));
/// assert_eq!(serde_json::to_value(&fresh)?["line1"], serde_json::Value::Null);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingDetails {
    /// Country of residence; the docs write it lower-case (`"de"`, `"it"`), Cariqa's
    /// reference client upper-case. At most 150 characters.
    pub country: Option<String>,
    /// City, at most 50 characters.
    pub city: Option<String>,
    /// Personal tax number (the Italian codice fiscale), at most 30 characters.
    pub tax_id: Option<String>,
    /// Personal or business; optional, left out when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_type: Option<AccountType>,
    /// Company name, printed on business invoices.
    pub company_name: Option<String>,
    /// VAT id (the Italian partita IVA), printed on business invoices.
    pub vat_id: Option<String>,
    /// Street line; required in a PUT, `null` for a user who never set it.
    pub line1: Option<String>,
    /// Postal code; required in a PUT, `null` for a user who never set it.
    pub postal_code: Option<String>,
    /// First name, printed on personal invoices; at most 150 characters.
    pub first_name: Option<String>,
    /// Last name, printed on personal invoices; at most 150 characters.
    pub last_name: Option<String>,
}

impl BillingDetails {
    /// What `GET …/billing-details/` answers for a user who never set any: every property
    /// `null` and `account_type` `"personal"`.
    pub fn empty() -> Self {
        Self {
            account_type: Some(AccountType::Personal),
            ..Self::default()
        }
    }
}
