//! A workbook of 八頭町's 基礎項目評価書 laid out as the regulator's Excel form is, written cell by
//! cell from seed 002's printout — not from hyoka's form definitions or its exporter, so that the
//! import is tested against a layout it was not written for.
//!
//! What seed 002's text shows of the form, and what this layout therefore holds:
//! - a fine grid of narrow columns (here 40, B..AO) with labels and values in merged ranges,
//!   shaded section rows (Ⅰ　関連情報…), the cover at the top and 変更箇所 on a sheet of its own;
//! - answers between bracket cells, `[` | answer | `]` (half- and full-width), with `＜選択肢＞`
//!   in a cell of its own and the numbered choices below it or beside it; `時点` after a date;
//! - tick boxes across cells, `[` | `○` | `］　自己点検`, several along one row, one beside its
//!   heading (委託しない) and one on the row under its long heading (提供・移転しない);
//! - Ⅳ１'s answer with no label of its own, a label wrapped into two stacked cells, a label split
//!   across two side-by-side cells, and ③システムの名称 with its value on the row below, wider;
//! - dates as date cells in Excel's 和暦 formats (`[$-411]`, `[$-ja-JP]`, the 元年 variant), in
//!   built-in and Western formats, as a formula and as typed text;
//! - a hidden `リスト` sheet after 変更箇所 holding the drop-down lists the answers validate against.

#![allow(dead_code)] // Each test binary that includes this layout uses a part of it.

use rust_xlsxwriter::{
    Color, DataValidation, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook,
    Worksheet,
};
use serde_json::Value;

/// The first and last columns of the grid (B..AO).
const FIRST: u16 = 1;
const LAST: u16 = 40;
/// Labels take B..K; answers start at L.
const LABEL_END: u16 = 10;
const VALUE: u16 = 11;

/// How a date cell is written: each of the ways a town's workbook holds dates.
#[derive(Clone, Copy)]
pub enum DateStyle {
    /// `[$-411]ggge"年"m"月"d"日";@`, Excel's 和暦 format as the Japanese locale saves it.
    Wareki411,
    /// `[$-ja-JP]ggge"年"m"月"d"日"`, the same written with the locale's name.
    WarekiJaJp,
    /// `[$-ja-JP-x-gannen]ggge"年"m"月"d"日"`, which prints 元年 for a first year.
    Gannen,
    /// Built-in format 14 (the short date of the reader's locale).
    BuiltIn,
    /// `yyyy/m/d`.
    Slashes,
    /// `yyyy"年"m"月"d"日"`.
    Seireki,
    /// Typed as text, as a clerk does: 令和2年8月4日.
    Text,
    /// `=DATE(y,m,d)` in a 和暦 format.
    Formula,
}

impl DateStyle {
    pub const ALL: [DateStyle; 8] = [
        DateStyle::Wareki411,
        DateStyle::WarekiJaJp,
        DateStyle::Gannen,
        DateStyle::BuiltIn,
        DateStyle::Slashes,
        DateStyle::Seireki,
        DateStyle::Text,
        DateStyle::Formula,
    ];
}

/// The Gregorian date of a 和暦 date as the example writes it (令和2年8月4日).
pub fn gregorian(wareki: &str) -> (u16, u8, u8) {
    let eras = [("令和", 2018), ("平成", 1988), ("昭和", 1925)];
    let (era, rest) = eras
        .iter()
        .find_map(|(name, base)| wareki.strip_prefix(name).map(|r| (*base, r)))
        .unwrap_or_else(|| panic!("a 和暦 date: {wareki}"));
    let rest = rest.replace("元年", "1年");
    let numbers: Vec<u32> = rest
        .split(['年', '月', '日'])
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    (
        (era + numbers[0]) as u16,
        numbers[1] as u8,
        numbers[2] as u8,
    )
}

/// Excel's serial number of a date (days since 1899-12-30), for a formula's cached result.
fn serial(y: u16, m: u8, d: u8) -> i64 {
    fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }
    days_from_civil(y as i64, m as i64, d as i64) - days_from_civil(1899, 12, 30)
}

struct Formats {
    text: Format,
    label: Format,
    section: Format,
    heading: Format,
    title: Format,
    plain: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new()
            .set_font_name("ＭＳ ゴシック")
            .set_font_size(9)
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        Formats {
            text: base.clone(),
            label: base.clone().set_background_color(Color::RGB(0xDDEBF7)),
            section: base
                .clone()
                .set_bold()
                .set_font_size(11)
                .set_background_color(Color::RGB(0xBFBFBF)),
            heading: base.clone().set_bold(),
            title: base
                .clone()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center),
            plain: Format::new()
                .set_font_name("ＭＳ ゴシック")
                .set_font_size(9),
        }
    }

    fn date(&self, number_format: &str) -> Format {
        self.text.clone().set_num_format(number_format)
    }
}

/// One sheet being written, a row at a time.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    row: u32,
    /// The data-validation lists, as ranges of the hidden sheet.
    lists: &'a Lists,
    /// A town's own copy of the form (see [`Variant::town`]).
    town: bool,
}

/// Where each drop-down's list sits on the hidden `リスト` sheet.
pub struct Lists {
    columns: Vec<(&'static str, Vec<&'static str>)>,
}

impl Lists {
    fn new() -> Lists {
        Lists {
            columns: vec![
                ("linkage", vec!["実施する", "実施しない", "未定"]),
                (
                    "people",
                    vec![
                        "1,000人未満（任意実施）",
                        "1,000人以上1万人未満",
                        "1万人以上10万人未満",
                        "10万人以上30万人未満",
                        "30万人以上",
                    ],
                ),
                ("handlers", vec!["500人以上", "500人未満"]),
                ("incident", vec!["発生あり", "発生なし"]),
                (
                    "forms",
                    vec![
                        "基礎項目評価書",
                        "基礎項目評価書及び重点項目評価書",
                        "基礎項目評価書及び全項目評価書",
                    ],
                ),
                (
                    "risk",
                    vec!["特に力を入れている", "十分である", "課題が残されている"],
                ),
                (
                    "training",
                    vec![
                        "特に力を入れて行っている",
                        "十分に行っている",
                        "十分に行っていない",
                    ],
                ),
                ("tick", vec!["○", ""]),
                ("timing", vec!["事前", "事後"]),
            ],
        }
    }

    fn range(&self, name: &str) -> String {
        let (col, (_, items)) = self
            .columns
            .iter()
            .enumerate()
            .find(|(_, (n, _))| *n == name)
            .unwrap();
        let letter = (b'A' + col as u8) as char;
        format!("=リスト!${letter}$1:${letter}${}", items.len())
    }

    fn write(&self, ws: &mut Worksheet) {
        for (col, (_, items)) in self.columns.iter().enumerate() {
            for (row, item) in items.iter().enumerate() {
                ws.write_string(row as u32, col as u16, *item).unwrap();
            }
        }
    }
}

impl Sheet<'_> {
    fn span(&mut self, row: u32, c1: u16, c2: u16, text: &str, format: &Format) {
        if c1 == c2 || self.town {
            self.ws
                .write_string_with_format(row, c1, text, format)
                .unwrap();
        } else {
            self.ws.merge_range(row, c1, row, c2, text, format).unwrap();
        }
    }

    fn tall(&mut self, rows: u32, c1: u16, c2: u16, text: &str, format: &Format) {
        let r = self.row;
        if self.town {
            self.ws
                .write_string_with_format(r, c1, text, format)
                .unwrap();
            return;
        }
        self.ws
            .merge_range(r, c1, r + rows - 1, c2, text, format)
            .unwrap();
    }

    fn height(&mut self, lines: usize) {
        self.ws
            .set_row_height(self.row, (lines.max(1) as f64) * 12.0 + 2.0)
            .unwrap();
    }

    fn next(&mut self) {
        self.row += 1;
    }

    fn section(&mut self, text: &str) {
        let f = self.f.section.clone();
        self.span(self.row, FIRST, LAST, text, &f);
        self.next();
    }

    fn heading(&mut self, text: &str) {
        let f = self.f.heading.clone();
        self.span(self.row, FIRST, LAST, &format!(" {text}"), &f);
        self.next();
    }

    /// A label and its text answer side by side.
    fn item(&mut self, label: &str, value: &str) {
        let (l, t) = (self.f.label.clone(), self.f.text.clone());
        self.height(value.lines().count().max(1) + value.chars().count() / 45);
        self.span(self.row, FIRST, LABEL_END, &format!(" {label}"), &l);
        self.span(self.row, VALUE, LAST, value, &t);
        self.next();
    }

    /// `[` | answer | `]` from column `at`, the answer a drop-down of `list`.
    fn bracketed(&mut self, at: u16, width: u16, answer: &str, list: &str, wide: bool) -> u16 {
        let t = self.f.text.clone();
        let (open, close) = if wide { ("［", "］") } else { ("[", "]") };
        if self.town {
            // The whole answer in one cell, brackets and all, as a town retyped it.
            self.span(self.row, at, at, &format!("{open}　{answer}　{close}"), &t);
            return at + width + 2;
        }
        self.span(self.row, at, at, open, &t);
        self.span(self.row, at + 1, at + width, answer, &t);
        let validation =
            DataValidation::new().allow_list_formula(Formula::new(self.lists.range(list)));
        self.ws
            .add_data_validation(self.row, at + 1, self.row, at + width, &validation)
            .unwrap();
        self.span(self.row, at + width + 1, at + width + 1, close, &t);
        at + width + 2
    }

    /// A question with a bracketed answer, `＜選択肢＞` and the numbered choices below it.
    fn choice(&mut self, label: &str, answer: &str, list: &str, choices: &[&str]) {
        let (l, t) = (self.f.label.clone(), self.f.text.clone());
        let rows = choices.len() as u32;
        self.tall(rows, FIRST, LABEL_END, &format!(" {label}"), &l);
        let after = self.bracketed(VALUE, 9, answer, list, false);
        self.span(self.row, after + 1, after + 5, "＜選択肢＞", &t);
        for (i, c) in choices.iter().enumerate() {
            self.span(self.row + i as u32, after + 6, LAST, c, &t);
        }
        self.row += rows;
    }

    /// A risk question with its answer, the choices in one cell beside `＜選択肢＞`.
    fn risk(&mut self, label: &str, answer: &str) {
        let (l, t) = (self.f.label.clone(), self.f.text.clone());
        self.height(3);
        self.span(self.row, FIRST, LABEL_END, &format!(" {label}"), &l);
        let after = self.bracketed(VALUE, 9, answer, "risk", false);
        self.span(self.row, after + 1, after + 5, "＜選択肢＞", &t);
        self.span(
            self.row,
            after + 6,
            LAST,
            "1) 特に力を入れている\n2) 十分である\n3) 課題が残されている",
            &t,
        );
        self.next();
    }

    /// `［` | tick | `］caption` from column `at`; the tick a drop-down of ○ or nothing.
    fn tick(&mut self, at: u16, ticked: bool, caption: &str, caption_end: u16) {
        let t = self.f.text.clone();
        if self.town {
            // ■ and □ in front of the caption, in one cell.
            let words = caption.trim_start_matches(['］', ']', '　', ' ']);
            let mark = if ticked { "■" } else { "□" };
            self.span(self.row, at, caption_end, &format!("{mark}{words}"), &t);
            return;
        }
        self.span(self.row, at, at, "［", &t);
        self.span(self.row, at + 1, at + 1, if ticked { "○" } else { "" }, &t);
        let validation =
            DataValidation::new().allow_list_formula(Formula::new(self.lists.range("tick")));
        self.ws
            .add_data_validation(self.row, at + 1, self.row, at + 1, &validation)
            .unwrap();
        self.span(self.row, at + 2, caption_end, caption, &t);
    }

    /// A date in `style`, from column `at` to `end`.
    fn date(&mut self, at: u16, end: u16, wareki: &str, style: DateStyle) {
        let (y, m, d) = gregorian(wareki);
        let row = self.row;
        if self.town {
            // The short form a clerk types: R2.8.4, H28.12.9.
            let era = if y >= 2019 && (y, m) >= (2019, 5) {
                ("R", y - 2018)
            } else {
                ("H", y - 1988)
            };
            let text = format!("{}{}.{m}.{d}", era.0, era.1);
            self.ws
                .write_string_with_format(row, at, text, &self.f.text)
                .unwrap();
            return;
        }
        let number_format = match style {
            DateStyle::Wareki411 => r#"[$-411]ggge"年"m"月"d"日";@"#,
            DateStyle::WarekiJaJp => r#"[$-ja-JP]ggge"年"m"月"d"日""#,
            DateStyle::Gannen => r#"[$-ja-JP-x-gannen]ggge"年"m"月"d"日""#,
            DateStyle::BuiltIn => "",
            DateStyle::Slashes => "yyyy/m/d",
            DateStyle::Seireki => r#"yyyy"年"m"月"d"日""#,
            DateStyle::Text => "@",
            DateStyle::Formula => r#"[$-411]ggge"年"m"月"d"日";@"#,
        };
        let format = match style {
            DateStyle::BuiltIn => self.f.text.clone().set_num_format_index(14),
            _ => self.f.date(number_format),
        };
        if at != end {
            self.ws.merge_range(row, at, row, end, "", &format).unwrap();
        }
        match style {
            DateStyle::Text => {
                self.ws
                    .write_string_with_format(row, at, wareki, &format)
                    .unwrap();
            }
            DateStyle::Formula => {
                let formula = Formula::new(format!("=DATE({y},{m},{d})"))
                    .set_result(serial(y, m, d).to_string());
                self.ws
                    .write_formula_with_format(row, at, formula, &format)
                    .unwrap();
            }
            _ => {
                let dt = ExcelDateTime::from_ymd(y, m, d).unwrap();
                self.ws
                    .write_datetime_with_format(row, at, &dt, &format)
                    .unwrap();
            }
        }
    }
}

fn s<'a>(v: &'a Value, path: &str) -> &'a str {
    v.pointer(path)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("the example has {path}"))
}

fn lines_of(v: &Value, list: &str) -> String {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

fn risk_label(id: &str) -> &'static str {
    match id {
        "emphasized" => "特に力を入れている",
        "sufficient" => "十分である",
        "insufficient" => "課題が残されている",
        other => panic!("a risk answer: {other}"),
    }
}

/// What may differ from the plain layout.
#[derive(Default, Clone, Copy)]
pub struct Variant {
    /// ②所属長の役職名 as a formula whose reference was deleted (`=#REF!`).
    pub broken_formula: bool,
    /// A town's own copy of the form, retyped over the years: no merged cells, each answer
    /// with its brackets in one cell (`［　十分である　］`), boxes as `■自己点検`/`□内部監査`,
    /// dates typed in the short form (`R2.8.4`), and a sheet of notes to the clerk in front.
    pub town: bool,
    /// ②事務の概要 cut at a line break into two cells, one under the other, beside its label
    /// merged down over both: what a town does when the text outgrows a printed page.
    pub split_summary: bool,
}

/// The workbook of `a` (the example's assessment as JSON), its 変更箇所 dates rotating through
/// every [`DateStyle`].
pub fn workbook_with(a: &Value, variant: Variant) -> Vec<u8> {
    let f = Formats::new();
    let lists = Lists::new();
    let mut book = Workbook::new();
    if variant.town {
        let notes = book.add_worksheet();
        notes.set_name("記入上の注意").unwrap();
        for (i, line) in [
            "このファイルは町民課で管理しています。",
            "変更したら変更箇所のシートに行を足し、企画課に送ってください。",
            "プルダウンにない回答は入力しないでください。",
        ]
        .iter()
        .enumerate()
        {
            notes.write_string(i as u32, 0, *line).unwrap();
        }
    }
    let form = book.add_worksheet();
    form.set_name("様式２").unwrap();
    form.set_column_width(0, 1.5).unwrap();
    form.set_column_range_width(FIRST, LAST, 2.6).unwrap();
    let mut sh = Sheet {
        ws: form,
        f: &f,
        row: 0,
        lists: &lists,
        town: variant.town,
    };
    cover(&mut sh, a);
    related(&mut sh, a, variant);
    threshold(&mut sh, a);
    measures(&mut sh, a);

    let changes = book.add_worksheet();
    changes.set_name("変更箇所").unwrap();
    history(changes, &f, a, variant.town);

    let hidden = book.add_worksheet();
    hidden.set_name("リスト").unwrap();
    hidden.set_hidden(true);
    lists.write(hidden);
    book.save_to_buffer().unwrap()
}

fn cover(sh: &mut Sheet, a: &Value) {
    let (t, l, title, plain) = (
        sh.f.text.clone(),
        sh.f.label.clone(),
        sh.f.title.clone(),
        sh.f.plain.clone(),
    );
    sh.span(0, 30, LAST, "[平成31年１月　様式２]", &plain);
    sh.row = 2;
    sh.height(2);
    sh.span(
        sh.row,
        FIRST,
        LAST,
        "特定個人情報保護評価書（基礎項目評価書）",
        &title,
    );
    sh.row += 2;
    sh.span(sh.row, FIRST, 8, "評価書番号", &l);
    sh.span(sh.row, 9, LAST, "評価書名", &l);
    sh.next();
    // 評価書番号 as a formula a town might use to number its assessments.
    let number: i64 = s(a, "/cover/number").parse().unwrap();
    sh.ws.merge_range(sh.row, FIRST, sh.row, 8, "", &t).unwrap();
    sh.ws
        .write_formula_with_format(
            sh.row,
            FIRST,
            Formula::new(format!("={}+{}", number - 1, 1)).set_result(number.to_string()),
            &t,
        )
        .unwrap();
    sh.span(sh.row, 9, LAST, s(a, "/cover/title"), &t);
    sh.row += 2;
    sh.heading("個人のプライバシー等の権利利益の保護の宣言");
    sh.height(5);
    sh.span(sh.row, FIRST, LAST, s(a, "/cover/declaration"), &t);
    sh.next();
    sh.item("特記事項", s(a, "/cover/notes"));
    sh.next();
    sh.item("評価実施機関名", s(a, "/cover/body"));
    sh.span(sh.row, FIRST, LABEL_END, " 公表日", &l);
    sh.date(VALUE, 20, s(a, "/cover/published"), DateStyle::Wareki411);
    sh.row += 2;
}

/// Where ②所属長の役職名's value stands, for tests that break it.
pub const HEAD_TITLE_CELL: &str = "様式２!L";

fn related(sh: &mut Sheet, a: &Value, variant: Variant) {
    let (t, l) = (sh.f.text.clone(), sh.f.label.clone());
    sh.section("Ⅰ　関連情報");
    sh.heading("１．特定個人情報ファイルを取り扱う事務");
    sh.item("①事務の名称", s(a, "/operation/name"));
    let summary = s(a, "/operation/summary").trim_end();
    match summary.match_indices('\n').nth(summary.lines().count() / 2) {
        Some((cut, _)) if variant.split_summary && !variant.town => {
            let (top, bottom) = (&summary[..cut], &summary[cut + 1..]);
            sh.tall(2, FIRST, LABEL_END, " ②事務の概要", &l);
            for part in [top, bottom] {
                sh.height(part.lines().count() + part.chars().count() / 45);
                sh.span(sh.row, VALUE, LAST, part, &t);
                sh.next();
            }
        }
        _ => sh.item("②事務の概要", summary),
    }
    // ③ with its value on the row below, across the whole width.
    sh.span(sh.row, FIRST, LABEL_END, " ③システムの名称", &l);
    sh.next();
    let systems = format!(
        "{}\n{}",
        lines_of(a, "systems"),
        s(a, "/operation/systems_note")
    );
    sh.height(systems.lines().count() + 2);
    sh.span(sh.row, FIRST, LAST, &systems, &t);
    sh.next();
    sh.heading("２．特定個人情報ファイル名");
    let files = lines_of(a, "files");
    sh.height(files.lines().count());
    sh.span(sh.row, FIRST, LAST, &files, &t);
    sh.next();
    sh.heading("３．個人番号の利用");
    sh.item("法令上の根拠", s(a, "/number_use/basis").trim_end());
    sh.heading("４．情報提供ネットワークシステムによる情報連携");
    let status = match s(a, "/linkage/status") {
        "implement" => "実施する",
        "not_implement" => "実施しない",
        _ => "未定",
    };
    sh.choice(
        "①実施の有無",
        status,
        "linkage",
        &["1) 実施する", "2) 実施しない", "3) 未定"],
    );
    sh.item("②法令上の根拠", s(a, "/linkage/basis").trim_end());
    sh.heading("５．評価実施機関における担当部署");
    sh.item("①部署", s(a, "/department/name"));
    if variant.broken_formula {
        sh.span(sh.row, FIRST, LABEL_END, " ②所属長の役職名", &l);
        sh.ws
            .merge_range(sh.row, VALUE, sh.row, LAST, "", &t)
            .unwrap();
        let formula = Formula::new("=#REF!").set_result("#REF!");
        sh.ws
            .write_formula_with_format(sh.row, VALUE, formula, &t)
            .unwrap();
        sh.next();
    } else {
        sh.item("②所属長の役職名", s(a, "/department/head_title"));
    }
    sh.heading("６．他の評価実施機関");
    sh.span(sh.row, FIRST, LAST, s(a, "/other_bodies"), &t);
    sh.next();
    sh.heading("７．特定個人情報の開示・訂正・利用停止請求");
    sh.item("請求先", s(a, "/disclosure/contact").trim_end());
    sh.heading("８．特定個人情報ファイルの取扱いに関する問合せ");
    sh.item("連絡先", s(a, "/inquiry/contact").trim_end());
    sh.next();
}

fn threshold(sh: &mut Sheet, a: &Value) {
    let (t, l) = (sh.f.text.clone(), sh.f.label.clone());
    sh.section("Ⅱ　しきい値判断項目");
    sh.heading("１．対象人数");
    let people = match s(a, "/threshold/people/band") {
        "under_1k" => "1,000人未満（任意実施）",
        "1k_to_10k" => "1,000人以上1万人未満",
        "10k_to_100k" => "1万人以上10万人未満",
        "100k_to_300k" => "10万人以上30万人未満",
        _ => "30万人以上",
    };
    sh.choice(
        "評価対象の事務の対象人数は何人か",
        people,
        "people",
        &[
            "1) 1,000人未満（任意実施）",
            "2) 1,000人以上1万人未満",
            "3) 1万人以上10万人未満",
            "4) 10万人以上30万人未満",
            "5) 30万人以上",
        ],
    );
    sh.span(sh.row, FIRST, LABEL_END, " いつ時点の計数か", &l);
    sh.date(
        VALUE,
        20,
        s(a, "/threshold/people/counted_on"),
        DateStyle::Formula,
    );
    sh.span(sh.row, 21, 23, "時点", &t);
    sh.next();
    sh.heading("２．取扱者数");
    let handlers = match s(a, "/threshold/handlers/band") {
        "under_500" => "500人未満",
        _ => "500人以上",
    };
    sh.choice(
        "特定個人情報ファイル取扱者数は500人以上か",
        handlers,
        "handlers",
        &["1) 500人以上　2) 500人未満"],
    );
    sh.span(sh.row, FIRST, LABEL_END, " いつ時点の計数か", &l);
    sh.date(
        VALUE,
        20,
        s(a, "/threshold/handlers/counted_on"),
        DateStyle::Text,
    );
    sh.span(sh.row, 21, 23, "時点", &t);
    sh.next();
    sh.heading("３．重大事故");
    // The label wrapped into two stacked cells, as the printout breaks it.
    let incident = match s(a, "/threshold/incident") {
        "occurred" => "発生あり",
        _ => "発生なし",
    };
    sh.span(
        sh.row,
        FIRST,
        LABEL_END,
        " 過去１年以内に、評価実施機関において特定個人",
        &l,
    );
    sh.span(
        sh.row + 1,
        FIRST,
        LABEL_END,
        "情報に関する重大事故が発生したか",
        &l,
    );
    let after = sh.bracketed(VALUE, 9, incident, "incident", false);
    sh.span(sh.row, after + 1, after + 5, "＜選択肢＞", &t);
    sh.span(sh.row + 1, after + 1, LAST, "1) 発生あり　2) 発生なし", &t);
    sh.row += 3;
    sh.section("Ⅲ　しきい値判断結果");
    sh.heading("しきい値判断結果");
    let result = match s(a, "/threshold/result") {
        "basic" => "基礎項目評価の実施が義務付けられる",
        "basic_and_key" => "基礎項目評価及び重点項目評価の実施が義務付けられる",
        "basic_and_full" => "基礎項目評価及び全項目評価の実施が義務付けられる",
        _ => "特定個人情報保護評価の実施が義務付けられない",
    };
    sh.span(sh.row, FIRST, LAST, result, &t);
    sh.row += 2;
}

fn measures(sh: &mut Sheet, a: &Value) {
    let (t, l) = (sh.f.text.clone(), sh.f.label.clone());
    let r = |p: &str| risk_label(s(a, &format!("/basic_risk/{p}")));
    let b = |p: &str| {
        a.pointer(&format!("/basic_risk/{p}"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    };
    sh.section("Ⅳ　リスク対策");
    sh.heading("１．提出する特定個人情報保護評価書の種類");
    // The answer has no label of its own: the bracket starts the row.
    let forms = match s(a, "/basic_risk/submitted_forms") {
        "basic" => "基礎項目評価書",
        "basic_and_key" => "基礎項目評価書及び重点項目評価書",
        _ => "基礎項目評価書及び全項目評価書",
    };
    sh.ws.set_row_height(sh.row, 14.0).unwrap();
    let after = sh.bracketed(FIRST, 14, forms, "forms", false);
    sh.span(sh.row, after + 1, after + 5, "＜選択肢＞", &t);
    for (i, c) in [
        "1) 基礎項目評価書",
        "2) 基礎項目評価書及び重点項目評価書",
        "3) 基礎項目評価書及び全項目評価書",
    ]
    .iter()
    .enumerate()
    {
        sh.span(sh.row + i as u32, after + 6, LAST, c, &t);
    }
    sh.row += 3;
    sh.height(2);
    sh.span(
        sh.row,
        FIRST,
        LAST,
        "2)又は3)を選択した評価実施機関については、それぞれ重点項目評価書又は全項目評価書において、リスク対策の詳細が記載されている。",
        &t,
    );
    sh.next();
    sh.heading("２．特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）");
    sh.risk(
        "目的外の入手が行われるリスクへの対策は十分か",
        r("acquisition"),
    );
    sh.heading("３．特定個人情報の使用");
    sh.risk(
        "目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスクへの対策は十分か",
        r("use_linking"),
    );
    // The label split across two side-by-side cells.
    sh.height(3);
    sh.span(
        sh.row,
        FIRST,
        5,
        " 権限のない者（元職員、アクセス権限のない職員等）に",
        &l,
    );
    sh.span(
        sh.row,
        6,
        LABEL_END,
        "よって不正に使用されるリスクへの対策は十分か",
        &l,
    );
    let after = sh.bracketed(VALUE, 9, r("use_unauthorized"), "risk", true);
    sh.span(sh.row, after + 1, after + 5, "＜選択肢＞", &t);
    sh.span(
        sh.row,
        after + 6,
        LAST,
        "1) 特に力を入れている\n2) 十分である\n3) 課題が残されている",
        &t,
    );
    sh.next();
    // 委託しない to the right of its heading.
    let h = sh.f.heading.clone();
    sh.span(
        sh.row,
        FIRST,
        28,
        " ４．特定個人情報ファイルの取扱いの委託",
        &h,
    );
    sh.tick(30, b("delegation/not_applicable"), "］委託しない", LAST);
    sh.next();
    sh.risk(
        "委託先における不正な使用等のリスクへの対策は十分か",
        r("delegation/answer"),
    );
    // 提供・移転しない on the row under its long heading.
    sh.height(2);
    sh.span(
        sh.row,
        FIRST,
        LAST,
        " ５．特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）",
        &h,
    );
    sh.next();
    sh.tick(
        28,
        b("provision/not_applicable"),
        "］提供・移転しない",
        LAST,
    );
    sh.next();
    sh.risk(
        "不正な提供・移転が行われるリスクへの対策は十分か",
        r("provision/answer"),
    );
    // Two boxes along the heading's row.
    sh.span(
        sh.row,
        FIRST,
        18,
        " ６．情報提供ネットワークシステムとの接続",
        &h,
    );
    sh.tick(19, b("network/no_acquisition"), "］接続しない（入手）", 29);
    sh.tick(30, b("network/no_provision"), "］接続しない（提供）", LAST);
    sh.next();
    sh.risk(
        "目的外の入手が行われるリスクへの対策は十分か",
        r("network/acquisition"),
    );
    sh.risk(
        "不正な提供が行われるリスクへの対策は十分か",
        r("network/provision"),
    );
    sh.heading("７．特定個人情報の保管・消去");
    sh.risk(
        "特定個人情報の漏えい・滅失・毀損リスクへの対策は十分か",
        r("storage"),
    );
    sh.heading("８．監査");
    sh.span(sh.row, FIRST, LABEL_END, " 実施の有無", &l);
    sh.tick(VALUE, b("audit/self_check"), "］　自己点検", 19);
    sh.tick(20, b("audit/internal"), "］　内部監査", 28);
    sh.tick(29, b("audit/external"), "］　外部監査", LAST);
    sh.next();
    sh.heading("９．従業者に対する教育・啓発");
    let training = match s(a, "/basic_risk/training") {
        "emphasized" => "特に力を入れて行っている",
        "sufficient" => "十分に行っている",
        _ => "十分に行っていない",
    };
    sh.choice(
        "従業者に対する教育・啓発",
        training,
        "training",
        &[
            "1) 特に力を入れて行っている",
            "2) 十分に行っている",
            "3) 十分に行っていない",
        ],
    );
}

/// 変更箇所 on its own sheet: a title, the header row, then one row per change, the dates in
/// every style a town's sheet mixes.
fn history(ws: &mut Worksheet, f: &Formats, a: &Value, town: bool) {
    let lists = Lists::new();
    ws.set_column_width(0, 1.5).unwrap();
    for (col, width) in [
        (1, 14.0),
        (2, 22.0),
        (3, 34.0),
        (4, 34.0),
        (5, 8.0),
        (6, 20.0),
    ] {
        ws.set_column_width(col, width).unwrap();
    }
    ws.merge_range(0, 1, 0, 6, "変更箇所", &f.title).unwrap();
    for (col, h) in [
        "変更日",
        "項目",
        "変更前の記載",
        "変更後の記載",
        "提出時期",
        "提出時期に係る説明",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(2, col as u16 + 1, *h, &f.label)
            .unwrap();
    }
    let rows = a["history"].as_array().unwrap();
    let mut sheet = Sheet {
        ws,
        f,
        row: 3,
        lists: &lists,
        town,
    };
    for (i, row) in rows.iter().enumerate() {
        let date = row["date"].as_str().unwrap();
        let style = if date.starts_with("令和1年") {
            DateStyle::Gannen
        } else {
            DateStyle::ALL[i % DateStyle::ALL.len()]
        };
        let text = |k: &str| row[k].as_str().unwrap_or("").trim_end().to_string();
        let lines = ["item", "before", "after"]
            .iter()
            .map(|k| text(k).lines().count() + text(k).chars().count() / 30)
            .max()
            .unwrap_or(1);
        sheet.height(lines.min(30));
        sheet.date(1, 1, date, style);
        for (col, key) in [(2, "item"), (3, "before"), (4, "after"), (6, "reason")] {
            sheet
                .ws
                .write_string_with_format(sheet.row, col, text(key), &f.text)
                .unwrap();
        }
        let timing = if row["timing"] == "prior" {
            "事前"
        } else {
            "事後"
        };
        sheet
            .ws
            .write_string_with_format(sheet.row, 5, timing, &f.text)
            .unwrap();
        let validation =
            DataValidation::new().allow_list_formula(Formula::new(lists.range("timing")));
        sheet
            .ws
            .add_data_validation(sheet.row, 5, sheet.row, 5, &validation)
            .unwrap();
        sheet.next();
    }
}
