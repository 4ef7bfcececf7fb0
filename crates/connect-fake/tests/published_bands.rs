//! Every price band the sandbox publishes carries its tariff's validity start: the OpenAPI
//! document types `date_from` as a required string (`TimePriceItem`), so a `null` there is
//! a shape the real API never sends (`connect-openapi` refuses it; see its tests).

use connect_fake::stations::StationDirectory;

#[test]
fn every_bundled_band_has_a_validity_start_date() {
    let directory = StationDirectory::bundled(7).unwrap();
    let mut bands = 0;
    for station in directory.stations() {
        for group in &station.price_groups {
            for component in group.tariff().components() {
                for band in component.all_bands() {
                    assert!(
                        band.date_from().is_some(),
                        "{}: a {:?} band without date_from",
                        station.id,
                        component.kind()
                    );
                    bands += 1;
                }
            }
            // And the JSON the sandbox writes says so.
            let json = group.to_value().to_string();
            assert!(
                !json.contains("\"date_from\":null"),
                "{}: {json}",
                station.id
            );
        }
    }
    assert!(bands > 9_690, "{bands}");
}
