//! `cargo +nightly fuzz run plan`: structure-aware; see hyoka::harness::Plan.
#![no_main]

libfuzzer_sys::fuzz_target!(|plan: hyoka::harness::Plan| hyoka::harness::plan(&plan));
