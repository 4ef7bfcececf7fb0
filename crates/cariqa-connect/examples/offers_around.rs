//! Price every station around a user for the charge they plan, before they pick one.
//!
//! The stations within 2 km come from the API as they are (each EVSE with its own price
//! group); `offers` ranks them by what the charge will cost there, gives the cheapest start
//! in the next 24 hours at each, and says why a station is left out (no plug the car takes,
//! occupied, no price at that time).
//!
//! `cargo run -p cariqa-connect --features sandbox --example offers_around`

use cariqa_connect::ConnectClient;
use cariqa_connect::Decimal;
use cariqa_connect::chrono::{DateTime, Utc};
use cariqa_connect::domain::pricing::{Offers, PlannedCharge, offers};
use cariqa_connect::domain::station::{ConnectorStandard, Station};
use cariqa_connect::domain::zone::Coordinates;
use cariqa_connect::ports::AroundQuery;
use cariqa_connect::prelude::*;
use cariqa_connect::sandbox::EmbeddedApi;

/// Whatever stops the example.
type Error = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
#[cfg_attr(test, allow(dead_code))]
async fn main() -> Result<(), Error> {
    let sandbox = EmbeddedApi::start().await?;
    // Munich's old town: 20 kWh, a car that takes up to 50 kW through a Type 2 plug.
    let center = Coordinates {
        latitude: 48.137,
        longitude: 11.575,
    };
    let (stations, answer) = around(sandbox.client(), center, Utc::now()).await?;
    let name = |id: &str| {
        stations
            .iter()
            .find(|station| station.id.as_str() == id)
            .map_or("?", |station| station.name.as_str())
    };
    for offer in &answer.offers {
        println!(
            "{:>7} {}  {}  (cheapest at {}, saving {})",
            offer.total(),
            offer.estimate.cost.currency,
            name(offer.station_id.as_str()),
            offer.cheapest.start,
            offer.cheapest.saving,
        );
    }
    for left in &answer.left_out {
        println!(
            "left out: {} ({:?})",
            name(left.station_id.as_str()),
            left.reason
        );
    }
    Ok(())
}

/// The stations within 2 km of `center`, and their offers for the planned charge.
async fn around(
    client: &ConnectClient,
    center: Coordinates,
    start: DateTime<Utc>,
) -> Result<(Vec<Station>, Offers), Error> {
    let stations: Vec<Station> = client
        .stations_around_stream(AroundQuery::new(center, 2_000.0))
        .try_collect()
        .await?;
    let mut charge = PlannedCharge::new(Decimal::from(20), Decimal::from(50), start);
    charge.connectors = vec![ConnectorStandard::Iec62196T2];
    let answer = offers(&stations, &charge)?;
    Ok((stations, answer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread")]
    async fn ranks_the_stations_around_and_says_why_others_are_left_out() {
        let sandbox = EmbeddedApi::start().await.unwrap();
        let center = Coordinates {
            latitude: 48.137,
            longitude: 11.575,
        };
        let start = "2026-04-02T13:00:00Z".parse().unwrap();
        let (stations, answer) = around(sandbox.client(), center, start).await.unwrap();
        assert!(answer.offers.len() >= 10, "{}", answer.offers.len());
        assert_eq!(answer.offers.len() + answer.left_out.len(), stations.len());
        assert!(
            answer
                .offers
                .windows(2)
                .all(|pair| pair[0].total() <= pair[1].total())
        );
        assert!(
            answer
                .offers
                .iter()
                .all(|offer| offer.cheapest.total <= offer.total()
                    && offer.power_kw <= Decimal::from(50))
        );
    }
}
