//! `cargo +nightly fuzz run check`: see hyoka::harness::check_bytes for what it asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hyoka::harness::check_bytes(data));
