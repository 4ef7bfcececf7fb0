//! The ports of the Cariqa Connect toolkit: what the rest of the code needs from the API,
//! as async traits over domain types.
//!
//! - [`Users`], [`Billing`], [`Payments`], [`Charging`], [`Invoices`]: every user-scoped
//!   operation of the API; [`Stations`]: the station endpoints; [`ConnectApi`] is all of
//!   them.
//! - [`ApiError`] and [`ErrorKind`]: the API's answers when it refuses, in its vocabulary;
//!   [`Gateway`] lets each adapter name its own error ([`ApiError`] for the fake, a richer
//!   one with transport failures for the HTTP client), and [`PortError`] is what every
//!   adapter's error can be asked.
//! - [`PageRequest`] and [`Page`]: the API's page-number pagination.
//! - [`Clock`]: the current instant, real or manual.
//!
//! No I/O here, and no runtime: adapters (`connect-http`, `connect-fake`) bring those.

mod api;
mod clock;
mod error;
mod gateway;
mod page;
mod stations;

pub use api::{Billing, Charging, ConnectApi, Invoices, Payments, StartCharging, UserQuery, Users};
pub use clock::Clock;
pub use error::{ApiError, ErrorKind};
pub use gateway::{Gateway, PortError};
pub use page::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageRequest, SkippedItem};
pub use stations::{AroundQuery, MapFeature, Partner, StationLookup, Stations, TileQuery};
