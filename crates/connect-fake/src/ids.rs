//! Deterministic identifiers: a seed fixes every id and every random choice the sandbox
//! makes, so a test that runs twice sees the same ids.

/// SplitMix64: small, fast, and good enough for ids and test data (not for secrets).
#[derive(Debug, Clone)]
pub struct IdSource {
    state: u64,
}

const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

impl IdSource {
    /// A source seeded by `seed` and a `scope` (e.g. the tenant), so that scopes draw
    /// independent, reproducible sequences.
    pub fn new(seed: u64, scope: &str) -> Self {
        Self {
            state: seed ^ fnv1a(scope.as_bytes()),
        }
    }

    /// The source's state: a source made [`from_state`](Self::from_state) of it draws
    /// what this one would draw next (a durable tenant's ids never repeat across a restart).
    pub fn state(&self) -> u64 {
        self.state
    }

    /// A source that goes on from a [`state`](Self::state).
    ///
    /// # Examples
    /// ```
    /// use connect_fake::ids::IdSource;
    /// let mut ids = IdSource::new(7, "tenant");
    /// let mut resumed = IdSource::from_state(ids.state());
    /// assert_eq!(ids.uuid(), resumed.uuid());
    /// ```
    pub fn from_state(state: u64) -> Self {
        Self { state }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A random UUID (version 4 layout), as the API's user and session ids.
    ///
    /// # Examples
    /// ```
    /// use connect_fake::ids::IdSource;
    /// let a = IdSource::new(7, "tenant").uuid();
    /// assert_eq!(a, IdSource::new(7, "tenant").uuid());
    /// assert_ne!(a, IdSource::new(8, "tenant").uuid());
    /// assert_eq!(a.len(), 36);
    /// assert_eq!(&a[14..15], "4");
    /// ```
    pub fn uuid(&mut self) -> String {
        let high = self.next_u64();
        let low = self.next_u64();
        let high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000;
        let low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            high >> 32,
            (high >> 16) & 0xFFFF,
            high & 0xFFFF,
            low >> 48,
            low & 0xFFFF_FFFF_FFFF
        )
    }

    /// A Stripe-style id: `prefix` and 24 base-62 characters (`pm_…`, `seti_…`, `pi_…`).
    pub fn stripe(&mut self, prefix: &str) -> String {
        let mut id = String::with_capacity(prefix.len() + 25);
        id.push_str(prefix);
        id.push('_');
        self.push_base62(&mut id, 24);
        id
    }

    /// A client secret for a Stripe object: `<id>_secret_<25 base-62 characters>`.
    pub fn client_secret(&mut self, object_id: &str) -> String {
        let mut secret = format!("{object_id}_secret_");
        self.push_base62(&mut secret, 25);
        secret
    }

    fn push_base62(&mut self, out: &mut String, count: usize) {
        for _ in 0..count {
            let index = usize::try_from(self.next_u64() % 62).unwrap_or(0);
            out.push(char::from(ALPHABET[index]));
        }
    }
}

/// FNV-1a: a stable hash for turning a scope name into seed bits.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01B3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stripe_ids_look_like_stripes() {
        let mut ids = IdSource::new(1, "t");
        let pm = ids.stripe("pm");
        assert!(pm.starts_with("pm_") && pm.len() == 27, "{pm}");
        let secret = ids.client_secret("seti_123");
        assert!(
            secret.starts_with("seti_123_secret_") && secret.len() == 41,
            "{secret}"
        );
    }

    #[test]
    fn scopes_draw_different_sequences() {
        assert_ne!(IdSource::new(1, "a").uuid(), IdSource::new(1, "b").uuid());
    }
}
