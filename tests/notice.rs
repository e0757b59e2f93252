//! The notice of purposes of use (`kind: notice`): seeds 000 and 001 as examples that load and
//! render word for word; its own diagnostics; and the checks across a notice and the
//! assessments of the same body (HY0312–HY0314).

mod common;

use common::*;
use hyoka::render::{fonts, layout, notice};

const NOTICES: &[&str] = &["notice-jinzai-kenpo", "notice-kenpo-disclosure"];

fn notice_path(name: &str) -> std::path::PathBuf {
    root().join("examples").join(name).join("notice.yaml")
}

fn flat(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn seed(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures/seeds").join(name)).unwrap()
}

#[test]
fn the_seeds_load_as_notices_and_print_word_for_word() {
    for name in NOTICES {
        let loaded = load_file(&notice_path(name));
        assert!(
            loaded.diagnostics.is_empty(),
            "{name}: {:#?}",
            loaded.diagnostics
        );
        assert!(loaded.assessment.is_none());
        assert!(loaded.notice.is_some(), "{name}");
    }
    // Seed 000: every listed purpose, in the page.
    let n = load_file(&notice_path("notice-jinzai-kenpo"))
        .notice
        .unwrap();
    let html = flat(&notice::html(&n));
    let page = seed("000-notice-jinzai.txt");
    let items: Vec<&str> = page
        .split("<li>")
        .skip(1)
        .filter_map(|s| s.split("</li>").next())
        .map(|s| s.trim_start_matches("・").trim())
        .collect();
    assert!(items.len() > 40, "{}", items.len());
    for item in items {
        let escaped = flat(item).replace('&', "&amp;");
        assert!(html.contains(&escaped), "「{item}」 is not on the page");
    }
    // Seed 001: every kind of information with its purposes, and the four measures.
    let n = load_file(&notice_path("notice-kenpo-disclosure"))
        .notice
        .unwrap();
    let html = flat(&notice::html(&n));
    let page = seed("001-notice-kenpo.txt");
    let mut rows = 0;
    for line in page.lines().filter(|l| l.contains('\t')) {
        for cell in line.split('\t').filter(|c| !c.trim().is_empty()) {
            assert!(html.contains(&flat(cell)), "「{cell}」 is not on the page");
        }
        rows += 1;
    }
    assert_eq!(
        rows, 23,
        "18 kinds of information, 4 measures and the header"
    );
}

#[test]
fn the_page_is_semantic_and_the_pdf_keeps_its_text_in_its_cells() {
    let n = load_file(&notice_path("notice-jinzai-kenpo"))
        .notice
        .unwrap();
    let html = notice::html(&n);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
    assert!(html.contains("<title>個人情報の利用目的の公表について</title>"));
    assert_eq!(html.matches("<th scope=\"col\">").count(), 7);
    assert_eq!(html.matches("<th scope=\"row\">").count(), 7);
    assert!(html.contains("<caption class=\"vh\">1. 個人情報の利用目的</caption>"));
    assert!(html.contains("@media print"));
    assert!(
        !html.contains("<script"),
        "no script on a page for the public"
    );

    let choice = fonts::discover(None).expect("a Japanese font (apt-get install fonts-ipaexfont)");
    let fonts = fonts::Fonts::load(&choice).unwrap();
    let laid = layout::layout(&notice::document(&n), &fonts);
    assert!(laid.overflows().is_empty(), "{:?}", laid.overflows());
    let text = flat(&laid.lines().collect::<String>());
    assert!(text.contains("・柔道整復施術療養費支給申請書のパンチ入力"));
    assert!(text.contains("他機関に情報を提供する場合"));
}

#[test]
fn a_broken_notice_gets_coded_diagnostics_at_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notice.yaml");
    std::fs::write(
        &path,
        "kind: notice\nbody: 組合\ntitel: 公表\npurposes:\n  - purpose: 給付\n    internl: [審査]\n",
    )
    .unwrap();
    let (code, out, _) = hyoka(&["--lang", "en", "check", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[HY0005]: missing required key `title`"),
        "{out}"
    );
    assert!(out.contains("error[HY0002]: unknown key `titel`"), "{out}");
    assert!(out.contains("notice.yaml:3:1"), "{out}");
    assert!(out.contains("notice.yaml:6:5"), "{out}");
    assert!(out.contains("did you mean `title`?"), "{out}");
}

#[test]
fn init_makes_a_notice_that_checks_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = hyoka(&["init", dir.path().to_str().unwrap(), "--kind", "notice"]);
    assert_eq!(code, 0, "{err}");
    let path = dir.path().join("notice.yaml");
    let (code, out, _) = hyoka(&["--lang", "en", "check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let (code, _, err) = hyoka(&["render", path.to_str().unwrap(), "--format", "html"]);
    assert_eq!(code, 0, "{err}");
    assert!(dir.path().join("notice.notice.html").is_file());
    let (code, _, err) = hyoka(&["render", path.to_str().unwrap(), "--format", "xlsx"]);
    assert_eq!(code, 1, "a notice is not a workbook: {err}");
}

/// 新宿区's assessment, as if it were 人材派遣健康保険組合's, beside that society's notice.
fn together(
    notice_edit: &dyn Fn(String) -> String,
    assessment_edit: &dyn Fn(String) -> String,
) -> String {
    let dir = tempfile::tempdir().unwrap();
    let a = std::fs::read_to_string(example("shinjuku-kokuho"))
        .unwrap()
        .replace("  body: 新宿区長", "  body: 人材派遣健康保険組合");
    std::fs::write(dir.path().join("assessment.yaml"), assessment_edit(a)).unwrap();
    let n = std::fs::read_to_string(notice_path("notice-jinzai-kenpo")).unwrap();
    std::fs::write(dir.path().join("notice.yaml"), notice_edit(n)).unwrap();
    let (_, out, _) = hyoka(&[
        "--lang",
        "en",
        "check",
        "--today",
        "2024-01-01",
        dir.path().to_str().unwrap(),
    ]);
    out
}

#[test]
fn a_notice_checked_with_its_bodys_assessment_names_its_delegations_and_provisions() {
    let keep = |s: String| s;
    // The notice names few of 新宿区's delegations; 保険料計算等のデータ処理 does name 保険料の
    // 賦課(計算)に関する事務.
    let out = together(&keep, &keep);
    assert_eq!(out.matches("warning[HY0312]").count(), 7, "{out}");
    assert!(
        out.contains("「国保情報集約システムの運用及びオンライン資格確認の準備業務」"),
        "{out}"
    );
    assert!(!out.contains("「保険料の賦課(計算)に関する事務」"), "{out}");
    assert!(!out.contains("HY0313") && !out.contains("HY0314"), "{out}");

    // Named, in the notice's own words: no HY0312 for it.
    let name_them = |s: String| {
        s.replace(
            "      - 文書廃棄処理\n",
            "      - 文書廃棄処理\n      - システムの運用・保守業務、法制度改正に伴う改修作業業務\n      - 保険料の賦課(計算)に関する事務\n      - 国保情報集約システムの運用\n      - 被保険者資格の取得・喪失・変更に関する事務\n      - 被保険者証の交付、給付関連証の認定・交付に関する事務\n      - 診療報酬明細（レセプト）の審査・支払業務\n      - 療養給付、付加給付、一部減額・減免、滞納者に対する療養給付に関する事務\n      - 保険料の徴収に関する事務\n",
        )
    };
    let out = together(&name_them, &keep);
    assert!(!out.contains("HY0312"), "{out}");
    // And one taken out again is missed.
    let all_but_one =
        |s: String| name_them(s).replace("      - 診療報酬明細（レセプト）の審査・支払業務\n", "");
    let out = together(&all_but_one, &keep);
    assert_eq!(out.matches("warning[HY0312]").count(), 1, "{out}");
    assert!(
        out.contains("「診療報酬明細（レセプト）の審査・支払業務」"),
        "{out}"
    );

    // No purpose of providing, while the assessment provides: HY0313.
    let no_provide = |s: String| {
        let start = s.find("  provide:").unwrap();
        let end = s.find("  note:").unwrap();
        format!("{}{}", &s[..start], &s[end..])
    };
    let out = together(&no_provide, &keep);
    assert!(out.contains("warning[HY0313]"), "{out}");

    // Linkage purposes the assessment gives no grounds for: HY0314.
    let no_linkage = |s: String| s.replace("  status: implement", "  status: not_implement");
    let out = together(&keep, &no_linkage);
    assert!(out.contains("warning[HY0314]"), "{out}");

    // Another body's notice is not checked against this assessment.
    let other = |s: String| s.replace("body: 人材派遣健康保険組合", "body: 別の健康保険組合");
    let out = together(&other, &keep);
    assert!(!out.contains("HY031"), "{out}");
}

/// A notice's revisions are diffed like an assessment's: a use added to a purpose, a linkage
/// purpose reworded, each a row named by its purpose and column.
#[test]
fn notices_are_diffed_item_by_item() {
    let old = load_file(&notice_path("notice-jinzai-kenpo"))
        .notice
        .unwrap();
    let mut new = old.clone();
    new.purposes[5]
        .delegated
        .push("健診データの外部保管".into());
    new.linkage.as_mut().unwrap().provide.pop();
    let changes = hyoka::diff::diff_notices(&old, &new);
    let items: Vec<(&str, &str)> = changes
        .iter()
        .map(|c| (c.item.as_str(), c.path.as_str()))
        .collect();
    assert_eq!(
        items,
        [
            (
                "その他 他の事業者への業務委託等を行うもの",
                "/purposes/5/delegated"
            ),
            ("他機関に情報を提供する場合", "/linkage/provide"),
        ]
    );
    assert!(changes[0].after.contains("健診データの外部保管"));
    assert!(hyoka::diff::diff_notices(&old, &old).is_empty());

    // A notice and an assessment are not compared.
    let (code, _, err) = hyoka(&[
        "--lang",
        "en",
        "diff",
        notice_path("notice-jinzai-kenpo").to_str().unwrap(),
        "examples/yazu-kokuho/assessment.yaml",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot be compared"), "{err}");
}
