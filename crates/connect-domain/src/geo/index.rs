//! The station index: positions sorted along a Z-order curve of the Web Mercator plane.

use std::f64::consts::PI;

use super::tile::{cell_key_range, morton, plane, plane_x, plane_y, unmorton, unplane};
use super::{EARTH_RADIUS_M, GeoError, Tile, check};
use crate::zone::Coordinates;

/// An index over station positions, built once, for "stations within a radius" and "the
/// features of a map tile".
///
/// # Layout
///
/// Each position is mapped to a 32-bit fixed-point point of the Web Mercator plane (under
/// 1 cm at the equator) and to its Z-order (Morton) key, the two coordinates' bits
/// interleaved. Positions are kept sorted by key (then by index, so equal positions keep a
/// fixed order). Every map tile and every quadtree cell is then one contiguous run of
/// keys, found with two binary searches: no tree, no buckets, no pointers. Beside the keys,
/// the index keeps each position's station index and its unit vector on the sphere (for
/// distances without trigonometry), plus the positions as given: 52 bytes per station, in
/// four allocations. Building sorts once: O(n log n).
///
/// # Around
///
/// [`around`](Self::around) bounds the circle by its latitude/longitude box (split at the
/// antimeridian, widened to all longitudes around a pole), covers the box with at most 5 × 5
/// quadtree cells of a size chosen from the box, and tests the positions of those cells'
/// key runs by chord length (the haversine formula's quantity in vector form:
/// `sin²(d / 2R) = |a − b|² / 4`). Only positions inside the circle are passed to the
/// filter. The answer is sorted by a bucket sort on chord length (even density fills the
/// buckets evenly), then ties by index. Cost: O(log n) plus the positions in the covering
/// cells, a small multiple of the answer; memory in proportion to the answer only.
///
/// # Tiles and clusters
///
/// [`tile`](Self::tile) walks the tile's key run once. Up to
/// [`ClusterOptions::max_cluster_zoom`] it groups the filtered positions by grid cell
/// ([`CellSize`], 64 px by default: a quadtree cell `levels` below the tile, so cells nest
/// exactly in tiles and a cluster never straddles two tiles). A cell with one station is a
/// [`TileFeature::Station`], a cell with more a [`TileFeature::Cluster`]. Above that zoom,
/// every station is its own feature. Features come in Z-order of their cells, stations
/// within a cell in Z-order of their positions: the same input always gives the same
/// output.
///
/// # Examples
/// ```
/// use connect_domain::geo::{StationIndex, TileFeature};
/// use connect_domain::zone::Coordinates;
///
/// let positions = [
///     Coordinates { latitude: 49.630383, longitude: 8.368902 }, // Worms
///     Coordinates { latitude: 49.630500, longitude: 8.369000 }, // next door
///     Coordinates { latitude: 49.494409, longitude: 8.468098 }, // Mannheim
/// ];
/// let index = StationIndex::new(&positions)?;
///
/// let near = index.around(positions[0], 1_000.0, |_| true)?;
/// assert_eq!(near.iter().map(|&(i, _)| i).collect::<Vec<_>>(), [0, 1]);
///
/// // At zoom 6 all three share one tile, and the two in Worms one 64 px cell.
/// let tile = connect_domain::geo::Tile::containing(positions[0], 6)?;
/// let features = index.tile(6, tile.x(), tile.y(), |_| true)?;
/// let counts: Vec<usize> = features.iter().map(TileFeature::count).collect();
/// assert_eq!(counts.iter().sum::<usize>(), 3);
/// assert!(features.iter().any(|f| matches!(f, TileFeature::Cluster(c) if c.count == 2)));
/// assert!(features.iter().any(|f| matches!(f, TileFeature::Station { index: 2, .. })));
/// # Ok::<(), connect_domain::geo::GeoError>(())
/// ```
#[derive(Debug, Clone)]
pub struct StationIndex {
    /// Z-order keys, ascending.
    keys: Vec<u64>,
    /// The station index of each key.
    ids: Vec<u32>,
    /// The unit vector of each key's position.
    unit: Vec<[f64; 3]>,
    /// The positions as given, by station index.
    positions: Vec<Coordinates>,
}

/// How [`StationIndex::tile`] clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClusterOptions {
    /// The grid cell stations are clustered in.
    pub cell_size: CellSize,
    /// The highest zoom that clusters; above it every station is its own feature (so two
    /// stations at the same spot are two features there).
    pub max_cluster_zoom: u8,
}

impl Default for ClusterOptions {
    /// 64 px cells, clustering up to zoom 16.
    fn default() -> Self {
        Self {
            cell_size: CellSize::Px64,
            max_cluster_zoom: 16,
        }
    }
}

/// The side of a clustering cell in screen pixels of 256 px tiles. Powers of two, so that
/// cells are quadtree cells and nest exactly in tiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum CellSize {
    /// 128 px: 2 × 2 cells per tile.
    Px128,
    /// 64 px: 4 × 4 cells per tile.
    #[default]
    Px64,
    /// 32 px: 8 × 8 cells per tile.
    Px32,
}

impl CellSize {
    /// How many quadtree levels a cell is below its tile.
    pub fn levels(self) -> u8 {
        match self {
            Self::Px128 => 1,
            Self::Px64 => 2,
            Self::Px32 => 3,
        }
    }

    /// The side of a cell, pixels.
    pub fn pixels(self) -> u32 {
        256 >> self.levels()
    }
}

/// One feature of a map tile.
#[derive(Debug, Clone, PartialEq)]
pub enum TileFeature {
    /// A single station.
    Station {
        /// Its index in the positions the index was built from.
        index: usize,
        /// Its position, as given.
        coordinates: Coordinates,
    },
    /// Two or more stations close together at this zoom.
    Cluster(Cluster),
}

impl TileFeature {
    /// How many stations the feature stands for (the API's `count`).
    pub fn count(&self) -> usize {
        match self {
            Self::Station { .. } => 1,
            Self::Cluster(cluster) => cluster.count,
        }
    }

    /// Where to draw it.
    pub fn coordinates(&self) -> Coordinates {
        match self {
            Self::Station { coordinates, .. } => *coordinates,
            Self::Cluster(cluster) => cluster.coordinates,
        }
    }

    /// The station, or the cluster's [first](Cluster::first) station: the one whose speed
    /// and status a map shows for the feature.
    pub fn first(&self) -> usize {
        match self {
            Self::Station { index, .. } => *index,
            Self::Cluster(cluster) => cluster.first,
        }
    }
}

/// Stations that share a grid cell at a zoom.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// The cell, which names the cluster: [`StationIndex::cluster_members`] lists them.
    pub id: ClusterId,
    /// How many stations (that passed the filter) it holds, at least 2.
    pub count: usize,
    /// Where to draw it: the centroid of its stations on the Web Mercator plane (always
    /// inside its cell; the first station's position is
    /// [`StationIndex::position`]`(first)`).
    pub coordinates: Coordinates,
    /// Its member with the lowest station index.
    pub first: usize,
    /// The lowest zoom at which these stations are no longer one cluster: they fall into
    /// two or more cells (or become single stations above
    /// [`ClusterOptions::max_cluster_zoom`]). Always above the tile's zoom; at most
    /// `max_cluster_zoom + 1`, which is where stations at the same spot split.
    pub expansion_zoom: u8,
}

/// The quadtree cell that names a cluster: `level` (the tile's zoom plus
/// [`CellSize::levels`]) and the cell's column and row at that level. Written `LEVEL-X-Y`.
///
/// # Examples
/// ```
/// use connect_domain::geo::ClusterId;
/// let id: ClusterId = "10-544-351".parse()?;
/// assert_eq!((id.level(), id.x(), id.y()), (10, 544, 351));
/// assert_eq!(id.to_string(), "10-544-351");
/// assert!("10-1024-0".parse::<ClusterId>().is_err());
/// # Ok::<(), connect_domain::geo::GeoError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClusterId {
    level: u8,
    x: u32,
    y: u32,
}

impl ClusterId {
    /// The cell's quadtree level.
    pub fn level(&self) -> u8 {
        self.level
    }

    /// The cell's column at its level.
    pub fn x(&self) -> u32 {
        self.x
    }

    /// The cell's row at its level.
    pub fn y(&self) -> u32 {
        self.y
    }
}

impl std::fmt::Display for ClusterId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}-{}", self.level, self.x, self.y)
    }
}

impl std::str::FromStr for ClusterId {
    type Err = GeoError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || GeoError::InvalidClusterId {
            text: text.to_owned(),
        };
        let mut parts = text.split('-');
        let mut next = || parts.next().and_then(|part| part.parse::<u32>().ok());
        let (level, x, y) = (
            next().ok_or_else(invalid)?,
            next().ok_or_else(invalid)?,
            next().ok_or_else(invalid)?,
        );
        if parts.next().is_some() || level > 32 {
            return Err(invalid());
        }
        let size = 1_u64 << level;
        if u64::from(x) >= size || u64::from(y) >= size {
            return Err(invalid());
        }
        Ok(Self {
            level: u8::try_from(level).map_err(|_| invalid())?,
            x,
            y,
        })
    }
}

impl StationIndex {
    /// Indexes positions; station `i` is `positions[i]`.
    ///
    /// # Errors
    /// [`GeoError::InvalidPosition`] for a position that is not a valid WGS 84 position,
    /// [`GeoError::TooManyPositions`] for 2^32 − 1 positions or more.
    pub fn new(positions: &[Coordinates]) -> Result<Self, GeoError> {
        if u32::try_from(positions.len()).map_or(true, |count| count == u32::MAX) {
            return Err(GeoError::TooManyPositions {
                count: positions.len(),
            });
        }
        let mut order = Vec::with_capacity(positions.len());
        for (index, (position, id)) in positions.iter().zip(0_u32..).enumerate() {
            check(*position).map_err(|error| match error {
                GeoError::InvalidCoordinates { field, value } => GeoError::InvalidPosition {
                    index,
                    field,
                    value,
                },
                other => other,
            })?;
            let (x, y) = plane(*position);
            order.push((morton(x, y), id));
        }
        order.sort_unstable();
        let unit = order
            .iter()
            .map(|&(_, id)| unit_vector(positions[id as usize]))
            .collect();
        let (keys, ids) = order.into_iter().unzip();
        Ok(Self {
            keys,
            ids,
            unit,
            positions: positions.to_vec(),
        })
    }

    /// How many positions it holds.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// The position of station `index`, as given.
    pub fn position(&self, index: usize) -> Option<Coordinates> {
        self.positions.get(index).copied()
    }

    /// The stations within `radius_m` metres of `center` (great-circle distance, edge
    /// included) for which `keep(index)` is true, as `(index, distance in metres)`, nearest
    /// first, equal distances by index. `keep` is asked only about stations inside the
    /// circle.
    ///
    /// Distances are the haversine distance of [`distance_m`](super::distance_m), computed
    /// in its chord form; the two agree to well under a millimetre.
    ///
    /// # Errors
    /// [`GeoError::InvalidCoordinates`] for an invalid center, [`GeoError::InvalidRadius`]
    /// for a negative, NaN or infinite radius.
    pub fn around(
        &self,
        center: Coordinates,
        radius_m: f64,
        mut keep: impl FnMut(usize) -> bool,
    ) -> Result<Vec<(usize, f64)>, GeoError> {
        check(center)?;
        if !radius_m.is_finite() || radius_m < 0.0 {
            return Err(GeoError::InvalidRadius { value: radius_m });
        }
        let angle = radius_m / EARTH_RADIUS_M;
        let c = unit_vector(center);
        // (chord² as bits, station): non-negative floats order as their bits do, so pairs
        // sort by distance, then by index, with integer comparisons.
        let mut found: Vec<(u64, u32)> = Vec::new();
        if angle >= PI {
            found.reserve(self.keys.len());
            self.collect(0, self.keys.len(), c, f64::INFINITY, &mut keep, &mut found);
        } else {
            let chord = 2.0 * (angle / 2.0).sin();
            let limit = chord * chord;
            let mut cover = Cover::default();
            for rect in cap_rects(center, angle).into_iter().flatten() {
                cover.add_rect(rect);
            }
            let mut spans = [(0, 0); 50];
            let mut count = 0;
            let mut from = 0;
            for (&(low, high), slot) in cover.merged().iter().zip(&mut spans) {
                *slot = self.span_from(from, low, high);
                from = slot.1;
                count += 1;
            }
            let spans = &spans[..count];
            // The candidates bound the answer; the circle holds about 3/4 of its box.
            found.reserve(spans.iter().map(|&(start, end)| end - start).sum::<usize>() * 3 / 4);
            for &(start, end) in spans {
                self.collect(start, end, c, limit, &mut keep, &mut found);
            }
        }
        let found = sort_by_distance(found);
        let mut out: Vec<(usize, f64)> = found
            .into_iter()
            .map(|(bits, id)| (id as usize, chord_to_metres(f64::from_bits(bits))))
            .collect();
        // Distinct chords can round to one distance: keep such runs by index.
        let mut i = 0;
        while i < out.len() {
            let same = out[i].1.to_bits();
            let run = out[i..]
                .iter()
                .take_while(|p| p.1.to_bits() == same)
                .count();
            if run > 1 {
                out[i..i + run].sort_unstable_by_key(|p| p.0);
            }
            i += run;
        }
        Ok(out)
    }

    /// The features of tile `z`/`x`/`y` over the stations for which `keep(index)` is true,
    /// clustered with the default [`ClusterOptions`] (64 px cells up to zoom 16).
    ///
    /// # Errors
    /// Those of [`Tile::new`].
    pub fn tile(
        &self,
        z: u32,
        x: u32,
        y: u32,
        keep: impl FnMut(usize) -> bool,
    ) -> Result<Vec<TileFeature>, GeoError> {
        Ok(self.tile_with(Tile::new(z, x, y)?, ClusterOptions::default(), keep))
    }

    /// The features of a tile over the stations for which `keep(index)` is true, clustered
    /// as `options` say. The counts of the features add up to the number of kept stations
    /// whose [`Tile::containing`] is this tile.
    pub fn tile_with(
        &self,
        tile: Tile,
        options: ClusterOptions,
        mut keep: impl FnMut(usize) -> bool,
    ) -> Vec<TileFeature> {
        let (low, high) = tile.key_range();
        let (start, end) = self.span_from(0, low, high);
        let mut features = Vec::new();
        if tile.z() > options.max_cluster_zoom {
            for &id in &self.ids[start..end] {
                if keep(id as usize) {
                    features.push(self.single(id));
                }
            }
            return features;
        }
        let levels = options.cell_size.levels();
        let level = tile.z() + levels;
        let shift = 64 - 2 * u32::from(level);
        let mut cell = None;
        let mut group = Group::default();
        for (&key, &id) in self.keys[start..end].iter().zip(&self.ids[start..end]) {
            let here = key >> shift;
            if cell != Some(here) {
                if let Some(done) = cell {
                    self.flush(done, level, &group, options, &mut features);
                }
                cell = Some(here);
                group = Group::default();
            }
            if keep(id as usize) {
                group.add(key, id);
            }
        }
        if let Some(done) = cell {
            self.flush(done, level, &group, options, &mut features);
        }
        features
    }

    /// The stations of a cluster for which `keep(index)` is true, by ascending index. Given
    /// the filter the tile was made with, these are exactly the cluster's `count` members.
    pub fn cluster_members(
        &self,
        id: ClusterId,
        mut keep: impl FnMut(usize) -> bool,
    ) -> Vec<usize> {
        let (low, high) = cell_key_range(u32::from(id.level), id.x, id.y);
        let (start, end) = self.span_from(0, low, high);
        let mut members: Vec<usize> = self.ids[start..end]
            .iter()
            .map(|&id| id as usize)
            .filter(|&index| keep(index))
            .collect();
        members.sort_unstable();
        members
    }

    /// The run of sorted positions with keys in `low..=high`, searching from `from` on.
    fn span_from(&self, from: usize, low: u64, high: u64) -> (usize, usize) {
        let rest = &self.keys[from..];
        let start = rest.partition_point(|&key| key < low);
        let end = start + rest[start..].partition_point(|&key| key <= high);
        (from + start, from + end)
    }

    /// Pushes the kept positions of `start..end` within chord² `limit` of `c`.
    fn collect(
        &self,
        start: usize,
        end: usize,
        c: [f64; 3],
        limit: f64,
        keep: &mut impl FnMut(usize) -> bool,
        found: &mut Vec<(u64, u32)>,
    ) {
        for (u, &id) in self.unit[start..end].iter().zip(&self.ids[start..end]) {
            let (dx, dy, dz) = (u[0] - c[0], u[1] - c[1], u[2] - c[2]);
            let chord2 = dx * dx + dy * dy + dz * dz;
            if chord2 <= limit && keep(id as usize) {
                found.push((chord2.to_bits(), id));
            }
        }
    }

    fn single(&self, id: u32) -> TileFeature {
        TileFeature::Station {
            index: id as usize,
            coordinates: self.positions[id as usize],
        }
    }

    fn flush(
        &self,
        cell: u64,
        level: u8,
        group: &Group,
        options: ClusterOptions,
        features: &mut Vec<TileFeature>,
    ) {
        match group.count {
            0 => {}
            1 => features.push(self.single(group.first)),
            count => {
                let (x, y) = unmorton(cell);
                // Levels of the quadtree whose cell holds every member.
                let shared = if group.first_key == group.last_key {
                    32
                } else {
                    (group.first_key ^ group.last_key).leading_zeros() / 2
                };
                // Members share the cell of zoom z' while z' + levels <= shared.
                let split = shared + 1 - u32::from(options.cell_size.levels());
                let expansion_zoom = split.min(u32::from(options.max_cluster_zoom) + 1);
                #[allow(clippy::cast_precision_loss)] // centroid: f64 precision is ample
                let n = count as f64;
                #[allow(clippy::cast_precision_loss)]
                let coordinates =
                    unplane(group.sum_x as f64 / n + 0.5, group.sum_y as f64 / n + 0.5);
                features.push(TileFeature::Cluster(Cluster {
                    id: ClusterId { level, x, y },
                    count,
                    coordinates,
                    first: group.first as usize,
                    expansion_zoom: u8::try_from(expansion_zoom).unwrap_or(u8::MAX),
                }));
            }
        }
    }
}

/// The kept members of one grid cell so far.
#[derive(Default)]
struct Group {
    count: usize,
    sum_x: u64,
    sum_y: u64,
    /// The lowest station index.
    first: u32,
    first_key: u64,
    last_key: u64,
}

impl Group {
    fn add(&mut self, key: u64, id: u32) {
        let (x, y) = unmorton(key);
        if self.count == 0 {
            self.first = id;
            self.first_key = key;
        }
        self.first = self.first.min(id);
        self.last_key = key;
        self.sum_x += u64::from(x);
        self.sum_y += u64::from(y);
        self.count += 1;
    }
}

/// A rectangle of the fixed-point plane, inclusive: `(x0, x1, y0, y1)`.
type Rect = (u32, u32, u32, u32);

/// The plane rectangles (one, or two split at the antimeridian) that hold every position
/// within `angle` radians of `center`.
fn cap_rects(center: Coordinates, angle: f64) -> [Option<Rect>; 2] {
    // A hair wider than the cap, so rounding never drops a position on its edge.
    let angle = angle + 1e-9;
    let latitude = center.latitude.to_radians();
    let north = (latitude + angle).to_degrees();
    let south = (latitude - angle).to_degrees();
    let (y0, y1) = (plane_y(north.min(90.0)), plane_y(south.max(-90.0)));
    let whole = [Some((0, u32::MAX, y0, y1)), None];
    if north >= 90.0 || south <= -90.0 {
        return whole;
    }
    let spread = angle.sin() / latitude.cos();
    if spread >= 1.0 {
        return whole;
    }
    let half_width = spread.asin().to_degrees();
    let (west, east) = (center.longitude - half_width, center.longitude + half_width);
    if west < -180.0 {
        [
            Some((0, plane_x(east), y0, y1)),
            Some((plane_x(west + 360.0), u32::MAX, y0, y1)),
        ]
    } else if east > 180.0 {
        [
            Some((plane_x(west), u32::MAX, y0, y1)),
            Some((0, plane_x(east - 360.0), y0, y1)),
        ]
    } else {
        [Some((plane_x(west), plane_x(east), y0, y1)), None]
    }
}

/// Key ranges of the quadtree cells covering up to two rectangles: at most 5 × 5 cells each.
struct Cover {
    ranges: [(u64, u64); 50],
    len: usize,
}

impl Default for Cover {
    fn default() -> Self {
        Self {
            ranges: [(0, 0); 50],
            len: 0,
        }
    }
}

impl Cover {
    /// Adds the cells of the coarsest level whose cells are at most a quarter of the
    /// rectangle's longer side: at most 5 per axis.
    fn add_rect(&mut self, (x0, x1, y0, y1): Rect) {
        let side = u64::from((x1 - x0).max(y1 - y0)) + 1;
        let cell = side.div_ceil(4).next_power_of_two();
        let bits = cell.trailing_zeros();
        let level = 32 - bits;
        let (cx0, cx1) = (u64::from(x0) >> bits, u64::from(x1) >> bits);
        let (cy0, cy1) = (u64::from(y0) >> bits, u64::from(y1) >> bits);
        for cy in cy0..=cy1 {
            for cx in cx0..=cx1 {
                if let (Ok(x), Ok(y), Some(slot)) = (
                    u32::try_from(cx),
                    u32::try_from(cy),
                    self.ranges.get_mut(self.len),
                ) {
                    *slot = cell_key_range(level, x, y);
                    self.len += 1;
                }
            }
        }
    }

    /// The ranges sorted, overlapping and adjacent ones merged.
    fn merged(&mut self) -> &[(u64, u64)] {
        let ranges = &mut self.ranges[..self.len];
        ranges.sort_unstable();
        let mut kept = 0;
        for i in 0..ranges.len() {
            let (low, high) = ranges[i];
            if kept > 0 && low <= ranges[kept - 1].1.saturating_add(1) {
                ranges[kept - 1].1 = ranges[kept - 1].1.max(high);
            } else {
                ranges[kept] = (low, high);
                kept += 1;
            }
        }
        &self.ranges[..kept]
    }
}

/// Sorts `(chord² bits, station)` pairs by chord², then station. Large answers are first
/// spread over as many buckets as pairs by chord² (linear in chord² is linear in the area
/// of the ring, so a roughly even density fills the buckets evenly), then each bucket is
/// sorted: O(n) for the dense answers where a comparison sort dominated the query.
fn sort_by_distance(mut found: Vec<(u64, u32)>) -> Vec<(u64, u32)> {
    let n = found.len();
    if n < 256 {
        found.sort_unstable();
        return found;
    }
    let top = found
        .iter()
        .map(|&(bits, _)| f64::from_bits(bits))
        .fold(0.0, f64::max);
    #[allow(clippy::cast_precision_loss)]
    let scale = if top > 0.0 { n as f64 / top } else { 0.0 };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped below
    let bucket = |bits: u64| ((f64::from_bits(bits) * scale) as usize).min(n - 1);
    let mut starts = vec![0_usize; n + 1];
    for &(bits, _) in &found {
        starts[bucket(bits) + 1] += 1;
    }
    for i in 0..n {
        starts[i + 1] += starts[i];
    }
    let mut sorted = vec![(0_u64, 0_u32); n];
    let mut next = starts.clone();
    for &pair in &found {
        let slot = &mut next[bucket(pair.0)];
        sorted[*slot] = pair;
        *slot += 1;
    }
    for window in starts.windows(2) {
        if window[1] - window[0] > 1 {
            sorted[window[0]..window[1]].sort_unstable();
        }
    }
    sorted
}

/// The great-circle distance, metres, of a chord² between unit vectors: `2R·asin(c / 2)`.
/// For half-chords below 0.005 (distances below about 64 km) `asin x` is the series
/// `x + x³/6 + 3x⁵/40`, whose first omitted term is under 10⁻¹⁵ of the result there: it
/// agrees with `asin` to rounding, at a fraction of its cost.
fn chord_to_metres(chord2: f64) -> f64 {
    let half = (chord2.sqrt() / 2.0).min(1.0);
    let angle = if half < 0.005 {
        let square = half * half;
        half * (1.0 + square * (1.0 / 6.0 + square * (3.0 / 40.0)))
    } else {
        half.asin()
    };
    2.0 * EARTH_RADIUS_M * angle
}

/// The unit vector of a position on the sphere.
fn unit_vector(position: Coordinates) -> [f64; 3] {
    let (phi, lambda) = (
        position.latitude.to_radians(),
        position.longitude.to_radians(),
    );
    [
        phi.cos() * lambda.cos(),
        phi.cos() * lambda.sin(),
        phi.sin(),
    ]
}
