//! Excel in and out: every example's workbook (`render --format xlsx`) imports back to the same
//! assessment; workbooks laid out differently — written here directly with rust_xlsxwriter,
//! not by the exporter — import to the same model with every value placed; bad workbooks get
//! coded errors.

mod common;

use std::collections::BTreeMap;

use common::*;
use hyoka::diff::{self, DiffOptions};
use hyoka::import::{self, emit, Limits, Options};
use hyoka::load;
use hyoka::model::form::{self, FormNode, Print};
use hyoka::model::path::{get, join};
use hyoka::model::text::{choices_at, form_text};
use hyoka::model::{Assessment, FormKind};
use hyoka::render;
use hyoka::yaml::Limits as YamlLimits;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use serde_json::Value;

fn imported_assessment(yaml: &str) -> Assessment {
    let loaded = load::load_str("imported.yaml", yaml, &YamlLimits::default());
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == hyoka::diagnostic::Severity::Error)
        .map(|d| format!("{}:{} {} {}", d.pos.line, d.code, d.path, d.message.en))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{yaml}");
    loaded.assessment.expect("loads")
}

fn changes(old: &Assessment, new: &Assessment, form: FormKind) -> Vec<String> {
    diff::diff(
        old,
        new,
        &DiffOptions {
            form: Some(form),
            ..Default::default()
        },
    )
    .expect("the form has a definition")
    .iter()
    .map(|c| format!("{} ({}): {:?} → {:?}", c.item, c.path, c.before, c.after))
    .collect()
}

fn import_bytes(bytes: Vec<u8>, options: &Options) -> import::Imported {
    let book = import::workbook::read_bytes("test.xlsx", bytes, &Limits::default()).unwrap();
    import::import_workbook(book, "test.xlsx", options).unwrap()
}

#[test]
fn every_example_round_trips_through_its_workbooks() {
    for name in EXAMPLES {
        let original = load_example(name).assessment.unwrap();
        for &form in &original.forms {
            let bytes = render::render_xlsx(&original, form, None).unwrap();
            let imported = import_bytes(bytes, &Options::default());
            assert_eq!(imported.form, form, "{name}");
            let unplaced: Vec<_> = imported.findings.iter().collect();
            assert!(unplaced.is_empty(), "{name} {form:?}: {unplaced:#?}");
            assert!(imported.placed > 40, "{name}: {}", imported.placed);
            let back = imported_assessment(&imported.yaml);
            // Every form the assessment declares reads the same, not only the one exported:
            // what the exported form does not print came back from the hidden sheet.
            for &other in &original.forms {
                let c = changes(&original, &back, other);
                assert!(
                    c.is_empty(),
                    "{name} via {form:?}, diff by {other:?}: {c:#?}"
                );
            }
            assert_eq!(back.forms, original.forms, "{name}");
            assert_eq!(back.editions, original.editions, "{name}");
        }
    }
}

#[test]
fn exported_workbooks_are_byte_identical_and_dated_by_source_date_epoch() {
    let a = load_example("yazu-kokuho").assessment.unwrap();
    let one = render::render_xlsx(&a, FormKind::Basic, None).unwrap();
    let two = render::render_xlsx(&a, FormKind::Basic, None).unwrap();
    assert_eq!(one, two);
    let dated = render::render_xlsx(&a, FormKind::Basic, Some(1_700_000_000)).unwrap();
    assert_ne!(one, dated);
}

#[test]
fn annotate_names_each_values_cell() {
    let a = load_example("yazu-kokuho").assessment.unwrap();
    let bytes = render::render_xlsx(&a, FormKind::Basic, None).unwrap();
    let plain = import_bytes(bytes.clone(), &Options::default());
    assert!(!plain.yaml.contains("# 様式２!"), "clean by default");
    let annotated = import_bytes(
        bytes,
        &Options {
            annotate: true,
            ..Options::default()
        },
    );
    let line = annotated
        .yaml
        .lines()
        .find(|l| l.trim_start().starts_with("name: 国民健康保険に関する事務"))
        .expect("operation name");
    let cell = regex::Regex::new(r"  # 様式２![A-Z]+[0-9]+$").unwrap();
    assert!(cell.is_match(line), "{line}");
    // Comments change nothing a loader sees.
    let (x, y) = (
        imported_assessment(&plain.yaml),
        imported_assessment(&annotated.yaml),
    );
    assert_eq!(x, y);
}

// ---- workbooks hyoka did not write ----------------------------------------------------------

/// A municipality's own layout of the form: a sheet per section, numbers in a column of their
/// own (`(1)` | `事務の名称`), blank spacer rows, other widths and merges, some values below
/// their labels, choices as bare labels, ■/□ boxes, real Excel dates in the change table, and
/// 委託事項N carrying its title on the heading row as the official form does.
struct Foreign<'a> {
    root: &'a Value,
    sheets: Vec<(String, Vec<Vec<Cell>>)>,
    leaf_count: usize,
}

#[derive(Clone)]
enum Cell {
    Text(String),
    /// Spans this and the next `n` columns.
    Wide(String, u16),
    Date(i32, u32, u32),
    Empty,
}

impl Foreign<'_> {
    fn rows(&mut self) -> &mut Vec<Vec<Cell>> {
        &mut self.sheets.last_mut().unwrap().1
    }

    fn label_cells(label: &str) -> Vec<Cell> {
        // `①事務の名称` → `(1)` | `事務の名称`: a label split over two cells.
        let first = label.chars().next().unwrap_or(' ');
        if ('①'..='⑳').contains(&first) {
            let n = first as u32 - '①' as u32 + 1;
            vec![
                Cell::Text(format!("({n})")),
                Cell::Text(label[first.len_utf8()..].to_string()),
            ]
        } else {
            vec![Cell::Wide(label.to_string(), 1)]
        }
    }

    fn value_text(path: &str, value: &Value) -> String {
        if let Some(options) = choices_at(path) {
            if let Value::Array(chosen) = value {
                return options
                    .iter()
                    .map(|(id, l)| {
                        let on = chosen.iter().any(|c| c == id.as_str());
                        format!("{}{l}", if on { "■" } else { "□" })
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
            }
        }
        if let Value::Bool(b) = value {
            return if *b { "■" } else { "□" }.to_string();
        }
        form_text(path, value)
    }

    fn nodes(&mut self, nodes: &[FormNode], elem: &Value, prefix: &str, top: bool) {
        for node in nodes {
            if top {
                let name: String = node.label.chars().take(12).collect();
                self.sheets.push((name, Vec::new()));
            }
            if let Some(list) = &node.repeat {
                self.repeat(node, list, elem, prefix);
                continue;
            }
            if node.render == Some(Print::Joined) {
                // One cell, as the official form prints it: the entries' names (numbered where
                // the form numbers them), then the group's note.
                let mut lines = Vec::new();
                for child in &node.children {
                    if let Some(list) = &child.repeat {
                        let empty = Vec::new();
                        for (i, e) in get(elem, list)
                            .as_array()
                            .unwrap_or(&empty)
                            .iter()
                            .enumerate()
                        {
                            let name = e["name"].as_str().unwrap_or_default();
                            lines.push(match &child.heading {
                                Some(_) => format!("({}) {name}", i + 1),
                                None => name.to_string(),
                            });
                        }
                    } else if let Some(p) = &child.path {
                        lines.push(form_text(&join(prefix, p), get(elem, p)));
                    }
                }
                let text = lines
                    .into_iter()
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n");
                if node.is_numbered() {
                    self.rows().push(vec![Cell::Wide(node.label.clone(), 4)]);
                    self.rows().push(vec![Cell::Wide(text, 4)]);
                } else {
                    self.rows().push(vec![
                        Cell::Wide(node.label.clone(), 1),
                        Cell::Empty,
                        Cell::Wide(text, 2),
                    ]);
                }
                continue;
            }
            if !node.children.is_empty() {
                let transparent = !top
                    && node.children.len() == 1
                    && node.children[0].repeat.is_some()
                    && !node.is_numbered();
                if !transparent && node.label != "表紙" {
                    self.rows().push(vec![Cell::Wide(node.label.clone(), 4)]);
                }
                self.nodes(&node.children, elem, prefix, false);
                self.rows().push(Vec::new()); // a blank spacer row
                continue;
            }
            let Some(path) = &node.path else { continue };
            let model_path = join(prefix, path);
            let value = get(elem, path);
            let text = if node.render == Some(Print::Note) {
                node.note.clone().unwrap_or_default()
            } else if path == "files" && prefix.starts_with("/risk_measures/") {
                // Files by their numbered names, as the form prints them.
                let root = self.root;
                value
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|id| form::file_label(&[root], id.as_str().unwrap()))
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                Self::value_text(&model_path, value)
            };
            // The words the form prints after a value (`令和2年8月4日 時点`).
            let text = match &node.suffix {
                Some(suffix) if !text.is_empty() => format!("{text} {suffix}"),
                _ => text,
            };
            self.leaf_count += 1;
            let mut row = Self::label_cells(&node.label);
            if self.leaf_count % 3 == 0 && row.len() == 2 {
                // The value below its (two-cell) label, as wide as the label.
                self.rows().push(row);
                if !text.is_empty() {
                    self.rows().push(vec![Cell::Wide(text, 1)]);
                }
                continue;
            }
            if row.len() == 1 {
                row.push(Cell::Empty);
            }
            if !text.is_empty() {
                row.push(Cell::Wide(text, 2));
            }
            self.rows().push(row);
        }
    }

    fn repeat(&mut self, node: &FormNode, list: &str, elem: &Value, prefix: &str) {
        let list_path = join(prefix, list);
        let empty = Vec::new();
        let entries = get(elem, list).as_array().unwrap_or(&empty);
        if node.render == Some(Print::Table) {
            self.history(node, entries, &list_path);
            return;
        }
        let root = self.root;
        for (i, e) in entries.iter().enumerate() {
            let heading = node.heading_text(i + 1, e, &|id| form::file_label(&[root], id));
            let entry_prefix = format!("{list_path}/{i}");
            let mut children: Vec<FormNode> = node.children.clone();
            if node.heading.as_deref() == Some("委託事項{n}") {
                // 委託事項2 | 保険料の賦課…: the title beside the heading, no row of its own.
                let title = e["title"].as_str().unwrap_or_default().to_string();
                self.rows().push(vec![
                    Cell::Wide(heading, 1),
                    Cell::Empty,
                    Cell::Wide(title, 2),
                ]);
                children.retain(|c| c.path.as_deref() != Some("title"));
            } else {
                self.rows().push(vec![Cell::Wide(heading, 4)]);
            }
            self.nodes(&children, e, &entry_prefix, false);
        }
    }

    fn history(&mut self, node: &FormNode, entries: &[Value], list_path: &str) {
        let cols: Vec<&FormNode> = node.children.iter().filter(|c| c.path.is_some()).collect();
        self.rows().push(
            std::iter::once(Cell::Empty)
                .chain(cols.iter().map(|c| Cell::Text(c.label.clone())))
                .collect(),
        );
        for (i, e) in entries.iter().enumerate() {
            let mut row = vec![Cell::Empty];
            for c in &cols {
                let p = c.path.as_deref().unwrap();
                let path = format!("{list_path}/{i}/{p}");
                let v = get(e, p);
                match (p, v.as_str().map(hyoka::model::Date::parse)) {
                    ("date", Some(Ok(d))) => {
                        let (y, m, dd) = d.ymd();
                        row.push(Cell::Date(y, m, dd));
                    }
                    _ => row.push(Cell::Text(form_text(&path, v))),
                }
            }
            self.rows().push(row);
        }
    }

    fn write(self, title: &str, stamp: &str) -> Vec<u8> {
        let mut book = Workbook::new();
        let wrap = Format::new().set_text_wrap();
        let date = Format::new().set_num_format("yyyy/mm/dd");
        for (n, (name, rows)) in self.sheets.iter().enumerate() {
            let ws: &mut Worksheet = book.add_worksheet();
            ws.set_name(
                format!("{}_{name}", n + 1).replace(['[', ']', ':', '*', '?', '/', '\\'], ""),
            )
            .unwrap();
            ws.set_column_width(0, 5).unwrap();
            ws.set_column_width(1, 30).unwrap();
            ws.set_column_width(2, 4).unwrap();
            ws.set_column_width(3, 50).unwrap();
            let mut r = 0u32;
            if n == 0 {
                ws.write_string(0, 3, stamp).unwrap();
                ws.write_string(1, 0, title).unwrap();
                r = 3;
            }
            for row in rows {
                let mut c = 0u16;
                for cell in row {
                    match cell {
                        Cell::Text(t) => {
                            ws.write_string_with_format(r, c, t, &wrap).unwrap();
                            c += 1;
                        }
                        Cell::Wide(t, extra) => {
                            ws.merge_range(r, c, r, c + extra, t, &wrap).unwrap();
                            c += extra + 1;
                        }
                        Cell::Date(y, m, d) => {
                            let dt =
                                ExcelDateTime::from_ymd(*y as u16, *m as u8, *d as u8).unwrap();
                            ws.write_datetime_with_format(r, c, &dt, &date).unwrap();
                            c += 1;
                        }
                        Cell::Empty => c += 1,
                    }
                }
                r += 1;
            }
        }
        book.save_to_buffer().unwrap()
    }
}

fn foreign_workbook(a: &Assessment, form: FormKind) -> Vec<u8> {
    let root = serde_json::to_value(a).unwrap();
    let def = form::get(form, a.editions.get(form).unwrap()).unwrap();
    let mut w = Foreign {
        root: &root,
        sheets: Vec::new(),
        leaf_count: 0,
    };
    w.nodes(&def.nodes, &root, "", true);
    let stamp = hyoka::model::edition::find(form, &def.edition)
        .unwrap()
        .stamp
        .clone();
    w.write(&def.title, &stamp)
}

/// The original with its entries' ids as import names entries it finds without ids.
fn with_generated_ids(a: &Assessment) -> Assessment {
    let mut v = serde_json::to_value(a).unwrap();
    let mut files = BTreeMap::new();
    for (list, stem) in [("systems", "system"), ("files", "file")] {
        if let Some(items) = v[list].as_array_mut() {
            for (i, e) in items.iter_mut().enumerate() {
                let new = format!("{stem}-{}", i + 1);
                if list == "files" {
                    files.insert(e["id"].as_str().unwrap().to_string(), new.clone());
                    for (sub, stem) in [("delegations", "delegation"), ("recipients", "recipient")]
                    {
                        if let Some(subs) = e[sub].as_array_mut() {
                            for (j, s) in subs.iter_mut().enumerate() {
                                s["id"] = Value::String(format!("{stem}-{}", j + 1));
                            }
                        }
                    }
                }
                e["id"] = Value::String(new);
            }
        }
    }
    if let Some(blocks) = v["risk_measures"].as_array_mut() {
        for b in blocks {
            if let Some(ids) = b["files"].as_array_mut() {
                for id in ids {
                    let old = id.as_str().unwrap().to_string();
                    *id = Value::String(files.get(&old).cloned().unwrap_or(old));
                }
            }
        }
    }
    let yaml = emit::yaml(&v, &BTreeMap::new(), "");
    imported_assessment(&yaml)
}

#[test]
fn workbooks_in_another_layout_import_to_the_same_model() {
    for name in EXAMPLES {
        let original = load_example(name).assessment.unwrap();
        let mut expected = with_generated_ids(&original);
        // A workbook in another layout holds the form alone: 別紙1 (the flows) is a document of
        // its own, which only hyoka's own workbook carries (on its hidden sheet).
        expected.counterparts.clear();
        expected.flows.clear();
        for &form in &original.forms {
            let bytes = foreign_workbook(&original, form);
            if let Some(dir) = std::env::var_os("HYOKA_KEEP_FOREIGN") {
                let p = std::path::Path::new(&dir).join(format!("{name}.{}.xlsx", form.id()));
                std::fs::write(p, &bytes).unwrap();
            }
            let imported = import_bytes(bytes, &Options::default());
            assert_eq!(imported.form, form, "{name}: recognised by its title");
            assert!(
                imported.findings.is_empty(),
                "{name} {form:?}: {:#?}",
                imported.findings
            );
            let back = imported_assessment(&imported.yaml);
            let c = changes(&expected, &back, form);
            assert!(c.is_empty(), "{name} {form:?}: {c:#?}\n{}", imported.yaml);
        }
    }
}

#[test]
fn a_cell_that_fits_no_item_is_reported_and_an_unknown_choice_is_kept_as_text() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("様式２").unwrap();
    let def = form::get(FormKind::Basic, "平成31年1月").unwrap();
    let rows = [
        (def.title.as_str(), ""),
        ("①事務の名称", "介護保険に関する事務"),
        ("①実施の有無", "たぶん実施する"),
        ("メモ", "あとで確認"),
    ];
    for (r, (label, value)) in rows.iter().enumerate() {
        ws.write_string(r as u32, 0, *label).unwrap();
        if !value.is_empty() {
            ws.write_string(r as u32, 1, *value).unwrap();
        }
    }
    let imported = import_bytes(book.save_to_buffer().unwrap(), &Options::default());
    let codes: Vec<(&str, &str)> = imported
        .findings
        .iter()
        .map(|f| (f.code, f.cell.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("HY0906", "様式２!B3"),
            ("HY0905", "様式２!A4"),
            ("HY0905", "様式２!B4")
        ]
    );
    assert!(
        imported.yaml.contains("status: たぶん実施する"),
        "{}",
        imported.yaml
    );
    assert_eq!(
        get(&imported.model, "operation.name"),
        "介護保険に関する事務"
    );
}

#[test]
fn a_formula_error_is_reported_at_its_cell() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let def = form::get(FormKind::Basic, "平成31年1月").unwrap();
    ws.write_string(0, 0, &def.title).unwrap();
    ws.write_string(1, 0, "①事務の名称").unwrap();
    ws.write_formula(
        1,
        1,
        rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!"),
    )
    .unwrap();
    let imported = import_bytes(book.save_to_buffer().unwrap(), &Options::default());
    let f = imported
        .findings
        .iter()
        .find(|f| f.code == "HY0907")
        .unwrap_or_else(|| panic!("{:#?}", imported.findings));
    assert_eq!(f.cell, "Sheet1!B2");
    assert!(get(&imported.model, "operation.name").is_null());
}

#[test]
fn bad_workbooks_get_coded_errors() {
    let limits = Limits::default();
    let read = |bytes: Vec<u8>| import::workbook::read_bytes("x.xlsx", bytes, &limits);
    assert_eq!(
        read(b"forms: [basic]\n".to_vec()).unwrap_err().code,
        "HY0901"
    );
    // A truncated workbook.
    let a = load_example("yazu-kokuho").assessment.unwrap();
    let good = render::render_xlsx(&a, FormKind::Basic, None).unwrap();
    assert_eq!(
        read(good[..good.len() / 2].to_vec()).unwrap_err().code,
        "HY0901"
    );
    // A workbook with no form in it.
    let mut book = Workbook::new();
    book.add_worksheet().write_string(0, 0, "売上集計").unwrap();
    let other =
        import::workbook::read_bytes("x.xlsx", book.save_to_buffer().unwrap(), &limits).unwrap();
    assert_eq!(
        import::import_workbook(other, "x.xlsx", &Options::default())
            .unwrap_err()
            .code,
        "HY0904"
    );
    // Bounded: a workbook past the limits is refused, not read.
    let small = Limits {
        max_file_bytes: 1000,
        ..Limits::default()
    };
    let e = import::workbook::read_bytes("x.xlsx", good.clone(), &small).unwrap_err();
    assert_eq!(e.code, "HY0903");
    let few_cells = Limits {
        max_cells: 50,
        ..Limits::default()
    };
    let e = import::workbook::read_bytes("x.xlsx", good.clone(), &few_cells).unwrap_err();
    assert_eq!(e.code, "HY0903");
    let unpacked = Limits {
        max_unpacked_bytes: 10_000,
        ..Limits::default()
    };
    let e = import::workbook::read_bytes("x.xlsx", good, &unpacked).unwrap_err();
    assert_eq!(e.code, "HY0903");
    assert!(e.message.en.contains("unpacked"), "{}", e.message.en);
}

#[test]
fn sheets_that_would_be_laid_out_huge_are_refused_before_they_are_read() {
    // An .ods of 30 KB whose one row of 16,000 repeated cells repeats a million times: 16
    // billion cells once calamine multiplied it out. Refused from a count of content.xml.
    let bomb = std::fs::read(root().join("tests/fixtures/repeat-bomb.ods")).unwrap();
    let e = import::workbook::read_bytes("bomb.ods", bomb, &Limits::default()).unwrap_err();
    assert_eq!(e.code, "HY0903", "{e:?}");
    // An .xls whose two cells are 65,535 rows and 200 columns apart (found by fuzzing):
    // calamine would allocate the rectangle between them (122 GB).
    let far = std::fs::read(
        root().join("tests/fuzz_regressions/import/crash-4a40828f34c4efff5632fb8c8e1d02c75423751b"),
    )
    .unwrap();
    let e = import::workbook::read_bytes("far.xls", far, &Limits::default()).unwrap_err();
    assert_eq!(e.code, "HY0903", "{e:?}");
    // A compound file whose sector chain loops (found by fuzzing): calamine would loop for ever.
    let looping = std::fs::read(
        root()
            .join("tests/fuzz_regressions/import/timeout-9050bb0de91209ef4614961c7a1c9b1fc6e257b3"),
    )
    .unwrap();
    let e = import::workbook::read_bytes("loop.xls", looping, &Limits::default()).unwrap_err();
    assert_eq!(e.code, "HY0901", "{e:?}");
}

#[test]
fn a_password_protected_workbook_is_called_out() {
    // An .xlsx encrypted with the password `hyoka` (made once with msoffcrypto-tool).
    let bytes = std::fs::read(root().join("tests/fixtures/encrypted.xlsx")).unwrap();
    let e = import::workbook::read_bytes("secret.xlsx", bytes, &Limits::default()).unwrap_err();
    assert_eq!(e.code, "HY0902");
    assert!(e.message.ja.contains("パスワード"));
}

// ---- the command ---------------------------------------------------------------------------

#[test]
fn the_command_writes_yaml_that_checks_and_refuses_unplaced_cells() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("yazu.xlsx");
    let (code, _, err) = hyoka(&[
        "render",
        "examples/yazu-kokuho/assessment.yaml",
        "--format",
        "xlsx",
        "-o",
        book.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("imported.yaml");
    let (code, _, err) = hyoka(&[
        "--lang",
        "en",
        "import",
        book.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("placed 157 values, 0 cells not placed"),
        "{err}"
    );
    let (code, _, err) = hyoka(&["check", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, stdout, _) = hyoka(&[
        "diff",
        "examples/yazu-kokuho/assessment.yaml",
        out.to_str().unwrap(),
        "--exit-code",
    ]);
    assert_eq!(code, 0, "{stdout}");

    // A workbook with a stray note: exit 1, nothing written, the cell named.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("様式２").unwrap();
    ws.write_string(0, 0, "特定個人情報保護評価書（基礎項目評価書）")
        .unwrap();
    for (r, l) in [
        "①事務の名称",
        "②事務の概要",
        "法令上の根拠",
        "①部署",
        "②所属長の役職名",
        "請求先",
        "連絡先",
        "しきい値判断結果",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(r as u32 + 1, 0, *l).unwrap();
    }
    ws.write_string(12, 4, "要確認（田中）").unwrap();
    let stray = dir.path().join("stray.xlsx");
    wb.save(&stray).unwrap();
    let target = dir.path().join("stray.yaml");
    std::fs::write(&target, "previous\n").unwrap();
    let (code, _, err) = hyoka(&[
        "--lang",
        "en",
        "import",
        stray.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("様式２!E13: error[HY0905]"), "{err}");
    assert!(err.contains("要確認（田中）"), "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "previous\n");
    // --allow-unplaced writes it; the YAML's own gaps (no values) still make it exit 1.
    let (code, _, err) = hyoka(&[
        "--lang",
        "en",
        "import",
        stray.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
        "--allow-unplaced",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("load errors"), "{err}");
    assert!(std::fs::read_to_string(&target).unwrap().contains("forms:"));

    // A damaged compound file on which calamine itself panics (found by fuzzing): a coded
    // error and exit 2, not a crash and not a panic message.
    let (code, _, err) = hyoka(&[
        "import",
        "tests/fuzz_regressions/import/crash-233acf960803d1c97adc7db7143638551f7d94f0",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("HY0901"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    // Not a workbook at all: exit 2.
    let (code, _, err) = hyoka(&["import", "examples/yazu-kokuho/assessment.yaml"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("HY0901"), "{err}");
}
