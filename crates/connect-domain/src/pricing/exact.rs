//! Rounding that cannot flip a half cent.
//!
//! The engine computes amounts in `Decimal`: energy at a band cut is interpolated to 12
//! decimals of a kWh, and a division keeps 28 significant digits. Both leave a tiny error,
//! harmless unless the exact amount is a midpoint of the minor unit (56.045 €): then an
//! error of 10⁻¹³ decides between 56.04 and 56.05. So each VAT-inclusive amount is checked
//! against a bound on that error; when it lies within the bound of a midpoint (about one
//! session in several thousand), the amount is recomputed in exact rational arithmetic from
//! the session's energy curve and rounded from that.

use chrono::{DateTime, Utc};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, Zero};
use rust_decimal::Decimal;

use super::accrual::{Accrual, MICROS_PER_HOUR, Quantity};
use crate::charging::{Session, micros};
use crate::money::round_to;
use crate::tariff::ComponentKind;

/// Error bound of one energy accrual: two cut points interpolated to 12 decimals (half a
/// unit each), with room to spare.
fn energy_error_bound() -> Decimal {
    Decimal::new(4, 12)
}

/// Relative error of a few `Decimal` operations of 28 significant digits, with room to spare.
fn relative_error_bound() -> Decimal {
    Decimal::new(1, 20)
}

/// Rounds the VAT-inclusive amount `gross` of one (component, tax rate) to `digits`, half
/// away from zero, as the exact amount would round.
pub(crate) fn round_amount(
    gross: Decimal,
    digits: u32,
    component: ComponentKind,
    tax_percent: Decimal,
    accruals: &[Accrual<'_>],
    session: &Session,
) -> Decimal {
    let part = |accrual: &&Accrual<'_>| {
        accrual.component() == component && accrual.band.tax_percent() == tax_percent
    };
    let energy_error: Decimal = accruals
        .iter()
        .filter(part)
        .filter(|accrual| matches!(accrual.quantity, Quantity::Energy(_)))
        .map(|accrual| accrual.band.net_price().abs() * accrual.band.gross_factor())
        .sum::<Decimal>()
        * energy_error_bound();
    let bound = energy_error + (gross.abs() + Decimal::ONE) * relative_error_bound();
    if !near_midpoint(gross, digits, bound) {
        return round_to(gross, digits);
    }
    let exact = accruals
        .iter()
        .filter(part)
        .map(|accrual| exact_gross(accrual, session))
        .fold(BigRational::zero(), |sum, amount| sum + amount);
    round_exact(&exact, digits).unwrap_or_else(|| round_to(gross, digits))
}

/// Whether `amount` lies within `bound` of a midpoint between two multiples of 10^-digits.
fn near_midpoint(amount: Decimal, digits: u32, bound: Decimal) -> bool {
    let Some(scale) = Decimal::from(10_u64.pow(digits.min(18))).checked_mul(amount.abs()) else {
        return true;
    };
    let fraction = scale.fract();
    let half = Decimal::new(5, 1);
    let distance = (fraction - half).abs();
    let unit = Decimal::new(1, digits.min(28));
    distance * unit <= bound
}

/// The exact VAT-inclusive amount of one accrual.
fn exact_gross(accrual: &Accrual<'_>, session: &Session) -> BigRational {
    let quantity = match accrual.quantity {
        Quantity::Energy(_) => energy_at(session, accrual.to) - energy_at(session, accrual.from),
        Quantity::Time(us) => BigRational::new(BigInt::from(us), BigInt::from(MICROS_PER_HOUR)),
        Quantity::Once => BigRational::from_integer(BigInt::from(1)),
    };
    let band = accrual.band;
    let factor = (ratio(Decimal::ONE_HUNDRED) + ratio(band.tax_percent()))
        / BigRational::from_integer(BigInt::from(100));
    ratio(band.net_price()) * quantity * factor
}

/// Cumulative energy at an instant, exactly: linear between the curve's points.
pub(crate) fn energy_at(session: &Session, at: DateTime<Utc>) -> BigRational {
    let points = session.points();
    let Some(&(first_at, first_energy)) = points.first() else {
        return BigRational::zero();
    };
    if at <= first_at {
        return ratio(first_energy);
    }
    for pair in points.windows(2) {
        let ((from, e_from), (to, e_to)) = (pair[0], pair[1]);
        if at >= to {
            continue;
        }
        let elapsed = BigInt::from(micros(at - from));
        let length = BigInt::from(micros(to - from));
        return ratio(e_from) + ratio(e_to - e_from) * BigRational::new(elapsed, length);
    }
    ratio(session.energy_kwh())
}

/// A `Decimal` as an exact fraction.
pub(crate) fn ratio(value: Decimal) -> BigRational {
    BigRational::new(
        BigInt::from(value.mantissa()),
        BigInt::from(10).pow(value.scale()),
    )
}

/// Rounds an exact fraction to `digits`, half away from zero; `None` if out of range.
pub(crate) fn round_exact(value: &BigRational, digits: u32) -> Option<Decimal> {
    let scaled = value.abs() * BigRational::from_integer(BigInt::from(10).pow(digits));
    let (quotient, remainder) = (
        scaled.numer() / scaled.denom(),
        scaled.numer() % scaled.denom(),
    );
    let rounded = if remainder * 2 >= *scaled.denom() {
        quotient + 1
    } else {
        quotient
    };
    let mantissa = i128::try_from(rounded).ok()?;
    let signed = if value.is_negative() {
        -mantissa
    } else {
        mantissa
    };
    Decimal::try_from_i128_with_scale(signed, digits).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_rounding_is_half_away_from_zero() {
        let half = BigRational::new(BigInt::from(56_045), BigInt::from(1000));
        assert_eq!(round_exact(&half, 2).unwrap().to_string(), "56.05");
        assert_eq!(round_exact(&-half, 2).unwrap().to_string(), "-56.05");
        let below = BigRational::new(BigInt::from(56_044_999), BigInt::from(1_000_000));
        assert_eq!(round_exact(&below, 2).unwrap().to_string(), "56.04");
        let third = BigRational::new(BigInt::from(1), BigInt::from(3));
        assert_eq!(round_exact(&third, 3).unwrap().to_string(), "0.333");
    }

    #[test]
    fn midpoints_are_recognised_within_the_bound_only() {
        let bound = Decimal::new(1, 10);
        assert!(near_midpoint(Decimal::new(56_045, 3), 2, bound));
        assert!(near_midpoint(
            Decimal::new(56_044_999_999_999, 12),
            2,
            bound
        ));
        assert!(!near_midpoint(Decimal::new(56_044, 3), 2, bound));
        assert!(!near_midpoint(Decimal::new(56_040, 3), 2, bound));
    }
}
