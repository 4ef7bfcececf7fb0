//! An independent, brute-force pricing oracle, written from the documented semantics
//! (`docs/pricing.md`), not from the engine's code.
//!
//! It reads the tariff only through the public accessors (`Tariff::components`,
//! `Component::{kind, bands_on, all_bands}`, `Band`'s getters) and decides, for every
//! second of the session, which band is in force by converting that second to
//! station-local wall time with chrono-tz and testing each band of the local weekday, and
//! each overnight band of the previous weekday. Sessions are in whole seconds after their
//! start, and band edges fall on whole UTC seconds (they are whole local minutes, and the
//! zones' offsets from 1970 to 2100 are whole minutes), so every second of the session lies
//! inside one meter segment and, when the start has a sub-second part `f`, is cut by one
//! UTC second boundary into two pieces (`1 − f` and `f`), each inside one band stretch.
//! The engine measures time to the microsecond, so so does the oracle: pieces, uncovered
//! time and energy interpolation are in microseconds.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};
use chrono_tz::Tz;
use connect_domain::pricing::{BandPolicy, BlockingBasis, SessionCost};
use connect_domain::tariff::{Band, BandId, Component, ComponentKind, Tariff, TimeOfDay};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, Zero};
use rust_decimal::{Decimal, RoundingStrategy};

const MICROS_PER_SECOND: i64 = 1_000_000;
const MICROS_PER_HOUR: i64 = 3_600_000_000;

/// A session on a grid of whole seconds since the Unix epoch shifted by `fraction`
/// microseconds: grid second `t` is the instant `t + fraction µs`. The cumulative energy
/// curve starts at `(start, 0)`, is linear between its points; then plug-out.
#[derive(Debug, Clone)]
pub(crate) struct OracleSession {
    pub(crate) start: i64,
    /// The start's sub-second part, microseconds (0 … 999 999).
    pub(crate) fraction: i64,
    pub(crate) points: Vec<(i64, Decimal)>,
    pub(crate) plug_out: i64,
}

impl OracleSession {
    /// The oracle's view of a generated session: its meter curve from `(start, 0)`, in
    /// whole seconds since the Unix epoch.
    pub(crate) fn of(session: &super::arb::SessionSpec) -> Self {
        let start = session.start.timestamp();
        let fraction = i64::from(session.start.timestamp_subsec_micros());
        assert_eq!(
            session.start.timestamp_subsec_nanos() % 1000,
            0,
            "starts are in microseconds"
        );
        let mut points = vec![(start, Decimal::ZERO)];
        points.extend(session.readings.iter().map(|(s, kwh)| (start + s, *kwh)));
        Self {
            start,
            fraction,
            points,
            plug_out: start + session.length(),
        }
    }

    /// Energy delivered.
    pub(crate) fn energy(&self) -> Decimal {
        self.points.last().map_or(Decimal::ZERO, |point| point.1)
    }

    /// End of the last segment in which energy increased (the start if none did).
    pub(crate) fn charging_end(&self) -> i64 {
        self.points
            .windows(2)
            .rev()
            .find(|pair| pair[1].1 > pair[0].1)
            .map_or(self.start, |pair| pair[1].0)
    }

    /// Cumulative energy at grid microsecond `t` (grid second × 10⁶ plus microseconds):
    /// exact at the points, linear between them, interpolated to 12 decimals (half to even)
    /// from the elapsed and total microseconds.
    pub(crate) fn energy_at(&self, t: i64) -> Decimal {
        let first = self.points[0];
        if t <= first.0 * MICROS_PER_SECOND {
            return first.1;
        }
        for pair in self.points.windows(2) {
            let ((t_i, e_i), (t_j, e_j)) = (pair[0], pair[1]);
            if t == t_j * MICROS_PER_SECOND {
                return e_j;
            }
            if t < t_j * MICROS_PER_SECOND {
                let elapsed = Decimal::from(t - t_i * MICROS_PER_SECOND);
                let length = Decimal::from((t_j - t_i) * MICROS_PER_SECOND);
                return (e_i + (e_j - e_i) * elapsed / length)
                    .round_dp_with_strategy(12, RoundingStrategy::MidpointNearestEven);
            }
        }
        self.energy()
    }

    /// Cumulative energy at grid microsecond `t`, exactly (a fraction): what the engine's
    /// amounts must round like.
    pub(crate) fn exact_energy_at(&self, t: i64) -> BigRational {
        let first = self.points[0];
        if t <= first.0 * MICROS_PER_SECOND {
            return ratio(first.1);
        }
        for pair in self.points.windows(2) {
            let ((t_i, e_i), (t_j, e_j)) = (pair[0], pair[1]);
            if t < t_j * MICROS_PER_SECOND {
                return ratio(e_i)
                    + ratio(e_j - e_i)
                        * BigRational::new(
                            BigInt::from(t - t_i * MICROS_PER_SECOND),
                            BigInt::from((t_j - t_i) * MICROS_PER_SECOND),
                        );
            }
        }
        ratio(self.energy())
    }

    /// Whether energy flows during the second `[s, s + 1)`.
    fn charging_during(&self, s: i64) -> bool {
        self.points
            .windows(2)
            .any(|pair| pair[0].0 <= s && s < pair[1].0 && pair[1].1 > pair[0].1)
    }
}

/// A decimal as an exact fraction.
pub(crate) fn ratio(value: Decimal) -> BigRational {
    BigRational::new(
        BigInt::from(value.mantissa()),
        BigInt::from(10).pow(value.scale()),
    )
}

/// An exact fraction rounded half away from zero to `digits`, printed with that many.
pub(crate) fn round_exact(value: &BigRational, digits: u32) -> Decimal {
    let scaled = value.abs() * BigRational::from_integer(BigInt::from(10).pow(digits));
    let quotient = scaled.numer() / scaled.denom();
    let remainder = scaled.numer() % scaled.denom();
    let rounded = if remainder * 2 >= *scaled.denom() {
        quotient + 1
    } else {
        quotient
    };
    let mantissa = i128::try_from(rounded).expect("amount in range");
    let signed = if value.is_negative() {
        -mantissa
    } else {
        mantissa
    };
    Decimal::from_i128_with_scale(signed, digits)
}

/// A band's window in minutes from the start of the day it starts on: `[start, end)`, with
/// `end` above 1440 for an overnight band.
pub(crate) fn band_window(band: &Band) -> (u32, u32) {
    let start = band.time_from().map_or(0, TimeOfDay::minutes);
    let mut end = match band.time_to().map(TimeOfDay::minutes) {
        None | Some(0 | 1440) => 1440,
        Some(minutes) => minutes,
    };
    if end <= start {
        end += 1440;
    }
    (start, end)
}

/// Whether a band instance starting on `date` lies within the band's dates.
fn valid_on(band: &Band, date: NaiveDate) -> bool {
    band.date_from().is_none_or(|from| date >= from) && band.date_to().is_none_or(|to| date < to)
}

/// Whether two bands charge the same.
pub(crate) fn same_terms(a: &Band, b: &Band) -> bool {
    a.net_price() == b.net_price()
        && a.tax_percent() == b.tax_percent()
        && a.grace_period_minutes() == b.grace_period_minutes()
        && a.blocking_cap() == b.blocking_cap()
}

/// The band of `component` in force at local wall time `local`. Panics when two bands with
/// different terms are: a tariff the parser must have rejected.
pub(crate) fn band_at_local(component: &Component, local: NaiveDateTime) -> Option<&Band> {
    let date = local.date();
    let second = i64::from(local.num_seconds_from_midnight());
    let today = component.bands_on(date.weekday()).filter(|band| {
        let (start, end) = band_window(band);
        valid_on(band, date)
            && second >= i64::from(start) * 60
            && second < i64::from(end.min(1440)) * 60
    });
    let yesterday = date.pred_opt();
    let overnight = component
        .bands_on(date.weekday().pred())
        .filter(move |band| {
            let (_, end) = band_window(band);
            end > 1440
                && yesterday.is_some_and(|day| valid_on(band, day))
                && second < i64::from(end - 1440) * 60
        });
    let mut found: Option<&Band> = None;
    for band in today.chain(overnight) {
        match found {
            None => found = Some(band),
            Some(first) => assert!(
                same_terms(first, band),
                "{} and {} are both in force at {local} with different terms: the parser \
                 accepted overlapping bands",
                first.id(),
                band.id()
            ),
        }
    }
    found
}

/// Station-local wall time of a whole second, via chrono-tz.
pub(crate) fn local_time(zone: Tz, second: i64) -> NaiveDateTime {
    DateTime::<Utc>::from_timestamp(second, 0)
        .unwrap_or_else(|| panic!("{second} is out of range"))
        .with_timezone(&zone)
        .naive_local()
}

/// The band of `component` in force at a whole second.
pub(crate) fn band_at(component: &Component, zone: Tz, second: i64) -> Option<&Band> {
    band_at_local(component, local_time(zone, second))
}

/// Grace of a blocking band in whole seconds, rounded up.
fn grace_seconds(band: &Band) -> i64 {
    band.grace_period_minutes().map_or(0, |minutes| {
        i64::try_from((minutes * Decimal::from(60)).ceil()).unwrap_or(i64::MAX)
    })
}

/// What the oracle expects the engine to report.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Expected {
    /// The `session_cost`.
    pub(crate) cost: SessionCost,
    /// Per tax rate with a non-zero amount: (sum of rounded amounts, VAT in it).
    pub(crate) vat: BTreeMap<Decimal, (Decimal, Decimal)>,
    /// The unrounded VAT-inclusive total after the cap.
    pub(crate) exact_total: Decimal,
    /// `(cap, uncapped)` when the blocking cap cut the fee.
    pub(crate) cap: Option<(Decimal, Decimal)>,
    /// kWh billed per band (non-zero only).
    pub(crate) energy_by_band: BTreeMap<BandId, Decimal>,
    /// Microseconds billed per time-based band (non-zero only).
    pub(crate) micros_by_band: BTreeMap<BandId, i64>,
    /// Sessions billed per one-off band.
    pub(crate) count_by_band: BTreeMap<BandId, i64>,
    /// Microseconds no band covers, per component (non-zero only).
    pub(crate) uncovered_micros: BTreeMap<ComponentKind, i64>,
    /// Components without a band at the start that the session would have used.
    pub(crate) no_band_at_start: Vec<ComponentKind>,
    /// Whether a starting fee was waived because the station is a partner.
    pub(crate) starting_fee_waived: bool,
}

/// Quantities summed per (component, net price, tax).
#[derive(Default)]
struct Quantities {
    energy: Decimal,
    /// The same energy, exactly.
    exact_energy: Option<BigRational>,
    micros: i64,
    count: i64,
}

#[derive(Default)]
struct Ledger<'a> {
    groups: BTreeMap<(ComponentKind, Decimal, Decimal), Quantities>,
    energy_by_band: BTreeMap<BandId, Decimal>,
    micros_by_band: BTreeMap<BandId, i64>,
    count_by_band: BTreeMap<BandId, i64>,
    /// Blocking time in time order, as (band, microseconds) runs: the cap's tax attribution.
    blocking_runs: Vec<(&'a Band, i64)>,
    uncovered: BTreeMap<ComponentKind, i64>,
    no_band_at_start: Vec<ComponentKind>,
    starting_fee_waived: bool,
}

impl<'a> Ledger<'a> {
    fn group(&mut self, band: &Band) -> &mut Quantities {
        let key = (band.id().component, band.net_price(), band.tax_percent());
        self.groups.entry(key).or_default()
    }

    fn energy(&mut self, band: &Band, kwh: Decimal, exact: &BigRational) {
        let group = self.group(band);
        group.energy += kwh;
        group.exact_energy =
            Some(group.exact_energy.take().unwrap_or_else(BigRational::zero) + exact);
        *self.energy_by_band.entry(band.id()).or_default() += kwh;
    }

    fn time(&mut self, band: &'a Band, micros: i64) {
        self.group(band).micros += micros;
        *self.micros_by_band.entry(band.id()).or_default() += micros;
        if band.id().component == ComponentKind::Blocking {
            match self.blocking_runs.last_mut() {
                Some((last, run)) if std::ptr::eq(*last, band) => *run += micros,
                _ => self.blocking_runs.push((band, micros)),
            }
        }
    }

    fn once(&mut self, band: &Band) {
        self.group(band).count += 1;
        *self.count_by_band.entry(band.id()).or_default() += 1;
    }

    fn uncovered(&mut self, kind: ComponentKind, micros: i64) {
        *self.uncovered.entry(kind).or_default() += micros;
    }
}

fn slot(kind: ComponentKind) -> Option<usize> {
    match kind {
        ComponentKind::Energy => Some(0),
        ComponentKind::Time => Some(1),
        ComponentKind::Blocking => Some(2),
        ComponentKind::SessionFee | ComponentKind::StartingFee => None,
    }
}

/// `price × quantity`, net: per kWh, per hour (from microseconds) or per session.
fn net(kind: ComponentKind, price: Decimal, quantities: &Quantities) -> Decimal {
    match kind {
        ComponentKind::Energy => price * quantities.energy,
        ComponentKind::Time | ComponentKind::Blocking => {
            price * Decimal::from(quantities.micros) / Decimal::from(MICROS_PER_HOUR)
        }
        ComponentKind::SessionFee | ComponentKind::StartingFee => {
            price * Decimal::from(quantities.count)
        }
    }
}

/// `price × quantity × (100 + tax) / 100`, exactly.
fn exact_gross(
    kind: ComponentKind,
    price: Decimal,
    tax: Decimal,
    quantities: &Quantities,
) -> BigRational {
    let quantity = match kind {
        ComponentKind::Energy => quantities
            .exact_energy
            .clone()
            .unwrap_or_else(BigRational::zero),
        ComponentKind::Time | ComponentKind::Blocking => BigRational::new(
            BigInt::from(quantities.micros),
            BigInt::from(MICROS_PER_HOUR),
        ),
        ComponentKind::SessionFee | ComponentKind::StartingFee => {
            BigRational::from_integer(BigInt::from(quantities.count))
        }
    };
    ratio(price) * quantity * (ratio(Decimal::ONE_HUNDRED) + ratio(tax))
        / BigRational::from_integer(BigInt::from(100))
}

fn gross(net: Decimal, tax: Decimal) -> Decimal {
    net * (Decimal::ONE_HUNDRED + tax) / Decimal::ONE_HUNDRED
}

/// Unrounded VAT-inclusive amounts per (component, tax rate).
type Amounts = BTreeMap<(ComponentKind, Decimal), Decimal>;

/// The session's cap: the cap of the band that bills the first blocking time (one amount
/// per session, fixed when blocking begins).
fn session_cap(blocking_runs: &[(&Band, i64)]) -> Option<Decimal> {
    blocking_runs
        .iter()
        .find(|(_, micros)| *micros > 0)
        .and_then(|(band, _)| band.blocking_cap())
}

/// Applies the cap to the VAT-inclusive fee. When it cuts the fee, the fee accrues in time
/// order until the cap is reached, which decides the tax rates of the capped amount.
/// Returns `(cap, uncapped)` when it cut.
fn apply_cap(
    cap: Decimal,
    blocking_runs: &[(&Band, i64)],
    amounts: &mut Amounts,
) -> Option<(Decimal, Decimal)> {
    let uncapped: Decimal = amounts
        .iter()
        .filter(|((kind, _), _)| *kind == ComponentKind::Blocking)
        .map(|(_, amount)| *amount)
        .sum();
    if uncapped <= cap {
        return None;
    }
    amounts.retain(|(kind, _), _| *kind != ComponentKind::Blocking);
    let mut remaining = cap;
    let mut last_tax = None;
    for (band, micros) in blocking_runs {
        if remaining.is_zero() {
            break;
        }
        let quantities = Quantities {
            micros: *micros,
            ..Quantities::default()
        };
        let amount = gross(
            net(ComponentKind::Blocking, band.net_price(), &quantities),
            band.tax_percent(),
        );
        let take = amount.min(remaining);
        *amounts
            .entry((ComponentKind::Blocking, band.tax_percent()))
            .or_default() += take;
        remaining -= take;
        last_tax = Some(band.tax_percent());
    }
    if let Some(tax) = last_tax
        && remaining > Decimal::ZERO
    {
        *amounts.entry((ComponentKind::Blocking, tax)).or_default() += remaining;
    }
    Some((cap, uncapped))
}

/// Toward zero, to `digits` decimals, printed with exactly that many.
fn round_down_money(amount: Decimal, digits: u32) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(digits, RoundingStrategy::ToZero);
    rounded.rescale(digits);
    rounded
}

/// Half away from zero, to `digits` decimals, printed with exactly that many.
pub(crate) fn round_money(amount: Decimal, digits: u32) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(digits);
    rounded
}

/// The oracle for one tariff, zone and session: the band of every time-based component at
/// every second, found once and priced under any options.
pub(crate) struct Oracle<'a> {
    tariff: &'a Tariff,
    zone: Tz,
    session: &'a OracleSession,
    /// Energy, time and blocking: the band during UTC second `start + i` (one more than the
    /// session's seconds when it starts on a sub-second).
    per_second: [Vec<Option<&'a Band>>; 3],
    /// Whether `[start + i, start + i + 1)` is charging.
    charging: Vec<bool>,
}

impl<'a> Oracle<'a> {
    /// Walks the session second by second.
    pub(crate) fn new(tariff: &'a Tariff, zone: Tz, session: &'a OracleSession) -> Self {
        let components: Vec<(usize, &Component)> = tariff
            .components()
            .filter_map(|component| slot(component.kind()).map(|s| (s, component)))
            .collect();
        let mut per_second: [Vec<Option<&Band>>; 3] = Default::default();
        let mut charging = Vec::new();
        let last_utc_second = session.plug_out + i64::from(session.fraction > 0);
        for second in session.start..last_utc_second {
            let local = local_time(zone, second);
            for &(s, component) in &components {
                per_second[s].push(band_at_local(component, local));
            }
        }
        for second in session.start..session.plug_out {
            charging.push(session.charging_during(second));
        }
        Self {
            tariff,
            zone,
            session,
            per_second,
            charging,
        }
    }

    /// The pieces of grid second `start + i` in one band stretch each: `(band, first grid
    /// microsecond, length in microseconds)`.
    fn pieces(
        &self,
        bands: &[Option<&'a Band>],
        i: usize,
    ) -> impl Iterator<Item = (Option<&'a Band>, i64, i64)> {
        let fraction = self.session.fraction;
        let from = (self.session.start + i64::try_from(i).unwrap_or(i64::MAX)) * MICROS_PER_SECOND;
        let first = (bands[i], from, MICROS_PER_SECOND - fraction);
        let second =
            (fraction > 0).then(|| (bands[i + 1], from + MICROS_PER_SECOND - fraction, fraction));
        std::iter::once(first).chain(second)
    }

    fn band_at_start(&self, component: &'a Component) -> Option<&'a Band> {
        band_at(component, self.zone, self.session.start)
    }

    /// What the engine should report under these options.
    pub(crate) fn price(
        &self,
        policy: BandPolicy,
        basis: BlockingBasis,
        is_partner: bool,
    ) -> Expected {
        let session = self.session;
        let basis = match basis {
            BlockingBasis::ChargingComplete => session.charging_end(),
            _ => session.start,
        };
        let mut ledger = Ledger::default();
        for component in self.tariff.components() {
            if component.all_bands().next().is_none() {
                // A component without a single band prices nothing and says nothing.
                continue;
            }
            let kind = component.kind();
            match (kind, policy) {
                (ComponentKind::SessionFee | ComponentKind::StartingFee, _) => {
                    self.one_off(component, is_partner, &mut ledger);
                }
                (_, BandPolicy::PerMoment) => self.per_moment(component, basis, &mut ledger),
                _ => self.frozen(component, basis, &mut ledger),
            }
        }
        self.money(ledger)
    }

    fn one_off(&self, component: &'a Component, is_partner: bool, ledger: &mut Ledger<'a>) {
        let kind = component.kind();
        if kind == ComponentKind::StartingFee {
            if self.session.energy().is_zero() {
                return;
            }
            if is_partner {
                ledger.starting_fee_waived = true;
                return;
            }
        }
        match self.band_at_start(component) {
            Some(band) => ledger.once(band),
            None => ledger.no_band_at_start.push(kind),
        }
    }

    fn charging_micros(&self) -> i64 {
        let seconds = self.charging.iter().filter(|charging| **charging).count();
        i64::try_from(seconds).unwrap_or(i64::MAX) * MICROS_PER_SECOND
    }

    fn frozen(&self, component: &'a Component, basis: i64, ledger: &mut Ledger<'a>) {
        let session = self.session;
        let kind = component.kind();
        let band = self.band_at_start(component);
        let used = match kind {
            ComponentKind::Blocking => session.plug_out > basis,
            _ => !session.energy().is_zero(),
        };
        let Some(band) = band else {
            if used {
                ledger.no_band_at_start.push(kind);
            }
            return;
        };
        match kind {
            ComponentKind::Energy if session.energy() > Decimal::ZERO => {
                ledger.energy(band, session.energy(), &ratio(session.energy()));
            }
            ComponentKind::Time if self.charging_micros() > 0 => {
                ledger.time(band, self.charging_micros());
            }
            ComponentKind::Blocking => {
                let billed = session.plug_out - (basis + grace_seconds(band));
                if billed > 0 {
                    ledger.time(band, billed * MICROS_PER_SECOND);
                }
            }
            _ => {}
        }
    }

    fn per_moment(&self, component: &'a Component, basis: i64, ledger: &mut Ledger<'a>) {
        let kind = component.kind();
        let Some(s) = slot(kind) else { return };
        let bands = &self.per_second[s];
        let start = self.session.start;
        if kind == ComponentKind::Blocking {
            for second in basis..self.session.plug_out {
                let index = usize::try_from(second - start).unwrap_or(usize::MAX);
                for (band, _, micros) in self.pieces(bands, index) {
                    match band {
                        None => ledger.uncovered(kind, micros),
                        Some(band) if second >= basis + grace_seconds(band) => {
                            ledger.time(band, micros);
                        }
                        Some(_) => {}
                    }
                }
            }
            return;
        }
        // Energy and charging time: every charging second goes to the band in force then.
        // Energy is added per run of seconds with the same band, as E(run end) − E(run
        // start): the sum of the per-second increments, without a division per second.
        let mut run: Option<(&Band, i64)> = None;
        let flush = |run: Option<(&'a Band, i64)>, until: i64, ledger: &mut Ledger<'a>| {
            if let Some((band, from)) = run {
                let energy = self.session.energy_at(until) - self.session.energy_at(from);
                let exact =
                    self.session.exact_energy_at(until) - self.session.exact_energy_at(from);
                ledger.energy(band, energy, &exact);
            }
        };
        for (i, &charging) in self.charging.iter().enumerate() {
            if !charging {
                continue;
            }
            for (band, from, micros) in self.pieces(bands, i) {
                let Some(band) = band else {
                    ledger.uncovered(kind, micros);
                    flush(run.take(), from, ledger);
                    continue;
                };
                if kind == ComponentKind::Time {
                    ledger.time(band, micros);
                    continue;
                }
                match run {
                    Some((current, _)) if std::ptr::eq(current, band) => {}
                    _ => {
                        flush(run.take(), from, ledger);
                        run = Some((band, from));
                    }
                }
            }
        }
        flush(run, self.session.charging_end() * MICROS_PER_SECOND, ledger);
    }

    #[allow(clippy::too_many_lines)]
    fn money(&self, ledger: Ledger<'a>) -> Expected {
        let currency = self.tariff.currency();
        let digits = currency.minor_units();
        // Unrounded VAT-inclusive amounts per (component, tax rate).
        let mut amounts = Amounts::new();
        let mut exact: BTreeMap<(ComponentKind, Decimal), BigRational> = BTreeMap::new();
        for ((kind, price, tax), quantities) in &ledger.groups {
            *amounts.entry((*kind, *tax)).or_default() +=
                gross(net(*kind, *price, quantities), *tax);
            let sum = exact.entry((*kind, *tax)).or_insert_with(BigRational::zero);
            *sum = &*sum + exact_gross(*kind, *price, *tax, quantities);
        }
        let cap = session_cap(&ledger.blocking_runs);
        let cap_applied = cap.and_then(|cap| apply_cap(cap, &ledger.blocking_runs, &mut amounts));
        let exact_total: Decimal = amounts.values().copied().sum();
        let mut rounded: BTreeMap<(ComponentKind, Decimal), Decimal> = amounts
            .iter()
            .map(|(key, amount)| {
                // Amounts round as their exact value does (a capped fee is the cap's).
                let rounded = match exact.get(key) {
                    Some(exact) if !(key.0 == ComponentKind::Blocking && cap_applied.is_some()) => {
                        round_exact(exact, digits)
                    }
                    _ => round_money(*amount, digits),
                };
                (*key, rounded)
            })
            .collect();
        if let Some(cap) = cap {
            // Never bill more than the cap rounded down; exactly that when it cut the fee.
            let limit = round_down_money(cap, digits);
            let billed: Decimal = rounded
                .iter()
                .filter(|((kind, _), _)| *kind == ComponentKind::Blocking)
                .map(|(_, amount)| *amount)
                .sum();
            let target = if cap_applied.is_some() {
                limit
            } else {
                billed.min(limit)
            };
            let mut delta = target - billed;
            // Adjust the tax rate that billed blocking time last to appear first.
            let mut rates: Vec<Decimal> = Vec::new();
            for (band, micros) in &ledger.blocking_runs {
                if *micros > 0 && !rates.contains(&band.tax_percent()) {
                    rates.push(band.tax_percent());
                }
            }
            for rate in rates.iter().rev() {
                if let Some(part) = rounded.get_mut(&(ComponentKind::Blocking, *rate)) {
                    let change = delta.max(-*part);
                    *part += change;
                    delta -= change;
                }
            }
        }
        let cap_applied =
            cap_applied.map(|(cap, uncapped)| (round_down_money(cap, digits), uncapped));
        let component = |kind: ComponentKind| {
            round_money(
                rounded
                    .iter()
                    .filter(|((k, _), _)| *k == kind)
                    .map(|(_, amount)| *amount)
                    .sum(),
                digits,
            )
        };
        let mut vat: BTreeMap<Decimal, (Decimal, Decimal)> = BTreeMap::new();
        for ((_, tax), amount) in &rounded {
            vat.entry(*tax).or_default().0 += *amount;
        }
        for (tax, (gross_at_rate, vat_at_rate)) in &mut vat {
            *vat_at_rate = round_money(
                *gross_at_rate * *tax / (Decimal::ONE_HUNDRED + *tax),
                digits,
            );
        }
        vat.retain(|_, (gross_at_rate, vat_at_rate)| {
            !gross_at_rate.is_zero() || !vat_at_rate.is_zero()
        });
        let cost = {
            let mut cost = SessionCost::zero(currency.code().to_owned());
            cost.kwh_cost = component(ComponentKind::Energy);
            cost.time_cost = component(ComponentKind::Time);
            cost.session_fee_cost = component(ComponentKind::SessionFee);
            cost.blocking_fee_cost = component(ComponentKind::Blocking);
            cost.starting_fee_cost = component(ComponentKind::StartingFee);
            cost.invoice_vat = round_money(vat.values().map(|(_, v)| *v).sum(), digits);
            cost.invoice_summary = round_money(rounded.values().copied().sum(), digits);
            cost
        };
        let mut energy_by_band = ledger.energy_by_band;
        energy_by_band.retain(|_, kwh| !kwh.is_zero());
        Expected {
            cost,
            vat,
            exact_total,
            cap: cap_applied,
            energy_by_band,
            micros_by_band: ledger.micros_by_band,
            count_by_band: ledger.count_by_band,
            uncovered_micros: ledger.uncovered,
            no_band_at_start: ledger.no_band_at_start,
            starting_fee_waived: ledger.starting_fee_waived,
        }
    }
}
