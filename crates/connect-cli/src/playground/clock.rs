//! The sandbox's clock speed, adjustable while the playground runs.
//!
//! The sandbox's `SystemClock` has its speed fixed when it is made; so the playground makes
//! it at real time and moves it ahead itself: every tick it advances the clock by
//! `(speed − 1) ×` the real time since the last tick. The page changes `speed` through
//! `POST /_playground/clock/speed`; time never runs back, so a lower speed only slows it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use connect_fake::clock::SystemClock;
use serde::{Deserialize, Serialize};

/// The fastest clock the page may ask for (as `connect sandbox serve --speed`).
pub(super) const MAX_SPEED: u32 = 100_000;
/// How often the clock is moved ahead: small enough that a poll once a second sees it run.
const TICK: Duration = Duration::from_millis(50);

/// The speed the ticker applies, shared with the page's requests.
#[derive(Debug, Clone)]
pub(super) struct Speed(Arc<AtomicU32>);

impl Speed {
    /// How many sandbox seconds pass in one real second.
    pub(super) fn get(&self) -> u32 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Starts moving `clock` (made at real time) `speed` times faster, on the current runtime.
pub(super) fn drive(clock: Arc<SystemClock>, speed: u32) -> Speed {
    let shared = Speed(Arc::new(AtomicU32::new(speed)));
    let ticking = shared.clone();
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(TICK);
        let mut last = Instant::now();
        loop {
            interval.tick().await;
            let now = Instant::now();
            let real = now - last;
            last = now;
            let extra = real * ticking.get().saturating_sub(1);
            if let Ok(by) = chrono::Duration::from_std(extra) {
                clock.advance(by);
            }
        }
    });
    shared
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeedRequest {
    speed: u32,
}

#[derive(Serialize)]
struct SpeedAnswer {
    speed: u32,
}

/// `POST /_playground/clock/speed {"speed": N}`, 1 to [`MAX_SPEED`].
pub(super) fn router(speed: Speed) -> Router {
    Router::new().route(
        "/_playground/clock/speed",
        post(move |body: String| {
            let speed = speed.clone();
            async move { set(&speed, &body) }
        }),
    )
}

fn set(speed: &Speed, body: &str) -> Response {
    let refused = |message: String| {
        (
            StatusCode::BAD_REQUEST,
            axum::Json(serde_json::json!({"field": "speed", "message": message})),
        )
            .into_response()
    };
    match serde_json::from_str::<SpeedRequest>(body) {
        Ok(SpeedRequest { speed: wanted }) if (1..=MAX_SPEED).contains(&wanted) => {
            speed.0.store(wanted, Ordering::Relaxed);
            axum::Json(SpeedAnswer { speed: wanted }).into_response()
        }
        Ok(SpeedRequest { speed: wanted }) => {
            refused(format!("{wanted} is out of range: 1 to {MAX_SPEED}"))
        }
        Err(error) => refused(error.to_string()),
    }
}
