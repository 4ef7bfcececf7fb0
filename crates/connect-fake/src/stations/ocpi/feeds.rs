//! Any number of OCPI files loaded together, beside the bundled stations: forgiving by
//! default (a location that cannot be read is skipped with a warning), all-or-nothing when
//! strict (every error of the file reported at once); ids made unique across files
//! ([`super::ids`]); every message names its file.

use std::fmt;

use chrono::{DateTime, Utc};
use connect_domain::station::Station;

use super::document::{self, Element};
use super::error::{OcpiError, OcpiWarning, OcpiWarningKind};
use super::ids::Ids;
use super::location::{LocationRead, LocationReader};
use super::pricing::{self, Pricing, TariffBook};
use crate::stations::DatasetError;
use crate::stations::tariffs::Catalogue;

/// How feeds are loaded.
///
/// # Examples
/// ```
/// use connect_fake::stations::ocpi::FeedOptions;
/// let options = FeedOptions::default().strict(true).seed(7);
/// assert!(options.strict);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct FeedOptions {
    /// Refuse a whole file if any location in it cannot be read (reporting them all),
    /// instead of skipping those locations with a warning.
    pub strict: bool,
    /// The seed that draws a tariff for an EVSE without a known one, as for the bundled
    /// stations.
    pub seed: u64,
}

impl FeedOptions {
    /// With `strict` set.
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// With `seed` set.
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
}

/// A warning and the file it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedWarning {
    /// The file, as given to [`Feeds::add`].
    pub file: String,
    /// The warning, with its JSON path.
    pub warning: OcpiWarning,
}

impl fmt::Display for FeedWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.warning)
    }
}

/// A file that cannot be loaded: every error found in it, each with its JSON path.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct FeedError {
    /// The file.
    pub file: String,
    /// Its errors, in file order (one when the document itself cannot be read).
    pub errors: Vec<OcpiError>,
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.errors.as_slice() {
            [one] => write!(f, "{}: {one}", self.file),
            many => {
                write!(f, "{}: {} errors", self.file, many.len())?;
                for error in many {
                    write!(f, "\n  {error}")?;
                }
                Ok(())
            }
        }
    }
}

/// What one file gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct FileCounts {
    /// Locations loaded (as stations).
    pub locations: usize,
    /// EVSEs loaded.
    pub evses: usize,
    /// Tariffs read.
    pub tariffs: usize,
    /// Locations skipped because they cannot be read.
    pub skipped: usize,
    /// Tariffs skipped because they cannot be read.
    pub skipped_tariffs: usize,
    /// Locations not served because `publish` is false.
    pub hidden: usize,
}

/// A station read from a file, waiting for its price groups.
struct Loaded {
    station: Station,
    file: usize,
    path: String,
    party: Option<String>,
    tariff_ids: Vec<Vec<String>>,
}

/// OCPI files loaded together.
///
/// # Examples
/// ```
/// use connect_fake::stations::ocpi::{FeedOptions, Feeds};
/// let a = br#"[{"id": "1", "country": "NLD", "address": "A", "city": "Utrecht",
///   "coordinates": {"latitude": "52.09", "longitude": "5.12"},
///   "last_updated": "2025-01-01T00:00:00Z", "country_code": "NL", "party_id": "AAA",
///   "evses": [{"uid": "1", "evse_id": "NL*AAA*E1", "status": "AVAILABLE", "connectors": [
///     {"id": "1", "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE",
///      "max_voltage": 230, "max_amperage": 32}]}]}]"#;
/// let b = String::from_utf8_lossy(a).replace("AAA", "BBB");
/// let mut feeds = Feeds::new(FeedOptions::default());
/// let now = "2025-06-01T00:00:00Z".parse()?;
/// feeds.add("a.json", a, now)?;
/// feeds.add("b.json", b.as_bytes(), now)?;
/// let (stations, warnings) = feeds.finish()?;
/// assert_eq!(stations[1].id.as_str(), "NL*BBB*1"); // "1" was taken by a.json's party
/// assert_eq!(warnings[0].to_string(),
///     r#"b.json: [0].id: location id "1" already taken; kept as "NL*BBB*1""#);
/// assert!(!stations[1].price_groups.is_empty()); // a seeded tariff: it can be charged at
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Feeds {
    options: FeedOptions,
    files: Vec<String>,
    ids: Ids,
    evse_ids: Ids,
    loaded: Vec<Loaded>,
    tariffs: TariffBook,
    warnings: Vec<FeedWarning>,
}

impl Feeds {
    /// No files yet.
    pub fn new(options: FeedOptions) -> Self {
        Self {
            options,
            files: Vec::new(),
            ids: Ids::default(),
            evse_ids: Ids::default(),
            loaded: Vec::new(),
            tariffs: TariffBook::default(),
            warnings: Vec::new(),
        }
    }

    /// Keeps these stations' ids (the bundled stations, served beside the feeds): a feed's
    /// station or EVSE with the same id is renamed.
    pub fn reserve(&mut self, stations: &[Station]) {
        for station in stations {
            self.ids.reserve(station.id.as_str());
            for evse in &station.evses {
                self.evse_ids.reserve(evse.evse_id.as_str());
            }
        }
    }

    /// Loads one file (locations or tariffs); `file_time` stands in for a missing
    /// `last_updated` (the file's modification time is the best guess of when its data was
    /// written).
    ///
    /// # Errors
    /// [`FeedError`] when the document cannot be read at all, or, strict, with every
    /// location that cannot be read; nothing of the file is kept then.
    pub fn add(
        &mut self,
        file: &str,
        bytes: &[u8],
        file_time: DateTime<Utc>,
    ) -> Result<FileCounts, FeedError> {
        self.add_with(file, file_time, |each| document::read(bytes, each))
    }

    /// As [`add`](Self::add), reading from `source` (an open file) as a stream: the text is
    /// never held whole, so memory follows the stations made, not the file.
    ///
    /// # Errors
    /// As [`add`](Self::add); a read error is a document error.
    pub fn add_reader(
        &mut self,
        file: &str,
        source: impl std::io::Read,
        file_time: DateTime<Utc>,
    ) -> Result<FileCounts, FeedError> {
        let source = std::io::BufReader::with_capacity(1 << 16, source);
        self.add_with(file, file_time, |each| document::read_from(source, each))
    }

    fn add_with(
        &mut self,
        file: &str,
        file_time: DateTime<Utc>,
        read: impl FnOnce(&mut dyn FnMut(Element)) -> Result<(), OcpiError>,
    ) -> Result<FileCounts, FeedError> {
        let index = self.files.len();
        self.files.push(file.to_owned());
        self.ids.mark();
        self.evse_ids.mark();
        let (loaded_before, warned_before) = (self.loaded.len(), self.warnings.len());
        let tariffs_before = self.tariffs.mark();
        let mut reader = LocationReader {
            default_time: file_time,
            warnings: Vec::new(),
        };
        let mut counts = FileCounts::default();
        let mut errors = Vec::new();
        let read = read(&mut |element| {
            self.element(index, element, &mut reader, &mut counts, &mut errors);
        });
        let fatal = read.is_err();
        if let Err(error) = read {
            // After text that is not JSON nothing more of the file can be trusted.
            errors = vec![error];
        }
        if fatal || (self.options.strict && !errors.is_empty()) {
            self.ids.release();
            self.evse_ids.release();
            self.loaded.truncate(loaded_before);
            self.warnings.truncate(warned_before);
            self.tariffs.release(tariffs_before);
            return Err(FeedError {
                file: file.to_owned(),
                errors,
            });
        }
        Ok(counts)
    }

    fn element(
        &mut self,
        file: usize,
        element: Element,
        reader: &mut LocationReader,
        counts: &mut FileCounts,
        errors: &mut Vec<OcpiError>,
    ) {
        let Element {
            path,
            value,
            camel_case,
        } = element;
        if camel_case {
            self.warn(file, &path, OcpiWarningKind::CamelCaseKeys);
        }
        if pricing::is_tariff(&value) {
            match self.tariffs.add(file, &path, &value, reader.default_time) {
                Ok(defaulted) => {
                    counts.tariffs += 1;
                    if let Some(warning) = defaulted {
                        self.warn(file, &warning.path, warning.kind);
                    }
                }
                Err(error) => self.skip(file, error, errors, counts, true),
            }
            return;
        }
        match reader.location(&path, &value) {
            Ok(read) => self.keep(file, path, read, counts),
            Err(error) => self.skip(file, error, errors, counts, false),
        }
    }

    fn skip(
        &mut self,
        file: usize,
        error: OcpiError,
        errors: &mut Vec<OcpiError>,
        counts: &mut FileCounts,
        tariff: bool,
    ) {
        if tariff {
            counts.skipped_tariffs += 1;
        } else {
            counts.skipped += 1;
        }
        let path = error.path.clone();
        errors.push(error.clone());
        let kind = if tariff {
            OcpiWarningKind::TariffSkipped { error }
        } else {
            OcpiWarningKind::LocationSkipped { error }
        };
        self.warn(file, &path, kind);
    }

    fn keep(&mut self, file: usize, path: String, read: LocationRead, counts: &mut FileCounts) {
        let LocationRead {
            mut station,
            party,
            tariff_ids,
            published,
            warnings,
        } = read;
        for warning in warnings {
            self.warnings.push(FeedWarning {
                file: self.files[file].clone(),
                warning,
            });
        }
        if !published {
            counts.hidden += 1;
            self.warn(file, &path, OcpiWarningKind::Unpublished);
            return;
        }
        let id = station.id.as_str().to_owned();
        if let Some(renamed_to) = self.ids.claim(&id, party.as_deref()) {
            self.warn(
                file,
                &connect_domain::json_path::join(&path, "id"),
                OcpiWarningKind::DuplicateLocationId {
                    id,
                    renamed_to: renamed_to.clone(),
                },
            );
            station.id = connect_domain::station::StationId::new(renamed_to);
        }
        for (i, evse) in station.evses.iter_mut().enumerate() {
            let evse_id = evse.evse_id.as_str().to_owned();
            if let Some(renamed_to) = self.evse_ids.claim(&evse_id, party.as_deref()) {
                self.warnings.push(FeedWarning {
                    file: self.files[file].clone(),
                    warning: OcpiWarning {
                        path: format!(
                            "{path}{}evses[{i}].evse_id",
                            if path.is_empty() { "" } else { "." }
                        ),
                        kind: OcpiWarningKind::DuplicateEvseId {
                            evse_id,
                            renamed_to: renamed_to.clone(),
                        },
                    },
                });
                evse.evse_id = connect_domain::station::EvseId::new(renamed_to);
            }
        }
        counts.locations += 1;
        counts.evses += station.evses.len();
        self.loaded.push(Loaded {
            station,
            file,
            path,
            party,
            tariff_ids,
        });
    }

    fn warn(&mut self, file: usize, path: &str, kind: OcpiWarningKind) {
        self.warnings.push(FeedWarning {
            file: self.files[file].clone(),
            warning: OcpiWarning {
                path: path.to_owned(),
                kind,
            },
        });
    }

    /// Every warning so far, in file order.
    pub fn warnings(&self) -> &[FeedWarning] {
        &self.warnings
    }

    /// The stations of every file, in file order, each EVSE with a price group: the
    /// converted OCPI tariff its connectors name, else one drawn from the seed as for the
    /// bundled stations (with a warning when it named a tariff no file gave); and every
    /// warning.
    ///
    /// # Errors
    /// [`DatasetError`] if the bundled tariff catalogue is malformed (never for the file as
    /// committed).
    pub fn finish(mut self) -> Result<(Vec<Station>, Vec<FeedWarning>), DatasetError> {
        let catalogue = Catalogue::bundled()?;
        let mut stations = Vec::with_capacity(self.loaded.len());
        for loaded in std::mem::take(&mut self.loaded) {
            let Loaded {
                mut station,
                file,
                path,
                party,
                tariff_ids,
            } = loaded;
            let pricing = Pricing {
                catalogue: &catalogue,
                seed: self.options.seed,
                file,
                path: &path,
                party: party.as_deref(),
            };
            for (file, warning) in
                pricing::price(&mut station, &tariff_ids, &mut self.tariffs, &pricing)
            {
                self.warnings.push(FeedWarning {
                    file: self.files[file].clone(),
                    warning,
                });
            }
            stations.push(station);
        }
        Ok((stations, self.warnings))
    }

    /// The stations without price groups, and the warnings (for [`super::load`]).
    pub(super) fn into_locations(self) -> (Vec<Station>, Vec<OcpiWarning>) {
        (
            self.loaded.into_iter().map(|l| l.station).collect(),
            self.warnings.into_iter().map(|w| w.warning).collect(),
        )
    }
}
