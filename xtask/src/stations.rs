//! `cargo xtask stations [--check]`: converts the Bundesnetzagentur's charging register
//! (`data/bnetza/ladesaeulenregister-2019-07-19.csv`) into the sandbox's station file
//! (`crates/connect-fake/data/stations.tsv`, format in the `README.md` beside it).
//!
//! The conversion is a pure function of the CSV text ([`convert`]): the same input gives the
//! same bytes on every run and machine. `--check` converts and compares with the committed
//! file instead of writing it; a test does the same.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The register extract, relative to the workspace root.
const SOURCE: &str = "data/bnetza/ladesaeulenregister-2019-07-19.csv";
/// The station file, relative to the workspace root.
const TARGET: &str = "crates/connect-fake/data/stations.tsv";

/// Operator codes the sandbox's own stations use (the documented example station and the
/// virtual charging points): never given to a register operator, so EVSE ids stay unique.
const RESERVED_CODES: &[&str] = &["CIQ", "PWA", "EUL"];

/// The columns of the register, in order.
const HEADER: [&str; 22] = [
    "Betreiber",
    "Adresse",
    "Postleitzahl Ort",
    "Bundesland",
    "Längengrad [DG]",
    "Breitengrad [DG]",
    "Inbetriebnahmedatum",
    "Anschlussleistung [kW]",
    "Art der Ladeeinrichtung",
    "Anzahl Ladepunkte",
    "Steckertypen1",
    "P1 [kW]",
    "Public Key1",
    "Steckertypen2",
    "P2 [kW]",
    "Public Key2",
    "Steckertypen3",
    "P3 [kW]",
    "Public Key3",
    "Steckertypen4",
    "P4 [kW]",
    "Public Key4",
];

/// Runs the task: `args` are the arguments after `stations`.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err("usage: cargo xtask stations [--check]".to_owned()),
    };
    let root = workspace_root();
    let source = root.join(SOURCE);
    let target = root.join(TARGET);
    let csv = read(&source)?;
    let converted = convert(&csv)?;
    if check {
        let committed = read(&target)?;
        if committed == converted {
            println!("stations: {TARGET} is up to date");
            Ok(())
        } else {
            Err(format!(
                "{TARGET} differs from what `cargo xtask stations` makes of {SOURCE}; run it"
            ))
        }
    } else {
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
        }
        std::fs::write(&target, &converted)
            .map_err(|error| format!("cannot write {}: {error}", target.display()))?;
        let stations = converted.lines().filter(|l| l.starts_with("S\t")).count();
        println!(
            "stations: wrote {TARGET}: {stations} stations, {} bytes",
            converted.len()
        );
        Ok(())
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))
}

/// One charging device of the register.
struct Device {
    operator: String,
    street: String,
    postcode: String,
    city: String,
    latitude: String,
    longitude: String,
    /// Per charge point: plug codes and power.
    charge_points: Vec<(Vec<String>, String)>,
}

/// Converts the register's CSV text into the station file's text.
///
/// # Errors
/// A message naming the row (1 = the first device) and column of the first cell that
/// cannot be read.
pub(crate) fn convert(csv_text: &str) -> Result<String, String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(true)
        .from_reader(csv_text.as_bytes());
    let header = reader
        .headers()
        .map_err(|error| format!("header: {error}"))?
        .clone();
    if header.iter().collect::<Vec<_>>() != HEADER {
        return Err(format!(
            "header: expected the 22 columns of the 2019 register, found {:?}",
            header.iter().collect::<Vec<_>>()
        ));
    }
    let mut devices = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let row = index + 1;
        let record = record.map_err(|error| format!("row {row}: {error}"))?;
        devices.push(device(row, &record)?);
    }
    let codes = operator_codes(&devices);
    Ok(write(&devices, &codes))
}

fn device(row: usize, record: &csv::StringRecord) -> Result<Device, String> {
    let cell = |column: usize| record.get(column).unwrap_or_default().trim();
    let fail = |column: usize, what: &str| {
        format!(
            "row {row}, column {:?}: {what}: {:?}",
            HEADER[column],
            cell(column)
        )
    };
    let operator = cell(0).to_owned();
    let street = cell(1).to_owned();
    if operator.is_empty() {
        return Err(fail(0, "empty"));
    }
    if street.is_empty() {
        return Err(fail(1, "empty"));
    }
    let place = cell(2);
    let (postcode, city) = place
        .split_once(char::is_whitespace)
        .map(|(postcode, city)| (postcode.to_owned(), city.trim().to_owned()))
        .filter(|(postcode, city)| !city.is_empty() && postcode.chars().all(|c| c.is_ascii_digit()))
        .ok_or_else(|| fail(2, "expected a postcode and a city"))?;
    let latitude = coordinate(cell(5), 90.0).ok_or_else(|| fail(5, "not a latitude"))?;
    let longitude = coordinate(cell(4), 180.0).ok_or_else(|| fail(4, "not a longitude"))?;
    let count: usize = cell(9)
        .parse()
        .ok()
        .filter(|n| (1..=4).contains(n))
        .ok_or_else(|| fail(9, "expected 1 to 4 charge points"))?;
    // The first `count` charge point columns; a power in a column beyond the count (four
    // rows have one, `0` or a repeated power without plugs) is not a charge point.
    let mut charge_points = Vec::with_capacity(count);
    for point in 0..count {
        let (plugs_column, power_column) = (10 + 3 * point, 11 + 3 * point);
        let plugs: Vec<String> = cell(plugs_column)
            .split(',')
            .map(str::trim)
            .filter(|plug| !plug.is_empty())
            .map(plug_code)
            .collect();
        if plugs.is_empty() {
            return Err(fail(plugs_column, "no plug type"));
        }
        let power = cell(power_column)
            .parse::<f64>()
            .ok()
            .filter(|power| power.is_finite() && *power >= 0.0)
            .ok_or_else(|| fail(power_column, "not a power in kW"))?;
        charge_points.push((plugs, format!("{power}")));
    }
    Ok(Device {
        operator,
        street,
        postcode,
        city,
        latitude,
        longitude,
        charge_points,
    })
}

/// A coordinate rounded to 6 decimals (about 0.1 m), trailing zeros dropped.
fn coordinate(text: &str, limit: f64) -> Option<String> {
    let value: f64 = text.parse().ok()?;
    if !value.is_finite() || value.abs() > limit {
        return None;
    }
    let fixed = format!("{value:.6}");
    let trimmed = fixed.trim_end_matches('0').trim_end_matches('.');
    Some(if trimmed == "-0" { "0" } else { trimmed }.to_owned())
}

/// The file's code for a plug type of the register (see the README beside the file).
fn plug_code(text: &str) -> String {
    let lower = text.to_lowercase();
    let kind = lower
        .strip_prefix("ac ")
        .or_else(|| lower.strip_prefix("dc "))
        .unwrap_or(&lower)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let code = match kind.as_str() {
        "steckdose typ 2" => "T2",
        "kupplung typ 2" => "T2K",
        "steckdose typ 1" => "T1",
        "kupplung typ 1" => "T1K",
        "kupplung combo" | "combo" => "CCS",
        "chademo" => "CHA",
        "schuko" => "SCH",
        "cee 3 polig" => "CEE3",
        "cee 5 polig" => "CEE5",
        _ => return format!("?{}", escape(text)),
    };
    code.to_owned()
}

/// Percent-escapes the characters the file uses as separators.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' | ' ' | '+' | '@' | '\t' | '\n' | '\r' => {
                let mut buffer = [0; 4];
                for byte in c.encode_utf8(&mut buffer).bytes() {
                    let _ = write!(out, "%{byte:02X}");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A three-letter code per operator, unique, derived from its name. Operators with more
/// devices choose first (ties by name), so the large ones get the most telling codes.
fn operator_codes(devices: &[Device]) -> HashMap<String, String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for device in devices {
        *counts.entry(device.operator.as_str()).or_default() += 1;
    }
    let mut order: Vec<(&str, usize)> = counts.into_iter().collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut taken: HashSet<String> = RESERVED_CODES.iter().map(|&c| c.to_owned()).collect();
    let mut codes = HashMap::new();
    for (name, _) in order {
        let code = candidates(name)
            .into_iter()
            .chain(all_codes_from(fnv1a(name)))
            .find(|code| !taken.contains(code))
            .unwrap_or_else(|| "XXX".to_owned());
        taken.insert(code.clone());
        codes.insert(name.to_owned(), code);
    }
    codes
}

/// Words that do not make an operator recognisable.
const STOP_WORDS: &[&str] = &[
    "GMBH",
    "MBH",
    "AG",
    "KG",
    "CO",
    "UG",
    "EV",
    "E",
    "V",
    "SE",
    "OHG",
    "GBR",
    "KGAA",
    "LTD",
    "INC",
    "BV",
    "NV",
    "UND",
    "FUER",
    "DER",
    "DIE",
    "DAS",
    "DES",
    "VON",
    "MIT",
    "HAFTUNGSBESCHRAENKT",
];

/// Codes for a name, most telling first: an acronym it starts with (`MVV Energie AG` →
/// `MVV`), the initials of three words, first letter of the first word and two of the
/// second, the first three letters, then any letters of the name in order.
fn candidates(name: &str) -> Vec<String> {
    let words: Vec<(String, bool)> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            let acronym = word.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && word.chars().all(|c| !c.is_lowercase());
            (fold(word), acronym)
        })
        .filter(|(word, _)| !word.is_empty())
        .collect();
    let significant: Vec<&(String, bool)> = words
        .iter()
        .filter(|(word, _)| !STOP_WORDS.contains(&word.as_str()))
        .collect();
    let words: Vec<&(String, bool)> = if significant.is_empty() {
        words.iter().collect()
    } else {
        significant
    };
    let letters = |word: &str, n: usize| word.chars().take(n).collect::<String>();
    let mut out = Vec::new();
    if let Some((first, true)) = words.first() {
        out.push(letters(first, 3));
    }
    if words.len() >= 3 {
        out.push(words.iter().take(3).map(|(w, _)| letters(w, 1)).collect());
    }
    if let [first, second, ..] = words.as_slice() {
        out.push(letters(&first.0, 1) + &letters(&second.0, 2));
    }
    if let Some((first, _)) = words.first() {
        out.push(letters(first, 3));
    }
    if let [first, second, ..] = words.as_slice() {
        out.push(letters(&first.0, 2) + &letters(&second.0, 1));
    }
    let all: Vec<char> = words.iter().flat_map(|(w, _)| w.chars()).collect();
    if let Some(&head) = all.first() {
        for i in 1..all.len() {
            for j in i + 1..all.len() {
                out.push([head, all[i], all[j]].iter().collect());
            }
        }
    }
    out.retain(|code| code.len() == 3);
    out
}

/// Upper-case ASCII letters of a word, umlauts and accents folded (`Ä` → `A`, `ß` → `S`).
fn fold(word: &str) -> String {
    word.chars()
        .filter_map(|c| {
            let c = match c {
                'ä' | 'Ä' | 'á' | 'à' | 'â' | 'Á' | 'À' | 'Â' => 'A',
                'ö' | 'Ö' | 'ó' | 'ò' | 'ô' | 'Ó' | 'Ò' | 'Ô' => 'O',
                'ü' | 'Ü' | 'ú' | 'ù' | 'û' | 'Ú' | 'Ù' | 'Û' => 'U',
                'é' | 'è' | 'ê' | 'É' | 'È' | 'Ê' => 'E',
                'í' | 'ì' | 'î' | 'Í' | 'Ì' | 'Î' => 'I',
                'ç' | 'Ç' => 'C',
                'ß' => 'S',
                other => other,
            };
            c.is_ascii_alphabetic().then(|| c.to_ascii_uppercase())
        })
        .collect()
}

/// Every code `AAA` … `ZZZ`, starting at `start` (mod 26³) and wrapping around.
fn all_codes_from(start: u64) -> impl Iterator<Item = String> {
    const TOTAL: u64 = 26 * 26 * 26;
    (0..TOTAL).map(move |offset| {
        let n = (start + offset) % TOTAL;
        [n / 676, (n / 26) % 26, n % 26]
            .iter()
            .map(|&digit| char::from(b'A' + u8::try_from(digit).unwrap_or(0)))
            .collect()
    })
}

/// FNV-1a, 64 bits: a hash that never changes between runs, versions or machines.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn write(devices: &[Device], codes: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(600_000);
    out.push_str(
        "# The sandbox's charging stations, made by `cargo xtask stations` from\n\
         # data/bnetza/ladesaeulenregister-2019-07-19.csv: do not edit, re-run it.\n\
         # Datenquelle: Ladesäulenregister der Bundesnetzagentur (bundesnetzagentur.de), \
         Stand 19.07.2019, lizenziert unter CC BY 4.0\n\
         # Format (README.md beside this file): tab-separated;\n\
         # O <code> <operator name>\n\
         # S <station id> <street> <postcode> <city> <latitude> <longitude> <charge points>\n\
         # An empty S cell repeats the previous S line's. Station id DE*<code>*E<device number>,\n\
         # its EVSE ids <station id>*<n>. Charge points: space-separated PLUG[+PLUG…]@kW[xN].\n",
    );
    let mut operators: Vec<(&String, &String)> =
        codes.iter().map(|(name, code)| (code, name)).collect();
    operators.sort();
    for (code, name) in operators {
        let _ = writeln!(out, "O\t{code}\t{name}");
    }
    let mut previous: Option<&Device> = None;
    for (index, device) in devices.iter().enumerate() {
        let code = codes.get(&device.operator).map_or("XXX", String::as_str);
        let same = |field: fn(&Device) -> &String| {
            previous.is_some_and(|previous| field(previous) == field(device))
        };
        let cell = |field: fn(&Device) -> &String| -> &str {
            if same(field) { "" } else { field(device) }
        };
        let charge_points = charge_points(&device.charge_points);
        let _ = writeln!(
            out,
            "S\tDE*{code}*E{}\t{}\t{}\t{}\t{}\t{}\t{charge_points}",
            index + 1,
            cell(|d| &d.street),
            cell(|d| &d.postcode),
            cell(|d| &d.city),
            cell(|d| &d.latitude),
            cell(|d| &d.longitude),
        );
        previous = Some(device);
    }
    out
}

/// Charge points as `PLUG[+PLUG…]@kW`, space-separated; a run of `n` equal consecutive
/// charge points is written once with `xn` (`T2@22x2`).
fn charge_points(points: &[(Vec<String>, String)]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < points.len() {
        let run = points[i..].iter().take_while(|p| **p == points[i]).count();
        let (plugs, power) = &points[i];
        let repeat = if run > 1 {
            format!("x{run}")
        } else {
            String::new()
        };
        out.push(format!("{}@{power}{repeat}", plugs.join("+")));
        i += run;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn the_committed_station_file_is_what_the_converter_produces() {
        let root = workspace_root();
        let csv = read(&root.join(SOURCE)).unwrap();
        let committed = read(&root.join(TARGET)).unwrap();
        let converted = convert(&csv).unwrap();
        assert!(
            converted == committed,
            "{TARGET} is stale: run `cargo xtask stations`"
        );
        // Deterministic: a second run gives the same bytes.
        assert_eq!(convert(&csv).unwrap(), converted);
    }

    #[test]
    fn every_device_is_converted_with_a_unique_station_and_operator_code() {
        let csv = read(&workspace_root().join(SOURCE)).unwrap();
        let converted = convert(&csv).unwrap();
        let stations: Vec<&str> = converted
            .lines()
            .filter(|line| line.starts_with("S\t"))
            .map(|line| line.split('\t').nth(1).unwrap())
            .collect();
        assert_eq!(stations.len(), 9_690);
        assert_eq!(stations.iter().collect::<HashSet<_>>().len(), 9_690);
        let operators: Vec<(&str, &str)> = converted
            .lines()
            .filter(|line| line.starts_with("O\t"))
            .map(|line| {
                let mut cells = line.split('\t').skip(1);
                (cells.next().unwrap(), cells.next().unwrap())
            })
            .collect();
        assert_eq!(operators.len(), 1_229);
        let codes: HashSet<&str> = operators.iter().map(|o| o.0).collect();
        assert_eq!(codes.len(), 1_229, "one code per operator");
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
        );
        assert!(RESERVED_CODES.iter().all(|c| !codes.contains(c)));
        let code_of = |name: &str| operators.iter().find(|o| o.1 == name).unwrap().0;
        assert_eq!(code_of("MVV Energie AG"), "MVV");
        assert!(converted.len() < 700_000, "{} bytes", converted.len());
    }

    #[test]
    fn plug_types_map_to_codes_and_unknown_ones_are_kept_escaped() {
        assert_eq!(plug_code("AC Steckdose Typ 2"), "T2");
        assert_eq!(plug_code("AC Kupplung Typ 2"), "T2K");
        assert_eq!(plug_code("DC Kupplung Combo"), "CCS");
        assert_eq!(plug_code("DC CHAdeMO"), "CHA");
        assert_eq!(plug_code("AC Schuko"), "SCH");
        assert_eq!(plug_code("AC CEE 3 polig"), "CEE3");
        assert_eq!(plug_code("AC CEE 5 polig"), "CEE5");
        assert_eq!(plug_code("Steckdose Typ 1"), "T1");
        assert_eq!(plug_code("0"), "?0");
        assert_eq!(plug_code("Tesla 100% @home"), "?Tesla%20100%25%20%40home");
    }

    #[test]
    fn quirky_rows_convert_and_bad_ones_name_row_and_column() {
        let header = HEADER.join(";");
        let row = |rest: &str| format!("{header}\n{rest}\n");
        // Postcode and city separated by a no-break space; a stray power beyond the count.
        let ok = convert(&row(
            "Stadtwerke Test GmbH ;Hauptstr. 1;64319 \u{a0}Pfungstadt;Hessen;8.6;49.8;2019-01-01;22;\
             Normalladeeinrichtung;1;AC Steckdose Typ 2, 0;22;;;22;;;;;;;",
        ))
        .unwrap();
        let line = ok.lines().find(|l| l.starts_with("S\t")).unwrap();
        assert_eq!(
            line,
            "S\tDE*STE*E1\tHauptstr. 1\t64319\tPfungstadt\t49.8\t8.6\tT2+?0@22"
        );
        let bad = convert(&row(
            "X;Y;12345 Z;Hessen;8.6;91;2019-01-01;22;Normalladeeinrichtung;1;AC Schuko;3.7;;;;;;;;;;",
        ))
        .unwrap_err();
        assert!(
            bad.contains("row 1") && bad.contains("Breitengrad"),
            "{bad}"
        );
    }

    #[test]
    fn runs_of_equal_charge_points_are_written_once() {
        let t2 = (vec!["T2".to_owned()], "22".to_owned());
        let sch = (vec!["T2".to_owned(), "SCH".to_owned()], "3.7".to_owned());
        assert_eq!(charge_points(&[t2.clone(), t2.clone()]), "T2@22x2");
        assert_eq!(
            charge_points(&[t2.clone(), sch.clone(), sch, t2]),
            "T2@22 T2+SCH@3.7x2 T2@22"
        );
    }

    #[test]
    fn operator_codes_are_unique_even_for_similar_names() {
        let names = [
            "Stadtwerke Aalen",
            "Stadtwerke Aachen",
            "Stadtwerke Aalen GmbH",
            "S A A",
        ];
        let devices: Vec<Device> = names
            .iter()
            .map(|name| Device {
                operator: (*name).to_owned(),
                street: String::new(),
                postcode: String::new(),
                city: String::new(),
                latitude: String::new(),
                longitude: String::new(),
                charge_points: Vec::new(),
            })
            .collect();
        let codes = operator_codes(&devices);
        let distinct: HashSet<&String> = codes.values().collect();
        assert_eq!(distinct.len(), names.len(), "{codes:?}");
    }
}
