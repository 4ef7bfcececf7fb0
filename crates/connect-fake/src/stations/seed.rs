//! Deterministic choices: the same seed and key always give the same sequence, on every run,
//! version and machine (no `std` hasher, whose keys are random).

/// A SplitMix64 generator for one decision, keyed by the dataset seed and a text (a
/// station id, an EVSE id, an operator name). Keying by text, not by position, keeps a
/// station's draws the same when other stations are added or removed.
pub(super) struct Draw(u64);

impl Draw {
    /// The generator for `key` under `seed`.
    pub(super) fn new(seed: u64, key: &str) -> Self {
        Self(seed ^ fnv1a(key).rotate_left(17) ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub(super) fn unit(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss)] // 53 bits fit exactly
        let unit = (self.next_u64() >> 11) as f64 / (1_u64 << 53) as f64;
        unit
    }

    /// Uniform in `0..n` (`n` > 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        let n64 = u64::try_from(n).unwrap_or(u64::MAX).max(1);
        usize::try_from(self.next_u64() % n64).unwrap_or(0)
    }
}

/// FNV-1a, 64 bits.
pub(super) fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn draws_depend_only_on_seed_and_key() {
        let a: Vec<u64> = (0..4)
            .map(|_| Draw::new(1, "DE*MVV*E1").next_u64())
            .collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut d = Draw::new(1, "DE*MVV*E1");
        let first = d.next_u64();
        assert_ne!(first, d.next_u64());
        assert_ne!(Draw::new(2, "DE*MVV*E1").next_u64(), first);
        assert_ne!(Draw::new(1, "DE*MVV*E2").next_u64(), first);
        // Pinned, so a change of algorithm is noticed: it changes every dataset.
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        let unit = Draw::new(7, "x").unit();
        assert!((0.0..1.0).contains(&unit));
    }
}
