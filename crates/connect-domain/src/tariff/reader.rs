//! The one reader of price groups: serde visitors that build the tariff types straight from
//! the JSON tokens, without a `serde_json::Value` in between (issue 12: the document tree
//! cost eight times the pricing itself).
//!
//! Every visitor knows the field path it reads, so a problem is a [`TariffError`] naming
//! it; serde only carries it out (as a custom error whose text is the same), and
//! [`read`] takes it back. Unknown fields and odd `user_facing_price`s are warnings, in
//! document order. Any JSON value where another is expected is a `WrongType` error, never a
//! panic.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, NaiveDate};
use rust_decimal::Decimal;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

use super::band::{Band, BandId, TimeOfDay};
use super::error::{TariffError, TariffErrorKind, TariffWarning, TariffWarningKind};
use super::{Component, ComponentKind, DayKey, PriceGroup, Tariff, overlap};
use crate::json_path::join;
use crate::money::Currency;

/// What the visitors share: the warnings so far, and the error that stopped them.
#[derive(Default)]
pub(crate) struct Context {
    pub(crate) warnings: Vec<TariffWarning>,
    pub(crate) error: Option<TariffError>,
    /// The overlap check's buffers, reused by every component of the group.
    pub(crate) scratch: overlap::Scratch,
}

impl Context {
    fn fail<E: de::Error>(&mut self, error: TariffError) -> E {
        let text = error.to_string();
        self.error = Some(error);
        E::custom(text)
    }

    fn warn(&mut self, path: String, kind: TariffWarningKind) {
        self.warnings.push(TariffWarning { path, kind });
    }
}

/// Reads a price group from any serde deserializer (JSON text, a `Value`).
pub(crate) fn read<'de, D: Deserializer<'de>>(
    deserializer: D,
    context: &mut Context,
) -> Result<PriceGroup, TariffError> {
    let result = GroupSeed { context }.deserialize(deserializer);
    result.map_err(|error: D::Error| {
        context.error.take().unwrap_or_else(|| TariffError {
            path: String::new(),
            kind: TariffErrorKind::Json {
                message: error.to_string(),
            },
        })
    })
}

fn error(path: &str, kind: TariffErrorKind) -> TariffError {
    TariffError {
        path: path.to_owned(),
        kind,
    }
}

/// Any JSON value, scalars kept (strings borrowed from the input when they can be),
/// containers skipped: the leaves of a price group.
enum Scalar<'de> {
    Null,
    Bool(bool),
    Number(Number),
    Text(Cow<'de, str>),
    Array,
    Object,
}

impl Scalar<'_> {
    fn json_type(&self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "a boolean",
            Scalar::Number(_) => "a number",
            Scalar::Text(_) => "a string",
            Scalar::Array => "an array",
            Scalar::Object => "an object",
        }
    }

    fn is_null(&self) -> bool {
        matches!(self, Scalar::Null)
    }
}

impl<'de> de::Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = Scalar<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(Scalar::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Scalar::Number(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Scalar::Number(v.into()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Number::from_f64(v)
                    .map(Scalar::Number)
                    .ok_or_else(|| E::custom("a number JSON cannot hold"))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Scalar::Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Scalar::Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Scalar::Text(Cow::Owned(v)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar::Array)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar::Object)
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// An object key, borrowed from the input when it can be.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// The visit methods of a container visitor for every JSON type it does not expect: a
/// `WrongType` error naming the path and what was found.
macro_rules! reject_other_types {
    ($expected:expr) => {
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str($expected)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Err(self.wrong("null"))
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Err(self.wrong("null"))
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Err(self.wrong("a boolean"))
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Err(self.wrong("a number"))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Err(self.wrong("a number"))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Err(self.wrong("a number"))
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Err(self.wrong("a string"))
        }
    };
}

macro_rules! reject_seq {
    () => {
        fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(self.wrong("an array"))
        }
    };
}

macro_rules! reject_map {
    () => {
        fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(self.wrong("an object"))
        }
    };
}

fn wrong_type(path: &str, expected: &'static str, found: &'static str) -> TariffError {
    error(path, TariffErrorKind::WrongType { expected, found })
}

/// The price group: the document's top level.
struct GroupSeed<'c> {
    context: &'c mut Context,
}

impl<'de> DeserializeSeed<'de> for GroupSeed<'_> {
    type Value = PriceGroup;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<PriceGroup, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl GroupSeed<'_> {
    fn wrong<E: de::Error>(self, found: &'static str) -> E {
        self.context.fail(wrong_type("", "an object", found))
    }
}

/// The group's fields, as read.
#[derive(Default)]
struct GroupFields<'de> {
    kind: Option<String>,
    power: Option<Number>,
    evse_ids: Option<Vec<String>>,
    local_datetime: Option<Scalar<'de>>,
    currency: Option<Scalar<'de>>,
    pre_authorization_amount: Option<Scalar<'de>>,
    is_fallback: bool,
    components: Option<[Option<Component>; 5]>,
    /// Whether `prices` came before `currency`: its bands are then read again.
    prices_before_currency: bool,
}

impl<'de> Visitor<'de> for GroupSeed<'_> {
    type Value = PriceGroup;
    reject_other_types!("a price group object");
    reject_seq!();

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PriceGroup, A::Error> {
        let context = self.context;
        let mut fields = GroupFields::default();
        let mut currency: Option<Currency> = None;
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            match key.as_ref() {
                "type" => match map.next_value::<Scalar<'de>>()? {
                    Scalar::Text(text) => fields.kind = Some(text.into_owned()),
                    other => {
                        return Err(context.fail(wrong_type(
                            "type",
                            "a string",
                            other.json_type(),
                        )));
                    }
                },
                "power" => match map.next_value::<Scalar<'de>>()? {
                    Scalar::Number(number) => fields.power = Some(number),
                    other => {
                        return Err(context.fail(wrong_type(
                            "power",
                            "a number",
                            other.json_type(),
                        )));
                    }
                },
                "evse_ids" => {
                    fields.evse_ids = Some(map.next_value_seed(EvseIdsSeed {
                        context: &mut *context,
                    })?);
                }
                "local_datetime" => fields.local_datetime = Some(map.next_value()?),
                "currency" => {
                    let value: Scalar<'de> = map.next_value()?;
                    let parsed = parse_currency(&value).map_err(|e| context.fail(e))?;
                    if !parsed.is_iso_4217() {
                        let code = parsed.code().to_owned();
                        context.warn(
                            "currency".into(),
                            TariffWarningKind::UnknownCurrency { code },
                        );
                    }
                    currency = Some(parsed);
                    fields.currency = Some(value);
                }
                "pre_authorization_amount" => {
                    fields.pre_authorization_amount = Some(map.next_value()?);
                }
                "is_fallback" => {
                    fields.is_fallback = match map.next_value::<Scalar<'de>>()? {
                        Scalar::Null => false,
                        Scalar::Bool(flag) => flag,
                        other => {
                            return Err(context.fail(wrong_type(
                                "is_fallback",
                                "a boolean",
                                other.json_type(),
                            )));
                        }
                    };
                }
                "prices" => {
                    // Prices need the currency (for the displayed price); a document that
                    // lists it later is rare: read with EUR's two decimals, then redone.
                    let assumed = currency.clone();
                    fields.prices_before_currency = assumed.is_none();
                    let currency = match assumed {
                        Some(currency) => currency,
                        None => Currency::parse("EUR").map_err(|_| {
                            context.fail(error("currency", TariffErrorKind::Missing))
                        })?,
                    };
                    fields.components = Some(map.next_value_seed(PricesSeed {
                        context: &mut *context,
                        currency: &currency,
                    })?);
                }
                _ => {
                    context.warn(key.into_owned(), TariffWarningKind::UnknownField);
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        finish(fields, currency, context).map_err(|e| context.fail(e))
    }
}

fn parse_currency(value: &Scalar<'_>) -> Result<Currency, TariffError> {
    let Scalar::Text(text) = value else {
        return Err(wrong_type("currency", "a string", value.json_type()));
    };
    Currency::parse(text).map_err(|_| {
        error(
            "currency",
            TariffErrorKind::MalformedCurrency {
                value: text.clone().into_owned(),
            },
        )
    })
}

/// Checks the group's required fields once all are read.
fn finish(
    fields: GroupFields<'_>,
    currency: Option<Currency>,
    context: &mut Context,
) -> Result<PriceGroup, TariffError> {
    let local_datetime = match fields.local_datetime {
        None => None,
        Some(Scalar::Text(text)) => Some(DateTime::parse_from_rfc3339(&text).map_err(|_| {
            error(
                "local_datetime",
                TariffErrorKind::MalformedDateTime {
                    value: text.clone().into_owned(),
                },
            )
        })?),
        Some(other) => {
            return Err(wrong_type("local_datetime", "a string", other.json_type()));
        }
    };
    let currency = currency.ok_or_else(|| error("currency", TariffErrorKind::Missing))?;
    let pre_authorization_amount = match &fields.pre_authorization_amount {
        Some(value) => {
            non_negative(value).map_err(|kind| error("pre_authorization_amount", kind))?
        }
        None => return Err(error("pre_authorization_amount", TariffErrorKind::Missing)),
    };
    let mut components = fields
        .components
        .ok_or_else(|| error("prices", TariffErrorKind::Missing))?;
    if fields.prices_before_currency && currency.minor_units() != 2 {
        // Displayed prices were computed for two decimals: redo them for this currency.
        redo_displayed_prices(&mut components, &currency, context);
    }
    Ok(PriceGroup {
        kind: fields.kind,
        power: fields.power,
        evse_ids: fields.evse_ids,
        local_datetime,
        pre_authorization_amount,
        is_fallback: fields.is_fallback,
        tariff: std::sync::Arc::new(Tariff::new(currency, components)),
        warnings: Vec::new(),
    })
}

/// After `prices` was read with the wrong minor unit: recomputes the warnings about
/// `user_facing_price` (a missing one takes the computed price).
fn redo_displayed_prices(
    components: &mut [Option<Component>; 5],
    currency: &Currency,
    context: &mut Context,
) {
    let prices_warning = |w: &TariffWarning| {
        matches!(
            w.kind,
            TariffWarningKind::UserFacingPriceMissing { .. }
                | TariffWarningKind::UserFacingPriceMismatch { .. }
        )
    };
    let missing: Vec<String> = context
        .warnings
        .iter()
        .filter(|w| matches!(w.kind, TariffWarningKind::UserFacingPriceMissing { .. }))
        .map(|w| w.path.clone())
        .collect();
    context.warnings.retain(|w| !prices_warning(w));
    for component in components.iter_mut().flatten() {
        for (_, bands) in &mut component.days {
            for band in bands {
                let was_missing = missing.contains(&field_path(band.id, "user_facing_price"));
                let published = (!was_missing).then_some(band.user_facing_price);
                band.user_facing_price = displayed(band, published, currency, context);
            }
        }
    }
}

/// The `user_facing_price` kept: the published one, warned about when it differs from the
/// computed one, or the computed one when none was published.
fn displayed(
    band: &Band,
    published: Option<Decimal>,
    currency: &Currency,
    context: &mut Context,
) -> Decimal {
    let computed = band.displayed_price(currency.minor_units());
    let path = || field_path(band.id, "user_facing_price");
    match published {
        None => {
            context.warn(
                path(),
                TariffWarningKind::UserFacingPriceMissing { computed },
            );
            computed
        }
        Some(published) => {
            if published != computed {
                context.warn(
                    path(),
                    TariffWarningKind::UserFacingPriceMismatch {
                        published,
                        computed,
                    },
                );
            }
            published
        }
    }
}

struct EvseIdsSeed<'c> {
    context: &'c mut Context,
}

impl EvseIdsSeed<'_> {
    fn wrong<E: de::Error>(self, found: &'static str) -> E {
        self.context.fail(wrong_type("evse_ids", "an array", found))
    }
}

impl<'de> DeserializeSeed<'de> for EvseIdsSeed<'_> {
    type Value = Vec<String>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EvseIdsSeed<'_> {
    type Value = Vec<String>;
    reject_other_types!("an array of EVSE ids");
    reject_map!();

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut ids = Vec::new();
        while let Some(item) = seq.next_element::<Scalar<'de>>()? {
            match item {
                Scalar::Text(text) => ids.push(text.into_owned()),
                other => {
                    let path = format!("evse_ids[{}]", ids.len());
                    return Err(self.context.fail(wrong_type(
                        &path,
                        "a string",
                        other.json_type(),
                    )));
                }
            }
        }
        Ok(ids)
    }
}

/// `prices`: up to five components.
struct PricesSeed<'c> {
    context: &'c mut Context,
    currency: &'c Currency,
}

impl PricesSeed<'_> {
    fn wrong<E: de::Error>(self, found: &'static str) -> E {
        self.context.fail(wrong_type("prices", "an object", found))
    }
}

impl<'de> DeserializeSeed<'de> for PricesSeed<'_> {
    type Value = [Option<Component>; 5];
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PricesSeed<'_> {
    type Value = [Option<Component>; 5];
    reject_other_types!("the prices object");
    reject_seq!();

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut components: [Option<Component>; 5] = Default::default();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let Some(kind) = ComponentKind::ALL
                .into_iter()
                .find(|kind| kind.wire_name() == key)
            else {
                self.context
                    .warn(join("prices", &key), TariffWarningKind::UnknownField);
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let days = map.next_value_seed(ComponentSeed {
                context: &mut *self.context,
                currency: self.currency,
                kind,
            })?;
            let Some(mut days) = days else { continue };
            // One order whatever the document's: by day key's name, as JSON objects sort.
            days.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
            let component = Component::new(kind, days);
            let context = &mut *self.context;
            overlap::check_overlaps(&component, &mut context.scratch, &mut context.warnings)
                .map_err(|e| context.fail(e))?;
            components[kind.index()] = Some(component);
        }
        Ok(components)
    }
}

/// One component: day keys to bands; `null` is no component.
struct ComponentSeed<'c> {
    context: &'c mut Context,
    currency: &'c Currency,
    kind: ComponentKind,
}

type Days = Vec<(DayKey, Vec<Band>)>;

impl ComponentSeed<'_> {
    fn path(&self) -> String {
        join("prices", self.kind.wire_name())
    }

    fn wrong<E: de::Error>(self, found: &'static str) -> E {
        let path = self.path();
        self.context.fail(wrong_type(&path, "an object", found))
    }
}

impl<'de> DeserializeSeed<'de> for ComponentSeed<'_> {
    type Value = Option<Days>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ComponentSeed<'_> {
    type Value = Option<Days>;
    reject_seq!();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a component object")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(self.wrong("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Err(self.wrong("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Err(self.wrong("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(self.wrong("a number"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Err(self.wrong("a string"))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut days = Vec::new();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let Some(day) = DayKey::parse(&key) else {
                return Err(self.context.fail(error(
                    &join(&self.path(), &key),
                    TariffErrorKind::UnknownDayKey {
                        key: key.into_owned(),
                    },
                )));
            };
            let bands = map.next_value_seed(BandsSeed {
                context: &mut *self.context,
                currency: self.currency,
                component: self.kind,
                day,
            })?;
            days.push((day, bands));
        }
        Ok(Some(days))
    }
}

/// The bands listed under one day key.
struct BandsSeed<'c> {
    context: &'c mut Context,
    currency: &'c Currency,
    component: ComponentKind,
    day: DayKey,
}

impl BandsSeed<'_> {
    fn wrong<E: de::Error>(self, found: &'static str) -> E {
        let path = format!("prices.{}.{}", self.component.wire_name(), self.day);
        self.context
            .fail(wrong_type(&path, "an array of bands", found))
    }
}

impl<'de> DeserializeSeed<'de> for BandsSeed<'_> {
    type Value = Vec<Band>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for BandsSeed<'_> {
    type Value = Vec<Band>;
    reject_other_types!("an array of bands");
    reject_map!();

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut bands = Vec::new();
        loop {
            let id = BandId {
                component: self.component,
                day: self.day,
                index: bands.len(),
            };
            let seed = BandSeed {
                context: &mut *self.context,
                currency: self.currency,
                id,
            };
            match seq.next_element_seed(seed)? {
                Some(band) => bands.push(band),
                None => return Ok(bands),
            }
        }
    }
}

/// One band.
struct BandSeed<'c> {
    context: &'c mut Context,
    currency: &'c Currency,
    id: BandId,
}

impl BandSeed<'_> {
    fn wrong<E: de::Error>(self, found: &'static str) -> E {
        let path = self.id.to_string();
        self.context.fail(wrong_type(&path, "an object", found))
    }
}

impl<'de> DeserializeSeed<'de> for BandSeed<'_> {
    type Value = Band;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

/// A band's fields, as read (`None`: absent).
#[derive(Default)]
struct BandFields<'de> {
    time_from: Option<Scalar<'de>>,
    time_to: Option<Scalar<'de>>,
    date_from: Option<Scalar<'de>>,
    date_to: Option<Scalar<'de>>,
    gross_price: Option<Scalar<'de>>,
    user_facing_price: Option<Scalar<'de>>,
    grace_period_minutes: Option<Scalar<'de>>,
    tax: Option<Scalar<'de>>,
    blocking_cap: Option<Scalar<'de>>,
}

impl<'de> Visitor<'de> for BandSeed<'_> {
    type Value = Band;
    reject_other_types!("a band object");
    reject_seq!();

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Band, A::Error> {
        let mut fields = BandFields::default();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let slot = match key.as_ref() {
                "time_from" => &mut fields.time_from,
                "time_to" => &mut fields.time_to,
                "date_from" => &mut fields.date_from,
                "date_to" => &mut fields.date_to,
                "gross_price" => &mut fields.gross_price,
                "user_facing_price" => &mut fields.user_facing_price,
                "grace_period_minutes" => &mut fields.grace_period_minutes,
                "tax" => &mut fields.tax,
                "blocking_cap" => &mut fields.blocking_cap,
                _ => {
                    self.context.warn(
                        join(&self.id.to_string(), &key),
                        TariffWarningKind::UnknownField,
                    );
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = Some(map.next_value()?);
        }
        band(self.id, &fields, self.currency, self.context).map_err(|e| self.context.fail(e))
    }
}

/// A field that may be absent or null.
fn present<'a, 'de>(field: Option<&'a Scalar<'de>>) -> Option<&'a Scalar<'de>> {
    field.filter(|value| !value.is_null())
}

/// The path of a band's field, built only when a problem is reported (paths cost more
/// than the rest of reading a band).
fn field_path(id: BandId, field: &str) -> String {
    format!("{id}.{field}")
}

fn band(
    id: BandId,
    fields: &BandFields<'_>,
    currency: &Currency,
    context: &mut Context,
) -> Result<Band, TariffError> {
    let at = |field: &'static str| {
        move |kind: TariffErrorKind| TariffError {
            path: field_path(id, field),
            kind,
        }
    };
    let (time_from, time_to, date_from, date_to) = window(id, fields)?;
    let net_price = fields
        .gross_price
        .as_ref()
        .ok_or(TariffErrorKind::Missing)
        .and_then(non_negative)
        .map_err(at("gross_price"))?;
    let tax_percent = fields
        .tax
        .as_ref()
        .ok_or(TariffErrorKind::Missing)
        .and_then(decimal)
        .map_err(at("tax"))?;
    if tax_percent < Decimal::ZERO || tax_percent > Decimal::ONE_HUNDRED {
        return Err(at("tax")(TariffErrorKind::TaxOutOfRange {
            value: tax_percent,
        }));
    }
    let grace_period_minutes = present(fields.grace_period_minutes.as_ref())
        .map(non_negative)
        .transpose()
        .map_err(at("grace_period_minutes"))?;
    let blocking_cap = present(fields.blocking_cap.as_ref())
        .map(non_negative)
        .transpose()
        .map_err(at("blocking_cap"))?;
    if id.component != ComponentKind::Blocking {
        for (field, given) in [
            ("grace_period_minutes", grace_period_minutes.is_some()),
            ("blocking_cap", blocking_cap.is_some()),
        ] {
            if given {
                context.warn(field_path(id, field), TariffWarningKind::IgnoredField);
            }
        }
    }
    let mut band = Band {
        id,
        time_from,
        time_to,
        date_from,
        date_to,
        net_price,
        user_facing_price: Decimal::ZERO,
        tax_percent,
        grace_period_minutes,
        blocking_cap,
    };
    let published = present(fields.user_facing_price.as_ref())
        .map(decimal)
        .transpose()
        .map_err(at("user_facing_price"))?;
    band.user_facing_price = displayed(&band, published, currency, context);
    Ok(band)
}

/// When a band applies: `time_from`, `time_to`, `date_from`, `date_to`.
type Window = (
    Option<TimeOfDay>,
    Option<TimeOfDay>,
    Option<NaiveDate>,
    Option<NaiveDate>,
);

fn text<'a>(value: &'a Scalar<'_>) -> Result<&'a str, TariffErrorKind> {
    match value {
        Scalar::Text(text) => Ok(text),
        other => Err(TariffErrorKind::WrongType {
            expected: "a string",
            found: other.json_type(),
        }),
    }
}

fn window(id: BandId, fields: &BandFields<'_>) -> Result<Window, TariffError> {
    let at = |field: &'static str| {
        move |kind: TariffErrorKind| TariffError {
            path: field_path(id, field),
            kind,
        }
    };
    let time = |field: &'static str, value: Option<&Scalar<'_>>| {
        present(value)
            .map(|v| {
                let text = text(v)?;
                TimeOfDay::parse(text).ok_or_else(|| TariffErrorKind::MalformedTime {
                    value: text.to_owned(),
                })
            })
            .transpose()
            .map_err(at(field))
    };
    let date = |field: &'static str, value: Option<&Scalar<'_>>| {
        present(value)
            .map(|v| {
                let text = text(v)?;
                parse_date(text).ok_or_else(|| TariffErrorKind::MalformedDate {
                    value: text.to_owned(),
                })
            })
            .transpose()
            .map_err(at(field))
    };
    let time_from = time("time_from", fields.time_from.as_ref())?;
    let time_to = time("time_to", fields.time_to.as_ref())?;
    if time_from.is_some_and(|from| from.minutes() == 1440) {
        return Err(at("time_from")(TariffErrorKind::StartAtEndOfDay));
    }
    if let (Some(from), Some(to)) = (time_from, time_to)
        && from == to
        && from != TimeOfDay::MIDNIGHT
    {
        return Err(at("time_to")(TariffErrorKind::EmptyTimeWindow {
            time: to.to_string(),
        }));
    }
    let date_from = date("date_from", fields.date_from.as_ref())?;
    let date_to = date("date_to", fields.date_to.as_ref())?;
    if let (Some(from), Some(to)) = (date_from, date_to)
        && to <= from
    {
        return Err(at("date_to")(TariffErrorKind::EmptyDateRange {
            date_from: from.to_string(),
            date_to: to.to_string(),
        }));
    }
    Ok((time_from, time_to, date_from, date_to))
}

/// Strict `YYYY-MM-DD`.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let well_formed = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !well_formed {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        bytes[range]
            .iter()
            .fold(0_u32, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let year = i32::try_from(number(0..4)).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7), number(8..10))
}

/// A decimal from a string (the API's money fields) or a number (its `tax`).
fn decimal(value: &Scalar<'_>) -> Result<Decimal, TariffErrorKind> {
    let owned;
    let text: &str = match value {
        Scalar::Text(text) => text.trim(),
        // A whole number (`"tax": 19`) needs no text: the same value and scale as parsing
        // its digits.
        Scalar::Number(number) if number.is_i64() => {
            return Ok(Decimal::from(number.as_i64().unwrap_or_default()));
        }
        Scalar::Number(number) if number.is_u64() => {
            return Ok(Decimal::from(number.as_u64().unwrap_or_default()));
        }
        Scalar::Number(number) => {
            owned = number.to_string();
            &owned
        }
        other => {
            return Err(TariffErrorKind::WrongType {
                expected: "a decimal string or number",
                found: other.json_type(),
            });
        }
    };
    Decimal::from_str_exact(text)
        .or_else(|_| Decimal::from_scientific(text))
        .map_err(|_| TariffErrorKind::MalformedDecimal {
            value: text.to_owned(),
        })
}

/// The largest price, cap, hold or grace period accepted: far above any real tariff, and far
/// enough below `Decimal`'s range that no product in the engine can overflow.
const MAX_AMOUNT: i64 = 1_000_000;

fn non_negative(value: &Scalar<'_>) -> Result<Decimal, TariffErrorKind> {
    let amount = decimal(value)?;
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(TariffErrorKind::Negative { value: amount });
    }
    if amount > Decimal::from(MAX_AMOUNT) {
        return Err(TariffErrorKind::TooLarge {
            value: amount,
            max: Decimal::from(MAX_AMOUNT),
        });
    }
    Ok(amount)
}
