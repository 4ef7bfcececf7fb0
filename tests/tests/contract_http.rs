//! The contract suite against `connect-http`, talking to `connect-server` on loopback.

connect_tests::contract_suite!(connect_tests::contract::http::HttpHarness);
