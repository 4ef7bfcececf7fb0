//! The progress line while a session charges: energy against the target, and the cost so
//! far as the pricing engine computes it from the station's price group.

use std::io::{IsTerminal, Write};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Cells of the bar.
const WIDTH: usize = 30;

/// Redraws one line on a terminal; prints one line per update otherwise (logs, CI).
pub(super) struct ProgressLine {
    terminal: bool,
    drawn: bool,
    /// Off a terminal, the last line printed: only a changed bar is printed again.
    last_bar: Option<String>,
}

impl ProgressLine {
    pub(super) fn new() -> Self {
        Self {
            terminal: std::io::stderr().is_terminal(),
            drawn: false,
            last_bar: None,
        }
    }

    /// Shows `energy` of `target` kWh and the cost so far.
    pub(super) fn update(&mut self, energy: Option<Decimal>, target: Decimal, cost: &str) {
        let line = render(energy, target, cost);
        if !self.terminal {
            // Logs get one line per cell of the bar, not one per poll.
            let bar = line.split(']').next().unwrap_or_default().to_owned();
            if self.last_bar.as_ref() == Some(&bar) {
                return;
            }
            self.last_bar = Some(bar);
        }
        let mut err = std::io::stderr().lock();
        // A closed stderr must not end the journey: the progress line is decoration.
        let _ = if self.terminal {
            write!(err, "\r{line}").and_then(|()| err.flush())
        } else {
            writeln!(err, "{line}")
        };
        self.drawn = true;
    }

    /// Ends the line, so what follows starts on its own.
    pub(super) fn finish(&mut self) {
        if self.terminal && self.drawn {
            let _ = writeln!(std::io::stderr());
        }
        self.drawn = false;
    }
}

/// `[██████░░░░] 12.345 / 20 kWh · 4.56 EUR so far`, or `energy not reported` for the
/// charging points that send no progress.
fn render(energy: Option<Decimal>, target: Decimal, cost: &str) -> String {
    let Some(energy) = energy else {
        return format!("  [{}] energy not reported yet", "·".repeat(WIDTH));
    };
    let filled = if target > Decimal::ZERO {
        let share = (energy / target).min(Decimal::ONE) * Decimal::from(WIDTH);
        share.to_usize().unwrap_or(WIDTH)
    } else {
        WIDTH
    };
    format!(
        "  [{}{}] {energy} / {target} kWh · {cost} so far",
        "█".repeat(filled),
        "░".repeat(WIDTH - filled.min(WIDTH)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_with_the_share_of_the_target() {
        let line = render(Some(Decimal::new(10_000, 3)), Decimal::from(20), "2.70 EUR");
        assert!(
            line.contains(&format!("{}{}", "█".repeat(15), "░".repeat(15))),
            "{line}"
        );
        assert!(
            line.ends_with("10.000 / 20 kWh · 2.70 EUR so far"),
            "{line}"
        );
    }

    #[test]
    fn the_bar_never_overflows_past_the_target() {
        let line = render(Some(Decimal::from(25)), Decimal::from(20), "6.75 EUR");
        assert!(line.contains(&"█".repeat(WIDTH)), "{line}");
        assert!(!line.contains('░'), "{line}");
    }

    #[test]
    fn points_that_send_no_progress_say_so() {
        assert!(render(None, Decimal::from(20), "").contains("energy not reported"));
    }
}
