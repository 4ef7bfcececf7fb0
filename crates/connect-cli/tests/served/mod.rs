//! The built `connect sandbox serve` as the tests of the served binary start it: on a free
//! port with a manual clock, killed when dropped, and raw HTTP/1.1 requests to it (no
//! client library, so the tests see exactly what went over the wire).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The served sandbox; killed (and waited for) when dropped.
pub(crate) struct Server(pub(crate) Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Serves the sandbox on a free port with a manual clock and `extra` arguments: the
/// server, its address, and the stderr lines printed before the address (OCPI summaries
/// come first; the address is on the first line that has one).
pub(crate) fn serve(extra: &[&std::ffi::OsStr]) -> (Server, String, Vec<String>) {
    let child = Command::new(env!("CARGO_BIN_EXE_connect"))
        .args([
            "sandbox",
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--clock",
            "manual",
        ])
        .args(extra)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let mut stderr = BufReader::new(server.0.stderr.take().unwrap());
    let mut line = String::new();
    let mut log = Vec::new();
    while !line.contains("http://") {
        log.push(std::mem::take(&mut line));
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "the server stopped"
        );
    }
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    (server, address, log)
}

/// One HTTP/1.1 request with `token` on a fresh connection: the raw response, or `None`
/// when the server is gone mid-way (or answers nothing within 10 s).
pub(crate) fn request(address: &str, token: &str, head: &str, body: &str) -> Option<String> {
    let mut stream = TcpStream::connect(address).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "{head}\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    (!response.is_empty()).then_some(response)
}
