//! Durable tenants: every change a repository makes, written down as owned rows (a
//! [`Journal`]) and committed to a [`TenantStore`] before the sandbox answers.

use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{MemoryRepository, Order, Record, Repository, StoreError, Visit};
use crate::clock::TenantClock;

/// A record a database can keep: a kind (its table, in effect) and JSON for its body.
pub trait Stored: Record + Serialize + DeserializeOwned {
    /// The kind, unique among the sandbox's records (`user`, `session`, …).
    const KIND: &'static str;

    /// The key as stored.
    fn key_text(key: &Self::Key) -> String;
}

/// One record's change: its new body (JSON), or its removal (`None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The record's kind ([`Stored::KIND`]).
    pub kind: &'static str,
    /// Its key ([`Stored::key_text`]).
    pub key: String,
    /// The record as JSON, or `None` when it was removed.
    pub body: Option<String>,
}

/// The changes a tenant's repositories made since the last commit, in the order made.
/// Cheap to clone: the tenant's repositories share one.
#[derive(Debug, Clone, Default)]
pub struct Journal(Arc<Mutex<Vec<Change>>>);

impl Journal {
    fn changes(&self) -> MutexGuard<'_, Vec<Change>> {
        // Only the tenant's lock holder writes; a poisoned journal still holds whole changes.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn push(&self, change: Change) {
        self.changes().push(change);
    }

    /// The changes made since the last `take`, oldest first.
    pub fn take(&self) -> Vec<Change> {
        std::mem::take(&mut *self.changes())
    }
}

/// What a tenant is beside its records: the state of its id source and its clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TenantHeader {
    /// The seeded id source's state (ids never repeat across a restart).
    pub ids: u64,
    /// The tenant's clock.
    pub clock: TenantClock,
}

/// A tenant as a [`TenantStore`] keeps it: its header and its records, oldest first.
#[derive(Debug, Clone)]
pub struct StoredTenant {
    /// Ids and clock.
    pub header: TenantHeader,
    /// `(kind, body)` of every record, in the order first inserted.
    pub records: Vec<(String, String)>,
}

/// Where durable tenants live between restarts (SQLite: `sqlite::Database`, with the
/// `durable` feature).
///
/// A store finds a tenant by its API token but must not keep the token itself (it is a
/// secret): the SQLite store keeps its SHA-256.
pub trait TenantStore: Send + Sync {
    /// The tenant of this token, if it was ever committed.
    ///
    /// # Errors
    /// The database's failure.
    fn load(&self, token: &str) -> Result<Option<StoredTenant>, StoreError>;

    /// Makes the header and the changes durable, all or nothing: once this answers `Ok`, a
    /// crash (even `kill -9`) loses none of it.
    ///
    /// # Errors
    /// The database's failure; then nothing of it was stored.
    fn commit(
        &self,
        token: &str,
        header: &TenantHeader,
        changes: &[Change],
    ) -> Result<(), StoreError>;

    /// Forgets the tenant and all its records.
    ///
    /// # Errors
    /// The database's failure.
    fn forget(&self, token: &str) -> Result<(), StoreError>;
}

/// A [`MemoryRepository`] that writes each change to a [`Journal`]: reads are the memory's,
/// writes are made durable when the journal is committed.
///
/// # Examples
/// ```
/// use connect_fake::store::{Journal, Journaled, Record, Repository, Stored};
/// #[derive(Clone, serde::Serialize, serde::Deserialize)]
/// struct Note { id: String, text: String }
/// impl Record for Note { type Key = String; fn key(&self) -> &String { &self.id } }
/// impl Stored for Note {
///     const KIND: &'static str = "note";
///     fn key_text(key: &String) -> String { key.clone() }
/// }
/// let journal = Journal::default();
/// let mut notes = Journaled::new(journal.clone());
/// notes.insert(Note { id: "n1".into(), text: "plugged in".into() })?;
/// let changes = journal.take();
/// assert_eq!(changes[0].key, "n1");
/// assert_eq!(changes[0].body.as_deref(), Some(r#"{"id":"n1","text":"plugged in"}"#));
/// # Ok::<(), connect_fake::store::StoreError>(())
/// ```
#[derive(Debug)]
pub struct Journaled<R: Record> {
    memory: MemoryRepository<R>,
    journal: Journal,
}

impl<R: Stored> Journaled<R> {
    /// An empty repository writing to `journal`.
    pub fn new(journal: Journal) -> Self {
        Self {
            memory: MemoryRepository::default(),
            journal,
        }
    }

    /// Puts back a record read from the store (not a change: nothing is journaled).
    ///
    /// # Errors
    /// [`StoreError::Duplicate`] for a key read twice.
    pub fn restore(&mut self, record: R) -> Result<(), StoreError> {
        self.memory.insert(record)
    }

    fn written(record: &R) -> Result<Change, StoreError> {
        let key = R::key_text(record.key());
        let body = serde_json::to_string(record).map_err(|source| StoreError::Unreadable {
            kind: R::KIND.to_owned(),
            key: key.clone(),
            source,
        })?;
        Ok(Change {
            kind: R::KIND,
            key,
            body: Some(body),
        })
    }
}

impl<R: Stored> Repository<R> for Journaled<R> {
    fn insert(&mut self, record: R) -> Result<(), StoreError> {
        let change = Self::written(&record)?;
        self.memory.insert(record)?;
        self.journal.push(change);
        Ok(())
    }

    fn get(&self, key: &R::Key) -> Result<Option<R>, StoreError> {
        self.memory.get(key)
    }

    fn update(&mut self, record: R) -> Result<(), StoreError> {
        let change = Self::written(&record)?;
        self.memory.update(record)?;
        self.journal.push(change);
        Ok(())
    }

    fn remove(&mut self, key: &R::Key) -> Result<Option<R>, StoreError> {
        let removed = self.memory.remove(key)?;
        if removed.is_some() {
            self.journal.push(Change {
                kind: R::KIND,
                key: R::key_text(key),
                body: None,
            });
        }
        Ok(removed)
    }

    fn len(&self) -> Result<usize, StoreError> {
        self.memory.len()
    }

    fn visit(&self, order: Order, visitor: &mut dyn FnMut(&R) -> Visit) -> Result<(), StoreError> {
        self.memory.visit(order, visitor)
    }
}
