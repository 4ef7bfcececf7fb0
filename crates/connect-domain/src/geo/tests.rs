#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(
    clippy::float_cmp,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    clippy::unreadable_literal
)]

use std::collections::BTreeSet;

use super::*;

/// A small deterministic generator (64-bit LCG, Knuth's constants), uniform in [0, 1).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        #[allow(clippy::cast_precision_loss)]
        let unit = (self.0 >> 11) as f64 / (1_u64 << 53) as f64;
        unit
    }

    fn range(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.next()
    }
}

fn at(latitude: f64, longitude: f64) -> Coordinates {
    Coordinates {
        latitude,
        longitude,
    }
}

/// Points in a few tight clusters (including exact duplicates) plus scattered ones, also
/// near the antimeridian and the poles.
fn points(seed: u64, count: usize) -> Vec<Coordinates> {
    let mut rng = Lcg(seed);
    let centers = [
        at(49.63, 8.37),
        at(52.52, 13.40),
        at(-36.85, 174.76),
        at(64.0, 179.95),
        at(89.9, 10.0),
    ];
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let roll = rng.next();
        let p = if roll < 0.6 {
            let c = centers[(rng.next() * centers.len() as f64) as usize % centers.len()];
            at(
                (c.latitude + rng.range(-0.05, 0.05)).clamp(-90.0, 90.0),
                wrap(c.longitude + rng.range(-0.08, 0.08)),
            )
        } else if roll < 0.7 {
            // Duplicate an earlier point exactly.
            match out.len() {
                0 => at(0.0, 0.0),
                n => out[(rng.next() * n as f64) as usize % n],
            }
        } else {
            at(rng.range(-90.0, 90.0), rng.range(-180.0, 180.0))
        };
        out.push(p);
    }
    out
}

fn wrap(longitude: f64) -> f64 {
    if longitude > 180.0 {
        longitude - 360.0
    } else if longitude < -180.0 {
        longitude + 360.0
    } else {
        longitude
    }
}

#[test]
fn the_haversine_distance_matches_known_values() {
    let worms = at(49.630383, 8.368902);
    let mannheim = at(49.494409, 8.468098);
    assert!((distance_m(worms, mannheim) - 16_726.865).abs() < 0.001);
    assert_eq!(distance_m(worms, worms), 0.0);
    assert!((distance_m(worms, mannheim) - distance_m(mannheim, worms)).abs() < 1e-9);
    // Antipodes: half the circumference.
    let half = std::f64::consts::PI * EARTH_RADIUS_M;
    assert!((distance_m(at(0.0, 0.0), at(0.0, 180.0)) - half).abs() < 1e-6);
    assert!((distance_m(at(90.0, 0.0), at(-90.0, 0.0)) - half).abs() < 1e-6);
    // One degree of latitude.
    let degree = half / 180.0;
    assert!((distance_m(at(10.0, 5.0), at(11.0, 5.0)) - degree).abs() < 1e-6);
}

#[test]
fn the_reference_clients_berlin_point_is_in_tile_8802_5373_at_zoom_14() {
    // The reference client's example asks for tile 14/8803/5374 "around" this point; by the
    // formula it quotes, the point lies in 14/8802/5373, the tile north-west of it.
    let tile = Tile::containing(at(52.5176, 13.4166), 14).unwrap();
    assert_eq!((tile.z(), tile.x(), tile.y()), (14, 8802, 5373));
    assert_eq!(tile.to_string(), "14/8802/5373");
    let example = Tile::new(14, 8803, 5374).unwrap().bounds();
    assert!((example.west - 13.4253).abs() < 1e-3 && (example.north - 52.5095).abs() < 1e-3);
}

#[test]
fn tile_math_round_trips() {
    let mut rng = Lcg(7);
    for _ in 0..5_000 {
        let p = at(
            rng.range(-MAX_LATITUDE, MAX_LATITUDE),
            rng.range(-180.0, 180.0),
        );
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let z = (rng.next() * 23.0) as u32;
        let tile = Tile::containing(p, z).unwrap();
        let bounds = tile.bounds();
        assert!(bounds.contains(p), "{p:?} not in {tile} {bounds:?}");
        // The tile of the tile's centre is the tile; the bounds nest in the parent's.
        let centre = at(
            f64::midpoint(bounds.south, bounds.north),
            f64::midpoint(bounds.west, bounds.east),
        );
        assert_eq!(Tile::containing(centre, z).unwrap(), tile);
        assert_eq!(Tile::new(z, tile.x(), tile.y()).unwrap(), tile);
        if let Some(parent) = tile.parent() {
            assert_eq!(Tile::containing(p, z - 1).unwrap(), parent);
            assert!(parent.children().unwrap().contains(&tile));
        }
    }
}

#[test]
fn the_whole_world_is_tile_zero_and_its_corners_are_the_mercator_limits() {
    let world = Tile::new(0, 0, 0).unwrap().bounds();
    assert_eq!((world.west, world.east), (-180.0, 180.0));
    assert!((world.north - MAX_LATITUDE).abs() < 1e-9);
    assert!((world.south + MAX_LATITUDE).abs() < 1e-9);
    // Beyond the Mercator limit: the edge rows. Longitude 180: the last column.
    assert_eq!(Tile::containing(at(89.9, 0.0), 3).unwrap().y(), 0);
    assert_eq!(Tile::containing(at(-90.0, 0.0), 3).unwrap().y(), 7);
    assert_eq!(Tile::containing(at(0.0, 180.0), 3).unwrap().x(), 7);
    assert_eq!(Tile::containing(at(0.0, -180.0), 3).unwrap().x(), 0);
}

#[test]
fn zooms_above_22_and_tiles_outside_the_grid_are_typed_errors() {
    assert_eq!(Tile::new(23, 0, 0), Err(GeoError::ZoomOutOfRange { z: 23 }));
    assert_eq!(
        Tile::new(3, 8, 0),
        Err(GeoError::TileOutOfRange { z: 3, x: 8, y: 0 })
    );
    assert_eq!(
        Tile::new(0, 0, 1),
        Err(GeoError::TileOutOfRange { z: 0, x: 0, y: 1 })
    );
    assert!(Tile::new(22, (1 << 22) - 1, (1 << 22) - 1).is_ok());
    assert!(matches!(
        Tile::containing(at(f64::NAN, 0.0), 3),
        Err(GeoError::InvalidCoordinates {
            field: "latitude",
            ..
        })
    ));
    assert_eq!(
        Tile::containing(at(0.0, 0.0), 40),
        Err(GeoError::ZoomOutOfRange { z: 40 })
    );
    assert!(
        GeoError::TileOutOfRange { z: 3, x: 8, y: 0 }
            .to_string()
            .contains("below 8")
    );
}

#[test]
fn invalid_positions_radii_and_centres_are_typed_errors() {
    let err = StationIndex::new(&[at(0.0, 0.0), at(0.0, 181.0)]).unwrap_err();
    assert_eq!(
        err,
        GeoError::InvalidPosition {
            index: 1,
            field: "longitude",
            value: 181.0
        }
    );
    let index = StationIndex::new(&[at(0.0, 0.0)]).unwrap();
    assert!(matches!(
        index.around(at(0.0, 0.0), -1.0, |_| true),
        Err(GeoError::InvalidRadius { .. })
    ));
    assert!(matches!(
        index.around(at(0.0, 0.0), f64::NAN, |_| true),
        Err(GeoError::InvalidRadius { .. })
    ));
    assert!(matches!(
        index.around(at(91.0, 0.0), 10.0, |_| true),
        Err(GeoError::InvalidCoordinates { .. })
    ));
    assert!(StationIndex::new(&[]).unwrap().is_empty());
}

/// Brute force: every kept point within the radius, by haversine.
fn brute_around(
    points: &[Coordinates],
    center: Coordinates,
    radius: f64,
    keep: impl Fn(usize) -> bool,
) -> Vec<(usize, f64)> {
    let mut found: Vec<(usize, f64)> = points
        .iter()
        .enumerate()
        .filter(|&(i, _)| keep(i))
        .map(|(i, &p)| (i, distance_m(center, p)))
        .filter(|&(_, d)| d <= radius)
        .collect();
    found.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    found
}

#[test]
fn around_finds_exactly_what_brute_force_finds_nearest_first() {
    let points = points(42, 4_000);
    let index = StationIndex::new(&points).unwrap();
    let mut rng = Lcg(99);
    let radii = [
        0.0,
        10.0,
        500.0,
        5_000.0,
        50_000.0,
        2_000_000.0,
        30_000_000.0,
    ];
    for round in 0..300 {
        // Half the centres on points (dense places), half anywhere (poles, antimeridian).
        let center = if round % 2 == 0 {
            points[(rng.next() * points.len() as f64) as usize % points.len()]
        } else {
            at(rng.range(-90.0, 90.0), rng.range(-180.0, 180.0))
        };
        let radius = radii[round % radii.len()];
        let keep = |i: usize| i % 3 != 1;
        let fast = index.around(center, radius, keep).unwrap();
        let slow = brute_around(&points, center, radius, keep);
        // Points within a micrometre of the edge may fall either way.
        let edge = |d: f64| (d - radius).abs() < 1e-6;
        let fast_set: BTreeSet<usize> = fast.iter().filter(|p| !edge(p.1)).map(|p| p.0).collect();
        let slow_set: BTreeSet<usize> = slow.iter().filter(|p| !edge(p.1)).map(|p| p.0).collect();
        assert_eq!(fast_set, slow_set, "centre {center:?} radius {radius}");
        for &(i, d) in &fast {
            assert!((d - distance_m(center, points[i])).abs() < 1e-3, "{d}");
            assert!(keep(i));
        }
        assert!(
            fast.windows(2)
                .all(|w| w[0].1 < w[1].1 || (w[0].1 == w[1].1 && w[0].0 < w[1].0)),
            "sorted by distance, then index"
        );
    }
}

#[test]
fn around_the_antimeridian_and_the_poles_finds_both_sides() {
    let points = [
        at(0.0, 179.999),
        at(0.0, -179.999),
        at(89.999, 0.0),
        at(89.999, 180.0),
        at(-89.999, -90.0),
    ];
    let index = StationIndex::new(&points).unwrap();
    let found: Vec<usize> = index
        .around(at(0.0, 180.0), 1_000.0, |_| true)
        .unwrap()
        .iter()
        .map(|p| p.0)
        .collect();
    assert_eq!(found.len(), 2);
    let found = index.around(at(90.0, 0.0), 1_000.0, |_| true).unwrap();
    assert_eq!(found.len(), 2);
    assert!((found[0].1 - found[1].1).abs() < 1e-6);
    assert_eq!(
        index
            .around(at(-90.0, 0.0), 1_000.0, |_| true)
            .unwrap()
            .len(),
        1
    );
}

/// The kept points whose tile at `tile.z()` is `tile`.
fn brute_in_tile(points: &[Coordinates], tile: Tile, keep: impl Fn(usize) -> bool) -> Vec<usize> {
    (0..points.len())
        .filter(|&i| keep(i) && Tile::containing(points[i], u32::from(tile.z())).unwrap() == tile)
        .collect()
}

fn members_of(
    index: &StationIndex,
    feature: &TileFeature,
    keep: impl Fn(usize) -> bool,
) -> Vec<usize> {
    match feature {
        TileFeature::Station { index: i, .. } => vec![*i],
        TileFeature::Cluster(cluster) => index.cluster_members(cluster.id, keep),
    }
}

#[test]
fn clustering_counts_add_up_to_the_stations_in_the_tile() {
    let points = points(5, 3_000);
    let index = StationIndex::new(&points).unwrap();
    let keep = |i: usize| !i.is_multiple_of(5);
    for (n, &p) in points.iter().enumerate().step_by(97) {
        for z in [0, 2, 5, 8, 11, 14, 16, 17, 20, 22] {
            let tile = Tile::containing(p, z).unwrap();
            let features = index.tile(z, tile.x(), tile.y(), keep).unwrap();
            let expected = brute_in_tile(&points, tile, keep);
            let total: usize = features.iter().map(TileFeature::count).sum();
            assert_eq!(total, expected.len(), "point {n} tile {tile}");
            let mut seen: Vec<usize> = features
                .iter()
                .flat_map(|f| members_of(&index, f, keep))
                .collect();
            seen.sort_unstable();
            assert_eq!(seen, expected, "every kept station once, tile {tile}");
            for feature in &features {
                let members = members_of(&index, feature, keep);
                assert_eq!(members.len(), feature.count());
                assert_eq!(feature.first(), members[0]);
                let inside_mercator = feature.coordinates().latitude.abs() <= MAX_LATITUDE;
                assert!(!inside_mercator || tile.bounds().contains(feature.coordinates()));
                if let TileFeature::Cluster(cluster) = feature {
                    assert!(cluster.count >= 2);
                    assert!(z <= 16);
                    assert!(u32::from(cluster.expansion_zoom) > z);
                } else {
                    let i = feature.first();
                    assert_eq!(feature.coordinates(), points[i]);
                }
            }
            // Deterministic.
            assert_eq!(index.tile(z, tile.x(), tile.y(), keep).unwrap(), features);
        }
    }
}

/// The lowest zoom above `z` at which `members` are no longer one feature.
fn brute_expansion(
    index: &StationIndex,
    members: &[usize],
    z: u32,
    keep: impl Fn(usize) -> bool + Copy,
) -> u32 {
    let first = index.position(members[0]).unwrap();
    for zoom in z + 1..=MAX_ZOOM.into() {
        let tile = Tile::containing(first, zoom).unwrap();
        let together = index
            .tile(zoom, tile.x(), tile.y(), keep)
            .unwrap()
            .iter()
            .any(|f| matches!(f, TileFeature::Cluster(c) if index.cluster_members(c.id, keep) == members));
        if !together {
            return zoom;
        }
    }
    u32::MAX
}

#[test]
fn the_expansion_zoom_is_the_first_zoom_at_which_a_cluster_splits() {
    let points = points(11, 2_000);
    let index = StationIndex::new(&points).unwrap();
    let keep = |i: usize| i % 4 != 3;
    let mut checked = 0;
    for &p in points.iter().step_by(37) {
        for z in [3_u32, 7, 10, 13, 15, 16] {
            let tile = Tile::containing(p, z).unwrap();
            for feature in index.tile(z, tile.x(), tile.y(), keep).unwrap() {
                if let TileFeature::Cluster(cluster) = feature {
                    let members = index.cluster_members(cluster.id, keep);
                    assert_eq!(
                        u32::from(cluster.expansion_zoom),
                        brute_expansion(&index, &members, z, keep),
                        "cluster {} at zoom {z}",
                        cluster.id
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} clusters checked");
}

#[test]
fn stations_at_one_spot_cluster_until_the_last_clustering_zoom() {
    let spot = at(52.58423, 9.28728);
    let index = StationIndex::new(&[spot; 31]).unwrap();
    for z in 0..=16 {
        let tile = Tile::containing(spot, z).unwrap();
        let features = index.tile(z, tile.x(), tile.y(), |_| true).unwrap();
        let [TileFeature::Cluster(cluster)] = features.as_slice() else {
            panic!("one cluster at zoom {z}: {features:?}");
        };
        assert_eq!(
            (cluster.count, cluster.first, cluster.expansion_zoom),
            (31, 0, 17)
        );
        assert!(distance_m(cluster.coordinates, spot) < 0.05);
    }
    let tile = Tile::containing(spot, 17).unwrap();
    assert_eq!(
        index.tile(17, tile.x(), tile.y(), |_| true).unwrap().len(),
        31
    );
    // Options: 128 px cells, clustering up to zoom 10.
    let options = ClusterOptions {
        cell_size: CellSize::Px128,
        max_cluster_zoom: 10,
    };
    let features = index.tile_with(Tile::containing(spot, 10).unwrap(), options, |i| i < 5);
    assert!(
        matches!(features.as_slice(), [TileFeature::Cluster(c)] if c.count == 5 && c.expansion_zoom == 11)
    );
    assert_eq!(
        index
            .tile_with(Tile::containing(spot, 11).unwrap(), options, |_| true)
            .len(),
        31
    );
}

#[test]
fn a_filter_that_keeps_nothing_gives_no_features() {
    let points = points(3, 500);
    let index = StationIndex::new(&points).unwrap();
    assert!(index.tile(0, 0, 0, |_| false).unwrap().is_empty());
    assert!(index.around(points[0], 1e7, |_| false).unwrap().is_empty());
    let everything = index.tile(0, 0, 0, |_| true).unwrap();
    assert_eq!(
        everything.iter().map(TileFeature::count).sum::<usize>(),
        500
    );
}

#[test]
fn cluster_ids_round_trip_and_reject_garbage() {
    for text in ["0-0-0", "10-544-351", "32-4294967295-0"] {
        assert_eq!(text.parse::<ClusterId>().unwrap().to_string(), text);
    }
    for text in ["", "1-2", "1-2-3-4", "2-4-0", "33-0-0", "a-b-c", "-1-0-0"] {
        assert!(
            matches!(
                text.parse::<ClusterId>(),
                Err(GeoError::InvalidClusterId { .. })
            ),
            "{text}"
        );
    }
}
