//! The JSON wire types of the Cariqa Connect API, shared by the HTTP client and the sandbox
//! server.
//!
//! One Rust type per schema of the API's OpenAPI document (a verbatim copy is in this
//! crate's `openapi/` folder), with the property names exactly as on the wire. Reading is
//! tolerant where Cariqa's own sources disagree; writing always follows the document.
//!
//! | Module | Schemas |
//! |---|---|
//! | [`users`] | `ConnectAPIUser`, `PatchedConnectAPIUser`, `ConnectAPIUserCustomProperties`, `LocaleEnum` |
//! | [`billing`] | `ConnectAPIBillingDetails`, `AccountTypeEnum` |
//! | [`payments`] | `ConnectAPIPM`, `ConnectAPICardPM`, `ConnectAPISetupIntent`, `ConnectAPIDebt`, `ConnectAPIPMTypeEnum` |
//! | [`stations`] | `ConnectAPIStation`, `ConnectAPIEvse`, `ConnectAPIOpeningTimes`, `ConnectAPIRegularHours`, `OCPIOperatorInfo`, `Contact`, `Coordinates`, `ConnectAPIPriceGroup`, `ConnectAPIPrices`, `TimePriceItem`, `ConnectAPIPartnerFilterOperator`, and the enums `SpeedEnum`, `Status80fEnum`, `ConnectAPIEvseStatusEnum`, `AmenitiesEnum`, `WeekdayEnum`, the connector standards |
//! | [`tiles`] | `ConnectAPITileResponse`, `TilesFeatureCollection`, `TilesGeometryPoint`, `TilesProperty`, `TilesCustomProperties`, `TilesPriceProperties`, `TilesPricePropertiesTypeEnum` |
//! | [`sessions`] | `ConnectAPIChargingSession`, `PatchedConnectAPIChargingSession`, `StationInfo`, `ConnectAPIUserFacingSessionPrices`, `ConnectAPIPAYGSummary`, `ConnectAPIStartChargingRequest`, `RatesEnum`, `NullEnum` |
//! | [`invoices`] | `ConnectAPIInvoiceList`, and [`invoices::InvoicePage`] for `PaginatedConnectAPIInvoiceListList` |
//! | [`errors`] | `Detail`, `ErrorDetail`, `Error`, `ErrorTypeEnum` |
//! | [`page`] | every `Paginated…List`, as one generic [`page::Paginated`] |
//!
//! # Conventions
//!
//! - **Names.** Rust types drop the `ConnectAPI` prefix; a property named `type` is the
//!   field `kind`. Every other field has its wire name.
//! - **Required, optional, nullable.** A required property is a plain field. A nullable
//!   property is an `Option`, written as `null` when `None` (the API always sends such
//!   properties, `null` included). An optional, non-nullable property is an `Option` left
//!   out when `None`. Where absent and `null` mean different things (PATCH bodies, and the
//!   price components, which must round-trip exactly) the field is `Option<Option<T>>`:
//!   `None` absent, `Some(None)` null. Reading accepts a missing nullable property as `None`.
//! - **Values.** Amounts, prices and energies are decimal strings on the wire and
//!   [`rust_decimal::Decimal`] here (written back with their scale: `"5.390"` stays
//!   `"5.390"`). Properties of type `number` are [`serde_json::Number`], kept exactly as sent
//!   (`22` stays `22`). Date-times are [`chrono::DateTime`] in UTC, written with `Z` and as
//!   many fraction digits as needed; a price group's `local_datetime` keeps its offset.
//!   Coordinates, ids and free text stay `String`.
//! - **Enums** mirroring API values are `#[non_exhaustive]` and keep a value they do not know
//!   as `Unknown(String)`, written back unchanged. Where the API's own value is called
//!   "unknown", its variant is `StatusUnknown`.
//! - **Unknown properties** are ignored.
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
//! | [`payments::Card::expiration_date`] | `MM/YY` or `MM/YYYY`, kept as text | as read |
//! | [`billing::BillingDetails`] | `line1`, `postal_code` as `null` (a fresh user) | `null` when `None` |
//! | [`stations::TimePriceItem`] | `time_from`, `time_to`, `date_from`, `date_to` as `null` | `null` when `None` |
//! | [`stations::Evse`] | without `status` (one docs revision) | `"UNKNOWN"` then |
//! | [`sessions::Rating`] | `5` or `"5"` | `5` |
//! | [`errors::ErrorBody`] | any error object, DRF field errors, `"status": "unpaid_debts"` | `detail`, `error` |
//!
//! # Examples
//!
//! ```
//! use connect_wire::page::Paginated;
//! use connect_wire::payments::{PaymentMethod, PaymentMethodType};
//!
//! let text = r#"{"count": 1, "next": null, "previous": null, "results": [
//!   {"id": "pm_1TD1M3HtgZxQ1KXx5wMzfx15", "default": true, "type": "paypal",
//!    "created_at": "2026-03-20T11:36:39Z"}]}"#;
//! let page: Paginated<PaymentMethod> = serde_json::from_str(text)?;
//! let method = &page.results[0];
//! assert_eq!(method.kind, PaymentMethodType::Unknown("paypal".into()));
//! assert_eq!(serde_json::to_value(method)?["type"], "paypal");
//! # Ok::<(), serde_json::Error>(())
//! ```

mod api_enum;
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
