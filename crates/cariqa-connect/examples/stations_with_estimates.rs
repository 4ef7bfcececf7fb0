//! List the stations around a point with what a session would cost at each.
//!
//! The API publishes each EVSE's price group; the pricing engine turns it into the exact
//! amount a session will be invoiced (time bands in the station's local time, blocking
//! fees, session and starting fees, VAT) before the user plugs in.
//!
//! `cargo run -p cariqa-connect --features sandbox --example stations_with_estimates`

use cariqa_connect::ConnectClient;
use cariqa_connect::Decimal;
use cariqa_connect::chrono::Utc;
use cariqa_connect::domain::charging::ChargingPlan;
use cariqa_connect::domain::pricing::{BandPolicy, BlockingBasis, PricingOptions, estimate};
use cariqa_connect::domain::station::Station;
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
    // Munich's old town; 20 kWh for each station.
    let center = Coordinates {
        latitude: 48.137,
        longitude: 11.575,
    };
    for (station, total, currency) in
        with_estimates(sandbox.client(), center, Decimal::from(20)).await?
    {
        println!("{total:>8} {currency}  {}", station.name);
    }
    Ok(())
}

/// The stations within 5 km, cheapest first, with the cost of `energy_kwh` at each.
async fn with_estimates(
    client: &ConnectClient,
    center: Coordinates,
    energy_kwh: Decimal,
) -> Result<Vec<(Station, Decimal, String)>, Error> {
    let query = AroundQuery::new(center, 5_000.0);
    // The stream reads page after page; take the 50 nearest.
    let stations: Vec<Station> = client
        .stations_around_stream(query)
        .take(50)
        .try_collect()
        .await?;
    let now = Utc::now();
    let mut priced = Vec::new();
    for station in stations {
        let Some(evse) = station.evses.first() else {
            continue;
        };
        let Some(group) = station.price_group_for(evse.evse_id.as_str()) else {
            continue;
        };
        let power_kw = evse
            .max_power_kw()
            .and_then(|kw| Decimal::try_from(kw).ok())
            .unwrap_or(Decimal::from(11));
        let plan = ChargingPlan::ConstantPower {
            energy_kwh,
            power_kw,
            plug_out: None,
        };
        let options = PricingOptions::new(
            BandPolicy::FrozenAtStart,
            BlockingBasis::SessionStart,
            station.is_partner,
        );
        let cost = estimate(group, station.zone, now, &plan, &options)?.cost;
        priced.push((station, cost.invoice_summary, cost.currency));
    }
    priced.sort_by_key(|(_, total, _)| *total);
    Ok(priced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread")]
    async fn lists_priced_stations_cheapest_first() {
        let sandbox = EmbeddedApi::start().await.unwrap();
        // Every exchange checked against the API's OpenAPI document on the way.
        let checked = connect_openapi::CheckingProxy::start(sandbox.sandbox().base_url())
            .await
            .unwrap();
        let sandbox = sandbox.through(checked.base_url()).unwrap();
        let center = Coordinates {
            latitude: 48.137,
            longitude: 11.575,
        };
        let priced = with_estimates(sandbox.client(), center, Decimal::from(20))
            .await
            .unwrap();
        assert!(priced.len() >= 10, "{}", priced.len());
        assert!(priced.windows(2).all(|pair| pair[0].1 <= pair[1].1));
        assert!(priced.iter().all(|(_, total, _)| *total > Decimal::ZERO));
    }
}
