//! `connect estimate`: what a charging session will cost, for one request or a batch.

pub(crate) mod batch;
pub(crate) mod output;
pub(crate) mod request;
pub(crate) mod table;
mod text;

use chrono_tz::Tz;
use connect_domain::pricing;
use connect_domain::tariff::PriceGroup;
use serde_json::value::RawValue;

use output::{EstimateOutput, WarningOutput};
use request::{Job, RequestError};

/// The bundled example request: the documented station in Worms, DE.
pub(crate) const EXAMPLE: &str = include_str!("../../examples/estimate-worms.json");

/// A price group read from a request, with its warnings ready for output.
#[derive(Debug, Clone)]
struct ParsedGroup {
    group: PriceGroup,
    warnings: Vec<WarningOutput>,
}

/// The last price group read, by its exact text: consecutive requests carrying byte-identical
/// price groups (the usual batch) read it once.
#[derive(Debug, Clone)]
struct CachedGroup {
    text: String,
    parsed: Result<ParsedGroup, RequestError>,
}

fn parse_group(text: &str) -> Result<ParsedGroup, RequestError> {
    let parsed = PriceGroup::from_json(text).map_err(|error| RequestError::price_group(&error))?;
    Ok(ParsedGroup {
        warnings: parsed.warnings.iter().map(WarningOutput::tariff).collect(),
        group: parsed.value,
    })
}

/// A request checked and ready to price: its job and its price group.
pub(crate) struct Checked<'a> {
    job: Job,
    group: &'a ParsedGroup,
}

/// Prices requests, remembering the last price group.
#[derive(Debug, Default)]
pub(crate) struct Pricer {
    last_group: Option<CachedGroup>,
}

impl Pricer {
    /// The price group of a request: the cached one when the text is the same.
    fn group(&mut self, raw: &RawValue) -> Result<&ParsedGroup, RequestError> {
        let text = raw.get();
        if self
            .last_group
            .as_ref()
            .is_some_and(|cached| cached.text != text)
        {
            self.last_group = None;
        }
        let cached = self.last_group.get_or_insert_with(|| CachedGroup {
            text: text.to_owned(),
            parsed: parse_group(text),
        });
        cached.parsed.as_ref().map_err(Clone::clone)
    }

    /// Reads and checks a request, without pricing it.
    ///
    /// # Errors
    /// A [`RequestError`] naming the field at fault.
    pub(crate) fn check(&mut self, text: &str) -> Result<Checked<'_>, RequestError> {
        let request = request::parse(text)?;
        let group = self.group(request.price_group)?;
        let job = request.job()?;
        Ok(Checked { job, group })
    }

    /// Reads, checks and prices a request. Returns the output and the station's zone.
    ///
    /// # Errors
    /// A [`RequestError`] naming the field at fault.
    pub(crate) fn price(&mut self, text: &str) -> Result<(EstimateOutput, Tz), RequestError> {
        let checked = self.check(text)?;
        checked.price()
    }
}

impl Checked<'_> {
    /// What to price: zone, start, plan and options.
    pub(crate) fn job(&self) -> &Job {
        &self.job
    }

    /// The request's price group.
    pub(crate) fn price_group(&self) -> &PriceGroup {
        &self.group.group
    }

    /// An estimate of the engine in this format, with the price group's warnings.
    pub(crate) fn output(&self, estimate: &pricing::Estimate) -> EstimateOutput {
        EstimateOutput::new(
            estimate,
            self.group.group.tariff().currency(),
            &self.group.warnings,
        )
    }

    /// Prices the request.
    ///
    /// # Errors
    /// A [`RequestError`] naming the field when the engine refuses the charging plan.
    pub(crate) fn price(&self) -> Result<(EstimateOutput, Tz), RequestError> {
        let Self { job, group } = self;
        let estimate =
            pricing::estimate(&group.group, job.zone, job.start, &job.plan, &job.options)
                .map_err(RequestError::pricing)?;
        let output =
            EstimateOutput::new(&estimate, group.group.tariff().currency(), &group.warnings);
        Ok((output, job.zone))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_example_prices_without_warnings() {
        let (output, _) = Pricer::default().price(EXAMPLE).unwrap();
        assert!(output.warnings.is_empty(), "{:?}", output.warnings);
        assert_eq!(output.kwh_cost.to_string(), "5.39");
        assert_eq!(output.session_fee_cost.to_string(), "0.50");
        assert_eq!(output.starting_fee_cost.to_string(), "0.59");
        assert_eq!(output.invoice_summary.to_string(), "6.48");
        assert_eq!(output.invoice_vat.to_string(), "1.03");
    }

    #[test]
    fn a_changed_price_group_is_read_again() {
        let mut pricer = Pricer::default();
        let (first, _) = pricer.price(EXAMPLE).unwrap();
        let cheaper = EXAMPLE.replace("\"0.4529\"", "\"0.3697\"");
        let cheaper = cheaper.replace("\"0.54\"", "\"0.44\"");
        let (second, _) = pricer.price(&cheaper).unwrap();
        assert!(second.kwh_cost < first.kwh_cost);
        let (third, _) = pricer.price(EXAMPLE).unwrap();
        assert_eq!(third, first);
    }

    #[test]
    fn a_bad_price_group_is_reported_each_time() {
        let mut pricer = Pricer::default();
        let bad = EXAMPLE.replace("\"22:00\"", "\"25:00\"");
        for _ in 0..2 {
            let error = pricer.price(&bad).unwrap_err();
            assert!(error.field.starts_with("price_group.prices."), "{error}");
            assert!(error.message.contains("malformed time"), "{error}");
        }
    }
}
