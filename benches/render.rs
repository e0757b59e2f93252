//! `cargo bench --bench render`: the 全項目評価書 example scaled to about 150 pages, rendered by
//! hyoka (PDF), and — in the same run — by headless Chromium printing hyoka's own HTML of the
//! same assessment to PDF, when a `chromium` is installed.
//!
//! Prints wall time, peak memory and PDF size for the README. Run it on an otherwise idle
//! machine; figures are the median of several runs.

mod common;
use common::{peak_rss_mb, scaled};

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use hyoka::model::{Assessment, FormKind};
use hyoka::render::{self, fonts, pdf::PdfOptions};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let a = scaled(6);
    let choice = fonts::discover(None).expect("a Japanese font (apt-get install fonts-ipaexfont)");
    let mut times = Vec::new();
    let mut out = None;
    for _ in 0..5 {
        let start = Instant::now();
        // Font loading is part of the work a `hyoka render` run does.
        let f = fonts::Fonts::load(&choice).unwrap();
        let r = render::render_pdf(&a, FormKind::Full, &f, &PdfOptions::default()).unwrap();
        times.push(start.elapsed().as_secs_f64());
        out = Some(r);
    }
    let r = out.unwrap();
    let hyoka_s = median(times);
    let pages = r.laid.pages.len();
    let rss = peak_rss_mb().unwrap_or(f64::NAN);
    println!("| renderer | pages | median wall time | peak memory | PDF size |");
    println!("|---|---|---|---|---|");
    println!(
        "| hyoka (PDF) | {pages} | {hyoka_s:.3} s | {rss:.0} MB | {:.2} MB |",
        r.bytes.len() as f64 / 1e6
    );

    let dir = tempfile::tempdir().unwrap();
    whole_process(&a, dir.path());

    let html = dir.path().join("form.html");
    std::fs::write(&html, render::render_html(&a, FormKind::Full).unwrap()).unwrap();
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    let Some(chromium) = chromium else {
        println!("| Chromium (print to PDF) | — | not installed | | |");
        return;
    };
    let pdf = dir.path().join("chromium.pdf");
    let profile = dir.path().join("profile");
    let mut ctimes = Vec::new();
    for _ in 0..3 {
        let _ = std::fs::remove_file(&pdf);
        let start = Instant::now();
        let status = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", html.display()))
            .output()
            .unwrap();
        ctimes.push(start.elapsed().as_secs_f64());
        assert!(
            status.status.success() || pdf.exists(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
    }
    let chromium_s = median(ctimes);
    let size = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
    let cpages = pdf_pages(&pdf);
    println!("| Chromium {} (print hyoka's HTML to PDF) | {cpages} | {chromium_s:.3} s | (several processes) | {:.2} MB |", chromium_version(chromium), size as f64 / 1e6);
    println!(
        "\nhyoka is {:.1}× faster than Chromium on this input.",
        chromium_s / hyoka_s
    );
}

/// `hyoka render` as a user runs it: the whole process (start, fonts, load, layout, PDF, the
/// atomic write), median of 10 runs after a warm-up, for the 13-page 八頭町 form and the ~157-page
/// scaled 全項目評価書 (written out as JSON, which YAML reads).
fn whole_process(scaled: &Assessment, dir: &Path) {
    let bin = env!("CARGO_BIN_EXE_hyoka");
    let big = dir.join("scaled.yaml");
    std::fs::write(&big, serde_json::to_string_pretty(scaled).unwrap()).unwrap();
    let yazu = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/yazu-kokuho/assessment.yaml");
    println!("\n`hyoka render` as a process (median of 10 runs, after one warm-up):\n");
    println!("| input | form | pages | median wall time | PDF size |");
    println!("|---|---|---|---|---|");
    for (name, input, form, target) in [
        ("八頭町 (example)", yazu.as_path(), "basic", 0.060),
        ("新宿区 scaled ×6", big.as_path(), "full", 0.300),
    ] {
        let out = dir.join(format!("{form}.pdf"));
        let run = || {
            let start = Instant::now();
            let o = Command::new(bin)
                .args(["render", "--allow-errors", "--form", form, "-o"])
                .arg(&out)
                .arg(input)
                .output()
                .unwrap();
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            start.elapsed().as_secs_f64()
        };
        run();
        let t = median((0..10).map(|_| run()).collect());
        let pages = pdf_pages(&out);
        let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        println!(
            "| {name} | {form} | {pages} | {:.0} ms (target ≤ {:.0} ms) | {size:.2} MB |",
            t * 1e3,
            target * 1e3
        );
    }
    println!();
}

/// A PDF's page count as `pdfinfo` reads it ("?" without poppler).
fn pdf_pages(pdf: &Path) -> String {
    Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Pages:"))
                .map(|l| l.split_whitespace().last().unwrap_or("?").to_string())
        })
        .unwrap_or_else(|| "?".into())
}

fn chromium_version(bin: &str) -> String {
    Command::new(bin)
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.split_whitespace().nth(1).map(str::to_string))
        .unwrap_or_default()
}
