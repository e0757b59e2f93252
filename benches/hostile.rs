//! `cargo bench --bench hostile`: the inputs the Reliability section promises bounds on, each
//! run in a fresh process (this bench binary started again with `--child CASE FILE`) so that
//! its time and peak memory are its own. Prints the README's table.

mod common;
use common::peak_rss_mb;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use hyoka::harness::amplify;
use hyoka::import;

/// One case, in this process: prints `seconds peak_mb outcome`.
fn child(case: &str, file: &Path) {
    let start = Instant::now();
    let outcome = match case {
        "import" => match import::import_path(file, &Default::default()) {
            Ok(i) => format!("imported, {} finding(s)", i.findings.len()),
            Err(e) => format!("refused, {}", e.code),
        },
        "read" => match import::workbook::read_path(file, &Default::default()) {
            Ok(b) => format!("read, {} cells", b.cells.len()),
            Err(e) => format!("refused, {}", e.code),
        },
        "render" => {
            let loaded = hyoka::load::load_path(file, &Default::default());
            let a = loaded.assessment.expect("the case loads");
            let fonts = hyoka::render::fonts::Fonts::load(
                &hyoka::render::fonts::discover(None).expect("a Japanese font"),
            )
            .expect("the font loads");
            let pdf = hyoka::render::render_pdf(
                &a,
                hyoka::model::FormKind::Basic,
                &fonts,
                &Default::default(),
            )
            .expect("renders");
            format!("rendered, {} pages", pdf.laid.pages.len())
        }
        "hidden" => {
            // The workbook of 八頭町's form with one hidden-sheet row for entry 5,000,000.
            let mut book = import::workbook::read_path(file, &Default::default()).unwrap();
            amplify::with_hidden_row(&mut book, "/counterparts/5000000/id", "\"far\"");
            let i = import::import_workbook(book, "y.xlsx", &Default::default()).unwrap();
            let refused = i.findings.iter().filter(|f| f.code == "HY0905").count();
            format!(
                "imported, {} KB of YAML, {refused} row(s) refused (HY0905)",
                i.yaml.len() >> 10
            )
        }
        "diff-html" => {
            let new = hyoka::load::load_path(file, &Default::default())
                .assessment
                .unwrap();
            let old = hyoka::load::load_path(&file.with_file_name("old.yaml"), &Default::default())
                .assessment
                .unwrap();
            let changes = hyoka::diff::diff(&old, &new, &Default::default()).unwrap();
            let html =
                hyoka::diff::output::html(&changes, "", hyoka::diff::output::Columns::OldNew);
            format!(
                "{} change(s), {} KB of HTML",
                changes.len(),
                html.len() >> 10
            )
        }
        other => panic!("no case {other}"),
    };
    let secs = start.elapsed().as_secs_f64();
    println!("{secs} {} {outcome}", peak_rss_mb().unwrap_or(f64::NAN));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(&args[i + 1], Path::new(&args[i + 2]));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/yazu-kokuho/assessment.yaml"),
    )
    .unwrap();
    // A long value: 八頭町's 事務の内容 (a `|` block under `operation.summary`) replaced by one
    // unbreakable word.
    let long = |n: usize| {
        let mut out = String::new();
        let mut in_block = false;
        for line in example.lines() {
            if line.starts_with("  summary: |") {
                out.push_str(&format!("  summary: {}\n", "a".repeat(n)));
                in_block = true;
                continue;
            }
            if in_block && (line.starts_with("    ") || line.trim().is_empty()) {
                continue;
            }
            in_block = false;
            out.push_str(line);
            out.push('\n');
        }
        out
    };
    let cases: Vec<(&str, &str, std::path::PathBuf)> = vec![
        (
            "ODS: one 32,000-character cell repeated 16,384 × 10 (5 GB laid out)",
            "import",
            at(
                "repeat.ods",
                &amplify::repeated_cell_ods(10, 16_384, 32_000),
            ),
        ),
        (
            "xlsx: 50,000 cells naming one 32,767-character shared string",
            "import",
            at(
                "shared.xlsx",
                &amplify::shared_string_workbook(50_000, 32_767),
            ),
        ),
        (
            "xlsx: a 3 MB part whose directory says 1,000 bytes",
            "import",
            at("lies.xlsx", &amplify::lying_size(3 << 20, 1000)),
        ),
        (
            "xlsx: sharedStrings uniqueCount=\"4294967295\"",
            "import",
            at("count.xlsx", &amplify::declared_count(u32::MAX)),
        ),
        (
            "xlsx: 200,000 merges over 200,000 cells",
            "read",
            at("merges.xlsx", &amplify::merges(200_000)),
        ),
        (
            "render: a 256 KB word with no place to break",
            "render",
            at("word256k.yaml", long(256 << 10).as_bytes()),
        ),
        (
            "render: a 1 MB word with no place to break",
            "render",
            at("word1m.yaml", long(1 << 20).as_bytes()),
        ),
    ];
    at("old.yaml", long(1 << 20).replace("aaaa", "aaab").as_bytes());
    let mut cases = cases;
    let yazu = hyoka::load::load_path(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/yazu-kokuho/assessment.yaml"),
        &Default::default(),
    )
    .assessment
    .unwrap();
    let xlsx = hyoka::render::render_xlsx(&yazu, hyoka::model::FormKind::Basic, None).unwrap();
    cases.push((
        "the hidden sheet: a row for `/counterparts/5000000/id`",
        "hidden",
        at("yazu.xlsx", &xlsx),
    ));
    // The .xls of 50,000 cells naming one long string, where LibreOffice is there to write it.
    let shared = at(
        "shared50k.xlsx",
        &amplify::shared_string_workbook(50_000, 32_767),
    );
    let converted = Command::new("libreoffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        ))
        .args(["--headless", "--convert-to", "xls", "--outdir"])
        .arg(dir.path())
        .arg(&shared)
        .output()
        .is_ok_and(|o| o.status.success());
    if converted {
        cases.push((
            "xls: 50,000 cells naming one 32,767-character shared string",
            "import",
            dir.path().join("shared50k.xls"),
        ));
    }
    cases.push((
        "diff --format html: a 1 MB one-line value changed",
        "diff-html",
        at("new.yaml", long(1 << 20).as_bytes()),
    ));
    println!("| input | file | time | peak memory | outcome |");
    println!("|---|---|---|---|---|");
    for (what, case, path) in cases {
        let out = Command::new(std::env::current_exe().unwrap())
            .args(["--child", case, path.to_str().unwrap()])
            .output()
            .unwrap();
        let line = String::from_utf8_lossy(&out.stdout);
        let mut f = line.trim().splitn(3, ' ');
        let (Some(secs), Some(peak), Some(outcome)) = (f.next(), f.next(), f.next()) else {
            panic!("{what}: {line} {}", String::from_utf8_lossy(&out.stderr));
        };
        let size = std::fs::metadata(&path).unwrap().len();
        println!(
            "| {what} | {} KB | {:.2} s | {:.0} MB | {outcome} |",
            size >> 10,
            secs.parse::<f64>().unwrap(),
            peak.parse::<f64>().unwrap(),
        );
    }
}
