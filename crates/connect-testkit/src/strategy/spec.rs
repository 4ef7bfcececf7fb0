//! Generated price groups before they become JSON: plain values a test can read and edit
//! (split a band, change a cap), written out in exactly the API's wire shape.

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
use connect_domain::money::Currency;
use connect_domain::tariff::{ComponentKind, PriceGroup, TariffError};
use rust_decimal::Decimal;
use serde_json::{Map, Number, Value, json};

/// The terms of a band: what it charges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    /// The API's `gross_price` (which excludes VAT): up to 4 decimals; per kWh, per hour for
    /// time-based components, flat for one-off fees.
    pub price: String,
    /// VAT percent (`tax`), e.g. 19 or 7.7.
    pub tax: Decimal,
    /// Blocking grace period in minutes, as the JSON number's text (`"240"`, `"2.25"`).
    pub grace: Option<String>,
    /// Blocking cap, VAT included, in the currency's minor unit (`"12.00"`).
    pub cap: Option<String>,
}

/// A band before it becomes JSON: `[from, to)` minutes from the start of its day (`to`
/// above 1440 for an overnight band, which ends the next morning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BandSpec {
    /// Minute of the day the band starts, 0 … 1439.
    pub from: u32,
    /// Minute the band ends, counted from the start of its day: up to 2880.
    pub to: u32,
    /// How to spell the edges, as the API does in different places: `null` or `"00:00"` at
    /// the start of the day; `"24:00"`, `"00:00"` or `null` at its end.
    pub spelling: u8,
    /// First local date the band applies (inclusive).
    pub date_from: Option<NaiveDate>,
    /// First local date it no longer applies (exclusive).
    pub date_to: Option<NaiveDate>,
    /// What it charges.
    pub terms: Terms,
}

fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A decimal's text as a JSON number (the API types `tax` and `grace_period_minutes` as
/// numbers); `null` if it is not one.
fn number(text: &str) -> Value {
    text.parse::<Number>().map_or(Value::Null, Value::Number)
}

impl BandSpec {
    /// A band that applies all day, every date.
    ///
    /// # Examples
    /// ```
    /// use connect_testkit::strategy::{BandSpec, Terms};
    /// use rust_decimal::Decimal;
    /// let terms = Terms { price: "0.4529".into(), tax: Decimal::from(19), grace: None, cap: None };
    /// let band = BandSpec::whole_day(terms);
    /// assert_eq!((band.from, band.to), (0, 1440));
    /// ```
    pub fn whole_day(terms: Terms) -> Self {
        Self {
            from: 0,
            to: 1440,
            spelling: 0,
            date_from: None,
            date_to: None,
            terms,
        }
    }

    /// The band as one `TimePriceItem` of the API, `user_facing_price` computed as the API
    /// displays it (VAT included, rounded to the currency's minor unit, per minute for
    /// time-based components).
    ///
    /// # Examples
    /// ```
    /// use connect_domain::money::Currency;
    /// use connect_domain::tariff::ComponentKind;
    /// use connect_testkit::strategy::{BandSpec, Terms};
    /// use rust_decimal::Decimal;
    /// let terms = Terms { price: "4.02".into(), tax: Decimal::from(19), grace: Some("0".into()), cap: None };
    /// let eur = Currency::parse("EUR")?;
    /// let item = BandSpec::whole_day(terms).to_value(ComponentKind::Blocking, &eur);
    /// assert_eq!(item["user_facing_price"], "0.08"); // 4.02 / 60 × 1.19 = 0.0797
    /// assert_eq!(item["time_from"], serde_json::Value::Null);
    /// assert_eq!(item["grace_period_minutes"], 0);
    /// # Ok::<(), connect_domain::money::CurrencyError>(())
    /// ```
    pub fn to_value(&self, kind: ComponentKind, currency: &Currency) -> Value {
        let time_from = match (self.from, self.spelling % 2) {
            (0, 0) => Value::Null,
            (minutes, _) => Value::String(hhmm(minutes)),
        };
        let time_to = match (self.to, self.spelling % 3) {
            (1440, 0) => Value::String("24:00".into()),
            (1440, 1) => Value::String("00:00".into()),
            (1440, _) => Value::Null,
            (minutes, _) => Value::String(hhmm(minutes % 1440)),
        };
        let user_facing = user_facing_price(kind, &self.terms, currency)
            .map_or(Value::Null, |price| Value::String(price.to_string()));
        json!({
            "time_from": time_from,
            "time_to": time_to,
            "date_from": self.date_from.map(|d| d.to_string()),
            "date_to": self.date_to.map(|d| d.to_string()),
            "gross_price": self.terms.price,
            "user_facing_price": user_facing,
            "grace_period_minutes": self.terms.grace.as_deref().map_or(Value::Null, number),
            "tax": number(&self.terms.tax.normalize().to_string()),
            "blocking_cap": self.terms.cap,
        })
    }
}

/// The price a driver sees, as the API publishes it (`docs/pricing.md`, interpretation 3):
/// `gross_price × (1 + tax/100)`, per minute for time-based components, rounded half away
/// from zero to the currency's minor unit.
fn user_facing_price(kind: ComponentKind, terms: &Terms, currency: &Currency) -> Option<Decimal> {
    let net: Decimal = terms.price.parse().ok()?;
    let per_unit = if kind.is_time_based() {
        net / Decimal::from(60)
    } else {
        net
    };
    Some(currency.round(per_unit * (Decimal::ONE + terms.tax / Decimal::ONE_HUNDRED)))
}

/// One component: its day keys (`ALL`, `MONDAY` …) and their bands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentSpec {
    /// Which component.
    pub kind: ComponentKind,
    /// Day keys in the order they are written, each with its bands.
    pub days: Vec<(String, Vec<BandSpec>)>,
}

/// A price group: one entry of a station's `price_groups[]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TariffSpec {
    /// ISO 4217 code as the API spells it (`"EUR"`, sometimes `"eur"`).
    pub currency: String,
    /// The components present (the others are written as `null`).
    pub components: Vec<ComponentSpec>,
    /// `type`: `"AC"` or `"DC"`.
    pub kind: String,
    /// `power`, kW.
    pub power_kw: Decimal,
    /// `evse_ids`.
    pub evse_ids: Vec<String>,
    /// `pre_authorization_amount`, in the currency's minor unit.
    pub pre_authorization_amount: String,
    /// `is_fallback`.
    pub is_fallback: bool,
    /// `local_datetime`: station-local time at which the prices were published.
    pub local_datetime: Option<DateTime<FixedOffset>>,
}

impl TariffSpec {
    /// A price group in EUR around `components`, with the facts of the documented Worms
    /// station (AC, 22 kW, 50.00 € held at start).
    ///
    /// # Examples
    /// ```
    /// use connect_testkit::strategy::TariffSpec;
    /// let spec = TariffSpec::eur(Vec::new());
    /// assert_eq!(spec.to_value()["prices"]["kwh_price"], serde_json::Value::Null);
    /// assert!(spec.try_group().is_ok());
    /// ```
    pub fn eur(components: Vec<ComponentSpec>) -> Self {
        Self {
            currency: "EUR".to_owned(),
            components,
            kind: "AC".to_owned(),
            power_kw: Decimal::from(22),
            evse_ids: vec!["DE*CIQ*EELDF6XWZU41P*2".to_owned()],
            pre_authorization_amount: "50.00".to_owned(),
            is_fallback: false,
            local_datetime: None,
        }
    }

    /// The price group in the API's wire shape (`ConnectAPIPriceGroup`): every field of every
    /// band present, absent components `null`.
    pub fn to_value(&self) -> Value {
        // The code is written as given (a malformed one is the reader's to reject); displayed
        // prices are rounded to its minor unit, or to cents if it has none (`EUR` always
        // parses, so no band is ever left out).
        let currency = Currency::parse(&self.currency)
            .or_else(|_| Currency::parse("EUR"))
            .ok();
        let mut prices = Map::new();
        for kind in ComponentKind::ALL {
            prices.insert(kind.wire_name().to_owned(), Value::Null);
        }
        for component in &self.components {
            let days: Map<String, Value> = component
                .days
                .iter()
                .map(|(key, bands)| {
                    let bands = bands
                        .iter()
                        .filter_map(|band| {
                            currency
                                .as_ref()
                                .map(|currency| band.to_value(component.kind, currency))
                        })
                        .collect();
                    (key.clone(), Value::Array(bands))
                })
                .collect();
            prices.insert(component.kind.wire_name().to_owned(), Value::Object(days));
        }
        let mut group = json!({
            "type": self.kind,
            "power": number(&self.power_kw.normalize().to_string()),
            "evse_ids": self.evse_ids,
            "prices": prices,
            "currency": self.currency,
            "pre_authorization_amount": self.pre_authorization_amount,
            "is_fallback": self.is_fallback,
        });
        // The API always sends it; a spec built by hand may not know the station's time.
        if let Some(at) = self.local_datetime {
            group["local_datetime"] = Value::String(at.to_rfc3339_opts(SecondsFormat::Secs, true));
        }
        group
    }

    /// The price group parsed by the domain's reader.
    ///
    /// # Errors
    /// The reader's [`TariffError`], which for a generated spec means the testkit generated
    /// something the API does not publish: a bug to report.
    pub fn try_group(&self) -> Result<PriceGroup, TariffError> {
        PriceGroup::from_value(&self.to_value()).map(|parsed| parsed.value)
    }

    /// The price group parsed by the domain's reader, for tests.
    ///
    /// # Panics
    /// If it does not parse, with the reader's error and the JSON: generated specs always
    /// parse, so this only fails on a spec a test edited into something invalid.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::tariff::ComponentKind;
    /// use connect_testkit::strategy::{BandSpec, ComponentSpec, TariffSpec, Terms};
    /// use rust_decimal::Decimal;
    /// let terms = Terms { price: "0.4529".into(), tax: Decimal::from(19), grace: None, cap: None };
    /// let spec = TariffSpec::eur(vec![ComponentSpec {
    ///     kind: ComponentKind::Energy,
    ///     days: vec![("ALL".into(), vec![BandSpec::whole_day(terms)])],
    /// }]);
    /// let group = spec.group();
    /// let band = group.tariff().component(ComponentKind::Energy).and_then(|c| c.all_bands().next());
    /// assert_eq!(band.map(|b| b.user_facing_price().to_string()).as_deref(), Some("0.54"));
    /// ```
    #[allow(clippy::panic)] // a test helper: the failure must stop the test, with the cause
    pub fn group(&self) -> PriceGroup {
        match self.try_group() {
            Ok(group) => group,
            Err(error) => panic!(
                "the price group should parse: {error}\n{:#}",
                self.to_value()
            ),
        }
    }
}
