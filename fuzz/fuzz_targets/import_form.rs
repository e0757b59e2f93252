//! `cargo +nightly fuzz run import_form`: the official form's pieces (bracket cells, stacked
//! labels, boxes across cells, date formats, a hidden list sheet) arranged by the fuzzer; see
//! hyoka::harness::import_form.
#![no_main]

libfuzzer_sys::fuzz_target!(|sheet: hyoka::harness::form_sheet::FormSheet| {
    hyoka::harness::import_form(&sheet)
});
