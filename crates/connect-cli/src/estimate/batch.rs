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

/// The longest line read by default: 4 MiB, far above any real request (a station's price
/// group is a few kilobytes) and far below what would strain memory.
pub(crate) const DEFAULT_MAX_LINE_BYTES: usize = 4 << 20;

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

/// What reading one line gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    /// The input has ended.
    End,
    /// A line, in the buffer (with its terminator, if any).
    Read,
    /// A line longer than the limit: skipped to its end, the buffer left empty.
    TooLong {
        /// How long it was, terminator included.
        bytes: u64,
    },
}

/// Reads one line into `buffer`, never holding more than `max_bytes` (plus a `\r\n`) of it:
/// a longer line is read to its end and dropped, so that one huge line costs time, not
/// memory (`read_until` would grow the buffer to the whole line, and abort the process
/// when the allocation fails).
fn read_line(input: &mut impl BufRead, buffer: &mut Vec<u8>, max_bytes: usize) -> io::Result<Line> {
    buffer.clear();
    let keep = max_bytes.saturating_add(2);
    let mut total = 0_u64;
    let mut too_long = false;
    loop {
        let available = match input.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            break;
        }
        let (chunk, ends) = match available.iter().position(|&byte| byte == b'\n') {
            Some(at) => (&available[..=at], true),
            None => (available, false),
        };
        let length = chunk.len();
        total += length as u64;
        if !too_long && buffer.len() + length <= keep {
            buffer.extend_from_slice(chunk);
        } else {
            too_long = true;
            buffer.clear();
        }
        input.consume(length);
        if ends {
            break;
        }
    }
    let content = buffer
        .strip_suffix(b"\n")
        .map_or(&buffer[..], |line| line.strip_suffix(b"\r").unwrap_or(line));
    Ok(if total == 0 {
        Line::End
    } else if too_long || content.len() > max_bytes {
        buffer.clear();
        Line::TooLong { bytes: total }
    } else {
        Line::Read
    })
}

/// Prices every non-blank line of `input` and writes one JSON line per request to `output`,
/// in order: the result (with its `line`), or `{"line": N, "error": {"field", "message"}}`.
/// A line longer than `max_line_bytes` is an error line too, and reading goes on after it.
///
/// # Errors
/// Only I/O errors reading `input` or writing `output`; a bad request is an error line.
pub(crate) fn run(
    input: &mut impl BufRead,
    output: &mut impl Write,
    stage: Stage,
    max_line_bytes: usize,
) -> io::Result<Summary> {
    let mut pricer = Pricer::default();
    let mut summary = Summary::default();
    let mut buffer = Vec::with_capacity(4096.min(max_line_bytes + 2));
    let mut number = 0_u64;
    loop {
        let read = read_line(input, &mut buffer, max_line_bytes)?;
        if read == Line::End {
            break;
        }
        number += 1;
        let line = buffer.strip_prefix(BOM).unwrap_or(&buffer).trim_ascii();
        if line.is_empty() && read == Line::Read {
            continue;
        }
        summary.requests += 1;
        let result = match read {
            Line::TooLong { bytes } => Err(RequestError::new(
                "",
                format!(
                    "the line is {bytes} bytes, longer than the limit of {max_line_bytes} (--max-line-bytes)"
                ),
            )),
            _ => std::str::from_utf8(line)
                .map_err(|error| RequestError::new("", format!("not valid UTF-8: {error}")))
                .and_then(|text| {
                    let checked = pricer.check(text).map_err(|e| e.on_line(number))?;
                    match stage {
                        Stage::Parse => Ok(None),
                        Stage::Price | Stage::Write => checked.price().map(Some),
                    }
                }),
        };
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

/// UTF-8's byte-order mark, which some editors put before the first line.
const BOM: &[u8] = b"\xEF\xBB\xBF";

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
        let summary = run(
            &mut input.as_bytes(),
            &mut output,
            Stage::Write,
            DEFAULT_MAX_LINE_BYTES,
        )
        .unwrap();
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
        let summary = run(
            &mut input.as_slice(),
            &mut output,
            Stage::Write,
            DEFAULT_MAX_LINE_BYTES,
        )
        .unwrap();
        assert_eq!(summary.failed, 1);
        assert_eq!(String::from_utf8(output).unwrap().lines().count(), 2);
    }

    /// Runs a batch and returns its output lines.
    fn lines_of(input: &[u8], max_line_bytes: usize) -> (Summary, Vec<serde_json::Value>) {
        let mut output = Vec::new();
        let summary = run(&mut &input[..], &mut output, Stage::Write, max_line_bytes).unwrap();
        let lines = String::from_utf8(output)
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        (summary, lines)
    }

    #[test]
    fn a_line_over_the_limit_is_an_error_line_and_the_batch_goes_on() {
        let good = one_line(EXAMPLE);
        let limit = good.len() + 2;
        let huge = format!("{{\"x\": \"{}\"}}", "a".repeat(limit * 3));
        let input = format!("{good}\n{huge}\r\n{good}\n{huge}");
        let (summary, lines) = lines_of(input.as_bytes(), limit);
        assert_eq!(
            summary,
            Summary {
                requests: 4,
                failed: 2
            }
        );
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0]["invoice_summary"], "6.48");
        assert_eq!(lines[1]["line"], 2);
        let message = lines[1]["error"]["message"].as_str().unwrap();
        assert!(message.contains(&format!("limit of {limit}")), "{message}");
        assert_eq!(lines[2]["invoice_summary"], "6.48");
        assert_eq!(lines[3]["line"], 4);
        assert!(lines[3]["error"].is_object());
    }

    #[test]
    fn the_reader_never_holds_more_than_the_limit() {
        let mut input = io::BufReader::with_capacity(16, &b"0123456789abcdefghij\r\nxyz"[..]);
        let mut buffer = Vec::new();
        let read = read_line(&mut input, &mut buffer, 8).unwrap();
        assert_eq!(read, Line::TooLong { bytes: 22 });
        assert!(buffer.capacity() <= 32, "{}", buffer.capacity());
        assert_eq!(read_line(&mut input, &mut buffer, 8).unwrap(), Line::Read);
        assert_eq!(buffer, b"xyz");
        assert_eq!(read_line(&mut input, &mut buffer, 8).unwrap(), Line::End);
        // Exactly at the limit is fine, with either terminator.
        let mut input = &b"12345678\r\n12345678\n123456789\n"[..];
        assert_eq!(read_line(&mut input, &mut buffer, 8).unwrap(), Line::Read);
        assert_eq!(read_line(&mut input, &mut buffer, 8).unwrap(), Line::Read);
        assert_eq!(
            read_line(&mut input, &mut buffer, 8).unwrap(),
            Line::TooLong { bytes: 10 }
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_content() {
        let good = one_line(EXAMPLE);
        let input = format!("\u{feff}{good}\n\u{feff}{good}");
        let (summary, lines) = lines_of(input.as_bytes(), DEFAULT_MAX_LINE_BYTES);
        assert_eq!(summary.failed, 0, "{lines:?}");
        assert_eq!(lines[1]["invoice_summary"], "6.48");
    }

    #[test]
    fn a_syntax_error_names_the_batch_line_and_column() {
        let good = one_line(EXAMPLE);
        let input = format!("{good}\n\n{{\"start\":\"2026-04-02T13:51:18Z\", x}}\n");
        let (_, lines) = lines_of(input.as_bytes(), DEFAULT_MAX_LINE_BYTES);
        let error = &lines[1]["error"];
        assert_eq!(error["field"], "");
        assert_eq!(error["line"], 3);
        assert_eq!(error["column"], 34);
        assert_eq!(
            error["message"],
            "not valid JSON at line 3 column 34: key must be a string"
        );
    }

    #[test]
    fn an_array_is_not_a_request() {
        // The request's fields in the order serde's derived struct would take them.
        let request: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
        let input = serde_json::json!([
            request["price_group"],
            "Europe/Berlin",
            null,
            null,
            null,
            "2026-04-02T13:51:18Z",
            "10",
            "22",
            null,
            null,
            false,
            null,
            null
        ])
        .to_string();
        let (summary, lines) = lines_of(input.as_bytes(), DEFAULT_MAX_LINE_BYTES);
        assert_eq!(summary.failed, 1, "{lines:?}");
        assert_eq!(lines[0]["error"]["field"], "");
        let message = lines[0]["error"]["message"].as_str().unwrap();
        assert!(message.contains("expected a JSON object"), "{message}");
    }
}
