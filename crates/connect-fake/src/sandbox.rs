//! The sandbox: shared configuration, clock and stations, and one isolated tenant per API
//! token.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use connect_domain::session::StationInfo;
use connect_domain::tariff::PriceGroup;
use connect_ports::{ApiError, Clock};
use rust_decimal::Decimal;

use crate::clock::{ClockMode, TenantClock};
use crate::tenant::Tenant;

/// How an EVSE reports progress while charging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Progress {
    /// An ordinary station: energy rises at the connector's power, visible on every poll.
    Steady,
    /// A shared virtual charging point: no progress at all until the charge detail record.
    Silent,
    /// A virtual charging point with progress: up to 10 updates, then nothing until the
    /// charge detail record.
    Stepped,
}

/// Whether an EVSE can take a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Availability {
    /// Ready.
    Available,
    /// Out of order or inoperative: starting answers 409 `station_availability_issue`.
    OutOfOrder,
}

/// What the sandbox needs to know about an EVSE to charge at it.
#[derive(Debug, Clone)]
pub struct EvseFacts {
    /// The EVSE's id.
    pub evse_id: String,
    /// The station, as a session shows it.
    pub station: StationInfo,
    /// The station's country (ISO alpha-2): billing rules depend on it.
    pub country: String,
    /// The zone its tariff bands are local to.
    pub zone: Tz,
    /// Connector power, kW: ordinary stations deliver energy at this rate.
    pub power_kw: Decimal,
    /// Whether the operator is a Cariqa partner.
    pub is_partner: bool,
    /// The operator's logo.
    pub logo_url: Option<String>,
    /// The prices in force at this EVSE.
    pub price_group: PriceGroup,
    /// Whether it can take a session.
    pub availability: Availability,
    /// How it reports progress.
    pub progress: Progress,
}

/// Where the sandbox finds EVSEs: the bundled stations, OCPI files, or a test's own.
pub trait EvseDirectory: Send + Sync {
    /// The EVSE with this id, if there is one.
    fn evse(&self, evse_id: &str) -> Option<EvseFacts>;
}

/// A directory over a fixed list, for tests and small setups.
#[derive(Debug, Clone, Default)]
pub struct EvseList(pub Vec<EvseFacts>);

impl EvseDirectory for EvseList {
    fn evse(&self, evse_id: &str) -> Option<EvseFacts> {
        self.0
            .iter()
            .find(|facts| facts.evse_id == evse_id)
            .cloned()
    }
}

/// The sandbox's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SandboxConfig {
    /// Fixes every id and random choice.
    pub seed: u64,
    /// How long after a stop the charge detail record (and so the bill) arrives.
    pub cdr_delay: Duration,
    /// How a new tenant's clock runs (each tenant has its own, over the sandbox's clock as
    /// time source). The default runs with the source, so moving the source moves every
    /// tenant; the served sandbox starts each tenant manual, or running `speed` times fast.
    pub clock: ClockMode,
    /// Forget a tenant nobody has used for this long (real time), so that a sandbox serving
    /// many short-lived tokens does not grow without bound; `None` keeps every tenant.
    pub idle_tenant_eviction: Option<std::time::Duration>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            seed: 0,
            cdr_delay: Duration::seconds(60),
            clock: ClockMode::default(),
            idle_tenant_eviction: None,
        }
    }
}

/// One tenant and when it was last used: the time is read without the tenant's lock, so
/// evicting idle tenants never waits for a busy one.
struct Slot {
    /// Milliseconds since the sandbox was made.
    last_used: AtomicU64,
    tenant: Mutex<Tenant>,
}

/// The in-memory sandbox: every tenant's state, the clock and the stations.
///
/// Cheap to clone (all clones share state), `Send + Sync`.
#[derive(Clone)]
pub struct Sandbox {
    shared: Arc<Shared>,
}

pub(crate) struct Shared {
    pub(crate) config: SandboxConfig,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) evses: Arc<dyn EvseDirectory>,
    /// The stations the station endpoints answer from, if any.
    pub(crate) stations: Option<Arc<crate::stations::StationDirectory>>,
    /// Tenants by API token, each behind its own lock: the map's lock is held only to find
    /// (or add) a tenant, never while one works, so tenants never wait for each other. The
    /// map is never printed: tokens are secrets.
    tenants: RwLock<HashMap<String, Arc<Slot>>>,
    /// When the sandbox was made: the origin of every slot's `last_used`.
    started: Instant,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenants = self.shared.tenants.read().map_or(0, |map| map.len());
        f.debug_struct("Sandbox")
            .field("config", &self.shared.config)
            .field("tenants", &tenants)
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// A sandbox with a clock and a directory of EVSEs (no station endpoints: they answer
    /// empty).
    pub fn new(
        config: SandboxConfig,
        clock: Arc<dyn Clock>,
        evses: Arc<dyn EvseDirectory>,
    ) -> Self {
        Self::build(config, clock, evses, None)
    }

    /// A sandbox over a station directory: its EVSEs can be charged at, and the station
    /// endpoints (around, details, partners, tile) answer from it.
    pub fn with_stations(
        config: SandboxConfig,
        clock: Arc<dyn Clock>,
        stations: Arc<crate::stations::StationDirectory>,
    ) -> Self {
        Self::build(config, clock, stations.clone(), Some(stations))
    }

    fn build(
        config: SandboxConfig,
        clock: Arc<dyn Clock>,
        evses: Arc<dyn EvseDirectory>,
        stations: Option<Arc<crate::stations::StationDirectory>>,
    ) -> Self {
        Self {
            shared: Arc::new(Shared {
                config,
                clock,
                evses,
                stations,
                tenants: RwLock::new(HashMap::new()),
                started: Instant::now(),
            }),
        }
    }

    /// The API as seen with one bearer token: each non-empty token is its own isolated
    /// tenant, created on first use.
    ///
    /// # Errors
    /// 403 for an empty token, as the API answers a request without credentials.
    pub fn connect(&self, token: &str) -> Result<Connection, ApiError> {
        if token.trim().is_empty() {
            return Err(ApiError::forbidden());
        }
        Ok(Connection {
            shared: Arc::clone(&self.shared),
            token: token.to_owned(),
        })
    }

    /// How many tenants the sandbox holds now.
    pub fn tenant_count(&self) -> usize {
        read(&self.shared.tenants).len()
    }

    /// Forgets the tenants nobody has used for longer than
    /// [`SandboxConfig::idle_tenant_eviction`] (none without it), and answers how many. A
    /// tenant in use is never forgotten. The sandbox also does this whenever it adds a
    /// tenant; a server calls it now and then as well.
    pub fn evict_idle_tenants(&self) -> usize {
        self.shared.evict_idle()
    }

    /// The sandbox's clock: the time source every tenant's own clock runs over.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.shared.clock
    }
}

/// The API as one tenant sees it: implements every port, plus the sandbox's control
/// operations (confirming Stripe intents, occupying EVSEs, delivering CDRs).
#[derive(Clone)]
pub struct Connection {
    pub(crate) shared: Arc<Shared>,
    token: String,
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("token", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl Shared {
    fn elapsed_ms(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn evict_idle(&self) -> usize {
        let Some(limit) = self.config.idle_tenant_eviction else {
            return 0;
        };
        let limit = u64::try_from(limit.as_millis()).unwrap_or(u64::MAX);
        let now = self.elapsed_ms();
        let mut tenants = write(&self.tenants);
        let before = tenants.len();
        // A slot someone holds (a call in progress) is in use, however old its time.
        tenants.retain(|_, slot| {
            Arc::strong_count(slot) > 1
                || now.saturating_sub(slot.last_used.load(Ordering::Relaxed)) <= limit
        });
        before - tenants.len()
    }
}

impl Connection {
    /// This tenant, created on first use.
    fn slot(&self) -> Arc<Slot> {
        if let Some(slot) = read(&self.shared.tenants).get(&self.token) {
            return Arc::clone(slot);
        }
        self.shared.evict_idle();
        let mut tenants = write(&self.shared.tenants);
        let slot = tenants.entry(self.token.clone()).or_insert_with(|| {
            let source_now = self.shared.clock.now();
            // The configured mode was checked when the sandbox was set up; should it be out
            // of bounds, the tenant follows the source rather than failing every call.
            let clock = TenantClock::new(self.shared.config.clock, source_now)
                .unwrap_or_else(|_| TenantClock::from_parts(source_now, source_now, 1));
            Arc::new(Slot {
                last_used: AtomicU64::new(self.shared.elapsed_ms()),
                tenant: Mutex::new(Tenant::new(self.shared.config.seed, &self.token, clock)),
            })
        });
        Arc::clone(slot)
    }

    /// Runs `operation` on this tenant's state at the tenant's now, after bringing the
    /// state up to it (progress, charge detail records). Creating the tenant on first use.
    pub(crate) fn with_tenant<T>(
        &self,
        operation: impl FnOnce(&mut Tenant, &Shared, DateTime<Utc>) -> T,
    ) -> T {
        let slot = self.slot();
        slot.last_used
            .store(self.shared.elapsed_ms(), Ordering::Relaxed);
        let mut tenant = lock(&slot.tenant);
        let now = tenant.clock.now(self.shared.clock.now());
        tenant.settle(now, &self.shared);
        operation(&mut tenant, &self.shared, now)
    }

    /// The source's now, for the control operations on the tenant's clock.
    pub(crate) fn source_now(&self) -> DateTime<Utc> {
        self.shared.clock.now()
    }

    /// Forgets everything this tenant did: users, cards, sessions, occupied EVSEs, and its
    /// clock (the next call starts a fresh one, as the sandbox starts new tenants).
    pub fn reset(&self) {
        write(&self.shared.tenants).remove(&self.token);
    }
}

/// Locks a mutex, recovering the data if a panic poisoned it: the sandbox's state is plain
/// data, always consistent between operations.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
