//! `cargo +nightly fuzz run import_sheet`: cells chosen by the fuzzer, written as a workbook;
//! see hyoka::harness::import_sheet.
#![no_main]

libfuzzer_sys::fuzz_target!(|sheet: hyoka::harness::Sheet| hyoka::harness::import_sheet(&sheet));
