//! Cross-crate tests of the Cariqa Connect toolkit. The tests live in `tests/tests/`; this
//! library only gives them a home.
//!
//! Today: the documents and fixtures that ship with the project are checked against the
//! code (every test `docs/pricing.md` cites exists; every bundled tariff parses cleanly).
//! The contract suite that runs against every adapter joins them with the sandbox.
