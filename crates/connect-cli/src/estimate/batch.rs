//! `connect estimate --batch`: one request per input line, one JSON result per output line.

use std::hint::black_box;
use std::io::{self, BufRead, Write};

use serde::Serialize;

use super::Pricer;
use super::request::RequestError;

/// How far to take each line: everything, or (hidden, for measuring) only part of the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum Stage {
    /// Read and check each request (the price group included); write nothing.
    Parse,
    /// Read, check and price each request; write nothing.
    Price,
    /// Read, check, price and write each result.
    #[default]
    Write,
}

/// What a batch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Summary {
    /// Requests read (blank lines not counted).
    pub(crate) requests: u64,
    /// Requests that failed.
    pub(crate) failed: u64,
}

/// The output line for a request that failed.
#[derive(Serialize)]
struct LineError<'a> {
    line: u64,
    error: &'a RequestError,
}

/// Prices every non-blank line of `input` and writes one JSON line per request to `output`,
/// in order: the result (with its `line`), or `{"line": N, "error": {"field", "message"}}`.
///
/// # Errors
/// Only I/O errors reading `input` or writing `output`; a bad request is an error line.
pub(crate) fn run(
    input: &mut impl BufRead,
    output: &mut impl Write,
    stage: Stage,
) -> io::Result<Summary> {
    let mut pricer = Pricer::default();
    let mut summary = Summary::default();
    let mut buffer = Vec::with_capacity(4096);
    let mut number = 0_u64;
    loop {
        buffer.clear();
        if input.read_until(b'\n', &mut buffer)? == 0 {
            break;
        }
        number += 1;
        let line = buffer.trim_ascii();
        if line.is_empty() {
            continue;
        }
        summary.requests += 1;
        let result = std::str::from_utf8(line)
            .map_err(|error| RequestError::new("", format!("not valid UTF-8: {error}")))
            .and_then(|text| {
                let checked = pricer.check(text)?;
                match stage {
                    Stage::Parse => Ok(None),
                    Stage::Price | Stage::Write => checked.price().map(Some),
                }
            });
        match result {
            Ok(Some((mut estimate, _))) => {
                if stage == Stage::Write {
                    estimate.line = Some(number);
                    serde_json::to_writer(&mut *output, &estimate)?;
                    output.write_all(b"\n")?;
                } else {
                    black_box(estimate);
                }
            }
            Ok(None) => {}
            Err(error) => {
                summary.failed += 1;
                if stage == Stage::Write {
                    serde_json::to_writer(
                        &mut *output,
                        &LineError {
                            line: number,
                            error: &error,
                        },
                    )?;
                    output.write_all(b"\n")?;
                }
            }
        }
    }
    output.flush()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate::EXAMPLE;

    fn one_line(text: &str) -> String {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        value.to_string()
    }

    #[test]
    fn every_request_gets_one_line_in_order() {
        let good = one_line(EXAMPLE);
        let input = format!("{good}\n\n{{\"start\": 1}}\r\n{good}");
        let mut output = Vec::new();
        let summary = run(&mut input.as_bytes(), &mut output, Stage::Write).unwrap();
        assert_eq!(
            summary,
            Summary {
                requests: 3,
                failed: 1
            }
        );
        let lines: Vec<serde_json::Value> = String::from_utf8(output)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["line"], 1);
        assert_eq!(lines[0]["invoice_summary"], "6.48");
        assert_eq!(lines[1]["line"], 3);
        assert_eq!(lines[1]["error"]["field"], "start");
        assert_eq!(lines[2]["line"], 4);
    }

    #[test]
    fn invalid_utf8_fails_only_its_line() {
        let good = one_line(EXAMPLE);
        let mut input = b"\xff\xfe\n".to_vec();
        input.extend_from_slice(good.as_bytes());
        let mut output = Vec::new();
        let summary = run(&mut input.as_slice(), &mut output, Stage::Write).unwrap();
        assert_eq!(summary.failed, 1);
        assert_eq!(String::from_utf8(output).unwrap().lines().count(), 2);
    }
}
