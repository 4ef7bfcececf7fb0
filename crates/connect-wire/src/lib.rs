//! The JSON wire types of the Cariqa Connect API: an implementation detail of the adapters
//! (`connect-http`, the client, and `connect-server`, the sandbox over HTTP), not part of
//! the partner-facing API. Partners use `connect-domain`'s types, which are the toolkit's
//! one vocabulary.
//!
//! One rule decides what lives here: **where the API's JSON shape is a domain value's, the
//! wire uses the domain type directly**, read and written by the domain's own serde (or,
//! for price groups, by the domain's one reader and writer, with field paths and
//! warnings). There is then no mirror to keep in step and nothing to convert:
//!
//! | Schema | Domain type used as is |
//! |---|---|
//! | every string enum (`LocaleEnum`, `AccountTypeEnum`, `ConnectAPIPMTypeEnum`, `SpeedEnum`, `Status80fEnum`, `ConnectAPIEvseStatusEnum`, `AmenitiesEnum`, `WeekdayEnum`, `TilesPricePropertiesTypeEnum`, the connector standards) | `connect_domain::account::{Locale, AccountType}`, `connect_domain::payment::PaymentMethodKind`, `connect_domain::station::{Speed, StationStatus, EvseStatus, Amenity, OpeningDay, StationPriceKind, ConnectorStandard}`, all made by the one `api_value!` mechanism (unknown values kept) |
//! | `ErrorTypeEnum` | `connect_ports::ErrorKind` (same mechanism) |
//! | `ConnectAPICardPM` | `connect_domain::payment::Card` (expiry read from `MM/YY` or `MM/YYYY`, written `MM/YYYY`) |
//! | `ConnectAPIOpeningTimes`, `ConnectAPIRegularHours` | `connect_domain::station::{OpeningTimes, RegularHours}` |
//! | `StationInfo` | `connect_domain::session::StationInfo` |
//! | `ConnectAPIPriceGroup`, `ConnectAPIPrices`, `TimePriceItem` | `connect_domain::tariff::PriceGroup` (`PriceGroup::from_value` reads, `to_value` writes; warnings kept on the group) |
//! | `Coordinates` | `connect_domain::zone::Coordinates`, as decimal-degree text (`"49.630383"`) on a station |
//!
//! The types that remain here exist because their JSON shape genuinely differs from the
//! domain value's:
//!
//! | Module | Type | Why it is not the domain type |
//! |---|---|---|
//! | [`users`] | [`users::User`], [`users::UserCustomProperties`] | the external id sits in a nullable `custom_properties` envelope |
//! | [`users`] | [`users::PatchedUser`] (= [`users::NewUser`]) | a PATCH body: absent, `null` and a value are three different things |
//! | [`billing`] | [`billing::BillingDetails`] | `account_type` optional and empty strings read as "none" (the domain's is required and clean) |
//! | [`payments`] | [`payments::PaymentMethod`] | `default` and `type` names, `card` optional on read, `created_at` as second-precision text |
//! | [`payments`] | [`payments::SetupIntent`], [`payments::Debt`] | two spellings of the client secret read, one written |
//! | [`stations`] | [`stations::Station`] | nullable id, derived `speed`/`status` written out, no country or zone, EVSEs without connectors, `last_updated` as text |
//! | [`stations`] | [`stations::Evse`], [`stations::OperatorInfo`], [`stations::Contact`] | an EVSE without connectors, a missing status read as `UNKNOWN`; the operator's phone in a `contact` envelope |
//! | [`stations`] | [`stations::PartnerOperator`] | no domain counterpart (the `operators` filter's values) |
//! | [`tiles`] | the tile types | GeoJSON-like features that summarise stations |
//! | [`sessions`] | [`sessions::ChargingSession`], [`sessions::PatchedChargingSession`] | ids as text, `duration` written out, prices and cost in their wire shapes; the PATCH body's tri-states |
//! | [`sessions`] | [`sessions::Rating`] | a JSON number (or the reference client's string), unknown values kept so the sandbox can refuse them by name |
//! | [`sessions`] | [`sessions::UserFacingSessionPrices`], [`sessions::PaygSummary`] | blocking fee and invoice summary as text, legacy and late properties read tolerantly, zero costs before the CDR |
//! | [`sessions`] | [`sessions::StartChargingRequest`] | a request body only |
//! | [`invoices`] | [`invoices::Invoice`], [`invoices::InvoicePage`] | `view_link` read and never written; two page envelopes |
//! | [`errors`] | [`errors::Detail`], [`errors::ErrorDetail`], [`errors::ErrorInfo`], [`errors::ErrorBody`] | error bodies in every form the API sends |
//! | [`page`] | [`page::Paginated`] | the DRF page envelope |
//!
//! [`domain`] converts between the remaining wire types and the domain's, both ways; a
//! value that cannot be a domain value is a [`domain::ConversionError`] naming the field,
//! never dropped.
//!
//! # Conventions
//!
//! - **Names.** Rust types drop the `ConnectAPI` prefix; a property named `type` is the
//!   field `kind`. Every other field has its wire name.
//! - **Required, optional, nullable.** A required property is a plain field. A nullable
//!   property is an `Option`, written as `null` when `None` (the API always sends such
//!   properties, `null` included). An optional, non-nullable property is an `Option` left
//!   out when `None`. Where absent and `null` mean different things (PATCH bodies) the field
//!   is `Option<Option<T>>`: `None` absent, `Some(None)` null. Reading accepts a missing
//!   nullable property as `None`.
//! - **Values.** Amounts, prices and energies are decimal strings on the wire and
//!   [`rust_decimal::Decimal`] here (written back with their scale: `"5.390"` stays
//!   `"5.390"`). Date-times are [`chrono::DateTime`] in UTC, written with `Z`; a price
//!   group's `local_datetime` keeps its offset. Ids and free text stay `String`.
//! - **Enums** mirroring API values are `#[non_exhaustive]` and keep a value they do not know
//!   as `Unknown(String)`, written back unchanged. Where the API's own value is called
//!   "unknown", its variant is `StatusUnknown`.
//! - **Unknown properties** are ignored (in a price group they are warnings on the group).
//!
//! # Tolerated disagreements
//!
//! Each is read in every form the sources show and written in the document's form:
//!
//! | Where | Read | Written |
//! |---|---|---|
//! | [`payments::SetupIntent`] | `setup_intent_client_secret` or `client_secret` | `setup_intent_client_secret` |
//! | [`payments::Debt`] | `payment_intent_client_secret` or `client_secret` | `payment_intent_client_secret` |
//! | [`invoices::InvoicePage`] | DRF `count/next/previous/results`, or `size/next_page_id/prev_page_id`\|`previous_page_id/data` | DRF envelope |
//! | [`sessions::PaygSummary`] | with or without `invoice_view`, `invoice_credits`, `invoice_discount`, `currency` | never `invoice_view` |
//! | [`invoices::Invoice`] | with or without `view_link` | never `view_link` |
//! | a card's `expiration_date` | `MM/YY` or `MM/YYYY` | `MM/YYYY` |
//! | [`billing::BillingDetails`] | `line1`, `postal_code` as `null` (a fresh user) | `null` when `None` |
//! | a price band | `time_from`, `time_to`, `date_from`, `date_to` as `null` | `null` when `None` |
//! | [`stations::Evse`] | without `status` (one docs revision) | `"UNKNOWN"` then |
//! | [`sessions::Rating`] | `5` or `"5"` | `5` |
//! | [`errors::ErrorBody`] | any error object, DRF field errors, `"status": "unpaid_debts"` | `detail`, `error` |
//!
//! # Examples
//!
//! ```
//! use connect_domain::payment::PaymentMethodKind;
//! use connect_wire::page::Paginated;
//! use connect_wire::payments::PaymentMethod;
//!
//! let text = r#"{"count": 1, "next": null, "previous": null, "results": [
//!   {"id": "pm_1TD1M3HtgZxQ1KXx5wMzfx15", "default": true, "type": "paypal",
//!    "created_at": "2026-03-20T11:36:39Z"}]}"#;
//! let page: Paginated<PaymentMethod> = serde_json::from_str(text)?;
//! let method = &page.results[0];
//! assert_eq!(method.kind, PaymentMethodKind::Unknown("paypal".into()));
//! assert_eq!(serde_json::to_value(method)?["type"], "paypal");
//! # Ok::<(), serde_json::Error>(())
//! ```

mod serde_util;

pub mod billing;
pub mod domain;
pub mod errors;
pub mod invoices;
pub mod page;
pub mod payments;
pub mod sessions;
pub mod stations;
pub mod tiles;
pub mod users;
