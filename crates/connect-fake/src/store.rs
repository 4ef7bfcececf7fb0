//! The sandbox's repositories, in memory.

use std::collections::BTreeMap;
use std::fmt;

use connect_ports::{DuplicateKey, Record, Repository};

/// Records in a vector (insertion order), found through a key index: lookups cost
/// `O(log n)`, listing costs what it yields.
///
/// # Examples
/// ```
/// use connect_fake::store::MemoryRepository;
/// use connect_ports::{Record, Repository};
/// #[derive(Clone)]
/// struct Evse(String);
/// impl Record for Evse {
///     type Key = String;
///     fn key(&self) -> &String {
///         &self.0
///     }
/// }
/// let mut evses = MemoryRepository::default();
/// evses.insert(Evse("DE*CAR*E1".into()))?;
/// assert!(evses.get(&"DE*CAR*E1".to_owned()).is_some());
/// assert!(evses.insert(Evse("DE*CAR*E1".into())).is_err());
/// # Ok::<(), connect_ports::DuplicateKey>(())
/// ```
pub struct MemoryRepository<R: Record> {
    records: Vec<R>,
    index: BTreeMap<R::Key, usize>,
}

impl<R: Record> Default for MemoryRepository<R> {
    fn default() -> Self {
        Self {
            records: Vec::new(),
            index: BTreeMap::new(),
        }
    }
}

impl<R: Record> fmt::Debug for MemoryRepository<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryRepository")
            .field("records", &self.records.len())
            .finish_non_exhaustive()
    }
}

impl<R: Record> Repository<R> for MemoryRepository<R> {
    fn insert(&mut self, record: R) -> Result<(), DuplicateKey> {
        let key = record.key().clone();
        if self.index.contains_key(&key) {
            return Err(DuplicateKey {
                key: format!("{key:?}"),
            });
        }
        self.index.insert(key, self.records.len());
        self.records.push(record);
        Ok(())
    }

    fn get(&self, key: &R::Key) -> Option<&R> {
        self.index.get(key).and_then(|&at| self.records.get(at))
    }

    fn get_mut(&mut self, key: &R::Key) -> Option<&mut R> {
        self.index.get(key).and_then(|&at| self.records.get_mut(at))
    }

    fn iter(&self) -> Box<dyn DoubleEndedIterator<Item = &R> + '_> {
        Box::new(self.records.iter())
    }

    fn len(&self) -> usize {
        self.records.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone, PartialEq)]
    struct Note {
        id: u8,
        text: u32,
    }

    impl Record for Note {
        type Key = u8;
        fn key(&self) -> &u8 {
            &self.id
        }
    }

    proptest! {
        /// The laws of `Repository`, against a model: a list that refuses taken keys.
        #[test]
        fn behaves_like_a_list_with_unique_keys(inserts in proptest::collection::vec((0u8..32, any::<u32>()), 0..64)) {
            let mut repository = MemoryRepository::default();
            let mut model: Vec<Note> = Vec::new();
            for (id, text) in inserts {
                let note = Note { id, text };
                let taken = model.iter().any(|kept| kept.id == id);
                prop_assert_eq!(repository.insert(note.clone()).is_err(), taken);
                if !taken {
                    model.push(note);
                }
                prop_assert_eq!(repository.len(), model.len());
            }
            prop_assert_eq!(repository.iter().cloned().collect::<Vec<_>>(), model.clone());
            prop_assert_eq!(
                repository.iter().rev().cloned().collect::<Vec<_>>(),
                model.iter().rev().cloned().collect::<Vec<_>>()
            );
            for note in &model {
                prop_assert_eq!(repository.get(&note.id), Some(note));
            }
        }
    }

    #[test]
    fn changes_made_through_get_mut_are_kept() {
        let mut repository = MemoryRepository::default();
        repository.insert(Note { id: 7, text: 1 }).unwrap();
        repository.get_mut(&7).unwrap().text = 2;
        assert_eq!(repository.get(&7).map(|note| note.text), Some(2));
        assert!(repository.get(&8).is_none());
        assert!(!repository.is_empty());
    }
}
