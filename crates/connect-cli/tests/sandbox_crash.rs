//! `connect sandbox serve --data DIR` loses no answered write to `kill -9`: writers stream
//! users, renames and billing details at the served sandbox, the server is killed at a
//! random moment, served again over the same directory, and every write that was answered
//! (201/200) is there, while new writes go on without clashing ids. Several rounds, each
//! killed at a different moment; the seed of the moments is printed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod served;

use served::Server;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const TOKEN: &str = "crash-test-token";
const WRITERS: usize = 4;
const ROUNDS: usize = 5;

fn serve(data: &Path) -> (Server, String) {
    let (server, address, _) = served::serve(&[OsStr::new("--data"), data.as_os_str()]);
    (server, address)
}

/// One request on a fresh connection; `None` when the server is gone mid-way.
fn request(address: &str, head: &str, body: &str) -> Option<String> {
    served::request(address, TOKEN, head, body)
}

fn field<'a>(response: &'a str, name: &str) -> Option<&'a str> {
    response
        .split(&format!(r#""{name}":""#))
        .nth(1)?
        .split('"')
        .next()
}

/// What the server answered: each user created (id, external id) and the city of its
/// billing details, if those were answered too.
#[derive(Default)]
struct Answered {
    users: Vec<(String, String, Option<String>)>,
}

fn write_until_stopped(
    address: &str,
    writer: usize,
    round: usize,
    stop: &AtomicBool,
    answered: &Mutex<Answered>,
) {
    let mut n = 0;
    while !stop.load(Ordering::SeqCst) {
        n += 1;
        let external = format!("w{round}-{writer}-{n}");
        let body = format!(r#"{{"custom_properties":{{"external_id":"{external}"}}}}"#);
        let Some(created) = request(address, "POST /api/v1/users/ HTTP/1.1", &body) else {
            return;
        };
        if !created.starts_with("HTTP/1.1 201") {
            return;
        }
        let id = field(&created, "id").unwrap().to_owned();
        answered
            .lock()
            .unwrap()
            .users
            .push((id.clone(), external.clone(), None));
        let city = format!("City {external}");
        let billing = format!(
            r#"{{"line1":"Karl-Marx-Allee 1","postal_code":"10243","city":"{city}","country":"de"}}"#
        );
        let head = format!("PUT /api/v1/users/{id}/billing-details/ HTTP/1.1");
        let Some(put) = request(address, &head, &billing) else {
            return;
        };
        if put.starts_with("HTTP/1.1 200") {
            let mut answered = answered.lock().unwrap();
            if let Some(user) = answered.users.iter_mut().find(|user| user.0 == id) {
                user.2 = Some(city);
            }
        }
    }
}

/// A small generator for the kill moments (no dependency needed for five numbers).
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("sandbox-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn every_answered_write_survives_kill_9() {
    let data = data_dir();
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos()
        .into();
    seed |= 1;
    eprintln!("kill moments seeded with {seed}");
    let answered = Arc::new(Mutex::new(Answered::default()));
    for round in 0..ROUNDS {
        let (mut server, address) = serve(&data);
        // Every write answered so far is there, with its billing details.
        for (id, external, city) in &answered.lock().unwrap().users {
            let user = request(&address, &format!("GET /api/v1/users/{id}/ HTTP/1.1"), "").unwrap();
            assert!(
                user.starts_with("HTTP/1.1 200"),
                "round {round}: user {id} lost: {user}"
            );
            assert_eq!(field(&user, "external_id"), Some(external.as_str()));
            if let Some(city) = city {
                let head = format!("GET /api/v1/users/{id}/billing-details/ HTTP/1.1");
                let billing = request(&address, &head, "").unwrap();
                assert_eq!(
                    field(&billing, "city"),
                    Some(city.as_str()),
                    "round {round}: {billing}"
                );
            }
        }
        let stop = Arc::new(AtomicBool::new(false));
        let writers: Vec<_> = (0..WRITERS)
            .map(|writer| {
                let (address, stop, answered) = (address.clone(), stop.clone(), answered.clone());
                std::thread::spawn(move || {
                    write_until_stopped(&address, writer, round, &stop, &answered);
                })
            })
            .collect();
        let moment = 150 + next(&mut seed) % 600;
        std::thread::sleep(Duration::from_millis(moment));
        // SIGKILL: no shutdown, no flush; whatever was answered must already be on disk.
        server.0.kill().unwrap();
        server.0.wait().unwrap();
        stop.store(true, Ordering::SeqCst);
        for writer in writers {
            writer.join().unwrap();
        }
        eprintln!(
            "round {round}: killed after {moment} ms, {} users answered so far",
            answered.lock().unwrap().users.len()
        );
    }
    let answered = answered.lock().unwrap();
    assert!(
        answered.users.len() > ROUNDS,
        "the writers wrote almost nothing"
    );
    let with_billing = answered
        .users
        .iter()
        .filter(|user| user.2.is_some())
        .count();
    assert!(with_billing > ROUNDS, "billing details were never answered");
    let (_server, address) = serve(&data);
    let users = request(&address, "GET /api/v1/users/?page_size=1 HTTP/1.1", "").unwrap();
    let count: usize = users
        .split(r#""count":"#)
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .unwrap()
        .parse()
        .unwrap();
    // Writes in flight when killed may have been stored without their answer: never fewer.
    assert!(
        count >= answered.users.len(),
        "{count} < {}",
        answered.users.len()
    );
    let _ = std::fs::remove_dir_all(&data);
}
