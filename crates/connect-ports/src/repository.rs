//! Where an adapter keeps its records: the sandbox's users, intents, sessions and invoices.
//!
//! A repository holds one kind of [`Record`], finds it by key and lists records in the order
//! they were added (the API lists users oldest first and sessions newest first, so both
//! directions are cheap). The methods are synchronous on purpose: the sandbox applies each
//! operation as one unit of work on a tenant it holds locked, and a lock must not be held
//! across an `await`. An adapter whose storage is remote (a database) makes that unit of work
//! its transaction and loads the records it needs before it starts.

use std::fmt;

/// A record a [`Repository`] keeps, known by a key unique within its repository.
///
/// # Examples
/// ```
/// use connect_ports::Record;
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

/// A record with this key is already stored.
///
/// # Examples
/// ```
/// use connect_ports::DuplicateKey;
/// let error = DuplicateKey { key: "\"sess_1\"".into() };
/// assert_eq!(error.to_string(), "a record with key \"sess_1\" is already stored");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a record with key {key} is already stored")]
pub struct DuplicateKey {
    /// The key, as `Debug` prints it.
    pub key: String,
}

/// Stores one kind of record, by key, in insertion order.
///
/// Laws every implementation keeps (the sandbox's tests check them): a record inserted can
/// be found by its key; inserting a second record with a taken key fails and changes
/// nothing; iteration yields every record once, oldest first; `len` counts them.
///
/// # Examples
/// ```
/// use connect_ports::{DuplicateKey, Record, Repository};
/// # #[derive(Clone, Debug, PartialEq)]
/// # struct Note { id: u32, text: &'static str }
/// # impl Record for Note { type Key = u32; fn key(&self) -> &u32 { &self.id } }
/// fn remember(notes: &mut dyn Repository<Note>) -> Result<(), DuplicateKey> {
///     notes.insert(Note { id: 1, text: "plugged in" })?;
///     notes.insert(Note { id: 2, text: "charging" })?;
///     assert!(notes.insert(Note { id: 1, text: "again" }).is_err());
///     assert_eq!(notes.get(&1).map(|note| note.text), Some("plugged in"));
///     assert_eq!(notes.iter().rev().map(|note| note.id).collect::<Vec<_>>(), [2, 1]);
///     Ok(())
/// }
/// ```
pub trait Repository<R: Record>: Send + Sync {
    /// Adds a record.
    ///
    /// # Errors
    /// [`DuplicateKey`] if a record with its key is stored already (nothing changes).
    fn insert(&mut self, record: R) -> Result<(), DuplicateKey>;

    /// The record with this key.
    fn get(&self, key: &R::Key) -> Option<&R>;

    /// The record with this key, to change in place (its key must stay the same).
    fn get_mut(&mut self, key: &R::Key) -> Option<&mut R>;

    /// Every record, oldest first (`.rev()` for newest first).
    fn iter(&self) -> Box<dyn DoubleEndedIterator<Item = &R> + '_>;

    /// How many records are stored.
    fn len(&self) -> usize;

    /// Whether none is.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
