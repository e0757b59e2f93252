//! Small text helpers shared by the stages.

/// Folds full-width ASCII (digits, letters, punctuation) and the ideographic space to their
/// half-width forms, so that `１，０００人未満` and `1,000人未満` compare equal. Japanese documents
/// mix both freely; the forms themselves print either.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}
