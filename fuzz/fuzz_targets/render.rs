//! `cargo +nightly fuzz run render`: see hyoka::harness::render_bytes for what it asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hyoka::harness::render_bytes(data));
