//! Where the sandbox keeps its tenants' records.
//!
//! A [`Repository`] holds one kind of [`Record`], finds it by key and visits records in the
//! order they were added (the API lists users oldest first and sessions newest first, so both
//! directions are cheap). It answers owned values and every call can fail with a
//! [`StoreError`], so that a database can back it: the sandbox reads a record, changes its
//! copy and [`update`](Repository::update)s it, never changing a stored record in place.
//!
//! - [`MemoryRepository`]: records in memory (the sandbox without `--data`).
//! - [`Journaled`]: a memory repository that also writes every change, as owned rows, to the
//!   tenant's [`Journal`]; the sandbox commits the journal to its [`TenantStore`] (SQLite,
//!   `sqlite::Database` with the `durable` feature) before it answers.

mod journal;
mod memory;
#[cfg(feature = "durable")]
pub mod sqlite;

use std::fmt;

pub use journal::{Change, Journal, Journaled, Stored, StoredTenant, TenantHeader, TenantStore};
pub use memory::MemoryRepository;

/// A record a [`Repository`] keeps, known by a key unique within its repository.
///
/// # Examples
/// ```
/// use connect_fake::store::Record;
/// #[derive(Clone)]
/// struct Invoice {
///     id: String,
///     total_cents: u64,
/// }
/// impl Record for Invoice {
///     type Key = String;
///     fn key(&self) -> &String {
///         &self.id
///     }
/// }
/// ```
pub trait Record: Clone + Send + Sync + 'static {
    /// What finds the record.
    type Key: Ord + Clone + fmt::Debug + Send + Sync + 'static;

    /// This record's key.
    fn key(&self) -> &Self::Key;
}

/// Why a repository could not do what it was asked.
///
/// # Examples
/// ```
/// use connect_fake::store::StoreError;
/// let error = StoreError::Duplicate { key: "\"sess_1\"".into() };
/// assert_eq!(error.to_string(), "a record with key \"sess_1\" is already stored");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Inserting a record whose key is taken (nothing changed).
    #[error("a record with key {key} is already stored")]
    Duplicate {
        /// The key, as `Debug` prints it.
        key: String,
    },
    /// Updating a record that is not stored (nothing changed).
    #[error("no record with key {key} is stored")]
    Missing {
        /// The key, as `Debug` prints it.
        key: String,
    },
    /// A stored row the sandbox cannot read back (a newer schema, or a damaged file).
    #[error("stored {kind} {key} cannot be read")]
    Unreadable {
        /// The kind of record.
        kind: String,
        /// Its key, as stored.
        key: String,
        /// Why.
        #[source]
        source: serde_json::Error,
    },
    /// The database failed (disk full, file locked, I/O error).
    #[error("the sandbox's database failed")]
    Database(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl StoreError {
    fn duplicate(key: &impl fmt::Debug) -> Self {
        Self::Duplicate {
            key: format!("{key:?}"),
        }
    }

    fn missing(key: &impl fmt::Debug) -> Self {
        Self::Missing {
            key: format!("{key:?}"),
        }
    }
}

/// Which way [`Repository::visit`] walks: in the order records were added, or reversed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Oldest first.
    OldestFirst,
    /// Newest first.
    NewestFirst,
}

/// Whether a visit goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visit {
    /// Show me the next record.
    Continue,
    /// Enough.
    Stop,
}

/// Stores one kind of record, by key, in insertion order.
///
/// Laws every implementation keeps (the sandbox's tests check them): a record inserted can
/// be found by its key; inserting a second record with a taken key fails and changes
/// nothing; an update replaces the record with its key, and fails (changing nothing) when
/// there is none; a removed record is found no more; a visit sees every record once, in
/// insertion order or reversed, an updated record where it was first inserted; `len` counts
/// them.
///
/// # Examples
/// ```
/// use connect_fake::store::{MemoryRepository, Order, Record, Repository, StoreError};
/// # #[derive(Clone, Debug, PartialEq)]
/// # struct Note { id: u32, text: &'static str }
/// # impl Record for Note { type Key = u32; fn key(&self) -> &u32 { &self.id } }
/// fn remember(notes: &mut dyn Repository<Note>) -> Result<(), StoreError> {
///     notes.insert(Note { id: 1, text: "plugged in" })?;
///     notes.insert(Note { id: 2, text: "charging" })?;
///     assert!(notes.insert(Note { id: 1, text: "again" }).is_err());
///     notes.update(Note { id: 2, text: "charged" })?;
///     assert_eq!(notes.get(&2)?.map(|note| note.text), Some("charged"));
///     let newest = notes.select(&|_| true, Order::NewestFirst, 0, 10)?;
///     assert_eq!(newest.iter().map(|note| note.id).collect::<Vec<_>>(), [2, 1]);
///     Ok(())
/// }
/// remember(&mut MemoryRepository::default())?;
/// # Ok::<(), StoreError>(())
/// ```
pub trait Repository<R: Record>: Send + Sync {
    /// Adds a record.
    ///
    /// # Errors
    /// [`StoreError::Duplicate`] if a record with its key is stored already (nothing
    /// changes), or the store's failure.
    fn insert(&mut self, record: R) -> Result<(), StoreError>;

    /// A copy of the record with this key.
    ///
    /// # Errors
    /// The store's failure.
    fn get(&self, key: &R::Key) -> Result<Option<R>, StoreError>;

    /// Replaces the record with this record's key (it keeps its place in the order).
    ///
    /// # Errors
    /// [`StoreError::Missing`] if none is stored (nothing changes), or the store's failure.
    fn update(&mut self, record: R) -> Result<(), StoreError>;

    /// Removes the record with this key, answering it.
    ///
    /// # Errors
    /// The store's failure.
    fn remove(&mut self, key: &R::Key) -> Result<Option<R>, StoreError>;

    /// How many records are stored.
    ///
    /// # Errors
    /// The store's failure.
    fn len(&self) -> Result<usize, StoreError>;

    /// Shows each record in `order` to `visitor` until it answers [`Visit::Stop`]: the
    /// caller copies only what it keeps.
    ///
    /// # Errors
    /// The store's failure.
    fn visit(&self, order: Order, visitor: &mut dyn FnMut(&R) -> Visit) -> Result<(), StoreError>;

    /// Whether none is stored.
    ///
    /// # Errors
    /// The store's failure.
    fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
    }

    /// How many records match.
    ///
    /// # Errors
    /// The store's failure.
    fn count(&self, matching: &dyn Fn(&R) -> bool) -> Result<usize, StoreError> {
        let mut count = 0;
        self.visit(Order::OldestFirst, &mut |record| {
            if matching(record) {
                count += 1;
            }
            Visit::Continue
        })?;
        Ok(count)
    }

    /// The first record (in `order`) that matches.
    ///
    /// # Errors
    /// The store's failure.
    fn find(&self, matching: &dyn Fn(&R) -> bool, order: Order) -> Result<Option<R>, StoreError> {
        Ok(self.select(matching, order, 0, 1)?.pop())
    }

    /// Up to `take` matching records after skipping `skip` of them, in `order`: a page,
    /// copying only the records on it.
    ///
    /// # Errors
    /// The store's failure.
    fn select(
        &self,
        matching: &dyn Fn(&R) -> bool,
        order: Order,
        skip: usize,
        take: usize,
    ) -> Result<Vec<R>, StoreError> {
        let mut chosen = Vec::new();
        let mut to_skip = skip;
        if take == 0 {
            return Ok(chosen);
        }
        self.visit(order, &mut |record| {
            if !matching(record) {
                return Visit::Continue;
            }
            if to_skip > 0 {
                to_skip -= 1;
                return Visit::Continue;
            }
            chosen.push(record.clone());
            if chosen.len() == take {
                Visit::Stop
            } else {
                Visit::Continue
            }
        })?;
        Ok(chosen)
    }
}
