//! `cargo +nightly fuzz run import`: workbook bytes; see hyoka::harness::import_bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hyoka::harness::import_bytes(data));
