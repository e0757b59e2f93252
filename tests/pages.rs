//! The pages in review: a few pages of each example, rendered to PNG as a reader sees them,
//! compared with the pictures committed in `docs/images/` — the same files the docs and the
//! guide show. A change to the layout fails here until the pictures are retaken, so it shows up
//! as a changed picture in the diff:
//!
//! ```sh
//! HYOKA_BLESS=1 cargo test --test pages
//! ```
//!
//! Pages are chosen by what they hold (the page where `委託事項1` is), not by number, so that a
//! page that moves is still the page the picture names. Needs `pdftoppm` (Debian: poppler-utils);
//! without it the test says so and passes, except under CI=true.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use hyoka::model::FormKind;
use hyoka::render::{self, fonts, pdf::PdfOptions};

/// The pictures: example, form, the words the page holds (None: the first page), the file.
const PAGES: &[(&str, FormKind, Option<&str>, &str)] = &[
    ("yazu-kokuho", FormKind::Basic, None, "yazu-basic-cover"),
    (
        "yazu-kokuho",
        FormKind::Basic,
        Some("Ⅳ　リスク対策"),
        "yazu-basic-risks",
    ),
    (
        "yazu-kokuho",
        FormKind::Basic,
        Some("変更日"),
        "yazu-basic-history",
    ),
    (
        "shinjuku-kokuho",
        FormKind::Full,
        Some("（別添1）事務の内容"),
        "shinjuku-full-appendix1",
    ),
    (
        "shinjuku-kokuho",
        FormKind::Full,
        Some("委託事項1"),
        "shinjuku-full-delegation",
    ),
    (
        "shinjuku-kokuho",
        FormKind::Full,
        Some("（別添2）特定個人情報ファイル記録項目"),
        "shinjuku-full-appendix2",
    ),
    (
        "higashiyama-jidoteate",
        FormKind::Key,
        Some("４．特定個人情報ファイルの取扱いの委託"),
        "higashiyama-key-delegation",
    ),
];

/// Resolution of the pictures (662 × 936 pixels for A4).
const DPI: &str = "80";
/// A pixel differs when its gray level moves by more than this (anti-aliasing moves less).
const LEVEL: u8 = 48;
/// The share of pixels that may differ (about 60 of A4 at 80 dpi): four changed characters on
/// the cover are twice as many.
const SHARE: f64 = 0.0001;

fn available() -> bool {
    Command::new("pdftoppm")
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A PNG's pixels as gray levels, with its width and height.
fn gray(path: &Path) -> (Vec<u8>, u32, u32) {
    let decoder = png::Decoder::new(std::fs::File::open(path).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let data = &buf[..info.buffer_size()];
    let channels = info.color_type.samples();
    assert_eq!(info.bit_depth, png::BitDepth::Eight, "{}", path.display());
    let levels = data
        .chunks(channels)
        .map(|p| match p {
            [g] | [g, _] => *g,
            [r, g, b, ..] => {
                ((u32::from(*r) * 30 + u32::from(*g) * 59 + u32::from(*b) * 11) / 100) as u8
            }
            [] => 255,
        })
        .collect();
    (levels, info.width, info.height)
}

/// The page (1-based) of the laid-out form that holds `words`.
fn page_holding(laid: &render::layout::Laid, words: &str) -> usize {
    laid.pages
        .iter()
        .position(|p| {
            p.items.iter().any(
                |i| matches!(i, render::layout::Item::Text { text, .. } if text.contains(words)),
            )
        })
        .unwrap_or_else(|| panic!("no page holds {words}"))
        + 1
}

#[test]
fn pages_look_as_their_committed_pictures() {
    if !available() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but pdftoppm is missing: .ci/run installs poppler-utils"
        );
        eprintln!("pdftoppm not installed: skipped");
        return;
    }
    let bless = std::env::var_os("HYOKA_BLESS").is_some();
    let choice = fonts::discover(None).unwrap();
    let fonts = fonts::Fonts::load(&choice).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let images = root().join("docs/images");
    let kept = root().join("target/pages");
    let mut changed = Vec::new();
    for (example, form, words, name) in PAGES {
        let a = load_example(example).assessment.unwrap();
        let pdf = render::render_pdf(&a, *form, &fonts, &PdfOptions::default()).unwrap();
        let page = words.map_or(1, |w| page_holding(&pdf.laid, w)).to_string();
        let pdf_path = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&pdf_path, &pdf.bytes).unwrap();
        let stem = dir.path().join(name);
        let status = Command::new("pdftoppm")
            .args(["-png", "-r", DPI, "-singlefile", "-f", &page, "-l", &page])
            .arg(&pdf_path)
            .arg(&stem)
            .status()
            .unwrap();
        assert!(status.success());
        let fresh = stem.with_extension("png");
        let committed = images.join(format!("{name}.png"));
        if bless {
            std::fs::copy(&fresh, &committed).unwrap();
            continue;
        }
        assert!(
            committed.exists(),
            "{} is missing: run HYOKA_BLESS=1 cargo test --test pages",
            committed.display()
        );
        let (now, w, h) = gray(&fresh);
        let (then, w0, h0) = gray(&committed);
        let differing = if (w, h) == (w0, h0) {
            now.iter()
                .zip(&then)
                .filter(|(a, b)| a.abs_diff(**b) > LEVEL)
                .count()
        } else {
            now.len()
        };
        let share = differing as f64 / now.len() as f64;
        if share > SHARE {
            std::fs::create_dir_all(&kept).unwrap();
            let keep: PathBuf = kept.join(format!("{name}.png"));
            std::fs::copy(&fresh, &keep).unwrap();
            changed.push(format!(
                "{name} (p{page}): {:.2}% of pixels differ; the page now: {}",
                share * 100.0,
                keep.display()
            ));
        }
    }
    assert!(
        changed.is_empty(),
        "pages changed — review them, then retake with HYOKA_BLESS=1 cargo test --test pages:\n{}",
        changed.join("\n")
    );
}

/// The comparison sees a change: the same page with one more line of text differs.
#[test]
fn a_changed_line_changes_the_picture() {
    if !available() {
        eprintln!("pdftoppm not installed: skipped");
        return;
    }
    let choice = fonts::discover(None).unwrap();
    let fonts = fonts::Fonts::load(&choice).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut a = load_example("yazu-kokuho").assessment.unwrap();
    let mut pictures = Vec::new();
    for k in 0..2 {
        if k == 1 {
            a.cover.title.push_str("（改訂）");
        }
        let pdf = render::render_pdf(&a, FormKind::Basic, &fonts, &PdfOptions::default()).unwrap();
        let pdf_path = dir.path().join(format!("{k}.pdf"));
        std::fs::write(&pdf_path, &pdf.bytes).unwrap();
        let stem = dir.path().join(k.to_string());
        Command::new("pdftoppm")
            .args(["-png", "-r", DPI, "-singlefile", "-f", "1", "-l", "1"])
            .arg(&pdf_path)
            .arg(&stem)
            .status()
            .unwrap();
        pictures.push(gray(&stem.with_extension("png")).0);
    }
    let differing = pictures[0]
        .iter()
        .zip(&pictures[1])
        .filter(|(a, b)| a.abs_diff(**b) > LEVEL)
        .count();
    let share = differing as f64 / pictures[0].len() as f64;
    assert!(share > SHARE, "{:.3}% differ", share * 100.0);
}
