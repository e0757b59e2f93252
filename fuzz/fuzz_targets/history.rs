//! `cargo +nightly fuzz run history`: see hyoka::harness::history_bytes for what it asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hyoka::harness::history_bytes(data));
