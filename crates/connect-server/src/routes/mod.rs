//! The handlers, one module per area of the API.

pub(crate) mod charging;
pub(crate) mod control;
pub(crate) mod payments;
pub(crate) mod stations;
pub(crate) mod users;
