#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `connect playground` in real browsers: headless Chromium (through chromedriver) and
//! headless Firefox (through geckodriver) each play the docs' whole journey on the page
//! (user, billing details, the 3-D Secure card, stations on the map, details, estimate,
//! start, live progress, stop, CDR, invoice, rating, a debt paid through its payment
//! intent) and the operations explorer. Each fails on any console error and on any
//! request to another origin, and keeps
//! a screenshot of each step in `target/playground-screenshots/` (Firefox's in its
//! `firefox/` folder).
//!
//! Needs Debian's `chromium`, `chromium-driver` and `firefox-esr`, and `geckodriver`
//! (`.ci/run` installs them all). Without them a test says so and passes, unless
//! `CONNECT_REQUIRE_BROWSER` is set (as in CI).

mod support;

use serde_json::json;
use support::{Browser, Engine, TOKEN, playground, stand_in};

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
        .console_errors()
        .await
        .into_iter()
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

/// Waits for the 3-D Secure challenge and answers it with `button` (`#challenge-complete`
/// or `#challenge-fail`), as the card holder would; `screenshot` keeps the challenge shown.
async fn answer_challenge(browser: &Browser, button: &str, screenshot: Option<&str>) {
    browser
        .wait_for(
            "the 3-D Secure challenge",
            "return document.querySelector('#challenge').open",
            10,
        )
        .await;
    if let Some(name) = screenshot {
        browser.screenshot(name).await;
    }
    browser.click(button).await;
}

/// Waits until the text of `css` contains `text`.
async fn wait_for_text(browser: &Browser, what: &str, css: &str, text: &str) {
    browser
        .wait_for_with(
            what,
            "const node = document.querySelector(arguments[0]); \
             return node !== null && node.innerText.includes(arguments[1])",
            json!([css, text]),
            10,
        )
        .await;
}

/// Waits until the live session shows more than half a kWh delivered.
async fn wait_for_energy(browser: &Browser) {
    browser
        .wait_for(
            "energy flowing",
            "const kwh = document.querySelector('#session-kwh'); \
             return kwh && parseFloat(kwh.innerText) > 0.5 \
             && document.querySelector('#session-cost').innerText.includes('EUR')",
            30,
        )
        .await;
}

/// On development, the page works through the proxy and nothing it receives, stores or
/// shows holds the token, even when the upstream echoes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_development_the_browser_never_sees_the_token() {
    let Some((chromium, driver)) = Engine::Chromium.find() else {
        return;
    };
    let (upstream, seen) = stand_in().await;
    let served = playground(
        &["--env", "development", "--development-url", &upstream],
        &[("CARIQA_API_TOKEN", TOKEN)],
    )
    .await;
    let browser = Browser::start(Engine::Chromium, &chromium, &driver).await;
    let origin = served.url.clone();
    browser.open(&origin).await;
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
    let severe = browser.console_errors().await;
    assert!(severe.is_empty(), "{severe:?}");
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_docs_journey_plays_in_chromium_without_console_errors_or_other_origins() {
    play_the_docs_journey(Engine::Chromium).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_docs_journey_plays_in_firefox_without_console_errors_or_other_origins() {
    play_the_docs_journey(Engine::Firefox).await;
}

/// The console check sees what it must fail on, in each browser: an error the page's
/// script logs, and an uncaught exception.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_check_sees_page_errors_in_both_browsers() {
    let served = playground(&["--seed", "7"], &[]).await;
    for engine in [Engine::Chromium, Engine::Firefox] {
        let Some((program, driver)) = engine.find() else {
            continue;
        };
        let browser = Browser::start(engine, &program, &driver).await;
        browser.open(&served.url).await;
        browser
            .eval(
                "console.error('probe-logged'); \
                 setTimeout(() => { throw new Error('probe-uncaught'); }, 0);",
                json!([]),
            )
            .await;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let severe = browser.console_errors().await;
        for probe in ["probe-logged", "probe-uncaught"] {
            assert!(
                severe.iter().any(|message| message.contains(probe)),
                "{engine:?} did not report {probe}: {severe:?}"
            );
        }
        browser.quit().await;
    }
}

/// The whole journey in one browser, on a playground of its own.
async fn play_the_docs_journey(engine: Engine) {
    let Some((program, driver)) = engine.find() else {
        return;
    };
    let served = playground(&["--seed", "7", "--speed", "600"], &[]).await;
    let browser = Browser::start(engine, &program, &driver).await;
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
        browser.dir().join("time-to-interactive.txt"),
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
    wait_for_text(browser, "billing details saved", "#billing-result", "saved").await;
    shot(browser, "03-user-and-billing", "#account-section").await;

    // 3. A card needing 3-D Secure: failing the challenge adds nothing, completing it adds it.
    browser.fill("#card_number", "4000 0027 6000 3184").await;
    browser.click("#card-form button[type=submit]").await;
    answer_challenge(browser, "#challenge-fail", Some("04-3ds-challenge")).await;
    let failed = browser.text("#card-result").await;
    assert!(
        failed.contains("3-D Secure authentication failed"),
        "{failed}"
    );
    browser.click("#card-form button[type=submit]").await;
    answer_challenge(browser, "#challenge-complete", None).await;
    wait_for_text(browser, "the card", "#card-result", "•••• 3184").await;
    wait_for_text(browser, "the card list", "#cards", "default").await;
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
    answer_challenge(browser, "#challenge-complete", None).await;
    wait_for_energy(browser).await;
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
    wait_for_text(browser, "the rating", "#rating-result", "rated 5 of 5").await;
    shot(browser, "11-cdr-invoice-rating", "#session-section").await;
}

/// A session on a card without funds leaves a debt, paid through its payment intent.
async fn debt(browser: &Browser) {
    // A debt: a card without funds pays nothing at the CDR; its payment intent pays it.
    browser.fill("#card_number", "4000 0000 0000 9995").await;
    browser.click("#card-form button[type=submit]").await;
    wait_for_text(browser, "the second card", "#card-result", "•••• 9995").await;
    browser.click("#start-button").await;
    wait_for_energy(browser).await;
    browser.click("#stop-button").await;
    browser.click("#cdr-button").await;
    let no_invoice = browser.text("#invoice").await;
    assert!(no_invoice.starts_with("No invoice yet"), "{no_invoice}");
    browser.find("#debts button").await;
    shot(browser, "12-debt", "#debts-heading").await;
    browser.click("#debts button").await;
    answer_challenge(browser, "#challenge-complete", None).await;
    wait_for_text(browser, "the debt paid", "#debts", "No unpaid session").await;
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
    wait_for_text(browser, "the new speed", "#sandbox-result", "×1200").await;
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
    // The page fills snippets.json's template (which `cargo xtask readme` compiles).
    let rust_code = rust_code.as_str().unwrap();
    assert!(
        rust_code.contains("client.create_user(NewUser::default().email(\"")
            && rust_code.contains("Environment::custom(\"http://127.0.0.1:")
            && !rust_code.contains("{str:"),
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
