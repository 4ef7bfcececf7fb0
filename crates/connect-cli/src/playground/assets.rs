//! The page's files, compiled into the binary: nothing to build or download to run it, and
//! nothing fetched from another origin (the Content-Security-Policy says so to the browser).

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// One file of the page.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

macro_rules! asset {
    ($name:literal, $type:expr) => {
        Asset {
            name: $name,
            content_type: $type,
            body: include_bytes!(concat!("assets/", $name)),
        }
    };
}

const JS: &str = "text/javascript; charset=utf-8";

/// Every file the page loads. Vendored files keep their licences next to them
/// (`assets/vendor/README.md` says where each comes from).
const ASSETS: &[Asset] = &[
    asset!("index.html", "text/html; charset=utf-8"),
    asset!("app.css", "text/css; charset=utf-8"),
    asset!("favicon.svg", "image/svg+xml"),
    asset!("app.js", JS),
    asset!("api.js", JS),
    asset!("operations.js", JS),
    asset!("payments.js", JS),
    asset!("map.js", JS),
    asset!("station.js", JS),
    asset!("session.js", JS),
    asset!("sandbox.js", JS),
    asset!("charts.js", JS),
    asset!("snippets.js", JS),
    asset!("snippets.json", "application/json"),
    asset!("ui.js", JS),
    asset!("vendor/leaflet/leaflet.js", JS),
    asset!("vendor/leaflet/leaflet.css", "text/css; charset=utf-8"),
    asset!("vendor/leaflet/LICENSE", "text/plain; charset=utf-8"),
    asset!("vendor/world-atlas/countries-110m.json", "application/json"),
    asset!("vendor/world-atlas/LICENSE", "text/plain; charset=utf-8"),
    asset!("vendor/README.md", "text/plain; charset=utf-8"),
];

/// Only this origin, for everything: a request elsewhere is refused by the browser (and
/// shows as a console error, which the browser test fails on).
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
     style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; \
     base-uri 'none'; form-action 'none'";

/// The page at `/` and its files under `/assets/`.
pub(super) fn router() -> Router {
    Router::new()
        .route("/", get(|| async { serve("index.html") }))
        .route("/favicon.ico", get(|| async { serve("favicon.svg") }))
        .route(
            "/assets/{*name}",
            get(|Path(name): Path<String>| async move { serve(&name) }),
        )
}

fn serve(name: &str) -> Response {
    let Some(asset) = ASSETS.iter().find(|asset| asset.name == name) else {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    };
    let mut response = asset.body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // Assets change with the binary; "no-cache" revalidates, which costs nothing on loopback.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// The total size of the page's files, raw: for the size figures in the docs and tests.
#[cfg(test)]
pub(super) fn files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    ASSETS.iter().map(|asset| (asset.name, asset.body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_script(name: &str) -> bool {
        std::path::Path::new(name)
            .extension()
            .is_some_and(|extension| extension.eq_ignore_ascii_case("js"))
    }

    #[test]
    fn every_file_the_page_names_is_served() {
        let index = std::str::from_utf8(ASSETS[0].body).unwrap();
        for reference in index.split("\"/assets/").skip(1) {
            let name = reference.split('"').next().unwrap();
            assert!(
                ASSETS.iter().any(|asset| asset.name == name),
                "index.html loads {name}, which is not embedded"
            );
        }
        for (name, body) in files().filter(|(name, _)| is_script(name)) {
            let text = std::str::from_utf8(body).unwrap();
            for line in text.lines().filter(|line| line.starts_with("import ")) {
                // `import x from "./name.js";` or `… from "./name.json" with { type: "json" };`
                let module = line.rsplit("from \"./").next().unwrap();
                let module = module.split('"').next().unwrap();
                assert!(
                    ASSETS.iter().any(|asset| asset.name == module),
                    "{name} imports {module}, which is not embedded"
                );
            }
        }
    }

    /// The page's budget is 500 KB compressed; its files stay under that even raw (359 KB
    /// raw and 115 KB with gzip -9 when this was written), so a heavy addition shows here.
    #[test]
    fn the_page_weighs_under_500_kb_even_uncompressed() {
        let total: usize = files().map(|(_, body)| body.len()).sum();
        assert!(total < 500 * 1024, "the page's files weigh {total} bytes");
    }

    /// Our own files name no other origin: the only URL in them is SVG's XML namespace,
    /// which is never fetched.
    #[test]
    fn our_files_name_no_other_origin() {
        const NAMESPACE: &str = "http://www.w3.org/2000/svg";
        for (name, body) in files().filter(|(name, _)| !name.starts_with("vendor/")) {
            let text = String::from_utf8_lossy(body).replace(NAMESPACE, "");
            for scheme in ["http://", "https://", "//cdn", "url("] {
                assert!(!text.contains(scheme), "{name} names {scheme}");
            }
        }
    }
}
