//! Item streams over all pages, and a session watched until its bill is final.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{EVSE, Reply, Request, SESSION, Stub, USER, page_json, session_json, user_json};
use connect_domain::ids::{SessionId, UserId};
use connect_domain::zone::Coordinates;
use connect_ports::{AroundQuery, Charging, Invoices, PageRequest};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::{Value, json};

/// `total` items served `page_size` at a time, as the API pages them.
fn pages(total: usize, item: fn(usize) -> Value) -> impl Fn(&Request, usize) -> Reply {
    move |request, _| {
        let page: usize = request.param("page").unwrap().parse().unwrap();
        let size: usize = request.param("page_size").unwrap().parse().unwrap();
        let start = (page - 1) * size;
        let items: Vec<Value> = (start..total.min(start + size)).map(item).collect();
        let next = (start + size < total).then_some("http://127.0.0.1/next");
        Reply::json(200, &page_json(items, total, next))
    }
}

#[tokio::test]
async fn a_stream_yields_every_item_of_every_page_in_order() {
    let stub = Stub::start(pages(7, |n| user_json(&format!("u{n}")))).await;
    let client = stub.builder().page_size(3).build().unwrap();
    let ids: Vec<String> = client
        .users_stream(Some("ext".into()))
        .map_ok(|user| user.id.to_string())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["u0", "u1", "u2", "u3", "u4", "u5", "u6"]);
    let requests = stub.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.param("search") == Some("ext")));
    let numbers: Vec<_> = requests
        .iter()
        .map(|r| r.param("page").unwrap().to_owned())
        .collect();
    assert_eq!(numbers, ["1", "2", "3"]);
}

#[tokio::test]
async fn every_list_has_its_stream() {
    let user = UserId::new(USER);
    let stub = Stub::start(|request: &Request, _| {
        let path = request.path.as_str();
        let item = if path.ends_with("/charging-sessions/") {
            session_json(SESSION, EVSE, false, Some("1.000"), true)
        } else if path.ends_with("/invoices/") {
            json!({"link": "l", "total": "5.39", "date": "2026-04-02T13:52:35Z", "refund": false,
                   "currency": "eur", "charging_session_id": SESSION})
        } else if path.ends_with("/payment-methods/") {
            common::payment_method_json("pm_1", "card", "12/2027")
        } else if path.ends_with("/debts/") {
            json!({"session_id": SESSION, "payment_intent_client_secret": "pi", "amount": "1.00", "currency": "EUR"})
        } else {
            common::station_json()
        };
        Reply::json(200, &page_json(vec![item], 1, None))
    })
    .await;
    let client = stub.client();
    assert_eq!(client.sessions_stream(user.clone()).count().await, 1);
    assert_eq!(client.invoices_stream(user.clone()).count().await, 1);
    assert_eq!(client.payment_methods_stream(user.clone()).count().await, 1);
    assert_eq!(client.debts_stream(user.clone()).count().await, 1);
    let query = AroundQuery::new(
        Coordinates {
            latitude: 49.63,
            longitude: 8.37,
        },
        100.0,
    );
    let stations: Vec<_> = client
        .stations_around_stream(query)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(stations[0].name, "EVA Charge");
    assert_eq!(stub.requests().len(), 5);
}

#[tokio::test]
async fn a_stream_yields_the_first_error_and_ends() {
    let stub = Stub::start(|request: &Request, _| {
        if request.param("page") == Some("2") {
            Reply::json(404, &json!({"detail": "Invalid page."}))
        } else {
            Reply::json(
                200,
                &page_json(vec![user_json("u0")], 5, Some("http://x/?page=2")),
            )
        }
    })
    .await;
    let items: Vec<_> = stub.client().users_stream(None).collect().await;
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    assert!(items[1].as_ref().unwrap_err().is_not_found());
}

#[tokio::test]
async fn an_empty_list_is_an_empty_stream() {
    let stub = Stub::start(|_, _| Reply::json(200, &page_json(Vec::new(), 0, None))).await;
    assert_eq!(stub.client().users_stream(None).count().await, 0);
}

#[tokio::test]
async fn watching_a_session_yields_each_change_and_ends_with_the_final_bill() {
    // The session as successive polls see it: repeats are not yielded.
    let states = vec![
        session_json(SESSION, EVSE, true, Some("0.000"), false),
        session_json(SESSION, EVSE, true, Some("0.000"), false),
        session_json(SESSION, EVSE, true, Some("2.500"), false),
        session_json(SESSION, EVSE, true, Some("2.500"), false),
        session_json(SESSION, EVSE, true, Some("2.500"), false),
        session_json(SESSION, EVSE, false, Some("4.000"), false),
        session_json(SESSION, EVSE, false, Some("4.000"), false),
        session_json(SESSION, EVSE, false, Some("4.000"), true),
        session_json(SESSION, EVSE, false, Some("4.000"), true),
    ];
    let polls = Arc::new(AtomicUsize::new(0));
    let seen = polls.clone();
    let stub = Stub::start(move |request: &Request, _| {
        assert!(
            request
                .path
                .ends_with(&format!("/charging-sessions/{SESSION}/"))
        );
        let index = seen.fetch_add(1, Ordering::SeqCst).min(states.len() - 1);
        Reply::json(200, &states[index])
    })
    .await;
    let updates: Vec<_> = stub
        .client()
        .watch_session(UserId::new(USER), SessionId::new(SESSION))
        .try_collect()
        .await
        .unwrap();
    let summary: Vec<(bool, String, bool)> = updates
        .iter()
        .map(|s| {
            (
                s.is_active,
                s.consumed_energy_kwh.unwrap().to_string(),
                s.bill.is_some(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (true, "0.000".to_owned(), false),
            (true, "2.500".to_owned(), false),
            (false, "4.000".to_owned(), false),
            (false, "4.000".to_owned(), true),
        ]
    );
    assert_eq!(polls.load(Ordering::SeqCst), 8);
}

#[tokio::test]
async fn watching_yields_a_failed_poll_and_ends() {
    let stub = Stub::start(|_, index| {
        if index == 0 {
            Reply::json(200, &session_json(SESSION, EVSE, true, None, false))
        } else {
            Reply::json(404, &json!({"detail": "Not found."}))
        }
    })
    .await;
    let updates: Vec<_> = stub
        .client()
        .watch_session(UserId::new(USER), SessionId::new(SESSION))
        .collect()
        .await;
    assert_eq!(updates.len(), 2);
    assert!(updates[1].as_ref().unwrap_err().is_not_found());
}

#[tokio::test]
async fn a_session_already_final_is_yielded_once() {
    let stub = Stub::start(|_, _| {
        Reply::json(
            200,
            &session_json(SESSION, EVSE, false, Some("1.000"), true),
        )
    })
    .await;
    let updates: Vec<_> = stub
        .client()
        .watch_session(UserId::new(USER), SessionId::new(SESSION))
        .collect()
        .await;
    assert_eq!(updates.len(), 1);
    assert_eq!(stub.requests().len(), 1);
}

/// A session the client cannot read: its start time is not a date.
fn unreadable_session(id: &str) -> Value {
    let mut session = session_json(id, EVSE, false, Some("1.000"), true);
    session["start_time"] = json!("yesterday-ish");
    session
}

#[tokio::test]
async fn an_unreadable_item_is_skipped_and_named_not_the_whole_page() {
    let stub = Stub::start(|_: &Request, _| {
        let items = vec![
            session_json("s0", EVSE, false, Some("1.000"), true),
            unreadable_session("s1"),
            session_json("s2", EVSE, false, Some("2.000"), true),
        ];
        Reply::json(200, &page_json(items, 3, None))
    })
    .await;
    let page = stub
        .client()
        .sessions(&UserId::new(USER), PageRequest::new(1, 3).unwrap())
        .await
        .unwrap();
    let ids: Vec<&str> = page.items.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["s0", "s2"]);
    assert_eq!(page.skipped.len(), 1);
    assert_eq!(page.skipped[0].index, 1);
    assert!(
        page.skipped[0].error.contains("start_time"),
        "{}",
        page.skipped[0].error
    );
    assert!(!page.has_next());
}

#[tokio::test]
async fn a_stream_carries_on_past_unreadable_items_to_the_last_page() {
    // 5 sessions, 2 a page; the second and the fifth cannot be read.
    let stub = Stub::start(pages(5, |n| {
        if n == 1 || n == 4 {
            unreadable_session(&format!("s{n}"))
        } else {
            session_json(&format!("s{n}"), EVSE, false, Some("1.000"), true)
        }
    }))
    .await;
    let client = stub.builder().page_size(2).build().unwrap();
    let items: Vec<_> = client.sessions_stream(UserId::new(USER)).collect().await;
    let ids: Vec<String> = items
        .into_iter()
        .map(|item| item.unwrap().id.to_string())
        .collect();
    assert_eq!(ids, ["s0", "s2", "s3"]);
    // Pages 1, 2 and 3, and no page 4 (which the API would answer 404 `Invalid page.`).
    assert_eq!(stub.requests().len(), 3);
}

fn invoice_json(session: &str) -> Value {
    json!({"link": format!("https://pay.stripe.com/{session}/pdf"), "total": "5.39",
           "date": "2026-04-02T13:52:35Z", "refund": false, "currency": "eur",
           "charging_session_id": session})
}

/// Invoices in the docs' cursor envelope, two a page, each page asked for by the id the
/// previous one named (`next_page_id`); `honour_cursor: false` answers the first page
/// whatever is asked.
fn cursor_pages(honour_cursor: bool) -> impl Fn(&Request, usize) -> Reply {
    move |request, _| {
        let cursor = request.param("next_page_id").filter(|_| honour_cursor);
        let (data, next) = match cursor {
            None => (vec![invoice_json("s0"), invoice_json("s1")], json!("in_2")),
            Some("in_2") => (vec![invoice_json("s2"), invoice_json("s3")], json!(4)),
            Some("4") => (vec![invoice_json("s4")], Value::Null),
            Some(other) => panic!("cursor {other}"),
        };
        Reply::json(
            200,
            &json!({"size": 2, "next_page_id": next, "prev_page_id": null, "data": data}),
        )
    }
}

#[tokio::test]
async fn invoices_in_the_cursor_envelope_are_read_to_the_last_page() {
    let stub = Stub::start(cursor_pages(true)).await;
    let client = stub.client();
    let user = UserId::new(USER);
    let page = client
        .invoices(&user, PageRequest::new(1, 3).unwrap())
        .await
        .unwrap();
    let sessions: Vec<_> = page
        .items
        .iter()
        .map(|invoice| invoice.charging_session_id.clone().unwrap().to_string())
        .collect();
    assert_eq!(sessions, ["s0", "s1", "s2"]);
    assert_eq!(
        page.count, 5,
        "the real total, not the invoices seen so far"
    );
    assert!(page.has_next());
    let second = client
        .invoices(&user, PageRequest::new(2, 3).unwrap())
        .await
        .unwrap();
    assert_eq!(second.items.len(), 2);
    assert!(!second.has_next());
    let all: Vec<_> = client.invoices_stream(user).try_collect().await.unwrap();
    assert_eq!(all.len(), 5);
}

#[tokio::test]
async fn a_cursor_the_api_does_not_follow_fails_loudly() {
    let stub = Stub::start(cursor_pages(false)).await;
    let error = stub
        .client()
        .invoices(&UserId::new(USER), PageRequest::default())
        .await
        .unwrap_err();
    assert!(
        matches!(error, connect_http::ClientError::Decode { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("next_page_id"), "{error}");
    assert_eq!(stub.requests().len(), 2, "no endless paging");
}
