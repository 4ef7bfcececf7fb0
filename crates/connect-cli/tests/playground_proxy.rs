#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `connect playground --env development`: the page's API calls are forwarded to the
//! development environment (here a local stand-in) with the token from `CARIQA_API_TOKEN`
//! added on the server; the token appears in nothing the browser receives, even when the
//! upstream echoes it back.

mod support;

use support::{TOKEN, http_client, playground, stand_in};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_is_added_upstream_and_never_reaches_the_browser() {
    let (upstream, seen) = stand_in().await;
    let mut served = playground(
        &["--env", "development", "--development-url", &upstream],
        &[("CARIQA_API_TOKEN", TOKEN)],
    )
    .await;
    let http = http_client();
    let origin = served.url.clone();

    // A call as the page makes it, with a token and a cookie of the browser's own.
    let answer = http
        .get(format!("{origin}/api/v1/users/?search=ada"))
        .header("Authorization", "Bearer browser-made-up")
        .header("Cookie", "tracking=1")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let headers = format!("{:?}", answer.headers());
    let body = answer.text().await.unwrap();
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1, "{seen:?}");
        let (method, uri, authorization, cookie) = &seen[0];
        assert_eq!(method, "GET");
        assert_eq!(uri, "/api/v1/users/?search=ada");
        assert_eq!(
            authorization.as_deref(),
            Some(format!("Bearer {TOKEN}").as_str())
        );
        assert_eq!(cookie, &None, "the browser's cookies stay here");
    }
    assert!(!body.contains(TOKEN), "the body echoes the token: {body}");
    assert!(body.contains("Bearer ***"), "{body}");
    assert!(
        !headers.contains(TOKEN),
        "a header echoes the token: {headers}"
    );
    assert!(!headers.to_lowercase().contains("set-cookie"), "{headers}");
    assert!(
        !headers.to_lowercase().contains("www-authenticate"),
        "{headers}"
    );

    // A body goes through too.
    let created = http
        .post(format!("{origin}/api/v1/users/"))
        .json(&serde_json::json!({"email": "a@example.com"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 200);
    assert!(!created.text().await.unwrap().contains(TOKEN));
    assert_eq!(seen.lock().unwrap()[1].0, "POST");

    // The page, its config and files, the control API's refusal: no token anywhere.
    for path in [
        "/",
        "/_playground/config",
        "/assets/app.js",
        "/assets/snippets.js",
        "/_sandbox/clock",
    ] {
        let answer = http.get(format!("{origin}{path}")).send().await.unwrap();
        let status = answer.status();
        let headers = format!("{:?}", answer.headers());
        let text = answer.text().await.unwrap();
        assert!(
            !text.contains(TOKEN) && !headers.contains(TOKEN),
            "{path} shows the token"
        );
        if path == "/_sandbox/clock" {
            assert_eq!(status, 404);
            assert!(text.contains("no sandbox control API"), "{text}");
        } else {
            assert!(status.is_success(), "{path}: {status}");
        }
    }
    let config: serde_json::Value = http
        .get(format!("{origin}/_playground/config"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(config["env"], "development");
    assert_eq!(config["upstream"], upstream);

    // Nor in what the command printed.
    served.child.kill().await.unwrap();
    let printed = served.output.await.unwrap();
    assert!(!printed.contains(TOKEN), "printed: {printed}");
    assert!(printed.contains("development environment"), "{printed}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn development_without_a_token_is_refused_with_a_hint() {
    let output = tokio::process::Command::new(support::CONNECT)
        .args([
            "playground",
            "--env",
            "development",
            "--addr",
            "127.0.0.1:0",
        ])
        .env_remove("CARIQA_API_TOKEN")
        .output()
        .await
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("CARIQA_API_TOKEN"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_http_development_url_other_than_loopback_is_refused() {
    let output = tokio::process::Command::new(support::CONNECT)
        .args([
            "playground",
            "--env",
            "development",
            "--addr",
            "127.0.0.1:0",
        ])
        .args(["--development-url", "http://dev.example.com"])
        .env("CARIQA_API_TOKEN", TOKEN)
        .output()
        .await
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("clear text"), "{stderr}");
    assert!(!stderr.contains(TOKEN), "{stderr}");
}
