//! The sandbox's tariff catalogue (`data/tariffs.json`): Cariqa-style price groups written as
//! the API publishes them, parsed with [`PriceGroup::from_json`] like any price group from
//! the API, and refused if that gives a warning.
//!
//! Every price is net (`gross_price`, the API's name for the price without VAT) with its
//! displayed, VAT-inclusive `user_facing_price` at 19 % (German VAT): per kWh, per minute for
//! time-based components (`gross_price` per hour), flat for fees. Templates are AC or DC;
//! flat, day/night (06:00–22:00 / 22:00–06:00) and weekend (weekday keys over `ALL`) prices;
//! blocking fees with a grace period and a cap; time prices; session fees; and Cariqa's
//! fallback prices (`is_fallback`). Per station the sandbox sets `evse_ids`, `power` and a
//! `pre_authorization_amount` scaled to the power, and adds Cariqa's starting fee at
//! non-partner stations.

use connect_domain::tariff::{PriceGroup, TariffError};
use rust_decimal::Decimal;
use serde_json::Value;

use super::DatasetError;

/// The catalogue, compiled in.
const CATALOGUE_JSON: &str = include_str!("../../data/tariffs.json");

/// Whether a template prices AC or DC charging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Current {
    Ac,
    Dc,
}

/// A tariff of the catalogue.
#[derive(Debug, Clone)]
pub(super) struct Template {
    /// A short name, for tests and messages.
    pub(super) name: String,
    pub(super) current: Current,
    /// Cariqa's own prices, for stations whose operator sends none (`is_fallback`).
    pub(super) fallback: bool,
    /// The price group's JSON.
    group: Value,
}

/// The catalogue's templates and Cariqa's starting fee.
#[derive(Debug, Clone)]
pub(super) struct Catalogue {
    templates: Vec<Template>,
    /// Each template parsed, for a partner and for a non-partner: every station's group is
    /// one of these for its EVSEs, sharing the tariff.
    parsed: Vec<[PriceGroup; 2]>,
    /// The `starting_fee` component added at non-partner stations.
    starting_fee: Value,
}

impl Catalogue {
    /// Reads `data/tariffs.json` and checks every template, with and without the starting
    /// fee: it must parse with [`PriceGroup::from_json`] without a single warning (so every
    /// displayed price is the net price with VAT, rounded).
    ///
    /// # Errors
    /// [`DatasetError::Tariff`] naming the template that does not.
    pub(super) fn bundled() -> Result<Self, DatasetError> {
        let fail = |station: &str, message: String| DatasetError::Tariff {
            station: format!("data/tariffs.json: {station}"),
            message,
        };
        let document: Value = serde_json::from_str(CATALOGUE_JSON)
            .map_err(|error| fail("the catalogue", error.to_string()))?;
        let starting_fee = document
            .get("starting_fee")
            .cloned()
            .ok_or_else(|| fail("the catalogue", "no starting_fee".to_owned()))?;
        let list = document
            .get("templates")
            .and_then(Value::as_array)
            .ok_or_else(|| fail("the catalogue", "no templates".to_owned()))?;
        let mut templates = Vec::with_capacity(list.len());
        for entry in list {
            let name = entry
                .get("name")
                .and_then(Value::as_str)
                .ok_or_else(|| fail("a template", "no name".to_owned()))?
                .to_owned();
            let group = entry
                .get("price_group")
                .cloned()
                .ok_or_else(|| fail(&name, "no price_group".to_owned()))?;
            let current = match group.get("type").and_then(Value::as_str) {
                Some("AC") => Current::Ac,
                Some("DC") => Current::Dc,
                other => return Err(fail(&name, format!("type {other:?} is not AC or DC"))),
            };
            let fallback = group.get("is_fallback").and_then(Value::as_bool) == Some(true);
            templates.push(Template {
                name,
                current,
                fallback,
                group,
            });
        }
        let mut catalogue = Self {
            templates,
            parsed: Vec::new(),
            starting_fee,
        };
        for template in &catalogue.templates {
            let mut both = Vec::with_capacity(2);
            for is_partner in [true, false] {
                let text = catalogue
                    .group_json(template, &["DE*ABC*E1*1"], 22.0, is_partner)
                    .to_string();
                let parsed = PriceGroup::from_json(&text)
                    .map_err(|error| fail(&template.name, error.to_string()))?;
                if let Some(warning) = parsed.warnings.first() {
                    return Err(fail(&template.name, warning.to_string()));
                }
                both.push(parsed.value);
            }
            let non_partner = both.pop();
            let partner = both.pop();
            if let (Some(partner), Some(non_partner)) = (partner, non_partner) {
                catalogue.parsed.push([partner, non_partner]);
            }
        }
        Ok(catalogue)
    }

    /// Cariqa's starting fee component, as added at stations that are not partners.
    pub(super) fn starting_fee(&self) -> &Value {
        &self.starting_fee
    }

    /// The templates for a current, fallback or not.
    pub(super) fn templates(&self, current: Current, fallback: bool) -> Vec<&Template> {
        self.templates
            .iter()
            .filter(|t| t.current == current && t.fallback == fallback)
            .collect()
    }

    /// The template named `name`.
    pub(super) fn template(&self, name: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.name == name)
    }

    /// Every template.
    #[cfg(test)]
    pub(super) fn all(&self) -> &[Template] {
        &self.templates
    }

    /// The price group of a template for some EVSEs of a station: the template's parsed
    /// group for these EVSEs, power and hold (the tariff shared, not copied).
    ///
    /// # Errors
    /// A [`TariffError`] if it does not parse ([`Catalogue::bundled`] made sure it does).
    pub(super) fn price_group(
        &self,
        template: &Template,
        evse_ids: &[&str],
        power_kw: f64,
        is_partner: bool,
    ) -> Result<PriceGroup, TariffError> {
        let index = self.templates.iter().position(|t| t.name == template.name);
        let hold: Decimal = pre_authorization(power_kw).parse().unwrap_or_default();
        let ids: Vec<String> = evse_ids.iter().map(|&id| id.to_owned()).collect();
        if let Some([partner, other]) = index.and_then(|i| self.parsed.get(i)) {
            let parsed = if is_partner { partner } else { other };
            return Ok(parsed.for_evses(ids, power_kw, hold));
        }
        // Not a template of this catalogue: read it as the API would.
        let json = self.group_json(template, evse_ids, power_kw, is_partner);
        PriceGroup::from_value(&json).map(|parsed| parsed.value)
    }

    fn group_json(
        &self,
        template: &Template,
        evse_ids: &[&str],
        power_kw: f64,
        is_partner: bool,
    ) -> Value {
        let mut group = template.group.clone();
        if let Value::Object(map) = &mut group {
            map.insert(
                "evse_ids".into(),
                evse_ids.iter().map(|&id| Value::from(id)).collect(),
            );
            map.insert(
                "power".into(),
                serde_json::Number::from_f64(power_kw).map_or(Value::Null, Value::Number),
            );
            map.insert(
                "pre_authorization_amount".into(),
                Value::from(pre_authorization(power_kw)),
            );
            if let Some(Value::Object(prices)) = map.get_mut("prices") {
                let fee = if is_partner {
                    Value::Null
                } else {
                    self.starting_fee.clone()
                };
                prices.insert("starting_fee".into(), fee);
            }
        }
        group
    }
}

/// The hold placed on the card at start, scaled to the power (more power, more energy in
/// the same time): under 11 kW 25 €, to 22 kW 50 €, under 50 kW 60 €, under 150 kW 75 €,
/// above 100 €.
pub(super) fn pre_authorization(power_kw: f64) -> &'static str {
    if power_kw < 11.0 {
        "25.00"
    } else if power_kw <= 22.0 {
        "50.00"
    } else if power_kw < 50.0 {
        "60.00"
    } else if power_kw < 150.0 {
        "75.00"
    } else {
        "100.00"
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use std::collections::HashSet;

    use connect_domain::tariff::ComponentKind;

    use super::*;

    #[test]
    fn every_template_parses_from_json_without_warnings_as_partner_and_not() {
        let catalogue = Catalogue::bundled().unwrap();
        assert_eq!(catalogue.all().len(), 13);
        for template in catalogue.all() {
            for is_partner in [true, false] {
                let text = catalogue
                    .group_json(template, &["DE*ABC*E1*1", "DE*ABC*E1*2"], 50.0, is_partner)
                    .to_string();
                let parsed = PriceGroup::from_json(&text).unwrap();
                assert!(
                    parsed.warnings.is_empty(),
                    "{}: {:?}",
                    template.name,
                    parsed.warnings
                );
                assert_eq!(parsed.value.evse_ids().len(), 2);
                assert_eq!(parsed.value.pre_authorization_amount().to_string(), "75.00");
                assert_eq!(parsed.value.is_fallback(), template.fallback);
            }
        }
        let names: HashSet<&str> = catalogue.all().iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names.len(), catalogue.all().len());
        for current in [Current::Ac, Current::Dc] {
            assert!(catalogue.templates(current, false).len() >= 5);
            assert_eq!(catalogue.templates(current, true).len(), 1);
        }
    }

    #[test]
    fn non_partners_pay_the_starting_fee_and_partners_do_not() {
        let catalogue = Catalogue::bundled().unwrap();
        let template = catalogue.template("ac-flat").unwrap();
        let partner = catalogue.price_group(template, &["x"], 22.0, true).unwrap();
        assert!(
            partner
                .tariff()
                .component(ComponentKind::StartingFee)
                .is_none()
        );
        let other = catalogue
            .price_group(template, &["x"], 22.0, false)
            .unwrap();
        let fee = other
            .tariff()
            .component(ComponentKind::StartingFee)
            .unwrap()
            .all_bands()
            .next()
            .unwrap();
        assert_eq!(fee.user_facing_price().to_string(), "0.59");
    }

    #[test]
    fn the_pre_authorization_grows_with_power() {
        let amounts: Vec<&str> = [3.7, 22.0, 43.0, 50.0, 350.0]
            .into_iter()
            .map(pre_authorization)
            .collect();
        assert_eq!(amounts, ["25.00", "50.00", "60.00", "75.00", "100.00"]);
    }
}
