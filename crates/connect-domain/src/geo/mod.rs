//! Where stations are: distances on the Earth, slippy-map tiles, and an index that answers
//! "stations around a point" and "the stations (or clusters) of a map tile".
//!
//! - [`distance_m`]: great-circle distance in metres (haversine formula, mean Earth radius
//!   [`EARTH_RADIUS_M`] = 6 371 008.8 m, the IUGG mean radius).
//! - [`Tile`]: Web Mercator XYZ ("slippy map") tiles, as the API's `stations/tile/` takes
//!   them: zoom 0 to [`MAX_ZOOM`], `x` from west to east, `y` from north to south.
//! - [`StationIndex`]: built once over station positions, it answers
//!   [`around`](StationIndex::around) (within a radius, nearest first) and
//!   [`tile`](StationIndex::tile) (one feature per station, or per cluster of nearby
//!   stations at low zoom), each after a filter on the station's index.
//!
//! Coordinates are WGS 84 degrees ([`Coordinates`]): latitude −90 to 90, longitude −180 to
//! 180; anything else (NaN included) is a [`GeoError`], never a panic.

mod index;
mod tile;

#[cfg(test)]
mod tests;

pub use index::{CellSize, Cluster, ClusterId, ClusterOptions, StationIndex, TileFeature};
pub use tile::{MAX_LATITUDE, MAX_ZOOM, Tile, TileBounds};

use crate::zone::Coordinates;

/// The mean radius of the Earth, metres (IUGG: (2a + b) / 3 of WGS 84).
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Why a position, radius, tile or cluster was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum GeoError {
    /// A coordinate is NaN, infinite or out of range.
    #[error("invalid {field} {value}: expected a finite number from -{limit} to {limit}", limit = limit(.field))]
    InvalidCoordinates {
        /// `"latitude"` or `"longitude"`.
        field: &'static str,
        /// The value given.
        value: f64,
    },
    /// A position given to [`StationIndex::new`] is invalid.
    #[error("position {index}: invalid {field} {value}: expected a finite number from -{limit} to {limit}", limit = limit(.field))]
    InvalidPosition {
        /// Its index in the slice.
        index: usize,
        /// `"latitude"` or `"longitude"`.
        field: &'static str,
        /// The value given.
        value: f64,
    },
    /// A radius is negative, NaN or infinite.
    #[error("invalid radius {value} m: expected a finite distance of at least 0 m")]
    InvalidRadius {
        /// The value given.
        value: f64,
    },
    /// A zoom level above [`MAX_ZOOM`].
    #[error("zoom {z} is out of range: expected 0 to {max}", max = MAX_ZOOM)]
    ZoomOutOfRange {
        /// The zoom given.
        z: u32,
    },
    /// A tile coordinate of 2^z or more.
    #[error("tile x {x}, y {y} does not exist at zoom {z}: both must be below {limit}", limit = 1_u64 << .z)]
    TileOutOfRange {
        /// The zoom.
        z: u32,
        /// The x given.
        x: u32,
        /// The y given.
        y: u32,
    },
    /// More positions than an index holds (2^32 − 1).
    #[error("{count} positions are more than an index holds ({max})", max = u32::MAX)]
    TooManyPositions {
        /// How many were given.
        count: usize,
    },
    /// Text that is not a [`ClusterId`].
    #[error("{text:?} is not a cluster id (expected LEVEL-X-Y, as a tile feature gives it)")]
    InvalidClusterId {
        /// The text given.
        text: String,
    },
}

fn limit(field: &str) -> u16 {
    if field == "latitude" { 90 } else { 180 }
}

/// Checks that a position is a WGS 84 position: both coordinates finite, latitude within
/// ±90 and longitude within ±180.
///
/// # Errors
/// [`GeoError::InvalidCoordinates`] naming the first bad coordinate.
pub fn check(position: Coordinates) -> Result<(), GeoError> {
    let Coordinates {
        latitude,
        longitude,
    } = position;
    if !latitude.is_finite() || latitude.abs() > 90.0 {
        return Err(GeoError::InvalidCoordinates {
            field: "latitude",
            value: latitude,
        });
    }
    if !longitude.is_finite() || longitude.abs() > 180.0 {
        return Err(GeoError::InvalidCoordinates {
            field: "longitude",
            value: longitude,
        });
    }
    Ok(())
}

/// The great-circle distance between two positions, metres: the haversine formula on a
/// sphere of radius [`EARTH_RADIUS_M`] (within 0.5 % of the ellipsoidal distance).
///
/// The inputs are not checked; a NaN coordinate gives NaN.
///
/// # Examples
/// ```
/// use connect_domain::geo::distance_m;
/// use connect_domain::zone::Coordinates;
/// let worms = Coordinates { latitude: 49.630383, longitude: 8.368902 };
/// let mannheim = Coordinates { latitude: 49.494409, longitude: 8.468098 };
/// let d = distance_m(worms, mannheim);
/// assert!((d - 16_726.86).abs() < 0.01, "{d}");
/// assert_eq!(distance_m(worms, worms), 0.0);
/// ```
pub fn distance_m(a: Coordinates, b: Coordinates) -> f64 {
    let (phi1, phi2) = (a.latitude.to_radians(), b.latitude.to_radians());
    let half_dphi = (phi2 - phi1) / 2.0;
    let half_dlambda = (b.longitude - a.longitude).to_radians() / 2.0;
    let h = half_dphi.sin().powi(2) + phi1.cos() * phi2.cos() * half_dlambda.sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}
