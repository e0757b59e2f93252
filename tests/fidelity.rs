//! Form fidelity: the forms print as the official printouts (seeds 002 and 004) print them.
//! Each test renders an example and reads the printed text back with pdftotext, so what is
//! checked is what a reader of the PDF sees.

mod common;

use std::process::Command;

use common::*;
use hyoka::model::FormKind;
use hyoka::render::{self, fonts, pdf::PdfOptions};

/// The example's form as a PDF file, in a directory that lives as long as the returned guard.
fn pdf_file(example_name: &str, form: FormKind) -> (tempfile::TempDir, std::path::PathBuf) {
    let choice = fonts::discover(None)
        .expect("a Japanese font is installed (apt-get install fonts-ipaexfont)");
    let fonts = fonts::Fonts::load(&choice).unwrap();
    let a = load_example(example_name).assessment.unwrap();
    let pdf = render::render_pdf(&a, form, &fonts, &PdfOptions::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    (dir, path)
}

/// A page's lines of text: (text, continued from the line before, its cell, its own box).
fn lines_of(
    page: &hyoka::render::layout::Page,
) -> Vec<(
    &str,
    bool,
    hyoka::render::layout::Rect,
    hyoka::render::layout::Rect,
)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            hyoka::render::layout::Item::Text {
                text,
                continued,
                cell,
                rect,
                ..
            } => Some((text.as_str(), *continued, *cell, *rect)),
            _ => None,
        })
        .collect()
}

/// The example's form as `render` lays it out and writes it.
fn rendered(example_name: &str, form: FormKind) -> render::Rendered {
    let choice = fonts::discover(None)
        .expect("a Japanese font is installed (apt-get install fonts-ipaexfont)");
    let fonts = fonts::Fonts::load(&choice).unwrap();
    let a = load_example(example_name).assessment.unwrap();
    render::render_pdf(&a, form, &fonts, &PdfOptions::default()).unwrap()
}

fn printed(example_name: &str, form: FormKind) -> String {
    let (_dir, path) = pdf_file(example_name, form);
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext is installed (apt-get install poppler-utils)");
    // Pages are separated by a form feed at the start of a page's first line.
    String::from_utf8(out.stdout).unwrap().replace('\u{c}', "")
}

/// The line of the printed text that starts with `label`, whitespace folded.
fn line_of<'t>(text: &'t str, label: &str) -> Vec<&'t str> {
    text.lines()
        .filter(|l| l.trim_start().starts_with(label))
        .collect()
}

#[test]
fn counting_dates_say_jiten_and_the_threshold_result_is_stated_without_a_choice_list() {
    // Seed 002: 「いつ時点の計数か 令和2年8月4日 時点」 (twice), and Ⅲ prints the result alone.
    let text = printed("yazu-kokuho", FormKind::Basic);
    let dates = line_of(&text, "いつ時点の計数か");
    assert_eq!(dates.len(), 2, "{dates:?}");
    for line in dates {
        assert!(line.ends_with("令和2年8月4日 時点"), "{line}");
    }
    let result = line_of(&text, "しきい値判断結果 ");
    assert_eq!(
        result,
        ["しきい値判断結果 基礎項目評価の実施が義務付けられる"]
    );
}

#[test]
fn files_of_a_risk_measure_block_are_named_not_given_by_id() {
    // Ⅲ of 様式4: 「１．特定個人情報ファイル名 (1) 国保賦課ファイル …」, never `fuka`.
    let text = printed("shinjuku-kokuho", FormKind::Full);
    let at = text
        .find("１．特定個人情報ファイル名 (1) 国保賦課ファイル")
        .expect("Ⅲ 1.");
    let block: Vec<&str> = text[at..].lines().take(4).collect();
    assert_eq!(
        block,
        [
            "１．特定個人情報ファイル名 (1) 国保賦課ファイル",
            "(2) 国保資格ファイル",
            "(3) 国保給付ファイル",
            "(4) 国保収滞納ファイル"
        ]
    );
    // Once: the block has no heading repeating its first row (issue 23).
    let section = &text[text
        .find("特定個人情報ファイルの取扱いプロセスにおけるリスク対策")
        .expect("Ⅲ")..];
    let section = &section[..section.find("その他のリスク対策").expect("Ⅳ")];
    assert_eq!(
        section.matches("(2) 国保資格ファイル").count(),
        1,
        "{section}"
    );
    for id in ["fuka", "shikaku", "kyufu", "shutainou"] {
        assert!(
            !text.lines().any(|l| l.split_whitespace().any(|w| w == id)),
            "the id {id} is printed"
        );
    }
}

#[test]
fn change_table_dates_and_headers_are_not_broken() {
    // 「令和1年6月27｜日」 and 「提出時期に係｜る説明」 broke before their last characters.
    let text = printed("yazu-kokuho", FormKind::Basic);
    let header = line_of(&text, "変更日 ");
    assert!(!header.is_empty());
    for line in &header {
        assert_eq!(
            *line,
            "変更日 項目 変更前の記載 変更後の記載 提出時期 提出時期に係る説明"
        );
    }
    let era = regex::Regex::new(r"^(令和|平成)\d+年\d+月\d+").unwrap();
    let rows: Vec<&str> = text.lines().filter(|l| era.is_match(l)).collect();
    assert!(rows.len() >= 20, "{rows:?}");
    let whole = regex::Regex::new(r"^(令和|平成)\d+年\d+月\d+日( |$)").unwrap();
    for line in rows {
        assert!(whole.is_match(line), "a date broken across lines: {line}");
    }
}

#[test]
fn system_and_file_names_are_one_item_each() {
    // Seed 002: 「③システムの名称」 once, the six systems and the ＊ note in one cell; the file
    // names under 「２．特定個人情報ファイル名」 once. (hyoka printed each label six times.)
    let printed_form = printed("yazu-kokuho", FormKind::Basic);
    // The form's items, before the change table (whose rows name them again).
    let text = &printed_form[..printed_form.rfind("変更箇所").unwrap()];
    assert_eq!(text.matches("システムの名称").count(), 1, "{text}");
    assert_eq!(text.matches("特定個人情報ファイル名").count(), 1);
    let at = text
        .find("③システムの名称 国民健康保険(資格)システム")
        .expect("one row");
    let names: Vec<&str> = text[at..].lines().skip(1).take(5).collect();
    assert_eq!(
        names,
        [
            "被保険者マスタ作成システム",
            "団体内統合宛名システム",
            "中間サーバー・ソフトウェア",
            "国保情報集約システム",
            "次期国保総合システム",
        ]
    );
    assert!(text[at..]
        .lines()
        .nth(6)
        .unwrap()
        .starts_with("＊国保総合システムおよび"));
    // 様式4 Ⅰ3: the files numbered in one cell under the heading.
    let full = printed("shinjuku-kokuho", FormKind::Full);
    let at = full.find("３．特定個人情報ファイル名").expect("Ⅰ3");
    let lines: Vec<&str> = full[at..].lines().take(5).collect();
    assert_eq!(
        lines,
        [
            "３．特定個人情報ファイル名",
            "(1) 国保賦課ファイル",
            "(2) 国保資格ファイル",
            "(3) 国保給付ファイル",
            "(4) 国保収滞納ファイル"
        ]
    );
}

#[test]
fn each_delegation_is_one_row_under_its_caption() {
    // 「委託事項2｜保険料の賦課(計算)に関する事務」, not a heading row and then 「委託事項｜…」.
    let text = printed("shinjuku-kokuho", FormKind::Full);
    assert!(
        text.contains("委託事項1 システムの運用・保守業務、法制度改正に伴う改修作業業務"),
        "{text}"
    );
    assert!(text.contains("委託事項2 保険料の賦課(計算)に関する事務"));
    assert!(
        !text
            .lines()
            .any(|l| l.trim() == "委託事項1" || l.starts_with("委託事項 ")),
        "a caption on a row of its own"
    );
}

#[test]
fn a_heading_carries_its_one_items_answer_and_the_note_follows() {
    // Ⅳ1 of 様式2: the answer and its choices on the heading row, the note below them.
    let text = printed("yazu-kokuho", FormKind::Basic);
    let at = text
        .find("１．提出する特定個人情報保護評価書の種類 基礎項目評価書 ＜選択肢＞")
        .expect("the answer on the heading row");
    let after: Vec<&str> = text[at..].lines().skip(4).take(1).collect();
    assert!(
        after[0].starts_with("2)又は3)を選択した評価実施機関については"),
        "{after:?}"
    );
    assert_eq!(
        text.matches("提出する特定個人情報保護評価書の種類").count(),
        1
    );
}

#[test]
fn a_groups_own_item_is_named_once() {
    // 「⑧使用方法 ※」 was printed twice side by side: the group's cell and the item's.
    let text = printed("shinjuku-kokuho", FormKind::Full);
    assert!(!text.contains("⑧使用方法 ※ ⑧使用方法 ※"));
    // Once per file (four files) with its value beside it. (The group's name is printed again
    // beside its rows that continue on a new page.)
    let own = text
        .lines()
        .filter(|l| l.starts_with("⑧使用方法 ※ 国保標準システムに登録された"))
        .count();
    assert_eq!(own, 4);
}

/// Point 3: under `--form all`, 新宿区's 様式2 carries its own title (cover, running header, PDF
/// Title) and its own 変更箇所; the 様式4 rows (they name Ⅰ 基本情報, Ⅱ ファイルの概要) stay on 様式4.
#[test]
fn each_form_prints_its_own_title_and_history() {
    let basic = printed("shinjuku-kokuho", FormKind::Basic);
    let full = printed("shinjuku-kokuho", FormKind::Full);
    let title_b = "国民健康保険に関する事務　基礎項目評価書";
    let title_f = "国民健康保険に関する事務　全項目評価書";
    let squeeze = |t: &str| t.replace([' ', '　'], "");
    assert!(squeeze(&basic).contains(&squeeze(title_b)), "{basic}");
    assert!(!squeeze(&basic).contains(&squeeze(title_f)), "{basic}");
    assert!(squeeze(&full).contains(&squeeze(title_f)));
    assert!(!squeeze(&full).contains(&squeeze(title_b)));
    // The running header is on every page of content, with the form's own title.
    let pages = basic.matches("/5").count().max(1);
    assert!(squeeze(&basic).matches(&squeeze(title_b)).count() >= pages);

    let (_dir, path) = pdf_file("shinjuku-kokuho", FormKind::Basic);
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(
        info.contains(&format!("Title:           {title_b}")),
        "{info}"
    );

    // 様式2's history: the one row naming its Ⅰ 関連情報; none of 様式4's. (Cells wrap, so
    // the text is read with its line breaks and spaces taken out.)
    let flat = |t: &str| t.replace([' ', '　', '\n'], "");
    let history_b = flat(&basic[basic.rfind("変更箇所").expect("変更箇所")..]);
    assert!(
        history_b.contains("Ⅰ関連情報1.③システムの名称"),
        "{history_b}"
    );
    assert!(!history_b.contains("システム12"), "{history_b}");
    assert!(!history_b.contains("Ⅱ特定個人情報"), "{history_b}");
    let history_f = flat(&full[full.rfind("変更箇所").expect("変更箇所")..]);
    assert!(history_f.contains("Ⅰ基本情報2.システム12"), "{history_f}");
    assert!(history_f.contains("Ⅱ特定個人情報ファイルの概要"));
    assert!(!history_f.contains("Ⅰ関連情報"), "{history_f}");
}

/// Point 4: 様式2 Ⅳ4/5/6 carry their 「しない」 boxes on the heading row, and Ⅳ8 監査 its 実施の
/// 有無 with the three boxes, each printed ［○］ / ［ ］ as the form prints them.
#[test]
fn tick_boxes_sit_on_their_heading_rows_in_the_forms_style() {
    let text = printed("yazu-kokuho", FormKind::Basic);
    let squeeze = |l: &str| l.replace([' ', '　'], "");
    let one = |label: &str| {
        let lines = line_of(&text, label);
        assert_eq!(lines.len(), 1, "{label}: {lines:?}");
        squeeze(lines[0])
    };
    assert!(one("４．特定個人情報ファイルの取扱いの委託").ends_with("［］委託しない"));
    assert!(one("６．情報提供ネットワークシステムとの接続")
        .ends_with("［］接続しない（入手）［］接続しない（提供）"));
    assert_eq!(
        one("８．監査"),
        "８．監査実施の有無［○］自己点検［］内部監査［］外部監査"
    );
    // No box on a row of its own any more.
    assert!(line_of(&text, "委託しない").is_empty());
    assert!(line_of(&text, "自己点検").is_empty());
}

/// Point 4: 「その他（ ）」 is inside its list, as its box's label with the words in it, not a
/// row of its own (新宿区 printed 12 empty such rows).
#[test]
fn the_words_of_other_are_inside_its_box() {
    let text = printed("shinjuku-kokuho", FormKind::Full);
    let squeezed = text.replace([' ', '　'], "");
    for label in [
        "③他のシステムとの接続その他",
        "主な記録項目その他",
        "②入手方法その他",
    ] {
        assert!(
            !squeezed.lines().any(|l| l.starts_with(label)),
            "{label} is a row of its own"
        );
    }
    assert!(squeezed.contains("［○］その他（医療保険者等向け中間サーバー等）"));
    assert!(squeezed.contains("［○］その他（金融機関（全銀協フォーマットによる媒体交換））"));
    assert!(
        squeezed.contains("［］その他（）"),
        "an unticked その他 keeps its brackets"
    );
}

/// Point 4: Ⅱ5 提供・移転の有無 is one item of three boxes with the counts in their brackets, and
/// each recipient is captioned as the form captions it, 提供先1, 提供先2 (移転先1 … for 移転).
#[test]
fn provision_is_one_item_and_recipients_are_captioned() {
    let text = printed("shinjuku-kokuho", FormKind::Full);
    let squeezed = text.replace([' ', '　'], "");
    let flat = squeezed.replace('\n', "");
    assert!(
        flat.contains("提供・移転の有無［○］提供を行っている（1）件［］移転を行っている（）件［］行っていない"),
        "the first file's provision"
    );
    assert!(flat.contains("提供・移転の有無［○］提供を行っている（2）件"));
    assert!(squeezed
        .lines()
        .any(|l| l.starts_with("提供先1番号法第19条第7号別表第二")));
    assert!(
        squeezed.lines().any(|l| l.starts_with("提供先2")),
        "the second recipient"
    );
    // No row of its own for 行っていない or the counts any more.
    assert!(!squeezed.lines().any(|l| l.starts_with("提供を行っている")));
    assert!(!squeezed
        .lines()
        .any(|l| l.starts_with("提供・移転の有無行っていない")));
}

/// Point 5: 主な記録項目 has its groups 識別情報 / 連絡先等情報 / 業務関係情報, each over its
/// boxes; Ⅵ2 ②実施日・期間 is one item (no invented 「（終了日）」); Ⅲ4/5/6 carry their 「しない」
/// boxes on the heading row, with no invented 委託 / 提供・移転 / 入手 / 提供 rows under them.
#[test]
fn recorded_items_are_grouped_and_no_item_is_invented() {
    let text = printed("shinjuku-kokuho", FormKind::Full);
    let squeezed = text.replace([' ', '　'], "");
    let flat = squeezed.replace('\n', "");
    assert!(flat.contains(
        "主な記録項目※・識別情報［○］個人番号［］個人番号対応符号［○］その他識別情報（内部番号）・連絡先等情報［○］４情報"
    ));
    assert!(flat.contains("・業務関係情報［］国税関係情報［○］地方税関係情報"));
    assert!(squeezed
        .lines()
        .any(|l| l == "②実施日・期間令和4年12月15日～令和5年1月16日"));
    assert!(!squeezed.contains("（終了日）"));
    assert!(squeezed
        .lines()
        .any(|l| l == "４．特定個人情報ファイルの取扱いの委託［］委託しない"));
    assert!(squeezed.lines().any(|l| l
        == "６．情報提供ネットワークシステムとの接続［］接続しない（入手）［］接続しない（提供）"));
    for invented in ["委託", "提供・移転", "入手", "提供"] {
        assert!(
            !squeezed.lines().any(|l| l == invented),
            "a row 「{invented}」 the form does not have"
        );
    }
}

/// Point 6: a risk's label (リスク１：…) is one cell merged down its rows, as on the form: no
/// line crosses the label's column between its first row and the next risk.
#[test]
fn risk_labels_are_merged_down_their_rows() {
    use hyoka::render::layout::Item;
    let pdf = rendered("shinjuku-kokuho", FormKind::Full);
    let mut checked = 0;
    for page in &pdf.laid.pages {
        let label = |start: &str| {
            page.items.iter().find_map(|i| match i {
                // In the group column (Ⅲ6 has items of the same words in the label column).
                // The group column: at the table's left edge.
                Item::Text { text, cell, .. } if text.starts_with(start) && cell.x < 43.0 => {
                    Some(*cell)
                }
                _ => None,
            })
        };
        let Some(second) = label("リスク２：不適切") else {
            continue;
        };
        // The リスク１ just above it (Ⅲ6's リスク１ may stand lower on the page).
        let first = page.items.iter().rev().find_map(|i| match i {
            Item::Text { text, cell, .. }
                if text.starts_with("リスク１：目的外") && cell.x < 43.0 && cell.y < second.y =>
            {
                Some(*cell)
            }
            _ => None,
        });
        let Some(first) = first else {
            continue;
        };
        let crossing = page.items.iter().any(|i| match i {
            Item::Line { x1, y1, x2, y2, .. } => {
                (y1 - y2).abs() < 0.01
                    && *y1 > first.y + first.h + 0.5
                    && *y1 < second.y - 0.5
                    && *x1 <= first.x + 0.5
                    && *x2 >= first.x + first.w - 0.5
            }
            _ => false,
        });
        assert!(!crossing, "a line crosses リスク１'s merged cell");
        // Its rows are there: the value column has lines between them.
        let rows = page
            .items
            .iter()
            .filter(|i| match i {
                Item::Line { x1, y1, y2, .. } => {
                    (y1 - y2).abs() < 0.01
                        && *y1 > first.y
                        && *y1 < second.y - 0.5
                        && *x1 > first.x + first.w - 0.5
                }
                _ => false,
            })
            .count();
        assert!(rows >= 3, "the rows beside the label are ruled ({rows})");
        checked += 1;
    }
    assert!(checked >= 1, "a page with リスク１ and リスク２ of 入手");
}

/// Typesetting: a numbered heading row (shaded as a group) never ends a page: at least the
/// first row under it is on the same page, in every form of every example.
#[test]
fn no_heading_row_ends_a_page() {
    use hyoka::render::layout::{Item, PAGE_H};
    let choice = fonts::discover(None).unwrap();
    let fonts = fonts::Fonts::load(&choice).unwrap();
    for name in EXAMPLES {
        let a = load_example(name).assessment.unwrap();
        for &form in &a.forms {
            let pdf = render::render_pdf(&a, form, &fonts, &PdfOptions::default()).unwrap();
            for (n, page) in pdf.laid.pages.iter().enumerate() {
                for item in &page.items {
                    let Item::Fill { rect, gray } = item else {
                        continue;
                    };
                    // A heading row across the page; one that carries its own answer beside it
                    // (９．従業者に対する教育・啓発 ［ 十分に行っている ］) is a whole row.
                    let full_width = rect.w > hyoka::render::layout::content_width() - 1.0;
                    if (gray - 0.84).abs() > 0.001 || !full_width {
                        continue;
                    }
                    let bottom = rect.y + rect.h;
                    // Something of a row below it: a ruled line under a later cell.
                    let below = page.items.iter().any(|i| match i {
                        Item::Line { y1, y2, .. } => {
                            (y1 - y2).abs() < 0.01 && *y1 > bottom + 1.0 && *y1 < PAGE_H - 45.0
                        }
                        _ => false,
                    });
                    let last_page = n + 1 == pdf.laid.pages.len();
                    assert!(
                        below || last_page,
                        "{name} {form:?} p{}: a heading row ends the page",
                        n + 1
                    );
                }
                // An entry's caption (委託事項2｜its title) has its entry's first row under it.
                for item in &page.items {
                    let Item::Text { text, cell, .. } = item else {
                        continue;
                    };
                    let caption = text
                        .strip_prefix("委託事項")
                        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
                    if !caption {
                        continue;
                    }
                    let bottom = cell.y + cell.h;
                    let below = page.items.iter().any(|i| match i {
                        Item::Line { y1, y2, .. } => (y1 - y2).abs() < 0.01 && *y1 > bottom + 1.0,
                        _ => false,
                    });
                    assert!(below, "{name} {form:?} p{}: {text} ends the page", n + 1);
                }
            }
        }
    }
}

/// Typesetting: no wrapped paragraph leaves one or two characters alone on its last line
/// (「全｜体」「義務付けられ｜る」「令和1年6月27｜日」), in any form of any example; and a
/// numbered line hangs: its wrapped lines start under its text, not under its number.
#[test]
fn no_lone_last_characters_and_numbered_lines_hang() {
    let choice = fonts::discover(None).unwrap();
    let fonts = fonts::Fonts::load(&choice).unwrap();
    let mut lone = Vec::new();
    let mut hung = 0;
    for name in EXAMPLES {
        let a = load_example(name).assessment.unwrap();
        for &form in &a.forms {
            let pdf = render::render_pdf(&a, form, &fonts, &PdfOptions::default()).unwrap();
            for page in &pdf.laid.pages {
                let texts = lines_of(page);
                for (k, (text, continued, cell, rect)) in texts.iter().enumerate() {
                    let next = texts.get(k + 1);
                    let last_of_paragraph = next.is_none_or(|n| !n.1 || n.2 != *cell);
                    if *continued && last_of_paragraph && text.trim().chars().count() < 3 {
                        lone.push(format!("{name} {form:?}: 「{text}」"));
                    }
                    // 「(3)団体内統合宛名等システムを使用し他機関における資格情報を取｜得・確認」:
                    // a numbered line of a value that wraps hangs its next line under its text.
                    let wrapped = next.filter(|n| n.1 && n.2 == *cell);
                    let numbered = !*continued
                        && cell.x > 150.0
                        && cell.w > 200.0
                        && hyoka::render::linebreak::hanging_prefix(text).is_some();
                    if let (true, Some((_, _, _, nrect))) = (numbered, wrapped) {
                        assert!(
                            nrect.x > rect.x + 4.0,
                            "{name} {form:?}: 「{text}」's next line hangs under its text"
                        );
                        hung += 1;
                    }
                }
            }
        }
    }
    assert!(lone.is_empty(), "{lone:#?}");
    assert!(hung >= 1);
}

/// Typesetting: the body is set in ゴシック as the official forms are (one face, embedded once);
/// `--typeface mincho` sets it in 明朝, with ゴシック headings.
#[test]
fn the_body_typeface_is_gothic_unless_mincho_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let fonts_of = |args: &[&str]| {
        let out = dir.path().join("a.pdf");
        let mut all = vec!["render", "examples/yazu-kokuho/assessment.yaml", "-o"];
        all.push(out.to_str().unwrap());
        all.extend(args);
        let (code, _, err) = hyoka(&all);
        assert_eq!(code, 0, "{err}");
        let listed = Command::new("pdffonts").arg(&out).output().unwrap();
        String::from_utf8(listed.stdout).unwrap()
    };
    let gothic = fonts_of(&[]);
    assert!(
        gothic.contains("Gothic") && !gothic.contains("Mincho"),
        "{gothic}"
    );
    let mincho = fonts_of(&["--typeface", "mincho"]);
    assert!(
        mincho.contains("Mincho") && mincho.contains("Gothic"),
        "{mincho}"
    );
}

/// Text compared as words: widths folded, white space and line breaks taken out, and the
/// Roman numerals of the section headings as seed 004's transcription writes them (`II`).
fn words(text: &str) -> String {
    hyoka::text::fold_width(text)
        .replace('Ⅵ', "VI")
        .replace('Ⅴ', "V")
        .replace('Ⅳ', "IV")
        .replace('Ⅲ', "III")
        .replace('Ⅱ', "II")
        .replace('Ⅰ', "I")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn seed(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures/seeds").join(name)).unwrap()
}

/// The fidelity measure: of seed 002's lines (the published 八頭町 基礎項目評価書), and of
/// seed 004's labels (新宿区's 全項目評価書 revision pages), at least 97% are printed word for
/// word by the examples' forms. Seed 004's first cells name an item by its label and sub-label
/// (`ユーザ認証の管理 具体的な管理方法`): each of the two must be printed. What is left over is
/// the transcription's own (a typo 国保取滞納ファイル, a range 「(1)～(4)」 of file names, a label run
/// together with the next) and 別添1 (the flows, printed in the attachments).
#[test]
fn the_seeds_wording_is_printed_word_for_word() {
    let ours = words(&printed("yazu-kokuho", FormKind::Basic));
    let lines: Vec<String> = seed("002-yazu-basic.txt")
        .lines()
        .map(words)
        .filter(|l| !l.is_empty())
        .collect();
    let missed: Vec<&String> = lines
        .iter()
        .filter(|l| !ours.contains(l.as_str()))
        .collect();
    let share = 1.0 - missed.len() as f64 / lines.len() as f64;
    println!(
        "seed 002: {} of {} lines printed word for word ({:.1}%)",
        lines.len() - missed.len(),
        lines.len(),
        share * 100.0
    );
    assert!(share >= 0.97, "{:.3}: {missed:#?}", share);

    let ours = words(&printed("shinjuku-kokuho", FormKind::Full));
    let tags = regex::Regex::new("<[^>]+>").unwrap();
    let labels: Vec<String> = seed("004-shinjuku-full-revisions.txt")
        .lines()
        .filter_map(|l| {
            let first = tags
                .replace_all(l.split('\t').next()?, "")
                .trim()
                .to_string();
            // Headers of the revision tables, page and reason lines, and values are not labels.
            let header = first.starts_with("変更または追記") || first.starts_with('-');
            let page = first.chars().next().is_some_and(|c| c.is_ascii_digit())
                && (first.chars().all(|c| c.is_ascii_digit())
                    || (first.contains(' ') && !first.contains('.')));
            let value = first.chars().count() > 60 || first.starts_with(['→', '⇨']);
            (!first.is_empty() && !header && !page && !value).then_some(first)
        })
        .collect();
    let printed_label = |label: &String| {
        ours.contains(&words(label))
            || label
                .split(' ')
                .filter(|p| p.chars().count() >= 2)
                .all(|p| ours.contains(&words(p)))
    };
    let missed: Vec<&String> = labels.iter().filter(|l| !printed_label(l)).collect();
    let share = 1.0 - missed.len() as f64 / labels.len() as f64;
    println!(
        "seed 004: {} of {} labels printed word for word ({:.1}%)",
        labels.len() - missed.len(),
        labels.len(),
        share * 100.0
    );
    assert!(share >= 0.97, "{:.3}: {missed:#?}", share);
}

/// Issue 23 point 1: the official form's line measure and page count. Seed 002 prints 事務の概要
/// at 45–47 characters a line (its first line is 「国民健康保険法に関する法律等の規定に則り、資格の
/// 管理・保険証の発行、所得資産の管理・保険税」), 変更前の記載 / 変更後の記載 at about 20, and the
/// whole 様式2 on nine pages or fewer, the change table on four, Ⅳ and 変更箇所 each from a page's top.
#[test]
fn basic_form_has_the_official_measure_and_page_count() {
    use hyoka::render::layout::Item;
    let choice = fonts::discover(None).unwrap();
    let fonts = fonts::Fonts::load(&choice).unwrap();
    let a = load_example("yazu-kokuho").assessment.unwrap();
    let pdf = render::render_pdf(&a, FormKind::Basic, &fonts, &PdfOptions::default()).unwrap();
    let pages = &pdf.laid.pages;
    assert!(pages.len() <= 9, "{} pages", pages.len());
    let texts = |p: &hyoka::render::layout::Page| -> Vec<(String, f32, f32)> {
        p.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, cell, .. } => Some((text.clone(), cell.x, cell.w)),
                _ => None,
            })
            .collect()
    };
    let all: Vec<(usize, String, f32, f32)> = pages
        .iter()
        .enumerate()
        .flat_map(|(n, p)| texts(p).into_iter().map(move |(t, x, w)| (n, t, x, w)))
        .collect();
    // Ⅰ's answer column: the seed's first line of 事務の概要, whole, and lines of 45–47 characters.
    let first = "国民健康保険法に関する法律等の規定に則り、資格の管理・保険証の発行、所得資産の管理・保険税";
    let (_, _, x, w) = all
        .iter()
        .find(|(_, t, _, _)| t == first)
        .unwrap_or_else(|| panic!("the seed's first line of 事務の概要 is one printed line"))
        .clone();
    // In full-width characters: a half-width digit or letter counts a half.
    let measure = |t: &str| -> usize {
        let halves: usize = t.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
        halves / 2
    };
    // Lines of full-width characters only: a proportional font sets half-width ones narrower.
    let widest = all
        .iter()
        .filter(|(_, t, cx, cw)| *cx == x && *cw == w && !t.chars().any(|c| c.is_ascii()))
        .map(|(_, t, _, _)| measure(t))
        .max()
        .unwrap();
    assert!(
        (45..=47).contains(&widest),
        "Ⅰ's answer column: {widest} characters a line"
    );
    // The change table: its header on at most four pages, 変更前の記載 about 20 characters.
    let header_pages: Vec<usize> = all
        .iter()
        .filter(|(_, t, _, _)| t == "変更前の記載")
        .map(|(n, ..)| *n)
        .collect();
    assert!(
        !header_pages.is_empty() && header_pages.len() <= 4,
        "{header_pages:?}"
    );
    let (_, _, bx, bw) = all
        .iter()
        .find(|(_, t, _, _)| t == "変更前の記載")
        .unwrap()
        .clone();
    let before = all
        .iter()
        .filter(|(_, t, cx, cw)| {
            *cx == bx && *cw == bw && t != "変更前の記載" && !t.chars().any(|c| c.is_ascii())
        })
        .map(|(_, t, _, _)| measure(t))
        .max()
        .unwrap();
    assert!(
        (19..=22).contains(&before),
        "変更前の記載: {before} characters a line"
    );
    // Ⅳ and 変更箇所 start their pages.
    for heading in ["Ⅳ　リスク対策", "変更箇所"] {
        let page = pages
            .iter()
            .find(|p| texts(p).iter().any(|(t, ..)| t == heading))
            .unwrap_or_else(|| panic!("{heading} is printed"));
        let body: Vec<String> = texts(page)
            .into_iter()
            .map(|(t, ..)| t)
            .filter(|t| !t.contains(" / ") && *t != a.cover.title)
            .collect();
        assert_eq!(body.first().map(String::as_str), Some(heading), "{body:?}");
    }
}

/// Issue 23 point 3, as seed 002 prints them: Ⅳ９ a heading row and then the question row with
/// its answer; Ⅰ６ a heading with 「なし」 on its own row below it.
#[test]
fn basic_form_rows_iv9_and_i6_print_as_the_seed() {
    let text = printed("yazu-kokuho", FormKind::Basic);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let at = |l: &str| {
        lines
            .iter()
            .position(|x| *x == l)
            .unwrap_or_else(|| panic!("「{l}」 on a line of its own:\n{text}"))
    };
    let nine = at("９．従業者に対する教育・啓発");
    assert!(
        lines[nine + 1].starts_with("従業者に対する教育・啓発 十分に行っている"),
        "{:?}",
        &lines[nine..nine + 3]
    );
    let six = at("６．他の評価実施機関");
    assert_eq!(lines[six + 1], "なし");
}

/// The laid-out pages of every form of every example.
fn every_laid_form() -> Vec<(String, Vec<hyoka::render::layout::Page>)> {
    let choice = fonts::discover(None).unwrap();
    let fonts = fonts::Fonts::load(&choice).unwrap();
    let mut out = Vec::new();
    for name in EXAMPLES {
        let a = load_example(name).assessment.unwrap();
        for &form in &a.forms {
            let pdf = render::render_pdf(&a, form, &fonts, &PdfOptions::default()).unwrap();
            out.push((format!("{name} {form:?}"), pdf.laid.pages));
        }
    }
    out
}

/// Issue 23 point 3: a bracketed answer stands on one line between its brackets, as the
/// form prints 「[特定個人情報ファイルの全体]」 and 「[基礎項目評価書及び重点項目評価書]」 — in
/// every choice of every form of every example.
#[test]
fn bracketed_answers_stand_on_one_line() {
    use hyoka::render::layout::Item;
    let mut answers = 0;
    for (form, pages) in every_laid_form() {
        for page in &pages {
            for item in &page.items {
                let Item::Brackets { rect } = item else {
                    continue;
                };
                let inside: Vec<&str> = page
                    .items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Text { rect: r, text, .. }
                            if r.x >= rect.x - 0.5
                                && r.x + r.w <= rect.x + rect.w + 0.5
                                && r.y >= rect.y - 0.5
                                && r.y + r.h <= rect.y + rect.h + 0.5 =>
                        {
                            Some(text.as_str())
                        }
                        _ => None,
                    })
                    .collect();
                assert!(inside.len() <= 1, "{form}: an answer wraps: {inside:?}");
                answers += inside.len();
            }
        }
    }
    assert!(answers > 100, "{answers} answers seen");
}

/// Issue 23 point 3: sub-items print nested under their parent, its label merged down their
/// rows (seed 004: 対象となる本人の数 / 範囲 ※ / その妥当性 under 委託's ②; 主な記録項目 ※ under
/// ④), and Ⅲ6's リスク１–７ each have 「リスクに対する措置の内容」 and 「リスクへの対策は十分か」 under
/// them, as Ⅲ2/3/5 do.
#[test]
fn sub_items_are_nested_under_their_parent() {
    use hyoka::render::layout::{Item, Rect};
    let (_, pages) = every_laid_form()
        .into_iter()
        .find(|(f, _)| f == "shinjuku-kokuho Full")
        .unwrap();
    let group_cell = |page: &hyoka::render::layout::Page, start: &str| -> Option<Rect> {
        page.items.iter().find_map(|i| match i {
            Item::Text { text, cell, .. } if text.starts_with(start) && cell.x < 43.0 => {
                Some(*cell)
            }
            _ => None,
        })
    };
    // The labels printed beside a group cell, in its rows, in order: down to the next cell of
    // the group column (the text's own cell is the merged cell's first row).
    let beside = |page: &hyoka::render::layout::Page, g: Rect| -> Vec<String> {
        let end = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { cell, .. } if (cell.x - g.x).abs() < 0.5 && cell.y > g.y + 0.5 => {
                    Some(cell.y)
                }
                _ => None,
            })
            .fold(f32::MAX, f32::min);
        let mut v: Vec<(f32, String)> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text {
                    text, cell, rect, ..
                } if (cell.x - (g.x + g.w)).abs() < 0.5 && rect.y >= g.y - 0.5 && rect.y < end => {
                    Some((rect.y, text.clone()))
                }
                _ => None,
            })
            .collect();
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        v.into_iter().map(|(_, t)| t).collect()
    };
    let mut found = std::collections::BTreeMap::<&str, usize>::new();
    for page in &pages {
        for (group, expected) in [
            (
                "②取扱いを",
                &["対象となる本人の数", "対象となる本人の範", "その妥当性"][..],
            ),
            (
                "④記録され",
                &["主な記録項目 ※", "その妥当性", "全ての記録項目"][..],
            ),
            (
                "リスク５：不正",
                &["リスクに対する措置の内容", "リスクへの対策は十分か"][..],
            ),
            (
                "リスク７：誤った",
                &["リスクに対する措置の内容", "リスクへの対策は十分か"][..],
            ),
        ] {
            let Some(g) = group_cell(page, group) else {
                continue;
            };
            // In order beside it (a group begun at a page foot continues on the next page).
            let labels = beside(page, g);
            let mut at = 0;
            let whole = expected.iter().all(|want| {
                match labels[at..].iter().position(|l| l.starts_with(want)) {
                    Some(k) => {
                        at += k + 1;
                        true
                    }
                    None => false,
                }
            });
            if whole {
                *found.entry(group).or_default() += 1;
            } else if std::env::var_os("DEBUG_NEST").is_some() {
                eprintln!("{group}: {labels:?}");
            }
        }
    }
    assert_eq!(found.len(), 4, "{found:?}");
}

/// Issue 23 point 3: a numbered line hangs only where it is a list item in a value; a label,
/// the form's note and a 変更箇所 項目 cell are set flush.
#[test]
fn only_list_items_in_values_hang() {
    use hyoka::render::layout::Item;
    use hyoka::render::tree::*;
    let choice = fonts::discover(None).unwrap();
    let fonts = fonts::Fonts::load(&choice).unwrap();
    let long = "1. 国民健康保険法に関する法律等の規定に則り、資格の管理・保険証の発行、所得資産の管理・保険税（料）の賦課、高額療養費の支給を行う";
    let row = |cell: Cell| Row {
        cells: vec![cell.spanning(3)],
        ..Row::default()
    };
    let doc = Document {
        title: String::new(),
        form_title: String::new(),
        author: String::new(),
        blocks: vec![Block::Table(Table {
            widths: vec![0.2, 0.2, 0.6],
            header: Vec::new(),
            rows: vec![
                row(Cell::text(long)),
                row(Cell::label(long)),
                row(Cell::text(long).flush()),
            ],
            size: None,
        })],
        lists: Vec::new(),
    };
    let laid = hyoka::render::layout::layout(&doc, &fonts);
    let mut starts: Vec<Vec<f32>> = Vec::new();
    let mut last_cell = None;
    for item in &laid.pages[0].items {
        if let Item::Text {
            rect, cell, text, ..
        } = item
        {
            if !long.contains(text.trim()) {
                continue; // the page's header and number
            }
            if last_cell != Some(cell.y) {
                starts.push(Vec::new());
                last_cell = Some(cell.y);
            }
            starts.last_mut().unwrap().push(rect.x);
        }
    }
    assert_eq!(starts.len(), 3, "{starts:?}");
    let [value, label, flush] = &starts[..] else {
        unreachable!()
    };
    assert!(
        value.len() > 1 && value[1] > value[0] + 5.0,
        "a value's list item hangs"
    );
    for other in [label, flush] {
        assert!(other.len() > 1, "{other:?}");
        assert!(
            other.iter().all(|x| (x - other[0]).abs() < 0.5),
            "set flush: {other:?}"
        );
    }
}

/// Issue 23 point 4: 様式4's （別添1）事務の内容 prints the flows' pictures and numbered steps,
/// as `hyoka attachments` draws 別紙1, under one heading on a page of its own, then its words;
/// without flows, the words alone. The workbook leaves the pictures out (it carries the flows
/// as data) and reads back the same words.
#[test]
fn appendix_1_prints_the_flows_picture_under_one_heading() {
    use hyoka::render::layout::Item;
    let choice = fonts::discover(None).unwrap();
    let fonts = fonts::Fonts::load(&choice).unwrap();
    let a = load_example("shinjuku-kokuho").assessment.unwrap();
    assert!(!a.flows.is_empty(), "the example has seed 003's flows");
    let pdf = render::render_pdf(&a, FormKind::Full, &fonts, &PdfOptions::default()).unwrap();
    let texts = |page: &hyoka::render::layout::Page| -> Vec<String> {
        page.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    };
    let heading_pages: Vec<usize> = (0..pdf.laid.pages.len())
        .filter(|&n| {
            texts(&pdf.laid.pages[n])
                .iter()
                .any(|t| t.contains("別添1）事務の内容"))
        })
        .collect();
    assert_eq!(heading_pages.len(), 1, "one heading: {heading_pages:?}");
    let page = &pdf.laid.pages[heading_pages[0]];
    let words = texts(page);
    // The heading opens the page (after the running header).
    let first_body = words
        .iter()
        .find(|t| !t.contains("全項目評価書") && !t.contains("国民健康保険に関する事務"))
        .unwrap();
    assert_eq!(first_body, "（別添1）事務の内容");
    assert!(!words.iter().any(|t| t.contains("(別添1) 事務の内容")));
    // The picture: the counterparts' boxes and the arrows between them, as 別紙1 draws them.
    for name in ["被保険者", "市町村", "国保連合会", "後期高齢者医療広域連合"]
    {
        assert!(words.iter().any(|t| t == name), "{name} in the picture");
    }
    let arrows = page
        .items
        .iter()
        .filter(|i| matches!(i, Item::Line { y1, y2, .. } if (y1 - y2).abs() > 5.0))
        .count();
    assert!(arrows >= 10, "{arrows} slanted or upright lines");
    // The steps, numbered through the flow, under their headings; then the words.
    let all: String = pdf
        .laid
        .pages
        .iter()
        .flat_map(&texts)
        .collect::<Vec<_>>()
        .join("\n");
    let order = [
        "《住民異動届の受付》",
        "1. 被保険者より提出された住民異動届が回付される。",
        "20. 国民健康保険資格異動",
        "(備考)",
        "Ⅱ　特定個人情報ファイルの概要",
    ];
    let mut at = 0;
    for want in order {
        let k = all[at..]
            .find(want)
            .unwrap_or_else(|| panic!("{want} after the one before"));
        at += k + want.len();
    }

    // Without flows: the heading, then the words alone.
    let mut plain = a.clone();
    plain.flows.clear();
    let pdf = render::render_pdf(&plain, FormKind::Full, &fonts, &PdfOptions::default()).unwrap();
    let all: Vec<String> = pdf.laid.pages.iter().flat_map(texts).collect();
    let h = all.iter().position(|t| t == "（別添1）事務の内容").unwrap();
    assert!(all[h + 1].starts_with("A. 国民健康保険の事務とシステムの関係"));
    assert!(!all.iter().any(|t| t.contains("《住民異動届の受付》")));

    // The workbook: no steps as cells; the words and the flows come back.
    let xlsx = render::render_xlsx(&a, FormKind::Full, Some(0)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("full.xlsx");
    std::fs::write(&path, &xlsx).unwrap();
    let imported = hyoka::import::import_path(&path, &Default::default()).unwrap();
    assert!(imported.findings.is_empty(), "{:#?}", imported.findings);
    let back = load_text(&imported.yaml).assessment.unwrap();
    let (got, want) = (
        back.operation.flow.unwrap(),
        a.operation.flow.clone().unwrap(),
    );
    // A `|` block's final line break is the YAML's, not the cell's.
    assert_eq!(got.trim_end(), want.trim_end());
    assert_eq!(back.flows, a.flows);
}

/// Issue 23 point 3: 委託の有無 ※ prints its 「（ ）件」 count with the answer (様式3/4), and
/// ③手数料等 its (手数料額、納付方法：…) inside the answer, not as a row of its own.
#[test]
fn the_count_of_delegations_and_the_fee_are_printed_with_their_answers() {
    let full = printed("shinjuku-kokuho", FormKind::Full);
    let a = load_example("shinjuku-kokuho").assessment.unwrap();
    let n = a.files[0].delegations.len();
    let at = full.find("委託の有無 ※").expect("委託の有無");
    let block: String = full[at..].lines().take(5).collect::<Vec<_>>().join("\n");
    assert!(block.contains(&format!("（ {n} ）件")), "{block}");
    let at = full.find("③手数料等").expect("③手数料等");
    let block: String = full[at..].lines().take(6).collect::<Vec<_>>().join("");
    assert!(
        block.contains(
            "（手数料額、納付方法：写しの交付に要する費用（白黒1枚10円）を窓口又は郵便振替で納付）"
        ),
        "{block}"
    );
    assert!(
        !full.lines().any(|l| l.trim() == "（手数料額、納付方法：）"
            || l.starts_with("（手数料額、納付方法：） ")),
        "the fee's words are not a row of their own"
    );
    // 様式3 counts its delegations too.
    let key = printed("higashiyama-jidoteate", FormKind::Key);
    let at = key.find("委託の有無 ※").expect("委託の有無");
    let block: String = key[at..].lines().take(5).collect::<Vec<_>>().join("\n");
    assert!(block.contains("）件"), "{block}");
}

/// Issue 23 point 3: 「決定 ※」 keeps its space and its ※: no label line of any form starts with
/// ※, and a label's ※ follows its words after a space, on their line.
#[test]
fn a_labels_mark_stays_with_its_words() {
    use hyoka::render::layout::Item;
    let mut marks = 0;
    for (form, pages) in every_laid_form() {
        for page in &pages {
            for item in &page.items {
                let Item::Text { text, cell, .. } = item else {
                    continue;
                };
                // Label columns: narrower than the value column.
                if cell.w > 200.0 {
                    continue;
                }
                assert!(!text.trim_start().starts_with('※'), "{form}: 「{text}」");
                if text.ends_with('※') {
                    assert!(text.ends_with(" ※"), "{form}: 「{text}」");
                    marks += 1;
                }
            }
        }
    }
    assert!(marks > 20, "{marks}");
}

/// Issue 23 point 1, 様式3/4: the proportions seed 004 shows — ③他のシステムとの接続's boxes two
/// a line in a fixed grid (「[] 情報提供ネットワークシステム [] 庁内連携システム」), and Ⅲ's risk
/// labels about 13 characters a line (「リスク4: 特定個人情報 / ファイルが不正に複製される」).
#[test]
fn full_form_has_the_seeds_proportions() {
    let text = printed("shinjuku-kokuho", FormKind::Full);
    assert!(
        text.lines()
            .any(|l| l.contains("情報提供ネットワークシステム") && l.contains("庁内連携システム")),
        "two boxes a line"
    );
    let (_, pages) = every_laid_form()
        .into_iter()
        .find(|(f, _)| f == "shinjuku-kokuho Full")
        .unwrap();
    let mut risk_lines = Vec::new();
    // The boxes of a grid stand in columns: 庁内連携システム (first line) and 宛名システム等 (third)
    // both in the second, at one x.
    let mut second_column = std::collections::BTreeSet::new();
    for page in &pages {
        let texts = lines_of(page);
        for (k, (t, continued, cell, _)) in texts.iter().enumerate() {
            let wraps = texts.get(k + 1).is_some_and(|n| n.1 && n.2 == *cell);
            if t.starts_with("リスク") && cell.x < 43.0 && !continued && wraps {
                risk_lines.push(t.chars().count());
            }
        }
        // In ③他のシステムとの接続: each beside the box that opens its line.
        for (t, _, cell, rect) in &texts {
            let first = match *t {
                "庁内連携システム" => "情報提供ネットワークシステム",
                "宛名システム等" => "既存住民基本台帳システム",
                _ => continue,
            };
            let paired = texts
                .iter()
                .any(|(o, _, c, r)| *o == first && c == cell && (r.y - rect.y).abs() < 0.5);
            if paired {
                second_column.insert(rect.x.round() as i64);
            }
        }
    }
    assert!(risk_lines.len() > 20, "{risk_lines:?}");
    assert!(
        risk_lines.iter().all(|&n| (11..=14).contains(&n)),
        "risk label lines: {risk_lines:?}"
    );
    // 庁内連携システム and 宛名システム等 stand in the grid's second column, wherever printed.
    assert_eq!(second_column.len(), 1, "{second_column:?}");
}
