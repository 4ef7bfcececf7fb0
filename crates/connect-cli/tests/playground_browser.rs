#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `connect playground` in a real browser: headless Chromium driven through chromedriver
//! plays the docs' whole journey on the page (user, billing details, the 3-D Secure card,
//! stations on the map, details, estimate, start, live progress, stop, CDR, invoice,
//! rating, a debt paid through its payment intent) and the operations explorer. It fails
//! on any console message of level SEVERE and on any request to another origin, and keeps
//! a screenshot of each step in `target/playground-screenshots/`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Without them
//! the test says so and passes, unless `CONNECT_REQUIRE_BROWSER` is set (as in CI).

mod support;

use serde_json::json;
use support::{Browser, TOKEN, find_program, playground, screenshot_dir, stand_in};

/// Scrolls `css` to the top of the viewport and keeps a screenshot of the step.
async fn shot(browser: &Browser, name: &str, css: &str) {
    browser
        .eval(
            "const node = document.querySelector(arguments[0]); if (node) node.scrollIntoView({block: 'start'});",
            json!([css]),
        )
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    browser.screenshot(name).await;
}

/// Fails on an error in the console (script errors, CSP refusals of another origin, a
/// missing file), except Chromium's own note of each API refusal the journey provokes on
/// purpose (`expected`: parts of URLs of this origin answered with a 4xx the page shows).
async fn assert_quiet_console(browser: &Browser, origin: &str, step: &str, expected: &[&str]) {
    let severe: Vec<String> = browser
        .console()
        .await
        .into_iter()
        .filter(|(level, _)| level == "SEVERE")
        .map(|(_, message)| message)
        .filter(|message| {
            !expected.iter().any(|fragment| {
                message.starts_with(origin)
                    && message.contains(fragment)
                    && message.contains("the server responded with a status of 4")
            })
        })
        .collect();
    assert!(severe.is_empty(), "console errors after {step}: {severe:?}");
}

/// Chromium and chromedriver, or `None` after saying why the test is skipped.
fn browser_programs() -> Option<(std::path::PathBuf, std::path::PathBuf)> {
    let (Some(chromium), Some(driver)) = (
        find_program(&["chromium", "chromium-browser", "google-chrome"]),
        find_program(&["chromedriver"]),
    ) else {
        assert!(
            std::env::var_os("CONNECT_REQUIRE_BROWSER").is_none(),
            "CONNECT_REQUIRE_BROWSER is set but chromium or chromedriver is missing"
        );
        eprintln!(
            "SKIPPED: the playground's browser test needs chromium and chromedriver \
             (apt-get install chromium chromium-driver)"
        );
        return None;
    };
    Some((chromium, driver))
}

/// On development, the page works through the proxy and nothing it receives, stores or
/// shows holds the token, even when the upstream echoes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_development_the_browser_never_sees_the_token() {
    let Some((chromium, driver)) = browser_programs() else {
        return;
    };
    let (upstream, seen) = stand_in().await;
    let served = playground(
        &["--env", "development", "--development-url", &upstream],
        &[("CARIQA_API_TOKEN", TOKEN)],
    )
    .await;
    let browser = Browser::start(&chromium, &driver).await;
    let origin = served.url.clone();
    browser.goto(&format!("{origin}/")).await;
    browser
        .wait_for(
            "the page",
            "return document.body.dataset.ready === 'true'",
            20,
        )
        .await;
    let credentials = browser.text("#credentials").await;
    assert!(credentials.contains("development"), "{credentials}");
    assert!(credentials.contains("never sees it"), "{credentials}");
    browser.click("#user-form button[type=submit]").await;
    browser
        .wait_for(
            "the call through the proxy",
            "return document.querySelector('#call-log li[data-op=create_user]')",
            10,
        )
        .await;
    browser.screenshot("00-development").await;
    let received = browser
        .eval(
            "const bodies = await Promise.all(['/api/v1/users/', '/_playground/config', '/']\
               .map(path => fetch(path).then(r => r.text() + [...r.headers].join())));\
             return bodies.join('') + document.documentElement.outerHTML \
               + JSON.stringify(localStorage) + document.cookie;",
            json!([]),
        )
        .await;
    let received = received.as_str().unwrap();
    assert!(received.contains("Bearer ***"), "the echo is redacted");
    assert!(!received.contains(TOKEN), "the browser received the token");
    assert!(
        seen.lock()
            .unwrap()
            .iter()
            .all(|(_, _, authorization, _)| authorization.as_deref()
                == Some(format!("Bearer {TOKEN}").as_str())),
        "every upstream call carries the token"
    );
    let severe: Vec<_> = browser
        .console()
        .await
        .into_iter()
        .filter(|(level, _)| level == "SEVERE")
        .collect();
    assert!(severe.is_empty(), "{severe:?}");
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_docs_journey_plays_in_a_browser_without_console_errors_or_other_origins() {
    let Some((chromium, driver)) = browser_programs() else {
        return;
    };
    let served = playground(&["--seed", "7", "--speed", "600"], &[]).await;
    let browser = Browser::start(&chromium, &driver).await;
    let origin = served.url.clone();
    load(&browser, &origin).await;
    account(&browser).await;
    stations(&browser).await;
    charge(&browser).await;
    debt(&browser).await;
    explorer(&browser).await;
    nothing_else(&browser, &origin).await;
    browser.quit().await;
}

/// The page loads, becomes interactive and fits a phone's width.
async fn load(browser: &Browser, origin: &str) {
    // The page: interactive, with its sections.
    browser.goto(&format!("{origin}/")).await;
    let ready = browser
        .wait_for(
            "the page to be ready",
            "return document.body.dataset.ready === 'true' && \
             performance.getEntriesByName('playground-ready')[0].startTime",
            20,
        )
        .await;
    let interactive_ms = ready.as_f64().unwrap();
    std::fs::write(
        screenshot_dir().join("time-to-interactive.txt"),
        format!("{interactive_ms:.0} ms\n"),
    )
    .unwrap();
    eprintln!("time to interactive: {interactive_ms:.0} ms");
    browser.screenshot("01-loaded").await;
    assert_quiet_console(browser, origin, "loading", &[]).await;

    // A phone-sized screen: nothing scrolls sideways.
    browser.resize(390, 844).await;
    let overflow = browser
        .eval(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
            json!([]),
        )
        .await;
    browser.screenshot("02-phone").await;
    assert_eq!(overflow.as_i64(), Some(0), "sideways scroll on a phone");
    browser.resize(1280, 900).await;
}

/// A user, billing details, the 3-D Secure card (failed, then completed), a declined card.
async fn account(browser: &Browser) {
    // 1. A user.
    browser.click("#user-form button[type=submit]").await;
    let user_id = browser.text("#user-id").await;
    assert_eq!(user_id.len(), 36, "a user id: {user_id}");
    // 2. Billing details.
    browser.click("#billing-form button[type=submit]").await;
    browser
        .wait_for(
            "billing details saved",
            "return document.querySelector('#billing-result').innerText.includes('saved')",
            10,
        )
        .await;
    shot(browser, "03-user-and-billing", "#account-section").await;

    // 3. A card needing 3-D Secure: failing the challenge adds nothing, completing it adds it.
    browser.fill("#card_number", "4000 0027 6000 3184").await;
    browser.click("#card-form button[type=submit]").await;
    browser
        .wait_for(
            "the challenge",
            "return document.querySelector('#challenge').open",
            10,
        )
        .await;
    browser.screenshot("04-3ds-challenge").await;
    browser.click("#challenge-fail").await;
    let failed = browser.text("#card-result").await;
    assert!(
        failed.contains("3-D Secure authentication failed"),
        "{failed}"
    );
    browser.click("#card-form button[type=submit]").await;
    browser
        .wait_for(
            "the challenge",
            "return document.querySelector('#challenge').open",
            10,
        )
        .await;
    browser.click("#challenge-complete").await;
    browser
        .wait_for(
            "the card",
            "return document.querySelector('#card-result').innerText.includes('•••• 3184')",
            10,
        )
        .await;
    browser
        .wait_for(
            "the card list",
            "return document.querySelector('#cards').innerText.includes('default')",
            10,
        )
        .await;
    shot(browser, "05-card-added", "#card-form").await;

    // A declined card fails with the API's error.
    browser.fill("#card_number", "4000 0000 0000 0002").await;
    browser.click("#card-form button[type=submit]").await;
    let declined = browser
        .wait_for(
            "the decline",
            "const e = document.querySelector('#card-result .api-error'); return e && e.innerText",
            10,
        )
        .await;
    assert!(
        declined.as_str().unwrap().contains("402"),
        "declined: {declined}"
    );
}

/// Clusters zoomed out, stations zoomed in, a station's details, estimate and cheapest start.
async fn stations(browser: &Browser) {
    // Stations on the map: clusters zoomed out, stations zoomed in.
    browser
        .wait_for(
            "clusters",
            "return document.querySelector('#map-list-heading').innerText.includes('map tiles') \
             && document.querySelectorAll('.leaflet-marker-icon.cluster').length > 0",
            20,
        )
        .await;
    shot(browser, "06-map-clusters", "#map-section").await;
    browser.click("#goto-worms").await;
    browser
        .find("button[data-station-id='DE*CIQ*EELDF6XWZU41P']")
        .await;
    shot(browser, "07-map-stations", "#map-section").await;
    browser
        .click("button[data-station-id='DE*CIQ*EELDF6XWZU41P']")
        .await;

    // Details: the price table, the 24 h chart, an estimate, the cheapest start.
    assert_eq!(browser.text("#station-name").await, "EVA Charge");
    let prices = browser.text("table.prices").await;
    assert!(prices.contains("0.54 EUR per kWh"), "{prices}");
    browser.find("#timeline svg.chart polyline").await;
    browser.click("#estimate-form button[type=submit]").await;
    let estimate = browser.text("#estimate-total").await;
    // 20 kWh at 0.4529 + 19 %: 10.78 (a partner station: no starting fee).
    assert_eq!(estimate, "Estimate: 10.78 EUR");
    browser.click("#cheapest-button").await;
    let cheapest = browser.text("#cheapest-text").await;
    assert!(cheapest.contains("10.78 EUR"), "{cheapest}");
    shot(browser, "08-station-details", "#station-section").await;
    shot(browser, "09-estimate-and-chart", "#estimate-result").await;
}

/// Start (with the hold's 3-D Secure), live progress, stop, CDR, invoice, rating.
async fn charge(browser: &Browser) {
    // Start: the 3-D Secure card needs the hold authenticated first.
    browser.click("#start-button").await;
    browser
        .wait_for(
            "the hold's challenge",
            "return document.querySelector('#challenge').open",
            10,
        )
        .await;
    browser.click("#challenge-complete").await;
    browser
        .wait_for(
            "energy flowing",
            "const kwh = document.querySelector('#session-kwh'); \
             return kwh && parseFloat(kwh.innerText) > 0.5 \
             && document.querySelector('#session-cost').innerText.includes('EUR')",
            30,
        )
        .await;
    shot(browser, "10-live-session", "#session-section").await;
    assert_eq!(browser.text("#session-state").await, "Charging now");

    // Stop, the CDR, checked by the engine; the invoice; the rating.
    browser.click("#stop-button").await;
    browser.click("#cdr-button").await;
    let check = browser.text("#cdr-check").await;
    assert!(
        check.contains("Recomputed by the engine: matches to the cent"),
        "{check}"
    );
    let invoice = browser.text("#invoice").await;
    assert!(invoice.starts_with("Invoice of"), "{invoice}");
    browser.click("#rating-form button[type=submit]").await;
    browser
        .wait_for(
            "the rating",
            "return document.querySelector('#rating-result').innerText.includes('rated 5 of 5')",
            10,
        )
        .await;
    shot(browser, "11-cdr-invoice-rating", "#session-section").await;
}

/// A session on a card without funds leaves a debt, paid through its payment intent.
async fn debt(browser: &Browser) {
    // A debt: a card without funds pays nothing at the CDR; its payment intent pays it.
    browser.fill("#card_number", "4000 0000 0000 9995").await;
    browser.click("#card-form button[type=submit]").await;
    browser
        .wait_for(
            "the second card",
            "return document.querySelector('#card-result').innerText.includes('•••• 9995')",
            10,
        )
        .await;
    browser.click("#start-button").await;
    browser
        .wait_for(
            "energy flowing",
            "const kwh = document.querySelector('#session-kwh'); \
             return kwh && parseFloat(kwh.innerText) > 0.5",
            30,
        )
        .await;
    browser.click("#stop-button").await;
    browser.click("#cdr-button").await;
    let no_invoice = browser.text("#invoice").await;
    assert!(no_invoice.starts_with("No invoice yet"), "{no_invoice}");
    browser.find("#debts button").await;
    shot(browser, "12-debt", "#debts-heading").await;
    browser.click("#debts button").await;
    browser
        .wait_for(
            "the challenge",
            "return document.querySelector('#challenge').open",
            10,
        )
        .await;
    browser.click("#challenge-complete").await;
    browser
        .wait_for(
            "the debt paid",
            "return document.querySelector('#debts').innerText.includes('No unpaid session')",
            10,
        )
        .await;
    shot(browser, "13-debt-paid", "#debts-heading").await;
}

/// The operations explorer, the sandbox controls and the call log.
async fn explorer(browser: &Browser) {
    // Every operation: one answered, one refused with its type and detail highlighted.
    browser
        .eval(
            "const s = document.querySelector('#op-select'); s.value = 'around'; \
             s.dispatchEvent(new Event('change'));",
            json!([]),
        )
        .await;
    let options = browser
        .eval(
            "return document.querySelectorAll('#op-select option').length",
            json!([]),
        )
        .await;
    assert_eq!(options.as_u64(), Some(22));
    browser.fill("#op-q-latitude", "99").await;
    browser.click("form.operation button[type=submit]").await;
    let refused = browser.text(".op-answer .api-error").await;
    assert!(refused.starts_with("400 validation_error"), "{refused}");
    shot(browser, "14-operation-error", "#operations-section").await;

    // Sandbox controls: the clock moves.
    browser.click("#clock-form button[type=submit]").await;
    let moved = browser.text("#sandbox-result").await;
    assert!(moved.starts_with("Now "), "{moved}");
    browser.fill("#clock-speed", "1200").await;
    browser.click("#speed-form button[type=submit]").await;
    browser
        .wait_for(
            "the new speed",
            "return document.querySelector('#sandbox-result').innerText.includes('×1200')",
            10,
        )
        .await;
    shot(browser, "15-sandbox-controls", "#sandbox-section").await;

    // The call log: each call with its curl line and its Rust code.
    let curl = browser.text("#call-log li:last-child pre.curl").await;
    let rust_code = browser
        .eval(
            "return document.querySelector(\"#call-log li[data-op='create_user'] pre.rust\").textContent",
            json!([]),
        )
        .await;
    assert!(curl.is_empty() || curl.starts_with("curl -sS -X"), "{curl}");
    assert!(
        rust_code.as_str().unwrap().contains("client.create_user("),
        "{rust_code}"
    );
    browser
        .eval(
            "document.querySelector('#call-log li details').open = true",
            json!([]),
        )
        .await;
    shot(browser, "16-call-log", "#log-section").await;
}

/// Nothing was fetched from another origin, and the console stayed quiet; with every
/// section filled, a phone's width still needs no sideways scrolling.
async fn nothing_else(browser: &Browser, origin: &str) {
    browser.resize(390, 844).await;
    let overflow = browser
        .eval(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
            json!([]),
        )
        .await;
    shot(browser, "17-phone-station", "#station-section").await;
    shot(browser, "18-phone-session", "#session-section").await;
    assert_eq!(
        overflow.as_i64(),
        Some(0),
        "sideways scroll on a phone after the journey"
    );
    // Nothing from another origin, no console error along the way.
    let foreign = browser
        .eval(
            "return performance.getEntriesByType('resource').map(e => e.name)\
             .filter(name => !name.startsWith(location.origin + '/'))",
            json!([]),
        )
        .await;
    assert_eq!(foreign, json!([]), "requests to another origin");
    // The three refusals the journey asks for: the declined card, the hold needing 3-D
    // Secure, the latitude out of range.
    assert_quiet_console(
        browser,
        origin,
        "the journey",
        &[
            "/_sandbox/setup-intents/",
            "/charging/start/ ",
            "/api/v1/stations/around/?latitude=99&",
        ],
    )
    .await;
}
