//! A durable sandbox (`--data`): every record a tenant made is there after the sandbox is
//! made again over the same database, and a commit that fails changes nothing.

#![cfg(feature = "durable")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::format_push_string
)]

mod common;
use common::ready_user;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Duration, Utc};
use connect_domain::account::{NewUser, UserPatch};
use connect_domain::payment::SetupKind;
use connect_domain::session::{Rating, StationInfo};
use connect_domain::tariff::PriceGroup;
use connect_fake::clock::{ClockMode, ManualClock};
use connect_fake::sandbox::{
    Availability, Connection, EvseFacts, EvseList, Progress, Sandbox, SandboxConfig,
};
use connect_fake::store::sqlite::Database;
use connect_fake::store::{Change, StoreError, StoredTenant, TenantHeader, TenantStore};
use connect_ports::{
    Billing, Charging, ErrorKind, Invoices, PageRequest, Payments, StartCharging, UserQuery, Users,
};
use rust_decimal::Decimal;

const WORMS: &str = "DE*CIQ*EELDF6XWZU41P*2";
const OTHER: &str = "DE*CIQ*EOTHER*1";
const THIRD: &str = "DE*CIQ*ETHIRD*1";

fn evse(evse_id: &str) -> EvseFacts {
    let group = PriceGroup::from_json(
        r#"{"currency":"eur","pre_authorization_amount":"50.00",
        "prices":{"kwh_price":{"ALL":[{"time_from":null,"time_to":null,"date_from":null,
        "date_to":null,"gross_price":"0.4529","user_facing_price":"0.54",
        "grace_period_minutes":null,"tax":19,"blocking_cap":null}]}}}"#,
    )
    .unwrap()
    .value;
    let mut station = StationInfo::default();
    station.station_name = Some("EVA Charge".into());
    EvseFacts {
        evse_id: evse_id.to_owned(),
        station,
        country: "DE".into(),
        zone: chrono_tz::Europe::Berlin,
        power_kw: Decimal::from(22),
        is_partner: true,
        logo_url: None,
        price_group: group,
        availability: Availability::Available,
        progress: Progress::Steady,
    }
}

fn sandbox(clock: Arc<ManualClock>, store: Arc<dyn TenantStore>) -> Sandbox {
    let evses = EvseList(vec![evse(WORMS), evse(OTHER), evse(THIRD)]);
    let config = SandboxConfig {
        seed: 7,
        ..SandboxConfig::default()
    };
    Sandbox::new(config, clock, Arc::new(evses)).with_store(store)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("connect-durable-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Everything a tenant can see, as text: equal before and after a restart.
async fn everything(api: &Connection) -> String {
    let all = PageRequest::new(1, 100).unwrap();
    let users = api.list_users(UserQuery::default()).await.unwrap();
    let mut seen = format!("now {:?}\nusers {:?}\n", api.now().unwrap(), users);
    for user in &users.items {
        let id = &user.id;
        seen += &format!("billing {:?}\n", api.billing_details(id).await.unwrap());
        seen += &format!(
            "methods {:?}\n",
            api.payment_methods(id, all).await.unwrap()
        );
        seen += &format!("sessions {:?}\n", api.sessions(id, all).await.unwrap());
        seen += &format!("invoices {:?}\n", api.invoices(id, all).await.unwrap());
        seen += &format!("debts {:?}\n", api.debts(id, all).await.unwrap());
    }
    seen
}

#[tokio::test]
async fn every_record_a_tenant_made_is_there_after_a_restart() {
    let dir = scratch("restart");
    let at: DateTime<Utc> = "2026-04-02T13:51:18Z".parse().unwrap();
    let clock = Arc::new(ManualClock::new(at));
    let first = sandbox(clock.clone(), Arc::new(Database::open(&dir).unwrap()));
    let api = first.connect("team-a").unwrap();
    // A paid session with a rating, a debt, a session still charging, an occupied EVSE,
    // a renamed user, a deleted one, a forgotten setup intent and a tenant clock of its own.
    let (payer, card) = ready_user(&api, "4242424242424242").await;
    let paid = api
        .start_charging(&payer, StartCharging::new(WORMS, card.clone()))
        .await
        .unwrap();
    clock.advance(Duration::minutes(30));
    api.stop_charging(&payer, &paid.id).await.unwrap();
    api.deliver_cdr(&paid.id).unwrap();
    api.rate_session(&payer, &paid.id, Some(Rating::new(4).unwrap()))
        .await
        .unwrap();
    let patch = UserPatch {
        external_id: Some(Some("ext-1".into())),
        ..UserPatch::default()
    };
    api.update_user(&payer, patch).await.unwrap();
    let (debtor, poor) = ready_user(&api, "4000000000009995").await;
    let owed = api
        .start_charging(&debtor, StartCharging::new(OTHER, poor))
        .await
        .unwrap();
    clock.advance(Duration::minutes(10));
    api.stop_charging(&debtor, &owed.id).await.unwrap();
    clock.advance(Duration::minutes(2));
    let (driver, method) = ready_user(&api, "5555555555554444").await;
    api.start_charging(&driver, StartCharging::new(WORMS, method.clone()))
        .await
        .unwrap();
    for _ in 0..21 {
        api.setup_intent(&driver, SetupKind::Card).await.unwrap();
    }
    let gone = api.create_user(NewUser::default()).await.unwrap();
    api.delete_user(&gone.id).await.unwrap();
    api.occupy_evse(THIRD).unwrap();
    api.set_clock(ClockMode::Manual {
        now: at + Duration::hours(2),
    })
    .unwrap();
    let before = everything(&api).await;
    assert!(before.contains("debts Page { items: [Debt"), "{before}");
    drop((api, first));

    let second = sandbox(clock.clone(), Arc::new(Database::open(&dir).unwrap()));
    let api = second.connect("team-a").unwrap();
    assert_eq!(everything(&api).await, before);
    // The rules go on from the stored state: the EVSE is still busy, the debt still blocks,
    // the session still charging can be stopped and is billed, new ids do not clash.
    let busy = api
        .start_charging(&payer, StartCharging::new(THIRD, card.clone()))
        .await;
    assert_eq!(busy.unwrap_err().kind, ErrorKind::StationAvailabilityIssue);
    let session = api
        .sessions(&driver, PageRequest::default())
        .await
        .unwrap()
        .items[0]
        .clone();
    api.stop_charging(&driver, &session.id).await.unwrap();
    let billed = api.deliver_cdr(&session.id).unwrap();
    assert!(billed.bill.is_some());
    assert_eq!(
        api.invoices(&driver, PageRequest::default())
            .await
            .unwrap()
            .count,
        1
    );
    let debts = api.debts(&debtor, PageRequest::default()).await.unwrap();
    assert_eq!(debts.count, 1);
    api.confirm_payment_intent(&debts.items[0].payment_intent_client_secret)
        .unwrap();
    assert_eq!(
        api.invoices(&debtor, PageRequest::default())
            .await
            .unwrap()
            .count,
        1
    );
    let newcomer = api.create_user(NewUser::default()).await.unwrap();
    assert_eq!(api.list_users(UserQuery::default()).await.unwrap().count, 4);
    assert_ne!(newcomer.id, payer);
    // Another token sees none of it; a reset forgets the tenant in the database as well.
    let other = second.connect("team-b").unwrap();
    assert_eq!(
        other.list_users(UserQuery::default()).await.unwrap().count,
        0
    );
    api.reset().unwrap();
    drop((api, second));
    let third = sandbox(clock, Arc::new(Database::open(&dir).unwrap()));
    let api = third.connect("team-a").unwrap();
    assert_eq!(api.list_users(UserQuery::default()).await.unwrap().count, 0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A store over SQLite whose commits fail while `failing` is set.
struct Flaky {
    database: Database,
    failing: AtomicBool,
}

impl TenantStore for Flaky {
    fn load(&self, token: &str) -> Result<Option<StoredTenant>, StoreError> {
        self.database.load(token)
    }

    fn commit(
        &self,
        token: &str,
        header: &TenantHeader,
        changes: &[Change],
    ) -> Result<(), StoreError> {
        if self.failing.load(Ordering::SeqCst) {
            return Err(StoreError::Database("disk full".into()));
        }
        self.database.commit(token, header, changes)
    }

    fn forget(&self, token: &str) -> Result<(), StoreError> {
        self.database.forget(token)
    }
}

#[tokio::test]
async fn a_write_the_store_refuses_answers_500_and_is_not_seen_afterwards() {
    let dir = scratch("flaky");
    let flaky = Arc::new(Flaky {
        database: Database::open(&dir).unwrap(),
        failing: AtomicBool::new(false),
    });
    let clock = Arc::new(ManualClock::new("2026-04-02T13:51:18Z".parse().unwrap()));
    let sandbox = sandbox(clock, flaky.clone());
    let api = sandbox.connect("team-a").unwrap();
    let kept = api.create_user(NewUser::default()).await.unwrap();
    flaky.failing.store(true, Ordering::SeqCst);
    let error = api.create_user(NewUser::default()).await.unwrap_err();
    assert_eq!(
        (error.status, error.kind.clone()),
        (500, ErrorKind::Unexpected)
    );
    assert!(format!("{error:?}").contains("disk full"), "{error:?}");
    flaky.failing.store(false, Ordering::SeqCst);
    let users = api.list_users(UserQuery::default()).await.unwrap();
    assert_eq!(
        users.items.iter().map(|u| u.id.clone()).collect::<Vec<_>>(),
        [kept.id]
    );
    // The id the failed call drew is drawn again: the tenant is the stored one.
    let next = api.create_user(NewUser::default()).await.unwrap();
    assert_eq!(api.list_users(UserQuery::default()).await.unwrap().count, 2);
    assert_ne!(next.id, users.items[0].id);
    let _ = std::fs::remove_dir_all(&dir);
}
