//! Users and their billing details, and the billing rules that charging depends on.

use serde::{Deserialize, Serialize};

use crate::ids::UserId;

crate::api_value! {
    /// The language of a user's invoices and emails.
    pub enum Locale {
        /// English.
        En = "en",
        /// German.
        De = "de",
    }
}

crate::api_value! {
    /// Whether invoices go to a person or a company.
    #[derive(Default)]
    pub enum AccountType {
        /// A private person (the default): invoices show first and last name.
        #[default]
        Personal = "personal",
        /// A company: invoices show the company name and VAT id.
        Business = "business",
    }
}

/// A field that failed validation, and why.
///
/// # Examples
/// ```
/// use connect_domain::account::{NewUser, ValidationError};
/// let error = NewUser { email: Some("not an address".into()), ..NewUser::default() }
///     .validate()
///     .unwrap_err();
/// assert_eq!(error.field, "email");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    /// The field, as the API names it (`line1`, `custom_properties.external_id`).
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl ValidationError {
    /// An error on one field.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// A user as the API returns it. Users carry no names; those live in [`BillingDetails`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct User {
    /// The user's id.
    pub id: UserId,
    /// Optional, and not unique across users.
    pub email: Option<String>,
    /// Language of invoices and emails.
    pub locale: Option<Locale>,
    /// The partner's own id for this user, searchable.
    pub external_id: Option<String>,
}

impl User {
    /// A user with only an id: no email, locale or external id (set the public fields).
    ///
    /// # Examples
    /// ```
    /// use connect_domain::account::User;
    /// use connect_domain::ids::UserId;
    /// let mut user = User::new(UserId::new("7c8e"));
    /// user.email = Some("erika@example.com".into());
    /// assert_eq!(user.locale, None);
    /// ```
    pub fn new(id: UserId) -> Self {
        Self {
            id,
            email: None,
            locale: None,
            external_id: None,
        }
    }
}

/// The fields of a user to create.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUser {
    /// Optional email address.
    pub email: Option<String>,
    /// Language of invoices and emails.
    pub locale: Option<Locale>,
    /// The partner's own id for this user (at most 250 characters).
    pub external_id: Option<String>,
}

/// Building a user to create.
///
/// # Examples
/// ```
/// use connect_domain::account::{Locale, NewUser};
/// let user = NewUser::default().email("erika@example.com").locale(Locale::De).external_id("crm-42");
/// assert!(user.validate().is_ok());
/// assert_eq!(user.external_id.as_deref(), Some("crm-42"));
/// ```
impl NewUser {
    /// The user's e-mail address.
    #[must_use]
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// The language of the user's invoices and e-mails.
    #[must_use]
    pub fn locale(mut self, locale: Locale) -> Self {
        self.locale = Some(locale);
        self
    }

    /// The partner's own id for the user (searchable).
    #[must_use]
    pub fn external_id(mut self, external_id: impl Into<String>) -> Self {
        self.external_id = Some(external_id.into());
        self
    }
}

/// The most characters an external id may have.
const EXTERNAL_ID_MAX: usize = 250;

impl NewUser {
    /// Checks the fields as the API does.
    ///
    /// # Errors
    /// A [`ValidationError`] naming `email`, `locale` or `custom_properties.external_id`.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_user_fields(
            self.email.as_deref(),
            self.locale.as_ref(),
            self.external_id.as_deref(),
        )
    }
}

/// A partial update of a user: `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPatch {
    /// New email, or cleared.
    pub email: Option<Option<String>>,
    /// New locale.
    pub locale: Option<Locale>,
    /// New external id, or cleared.
    pub external_id: Option<Option<String>>,
}

impl UserPatch {
    /// Checks the fields as the API does.
    ///
    /// # Errors
    /// A [`ValidationError`] naming the field.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_user_fields(
            self.email.as_ref().and_then(Option::as_deref),
            self.locale.as_ref(),
            self.external_id.as_ref().and_then(Option::as_deref),
        )
    }

    /// The user with this patch applied.
    pub fn apply(&self, user: &User) -> User {
        User {
            id: user.id.clone(),
            email: self.email.clone().unwrap_or_else(|| user.email.clone()),
            locale: self.locale.clone().or_else(|| user.locale.clone()),
            external_id: self
                .external_id
                .clone()
                .unwrap_or_else(|| user.external_id.clone()),
        }
    }
}

/// Building a partial update: each method changes one field; the rest stay as they are.
///
/// # Examples
/// ```
/// use connect_domain::account::{Locale, UserPatch};
/// let patch = UserPatch::default().locale(Locale::En).clear_email();
/// assert_eq!(patch.email, Some(None));
/// assert_eq!(patch.external_id, None);
/// ```
impl UserPatch {
    /// A new e-mail address.
    #[must_use]
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(Some(email.into()));
        self
    }

    /// Removes the e-mail address.
    #[must_use]
    pub fn clear_email(mut self) -> Self {
        self.email = Some(None);
        self
    }

    /// A new language.
    #[must_use]
    pub fn locale(mut self, locale: Locale) -> Self {
        self.locale = Some(locale);
        self
    }

    /// A new external id.
    #[must_use]
    pub fn external_id(mut self, external_id: impl Into<String>) -> Self {
        self.external_id = Some(Some(external_id.into()));
        self
    }

    /// Removes the external id.
    #[must_use]
    pub fn clear_external_id(mut self) -> Self {
        self.external_id = Some(None);
        self
    }
}

fn check_user_fields(
    email: Option<&str>,
    locale: Option<&Locale>,
    external_id: Option<&str>,
) -> Result<(), ValidationError> {
    if let Some(email) = email
        && !is_plausible_email(email)
    {
        return Err(ValidationError::new(
            "email",
            "Enter a valid email address.",
        ));
    }
    if let Some(locale) = locale
        && !locale.is_known()
    {
        return Err(ValidationError::new(
            "locale",
            format!("\"{locale}\" is not a valid choice (en, de)."),
        ));
    }
    if let Some(id) = external_id
        && id.chars().count() > EXTERNAL_ID_MAX
    {
        return Err(ValidationError::new(
            "custom_properties.external_id",
            format!("Ensure this field has no more than {EXTERNAL_ID_MAX} characters."),
        ));
    }
    Ok(())
}

/// One `@`, something on both sides, a dot in the domain, no spaces: the check a form does,
/// not RFC 5322.
fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
}

/// A user's billing details: what invoices print, and what charging requires.
///
/// A new user's details are all empty, with `account_type` personal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BillingDetails {
    /// Street line.
    pub line1: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Country of residence (`de`, `it`, in either case).
    pub country: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Tax id of a person (the Italian codice fiscale).
    pub tax_id: Option<String>,
    /// Person or company.
    pub account_type: AccountType,
    /// Company name, for business accounts.
    pub company_name: Option<String>,
    /// VAT id (the Italian partita IVA), for business accounts.
    pub vat_id: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
}

/// Building billing details: a person's or a company's, then the address.
///
/// # Examples
/// ```
/// use connect_domain::account::{AccountType, BillingDetails};
/// let erika = BillingDetails::personal("Erika", "Mustermann")
///     .address("Lutherring 31", "67547", "Worms", "DE");
/// assert_eq!(erika.account_type, AccountType::Personal);
/// assert!(erika.check_ready_to_charge("DE").is_ok());
///
/// let company = BillingDetails::business("Muster GmbH", "DE123456789")
///     .address("Lutherring 31", "67547", "Worms", "DE");
/// assert_eq!(company.company_name.as_deref(), Some("Muster GmbH"));
/// ```
impl BillingDetails {
    /// A private person's details: invoices show the name.
    pub fn personal(first_name: impl Into<String>, last_name: impl Into<String>) -> Self {
        Self {
            first_name: Some(first_name.into()),
            last_name: Some(last_name.into()),
            ..Self::default()
        }
    }

    /// A company's details: invoices show the company name and VAT id.
    pub fn business(company_name: impl Into<String>, vat_id: impl Into<String>) -> Self {
        Self {
            account_type: AccountType::Business,
            company_name: Some(company_name.into()),
            vat_id: Some(vat_id.into()),
            ..Self::default()
        }
    }

    /// The billing address: street line, postal code, city and country (ISO code).
    #[must_use]
    pub fn address(
        mut self,
        line1: impl Into<String>,
        postal_code: impl Into<String>,
        city: impl Into<String>,
        country: impl Into<String>,
    ) -> Self {
        self.line1 = Some(line1.into());
        self.postal_code = Some(postal_code.into());
        self.city = Some(city.into());
        self.country = Some(country.into());
        self
    }

    /// A person's tax id (required for Italian residents: the codice fiscale).
    #[must_use]
    pub fn tax_id(mut self, tax_id: impl Into<String>) -> Self {
        self.tax_id = Some(tax_id.into());
        self
    }
}

/// Field limits of billing details, as the API documents them.
const BILLING_LIMITS: [(&str, usize); 5] = [
    ("country", 150),
    ("city", 50),
    ("tax_id", 30),
    ("first_name", 150),
    ("last_name", 150),
];

/// Why a user's billing details cannot be used to charge (the API's
/// `billing_data_required`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("billing details incomplete: {missing} required{}", if self.reason.is_empty() { String::new() } else { format!(" ({})", self.reason) })]
pub struct BillingIncomplete {
    /// The first field that is missing.
    pub missing: &'static str,
    /// Which rule requires it, when it is not a general requirement.
    pub reason: &'static str,
}

fn filled(value: Option<&String>) -> bool {
    value.is_some_and(|text| !text.trim().is_empty())
}

impl BillingDetails {
    /// Checks details sent with `PUT …/billing-details/`: `line1` and `postal_code` are
    /// required, lengths are limited. (A PUT replaces all fields; omitted ones become empty.)
    ///
    /// # Errors
    /// A [`ValidationError`] naming the field.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::account::BillingDetails;
    /// let mut details = BillingDetails::default();
    /// details.line1 = Some("Via Roma 10".into());
    /// assert_eq!(details.validate().unwrap_err().field, "postal_code");
    /// ```
    pub fn validate(&self) -> Result<(), ValidationError> {
        for (field, value) in [("line1", &self.line1), ("postal_code", &self.postal_code)] {
            if !filled(value.as_ref()) {
                return Err(ValidationError::new(field, "This field is required."));
            }
        }
        if !self.account_type.is_known() {
            return Err(ValidationError::new(
                "account_type",
                format!(
                    "\"{}\" is not a valid choice (personal, business).",
                    self.account_type
                ),
            ));
        }
        let values = [
            &self.country,
            &self.city,
            &self.tax_id,
            &self.first_name,
            &self.last_name,
        ];
        for ((field, limit), value) in BILLING_LIMITS.iter().zip(values) {
            if value
                .as_ref()
                .is_some_and(|text| text.chars().count() > *limit)
            {
                return Err(ValidationError::new(
                    *field,
                    format!("Ensure this field has no more than {limit} characters."),
                ));
            }
        }
        Ok(())
    }

    /// Whether these details let the user charge at a station in `station_country`
    /// (ISO alpha-2, any case), per the API's country-specific requirements:
    ///
    /// - Everyone: street, postal code and city.
    /// - Personal accounts: first and last name.
    /// - Business accounts: company name.
    /// - Italian residents: a personal account needs a tax id (codice fiscale), a business
    ///   account a VAT id (partita IVA). The API's rules for other residents at Italian
    ///   stations are not documented readably, so none are added here; `station_country`
    ///   is taken so that they can be, without changing callers.
    ///
    /// # Errors
    /// [`BillingIncomplete`] naming the first missing field.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::account::BillingDetails;
    /// let mario = BillingDetails::personal("Mario", "Rossi")
    ///     .address("Via Roma 10", "00100", "Rome", "it");
    /// assert_eq!(mario.check_ready_to_charge("IT").unwrap_err().missing, "tax_id");
    /// assert_eq!(mario.check_ready_to_charge("DE").unwrap_err().missing, "tax_id");
    /// ```
    pub fn check_ready_to_charge(&self, station_country: &str) -> Result<(), BillingIncomplete> {
        let need = |missing: &'static str, value: &Option<String>, reason: &'static str| {
            if filled(value.as_ref()) {
                Ok(())
            } else {
                Err(BillingIncomplete { missing, reason })
            }
        };
        need("line1", &self.line1, "")?;
        need("postal_code", &self.postal_code, "")?;
        need("city", &self.city, "")?;
        let _ = station_country;
        let italian = self
            .country
            .as_deref()
            .is_some_and(|c| c.eq_ignore_ascii_case("it"));
        if self.account_type == AccountType::Business {
            need("company_name", &self.company_name, "business account")?;
            if italian {
                need("vat_id", &self.vat_id, "Italian business account")?;
            }
        } else {
            need("first_name", &self.first_name, "personal account")?;
            need("last_name", &self.last_name, "personal account")?;
            if italian {
                need("tax_id", &self.tax_id, "Italian personal account")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete_german() -> BillingDetails {
        BillingDetails {
            line1: Some("Karl-Marx-Allee 1".into()),
            postal_code: Some("10243".into()),
            city: Some("Berlin".into()),
            country: Some("de".into()),
            first_name: Some("Example".into()),
            last_name: Some("Sample".into()),
            ..BillingDetails::default()
        }
    }

    #[test]
    fn a_new_users_details_are_empty_and_personal() {
        let fresh = BillingDetails::default();
        assert_eq!(fresh.account_type, AccountType::Personal);
        assert_eq!(fresh.line1, None);
        assert_eq!(
            fresh.check_ready_to_charge("DE").unwrap_err().missing,
            "line1"
        );
    }

    #[test]
    fn line1_and_postal_code_are_required_and_blank_is_missing() {
        let mut details = complete_german();
        details.line1 = Some("   ".into());
        assert_eq!(details.validate().unwrap_err().field, "line1");
        details.line1 = Some("x".repeat(10));
        details.city = Some("y".repeat(51));
        assert_eq!(details.validate().unwrap_err().field, "city");
    }

    #[test]
    fn a_tax_id_is_required_of_italian_residents_not_of_others_in_italy() {
        let mut details = complete_german();
        assert_eq!(details.check_ready_to_charge("DE"), Ok(()));
        assert_eq!(details.check_ready_to_charge("IT"), Ok(()));
        details.country = Some("it".into());
        let italian = details.check_ready_to_charge("DE").unwrap_err();
        assert_eq!(
            (italian.missing, italian.reason),
            ("tax_id", "Italian personal account")
        );
        details.tax_id = Some("RSSMRA80A01H501U".into());
        assert_eq!(details.check_ready_to_charge("IT"), Ok(()));
    }

    #[test]
    fn an_italian_business_needs_company_name_and_vat_id() {
        let mut details = complete_german();
        details.country = Some("IT".into());
        details.account_type = AccountType::Business;
        assert_eq!(
            details.check_ready_to_charge("DE").unwrap_err().missing,
            "company_name"
        );
        details.company_name = Some("Rossi S.r.l.".into());
        assert_eq!(
            details.check_ready_to_charge("DE").unwrap_err().missing,
            "vat_id"
        );
        details.vat_id = Some("IT12345678901".into());
        assert_eq!(details.check_ready_to_charge("DE"), Ok(()));
    }

    #[test]
    fn user_fields_are_validated_like_the_api() {
        for bad in ["plain", "a@b", "a @b.de", "@b.de", "a@.de"] {
            let user = NewUser {
                email: Some(bad.into()),
                ..NewUser::default()
            };
            assert_eq!(user.validate().unwrap_err().field, "email", "{bad}");
        }
        let user = NewUser {
            email: Some("user@example.com".into()),
            locale: Some(Locale::parse("fr")),
            external_id: None,
        };
        assert_eq!(user.validate().unwrap_err().field, "locale");
        let long = UserPatch {
            external_id: Some(Some("x".repeat(251))),
            ..UserPatch::default()
        };
        assert_eq!(
            long.validate().unwrap_err().field,
            "custom_properties.external_id"
        );
    }

    #[test]
    fn a_patch_changes_only_what_it_names_and_can_clear() {
        let user = User {
            id: UserId::new("u1"),
            email: Some("a@example.com".into()),
            locale: Some(Locale::De),
            external_id: Some("ext".into()),
        };
        let patch = UserPatch {
            locale: Some(Locale::En),
            external_id: Some(None),
            ..UserPatch::default()
        };
        let patched = patch.apply(&user);
        assert_eq!(patched.email, user.email);
        assert_eq!(patched.locale, Some(Locale::En));
        assert_eq!(patched.external_id, None);
    }
}
