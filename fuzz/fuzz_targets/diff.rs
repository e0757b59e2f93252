//! `cargo +nightly fuzz run diff`: see hyoka::harness::diff_bytes for what it asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hyoka::harness::diff_bytes(data));
