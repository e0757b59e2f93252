//! A structure-aware workbook for the import's fuzz target `import_form`: rows of the official
//! form's pieces as its workbooks hold them (tests/official/layout.rs writes one by hand) —
//! labels whole, wrapped into two stacked cells or split across two; answers between bracket
//! cells; tick boxes across cells; `＜選択肢＞` and numbered choice lists; dates in the 和暦,
//! built-in and Western formats; `時点`; and a hidden sheet of drop-down lists — arranged as the
//! fuzzer chooses. Whatever it chooses, the import keeps its promises ([`super::check_import`]).

use arbitrary::Arbitrary;

/// One piece of a row, in the column after the one before.
#[derive(Debug, Clone, Arbitrary)]
pub enum Piece {
    /// A text: an answer, a note, anything.
    Text(String),
    /// `[` or `［`.
    Open(bool),
    /// `]` or `］`, with the words after it (a box's caption).
    Close(String),
    /// A box's mark (`○`) or none.
    Mark(bool),
    /// `＜選択肢＞`.
    ChoiceCaption,
    /// `1) …` choices of one of the form's choice sets.
    Choices(u8),
    /// A date: days after 1900 and which format (see [`DATE_FORMATS`]).
    Date(u16, u8),
    /// `時点`.
    AsOf,
    /// One of the form's labels.
    Label(u16),
}

/// One row: its pieces, and whether its first label wraps onto the row below.
#[derive(Debug, Clone, Arbitrary)]
pub struct Row {
    pub pieces: Vec<Piece>,
    /// The row's first piece, when a label, split: its first half on this row, the rest under
    /// it (`true`) or in the next cell (`false`).
    pub split: Option<bool>,
}

#[derive(Debug, Clone, Arbitrary)]
pub struct FormSheet {
    pub rows: Vec<Row>,
    /// Cells of a hidden `リスト` sheet after the form.
    pub hidden: Vec<String>,
}

/// The number formats the form's date cells come in.
pub const DATE_FORMATS: &[&str] = &[
    r#"[$-411]ggge"年"m"月"d"日";@"#,
    r#"[$-ja-JP]ggge"年"m"月"d"日""#,
    r#"[$-ja-JP-x-gannen]ggge"年"m"月"d"日""#,
    "yyyy/m/d",
    r#"yyyy"年"m"月"d"日""#,
    "m/d/yyyy",
];

/// The workbook of a [`FormSheet`]: the 様式2 title, then its rows from column B.
pub fn workbook(sheet: &FormSheet) -> Option<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let (def, labels) = super::basic_form_labels()?;
    let sets: Vec<&Vec<(String, String)>> = crate::model::choice::registry().values().collect();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 1, &def.title).ok()?;
    let mut row = 2u32;
    for r in sheet.rows.iter().take(200) {
        let mut col = 1u16;
        for (k, piece) in r.pieces.iter().take(24).enumerate() {
            match piece {
                Piece::Label(i) => {
                    let label = labels[*i as usize % labels.len()];
                    match (k, r.split) {
                        (0, Some(below)) => {
                            let at = label.char_indices().nth(label.chars().count() / 2);
                            let (a, b) = label.split_at(at.map_or(label.len(), |(i, _)| i));
                            ws.write_string(row, col, a).ok()?;
                            if below {
                                ws.write_string(row + 1, col, b).ok()?;
                            } else {
                                col += 1;
                                ws.write_string(row, col, b).ok()?;
                            }
                        }
                        _ => {
                            ws.write_string(row, col, label).ok()?;
                        }
                    }
                }
                Piece::Text(t) => {
                    ws.write_string(row, col, t).ok()?;
                }
                Piece::Open(wide) => {
                    ws.write_string(row, col, if *wide { "［" } else { "[" })
                        .ok()?;
                }
                Piece::Close(caption) => {
                    ws.write_string(row, col, format!("］{caption}")).ok()?;
                }
                Piece::Mark(on) => {
                    if *on {
                        ws.write_string(row, col, "○").ok()?;
                    }
                }
                Piece::ChoiceCaption => {
                    ws.write_string(row, col, "＜選択肢＞").ok()?;
                }
                Piece::Choices(set) => {
                    let set = sets.get(*set as usize % sets.len().max(1))?;
                    let text: Vec<String> = set
                        .iter()
                        .enumerate()
                        .map(|(i, (_, l))| format!("{}) {l}", i + 1))
                        .collect();
                    ws.write_string(row, col, text.join("\n")).ok()?;
                }
                Piece::Date(days, format) => {
                    let f = Format::new()
                        .set_num_format(DATE_FORMATS[*format as usize % DATE_FORMATS.len()]);
                    ws.write_number_with_format(row, col, f64::from(*days) + 2.0, &f)
                        .ok()?;
                }
                Piece::AsOf => {
                    ws.write_string(row, col, "時点").ok()?;
                }
            }
            col += 1;
        }
        row += if r.split == Some(true) { 2 } else { 1 };
    }
    let hidden = book.add_worksheet();
    hidden.set_name("リスト").ok()?;
    hidden.set_hidden(true);
    for (i, t) in sheet.hidden.iter().take(100).enumerate() {
        hidden.write_string(i as u32, 0, t).ok()?;
    }
    book.save_to_buffer().ok()
}
