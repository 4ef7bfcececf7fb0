//! A scripted HTTP/1.1 stub server on a loopback port, and fixtures in the API's JSON.
//!
//! Each connection carries one request and is closed after the answer (`Connection:
//! close`). The script sees every request (and how many came before it) and answers with a
//! status and body, drops the connection without an answer, or waits first.

#![allow(
    dead_code,
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    missing_docs
)]

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use connect_http::{
    ApiToken, ConnectClient, ConnectClientBuilder, Environment, PollPolicy, ReconcilePolicy,
    RetryPolicy,
};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const TOKEN: &str = "tok_live_9f8e7d6c5b4a-SECRET";

/// A request as the stub saw it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    pub fn param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn params(&self, key: &str) -> Vec<&str> {
        self.query
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn is(&self, method: &str, path: &str) -> bool {
        self.method == method && self.path == path
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

/// How the stub answers one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A status, extra headers and a body (JSON unless it is empty).
    Answer(u16, Vec<(String, String)>, String),
    /// Close the connection without an answer.
    Drop,
    /// Wait, then reply.
    Delay(Duration, Box<Reply>),
    /// A status and a body without `Content-Length`: the body ends when the connection
    /// closes, so its size is known only once read.
    Unframed(u16, String),
}

impl Reply {
    pub fn json(status: u16, body: &Value) -> Self {
        Self::Answer(status, Vec::new(), body.to_string())
    }

    pub fn empty(status: u16) -> Self {
        Self::Answer(status, Vec::new(), String::new())
    }

    pub fn text(status: u16, body: &str) -> Self {
        Self::Answer(status, Vec::new(), body.to_owned())
    }

    pub fn with_header(self, name: &str, value: &str) -> Self {
        match self {
            Self::Answer(status, mut headers, body) => {
                headers.push((name.to_owned(), value.to_owned()));
                Self::Answer(status, headers, body)
            }
            other => other,
        }
    }

    pub fn after(self, delay: Duration) -> Self {
        Self::Delay(delay, Box::new(self))
    }
}

type Script = dyn Fn(&Request, usize) -> Reply + Send + Sync;

/// A running stub server.
pub struct Stub {
    pub base: String,
    log: Arc<Mutex<Vec<Request>>>,
}

impl Stub {
    /// Serves `script` on 127.0.0.1 until the test's runtime ends.
    pub async fn start(script: impl Fn(&Request, usize) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let log = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::new(script);
        let served = log.clone();
        tokio::spawn(async move {
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    return;
                };
                let (log, script) = (served.clone(), script.clone());
                tokio::spawn(async move { serve(socket, log, script).await });
            }
        });
        Self { base, log }
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().unwrap().clone()
    }

    /// How many requests had this method and path.
    pub fn count(&self, method: &str, path: &str) -> usize {
        self.requests()
            .iter()
            .filter(|request| request.is(method, path))
            .count()
    }

    /// A client of this stub with quick retries and polls.
    pub fn client(&self) -> ConnectClient {
        self.builder().build().unwrap()
    }

    pub fn builder(&self) -> ConnectClientBuilder {
        ConnectClient::builder(
            ApiToken::new(TOKEN).unwrap(),
            Environment::custom(&self.base).unwrap(),
        )
        .attempt_timeout(Duration::from_secs(2))
        .retry(quick_retries())
        .poll(PollPolicy {
            min_interval: Duration::from_millis(5),
            max_interval: Duration::from_millis(20),
        })
        .reconcile(quick_reconciliation())
        .clock(Arc::new(FixedClock(sent_at())))
        .jitter_seed(7)
    }
}

/// When the stub's client sends its requests, by its clock: 18 s before the fixtures'
/// sessions start (`session_json`).
pub fn sent_at() -> DateTime<Utc> {
    "2026-04-02T13:51:00Z".parse().unwrap()
}

/// A clock that stands still.
#[derive(Debug)]
pub struct FixedClock(pub DateTime<Utc>);

impl connect_ports::Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// Reconciliation that looks every 20 ms, for 1 s at most.
pub fn quick_reconciliation() -> ReconcilePolicy {
    ReconcilePolicy {
        max_attempts: 50,
        window: Duration::from_secs(1),
        interval: Duration::from_millis(20),
        ..ReconcilePolicy::default()
    }
}

pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_elapsed: Duration::from_secs(10),
    }
}

async fn serve(mut socket: TcpStream, log: Arc<Mutex<Vec<Request>>>, script: Arc<Script>) {
    let Some(request) = read_request(&mut socket).await else {
        return;
    };
    let index = {
        let mut log = log.lock().unwrap();
        log.push(request.clone());
        log.len() - 1
    };
    let mut reply = script(&request, index);
    loop {
        match reply {
            Reply::Delay(delay, next) => {
                tokio::time::sleep(delay).await;
                reply = *next;
            }
            Reply::Drop => return,
            Reply::Unframed(status, body) => {
                let head = format!("HTTP/1.1 {status} Stub\r\nConnection: close\r\n\r\n");
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(body.as_bytes()).await;
                let _ = socket.shutdown().await;
                return;
            }
            Reply::Answer(status, headers, body) => {
                let mut head = format!(
                    "HTTP/1.1 {status} Stub\r\nContent-Length: {}\r\nConnection: close\r\n",
                    body.len()
                );
                if !body.is_empty() {
                    head.push_str("Content-Type: application/json\r\n");
                }
                for (name, value) in headers {
                    let _ = write!(head, "{name}: {value}\r\n");
                }
                head.push_str("\r\n");
                head.push_str(&body);
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.shutdown().await;
                return;
            }
        }
    }
}

async fn read_request(socket: &mut TcpStream) -> Option<Request> {
    let mut buffer = Vec::new();
    let mut chunk = [0_u8; 4096];
    let head_end = loop {
        if let Some(end) = find(&buffer, b"\r\n\r\n") {
            break end;
        }
        let read = socket.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let read = socket.read(&mut chunk).await.ok()?;
        if read == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..read]);
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    Some(Request {
        method,
        path: path.to_owned(),
        query: query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(key), decode(value))
            })
            .collect(),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => out.push(b' '),
            b'%' if index + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[index + 1..index + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                index += 2;
            }
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8(out).unwrap()
}

// ------------------------------------------------------------------ fixtures

pub const USER: &str = "72794486-bf87-44fb-9b74-5b8fed6c994d";
pub const EVSE: &str = "DE*CIQ*EELDF6XWZU41P*2";
pub const SESSION: &str = "ab7ae756-b663-43b9-a025-40c51dd503d9";

pub fn user_json(id: &str) -> Value {
    json!({"id": id, "email": "user@example.com", "locale": "de",
           "custom_properties": {"external_id": "abcdefg123456"}})
}

/// A session in the API's shape: active (no end, no bill), stopped (no bill yet), or
/// billed (the charge detail record arrived).
pub fn session_json(
    id: &str,
    evse: &str,
    active: bool,
    energy: Option<&str>,
    billed: bool,
) -> Value {
    let cost = if billed {
        json!({"kwh_cost": "5.39", "time_cost": "0.00", "session_fee_cost": "0.00",
               "blocking_fee_cost": "0.00", "starting_fee_cost": "0.00",
               "invoice_download": "https://pay.stripe.com/invoice/x/pdf", "invoice_vat": "0.86",
               "invoice_summary": "5.39", "invoice_credits": "0.00", "invoice_discount": "0.00",
               "currency": "eur"})
    } else {
        json!({"kwh_cost": null, "time_cost": null, "session_fee_cost": null,
               "blocking_fee_cost": null, "starting_fee_cost": null, "invoice_download": null,
               "invoice_vat": "0.00", "invoice_summary": "0.00", "currency": "eur"})
    };
    json!({
        "id": id,
        "start_time": "2026-04-02T13:51:18.754610Z",
        "end_time": if active { Value::Null } else { json!("2026-04-02T14:51:18.754611Z") },
        "duration": if active { Value::Null } else { json!(3600) },
        "consumed_energy": energy,
        "is_active": active,
        "evse_id": evse,
        "station_info": {"station_name": "EVA Charge", "station_address": "Ludwigstraße, 9, 67547, Worms",
            "country": "DE", "station_speed": "slow", "connector_standard": "IEC_62196_T2",
            "connector_power": 22, "support_phone": "+4971134214480", "latitude": "49.630383",
            "longitude": "8.368902"},
        "is_partner": true,
        "logo_url": null,
        "user_facing_session_prices": {"kwh_price": "0.54", "time_price": null, "session_fee": null,
            "blocking_fee": null, "starting_fee": null, "grace_period_minutes": null,
            "blocking_cap": null, "currency": "eur"},
        "session_cost": cost,
        "rates": null
    })
}

#[allow(clippy::needless_pass_by_value)] // a convenience for `page_json(vec![…], …)`
pub fn page_json(items: Vec<Value>, count: usize, next: Option<&str>) -> Value {
    json!({"count": count, "next": next, "previous": null, "results": items})
}

pub fn payment_method_json(id: &str, kind: &str, expiry: &str) -> Value {
    json!({"id": id, "default": true, "type": kind,
           "card": {"brand": "visa", "last4": "4242", "expiration_date": expiry, "cardholder_name": null},
           "created_at": "2026-03-20T11:36:39Z"})
}

pub fn station_json() -> Value {
    json!({
        "id": "DE*CIQ*EELDF6XWZU41P", "name": "EVA Charge", "speed": "slow",
        "address": "Ludwigstraße, 9, 67547, Worms", "status": "free",
        "coordinates": {"latitude": "49.630383", "longitude": "8.368902"},
        "opening_times": {"twentyfourseven": true, "regular_hours": []},
        "operator": {"name": "EVA Charge", "contact": {"phone": "+4971134214480"}},
        "evses": [{"evse_id": EVSE, "status": "AVAILABLE"}],
        "last_updated": "2026-03-01T10:00:00Z", "amenities": ["CAFE"], "is_partner": true,
        "price_groups": [{"type": "AC", "power": 22, "evse_ids": [EVSE],
            "prices": {"kwh_price": {"ALL": [{"time_from": null, "time_to": null, "date_from": null,
                "date_to": null, "gross_price": "0.4529", "user_facing_price": "0.54",
                "grace_period_minutes": null, "tax": 19, "blocking_cap": null}]}},
            "local_datetime": "2026-04-02T15:51:18+02:00", "currency": "eur",
            "pre_authorization_amount": "50.00"}],
        "logo_url": null
    })
}

pub fn error_json(detail: &str, kind: &str, details: &str) -> Value {
    json!({"detail": detail, "error": {"type": kind, "details": details}})
}
