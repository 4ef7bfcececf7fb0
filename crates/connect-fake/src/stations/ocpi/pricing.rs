//! Price groups for OCPI stations: the OCPI tariff an EVSE's connectors name, converted
//! ([`super::tariff`]), else a tariff drawn from the seed as for the bundled stations.

use connect_domain::json_path::join;
use connect_domain::station::{Evse, Station};
use serde_json::Value;

use super::error::{OcpiError, OcpiErrorKind, OcpiWarning, OcpiWarningKind};
use super::read::{object, required_text};
use crate::stations::dataset;
use crate::stations::seed::Draw;
use crate::stations::tariffs::Catalogue;

/// Whether an element of a file is an OCPI tariff (it has `elements`) rather than a location.
pub(super) fn is_tariff(value: &Value) -> bool {
    value.get("elements").is_some()
}

/// A tariff as read, converted when a station names it (VAT and bands depend on the
/// station's country and power).
pub(super) struct TariffEntry {
    pub(super) id: String,
    /// `country_code*party_id` (OCPI 2.2), upper case.
    pub(super) party: Option<String>,
    #[allow(dead_code)] // read by the conversion (next)
    pub(super) path: String,
    #[allow(dead_code)]
    pub(super) value: Value,
}

/// The tariffs of every file.
#[derive(Default)]
pub(super) struct TariffBook {
    entries: Vec<TariffEntry>,
}

impl TariffBook {
    /// How many there are: a file refused later gives back those after this.
    pub(super) fn mark(&self) -> usize {
        self.entries.len()
    }

    pub(super) fn release(&mut self, mark: usize) {
        self.entries.truncate(mark);
    }

    /// Keeps a tariff of a file.
    ///
    /// # Errors
    /// A tariff without an `id` cannot be named by any EVSE.
    pub(super) fn add(&mut self, _file: usize, path: &str, value: Value) -> Result<(), OcpiError> {
        let map = object(path, &value)?;
        let id = required_text(path, map, "id")?;
        let text = |field: &str| map.get(field).and_then(Value::as_str).map(str::trim);
        let party = match (text("country_code"), text("party_id")) {
            (Some(country), Some(party)) if !country.is_empty() && !party.is_empty() => {
                Some(format!("{country}*{party}").to_uppercase())
            }
            _ => None,
        };
        self.entries.push(TariffEntry {
            id,
            party,
            path: path.to_owned(),
            value,
        });
        Ok(())
    }

    /// The tariff named `id`: the one of the same party if several share the id.
    pub(super) fn find(&self, id: &str, party: Option<&str>) -> Option<&TariffEntry> {
        let mut candidates = self.entries.iter().filter(|t| t.id == id);
        let first = candidates.next()?;
        if first.party.as_deref() == party || party.is_none() {
            return Some(first);
        }
        candidates
            .find(|t| t.party.as_deref() == party)
            .or(Some(first))
    }
}

/// Gives the station its price groups, and says what it had to decide.
pub(super) fn price(
    station: &mut Station,
    tariff_ids: &[Vec<String>],
    book: &TariffBook,
    catalogue: &Catalogue,
    seed: u64,
    path: &str,
) -> Vec<OcpiWarning> {
    let mut warnings = Vec::new();
    let mut unpriced: Vec<Evse> = Vec::new();
    for (i, evse) in station.evses.iter().enumerate() {
        let ids = tariff_ids.get(i).map_or(&[][..], Vec::as_slice);
        let known = ids.iter().find(|id| book.find(id, None).is_some());
        if known.is_none()
            && let Some(first) = ids.first()
        {
            warnings.push(OcpiWarning {
                path: format!("{}[{i}]", join(path, "evses")),
                kind: OcpiWarningKind::TariffNotFound {
                    tariff_id: first.clone(),
                },
            });
        }
        unpriced.push(evse.clone());
    }
    let mut draw = Draw::new(seed, station.id.as_str());
    match dataset::price_groups(&mut draw, catalogue, &unpriced, station.is_partner) {
        Ok(groups) => station.price_groups.extend(groups),
        Err(error) => warnings.push(OcpiWarning {
            path: path.to_owned(),
            kind: OcpiWarningKind::TariffSkipped {
                error: OcpiError::new(
                    path,
                    OcpiErrorKind::Unsupported {
                        what: error.to_string(),
                    },
                ),
            },
        }),
    }
    warnings
}
