//! Building a client: environments, plain HTTP only to this machine, the token kept secret
//! in `Debug`, `Display` and errors, and the settings checked.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fmt::Write as _;
use std::time::Duration;

use common::{Reply, Stub, TOKEN, USER};
use connect_domain::ids::UserId;
use connect_http::{
    ApiToken, ConfigError, ConnectClient, Environment, PollPolicy, RetryPolicy, TOKEN_ENV,
};
use connect_ports::Users;
use serde_json::json;

fn token() -> ApiToken {
    ApiToken::new(TOKEN).unwrap()
}

#[test]
fn the_documented_hosts_are_https() {
    for (environment, url) in [
        (Environment::Development, "https://dev.connect.cariqa.com/"),
        (Environment::Production, "https://connect.cariqa.com/"),
    ] {
        assert_eq!(
            ConnectClient::new(token(), environment).unwrap().base_url(),
            url
        );
    }
}

#[test]
fn plain_http_is_refused_except_to_loopback_addresses() {
    for allowed in [
        "http://127.0.0.1:8080",
        "http://127.1.2.3",
        "http://localhost:8080/",
        "http://LOCALHOST",
        "http://sandbox.localhost:1",
        "http://[::1]:8080",
        "https://connect.example.com/prefix",
        "https://10.0.0.1",
    ] {
        let environment = Environment::custom(allowed).unwrap();
        assert!(
            ConnectClient::new(token(), environment).is_ok(),
            "{allowed}"
        );
    }
    for refused in [
        "http://connect.cariqa.com",
        "http://10.0.0.1:8080",
        "http://192.168.1.2",
        "http://[::2]",
        "http://localhost.example.com",
        "http://0.0.0.0:8080",
    ] {
        let error = Environment::custom(refused).unwrap_err();
        assert!(
            matches!(error, ConfigError::InsecureBaseUrl { ref url } if url == refused),
            "{refused}: {error}"
        );
        // Built from the variant directly, the builder refuses it too.
        let error =
            ConnectClient::new(token(), Environment::Custom(refused.to_owned())).unwrap_err();
        assert!(matches!(error, ConfigError::InsecureBaseUrl { .. }));
    }
    for invalid in [
        "ftp://127.0.0.1",
        "not a url",
        "https://user:pw@connect.cariqa.com",
        "https://connect.cariqa.com/?x=1",
        "mailto:x@example.com",
    ] {
        assert!(
            matches!(
                Environment::custom(invalid),
                Err(ConfigError::InvalidBaseUrl { .. })
            ),
            "{invalid}"
        );
    }
}

#[test]
fn plain_http_to_another_host_needs_an_explicit_opt_in() {
    // A sandbox in docker-compose, reached by its service name.
    let sandbox = || Environment::Custom("http://sandbox:8080".into());
    let error = ConnectClient::new(token(), sandbox()).unwrap_err();
    assert!(matches!(error, ConfigError::InsecureBaseUrl { .. }));
    assert!(error.to_string().contains("allow_plain_http"), "{error}");
    let client = ConnectClient::builder(token(), sandbox())
        .allow_plain_http(true)
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "http://sandbox:8080/");
    // The opt-in is for plain http, not for anything else.
    let error = ConnectClient::builder(token(), Environment::Custom("ftp://sandbox".into()))
        .allow_plain_http(true)
        .build()
        .unwrap_err();
    assert!(matches!(error, ConfigError::InvalidBaseUrl { .. }));
}

#[test]
fn credentials_in_a_base_url_never_show() {
    for url in [
        "https://partner:s3cret-pw@connect.example.com",
        "http://partner:s3cret-pw@10.0.0.1:8080",
        "http://partner:s3cret-pw@127.0.0.1:8080",
        "ftp://partner:s3cret-pw@127.0.0.1",
        "https://partner:s3cret-pw@connect.example.com/?x=1",
    ] {
        let from_custom = Environment::custom(url).unwrap_err();
        let from_builder =
            ConnectClient::new(token(), Environment::Custom(url.to_owned())).unwrap_err();
        let builder = ConnectClient::builder(token(), Environment::Custom(url.to_owned()));
        for text in [
            format!("{from_custom} {from_custom:?}"),
            format!("{from_builder} {from_builder:?}"),
            format!("{builder:?}"),
        ] {
            assert!(!text.contains("s3cret-pw"), "{url}: {text}");
        }
    }
}

#[test]
fn the_token_never_shows() {
    let token = token();
    assert_eq!(format!("{token:?}"), "ApiToken(***)");
    assert_eq!(format!("{token:#?}"), "ApiToken(***)");
    let client = ConnectClient::new(token.clone(), Environment::Production).unwrap();
    let debug = format!("{client:?} {client:#?}");
    assert!(!debug.contains(TOKEN), "{debug}");
    assert!(debug.contains("***"));
    let builder = ConnectClient::builder(token, Environment::Production);
    assert!(!format!("{builder:?}").contains(TOKEN));
}

#[test]
fn an_empty_or_unsendable_token_is_refused() {
    assert_eq!(ApiToken::new("").unwrap_err(), ConfigError::EmptyToken);
    assert_eq!(ApiToken::new(" \n\t").unwrap_err(), ConfigError::EmptyToken);
    let error = ApiToken::new("secret\u{7f}tail").unwrap_err();
    assert_eq!(error, ConfigError::InvalidToken);
    assert!(!error.to_string().contains("secret"));
    assert!(ApiToken::try_from("ok-token").is_ok());
    assert!(ApiToken::try_from(String::new()).is_err());
}

/// Run by [`the_token_comes_from_the_environment`] in a child process whose environment it
/// sets (setting variables in this process would need `unsafe`); does nothing otherwise.
#[test]
fn from_env_in_a_child_process() {
    let Ok(expected) = std::env::var("CONNECT_HTTP_TEST_EXPECT") else {
        return;
    };
    let got = match ApiToken::from_env() {
        Ok(token) => format!("ok:{}", token.expose_secret()),
        Err(error) => format!("{error:?}"),
    };
    assert_eq!(got, expected);
}

#[test]
fn the_token_comes_from_the_environment() {
    let run = |value: Option<&str>, expected: String| {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap());
        child
            .args(["--exact", "from_env_in_a_child_process", "--test-threads=1"])
            .env("CONNECT_HTTP_TEST_EXPECT", &expected)
            .env_remove(TOKEN_ENV);
        if let Some(value) = value {
            child.env(TOKEN_ENV, value);
        }
        let output = child.output().unwrap();
        assert!(
            output.status.success(),
            "{expected}: {}",
            String::from_utf8_lossy(&output.stdout)
        );
    };
    run(
        None,
        r#"MissingToken { variable: "CARIQA_API_TOKEN" }"#.to_owned(),
    );
    run(Some(&format!("{TOKEN}\n")), format!("ok:{TOKEN}"));
    run(Some(""), "EmptyToken".to_owned());
}

#[test]
fn settings_out_of_range_are_refused_by_name() {
    let build = |builder: connect_http::ConnectClientBuilder| match builder.build() {
        Err(ConfigError::InvalidSetting { setting, .. }) => setting,
        other => panic!("{other:?}"),
    };
    let base = || ConnectClient::builder(token(), Environment::Production);
    assert_eq!(
        build(base().connect_timeout(Duration::ZERO)),
        "connect_timeout"
    );
    assert_eq!(
        build(base().attempt_timeout(Duration::ZERO)),
        "attempt_timeout"
    );
    assert_eq!(
        build(base().retry(RetryPolicy {
            base_delay: Duration::from_secs(10),
            ..RetryPolicy::default()
        })),
        "retry.base_delay"
    );
    assert_eq!(
        build(base().poll(PollPolicy {
            min_interval: Duration::from_secs(10),
            max_interval: Duration::from_secs(1),
        })),
        "poll"
    );
    assert_eq!(build(base().page_size(0)), "page_size");
    assert_eq!(build(base().page_size(1001)), "page_size");
    assert!(base().retry(RetryPolicy::none()).build().is_ok());
}

#[tokio::test]
async fn errors_name_the_call_but_never_the_token() {
    let stub = Stub::start(|_, index| match index {
        0 => Reply::json(
            403,
            &json!({"detail": "Authentication credentials were not provided."}),
        ),
        1 => Reply::text(200, "not json"),
        _ => Reply::Drop,
    })
    .await;
    let client = stub.builder().retry(RetryPolicy::none()).build().unwrap();
    let user = UserId::new(USER);
    let mut messages = Vec::new();
    for _ in 0..3 {
        let error = client.get_user(&user).await.unwrap_err();
        let mut text = format!("{error} {error:?}");
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            let _ = write!(text, " {cause} {cause:?}");
            source = cause.source();
        }
        messages.push(text);
    }
    for message in &messages {
        assert!(!message.contains(TOKEN), "{message}");
        assert!(
            message.contains(&format!("GET /api/v1/users/{USER}/")),
            "{message}"
        );
    }
    assert!(messages[0].contains("403 forbidden"));
    assert!(messages[1].contains("could not be read"));
    assert!(messages[2].contains("transport failure"));
}

#[tokio::test]
async fn the_client_error_answers_the_ports_error_questions() {
    use connect_ports::PortError;
    let stub = Stub::start(|_, index| {
        if index == 0 {
            Reply::json(
                409,
                &json!({"detail": "Charging Error", "error": {"type": "already_stopped", "details": "x"}}),
            )
        } else {
            Reply::Drop
        }
    })
    .await;
    let client = stub.builder().retry(RetryPolicy::none()).build().unwrap();
    let answered = client.get_user(&UserId::new(USER)).await.unwrap_err();
    assert_eq!(
        PortError::error_kind(&answered),
        Some(&connect_ports::ErrorKind::AlreadyStopped)
    );
    let lost = client.get_user(&UserId::new(USER)).await.unwrap_err();
    assert!(PortError::api_error(&lost).is_none());
}
