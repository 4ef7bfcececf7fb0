//! The readable form of an estimate: the session, the cost, the lines behind it, VAT,
//! warnings and the pre-authorization.

use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use connect_domain::tariff::ComponentKind;

use super::output::{EstimateOutput, SessionOutput};

/// Renders an estimate as text; times are shown in the station's zone.
pub(crate) fn render(estimate: &EstimateOutput, zone: Tz) -> String {
    let mut out = String::new();
    let currency = estimate.currency.to_ascii_uppercase();
    session(&mut out, &estimate.session, zone);
    cost(&mut out, estimate, &currency);
    lines(&mut out, estimate, zone);
    vat(&mut out, estimate);
    warnings(&mut out, estimate);
    out.push_str("\nPre-authorization\n");
    let verdict = if estimate.exceeds_pre_authorization {
        "the total EXCEEDS the hold; the difference is charged on top"
    } else {
        "the total is within the hold"
    };
    let _ = writeln!(
        out,
        "  hold {} {currency}: {verdict}",
        estimate.pre_authorization_amount
    );
    out
}

fn session(out: &mut String, session: &SessionOutput, zone: Tz) {
    let local = |at: DateTime<Utc>| {
        at.with_timezone(&zone)
            .format("%Y-%m-%d %H:%M:%S %Z")
            .to_string()
    };
    out.push_str("Session\n");
    let facts = [
        (
            "start",
            format!(
                "{} ({})",
                local(session.start),
                session.start.to_rfc3339_opts(SecondsFormat::AutoSi, true)
            ),
        ),
        ("charging end", local(session.charging_end)),
        ("plug-out", local(session.plug_out)),
        ("energy", format!("{} kWh", session.energy_kwh)),
        ("time zone", zone.name().to_owned()),
    ];
    push_table(
        out,
        None,
        &facts.map(|(name, value)| vec![name.to_owned(), value]),
        &[],
    );
}

fn cost(out: &mut String, estimate: &EstimateOutput, currency: &str) {
    let _ = writeln!(out, "\nCost ({currency}, VAT included)");
    let mut rows: Vec<Vec<String>> = ComponentKind::ALL
        .iter()
        .map(|&kind| {
            let label = match kind {
                ComponentKind::Energy => "energy (kwh_cost)",
                ComponentKind::Time => "charging time (time_cost)",
                ComponentKind::SessionFee => "session fee (session_fee_cost)",
                ComponentKind::Blocking => "blocking fee (blocking_fee_cost)",
                ComponentKind::StartingFee => "starting fee (starting_fee_cost)",
            };
            vec![label.to_owned(), estimate.component(kind).to_string()]
        })
        .collect();
    rows.push(vec![
        "total (invoice_summary)".to_owned(),
        estimate.invoice_summary.to_string(),
    ]);
    rows.push(vec![
        "of which VAT (invoice_vat)".to_owned(),
        estimate.invoice_vat.to_string(),
    ]);
    push_table(out, None, &rows, &[1]);
    if let Some(cap) = &estimate.blocking_cap_applied {
        let _ = writeln!(
            out,
            "  blocking fee capped at {} {currency} (uncapped: {})",
            cap.cap, cap.uncapped
        );
    }
}

fn lines(out: &mut String, estimate: &EstimateOutput, zone: Tz) {
    out.push_str("\nLines (local times; net unit prices; amounts to at most 6 decimals)\n");
    if estimate.lines.is_empty() {
        out.push_str("  (none)\n");
        return;
    }
    let start = estimate.session.start;
    let rows: Vec<Vec<String>> = estimate
        .lines
        .iter()
        .map(|line| {
            vec![
                line.component.to_owned(),
                line.band.trim_start_matches("price_group.").to_owned(),
                short_local(line.from, start, zone),
                short_local(line.to, start, zone),
                line.quantity.to_string(),
                line.unit.to_owned(),
                line.unit_price.to_string(),
                line.net.to_string(),
                format!("{} %", line.tax_percent),
                line.vat.to_string(),
                line.gross.to_string(),
            ]
        })
        .collect();
    push_table(
        out,
        Some(&[
            "component",
            "band",
            "from",
            "to",
            "quantity",
            "unit",
            "unit price",
            "net",
            "tax",
            "vat",
            "gross",
        ]),
        &rows,
        &[4, 6, 7, 8, 9, 10],
    );
}

fn vat(out: &mut String, estimate: &EstimateOutput) {
    out.push_str("\nVAT\n");
    if estimate.vat.is_empty() {
        out.push_str("  (none)\n");
        return;
    }
    let rows: Vec<Vec<String>> = estimate
        .vat
        .iter()
        .map(|share| {
            vec![
                format!("{} %", share.tax_percent),
                share.gross.to_string(),
                share.vat.to_string(),
            ]
        })
        .collect();
    push_table(out, Some(&["rate", "gross", "vat"]), &rows, &[0, 1, 2]);
}

fn warnings(out: &mut String, estimate: &EstimateOutput) {
    out.push_str("\nWarnings\n");
    if estimate.warnings.is_empty() {
        out.push_str("  (none)\n");
    }
    for warning in &estimate.warnings {
        match &warning.path {
            Some(path) => {
                let _ = writeln!(out, "  - {path}: {}", warning.message);
            }
            None => {
                let _ = writeln!(out, "  - {}", warning.message);
            }
        }
    }
}

/// A local time, without the zone's name (the session facts give it), and without the date
/// when it is the session's start date.
fn short_local(at: DateTime<Utc>, start: DateTime<Utc>, zone: Tz) -> String {
    let local = at.with_timezone(&zone);
    if local.date_naive() == start.with_timezone(&zone).date_naive() {
        local.format("%H:%M:%S").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// Appends an indented table, columns padded to their widest cell; `right` lists the columns
/// aligned right (numbers).
fn push_table(out: &mut String, header: Option<&[&str]>, rows: &[Vec<String>], right: &[usize]) {
    let columns = rows
        .iter()
        .map(Vec::len)
        .chain(header.map(<[&str]>::len))
        .max()
        .unwrap_or(0);
    let mut widths = vec![0; columns];
    let cells = header
        .into_iter()
        .flat_map(|header| {
            header
                .iter()
                .map(|cell| (*cell).to_owned())
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>();
    for row in rows.iter().chain(std::iter::once(&cells)) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut push_row = |row: &[String]| {
        let mut line = String::from(" ");
        for (i, (cell, width)) in row.iter().zip(&widths).enumerate() {
            line.push(' ');
            if right.contains(&i) {
                let _ = write!(line, "{cell:>width$}");
            } else {
                let _ = write!(line, "{cell:<width$}");
            }
            line.push(' ');
        }
        out.push_str(line.trim_end());
        out.push('\n');
    };
    if header.is_some() {
        push_row(&cells);
    }
    for row in rows {
        push_row(row);
    }
}
