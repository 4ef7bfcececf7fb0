//! Cross-crate tests of the Cariqa Connect toolkit. The tests live in `tests/tests/`; this
//! library holds what several of them share.
//!
//! - The documents and fixtures that ship with the project are checked against the code
//!   (every test `docs/pricing.md` cites exists; every bundled tariff parses cleanly).
//! - [`contract`]: one suite of behaviour tests written against the ports, run against
//!   every adapter: `connect-fake` in process (`tests/contract_fake.rs`) and `connect-http`
//!   talking to `connect-server` on loopback (`tests/contract_http.rs`).
//! - The docs' journey, the station endpoints and the fault control over raw HTTP, and the
//!   fault campaign against the HTTP client (`tests/fault_campaign.rs`).

pub mod contract;

/// A plain `reqwest` client for tests that speak raw HTTP to the sandbox.
///
/// `connect-http` enables reqwest's `rustls-no-provider` feature, and Cargo unifies features
/// across every crate built together: once the HTTP client is in the build, a bare
/// `reqwest::Client::new()` panics for want of a TLS crypto provider, even for plain
/// `http://` on loopback. This installs rustls' ring provider as the process default (once;
/// a provider installed before is kept) and builds the client.
pub fn http_client() -> reqwest::Client {
    static PROVIDER: std::sync::Once = std::sync::Once::new();
    PROVIDER.call_once(|| {
        // An error only says that some provider is installed already: fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    reqwest::Client::new()
}
