//! Web Mercator XYZ ("slippy map") tiles, and the fixed-point Mercator plane the index sorts
//! positions in.

use std::f64::consts::PI;

use super::{GeoError, check};
use crate::zone::Coordinates;

/// The highest zoom level a [`Tile`] may have.
pub const MAX_ZOOM: u8 = 22;

/// The latitude where Web Mercator's square world ends, degrees: `atan(sinh(π))`.
/// Positions further north or south belong to the top or bottom row of tiles.
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;

/// 2^32: the width of the fixed-point plane (one unit is under 1 cm at the equator).
const PLANE: f64 = 4_294_967_296.0;

/// One map tile: zoom `z` (0 to [`MAX_ZOOM`]), column `x` (west to east) and row `y` (north to
/// south), both below 2^z.
///
/// The tile of a position (the API's reference client computes the same):
/// `x = floor((lon + 180) / 360 · 2^z)`, `y = floor((1 − ln(tan φ + sec φ) / π) / 2 · 2^z)`.
///
/// # Examples
/// ```
/// use connect_domain::geo::Tile;
/// use connect_domain::zone::Coordinates;
/// let berlin = Coordinates { latitude: 52.5176, longitude: 13.4166 };
/// let tile = Tile::containing(berlin, 14)?;
/// assert_eq!((tile.x(), tile.y()), (8802, 5373));
/// assert!(tile.bounds().contains(berlin));
/// assert!(Tile::new(3, 8, 0).is_err());
/// # Ok::<(), connect_domain::geo::GeoError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tile {
    z: u8,
    x: u32,
    y: u32,
}

/// The area a tile covers, degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TileBounds {
    /// Western edge (longitude).
    pub west: f64,
    /// Southern edge (latitude).
    pub south: f64,
    /// Eastern edge (longitude).
    pub east: f64,
    /// Northern edge (latitude).
    pub north: f64,
}

impl TileBounds {
    /// Whether a position lies inside (edges included).
    pub fn contains(&self, position: Coordinates) -> bool {
        (self.south..=self.north).contains(&position.latitude)
            && (self.west..=self.east).contains(&position.longitude)
    }
}

impl Tile {
    /// The tile `x`, `y` at zoom `z`.
    ///
    /// # Errors
    /// [`GeoError::ZoomOutOfRange`] for `z` above [`MAX_ZOOM`];
    /// [`GeoError::TileOutOfRange`] for `x` or `y` of 2^z or more.
    pub fn new(z: u32, x: u32, y: u32) -> Result<Self, GeoError> {
        let zoom = u8::try_from(z)
            .ok()
            .filter(|&zoom| zoom <= MAX_ZOOM)
            .ok_or(GeoError::ZoomOutOfRange { z })?;
        if u64::from(x) >= 1_u64 << z || u64::from(y) >= 1_u64 << z {
            return Err(GeoError::TileOutOfRange { z, x, y });
        }
        Ok(Self { z: zoom, x, y })
    }

    /// The tile at zoom `z` that contains a position. Latitudes beyond ±[`MAX_LATITUDE`]
    /// belong to the top or bottom row; a position on an edge belongs to the tile east or
    /// south of it (longitude 180 to the last column).
    ///
    /// # Errors
    /// [`GeoError::InvalidCoordinates`] for an invalid position,
    /// [`GeoError::ZoomOutOfRange`] for `z` above [`MAX_ZOOM`].
    pub fn containing(position: Coordinates, z: u32) -> Result<Self, GeoError> {
        check(position)?;
        let zoom = u8::try_from(z)
            .ok()
            .filter(|&zoom| zoom <= MAX_ZOOM)
            .ok_or(GeoError::ZoomOutOfRange { z })?;
        let (px, py) = plane(position);
        let shift = 32 - u32::from(zoom);
        Ok(Self {
            z: zoom,
            x: u32::try_from(u64::from(px) >> shift).unwrap_or(0),
            y: u32::try_from(u64::from(py) >> shift).unwrap_or(0),
        })
    }

    /// Zoom level.
    pub fn z(&self) -> u8 {
        self.z
    }

    /// Column, west to east.
    pub fn x(&self) -> u32 {
        self.x
    }

    /// Row, north to south.
    pub fn y(&self) -> u32 {
        self.y
    }

    /// The area the tile covers. Its northern edge in the top row is [`MAX_LATITUDE`].
    pub fn bounds(&self) -> TileBounds {
        let n = f64::from(1_u32 << self.z);
        TileBounds {
            west: longitude_at(f64::from(self.x) / n),
            east: longitude_at((f64::from(self.x) + 1.0) / n),
            north: latitude_at(f64::from(self.y) / n),
            south: latitude_at((f64::from(self.y) + 1.0) / n),
        }
    }

    /// The tile one zoom level up that contains this one; `None` at zoom 0.
    pub fn parent(&self) -> Option<Self> {
        (self.z > 0).then(|| Self {
            z: self.z - 1,
            x: self.x / 2,
            y: self.y / 2,
        })
    }

    /// The four tiles one zoom level down that make up this one (north-west, north-east,
    /// south-west, south-east); `None` at [`MAX_ZOOM`].
    pub fn children(&self) -> Option<[Self; 4]> {
        (self.z < MAX_ZOOM).then(|| {
            let (z, x, y) = (self.z + 1, self.x * 2, self.y * 2);
            [
                Self { z, x, y },
                Self { z, x: x + 1, y },
                Self { z, x, y: y + 1 },
                Self {
                    z,
                    x: x + 1,
                    y: y + 1,
                },
            ]
        })
    }

    /// The range of Z-order keys ([`morton`]) of the positions inside, inclusive.
    pub(super) fn key_range(&self) -> (u64, u64) {
        cell_key_range(u32::from(self.z), self.x, self.y)
    }
}

impl std::fmt::Display for Tile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}/{}", self.z, self.x, self.y)
    }
}

/// The inclusive range of Z-order keys of the quadtree cell `x`, `y` at `level` (0 to 32).
pub(super) fn cell_key_range(level: u32, x: u32, y: u32) -> (u64, u64) {
    let below = 2 * (32 - level.min(32));
    let prefix = u128::from(morton(x, y));
    let low = prefix << below;
    let high = ((prefix + 1) << below) - 1;
    (
        u64::try_from(low).unwrap_or(u64::MAX),
        u64::try_from(high).unwrap_or(u64::MAX),
    )
}

/// A valid position on the fixed-point Web Mercator plane: `x` from 0 (180° W) and `y` from
/// 0 (north edge) to 2^32 − 1. Latitudes are clamped to ±[`MAX_LATITUDE`].
pub(super) fn plane(position: Coordinates) -> (u32, u32) {
    let x = (position.longitude + 180.0) / 360.0;
    let latitude = position.latitude.clamp(-MAX_LATITUDE, MAX_LATITUDE);
    let y = 0.5 - latitude.to_radians().tan().asinh() / (2.0 * PI);
    (fixed(x), fixed(y))
}

/// The plane x of a longitude (clamped to the plane).
pub(super) fn plane_x(longitude: f64) -> u32 {
    fixed((longitude + 180.0) / 360.0)
}

/// The plane y of a latitude (clamped to ±[`MAX_LATITUDE`]).
pub(super) fn plane_y(latitude: f64) -> u32 {
    let latitude = latitude.clamp(-MAX_LATITUDE, MAX_LATITUDE);
    fixed(0.5 - latitude.to_radians().tan().asinh() / (2.0 * PI))
}

#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped first
fn fixed(unit: f64) -> u32 {
    (unit * PLANE).floor().clamp(0.0, PLANE - 1.0) as u32
}

/// The position of a point on the fixed-point plane (fractional units allowed).
pub(super) fn unplane(x: f64, y: f64) -> Coordinates {
    Coordinates {
        latitude: latitude_at(y / PLANE),
        longitude: longitude_at(x / PLANE),
    }
}

/// Longitude at a fraction of the world's width.
fn longitude_at(unit: f64) -> f64 {
    unit * 360.0 - 180.0
}

/// Latitude at a fraction of the world's height, from the north edge.
fn latitude_at(unit: f64) -> f64 {
    (PI * (1.0 - 2.0 * unit)).sinh().atan().to_degrees()
}

/// The Z-order (Morton) key of a plane position: the bits of `x` and `y` interleaved, `x` in
/// the even bits. The first 2·z bits of a position's key are those of its tile at zoom z, so
/// every tile and quadtree cell is one contiguous range of keys.
pub(super) fn morton(x: u32, y: u32) -> u64 {
    spread(x) | (spread(y) << 1)
}

/// The plane position of a Z-order key.
pub(super) fn unmorton(key: u64) -> (u32, u32) {
    (squeeze(key), squeeze(key >> 1))
}

fn spread(value: u32) -> u64 {
    let mut v = u64::from(value);
    v = (v | (v << 16)) & 0x0000_FFFF_0000_FFFF;
    v = (v | (v << 8)) & 0x00FF_00FF_00FF_00FF;
    v = (v | (v << 4)) & 0x0F0F_0F0F_0F0F_0F0F;
    v = (v | (v << 2)) & 0x3333_3333_3333_3333;
    (v | (v << 1)) & 0x5555_5555_5555_5555
}

fn squeeze(key: u64) -> u32 {
    let mut v = key & 0x5555_5555_5555_5555;
    v = (v | (v >> 1)) & 0x3333_3333_3333_3333;
    v = (v | (v >> 2)) & 0x0F0F_0F0F_0F0F_0F0F;
    v = (v | (v >> 4)) & 0x00FF_00FF_00FF_00FF;
    v = (v | (v >> 8)) & 0x0000_FFFF_0000_FFFF;
    v = (v | (v >> 16)) & 0x0000_0000_FFFF_FFFF;
    u32::try_from(v).unwrap_or(u32::MAX)
}
