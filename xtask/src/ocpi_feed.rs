//! `cargo xtask ocpi-feed [--mb N] OUT`: a large OCPI `locations` feed for measuring the
//! sandbox's loader (start-up time and peak memory of `connect sandbox serve --ocpi OUT`).
//! The real fixtures of `crates/connect-fake/tests/data/ocpi/` (Fastned 2.1.1, PowerGo 2.2)
//! are repeated, each copy with new location, EVSE and uid ids (`-r<k>`) and moved a few
//! metres, until the file reaches N MB (default 50).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use serde_json::Value;

const FIXTURES: [&str; 2] = [
    "crates/connect-fake/tests/data/ocpi/ocpi_2_1_1_locations-fastned.json",
    "crates/connect-fake/tests/data/ocpi/ocpi_2_2_locations_powergo.json",
];

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let (megabytes, out) = match args {
        [flag, mb, out] if flag == "--mb" => (
            mb.parse::<u64>()
                .map_err(|_| format!("--mb {mb:?} is not a number"))?,
            out,
        ),
        [out] => (50, out),
        _ => return Err("usage: cargo xtask ocpi-feed [--mb N] OUT".into()),
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut locations: Vec<Value> = Vec::new();
    for fixture in FIXTURES {
        let text =
            std::fs::read_to_string(root.join(fixture)).map_err(|e| format!("{fixture}: {e}"))?;
        let document: Value = serde_json::from_str(&text).map_err(|e| format!("{fixture}: {e}"))?;
        match document.get("data") {
            Some(Value::Array(list)) => locations.extend(list.iter().cloned()),
            _ => return Err(format!("{fixture}: no data array")),
        }
    }
    let target = megabytes * 1_000_000;
    let file = File::create(out).map_err(|e| format!("{out}: {e}"))?;
    let mut writer = Counting {
        inner: BufWriter::new(file),
        written: 0,
    };
    let fail = |e: std::io::Error| format!("{out}: {e}");
    writer
        .write_all(b"{\"status_code\": 1000, \"data\": [")
        .map_err(fail)?;
    let mut copy = 0_u64;
    let mut first = true;
    while writer.written < target {
        copy += 1;
        for location in &locations {
            if !first {
                writer.write_all(b",").map_err(fail)?;
            }
            first = false;
            serde_json::to_writer(&mut writer, &renamed(location, copy))
                .map_err(|e| format!("{out}: {e}"))?;
        }
    }
    writer.write_all(b"]}\n").map_err(fail)?;
    writer.inner.flush().map_err(fail)?;
    eprintln!(
        "xtask ocpi-feed: {out}: {} bytes, {} locations ({copy} copies of {})",
        writer.written,
        copy * locations.len() as u64,
        locations.len()
    );
    Ok(())
}

/// The location with `-r<copy>` on its ids and moved `copy` × ~10 m north.
fn renamed(location: &Value, copy: u64) -> Value {
    let mut location = location.clone();
    let suffix = format!("-r{copy}");
    let append = |value: &mut Value| {
        if let Some(text) = value.as_str() {
            *value = Value::from(format!("{text}{suffix}"));
        }
    };
    if let Some(id) = location.get_mut("id") {
        append(id);
    }
    if let Some(Value::Array(evses)) = location.get_mut("evses") {
        for evse in evses {
            for field in ["uid", "evse_id"] {
                if let Some(value) = evse.get_mut(field) {
                    append(value);
                }
            }
        }
    }
    if let Some(latitude) = location.pointer_mut("/coordinates/latitude") {
        let moved = match &*latitude {
            Value::String(text) => text.parse::<f64>().ok(),
            Value::Number(number) => number.as_f64(),
            _ => None,
        }
        .map(|lat| {
            (lat + 0.0001 * f64::from(u32::try_from(copy % 100).unwrap_or(0))).clamp(-90.0, 90.0)
        });
        if let Some(lat) = moved {
            *latitude = Value::from(format!("{lat:.6}"));
        }
    }
    location
}

/// A writer that counts the bytes it wrote.
struct Counting<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
