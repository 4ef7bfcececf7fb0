//! The sandbox's repositories, in memory.

use std::collections::BTreeMap;
use std::fmt;

use super::{Order, Record, Repository, StoreError, Visit};

/// Records by insertion number (insertion order), found through a key index: lookups,
/// updates and removals cost `O(log n)`, a visit costs what it sees.
///
/// # Examples
/// ```
/// use connect_fake::store::{MemoryRepository, Record, Repository};
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
/// assert!(evses.get(&"DE*CAR*E1".to_owned())?.is_some());
/// assert!(evses.insert(Evse("DE*CAR*E1".into())).is_err());
/// # Ok::<(), connect_fake::store::StoreError>(())
/// ```
pub struct MemoryRepository<R: Record> {
    records: BTreeMap<u64, R>,
    index: BTreeMap<R::Key, u64>,
    next: u64,
}

impl<R: Record> Default for MemoryRepository<R> {
    fn default() -> Self {
        Self {
            records: BTreeMap::new(),
            index: BTreeMap::new(),
            next: 0,
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

impl<R: Record> MemoryRepository<R> {
    fn borrow(&self, key: &R::Key) -> Option<&R> {
        self.index.get(key).and_then(|at| self.records.get(at))
    }
}

impl<R: Record> Repository<R> for MemoryRepository<R> {
    fn insert(&mut self, record: R) -> Result<(), StoreError> {
        let key = record.key().clone();
        if self.index.contains_key(&key) {
            return Err(StoreError::duplicate(&key));
        }
        self.index.insert(key, self.next);
        self.records.insert(self.next, record);
        self.next += 1;
        Ok(())
    }

    fn get(&self, key: &R::Key) -> Result<Option<R>, StoreError> {
        Ok(self.borrow(key).cloned())
    }

    fn update(&mut self, record: R) -> Result<(), StoreError> {
        let Some(at) = self.index.get(record.key()) else {
            return Err(StoreError::missing(record.key()));
        };
        self.records.insert(*at, record);
        Ok(())
    }

    fn remove(&mut self, key: &R::Key) -> Result<Option<R>, StoreError> {
        Ok(self
            .index
            .remove(key)
            .and_then(|at| self.records.remove(&at)))
    }

    fn len(&self) -> Result<usize, StoreError> {
        Ok(self.records.len())
    }

    fn visit(&self, order: Order, visitor: &mut dyn FnMut(&R) -> Visit) -> Result<(), StoreError> {
        let mut records: Box<dyn Iterator<Item = &R>> = match order {
            Order::OldestFirst => Box::new(self.records.values()),
            Order::NewestFirst => Box::new(self.records.values().rev()),
        };
        for record in &mut records {
            if visitor(record) == Visit::Stop {
                break;
            }
        }
        Ok(())
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

    #[derive(Debug, Clone)]
    enum Step {
        Insert(u8, u32),
        Update(u8, u32),
        Remove(u8),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (0u8..24, any::<u32>()).prop_map(|(id, text)| Step::Insert(id, text)),
            (0u8..24, any::<u32>()).prop_map(|(id, text)| Step::Update(id, text)),
            (0u8..24).prop_map(Step::Remove),
        ]
    }

    fn all(repository: &MemoryRepository<Note>, order: Order) -> Vec<Note> {
        repository.select(&|_| true, order, 0, usize::MAX).unwrap()
    }

    proptest! {
        /// The laws of `Repository`, against a model: a list that refuses taken keys.
        #[test]
        fn behaves_like_a_list_with_unique_keys(steps in proptest::collection::vec(step(), 0..96)) {
            let mut repository = MemoryRepository::default();
            let mut model: Vec<Note> = Vec::new();
            for step in steps {
                match step {
                    Step::Insert(id, text) => {
                        let taken = model.iter().any(|kept| kept.id == id);
                        prop_assert_eq!(repository.insert(Note { id, text }).is_err(), taken);
                        if !taken {
                            model.push(Note { id, text });
                        }
                    }
                    Step::Update(id, text) => {
                        let at = model.iter().position(|kept| kept.id == id);
                        prop_assert_eq!(repository.update(Note { id, text }).is_err(), at.is_none());
                        if let Some(at) = at {
                            model[at].text = text;
                        }
                    }
                    Step::Remove(id) => {
                        let at = model.iter().position(|kept| kept.id == id);
                        let removed = repository.remove(&id).unwrap();
                        prop_assert_eq!(removed, at.map(|at| model.remove(at)));
                    }
                }
                prop_assert_eq!(repository.len().unwrap(), model.len());
            }
            prop_assert_eq!(all(&repository, Order::OldestFirst), model.clone());
            prop_assert_eq!(
                all(&repository, Order::NewestFirst),
                model.iter().rev().cloned().collect::<Vec<_>>()
            );
            for note in &model {
                prop_assert_eq!(repository.get(&note.id).unwrap(), Some(note.clone()));
            }
        }
    }

    #[test]
    fn a_page_copies_only_the_records_asked_for() {
        let mut repository = MemoryRepository::default();
        for id in 0..10 {
            repository.insert(Note { id, text: 0 }).unwrap();
        }
        let even = |note: &Note| note.id.is_multiple_of(2);
        let page = repository.select(&even, Order::NewestFirst, 1, 2).unwrap();
        assert_eq!(page.iter().map(|n| n.id).collect::<Vec<_>>(), [6, 4]);
        assert_eq!(repository.count(&even).unwrap(), 5);
        assert_eq!(
            repository
                .find(&even, Order::OldestFirst)
                .unwrap()
                .map(|n| n.id),
            Some(0)
        );
        assert!(
            repository
                .select(&even, Order::OldestFirst, 0, 0)
                .unwrap()
                .is_empty()
        );
    }
}
