//! The contract suite against `connect-fake`, in process.

connect_tests::contract_suite!(connect_tests::contract::fake::FakeHarness);
