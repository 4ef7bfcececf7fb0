//! The CLI's stable JSON format for an estimate.
//!
//! These types are what `connect estimate --json` and `--batch` print; they are built from the
//! engine's [`Estimate`] but kept apart from it, so the engine can change without changing
//! what scripts read.
//!
//! - Money amounts of the cost (`kwh_cost` … `invoice_summary`, `pre_authorization_amount`,
//!   `vat[].gross`, `vat[].vat`) are decimal strings with the currency's decimals (`"5.39"`).
//! - Line amounts, quantities and uncapped fees are informational: unrounded in the engine,
//!   printed rounded to at most 6 decimals.
//! - Instants are RFC 3339 in UTC (`2026-04-02T13:51:18Z`).
//! - Paths (`lines[].band`, `warnings[].path`) point into the request
//!   (`price_group.prices.kwh_price.ALL[0]`).

use chrono::{DateTime, Utc};
use connect_domain::money::Currency;
use connect_domain::pricing::{CostLine, Estimate, PricingWarning, Unit};
use connect_domain::tariff::{ComponentKind, TariffWarning};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use serde_json::{Map, Value};

use super::request::join;

/// The result of one estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct EstimateOutput {
    /// The input line (1-based), in batch mode only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) line: Option<u64>,
    /// Energy part, VAT included.
    pub(crate) kwh_cost: Decimal,
    /// Charging-time part, VAT included.
    pub(crate) time_cost: Decimal,
    /// Session fee, VAT included.
    pub(crate) session_fee_cost: Decimal,
    /// Blocking fee after the cap, VAT included.
    pub(crate) blocking_fee_cost: Decimal,
    /// Cariqa's starting fee, VAT included.
    pub(crate) starting_fee_cost: Decimal,
    /// VAT contained in the total.
    pub(crate) invoice_vat: Decimal,
    /// The total: the sum of the five components.
    pub(crate) invoice_summary: Decimal,
    /// The price group's currency, as it spells it.
    pub(crate) currency: String,
    /// The hold placed on the driver's card.
    pub(crate) pre_authorization_amount: Decimal,
    /// Whether the total exceeds the hold.
    pub(crate) exceeds_pre_authorization: bool,
    /// The blocking cap, when it cut the fee; otherwise `null`.
    pub(crate) blocking_cap_applied: Option<CapOutput>,
    /// The lines behind the cost, by component then time.
    pub(crate) lines: Vec<LineOutput>,
    /// VAT per tax rate.
    pub(crate) vat: Vec<VatOutput>,
    /// Tariff warnings, then pricing warnings.
    pub(crate) warnings: Vec<WarningOutput>,
    /// The session that was priced.
    pub(crate) session: SessionOutput,
}

/// One stretch of the session priced by one band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct LineOutput {
    /// `kwh_price`, `time_price`, `session_fee`, `blocking_fee` or `starting_fee`.
    pub(crate) component: &'static str,
    /// The band's path in the request (`price_group.prices.kwh_price.ALL[0]`).
    pub(crate) band: String,
    /// Start of the stretch.
    #[serde(serialize_with = "super::text::instant")]
    pub(crate) from: DateTime<Utc>,
    /// End of the stretch.
    #[serde(serialize_with = "super::text::instant")]
    pub(crate) to: DateTime<Utc>,
    /// How much, in `unit`, to at most 6 decimals.
    pub(crate) quantity: Decimal,
    /// `kwh`, `hour` or `session`.
    pub(crate) unit: &'static str,
    /// Net price per unit (the band's `gross_price`), as published.
    pub(crate) unit_price: Decimal,
    /// `quantity × unit_price`, to at most 6 decimals.
    pub(crate) net: Decimal,
    /// VAT rate, percent.
    pub(crate) tax_percent: Decimal,
    /// VAT on `net`, to at most 6 decimals.
    pub(crate) vat: Decimal,
    /// `net + vat`, to at most 6 decimals.
    pub(crate) gross: Decimal,
}

/// The VAT of one tax rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct VatOutput {
    /// The rate, percent.
    pub(crate) tax_percent: Decimal,
    /// The rounded VAT-inclusive amounts at this rate, summed.
    pub(crate) gross: Decimal,
    /// The VAT they contain.
    pub(crate) vat: Decimal,
}

/// A blocking cap that cut the fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct CapOutput {
    /// The cap, VAT included.
    pub(crate) cap: Decimal,
    /// The fee without the cap, VAT included, to at most 6 decimals.
    pub(crate) uncapped: Decimal,
}

/// Facts about the priced session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct SessionOutput {
    /// Plug-in.
    #[serde(serialize_with = "super::text::instant")]
    pub(crate) start: DateTime<Utc>,
    /// When energy stopped flowing.
    #[serde(serialize_with = "super::text::instant")]
    pub(crate) charging_end: DateTime<Utc>,
    /// Plug-out.
    #[serde(serialize_with = "super::text::instant")]
    pub(crate) plug_out: DateTime<Utc>,
    /// Energy delivered, kWh, to at most 6 decimals.
    pub(crate) energy_kwh: Decimal,
    /// Time while energy flowed, seconds, to at most 6 decimals.
    pub(crate) charging_seconds: Decimal,
}

/// Where a warning comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum WarningSource {
    /// The price group (found while reading it).
    Tariff,
    /// The pricing of this session.
    Pricing,
}

/// Something worth knowing about an estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct WarningOutput {
    /// `tariff` or `pricing`.
    pub(crate) source: WarningSource,
    /// What kind of warning, in snake case (`user_facing_price_mismatch`, `uncovered_time`).
    #[serde(rename = "type")]
    pub(crate) kind: String,
    /// The field the warning is about, for tariff warnings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) path: Option<String>,
    /// The warning in words.
    pub(crate) message: String,
    /// The warning's particulars (e.g. `published` and `computed` prices), when it has any.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub(crate) details: Map<String, Value>,
}

/// Rounds an informational amount to at most 6 decimals, without trailing zeros.
fn informational(amount: Decimal) -> Decimal {
    amount
        .round_dp_with_strategy(6, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// A domain value's serde form split into its `type` tag and the rest.
fn tagged(value: Result<Value, serde_json::Error>) -> (String, Map<String, Value>) {
    match value {
        Ok(Value::Object(mut map)) => {
            let kind = match map.remove("type") {
                Some(Value::String(kind)) => kind,
                _ => String::from("unknown"),
            };
            (kind, map)
        }
        _ => (String::from("unknown"), Map::new()),
    }
}

impl WarningOutput {
    /// A warning about the price group, its path placed under `price_group`.
    pub(crate) fn tariff(warning: &TariffWarning) -> Self {
        let (kind, details) = tagged(serde_json::to_value(&warning.kind));
        let text = warning.to_string();
        let prefix = format!("{}: ", warning.path);
        let message = text.strip_prefix(&prefix).unwrap_or(&text).to_owned();
        Self {
            source: WarningSource::Tariff,
            kind,
            path: Some(join("price_group", &warning.path)),
            message,
            details,
        }
    }

    /// A warning about the priced session.
    pub(crate) fn pricing(warning: &PricingWarning) -> Self {
        let (kind, details) = match warning {
            PricingWarning::Charging { warning } => tagged(serde_json::to_value(warning)),
            other => tagged(serde_json::to_value(other)),
        };
        Self {
            source: WarningSource::Pricing,
            kind,
            path: None,
            message: warning.to_string(),
            details,
        }
    }
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Kwh => "kwh",
        Unit::Hour => "hour",
        Unit::Session => "session",
        _ => "unknown",
    }
}

impl LineOutput {
    fn new(line: &CostLine) -> Self {
        Self {
            component: line.component.wire_name(),
            band: join("price_group", &line.band.to_string()),
            from: line.from,
            to: line.to,
            quantity: informational(line.quantity),
            unit: unit_name(line.unit),
            unit_price: line.unit_price,
            net: informational(line.net),
            tax_percent: line.tax_percent.normalize(),
            vat: informational(line.vat),
            gross: informational(line.gross),
        }
    }
}

impl EstimateOutput {
    /// The output for an estimate, with the price group's warnings (already converted) in
    /// front of the estimate's own.
    pub(crate) fn new(
        estimate: &Estimate,
        currency: &Currency,
        tariff_warnings: &[WarningOutput],
    ) -> Self {
        let cost = &estimate.cost;
        let mut warnings = Vec::with_capacity(tariff_warnings.len() + estimate.warnings.len());
        warnings.extend_from_slice(tariff_warnings);
        warnings.extend(estimate.warnings.iter().map(WarningOutput::pricing));
        Self {
            line: None,
            kwh_cost: cost.kwh_cost,
            time_cost: cost.time_cost,
            session_fee_cost: cost.session_fee_cost,
            blocking_fee_cost: cost.blocking_fee_cost,
            starting_fee_cost: cost.starting_fee_cost,
            invoice_vat: cost.invoice_vat,
            invoice_summary: cost.invoice_summary,
            currency: cost.currency.clone(),
            pre_authorization_amount: currency.round(estimate.pre_authorization_amount),
            exceeds_pre_authorization: estimate.exceeds_pre_authorization,
            blocking_cap_applied: estimate.blocking_cap_applied.as_ref().map(|cap| CapOutput {
                cap: currency.round(cap.cap),
                uncapped: informational(cap.uncapped),
            }),
            lines: estimate.lines.iter().map(LineOutput::new).collect(),
            vat: estimate
                .vat
                .iter()
                .map(|share| VatOutput {
                    tax_percent: share.tax_percent.normalize(),
                    gross: share.gross,
                    vat: share.vat,
                })
                .collect(),
            warnings,
            session: SessionOutput {
                start: estimate.session.start,
                charging_end: estimate.session.charging_end,
                plug_out: estimate.session.plug_out,
                energy_kwh: informational(estimate.session.energy_kwh),
                charging_seconds: informational(estimate.session.charging_seconds),
            },
        }
    }

    /// The amount of one component.
    pub(crate) fn component(&self, kind: ComponentKind) -> Decimal {
        match kind {
            ComponentKind::Energy => self.kwh_cost,
            ComponentKind::Time => self.time_cost,
            ComponentKind::SessionFee => self.session_fee_cost,
            ComponentKind::Blocking => self.blocking_fee_cost,
            ComponentKind::StartingFee => self.starting_fee_cost,
        }
    }
}
