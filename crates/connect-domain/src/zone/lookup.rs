//! The lookup machinery: boxes, polygons, and the per-country rules that pick a zone.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::Tz;
use super::countries::COUNTRIES;

/// How far (degrees) a point may lie outside a country's boxes and still count.
pub(super) const MARGIN_DEGREES: f64 = 0.25;

/// A latitude/longitude rectangle, bounds included.
#[derive(Debug, Clone, Copy)]
pub(super) struct Bounds {
    pub(super) lat_min: f64,
    pub(super) lon_min: f64,
    pub(super) lat_max: f64,
    pub(super) lon_max: f64,
}

impl Bounds {
    pub(super) fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.lat_min..=self.lat_max).contains(&lat) && (self.lon_min..=self.lon_max).contains(&lon)
    }

    /// How far (degrees, the larger axis) the point lies outside; 0 inside.
    pub(super) fn distance(&self, lat: f64, lon: f64) -> f64 {
        let lat_off = (self.lat_min - lat).max(lat - self.lat_max).max(0.0);
        let lon_off = (self.lon_min - lon).max(lon - self.lon_max).max(0.0);
        lat_off.max(lon_off)
    }
}

pub(super) const fn b(lat_min: f64, lon_min: f64, lat_max: f64, lon_max: f64) -> Bounds {
    Bounds {
        lat_min,
        lon_min,
        lat_max,
        lon_max,
    }
}

/// Where a region rule applies.
#[derive(Debug)]
pub(super) enum Area {
    Rect(Bounds),
    /// A closed polygon of `(latitude, longitude)` vertices, in the plane.
    Polygon(&'static [(f64, f64)]),
}

impl Area {
    pub(super) fn contains(&self, lat: f64, lon: f64) -> bool {
        match self {
            Area::Rect(bounds) => bounds.contains(lat, lon),
            Area::Polygon(vertices) => polygon_contains(vertices, lat, lon),
        }
    }
}

/// Even-odd ray casting; points exactly on an edge may fall either side.
pub(super) fn polygon_contains(vertices: &[(f64, f64)], lat: f64, lon: f64) -> bool {
    let mut inside = false;
    let Some(&closing) = vertices.last() else {
        return false;
    };
    let mut previous = closing;
    for &(lat_i, lon_i) in vertices {
        let (lat_j, lon_j) = previous;
        if (lat_i > lat) != (lat_j > lat) {
            let crossing = lon_i + (lat - lat_i) / (lat_j - lat_i) * (lon_j - lon_i);
            if lon < crossing {
                inside = !inside;
            }
        }
        previous = (lat_i, lon_i);
    }
    inside
}

/// How a multi-zone country picks a zone from coordinates.
#[derive(Debug)]
pub(super) enum Locate {
    /// The first rule whose area holds the point wins; else `otherwise`.
    Rules {
        rules: &'static [(Tz, Area)],
        otherwise: Tz,
    },
    /// The zone of the nearest of these `(zone, latitude, longitude)` sites.
    Nearest(&'static [(Tz, f64, f64)]),
}

impl Locate {
    pub(super) fn zone_at(&self, lat: f64, lon: f64) -> Tz {
        match self {
            Locate::Rules { rules, otherwise } => rules
                .iter()
                .find(|(_, area)| area.contains(lat, lon))
                .map_or(*otherwise, |(tz, _)| *tz),
            Locate::Nearest(sites) => sites
                .iter()
                .map(|&(tz, site_lat, site_lon)| (tz, central_angle(lat, lon, site_lat, site_lon)))
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map_or(Tz::Antarctica__McMurdo, |(tz, _)| tz),
        }
    }
}

/// The angle (radians) between two points on the sphere (haversine).
pub(super) fn central_angle(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let half_dphi = (phi2 - phi1) / 2.0;
    let half_dlambda = (lon2 - lon1).to_radians() / 2.0;
    let h = half_dphi.sin().powi(2) + phi1.cos() * phi2.cos() * half_dlambda.sin().powi(2);
    2.0 * h.sqrt().clamp(0.0, 1.0).asin()
}

/// The zones of a country whose regions use more than one.
#[derive(Debug)]
pub(super) struct Regions {
    /// Every zone [`Locate`] can return, the main zone first.
    pub(super) candidates: &'static [Tz],
    /// Set when all candidates keep the same civil time.
    pub(super) without_coordinates: Option<Tz>,
    pub(super) locate: Locate,
}

#[derive(Debug)]
pub(super) enum Zones {
    One(Tz),
    Several(&'static Regions),
    Uninhabited,
}

#[derive(Debug)]
pub(super) struct Country {
    pub(super) alpha2: &'static str,
    pub(super) alpha3: &'static str,
    pub(super) zones: Zones,
    /// Bounding boxes of the country's land, before [`MARGIN_DEGREES`].
    pub(super) area: &'static [Bounds],
}

impl Country {
    /// How far the point lies outside the nearest of the country's boxes.
    pub(super) fn distance(&self, lat: f64, lon: f64) -> f64 {
        self.area
            .iter()
            .map(|bounds| bounds.distance(lat, lon))
            .fold(f64::INFINITY, f64::min)
    }

    pub(super) fn contains(&self, lat: f64, lon: f64) -> bool {
        self.distance(lat, lon) <= MARGIN_DEGREES
    }
}

pub(super) const fn country(
    alpha2: &'static str,
    alpha3: &'static str,
    zones: Zones,
    area: &'static [Bounds],
) -> Country {
    Country {
        alpha2,
        alpha3,
        zones,
        area,
    }
}

/// Alpha-2 and alpha-3 codes (upper case) → country; built once.
pub(super) static INDEX: LazyLock<HashMap<&'static str, &'static Country>> = LazyLock::new(|| {
    COUNTRIES
        .iter()
        .flat_map(|c| [(c.alpha2, c), (c.alpha3, c)])
        .collect()
});

pub(super) fn find_country(code: &str) -> Option<&'static Country> {
    let code = code.trim().as_bytes();
    if !(2..=3).contains(&code.len()) || !code.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut upper = [0; 3];
    for (slot, byte) in upper.iter_mut().zip(code) {
        *slot = byte.to_ascii_uppercase();
    }
    let key = std::str::from_utf8(&upper[..code.len()]).ok()?;
    INDEX.get(key).copied()
}

/// Dependent territories with their own ISO code, for coordinates given with
/// the parent's code.
pub(super) fn territories(alpha2: &str) -> &'static [&'static str] {
    match alpha2 {
        "AU" => &["CX", "CC", "NF"],
        "CN" => &["HK", "MO"],
        "DK" => &["FO", "GL"],
        "FI" => &["AX"],
        "FR" => &[
            "BL", "GF", "GP", "MF", "MQ", "NC", "PF", "PM", "RE", "TF", "WF", "YT",
        ],
        "GB" => &[
            "AI", "BM", "FK", "GG", "GI", "GS", "IM", "IO", "JE", "KY", "MS", "PN", "SH", "TC",
            "VG",
        ],
        "NL" => &["AW", "BQ", "CW", "SX"],
        "NO" => &["SJ"],
        "NZ" => &["CK", "NU", "TK"],
        "US" => &["AS", "GU", "MP", "PR", "UM", "VI"],
        _ => &[],
    }
}
