//! Warnings summarised per kind: a feed of thousands of locations may give thousands of
//! warnings, which nobody reads one by one.

use std::fmt;

use super::feeds::FeedWarning;

/// The warnings of one kind.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct KindSummary {
    /// The kind ([`OcpiWarningKind::code`](super::OcpiWarningKind::code)).
    pub code: &'static str,
    /// How many.
    pub count: usize,
    /// The first few, as printed (file, JSON path, message).
    pub examples: Vec<String>,
}

/// Warnings grouped by kind, in order of first appearance, each with its count and up to
/// `examples` examples.
///
/// # Examples
/// ```
/// use connect_fake::stations::ocpi::{FeedWarning, OcpiWarning, OcpiWarningKind, WarningSummary};
/// let warning = |path: &str| FeedWarning {
///     file: "feed.json".into(),
///     warning: OcpiWarning { path: path.into(), kind: OcpiWarningKind::Unpublished },
/// };
/// let all = [warning("data[0]"), warning("data[4]"), warning("data[9]")];
/// let summary = WarningSummary::new(&all, 2);
/// assert_eq!(summary.kinds[0].count, 3);
/// assert_eq!(summary.to_string(), "warning: unpublished: 3 (1 more not shown)\n  \
///     feed.json: data[0]: publish is false: not served\n  \
///     feed.json: data[4]: publish is false: not served\n");
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct WarningSummary {
    /// One entry per kind.
    pub kinds: Vec<KindSummary>,
}

impl WarningSummary {
    /// Groups `warnings`, keeping `examples` of each kind.
    pub fn new(warnings: &[FeedWarning], examples: usize) -> Self {
        let mut kinds: Vec<KindSummary> = Vec::new();
        for warning in warnings {
            let code = warning.warning.kind.code();
            let entry = if let Some(i) = kinds.iter().position(|k| k.code == code) {
                &mut kinds[i]
            } else {
                kinds.push(KindSummary {
                    code,
                    count: 0,
                    examples: Vec::new(),
                });
                let last = kinds.len() - 1;
                &mut kinds[last]
            };
            entry.count += 1;
            if entry.examples.len() < examples {
                entry.examples.push(warning.to_string());
            }
        }
        Self { kinds }
    }

    /// The number of warnings.
    pub fn total(&self) -> usize {
        self.kinds.iter().map(|k| k.count).sum()
    }
}

impl fmt::Display for WarningSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for kind in &self.kinds {
            write!(f, "warning: {}: {}", kind.code, kind.count)?;
            let hidden = kind.count - kind.examples.len();
            if hidden > 0 {
                write!(f, " ({hidden} more not shown)")?;
            }
            writeln!(f)?;
            for example in &kind.examples {
                writeln!(f, "  {example}")?;
            }
        }
        Ok(())
    }
}
