//! Every exchange with the Cariqa Connect API checked against its official OpenAPI document
//! (`crates/connect-wire/openapi/cariqa-openapi.yml`), whoever wrote it: our client's
//! requests and our sandbox's answers share the wire types, so agreeing with each other
//! proves little; agreeing with the document is the contract.
//!
//! - [`Contract`]: the document read once, its OpenAPI 3.0 schemas converted to JSON Schema
//!   (`$ref` into the components, `nullable`, read-only properties) and compiled by the
//!   [`jsonschema`] crate; an exchange is matched to its operation by method and path
//!   template.
//! - [`DEVIATIONS`]: the one list of what is tolerated beyond the document, each with the
//!   reason the docs force it. Nothing else is.
//! - [`Violation`]: what broke the document — the operation, the side, the JSON pointer and
//!   the value found there.
//! - [`CheckingProxy`]: a reverse proxy on loopback that checks both directions of every
//!   exchange passing through it, for tests that talk to a served sandbox.
//!
//! # Examples
//! ```
//! use connect_openapi::{Contract, RequestParts, ResponseParts};
//! // A price band whose validity start is null, as the sandbox once published it.
//! let request = RequestParts { method: "GET", path: "/api/v1/stations/details/",
//!     query: "id=S1&type=station_id", content_type: None, body: b"" };
//! let band = r#"{"time_from":"00:00","time_to":"00:00","date_from":null,"date_to":null,
//!     "gross_price":"0.4529","user_facing_price":"0.54","grace_period_minutes":null,
//!     "tax":19,"blocking_cap":null}"#;
//! let station = format!(r#"{{"id":"S1","name":"EVA","address":"Worms","last_updated":"x",
//!     "coordinates":{{"latitude":"49.6","longitude":"8.3"}},"evses":[],
//!     "opening_times":{{"twentyfourseven":true,"regular_hours":[]}},
//!     "operator":{{"name":"EVA"}},"price_groups":[{{"type":"AC","power":22,
//!     "evse_ids":[],"currency":"eur","pre_authorization_amount":"50.00",
//!     "local_datetime":"2026-04-02T15:51:18+02:00","prices":{{"kwh_price":{{"ALL":[{band}]}}}}}}]}}"#);
//! let answer = ResponseParts { status: 200, content_type: Some("application/json"),
//!     headers: &[], body: station.as_bytes() };
//! let checked = Contract::bundled().check(&request, &answer);
//! let violation = &checked.violations[0];
//! assert_eq!(violation.operation, "stations_details_retrieve");
//! assert_eq!(violation.pointer, "/price_groups/0/prices/kwh_price/ALL/0/date_from");
//! assert_eq!(violation.value, serde_json::Value::Null);
//! ```

mod check;
mod deviation;
mod document;
mod proxy;
mod schema;

pub use check::{Checked, Part, RequestParts, ResponseParts, Side, Violation};
pub use deviation::{DEVIATIONS, Deviation, FAULT_HEADER, Tolerance};
pub use document::{BUNDLED_DOCUMENT, Contract, LoadError, Operation};
pub use proxy::{CheckingProxy, Exchange, checked_in_process};
