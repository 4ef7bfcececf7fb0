//! How the estimate's instants are written in JSON, fast: chrono's serde implementation
//! writes them through `collect_str`, which serde_json feeds through its escaping writer a
//! few characters at a time (a tenth of a whole batch line, for six instants); formatted
//! first by the same chrono function, they are handed over as one string.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serializer;

/// `serialize_with` for an instant: the text chrono's serde writes (RFC 3339 in UTC, `Z`,
/// as many fractional digits as needed: `2026-04-02T13:51:18Z`, `…40.800Z`).
pub(crate) fn instant<S: Serializer>(
    value: &DateTime<Utc>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;

    #[derive(Serialize)]
    struct Fast(#[serde(serialize_with = "instant")] DateTime<Utc>);

    #[test]
    fn the_text_is_what_chronos_serde_writes() {
        let instants = [
            "2026-04-02T13:51:18Z",
            "2026-09-02T23:22:40.800Z",
            "2026-09-02T23:22:40.120Z",
            "2026-09-02T23:22:40.123456Z",
            "2026-09-02T23:22:40.123456789Z",
            "1970-01-01T00:00:00.000001Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
        ];
        for text in instants {
            let at: DateTime<Utc> = text.parse().unwrap();
            assert_eq!(
                serde_json::to_string(&Fast(at)).unwrap(),
                serde_json::to_string(&at).unwrap(),
                "{text}"
            );
        }
        for at in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            assert_eq!(
                serde_json::to_string(&Fast(at)).unwrap(),
                serde_json::to_string(&at).unwrap()
            );
        }
    }
}
