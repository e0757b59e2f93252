//! The data under `templates/` (form definitions, choice labels, schema titles, editions,
//! scaffolds), embedded at build time. Wording lives there, not in code.

include!(concat!(env!("OUT_DIR"), "/templates_index.rs"));

/// The contents of `templates/<path>`.
pub fn get(path: &str) -> Option<&'static str> {
    FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}

/// Like [`get`], for files the build always ships (tests check each is present).
pub fn expect(path: &str) -> &'static str {
    get(path).unwrap_or_else(|| panic!("templates/{path} is missing from the build"))
}
