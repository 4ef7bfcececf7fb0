//! The sandbox: shared configuration, clock and stations, and one isolated tenant per API
//! token.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use connect_domain::session::StationInfo;
use connect_domain::tariff::PriceGroup;
use connect_ports::{ApiError, Clock};
use rust_decimal::Decimal;

use crate::clock::{ClockMode, TenantClock};
use crate::store::{Journal, TenantStore};
use crate::tenant::Tenant;

/// How an EVSE reports progress while charging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
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
    /// Set when the slot no longer holds the tenant as its store does (a failed commit, a
    /// reset): whoever waited for its lock takes the tenant afresh.
    stale: AtomicBool,
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
    /// Where durable tenants live (`--data`); `None`: in memory only.
    store: Option<Arc<dyn TenantStore>>,
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenants = self.shared.tenants.read().map_or(0, |map| map.len());
        f.debug_struct("Sandbox")
            .field("config", &self.shared.config)
            .field("tenants", &tenants)
            .field("durable", &self.shared.store.is_some())
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
                store: None,
            }),
        }
    }

    /// A sandbox with this one's configuration, clock and stations whose tenants live in
    /// `store` (none is carried over from this one): each tenant is loaded from the store on
    /// first use, and every operation's changes are committed to it before the operation
    /// answers; an operation whose commit fails answers 500, and the tenant is loaded afresh
    /// from the store by the next call. Idle tenants are then only unloaded, never lost.
    #[must_use]
    pub fn with_store(&self, store: Arc<dyn TenantStore>) -> Self {
        Self {
            shared: Arc::new(Shared {
                config: self.shared.config,
                clock: Arc::clone(&self.shared.clock),
                evses: Arc::clone(&self.shared.evses),
                stations: self.shared.stations.clone(),
                tenants: RwLock::new(HashMap::new()),
                started: Instant::now(),
                store: Some(store),
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
    /// This tenant: in memory, loaded from the store, or created on first use.
    fn slot(&self) -> Result<Arc<Slot>, ApiError> {
        if let Some(slot) = read(&self.shared.tenants).get(&self.token) {
            return Ok(Arc::clone(slot));
        }
        self.shared.evict_idle();
        // Loaded outside the map's lock: other tenants go on meanwhile. Should two calls
        // load the same tenant at once, the first into the map wins and the other's copy
        // (the same rows) is dropped.
        let tenant = self.load()?;
        let mut tenants = write(&self.shared.tenants);
        let slot = tenants.entry(self.token.clone()).or_insert_with(|| {
            Arc::new(Slot {
                last_used: AtomicU64::new(self.shared.elapsed_ms()),
                tenant: Mutex::new(tenant),
                stale: AtomicBool::new(false),
            })
        });
        Ok(Arc::clone(slot))
    }

    /// The tenant as the store keeps it, or a new one.
    fn load(&self) -> Result<Tenant, ApiError> {
        let journal = self.shared.store.as_ref().map(|_| Journal::default());
        if let (Some(store), Some(journal)) = (&self.shared.store, &journal)
            && let Some(stored) = store.load(&self.token)?
        {
            return Ok(Tenant::restore(&stored, journal)?);
        }
        let source_now = self.shared.clock.now();
        // The configured mode was checked when the sandbox was set up; should it be out
        // of bounds, the tenant follows the source rather than failing every call.
        let clock = TenantClock::new(self.shared.config.clock, source_now)
            .unwrap_or_else(|_| TenantClock::from_parts(source_now, source_now, 1));
        Ok(Tenant::new(
            self.shared.config.seed,
            &self.token,
            clock,
            journal.as_ref(),
        ))
    }

    /// Runs `operation` on this tenant's state at the tenant's now, after bringing the
    /// state up to it (progress, charge detail records), creating the tenant on first use.
    /// On a durable sandbox the changes are committed before this answers.
    pub(crate) fn with_tenant<T>(
        &self,
        operation: impl FnOnce(&mut Tenant, &Shared, DateTime<Utc>) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        // A slot goes stale only when a commit fails or the tenant is reset while this call
        // waited for its lock: the next slot is the tenant as stored.
        let mut attempts = 0;
        loop {
            attempts += 1;
            let slot = self.slot()?;
            slot.last_used
                .store(self.shared.elapsed_ms(), Ordering::Relaxed);
            let mut tenant = lock(&slot.tenant);
            if slot.stale.load(Ordering::SeqCst) && attempts < 3 {
                continue;
            }
            let before = tenant.header();
            let now = tenant.clock.now(self.shared.clock.now());
            let answer = tenant
                .settle(now, &self.shared)
                .and_then(|()| operation(&mut tenant, &self.shared, now));
            self.commit(&slot, &tenant, before)?;
            return answer;
        }
    }

    /// Makes the tenant's changes durable (nothing to do in memory). On failure the slot is
    /// dropped, so that no answer is ever given from changes the store does not hold.
    fn commit(
        &self,
        slot: &Arc<Slot>,
        tenant: &Tenant,
        before: crate::store::TenantHeader,
    ) -> Result<(), ApiError> {
        let Some(store) = &self.shared.store else {
            return Ok(());
        };
        let changes = tenant.take_changes();
        let header = tenant.header();
        if changes.is_empty() && header == before {
            return Ok(());
        }
        store
            .commit(&self.token, &header, &changes)
            .map_err(|error| {
                self.drop_slot(slot);
                ApiError::from(error)
            })
    }

    /// Takes a slot out of the map (if it is still the one there) and marks it stale.
    fn drop_slot(&self, slot: &Arc<Slot>) {
        slot.stale.store(true, Ordering::SeqCst);
        let mut tenants = write(&self.shared.tenants);
        if tenants
            .get(&self.token)
            .is_some_and(|held| Arc::ptr_eq(held, slot))
        {
            tenants.remove(&self.token);
        }
    }

    /// The source's now, for the control operations on the tenant's clock.
    pub(crate) fn source_now(&self) -> DateTime<Utc> {
        self.shared.clock.now()
    }

    /// Forgets everything this tenant did: users, cards, sessions, occupied EVSEs, and its
    /// clock (the next call starts a fresh one, as the sandbox starts new tenants); on a
    /// durable sandbox, in the store too.
    ///
    /// # Errors
    /// 500 when the store fails to forget the tenant.
    pub fn reset(&self) -> Result<(), ApiError> {
        let slot = read(&self.shared.tenants).get(&self.token).cloned();
        // Holding the tenant's lock: no call of this tenant commits between the store
        // forgetting it and the slot going.
        let held = slot.as_ref().map(|slot| (slot, lock(&slot.tenant)));
        if let Some(store) = &self.shared.store {
            store.forget(&self.token)?;
        }
        if let Some((slot, _tenant)) = held {
            self.drop_slot(slot);
        }
        Ok(())
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
