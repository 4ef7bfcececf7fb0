//! Station and EVSE ids made unique across feeds, deterministically.
//!
//! An id already taken by another party (another operator's feed, or the bundled stations)
//! is prefixed by the party, `country_code*party_id`, as eMI3 ids are (`48` →
//! `NL*FAS*48`). An id taken by the same party (a feed repeating its own id), or whose
//! prefixed form is taken too, gets the first free `-2`, `-3`, …. The first to claim an id
//! keeps it: the bundled stations, then the files in the order given, each in file order.

use std::collections::HashMap;

/// The ids taken so far: each with the party that took it (an index into `parties`;
/// `None`: unknown or bundled) and the file that took it (a refused file gives its ids
/// back). Nothing else is kept per id: a feed has hundreds of thousands of them.
#[derive(Debug, Default)]
pub(super) struct Ids {
    owners: HashMap<Box<str>, Owner>,
    parties: Vec<String>,
    /// The file claiming ids now.
    file: u32,
}

#[derive(Debug, Clone, Copy)]
struct Owner {
    party: Option<u32>,
    file: u32,
}

impl Ids {
    /// Reserves an id for its first owner (a bundled station), whatever it is.
    pub(super) fn reserve(&mut self, id: &str) {
        self.owners.entry(id.into()).or_insert(Owner {
            party: None,
            file: 0,
        });
    }

    /// Takes `id` for `party`: `None` if it was free, else the id it is kept under.
    pub(super) fn claim(&mut self, id: &str, party: Option<&str>) -> Option<String> {
        let party_index = party.map(|p| self.party_index(p));
        let Some(owner) = self.owners.get(id).copied() else {
            self.take(id.into(), party_index);
            return None;
        };
        let other_party = party_index.is_some() && owner.party != party_index;
        let base = match party {
            Some(prefix) if other_party && !id.starts_with(&format!("{prefix}*")) => {
                format!("{prefix}*{id}")
            }
            _ => id.to_owned(),
        };
        if base != id && !self.owners.contains_key(base.as_str()) {
            self.take(base.as_str().into(), party_index);
            return Some(base);
        }
        // One of the first `owners.len() + 1` numbers is free.
        let renamed = (2..=self.owners.len() + 2)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| !self.owners.contains_key(candidate.as_str()))
            .unwrap_or(base);
        self.take(renamed.as_str().into(), party_index);
        Some(renamed)
    }

    fn party_index(&mut self, party: &str) -> u32 {
        let index = self
            .parties
            .iter()
            .position(|p| p == party)
            .unwrap_or_else(|| {
                self.parties.push(party.to_owned());
                self.parties.len() - 1
            });
        u32::try_from(index).unwrap_or(u32::MAX)
    }

    fn take(&mut self, id: Box<str>, party: Option<u32>) {
        self.owners.insert(
            id,
            Owner {
                party,
                file: self.file,
            },
        );
    }

    /// Starts a file: what it claims from now on can be given back.
    pub(super) fn mark(&mut self) {
        self.file += 1;
    }

    /// Gives back every id claimed since [`Ids::mark`].
    pub(super) fn release(&mut self) {
        let file = self.file;
        self.owners.retain(|_, owner| owner.file != file);
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
