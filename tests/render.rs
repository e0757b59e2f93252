//! `hyoka render`: the examples as PDF, checked through poppler's text extraction and through
//! the layout result; and as HTML.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::*;
use hyoka::model::FormKind;
use hyoka::render::{self, build, fonts, layout, linebreak, pdf::PdfOptions, tree::Block};

fn fonts() -> fonts::Fonts {
    let choice = fonts::discover(None)
        .expect("a Japanese font is installed (apt-get install fonts-ipaexfont)");
    fonts::Fonts::load(&choice).unwrap()
}

fn pdftotext(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, bytes).unwrap();
    // The body only: leave out the page header (評価書名) and footer (N / M), which would
    // otherwise interrupt a cell that continues on the next page.
    let out = Command::new("pdftotext")
        .args([
            "-raw", "-enc", "UTF-8", "-x", "0", "-y", "44", "-W", "596", "-H", "756",
        ])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext is installed (apt-get install poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Whether `cell` appears in `text` as at most `max` contiguous pieces, in order: a row split
/// across pages is drawn a piece per page, with its other cells' pieces between them.
fn appears_in_pieces(text: &str, cell: &str, max: usize) -> bool {
    let t: Vec<char> = text.chars().collect();
    let c: Vec<char> = cell.chars().collect();
    let hay: String = t.iter().collect();
    let (mut done, mut from, mut pieces) = (0, 0, 0);
    while done < c.len() {
        // The longest next piece of the cell found after the previous one.
        let found = |len: usize| -> Option<usize> {
            let needle: String = c[done..done + len].iter().collect();
            let start: usize = t[..from].iter().map(|ch| ch.len_utf8()).sum();
            hay[start..]
                .find(&needle)
                .map(|b| from + hay[start..start + b].chars().count() + len)
        };
        let (mut lo, mut hi, mut best) = (1, c.len() - done, None);
        while lo <= hi {
            let mid = (lo + hi) / 2;
            match found(mid) {
                Some(end) => {
                    best = Some((mid, end));
                    lo = mid + 1;
                }
                None => hi = mid - 1,
            }
        }
        let Some((len, end)) = best else { return false };
        done += len;
        from = end;
        pieces += 1;
        if pieces > max {
            return false;
        }
    }
    true
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// (example, form) pairs: every form every example declares.
fn cases() -> Vec<(&'static str, FormKind)> {
    let mut out = Vec::new();
    for name in EXAMPLES {
        for f in load_example(name).assessment.unwrap().forms {
            out.push((*name, f));
        }
    }
    out
}

#[test]
fn every_label_and_value_of_every_form_is_in_the_extracted_text() {
    let fonts = fonts();
    for (name, form) in cases() {
        let a = load_example(name).assessment.unwrap();
        let rendered = render::render_pdf(&a, form, &fonts, &PdfOptions::default()).unwrap();
        let full = squash(&pdftotext(&rendered.bytes));
        let doc = build::build(&a, form).unwrap();
        let mut checked = 0;
        for block in &doc.blocks {
            let Block::Table(t) = block else { continue };
            // A row continued on a new page follows the repeated header there: read the rows
            // without the header's repetitions, and the header itself in the full text.
            let header: String = t
                .header
                .iter()
                .flat_map(|r| r.cells.iter().map(|c| squash(&c.content.plain())))
                .collect();
            let text = if header.is_empty() {
                full.clone()
            } else {
                full.replace(&header, "")
            };
            assert!(
                header.is_empty() || full.contains(&header),
                "{name} {form:?}: table header missing"
            );
            for row in &t.rows {
                for cell in &row.cells {
                    let pieces: Vec<String> = match &cell.content {
                        render::tree::Content::Text(s) => vec![s.clone()],
                        render::tree::Content::Choice {
                            selected, options, ..
                        } => selected
                            .iter()
                            .cloned()
                            .chain(options.iter().cloned())
                            .collect(),
                        render::tree::Content::Ticks(items) => {
                            items.iter().map(|(_, l)| l.clone()).collect()
                        }
                        render::tree::Content::TickGroups(groups) => groups
                            .iter()
                            .flat_map(|(caption, items)| {
                                std::iter::once(caption.clone())
                                    .chain(items.iter().map(|(_, l)| l.clone()))
                            })
                            .collect(),
                    };
                    for p in pieces {
                        let want = squash(&p);
                        if !want.is_empty() {
                            assert!(
                                appears_in_pieces(&text, &want, 4),
                                "{name} {form:?}: `{p}` is not in the PDF text"
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 100, "{name} {form:?}: only {checked} cells");
        // And the things a reader looks for first.
        let cover = &a.cover;
        for must in [
            cover.title_for(form).as_str(),
            cover.body.as_str(),
            "特定個人情報保護評価書",
        ] {
            assert!(full.contains(&squash(must)), "{name} {form:?}: {must}");
        }
    }
}

/// The extracted text of each example's main form, kept in `tests/golden/`. Set
/// `HYOKA_BLESS=1` to rewrite them after an intended change, and review the diff.
#[test]
fn golden_text_per_form() {
    let fonts = fonts();
    for (name, form) in [
        ("yazu-kokuho", FormKind::Basic),
        ("higashiyama-jidoteate", FormKind::Key),
        ("shinjuku-kokuho", FormKind::Full),
    ] {
        let a = load_example(name).assessment.unwrap();
        let rendered = render::render_pdf(&a, form, &fonts, &PdfOptions::default()).unwrap();
        let text = pdftotext(&rendered.bytes);
        let golden = root()
            .join("tests/golden")
            .join(format!("{name}.{}.txt", form.id()));
        if std::env::var_os("HYOKA_BLESS").is_some() {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, &text).unwrap();
        }
        let want = std::fs::read_to_string(&golden)
            .unwrap_or_else(|_| panic!("{} is missing: run with HYOKA_BLESS=1", golden.display()));
        if want != text {
            let first = want
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(want.lines().count().min(text.lines().count()));
            panic!(
                "{name} {form:?} differs from {} at line {}:\n  golden:   {:?}\n  rendered: {:?}",
                golden.display(),
                first + 1,
                want.lines().nth(first),
                text.lines().nth(first)
            );
        }
    }
}

#[test]
fn no_text_outside_its_cell_and_no_continued_line_starts_with_a_forbidden_character() {
    let fonts = fonts();
    for (name, form) in cases() {
        let a = load_example(name).assessment.unwrap();
        // As `render` lays it out: pictures measured in the PDF's font.
        let laid = render::layout_form(&a, form, &fonts).unwrap();
        assert!(
            laid.overflows().is_empty(),
            "{name} {form:?}: {:?}",
            laid.overflows()
        );
        let mut continued = 0;
        for page in &laid.pages {
            for item in &page.items {
                if let layout::Item::Text {
                    text,
                    continued: true,
                    ..
                } = item
                {
                    continued += 1;
                    let first = text.chars().next().unwrap();
                    assert!(
                        !linebreak::NO_START.contains(first),
                        "{name} {form:?}: a wrapped line starts with {first}: {text}"
                    );
                }
            }
        }
        assert!(
            continued > 12,
            "{name} {form:?}: the test saw only {continued} wrapped lines"
        );
    }
}

#[test]
fn output_is_byte_identical_and_dated_only_by_source_date_epoch() {
    let fonts = fonts();
    let a = load_example("yazu-kokuho").assessment.unwrap();
    let first = render::render_pdf(&a, FormKind::Basic, &fonts, &PdfOptions::default())
        .unwrap()
        .bytes;
    let second = render::render_pdf(&a, FormKind::Basic, &fonts, &PdfOptions::default())
        .unwrap()
        .bytes;
    assert!(first == second, "two renders differ");
    let text = String::from_utf8_lossy(&first);
    // No wall-clock date, and no false one (1970) either: without SOURCE_DATE_EPOCH, no date.
    assert!(
        !text.contains("/CreationDate") && !text.contains("/ModDate") && !text.contains("D:1970"),
        "an undated render carries a date"
    );
    let dated = render::render_pdf(
        &a,
        FormKind::Basic,
        &fonts,
        &PdfOptions {
            source_date_epoch: Some(1_704_067_200),
        },
    )
    .unwrap()
    .bytes;
    let dated = String::from_utf8_lossy(&dated);
    assert!(dated.contains("/CreationDate(D:2024") && dated.contains("/ModDate(D:2024"));
    assert_eq!(
        render::render_html(&a, FormKind::Basic).unwrap(),
        render::render_html(&a, FormKind::Basic).unwrap()
    );
}

#[test]
fn pdf_has_outline_metadata_and_a_subset_font() {
    let fonts = fonts();
    let a = load_example("shinjuku-kokuho").assessment.unwrap();
    let r = render::render_pdf(&a, FormKind::Full, &fonts, &PdfOptions::default()).unwrap();
    let raw = String::from_utf8_lossy(&r.bytes);
    assert!(raw.contains("/Outlines"), "outline");
    let marks: Vec<&str> = r
        .laid
        .pages
        .iter()
        .flat_map(|p| p.bookmarks.iter().map(|(t, _)| t.as_str()))
        .collect();
    for m in [
        "Ⅰ　基本情報",
        "(1) 国保賦課ファイル",
        "(4) 国保収滞納ファイル",
        "Ⅵ　評価実施手続",
        "（別添3）変更箇所",
    ] {
        assert!(marks.contains(&m), "{m} not in {marks:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.pdf");
    std::fs::write(&path, &r.bytes).unwrap();
    let info =
        String::from_utf8(Command::new("pdfinfo").arg(&path).output().unwrap().stdout).unwrap();
    assert!(
        info.contains("国民健康保険に関する事務　全項目評価書") && info.contains("新宿区長"),
        "{info}"
    );
    // Not PDF/X: printpdf's empty GTS_PDFXVersion made readers say so.
    assert!(
        !info.contains("PDF/X") && !info.contains("CreationDate"),
        "{info}"
    );
    assert!(
        raw.contains("/PageMode/UseOutlines") && raw.contains("/Lang(ja)"),
        "catalog"
    );
    let fonts_out =
        String::from_utf8(Command::new("pdffonts").arg(&path).output().unwrap().stdout).unwrap();
    let rows: Vec<Vec<&str>> = fonts_out
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    // The body in ゴシック (the default typeface): one face for all the text.
    assert_eq!(rows.len(), 1, "ゴシック alone: {fonts_out}");
    for row in rows {
        // name, type (2 words), encoding, emb, sub, uni, object, ID
        let (name, encoding, emb, sub, uni) = (row[0], row[3], row[4], row[5], row[6]);
        let (tag, _) = name.split_once('+').expect("a subset tag");
        assert!(
            tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()),
            "subset tag of six uppercase letters (PDF 32000-1 9.6.4): {fonts_out}"
        );
        assert_eq!(
            (encoding, emb, sub, uni),
            ("Identity-H", "yes", "yes", "yes"),
            "embedded subset with ToUnicode: {fonts_out}"
        );
    }
    // The IPAex fonts are 4 MB and more each: a subset keeps a 40-page form small.
    assert!(r.bytes.len() < 1_500_000, "{} bytes", r.bytes.len());
}

#[test]
fn long_texts_and_long_tables_paginate_cleanly() {
    let fonts = fonts();
    let mut a = load_example("yazu-kokuho").assessment.unwrap();
    // A 事務の概要 several pages long, and a change table of 150 rows.
    a.operation.summary = Some(
        "特定個人情報ファイルは、以下の場合に使用する。被保険者資格の取得・喪失の認定を行う。\n"
            .repeat(260),
    );
    let row = a.history[1].clone();
    a.history = (0..150).map(|_| row.clone()).collect();
    let laid = layout::layout(&build::build(&a, FormKind::Basic).unwrap(), &fonts);
    assert!(laid.overflows().is_empty(), "{:?}", laid.overflows());
    assert!(laid.pages.len() > 12, "{} pages", laid.pages.len());
    // The summary runs over several pages: its row is printed on each of them.
    let summary_pages = laid
        .pages
        .iter()
        .filter(|p| p.paths.iter().any(|q| q == "/operation/summary"))
        .count();
    assert!(summary_pages >= 3, "{summary_pages}");
    // Every page of the change table starts with its header.
    let table_pages: Vec<&layout::Page> = laid
        .pages
        .iter()
        .filter(|p| p.paths.iter().any(|q| q.starts_with("/history/")))
        .collect();
    assert!(table_pages.len() >= 5);
    // The table's first page starts with what came before it; every later one with the header.
    for p in &table_pages[1..] {
        let first_text = p
            .items
            .iter()
            .find_map(|i| {
                if let layout::Item::Text { text, .. } = i {
                    Some(text.as_str())
                } else {
                    None
                }
            })
            .unwrap();
        assert_eq!(
            first_text, "変更日",
            "a continued page starts with the header"
        );
        let texts: BTreeSet<&str> = p
            .items
            .iter()
            .filter_map(|i| {
                if let layout::Item::Text { text, .. } = i {
                    Some(text.as_str())
                } else {
                    None
                }
            })
            .collect();
        assert!(
            texts.contains("変更日") && texts.contains("変更前の記載"),
            "header repeated"
        );
    }
    // Nothing is lost: every row is on some page.
    for i in 0..150 {
        assert!(laid.page_of(&format!("/history/{i}")).is_some(), "row {i}");
    }
}

#[test]
fn html_is_self_contained_and_carries_paths_and_marks() {
    let a = load_example("shinjuku-kokuho").assessment.unwrap();
    let html = render::render_html(&a, FormKind::Full).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("<link") && !html.contains("<script") && !html.contains("src=\""),
        "self-contained"
    );
    assert!(html.contains("<h2>Ⅱ　特定個人情報ファイルの概要</h2>"));
    assert!(html.contains(
        "data-path=\"/files/0/delegations/0/subcontract/status\" data-important=\"true\""
    ));
    assert!(html.contains("<span class=\"sel\">再委託する</span>"));
    assert!(html.contains("aria-checked=\"true\"></span>専用線"));
    assert!(html.contains("@page { size: A4 portrait"));
}

#[test]
fn cli_renders_files_and_directories_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_hyoka"))
            .args(args)
            .env_remove("HYOKA_FONT")
            .output()
            .unwrap()
    };
    let r = run(&[
        "render",
        root().join("examples").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    // Every input's forms, under the input's own folder: three examples named assessment.yaml
    // must not overwrite each other's PDFs.
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .flat_map(|e| std::fs::read_dir(e.unwrap().path()).unwrap())
        .map(|e| {
            let p = e.unwrap().path();
            p.strip_prefix(&out).unwrap().to_string_lossy().into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "higashiyama-jidoteate/assessment.basic.pdf",
            "higashiyama-jidoteate/assessment.key.pdf",
            // The notices of purposes of use in the folder are rendered too.
            "notice-jinzai-kenpo/notice.notice.pdf",
            "notice-kenpo-disclosure/notice.notice.pdf",
            "shinjuku-kokuho/assessment.basic.pdf",
            "shinjuku-kokuho/assessment.full.pdf",
            "yazu-kokuho/assessment.basic.pdf",
        ]
    );
    let said = String::from_utf8_lossy(&r.stderr);
    assert_eq!(said.matches(".pdf").count(), 7, "{said}");

    // Two inputs that would still write one file: nothing is written, exit 2, both named.
    let clash = dir.path().join("clash");
    std::fs::create_dir(&clash).unwrap();
    for name in ["a.yaml", "a.yml"] {
        std::fs::copy(example("yazu-kokuho"), clash.join(name)).unwrap();
    }
    let clash_out = dir.path().join("clash-out");
    let r = run(&[
        "--lang",
        "en",
        "render",
        clash.to_str().unwrap(),
        "-o",
        clash_out.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("a.yaml") && err.contains("a.yml") && err.contains("nothing written"),
        "{err}"
    );
    assert!(!clash_out.exists(), "nothing is written on a clash");

    // -o naming one PDF file for several outputs: an error that says how to name them.
    let r = run(&[
        "--lang",
        "en",
        "render",
        root().join("examples").to_str().unwrap(),
        "-o",
        dir.path().join("all.pdf").to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("must name a directory"));
    assert!(!dir.path().join("all.pdf").exists());
    // A file that does not load leaves the previous output as it was.
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "forms: [basic]\ncover: [").unwrap();
    let target = dir.path().join("keep.pdf");
    std::fs::write(&target, b"previous").unwrap();
    let r = run(&[
        "render",
        bad.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(std::fs::read(&target).unwrap(), b"previous");
    // No font: a clear error that says how to get one.
    let r = run(&[
        "--lang",
        "en",
        "render",
        example("yazu-kokuho").to_str().unwrap(),
        "--font",
        "/nonexistent.ttf",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("error[HY0801]") && err.contains("no such font file"),
        "{err}"
    );
    assert_eq!(std::fs::read(&target).unwrap(), b"previous");
    // HTML.
    let html = dir.path().join("a.html");
    let r = run(&[
        "render",
        example("yazu-kokuho").to_str().unwrap(),
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert!(r.status.success());
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .contains("特定個人情報保護評価書（基礎項目評価書）"));
}

#[test]
fn missing_fonts_give_the_install_hint() {
    let err = fonts::discover(Some(std::path::Path::new("/nonexistent/font.ttf"))).unwrap_err();
    assert!(err.en.contains("no such font file"));
    let not_japanese = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(not_japanese.path(), b"not a font").unwrap();
    assert!(fonts::Face::load(not_japanese.path(), 0).is_err());
}

/// `--form full` on an assessment that declares only 基礎項目評価書: said plainly, nothing written.
#[test]
fn a_form_the_assessment_does_not_declare_is_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("f.pdf");
    let r = Command::new(env!("CARGO_BIN_EXE_hyoka"))
        .args(["--lang", "en", "render", "--form", "full", "-o"])
        .arg(&out)
        .arg(example("yazu-kokuho"))
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("does not declare the 全項目評価書") && !err.contains("definition"),
        "{err}"
    );
    assert!(!out.exists());
}

/// An assessment with check errors is not rendered (exit 1) unless `--allow-errors`; its
/// findings are printed either way, and a clean one's warnings are shown too.
#[test]
fn render_checks_first() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example("yazu-kokuho")).unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, text.replacen("  head_title: 町民課長\n", "", 1)).unwrap();
    let out = dir.path().join("bad.pdf");
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_hyoka"))
            .args(["--lang", "en", "render", "-o"])
            .arg(&out)
            .arg(&bad)
            .args(extra)
            .output()
            .unwrap()
    };
    let r = run(&[]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[HY0201]") && err.contains("--allow-errors"),
        "{err}"
    );
    assert!(!out.exists());
    let r = run(&["--allow-errors"]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(0), "{err}");
    assert!(err.contains("error[HY0201]"), "{err}");
    assert!(out.is_file());
}

/// The outline is a tree in document order — sections, then the files under them — not
/// printpdf's flat list sorted by page and title.
#[test]
fn outline_is_nested_in_document_order() {
    use lopdf::{Document, Object};
    let fonts = fonts();
    let a = load_example("shinjuku-kokuho").assessment.unwrap();
    let r = render::render_pdf(&a, FormKind::Full, &fonts, &PdfOptions::default()).unwrap();
    let doc = Document::load_mem(&r.bytes).unwrap();
    let title = |d: &lopdf::Dictionary| {
        let bytes = d.get(b"Title").unwrap().as_str().unwrap();
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    };
    let dict = |o: &Object| doc.get_dictionary(o.as_reference().unwrap()).unwrap();
    let kids = |d: &lopdf::Dictionary| {
        let mut out = Vec::new();
        let mut at = d.get(b"First").ok().map(dict);
        while let Some(item) = at {
            out.push(item);
            at = item.get(b"Next").ok().map(dict);
        }
        out
    };
    let catalog = doc.catalog().unwrap();
    let root = dict(catalog.get(b"Outlines").unwrap());
    let top: Vec<String> = kids(root).into_iter().map(title).collect();
    let sections: Vec<&String> = top.iter().filter(|t| !t.starts_with('（')).collect();
    assert_eq!(
        sections
            .iter()
            .map(|t| t.chars().next().unwrap())
            .collect::<String>(),
        "ⅠⅡⅢⅣⅤⅥ",
        "{top:?}"
    );
    let second = kids(root)
        .into_iter()
        .find(|d| title(d).starts_with("Ⅱ"))
        .unwrap();
    let files: Vec<String> = kids(second).into_iter().map(title).collect();
    assert_eq!(
        files,
        [
            "(1) 国保賦課ファイル",
            "(2) 国保資格ファイル",
            "(3) 国保給付ファイル",
            "(4) 国保収滞納ファイル"
        ]
    );
    assert!(
        matches!(second.get(b"Count"), Ok(Object::Integer(4))),
        "sections open"
    );
}

/// A ticked box is in the text layer as it is printed, ［○］, so copying and screen readers
/// know which choice is ticked; an unticked one reads ［　］.
#[test]
fn ticked_boxes_are_in_the_text_layer() {
    let fonts = fonts();
    let a = load_example("yazu-kokuho").assessment.unwrap();
    let r = render::render_pdf(&a, FormKind::Basic, &fonts, &PdfOptions::default()).unwrap();
    let text = pdftotext(&r.bytes);
    let squeezed = text.replace([' ', '　'], "");
    assert!(
        squeezed.contains("［○］自己点検［］内部監査［］外部監査"),
        "自己点検 is ticked, 内部監査 is not"
    );
    let ticked = r
        .laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| matches!(i, hyoka::render::layout::Item::TickBox { ticked: true, .. }))
        .count();
    assert_eq!(text.matches('○').count(), ticked, "one ○ per ticked box");
}
