//! The documents beside an assessment (`hyoka attachments`): 別紙2 提供先一覧 generated from the
//! cited items, word for word as seed 003 prints it; 別紙1's flow with its picture laid out
//! without crossings and its steps as seed 003 numbers them.

mod common;

use common::*;
use hyoka::model::provision_table::Regime;
use hyoka::model::Date;
use hyoka::render::{attachments, fonts, layout, tree::Block};

fn seed_003() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/seeds/003-attachments.txt")).unwrap()
}

fn cutover() -> Date {
    hyoka::check::citations::default_cutover()
}

/// Seed 003's 別紙2 rows: (No., 情報照会者, 項番, 事務, 情報).
fn seed_rows() -> Vec<Vec<String>> {
    seed_003()
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|cells| cells.len() >= 5 && cells[0].chars().all(|c| c.is_ascii_digit()))
        .filter(|cells| !cells[0].is_empty())
        .collect()
}

fn flat(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn fonts() -> fonts::Fonts {
    let choice = fonts::discover(None).expect("a Japanese font (apt-get install fonts-ipaexfont)");
    fonts::Fonts::load(&choice).unwrap()
}

fn pdftotext(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.pdf");
    std::fs::write(&p, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&p)
        .arg("-")
        .output()
        .expect("pdftotext (apt-get install poppler-utils)");
    String::from_utf8(out.stdout).unwrap()
}

/// A document laid out (no text outside its cell) and written as PDF: its text, read back by
/// pdftotext, white space taken out.
fn printed(doc: &hyoka::render::tree::Document, fonts: &fonts::Fonts) -> String {
    let laid = layout::layout(doc, fonts);
    assert!(laid.overflows().is_empty(), "{:?}", laid.overflows());
    flat(&pdftotext(&hyoka::render::pdf::write(
        &laid,
        fonts,
        &Default::default(),
    )))
}

#[test]
fn yazus_recipients_are_seed_003s_26_rows_word_for_word() {
    let a = load_example("yazu-kokuho").assessment.unwrap();
    let r = attachments::recipients(&a, &cutover()).expect("yazu cites items to provide under");
    assert_eq!(r.regime, Regime::Beppyo2);
    assert!(r.missing.is_empty(), "{:?}", r.missing);
    let seed = seed_rows();
    assert_eq!(seed.len(), 26);
    assert_eq!(r.rows.len(), 26);
    for ((n, item), row) in r.rows.iter().zip(&seed) {
        assert_eq!(n.to_string(), row[2]);
        assert_eq!(item.querier, row[1], "item {n}");
        assert_eq!(item.affair, row[3], "item {n}");
        assert_eq!(item.information, row[4], "item {n}");
    }
    // 情報照会の根拠 (42,43,44,45) are not provisions: 43 is no row.
    assert!(r.rows.iter().all(|(n, _)| *n != 43));

    // The PDF prints every row's words, under the seed's headers.
    let fonts = fonts();
    let text = printed(&attachments::recipients_document(&a, &r), &fonts);
    assert!(text.contains("【別紙2】提供先一覧（国民健康保険に関する事務）"));
    assert!(text.contains("別表第二に定める情報照会者"));
    for row in &seed {
        for cell in &row[1..] {
            assert!(text.contains(&flat(cell)), "「{cell}」 is not printed");
        }
    }
}

#[test]
fn the_command_writes_each_format_and_warns_for_items_it_has_no_words_for() {
    let dir = tempfile::tempdir().unwrap();
    // A folder that does not exist yet is made, as render makes its own.
    let new_dir = dir.path().join("new/別紙");
    let out = new_dir.to_str().unwrap();
    // 新宿区 cites 46, 81, 88 and 95 besides seed 003's items: warned, no row invented.
    let (code, _, err) = hyoka(&[
        "--lang",
        "en",
        "attachments",
        "examples/shinjuku-kokuho/assessment.yaml",
        "--format",
        "csv",
        "-o",
        out,
    ]);
    assert_eq!(code, 0, "{err}");
    for n in [46, 81, 88, 95] {
        assert!(
            err.contains(&format!("warning[HY0806] item {n} is not in hyoka's table")),
            "{err}"
        );
    }
    assert!(
        err.contains("examples/shinjuku-kokuho/assessment.yaml:"),
        "file:line:col"
    );
    let bytes = std::fs::read(new_dir.join("assessment.recipients.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a BOM for Excel");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[1], "別表第二に定める情報照会者");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 26, "26 rows known, 4 warned");
    assert!(rows
        .iter()
        .all(|r| !["46", "81", "88", "95"].contains(&&r[2])));
    assert_eq!(&rows[0][0], "1");

    // PDF and HTML: 別紙1 and 別紙2 of 八頭町, byte-identical on a second run.
    for format in ["pdf", "html"] {
        let run = || {
            let (code, _, err) = hyoka(&[
                "attachments",
                "examples/yazu-kokuho/assessment.yaml",
                "--format",
                format,
                "-o",
                out,
            ]);
            assert_eq!(code, 0, "{err}");
            (
                std::fs::read(new_dir.join(format!("assessment.flows.{format}"))).unwrap(),
                std::fs::read(new_dir.join(format!("assessment.recipients.{format}"))).unwrap(),
            )
        };
        assert_eq!(run(), run(), "{format} is deterministic");
    }
    let html = std::fs::read_to_string(new_dir.join("assessment.flows.html")).unwrap();
    assert!(
        html.contains("<svg") && html.contains("role=\"img\""),
        "the picture as SVG"
    );
    assert_eq!(
        html.matches("<rect").count(),
        8,
        "the body and seven counterparts"
    );
    assert!(html.contains("後期高齢者医療広域連合"));
}

#[test]
fn after_the_amendment_a_list_with_no_table_named_is_the_ordinances() {
    let mut a = load_example("yazu-kokuho").assessment.unwrap();
    a.cover.published = Some(Date::parse("令和7年4月1日").unwrap());
    a.linkage.as_mut().unwrap().basis =
        Some("番号法第19条第8号\n（情報提供の根拠）\n1,2,3の項\n（情報照会の根拠）\n42の項".into());
    let r = attachments::recipients(&a, &cutover()).unwrap();
    assert_eq!(r.regime, Regime::Ordinance);
    // hyoka holds none of the ordinance's rows yet: every item is warned, none invented.
    assert!(r.rows.is_empty());
    assert_eq!(r.missing, vec![1, 2, 3]);
    // Before the amendment the same list is 別表第二's.
    a.cover.published = Some(Date::parse("令和5年4月1日").unwrap());
    let r = attachments::recipients(&a, &cutover()).unwrap();
    assert_eq!(r.regime, Regime::Beppyo2);
    assert_eq!(r.rows.len(), 3);
}

#[test]
fn the_flow_is_seed_003s_and_its_picture_has_no_crossings() {
    let a = load_example("yazu-kokuho").assessment.unwrap();
    let fonts = fonts();
    let doc = attachments::flows_document(&a, layout::content_width(), &|t, s| {
        fonts.mincho.width(t, s)
    })
    .unwrap();
    let figures: Vec<_> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Figure(d) => Some(d),
            _ => None,
        })
        .collect();
    assert_eq!(figures.len(), 1);
    let d = figures[0];
    assert!(d.problems().is_empty(), "{:#?}", d.problems());
    assert_eq!(d.counterparts.len(), 7);
    // Each counterpart has an arrow each way but 生活保護担当 (a 受付 only).
    assert_eq!(d.arrows.len(), 13);
    assert!(d.width <= layout::content_width() + 0.01);
    let labels: Vec<String> = d.arrows.iter().map(|a| a.label.concat()).collect();
    assert!(labels.contains(&"3,7,9".to_string()), "{labels:?}");

    // The PDF: the steps word for word as seed 003's (1) 資格に係る事務 numbers them.
    let text = printed(&doc, &fonts);
    let seed = seed_003();
    let section =
        &seed[seed.find("(1) 資格に係る事務").unwrap()..seed.find("(2) 賦課に係る事務").unwrap()];
    let mut steps = 0;
    for line in section.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with('《') || line.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            assert!(text.contains(&flat(line)), "「{line}」 is not printed");
            steps += usize::from(!line.starts_with('《'));
        }
    }
    assert_eq!(steps, 20);
    assert!(text.contains("(1)資格に係る事務"));
}
