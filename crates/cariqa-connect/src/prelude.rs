//! Every trait a partner's code calls methods through, in one import.
//!
//! The operations of the API are trait methods (so that code written against them runs on
//! the client and on the sandbox alike), and a trait's methods are only callable with the
//! trait in scope: `use cariqa_connect::prelude::*;` brings them all.
//!
//! # Examples
//! ```
//! use cariqa_connect::prelude::*;
//!
//! // Code written against the ports runs on any adapter: the client, or the sandbox.
//! async fn first_user_id<A: ConnectApi>(api: &A) -> Result<Option<String>, A::Error> {
//!     let page = api.list_users(UserQuery::default()).await?;
//!     Ok(page.items.first().map(|user| user.id.to_string()))
//! }
//! ```

pub use connect_ports::{
    Billing, Charging, Clock, ConnectApi, Gateway, Invoices, PageRequest, Payments, PortError,
    Stations, UserQuery, Users,
};

/// Streams of pages and session updates (`try_next`, `try_collect`, `take`, …).
#[cfg(feature = "client")]
pub use futures_util::{StreamExt as _, TryStreamExt as _};
