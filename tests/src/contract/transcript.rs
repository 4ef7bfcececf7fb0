//! A differential check: the same script of calls through two adapters, every answer
//! written down, the two transcripts compared line by line.
//!
//! The suite asserts what the docs promise; the transcript catches everything else an
//! adapter could lose or change on the way (a field dropped by the wire, a rounding, an
//! order). Both harnesses build the same sandbox (same seed, clock and tokens), so ids,
//! secrets and instants agree, and any difference is a bug in one adapter.

use std::fmt::Debug;

use connect_domain::account::{AccountType, Locale, NewUser, UserPatch};
use connect_domain::ids::{PaymentMethodId, SessionId, UserId};
use connect_domain::payment::SetupKind;
use connect_domain::session::Rating;
use connect_domain::zone::Coordinates;
use connect_ports::{
    AroundQuery, Billing as _, Charging as _, ErrorKind, Invoices as _, PageRequest, Payments as _,
    PortError, StartCharging, StationLookup, Stations as _, TileQuery, UserQuery, Users as _,
};

use super::fixtures::{
    self, DECLINED, INSUFFICIENT_FUNDS, MASTERCARD, PROGRESS_VCP, SHARED_VCP, THREE_D_SECURE, VISA,
    WORMS_EVSE, WORMS_EVSE_1, WORMS_LATITUDE, WORMS_LONGITUDE, WORMS_STATION,
};
use super::suite::german_billing;
use super::{Control, Harness};

/// The answers of one run, one line per call.
#[derive(Debug, Default)]
pub struct Transcript {
    lines: Vec<String>,
}

impl Transcript {
    /// Writes down the outcome of a call: the value's `Debug`, or every field of the API's
    /// refusal (or the failure, if it is no API answer).
    pub fn record<T: Debug, E: PortError>(&mut self, what: &str, result: &Result<T, E>) {
        let line = match result {
            Ok(value) => format!("{what}: ok {value:?}"),
            Err(error) => match error.api_error() {
                Some(answer) => format!(
                    "{what}: refused {} {} detail={:?} details={:?} secret={:?} field={:?}",
                    answer.status,
                    answer.kind,
                    answer.detail,
                    answer.details,
                    answer.payment_intent_client_secret,
                    answer.field
                ),
                None => format!("{what}: failed without an API answer: {error}"),
            },
        };
        self.lines.push(line);
    }

    /// Writes down a line of its own.
    pub fn note(&mut self, line: String) {
        self.lines.push(line);
    }

    /// The lines.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// The differences with another transcript: `(line number, this line, that line)`.
    pub fn differences<'a>(&'a self, other: &'a Self) -> Vec<(usize, &'a str, &'a str)> {
        let missing = "<missing>";
        (0..self.lines.len().max(other.lines.len()))
            .filter_map(|n| {
                let mine = self.lines.get(n).map_or(missing, String::as_str);
                let theirs = other.lines.get(n).map_or(missing, String::as_str);
                (mine != theirs).then_some((n + 1, mine, theirs))
            })
            .collect()
    }
}

/// Runs the stations script with `H` and returns what every call answered: details, around,
/// partners and tiles, as one token sees them.
pub async fn stations<H: Harness>() -> Transcript {
    let world = H::world().await;
    let api = &world.me.api;
    let mut t = Transcript::default();
    let all = PageRequest::default();
    let now = world.me.control.now().await;
    // Stations: compared as the API publishes them (the fake's domain stations carry
    // connector details that the API's station schema has no field for).
    let worms = Coordinates {
        latitude: WORMS_LATITUDE,
        longitude: WORMS_LONGITUDE,
    };
    for (what, lookup) in [
        (
            "station by id",
            StationLookup::StationId(WORMS_STATION.into()),
        ),
        ("station by EVSE", StationLookup::EvseId(WORMS_EVSE.into())),
        ("unknown station", StationLookup::StationId("nope".into())),
        (
            "a shared virtual point",
            StationLookup::EvseId(SHARED_VCP.into()),
        ),
        (
            "a progress virtual point",
            StationLookup::EvseId(PROGRESS_VCP.into()),
        ),
        (
            "an EVSE out of order",
            StationLookup::EvseId(fixtures::out_of_order_evse().into()),
        ),
    ] {
        let answer = api.station_details(&lookup).await;
        t.record(what, &answer.map(|station| published(&station, now)));
    }
    for distance_m in [100.0, 2000.0] {
        t.record(
            &format!("around {distance_m} m"),
            &api.stations_around(
                &AroundQuery::new(worms, distance_m),
                PageRequest::new(1, 5).expect("a page"),
            )
            .await
            .map(|page| {
                let stations: Vec<_> = page.items.iter().map(|s| published(s, now)).collect();
                (page.count, stations)
            }),
        );
    }
    t.record(
        "around a bad latitude",
        &api.stations_around(
            &AroundQuery::new(
                Coordinates {
                    latitude: 95.0,
                    longitude: 8.0,
                },
                100.0,
            ),
            all,
        )
        .await,
    );
    t.record("partners", &api.partners().await);
    for z in [8, 14] {
        let tile = connect_domain::geo::Tile::containing(worms, z).expect("a tile");
        t.record(
            &format!("tile at zoom {z}"),
            &api.map_tile(&TileQuery::new(z, tile.x(), tile.y()))
                .await
                .map(|features| features.iter().map(tile_summary).collect::<Vec<_>>()),
        );
    }

    t
}

/// A station as the API publishes it (its wire form at `now`).
fn published(
    station: &connect_domain::station::Station,
    now: chrono::DateTime<chrono::Utc>,
) -> connect_wire::stations::Station {
    connect_wire::domain::station_to_wire(station, now)
}

/// What a tile feature carries: a station's id and position (6 decimals, as the API
/// writes it), or a cluster's size, position and expansion zoom; and, for both, what the
/// tile says of the (first) station.
fn tile_summary(feature: &connect_ports::MapFeature) -> String {
    let at = feature.coordinates();
    let what = format!("{:?}", feature.summary());
    match feature {
        connect_ports::MapFeature::Station { id, .. } => format!(
            "station {id} at {:.6},{:.6}: {what}",
            at.latitude, at.longitude
        ),
        connect_ports::MapFeature::Cluster {
            count,
            expansion_zoom,
            ..
        } => format!(
            "cluster of {count} at {:.6},{:.6} expands at {expansion_zoom}: {what}",
            at.latitude, at.longitude
        ),
        other => format!("{other:?}"),
    }
}

fn start_request(evse: &str, payment_method: &PaymentMethodId) -> StartCharging {
    StartCharging::new(evse, payment_method.clone())
}

/// Runs the accounts, payments and charging script with `H` and returns what every call
/// answered: every user-scoped operation, its successes and its refusals.
#[allow(clippy::too_many_lines)] // a script, read top to bottom
pub async fn accounts_and_charging<H: Harness>() -> Transcript {
    let world = H::world().await;
    let (me, other) = (&world.me, &world.other);
    let api = &me.api;
    let mut t = Transcript::default();
    let all = PageRequest::default();

    // Users.
    let created = api
        .create_user(NewUser {
            email: Some("user@example.com".into()),
            locale: Some(Locale::De),
            external_id: Some("abcdefg123456".into()),
        })
        .await;
    t.record("create user", &created);
    let user = created.map(|u| u.id).expect("a user");
    t.record(
        "create a bad user",
        &api.create_user(NewUser {
            email: Some("nope".into()),
            ..NewUser::default()
        })
        .await,
    );
    t.record("get user", &api.get_user(&user).await);
    t.record(
        "patch user",
        &api.update_user(
            &user,
            UserPatch {
                locale: Some(Locale::En),
                email: Some(None),
                ..UserPatch::default()
            },
        )
        .await,
    );
    t.record(
        "list users",
        &api.list_users(UserQuery::default().page(all)).await,
    );
    t.record(
        "search users",
        &api.list_users(UserQuery::default().search("abcdefg123456").page(all))
            .await,
    );
    t.record(
        "users past the last page",
        &api.list_users(UserQuery::default().page(PageRequest::new(2, 20).expect("a page")))
            .await,
    );
    t.record("other gets my user", &other.api.get_user(&user).await);

    // Billing.
    t.record("fresh billing", &api.billing_details(&user).await);
    t.record(
        "billing without line1",
        &api.replace_billing_details(&user, {
            let mut details = german_billing();
            details.line1 = None;
            details
        })
        .await,
    );
    t.record(
        "billing",
        &api.replace_billing_details(&user, german_billing()).await,
    );

    // Cards.
    let intent = api.setup_intent(&user, SetupKind::Card).await;
    t.record("setup intent", &intent);
    let secret = intent.expect("an intent").client_secret;
    let visa = me.control.confirm_setup_intent(&secret, VISA).await;
    t.record("confirm visa", &visa);
    t.record(
        "confirm it again",
        &me.control.confirm_setup_intent(&secret, VISA).await,
    );
    let visa = visa.expect("a card").payment_method_id;
    let mastercard = add(me, &user, MASTERCARD, &mut t).await;
    let declined = api
        .setup_intent(&user, SetupKind::Card)
        .await
        .expect("an intent");
    t.record(
        "confirm the declined card",
        &me.control
            .confirm_setup_intent(&declined.client_secret, DECLINED)
            .await,
    );
    t.record("payment methods", &api.payment_methods(&user, all).await);
    t.record(
        "remove the default",
        &api.delete_payment_method(&user, &visa).await,
    );
    t.record(
        "set the default",
        &api.set_default_payment_method(&user, &mastercard).await,
    );
    t.record("payment methods", &api.payment_methods(&user, all).await);
    t.record(
        "unknown pm type",
        &api.setup_intent(&user, SetupKind::parse("sepa_debit"))
            .await,
    );

    // Charging: the docs' session, then the refusals.
    let session = api
        .start_charging(&user, start_request(WORMS_EVSE, &visa))
        .await;
    t.record("start", &session);
    let session = session.expect("a session").id;
    t.record(
        "start again",
        &api.start_charging(&user, start_request(WORMS_EVSE_1, &visa))
            .await,
    );
    me.control.advance_clock(1637).await;
    t.record("poll", &api.session(&user, &session).await);
    t.record("stop", &api.stop_charging(&user, &session).await);
    let again = api.stop_charging(&user, &session).await;
    // The HTTP client answers a second stop as success (`already_stopped` is what was
    // asked); the fake answers the API's 409. Both mean "stopped".
    let stopped = again.is_ok()
        || again.err().and_then(|e| e.error_kind().cloned()) == Some(ErrorKind::AlreadyStopped);
    t.note(format!("stop again: stopped={stopped}"));
    t.record("before the CDR", &api.session(&user, &session).await);
    me.control.advance_clock(60).await;
    t.record("sessions", &api.sessions(&user, all).await);
    t.record("invoices", &api.invoices(&user, all).await);
    t.record(
        "rate",
        &api.rate_session(&user, &session, Some(Rating::new(4).expect("1 to 5")))
            .await,
    );
    t.record(
        "stop an unknown session",
        &api.stop_charging(&user, &SessionId::new("nope")).await,
    );
    t.record(
        "start at an unknown EVSE",
        &api.start_charging(&user, start_request("nope", &visa))
            .await,
    );
    t.record(
        "start out of order",
        &api.start_charging(&user, start_request(fixtures::out_of_order_evse(), &visa))
            .await,
    );
    me.control.occupy_evse(WORMS_EVSE_1).await.expect("occupy");
    t.record(
        "start at an occupied EVSE",
        &api.start_charging(&user, start_request(WORMS_EVSE_1, &visa))
            .await,
    );
    me.control
        .release_evse(WORMS_EVSE_1)
        .await
        .expect("release");
    t.record(
        "start with a foreign card",
        &api.start_charging(
            &user,
            start_request(WORMS_EVSE_1, &PaymentMethodId::new("pm_x")),
        )
        .await,
    );

    // 3-D Secure, progress, debts.
    let three_ds = add(me, &user, THREE_D_SECURE, &mut t).await;
    let refused = api
        .start_charging(&user, start_request(PROGRESS_VCP, &three_ds))
        .await;
    t.record("start with 3-D Secure", &refused);
    let pi = refused
        .err()
        .and_then(|e| {
            e.api_error()
                .and_then(|a| a.payment_intent_client_secret.clone())
        })
        .expect("a payment intent");
    t.record(
        "confirm the hold",
        &me.control.confirm_payment_intent(&pi).await,
    );
    let progressing = api
        .start_charging(&user, start_request(PROGRESS_VCP, &three_ds))
        .await;
    t.record("start after 3-D Secure", &progressing);
    let progressing = progressing.expect("a session").id;
    for _ in 0..12 {
        me.control.advance_clock(600).await;
        t.record("poll progress", &api.session(&user, &progressing).await);
    }
    t.record(
        "stop progress",
        &api.stop_charging(&user, &progressing).await,
    );
    t.record(
        "deliver its CDR",
        &me.control.deliver_cdr(&progressing).await,
    );

    let poor = add(me, &user, INSUFFICIENT_FUNDS, &mut t).await;
    let silent = api
        .start_charging(&user, start_request(SHARED_VCP, &poor))
        .await;
    t.record("start silent", &silent);
    let silent = silent.expect("a session").id;
    me.control.advance_clock(1800).await;
    t.record("poll silent", &api.session(&user, &silent).await);
    t.record("stop silent", &api.stop_charging(&user, &silent).await);
    me.control.advance_clock(60).await;
    let debts = api.debts(&user, all).await;
    t.record("debts", &debts);
    t.record(
        "start with a debt",
        &api.start_charging(&user, start_request(WORMS_EVSE, &visa))
            .await,
    );
    t.record("delete with a debt", &api.delete_user(&user).await);
    t.record(
        "remove a card with a debt",
        &api.delete_payment_method(&user, &poor).await,
    );
    let debt_secret = debts.expect("debts").items[0]
        .payment_intent_client_secret
        .clone();
    t.record(
        "pay the debt",
        &me.control.confirm_payment_intent(&debt_secret).await,
    );
    t.record("debts", &api.debts(&user, all).await);
    t.record("invoices", &api.invoices(&user, all).await);
    t.record("sessions", &api.sessions(&user, all).await);

    // Business and Italian billing.
    t.record(
        "italian business without VAT id",
        &api.replace_billing_details(&user, {
            let mut details = german_billing();
            details.country = Some("it".into());
            details.account_type = AccountType::Business;
            details.company_name = Some("Rossi S.r.l.".into());
            details
        })
        .await,
    );
    t.record(
        "start without VAT id",
        &api.start_charging(&user, start_request(WORMS_EVSE, &visa))
            .await,
    );
    t.record("delete", &api.delete_user(&user).await);
    t.record("get deleted", &api.get_user(&user).await);
    t
}

async fn add<A: connect_ports::ConnectApi, C: Control>(
    tenant: &super::Tenant<A, C>,
    user: &UserId,
    card: &str,
    t: &mut Transcript,
) -> PaymentMethodId {
    let attached = super::suite::add_card(tenant, user, card).await;
    t.note(format!("attached {card}: {attached:?}"));
    attached.payment_method_id
}
