//! Every port of `connect-ports` over HTTP: wire types out and in, domain types at the
//! edges.

use async_trait::async_trait;
use connect_domain::account::{BillingDetails, NewUser, User, UserPatch};
use connect_domain::ids::{PaymentMethodId, SessionId, UserId};
use connect_domain::invoice::Invoice;
use connect_domain::payment::{Debt, PaymentMethod, SetupIntent, SetupKind};
use connect_domain::session::{ChargingSession, Rating};
use connect_domain::station::{Station, StationFilter, StationId};
use connect_ports::{
    AroundQuery, Billing, Charging, Gateway, Invoices, MapFeature, Page, PageRequest, Partner,
    Payments, SkippedItem, StartCharging, StationLookup, Stations, TileQuery, UserQuery, Users,
};
use connect_wire::domain::ConversionError;
use connect_wire::invoices::InvoicePage;
use connect_wire::page::Paginated;
use connect_wire::sessions::PatchedChargingSession;
use connect_wire::stations::PartnerOperator;
use connect_wire::tiles::{TileFeature, TileResponse};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::client::{Call, ConnectClient, Retry, conversion_error, decode};
use crate::error::ClientError;

impl Gateway for ConnectClient {
    type Error = ClientError;
}

/// Reads item `index` of a list from its raw JSON and converts it: the item, or why it
/// cannot be read, naming the field (`results[3].start_time: …`) with the token blotted
/// out.
pub(crate) fn read_item<W, D>(
    call: &Call,
    index: usize,
    raw: &RawValue,
    convert: impl Fn(&W) -> Result<D, ConversionError>,
) -> Result<D, SkippedItem>
where
    W: DeserializeOwned,
{
    let skipped = |error: String| SkippedItem {
        index,
        error: call.redact(&format!("results[{index}].{error}")),
    };
    let mut json = serde_json::Deserializer::from_str(raw.get());
    let wire: W = serde_path_to_error::deserialize(&mut json).map_err(|error| {
        let path = error.path().to_string();
        skipped(format!("{path}: {}", error.into_inner()))
    })?;
    convert(&wire).map_err(|error| skipped(error.to_string()))
}

/// Reads every item of a list, leaving out (and logging) those that cannot be read.
pub(crate) fn read_items<W, D>(
    call: &Call,
    raw: &[Box<RawValue>],
    convert: impl Fn(&W) -> Result<D, ConversionError>,
) -> (Vec<D>, Vec<SkippedItem>)
where
    W: DeserializeOwned,
{
    let mut items = Vec::with_capacity(raw.len());
    let mut skipped = Vec::new();
    for (index, item) in raw.iter().enumerate() {
        match read_item(call, index, item, &convert) {
            Ok(item) => items.push(item),
            Err(unreadable) => {
                tracing::warn!(
                    method = call.method(),
                    path = call.path(),
                    index,
                    error = %unreadable.error,
                    "an item of the page could not be read; it is left out"
                );
                skipped.push(unreadable);
            }
        }
    }
    (items, skipped)
}

impl ConnectClient {
    /// Fetches one page of a DRF list and converts its items; an item that cannot be read
    /// is left out and named in [`Page::skipped`].
    async fn page_of<W, D>(
        &self,
        call: Call,
        request: PageRequest,
        convert: impl Fn(&W) -> Result<D, ConversionError>,
    ) -> Result<Page<D>, ClientError>
    where
        W: DeserializeOwned,
    {
        let call = call.page(request);
        let answer = self.inner.send(&call).await?;
        let wire: Paginated<Box<RawValue>> = decode(&call, &answer)?;
        let (items, skipped) = read_items(&call, &wire.results, convert);
        Ok(Page {
            items,
            count: wire.count,
            request,
            skipped,
        })
    }

    /// Fetches one object and converts it.
    async fn one_of<W, D>(
        &self,
        call: &Call,
        convert: impl FnOnce(&W) -> Result<D, ConversionError>,
    ) -> Result<D, ClientError>
    where
        W: DeserializeOwned,
    {
        let answer = self.inner.send(call).await?;
        let wire: W = decode(call, &answer)?;
        convert(&wire).map_err(|error| conversion_error(call, answer.status, &error))
    }

    /// Sends a call whose answer has no body (204).
    async fn no_content(&self, call: &Call) -> Result<(), ClientError> {
        self.inner.send(call).await.map(|_| ())
    }

    /// `GET /api/v1/users/{user}/charging-sessions/{session}/`.
    pub(crate) fn session_call(&self, user: &UserId, session: &SessionId) -> Call {
        self.inner.call(
            Method::GET,
            &[
                "users",
                user.as_str(),
                "charging-sessions",
                session.as_str(),
            ],
        )
    }

    /// The raw answer of `GET /api/v1/stations/tile/`, as sent (the port's
    /// [`Stations::map_tile`] reads it into [`MapFeature`]s).
    ///
    /// # Errors
    /// As every call: [`ClientError::Api`] (400 for a zoom or tile out of range),
    /// [`ClientError::Transport`], [`ClientError::Timeout`], [`ClientError::Decode`].
    ///
    /// # Examples
    /// ```no_run
    /// use connect_domain::station::StationFilter;
    /// use connect_http::{ApiToken, ConnectClient, Environment};
    /// use connect_ports::TileQuery;
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = ConnectClient::new(ApiToken::from_env()?, Environment::Development)?;
    /// let tile = client
    ///     .map_tile_wire(&TileQuery::new(14, 8803, 5374))
    ///     .await?;
    /// for feature in &tile.features {
    ///     println!("{:?} {:?}", feature.properties.speed, feature.price_properties);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn map_tile_wire(&self, query: &TileQuery) -> Result<TileResponse, ClientError> {
        self.inner.fetch(&self.tile_call(query)).await
    }

    fn tile_call(&self, query: &TileQuery) -> Call {
        let call = self
            .inner
            .call(Method::GET, &["stations", "tile"])
            .query("x", query.x.to_string())
            .query("y", query.y.to_string())
            .query("z", query.z.to_string());
        with_filter(call, &query.filter)
    }
}

/// The API's station filters as query parameters (repeated keys for lists; flags only when
/// set, as `false` is their default).
fn with_filter(mut call: Call, filter: &StationFilter) -> Call {
    for standard in &filter.connector_standards {
        call = call.query("connector_types", standard.as_str());
    }
    if filter.only_available {
        call = call.query("only_available", "true");
    }
    if filter.only_partners {
        call = call.query("only_partners", "true");
    }
    for operator in &filter.operators {
        call = call.query("operators", operator);
    }
    if let Some(max_price) = filter.max_price {
        call = call.query("max_price", max_price.to_string());
    }
    for group in &filter.power_groups {
        call = call.query("power_groups", group.as_str());
    }
    call
}

#[async_trait]
impl Users for ConnectClient {
    /// `POST /users/`. Not retried once sent (it would create a second user).
    async fn create_user(&self, user: NewUser) -> Result<User, ClientError> {
        let call = self
            .inner
            .call(Method::POST, &["users"])
            .json(&connect_wire::users::PatchedUser::from(&user));
        self.one_of(&call, |wire: &connect_wire::users::User| {
            Ok(User::from(wire))
        })
        .await
    }

    async fn list_users(&self, query: UserQuery) -> Result<Page<User>, ClientError> {
        let mut call = self.inner.call(Method::GET, &["users"]);
        if let Some(search) = query.search_text() {
            call = call.query("search", search);
        }
        self.page_of(
            call,
            query.page_request(),
            |wire: &connect_wire::users::User| Ok(User::from(wire)),
        )
        .await
    }

    async fn get_user(&self, user: &UserId) -> Result<User, ClientError> {
        let call = self.inner.call(Method::GET, &["users", user.as_str()]);
        self.one_of(&call, |wire: &connect_wire::users::User| {
            Ok(User::from(wire))
        })
        .await
    }

    async fn update_user(&self, user: &UserId, patch: UserPatch) -> Result<User, ClientError> {
        let call = self
            .inner
            .call(Method::PATCH, &["users", user.as_str()])
            .json(&connect_wire::users::PatchedUser::from(&patch));
        self.one_of(&call, |wire: &connect_wire::users::User| {
            Ok(User::from(wire))
        })
        .await
    }

    async fn delete_user(&self, user: &UserId) -> Result<(), ClientError> {
        let call = self.inner.call(Method::DELETE, &["users", user.as_str()]);
        self.no_content(&call).await
    }
}

#[async_trait]
impl Billing for ConnectClient {
    async fn billing_details(&self, user: &UserId) -> Result<BillingDetails, ClientError> {
        let call = self
            .inner
            .call(Method::GET, &["users", user.as_str(), "billing-details"]);
        self.one_of(&call, |wire: &connect_wire::billing::BillingDetails| {
            Ok(BillingDetails::from(wire))
        })
        .await
    }

    async fn replace_billing_details(
        &self,
        user: &UserId,
        details: BillingDetails,
    ) -> Result<BillingDetails, ClientError> {
        let call = self
            .inner
            .call(Method::PUT, &["users", user.as_str(), "billing-details"])
            .json(&connect_wire::billing::BillingDetails::from(&details));
        self.one_of(&call, |wire: &connect_wire::billing::BillingDetails| {
            Ok(BillingDetails::from(wire))
        })
        .await
    }
}

#[async_trait]
impl Payments for ConnectClient {
    async fn setup_intent(
        &self,
        user: &UserId,
        kind: SetupKind,
    ) -> Result<SetupIntent, ClientError> {
        let call = self
            .inner
            .call(Method::GET, &["users", user.as_str(), "setup-intents"])
            .query("pm_type", kind.as_str());
        self.one_of(&call, |wire: &connect_wire::payments::SetupIntent| {
            Ok(SetupIntent::from(wire))
        })
        .await
    }

    async fn payment_methods(
        &self,
        user: &UserId,
        page: PageRequest,
    ) -> Result<Page<PaymentMethod>, ClientError> {
        let call = self
            .inner
            .call(Method::GET, &["users", user.as_str(), "payment-methods"]);
        self.page_of(
            call,
            page,
            |wire: &connect_wire::payments::PaymentMethod| PaymentMethod::try_from(wire),
        )
        .await
    }

    /// `POST …/payment-methods/{pm}/default/`: idempotent, so retried like a `PUT`.
    async fn set_default_payment_method(
        &self,
        user: &UserId,
        payment_method: &PaymentMethodId,
    ) -> Result<(), ClientError> {
        let call = self
            .inner
            .call(
                Method::POST,
                &[
                    "users",
                    user.as_str(),
                    "payment-methods",
                    payment_method.as_str(),
                    "default",
                ],
            )
            .retry(Retry::Idempotent);
        self.no_content(&call).await
    }

    async fn delete_payment_method(
        &self,
        user: &UserId,
        payment_method: &PaymentMethodId,
    ) -> Result<(), ClientError> {
        let call = self.inner.call(
            Method::DELETE,
            &[
                "users",
                user.as_str(),
                "payment-methods",
                payment_method.as_str(),
            ],
        );
        self.no_content(&call).await
    }

    async fn debts(&self, user: &UserId, page: PageRequest) -> Result<Page<Debt>, ClientError> {
        let call = self
            .inner
            .call(Method::GET, &["users", user.as_str(), "charging", "debts"]);
        self.page_of(call, page, |wire: &connect_wire::payments::Debt| {
            Ok(Debt::from(wire))
        })
        .await
    }
}

#[async_trait]
impl Charging for ConnectClient {
    /// `POST …/charging/start/`, never retried blindly: after a timeout, a lost connection
    /// or a 5xx answer the client looks for the session among the user's (the active one
    /// on that EVSE: a user has at most one) and answers it, or
    /// [`ClientError::NotStarted`] with the original failure as its source when there is
    /// none. Any 4xx answer is returned as it is.
    async fn start_charging(
        &self,
        user: &UserId,
        request: StartCharging,
    ) -> Result<ChargingSession, ClientError> {
        self.start(user, request).await
    }

    /// `POST …/charging/stop/{session}/`; `409 already_stopped` is success. After an
    /// ambiguous failure the client reads the session: stopped is success, otherwise it
    /// stops again (within the retry policy).
    async fn stop_charging(&self, user: &UserId, session: &SessionId) -> Result<(), ClientError> {
        self.stop(user, session).await
    }

    async fn sessions(
        &self,
        user: &UserId,
        page: PageRequest,
    ) -> Result<Page<ChargingSession>, ClientError> {
        let call = self
            .inner
            .call(Method::GET, &["users", user.as_str(), "charging-sessions"]);
        self.page_of(
            call,
            page,
            |wire: &connect_wire::sessions::ChargingSession| ChargingSession::try_from(wire),
        )
        .await
    }

    async fn session(
        &self,
        user: &UserId,
        session: &SessionId,
    ) -> Result<ChargingSession, ClientError> {
        let call = self.session_call(user, session);
        self.one_of(&call, |wire: &connect_wire::sessions::ChargingSession| {
            ChargingSession::try_from(wire)
        })
        .await
    }

    async fn rate_session(
        &self,
        user: &UserId,
        session: &SessionId,
        rating: Option<Rating>,
    ) -> Result<ChargingSession, ClientError> {
        let wire_rating = rating.map(connect_wire::sessions::Rating::from);
        let call = self
            .inner
            .call(
                Method::PATCH,
                &[
                    "users",
                    user.as_str(),
                    "charging-sessions",
                    session.as_str(),
                ],
            )
            .json(&PatchedChargingSession::rating(wire_rating));
        self.one_of(&call, |wire: &connect_wire::sessions::ChargingSession| {
            ChargingSession::try_from(wire)
        })
        .await
    }
}

#[async_trait]
impl Invoices for ConnectClient {
    /// `GET …/invoices/`, in either envelope the sources show. In the document's (DRF)
    /// envelope, the page asked for. In the docs' cursor envelope (`size`,
    /// `next_page_id`, `data`), which knows no total and cannot be asked for a page by
    /// number, the client reads every page, following each `next_page_id` (sent back as
    /// the `next_page_id` query parameter, the docs' name for it), and answers the page
    /// asked for out of all of them, with the real count. A cursor the API does not follow
    /// (the same `next_page_id` twice) or more than 1000 pages is a
    /// [`ClientError::Decode`], never a short list.
    async fn invoices(
        &self,
        user: &UserId,
        page: PageRequest,
    ) -> Result<Page<Invoice>, ClientError> {
        let list = self
            .inner
            .call(Method::GET, &["users", user.as_str(), "invoices"]);
        let call = list.clone().page(page);
        let answer = self.inner.send(&call).await?;
        let wire: InvoicePage<Box<RawValue>> = decode(&call, &answer)?;
        if wire.cursor.is_none() {
            let (items, skipped) = read_items(&call, &wire.results, invoice_from_wire);
            return Ok(Page {
                items,
                count: wire.count,
                request: page,
                skipped,
            });
        }
        let all = self.every_cursor_page(&list, page, call, wire).await?;
        let start = usize::try_from(page.offset()).unwrap_or(usize::MAX);
        let mut items = Vec::new();
        let mut skipped = Vec::new();
        for (index, item) in all
            .iter()
            .skip(start)
            .take(page.page_size() as usize)
            .enumerate()
        {
            match item {
                Ok(invoice) => items.push(invoice.clone()),
                Err(unreadable) => skipped.push(SkippedItem {
                    index,
                    error: unreadable.error.clone(),
                }),
            }
        }
        Ok(Page {
            items,
            count: all.len() as u64,
            request: page,
            skipped,
        })
    }
}

/// The most pages of the cursor envelope read for one list.
const MAX_CURSOR_PAGES: usize = 1000;

/// An invoice as the domain holds it (`read_item` takes conversions that may fail; this
/// one cannot).
#[allow(clippy::unnecessary_wraps)]
fn invoice_from_wire(wire: &connect_wire::invoices::Invoice) -> Result<Invoice, ConversionError> {
    Ok(Invoice::from(wire))
}

impl ConnectClient {
    /// Every invoice of a list in the cursor envelope, in order (each one read, or why it
    /// could not be), starting from `first`, the answer to `call`.
    async fn every_cursor_page(
        &self,
        list: &Call,
        page: PageRequest,
        mut call: Call,
        mut wire: InvoicePage<Box<RawValue>>,
    ) -> Result<Vec<Result<Invoice, SkippedItem>>, ClientError> {
        let loud = |call: &Call, status: u16, message: String| ClientError::Decode {
            method: call.method(),
            path: call.path().into(),
            status,
            message: call.redact(&message).into(),
        };
        if page.page() > 1 {
            // Whether the API honoured `page` in this envelope is unknown: start over.
            call = list
                .clone()
                .page(PageRequest::new(1, page.page_size()).unwrap_or_default());
            let answer = self.inner.send(&call).await?;
            wire = decode(&call, &answer)?;
        }
        let mut all = Vec::new();
        let mut cursors = std::collections::HashSet::new();
        let mut status = 200;
        loop {
            all.extend(
                wire.results
                    .iter()
                    .enumerate()
                    .map(|(index, raw)| read_item(&call, index, raw, invoice_from_wire)),
            );
            let Some(next) = wire
                .cursor
                .as_ref()
                .and_then(|cursor| cursor.next_page_id.clone())
            else {
                return Ok(all);
            };
            if !cursors.insert(next.clone()) {
                return Err(loud(
                    &call,
                    status,
                    format!(
                        "next_page_id {next:?} came back after it was followed: the API does not follow the cursor, so the invoices past this page cannot be read"
                    ),
                ));
            }
            if cursors.len() >= MAX_CURSOR_PAGES {
                return Err(loud(
                    &call,
                    status,
                    format!("next_page_id: more than {MAX_CURSOR_PAGES} pages of invoices"),
                ));
            }
            call = list
                .clone()
                .query("page_size", page.page_size().to_string())
                .query("next_page_id", &next);
            if let Some(size) = wire.cursor.as_ref().and_then(|cursor| cursor.size) {
                call = call.query("size", size.to_string());
            }
            let answer = self.inner.send(&call).await?;
            status = answer.status;
            wire = decode(&call, &answer)?;
        }
    }
}

#[async_trait]
impl Stations for ConnectClient {
    async fn stations_around(
        &self,
        query: &AroundQuery,
        page: PageRequest,
    ) -> Result<Page<Station>, ClientError> {
        // The document types `distance` as whole metres.
        let distance = if query.distance_m.is_finite() {
            format!("{:.0}", query.distance_m)
        } else {
            query.distance_m.to_string()
        };
        let call = self
            .inner
            .call(Method::GET, &["stations", "around"])
            .query("latitude", query.center.latitude.to_string())
            .query("longitude", query.center.longitude.to_string())
            .query("distance", distance);
        let call = with_filter(call, &query.filter);
        self.page_of(call, page, |wire: &connect_wire::stations::Station| {
            Station::try_from(wire)
        })
        .await
    }

    async fn station_details(&self, lookup: &StationLookup) -> Result<Station, ClientError> {
        let (id, kind) = match lookup {
            StationLookup::StationId(id) => (id.as_str(), "station_id"),
            StationLookup::EvseId(id) => (id.as_str(), "evse_id"),
            // A lookup this version does not know: ask by station id.
            #[allow(unreachable_patterns)]
            _ => ("", "station_id"),
        };
        let call = self
            .inner
            .call(Method::GET, &["stations", "details"])
            .query("id", id)
            .query("type", kind);
        self.one_of(&call, |wire: &connect_wire::stations::Station| {
            Station::try_from(wire)
        })
        .await
    }

    async fn partners(&self) -> Result<Vec<Partner>, ClientError> {
        let call = self.inner.call(Method::GET, &["stations", "partners"]);
        let partners: Vec<PartnerOperator> = self.inner.fetch(&call).await?;
        Ok(partners
            .into_iter()
            .map(|partner| Partner::new(partner.name, partner.logo_url))
            .collect())
    }

    /// The tile's features, each with what the tile says about its station (a
    /// [`connect_domain::station::StationSummary`]); [`ConnectClient::map_tile_wire`] gives
    /// the answer as sent.
    async fn map_tile(&self, query: &TileQuery) -> Result<Vec<MapFeature>, ClientError> {
        let call = self.tile_call(query);
        let answer = self.inner.send(&call).await?;
        let tile: TileResponse = decode(&call, &answer)?;
        tile.features
            .iter()
            .enumerate()
            .map(|(index, feature)| {
                map_feature(feature, query.z).map_err(|error| ClientError::Decode {
                    method: call.method(),
                    path: call.path().into(),
                    status: answer.status,
                    message: call.redact(&format!("features[{index}].{error}")).into(),
                })
            })
            .collect()
    }
}

/// A tile feature as a [`MapFeature`]: a cluster when it stands for several stations
/// (or names a cluster), else a station, which must name itself.
fn map_feature(feature: &TileFeature, z: u32) -> Result<MapFeature, ConversionError> {
    let coordinates = feature.coordinates()?;
    let summary = feature.summary()?;
    if !feature.is_cluster() && feature.cluster_id.is_none() {
        let id = feature.station_id.clone().ok_or_else(|| ConversionError {
            field: "station_id",
            message: "a single-station feature names its station".into(),
        })?;
        return Ok(MapFeature::Station {
            id: StationId::new(id),
            coordinates,
            summary,
        });
    }
    let expansion_zoom = feature
        .properties
        .expansion_zoom
        .unwrap_or_else(|| i64::from(z) + 1)
        .clamp(0, i64::from(u8::MAX));
    Ok(MapFeature::Cluster {
        id: feature.cluster_id.clone().unwrap_or_default(),
        count: feature.properties.count,
        coordinates,
        expansion_zoom: u8::try_from(expansion_zoom).unwrap_or(u8::MAX),
        first: summary,
    })
}
