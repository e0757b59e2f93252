//! The contract between the workbook `hyoka render --format xlsx` writes and the one
//! `hyoka import` reads back: what the form does not print (ids, `editions`, review dates) is
//! kept on a hidden sheet, one `model path | JSON value` row each, under a mark in its first
//! cell that names the layout's version. Both sides take the names from here.

/// Name of the hidden sheet with what the form does not print.
pub const META_SHEET: &str = "hyoka";
/// First cell of the meta sheet: marks a workbook hyoka wrote, with the layout's version.
pub const META_MARK: &str = "hyoka-workbook 1";
