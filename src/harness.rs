//! The promises every input path keeps, as functions: no panic, positions inside the file, a
//! history rewrite that loads, a PDF that is a PDF. The fuzz targets (`fuzz/`) call them with
//! libFuzzer's inputs, and `tests/fuzz_corpus.rs` replays the committed corpora through them on
//! stable Rust in every `cargo test`, so a crash found once stays fixed.
//!
//! Each function panics only when hyoka broke a promise; a panic inside hyoka itself is, of
//! course, the other thing they find.

pub mod amplify;
pub mod form_sheet;

use std::cell::RefCell;

use arbitrary::Arbitrary;

use crate::check::{self, config::Config, rule::Options};
use crate::diagnostic::Severity;
use crate::diff::{self, history, output, DiffOptions};
use crate::load::{self, Loaded};
use crate::model::{Assessment, Date, FormKind, HistoryRow, Timing};
use crate::render::{self, fonts::Fonts, pdf::PdfOptions};
use crate::yaml::Limits;

/// The fixed "today" of every harness run, so that a finding reproduces on any day.
fn today() -> Date {
    Date::from_ymd(2026, 4, 1).expect("a real date")
}

fn load(data: &[u8]) -> Loaded {
    load::load_bytes("fuzz.yaml", data, &Limits::default())
}

/// Every diagnostic points inside the file (line 1 up to one past the last line, column ≥ 1).
fn assert_positions(loaded: &Loaded) {
    let lines = crate::text::source_lines(&loaded.source).count() + 1;
    for d in &loaded.diagnostics {
        assert!(
            d.pos.line >= 1 && d.pos.line <= lines.max(1) && d.pos.column >= 1,
            "{} at {}:{} outside the {} lines of the file",
            d.code,
            d.pos.line,
            d.pos.column,
            lines
        );
        assert!(
            !d.message.ja.is_empty() && !d.message.en.is_empty(),
            "{} without text",
            d.code
        );
    }
}

/// YAML bytes → diagnostics.
pub fn load_bytes(data: &[u8]) {
    let loaded = load(data);
    assert_positions(&loaded);
    if loaded.assessment.is_some() && !loaded.has_errors() {
        assert!(loaded.tree.is_some(), "a model without a tree");
    }
}

/// Every rule, on whatever loads.
pub fn check_bytes(data: &[u8]) {
    let mut loaded = load(data);
    let options = Options {
        today: today(),
        ..Options::default()
    };
    check::check_loaded(&mut loaded, &options, &Config::default());
    assert_positions(&loaded);
}

/// Splits one input in two at the first `\0` (or in the middle).
fn halves(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => data.split_at(data.len() / 2),
    }
}

fn loads_cleanly(loaded: &Loaded) -> Option<&Assessment> {
    loaded.assessment.as_ref().filter(|_| !loaded.has_errors())
}

/// Two revisions → change rows, in every output format. diff(a, a) is empty, and a → b has as
/// many rows as b → a.
pub fn diff_bytes(data: &[u8]) {
    let (old, new) = halves(data);
    let (old, new) = (load(old), load(new));
    let (Some(a), Some(b)) = (loads_cleanly(&old), loads_cleanly(&new)) else {
        return;
    };
    diff_models(a, b);
}

fn diff_models(a: &Assessment, b: &Assessment) {
    // One form for all three directions: by default each takes the fullest form of its new side.
    let options = DiffOptions {
        form: Some(diff::main_form(b)),
        ..DiffOptions::default()
    };
    let Ok(forward) = diff::diff(a, b, &options) else {
        return;
    };
    if let Ok(same) = diff::diff(b, b, &options) {
        assert!(same.is_empty(), "diff of a revision with itself: {same:?}");
    }
    // Row by row, the two directions mirror each other (grouped rows need not: a section new
    // one way is a section emptied the other).
    let detail = DiffOptions {
        detail: true,
        ..options.clone()
    };
    if let (Ok(f), Ok(back)) = (diff::diff(a, b, &detail), diff::diff(b, a, &detail)) {
        assert_eq!(f.len(), back.len(), "a→b and b→a differ in rows");
    }
    for lang in [crate::diagnostic::Lang::Ja, crate::diagnostic::Lang::En] {
        output::table(&forward, lang);
        output::markdown(&forward, lang);
    }
    output::csv(&forward, &today());
    output::json(&forward);
    output::html(&forward, "fuzz", output::Columns::OldNew);
}

/// `history --write`: the rewritten text loads, with the new rows in its history, or nothing is
/// written.
pub fn history_bytes(data: &[u8]) {
    let loaded = load(data);
    let Some(old) = loads_cleanly(&loaded) else {
        return;
    };
    let mut new = old.clone();
    new.operation.name.push('改');
    new.cover.body.push_str("（改）");
    let Ok(changes) = diff::diff(old, &new, &DiffOptions::default()) else {
        return;
    };
    let Ok(text) = history::append(&loaded, &changes, &today()) else {
        return;
    };
    let again = load::load_str("fuzz.yaml", &text, &Limits::default());
    let Some(written) = again.assessment.as_ref() else {
        panic!(
            "history --write made a file that does not load: {:?}\n{text}",
            again.diagnostics.first().map(|d| &d.message.en)
        );
    };
    assert!(
        !again
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error),
        "history --write made a file with errors: {:?}",
        again.diagnostics.first().map(|d| &d.message.en)
    );
    assert_eq!(
        written.history.len(),
        old.history.len() + changes.len(),
        "history --write lost or invented rows"
    );
}

thread_local! {
    /// Fonts are loaded once per thread (a font is several megabytes): `None` when the machine
    /// has no Japanese font, and then only HTML is rendered.
    static FONTS: RefCell<Option<Option<Fonts>>> = const { RefCell::new(None) };
}

/// Every form the assessment declares, as PDF (when a font is installed) and HTML.
pub fn render_model(a: &Assessment) {
    FONTS.with(|cell| {
        let mut cell = cell.borrow_mut();
        let fonts = cell.get_or_insert_with(|| {
            render::fonts::discover(None)
                .ok()
                .and_then(|c| Fonts::load(&c).ok())
        });
        for form in a.forms.clone() {
            if let Some(f) = fonts.as_ref() {
                if let Ok(r) = render::render_pdf(a, form, f, &PdfOptions::default()) {
                    assert!(r.bytes.starts_with(b"%PDF-"), "not a PDF");
                    assert!(!r.laid.pages.is_empty(), "a form of no pages");
                }
            }
            let _ = render::render_html(a, form);
        }
    });
}

/// YAML bytes → the forms, for whatever loads without errors.
pub fn render_bytes(data: &[u8]) {
    let loaded = load(data);
    if let Some(a) = loads_cleanly(&loaded) {
        render_model(a);
        // And the documents beside it: 別紙1's picture and steps, 別紙2.
        let cutover = crate::check::citations::default_cutover();
        if let Some(r) = render::attachments::recipients(a, &cutover) {
            let _ = render::html::write(&render::attachments::recipients_document(a, &r));
            let _ = render::attachments::recipients_csv(&r);
        }
        if let Some(doc) = render::attachments::flows_document(
            a,
            render::layout::content_width(),
            &render::attachments::estimated_width,
        ) {
            let _ = render::html::write(&doc);
        }
    }
    // A notice of purposes of use: its page and its document.
    if let Some(n) = loaded.notice.as_ref().filter(|_| !loaded.has_errors()) {
        let _ = render::notice::html(n);
        let _ = render::notice::document(n);
    }
}

/// A structure-aware input: an example assessment whose texts are replaced by the fuzzer's
/// strings, with as many history rows as it asks for. It reaches what YAML rarely produces —
/// a 20,000-character word with no break opportunity, combining marks, emoji, U+FFFF, a glyph
/// the font lacks, thousands of change rows — straight into diff and layout.
#[derive(Debug, Arbitrary)]
pub struct Plan {
    /// Which example to start from.
    pub base: u8,
    /// Texts to put in place of the example's; they are used in turn.
    pub texts: Vec<String>,
    /// Each text is repeated this many times (so a short input can make a very long value).
    pub repeat: u16,
    /// Every `stride`-th text of the example is replaced (1: all of them).
    pub stride: u8,
    /// Change rows to add to the history.
    pub history_rows: u16,
    /// Forms to render: bit 0 basic, 1 key, 2 full (each only if the example has its edition).
    /// The fuzz target renders the fullest of them only, so that one input stays well within the
    /// 2 s limit in an instrumented build (two forms of 新宿区 took 1.6–1.9 s there).
    pub forms: u8,
}

/// The examples a [`Plan`] starts from, embedded so the fuzz target needs no files.
const BASES: [&str; 3] = [
    include_str!("../examples/yazu-kokuho/assessment.yaml"),
    include_str!("../examples/higashiyama-jidoteate/assessment.yaml"),
    include_str!("../examples/shinjuku-kokuho/assessment.yaml"),
];

/// The most text a plan may make, so that one run stays within the fuzzer's time limit.
const MAX_PLAN_CHARS: usize = 400_000;
const MAX_HISTORY_ROWS: usize = 10_000;

/// Applies a plan: `None` when the result is not a model (a text in a date, say).
pub fn apply_plan(plan: &Plan) -> Option<Assessment> {
    apply(plan).map(|(_, a)| a)
}

/// The plan's base example, and the model the plan makes of it.
fn apply(plan: &Plan) -> Option<(Assessment, Assessment)> {
    let text = BASES[usize::from(plan.base) % BASES.len()];
    let base = load::load_str("base.yaml", text, &Limits::default()).assessment?;
    let mut json = serde_json::to_value(&base).ok()?;
    let mut budget = MAX_PLAN_CHARS;
    if !plan.texts.is_empty() {
        let repeat = usize::from(plan.repeat % 64).max(1);
        let stride = usize::from(plan.stride).max(1);
        let mut n = 0usize;
        let mut next = 0usize;
        replace_texts(&mut json, &mut |s: &mut String| {
            n += 1;
            if n % stride != 0 {
                return;
            }
            let t = &plan.texts[next % plan.texts.len()];
            next += 1;
            let want = t.chars().count().saturating_mul(repeat);
            if want <= budget {
                budget -= want;
                *s = t.repeat(repeat);
            }
        });
    }
    let mut a: Assessment = match serde_json::from_value(json) {
        Ok(a) => a,
        Err(e) => {
            if std::env::var_os("HYOKA_HARNESS_DEBUG").is_some() {
                let e = e.to_string();
                eprintln!(
                    "plan does not fit the model: {}",
                    e.chars().take(300).collect::<String>()
                );
            }
            return None;
        }
    };
    let rows = usize::from(plan.history_rows) % (MAX_HISTORY_ROWS + 1);
    let text = plan.texts.first().cloned().unwrap_or_default();
    let date = today();
    for i in 0..rows {
        a.history.push(HistoryRow {
            date: date.clone(),
            item: format!("{i} {text}"),
            before: Some(text.clone()),
            after: (i % 3 != 0).then(|| text.clone()),
            timing: if i % 2 == 0 {
                Timing::Prior
            } else {
                Timing::Posterior
            },
            reason: None,
            forms: Vec::new(),
        });
    }
    // Fullest first: the fuzz target renders the first one.
    let wanted: Vec<FormKind> = [FormKind::Full, FormKind::Key, FormKind::Basic]
        .into_iter()
        .filter(|f| plan.forms & form_bit(*f) != 0 && a.editions.get(*f).is_some())
        .collect();
    if !wanted.is_empty() {
        a.forms = wanted;
    }
    Some((base, a))
}

fn form_bit(f: FormKind) -> u8 {
    match f {
        FormKind::Basic => 1,
        FormKind::Key => 2,
        FormKind::Full => 4,
    }
}

/// Calls `f` on every string of the model that is free text: not an id or choice (ASCII
/// snake_case), not a date, not a form or edition.
fn replace_texts(v: &mut serde_json::Value, f: &mut dyn FnMut(&mut String)) {
    let visit = |value: &mut serde_json::Value, f: &mut dyn FnMut(&mut String)| match value {
        serde_json::Value::String(s) if is_free_text(s) => f(s),
        serde_json::Value::String(_) => {}
        other => replace_texts(other, f),
    };
    match v {
        serde_json::Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if key != "forms" && key != "editions" {
                    visit(value, f);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|i| visit(i, f)),
        _ => {}
    }
}

fn is_free_text(s: &str) -> bool {
    let id_like = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    !id_like && Date::parse(s).is_err()
}

/// The structure-aware target: a plan → diff against its base, and its first form rendered.
pub fn plan(plan: &Plan) {
    let Some((base, mut a)) = apply(plan) else {
        return;
    };
    a.forms.truncate(1);
    diff_models(&base, &a);
    render_model(&a);
}

/// Bounds for fuzzing `import`: small enough that a run never waits on a big input.
fn import_limits() -> crate::import::Limits {
    crate::import::Limits {
        max_file_bytes: 4 << 20,
        max_unpacked_bytes: 64 << 20,
        max_cells: 100_000,
        max_text_bytes: 16 << 20,
    }
}

/// What every import keeps to: a coded error, or YAML that parses (whatever the cells held)
/// with every finding at a named cell.
fn check_import(result: Result<crate::import::Imported, crate::import::ImportError>) {
    match result {
        Err(e) => assert!(e.code.starts_with("HY09"), "import error {}", e.code),
        Ok(imported) => {
            let syntax: Vec<_> = imported
                .load_diagnostics
                .iter()
                .filter(|d| d.code == crate::yaml::CODE_SYNTAX)
                .collect();
            assert!(
                syntax.is_empty(),
                "the YAML import wrote does not parse: {:?}\n{}",
                syntax.first().map(|d| &d.message.en),
                imported.yaml
            );
            for f in &imported.findings {
                assert!(f.cell.contains('!'), "finding without a cell: {f:?}");
            }
        }
    }
}

/// Workbook bytes (.xlsx, .xls, .ods, or anything) → `hyoka import`.
///
/// `read_bytes` contains calamine's own panics on malformed files (see there). libFuzzer's
/// panic hook would abort on them before they are caught, so the hook is silenced while the
/// bytes are read, and only then: a panic anywhere else in the import still aborts the run.
pub fn import_bytes(data: &[u8]) {
    let limits = import_limits();
    let read = crate::import::workbook::quietly(|| {
        crate::import::workbook::read_bytes("fuzz.xlsx", data.to_vec(), &limits)
    });
    let Ok(book) = read else {
        return;
    };
    check_import(crate::import::import_workbook(
        book,
        "fuzz.xlsx",
        &crate::import::Options {
            annotate: true,
            ..Default::default()
        },
    ));
}

/// A workbook shaped to be small as a file and large once read ([`amplify::Amplifier`]),
/// imported with the default limits: every shape must end in a coded error or an import, never
/// in the memory the fuzzer's `-rss_limit_mb` allows being passed.
pub fn amplified(shape: &amplify::Amplifier) {
    let bytes = shape.workbook();
    let read = crate::import::workbook::quietly(|| {
        crate::import::workbook::read_bytes("amplified.xlsx", bytes, &Default::default())
    });
    if let Ok(book) = read {
        check_import(crate::import::import_workbook(
            book,
            "amplified.xlsx",
            &Default::default(),
        ));
    }
}

/// Cells for a workbook: (row, column, text), under the 様式2 title so the form is recognised.
#[derive(Debug, Clone, Arbitrary)]
pub struct Sheet {
    pub cells: Vec<(u8, u8, String)>,
    /// Label cells of the form, by index into its labels, so that values land in items.
    pub labels: Vec<(u8, u16)>,
}

/// 様式2's definition and every label it prints, for the generated workbooks.
pub(crate) fn basic_form_labels(
) -> Option<(&'static crate::model::form::FormDef, Vec<&'static str>)> {
    let def = crate::model::form::get(FormKind::Basic, "平成31年1月")?;
    let labels = def
        .nodes
        .iter()
        .flat_map(|n| n.walk())
        .map(|n| n.label.as_str())
        .collect();
    Some((def, labels))
}

/// The workbook of a [`Sheet`]: the 様式2 title, the chosen labels in column A, the texts to
/// their right.
fn sheet_workbook(sheet: &Sheet) -> Option<Vec<u8>> {
    use rust_xlsxwriter::Workbook;
    let (def, labels) = basic_form_labels()?;
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, &def.title).ok()?;
    for (row, index) in &sheet.labels {
        let label = labels[*index as usize % labels.len()];
        let _ = ws.write_string(u32::from(*row) + 1, 0, label);
    }
    for (row, col, text) in &sheet.cells {
        let _ = ws.write_string(u32::from(*row) + 1, u16::from(*col % 16) + 1, text);
    }
    book.save_to_buffer().ok()
}

fn import_sheet_result(
    sheet: &Sheet,
) -> Option<Result<crate::import::Imported, crate::import::ImportError>> {
    let bytes = sheet_workbook(sheet)?;
    let book = crate::import::workbook::read_bytes("fuzz.xlsx", bytes, &import_limits())
        .expect("a workbook rust_xlsxwriter wrote reads");
    Some(crate::import::import_workbook(
        book,
        "fuzz.xlsx",
        &crate::import::Options {
            annotate: true,
            ..Default::default()
        },
    ))
}

/// A workbook written from the fuzzer's cells → `hyoka import`: the texts reach the typing and
/// the YAML writer, which a byte-level mutation of a ZIP rarely does.
pub fn import_sheet(sheet: &Sheet) {
    if let Some(result) = import_sheet_result(sheet) {
        check_import(result);
    }
}

/// The YAML `hyoka import` writes for a [`Sheet`] (empty when it imports nothing).
pub fn imported_yaml(sheet: &Sheet) -> String {
    match import_sheet_result(sheet) {
        Some(Ok(imported)) => imported.yaml,
        _ => String::new(),
    }
}

/// A [`form_sheet::FormSheet`] written as a workbook and imported: the structure-aware target
/// for the official form's layouts (bracket cells, stacked labels, boxes across cells, date
/// formats, a hidden list sheet). Nothing on the hidden sheet may become a value.
pub fn import_form(sheet: &form_sheet::FormSheet) {
    let Some(bytes) = form_sheet::workbook(sheet) else {
        return;
    };
    let book = crate::import::workbook::read_bytes("fuzz.xlsx", bytes, &import_limits())
        .expect("a workbook rust_xlsxwriter wrote reads");
    let result = crate::import::import_workbook(
        book,
        "fuzz.xlsx",
        &crate::import::Options {
            annotate: true,
            ..Default::default()
        },
    );
    if let Ok(imported) = &result {
        for (path, cell) in &imported.cells {
            assert!(
                !cell.starts_with("リスト!"),
                "{path} was read from the hidden sheet: {cell}"
            );
        }
    }
    check_import(result);
}
