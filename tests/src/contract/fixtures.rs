//! What every run of the suite shares: the stations, the test cards, the docs' instant, and
//! a fresh sandbox per test.

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};
use connect_domain::station::EvseStatus;
use connect_fake::clock::ManualClock;
use connect_fake::sandbox::{Sandbox, SandboxConfig};
use connect_fake::stations::StationDirectory;

/// The seed of the bundled stations (tariffs, statuses, partners).
pub const STATION_SEED: u64 = 7;

/// When the docs' session started: every sandbox's clock starts here.
pub const START: &str = "2026-04-02T13:51:18Z";

/// The docs' example station in Worms.
pub const WORMS_STATION: &str = "DE*CIQ*EELDF6XWZU41P";
/// The EVSE the docs' session charged at (22 kW, 0.54 €/kWh).
pub const WORMS_EVSE: &str = "DE*CIQ*EELDF6XWZU41P*2";
/// The other EVSE of the Worms station.
pub const WORMS_EVSE_1: &str = "DE*CIQ*EELDF6XWZU41P*1";
/// The Worms station's position, as the docs give it.
pub const WORMS_LATITUDE: f64 = 49.630_383;
/// The Worms station's position, as the docs give it.
pub const WORMS_LONGITUDE: f64 = 8.368_902;

/// A shared virtual charging point (Cariqa's, in Berlin): no progress until the CDR.
pub const SHARED_VCP: &str = "DE*CIQ*EWBNHHLM82TLA*1";
/// A shared virtual charging point in Italy (Milan).
pub const ITALIAN_VCP: &str = "IT*PWY*EP0078*01*02";
/// A virtual charging point with progress (50 kW): at most 10 updates.
pub const PROGRESS_VCP: &str = "DE*PWA*EALP22541X01617*01";

/// Stripe's frictionless visa.
pub const VISA: &str = "4242 4242 4242 4242";
/// Stripe's frictionless mastercard.
pub const MASTERCARD: &str = "5555 5555 5555 4444";
/// Stripe's card that needs 3-D Secure.
pub const THREE_D_SECURE: &str = "4000 0027 6000 3184";
/// Stripe's card whose charges fail for insufficient funds.
pub const INSUFFICIENT_FUNDS: &str = "4000 0000 0000 9995";
/// Stripe's declined card.
pub const DECLINED: &str = "4000 0000 0000 0002";

/// The sandbox's clock at the start of every test.
pub fn start_instant() -> DateTime<Utc> {
    START.parse().unwrap_or_default()
}

/// The bundled stations (seed [`STATION_SEED`]), built once per test binary, with the
/// first EVSE of the register's first station set out of order (see
/// [`out_of_order_evse`]).
pub fn stations() -> Arc<StationDirectory> {
    Arc::clone(&shared().0)
}

/// An EVSE that is out of order in [`stations`].
pub fn out_of_order_evse() -> &'static str {
    &shared().1
}

fn shared() -> &'static (Arc<StationDirectory>, String) {
    static SHARED: OnceLock<(Arc<StationDirectory>, String)> = OnceLock::new();
    SHARED.get_or_init(|| {
        let mut directory = StationDirectory::bundled(STATION_SEED)
            .unwrap_or_else(|error| panic!("the bundled stations: {error}"));
        let broken = directory.stations()[0].evses[0].evse_id.as_str().to_owned();
        directory.set_evse_status(&broken, EvseStatus::OutOfOrder);
        (Arc::new(directory), broken)
    })
}

/// A fresh sandbox over [`stations`], on a manual clock standing at [`START`], with the
/// default configuration (seed 0, CDRs 60 s after the stop).
pub fn sandbox() -> (Sandbox, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(start_instant()));
    let sandbox = Sandbox::with_stations(SandboxConfig::default(), clock.clone(), stations());
    (sandbox, clock)
}
