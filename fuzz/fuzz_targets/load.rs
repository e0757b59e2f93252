//! `cargo +nightly fuzz run load`: see hyoka::harness::load_bytes for what it asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hyoka::harness::load_bytes(data));
