//! Station and EVSE ids made unique across feeds, deterministically.
//!
//! An id already taken by another party (another operator's feed, or the bundled stations)
//! is prefixed by the party, `country_code*party_id`, as eMI3 ids are (`48` →
//! `NL*FAS*48`). An id taken by the same party (a feed repeating its own id), or whose
//! prefixed form is taken too, gets the first free `-2`, `-3`, …. The first to claim an id
//! keeps it: the bundled stations, then the files in the order given, each in file order.

use std::collections::HashMap;

/// The ids taken so far, each with the party that took it (`None`: unknown or bundled).
#[derive(Debug, Default)]
pub(super) struct Ids {
    owners: HashMap<String, Option<String>>,
    /// The ids claimed since [`Ids::mark`], so a refused file can give them back.
    claimed: Vec<String>,
}

impl Ids {
    /// Reserves an id for its first owner (a bundled station), whatever it is.
    pub(super) fn reserve(&mut self, id: &str) {
        self.owners.entry(id.to_owned()).or_insert(None);
    }

    /// Takes `id` for `party`: `None` if it was free, else the id it is kept under.
    pub(super) fn claim(&mut self, id: &str, party: Option<&str>) -> Option<String> {
        let owner = match self.owners.get(id) {
            None => {
                self.take(id.to_owned(), party);
                return None;
            }
            Some(owner) => owner.clone(),
        };
        let other_party = party.is_some() && owner.as_deref() != party;
        let base = match party {
            Some(prefix) if other_party && !id.starts_with(&format!("{prefix}*")) => {
                format!("{prefix}*{id}")
            }
            _ => id.to_owned(),
        };
        if base != id && !self.owners.contains_key(&base) {
            self.take(base.clone(), party);
            return Some(base);
        }
        // One of the first `owners.len() + 1` numbers is free.
        let renamed = (2..=self.owners.len() + 2)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| !self.owners.contains_key(candidate))
            .unwrap_or(base);
        self.take(renamed.clone(), party);
        Some(renamed)
    }

    fn take(&mut self, id: String, party: Option<&str>) {
        self.claimed.push(id.clone());
        self.owners.insert(id, party.map(str::to_owned));
    }

    /// Starts a file: what it claims from now on can be given back.
    pub(super) fn mark(&mut self) {
        self.claimed.clear();
    }

    /// Gives back every id claimed since [`Ids::mark`].
    pub(super) fn release(&mut self) {
        for id in self.claimed.drain(..) {
            self.owners.remove(&id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_partys_id_is_prefixed_and_the_same_partys_numbered() {
        let mut ids = Ids::default();
        ids.reserve("48");
        assert_eq!(
            ids.claim("48", Some("NL*FAS")).as_deref(),
            Some("NL*FAS*48")
        );
        assert_eq!(
            ids.claim("48", Some("NL*FAS")).as_deref(),
            Some("NL*FAS*48-2")
        );
        assert_eq!(ids.claim("7", Some("NL*FAS")), None);
        assert_eq!(ids.claim("7", Some("NL*FAS")).as_deref(), Some("7-2"));
        assert_eq!(ids.claim("7", Some("DE*ABC")).as_deref(), Some("DE*ABC*7"));
        assert_eq!(ids.claim("7", None).as_deref(), Some("7-3"));
        // An eMI3 id already carrying the prefix is numbered, not prefixed twice.
        assert_eq!(ids.claim("NL*FAS*E1", Some("DE*ABC")), None);
        assert_eq!(
            ids.claim("NL*FAS*E1", Some("NL*FAS")).as_deref(),
            Some("NL*FAS*E1-2")
        );
    }

    #[test]
    fn a_refused_file_gives_its_ids_back() {
        let mut ids = Ids::default();
        ids.mark();
        assert_eq!(ids.claim("1", None), None);
        ids.release();
        assert_eq!(ids.claim("1", None), None);
    }
}
