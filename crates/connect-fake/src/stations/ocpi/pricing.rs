//! Price groups for OCPI stations: the OCPI tariff an EVSE's connectors name, converted
//! ([`super::tariff_bands`]), else a tariff drawn from the seed as for the bundled stations.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use connect_domain::json_path::join;
use connect_domain::station::{Evse, Station};
use connect_domain::tariff::PriceGroup;
use serde_json::Value;

use super::error::{OcpiError, OcpiErrorKind, OcpiWarning, OcpiWarningKind};
use super::tariff::OcpiTariff;
use super::tariff_bands::{Target, price_group};
use crate::stations::dataset;
use crate::stations::seed::Draw;
use crate::stations::tariffs::{Catalogue, pre_authorization};

/// Whether an element of a file is an OCPI tariff (it has `elements`) rather than a location.
pub(super) fn is_tariff(value: &Value) -> bool {
    value.get("elements").is_some()
}

/// The tariffs of every file, and the conversions made so far.
#[derive(Default)]
pub(super) struct TariffBook {
    /// Each tariff and the file it came from.
    entries: Vec<(usize, OcpiTariff)>,
    /// The group (for a placeholder EVSE), or why it cannot be made.
    converted: HashMap<ConversionKey, Result<PriceGroup, OcpiError>>,
}

/// (tariff, power bits, DC, country, partner): what a conversion depends on.
type ConversionKey = (usize, u64, bool, String, bool);

/// A warning and the file (by index) it concerns.
pub(super) type FileWarning = (usize, OcpiWarning);

impl TariffBook {
    /// How many there are: a file refused later gives back those after this.
    pub(super) fn mark(&self) -> usize {
        self.entries.len()
    }

    pub(super) fn release(&mut self, mark: usize) {
        self.entries.truncate(mark);
    }

    /// Reads and keeps a tariff of a file.
    ///
    /// # Errors
    /// The first value of the tariff that cannot be read.
    /// A tariff without `last_updated` takes `file_time` (its bands' `date_from` comes from
    /// it when there is no `start_date_time`), with the warning returned.
    pub(super) fn add(
        &mut self,
        file: usize,
        path: &str,
        value: &Value,
        file_time: DateTime<Utc>,
    ) -> Result<Option<OcpiWarning>, OcpiError> {
        let mut tariff = OcpiTariff::read(path, value)?;
        let defaulted = tariff.last_updated.is_none().then(|| {
            tariff.last_updated = Some(file_time);
            OcpiWarning {
                path: join(path, "last_updated"),
                kind: OcpiWarningKind::LastUpdatedDefaulted { used: file_time },
            }
        });
        self.entries.push((file, tariff));
        Ok(defaulted)
    }

    /// The tariff named `id`: the one of the station's party if several share the id.
    fn find(&self, id: &str, party: Option<&str>) -> Option<usize> {
        let mut same_id = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, (_, t))| t.id == id);
        let (first, _) = same_id.next()?;
        Some(
            same_id
                .find(|(_, (_, t))| party.is_some() && t.party.as_deref() == party)
                .map_or(first, |(i, _)| i),
        )
    }
}

/// The station whose EVSEs are priced.
pub(super) struct Pricing<'a> {
    pub(super) catalogue: &'a Catalogue,
    pub(super) seed: u64,
    /// The file the station came from, and its JSON path.
    pub(super) file: usize,
    pub(super) path: &'a str,
    pub(super) party: Option<&'a str>,
}

/// Gives the station its price groups: per tariff named (and EVSE power and current) one
/// converted group; the rest seeded. Says what it had to decide.
pub(super) fn price(
    station: &mut Station,
    tariff_ids: &[Vec<String>],
    book: &mut TariffBook,
    pricing: &Pricing<'_>,
) -> Vec<FileWarning> {
    let mut warnings: Vec<FileWarning> = Vec::new();
    // (tariff, power bits, DC) → EVSE ids, in EVSE order.
    let mut groups: Vec<((usize, u64, bool), Vec<String>)> = Vec::new();
    let mut unpriced: Vec<Evse> = Vec::new();
    for (i, evse) in station.evses.iter().enumerate() {
        let ids = tariff_ids.get(i).map_or(&[][..], Vec::as_slice);
        let power = evse.max_power_kw().unwrap_or(0.0);
        let key = ids
            .iter()
            .find_map(|id| book.find(id, pricing.party))
            .map(|tariff| (tariff, power.to_bits(), evse.is_dc()));
        let converted =
            key.filter(|&key| convert(book, key, station, pricing, &mut warnings).is_some());
        if let Some(key) = converted {
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, evse_ids)) => evse_ids.push(evse.evse_id.as_str().to_owned()),
                None => groups.push((key, vec![evse.evse_id.as_str().to_owned()])),
            }
            continue;
        }
        if key.is_none()
            && let Some(first) = ids.first()
        {
            warnings.push((
                pricing.file,
                OcpiWarning {
                    path: format!("{}[{i}]", join(pricing.path, "evses")),
                    kind: OcpiWarningKind::TariffNotFound {
                        tariff_id: first.clone(),
                    },
                },
            ));
        }
        unpriced.push(evse.clone());
    }
    for (key, evse_ids) in groups {
        // A group that could not be made leaves no EVSE without a price group.
        let power = f64::from_bits(key.1);
        let hold = pre_authorization(power).parse().unwrap_or_default();
        let group = convert(book, key, station, pricing, &mut warnings)
            .map(|group| group.for_evses(evse_ids.clone(), power, hold));
        match group {
            Some(group) => station.price_groups.push(group),
            None => unpriced.extend(
                station
                    .evses
                    .iter()
                    .filter(|e| evse_ids.iter().any(|id| id == e.evse_id.as_str()))
                    .cloned(),
            ),
        }
    }
    if !unpriced.is_empty() {
        let mut draw = Draw::new(pricing.seed, station.id.as_str());
        match dataset::price_groups(&mut draw, pricing.catalogue, &unpriced, station.is_partner) {
            Ok(groups) => station.price_groups.extend(groups),
            Err(error) => warnings.push((pricing.file, skipped(pricing.path, error.to_string()))),
        }
    }
    warnings
}

/// The converted group of a tariff for a station (made once per tariff, power, current,
/// country and partner flag: its warnings are reported once, against the tariff's file).
fn convert(
    book: &mut TariffBook,
    (tariff, power_bits, dc): (usize, u64, bool),
    station: &Station,
    pricing: &Pricing<'_>,
    warnings: &mut Vec<FileWarning>,
) -> Option<PriceGroup> {
    let cache_key = (
        tariff,
        power_bits,
        dc,
        station.country.clone(),
        station.is_partner,
    );
    if !book.converted.contains_key(&cache_key) {
        let (file, entry) = &book.entries[tariff];
        let target = Target {
            power_kw: f64::from_bits(power_bits),
            dc,
            country: &station.country,
            zone: station.zone,
            starting_fee: (!station.is_partner).then(|| pricing.catalogue.starting_fee()),
        };
        let mut notes = Vec::new();
        // A group that does not parse (bands the reader refuses) is a skipped tariff too.
        let result = price_group(entry, &target, &mut notes).and_then(|mut group| {
            group["evse_ids"] = serde_json::json!(["placeholder"]);
            PriceGroup::from_value(&group)
                .map(|parsed| parsed.value)
                .map_err(|error| {
                    OcpiError::new(
                        entry.path.clone(),
                        OcpiErrorKind::Unsupported {
                            what: error.to_string(),
                        },
                    )
                })
        });
        warnings.extend(notes.into_iter().map(|w| (*file, w)));
        if let Err(error) = &result {
            warnings.push((
                *file,
                OcpiWarning {
                    path: error.path.clone(),
                    kind: OcpiWarningKind::TariffSkipped {
                        error: error.clone(),
                    },
                },
            ));
        }
        book.converted.insert(cache_key.clone(), result);
    }
    book.converted.get(&cache_key)?.as_ref().ok().cloned()
}

fn skipped(path: &str, what: String) -> OcpiWarning {
    OcpiWarning {
        path: path.to_owned(),
        kind: OcpiWarningKind::TariffSkipped {
            error: OcpiError::new(path, OcpiErrorKind::Unsupported { what }),
        },
    }
}
