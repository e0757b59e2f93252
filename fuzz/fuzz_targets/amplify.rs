//! `cargo +nightly fuzz run amplify -- -rss_limit_mb=1024`: workbooks small as files and large
//! once read (shared strings, repeated cells, lying sizes, declared counts, merges); see
//! hyoka::harness::amplified.
#![no_main]

libfuzzer_sys::fuzz_target!(|shape: hyoka::harness::amplify::Amplifier| {
    hyoka::harness::amplified(&shape)
});
