//! `cargo bench --bench import`: the 全項目評価書 example scaled to about 150 pages, exported
//! with `render --format xlsx` and imported back — the import's wall time and peak memory.
//!
//! Each import runs in a fresh process (this bench binary started again with `--child`), so its
//! peak memory is the import's own and not the export's. Figures go in the README.

mod common;
use common::{peak_rss_mb, scaled};

use std::process::Command;
use std::time::Instant;

use hyoka::import::{self, Options};
use hyoka::model::FormKind;
use hyoka::render;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// One import, in this process: prints `seconds peak_mb placed unplaced`.
fn child(path: &str) {
    let start = Instant::now();
    let imported = import::import_path(std::path::Path::new(path), &Options::default()).unwrap();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{secs} {} {} {}",
        peak_rss_mb().unwrap_or(f64::NAN),
        imported.placed,
        imported.unplaced().count()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(&args[i + 1]);
        return;
    }
    let a = scaled(6);
    let start = Instant::now();
    let bytes = render::render_xlsx(&a, FormKind::Full, None).unwrap();
    let export_s = start.elapsed().as_secs_f64();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scaled.full.xlsx");
    std::fs::write(&path, &bytes).unwrap();

    let mut times = Vec::new();
    let mut peaks = Vec::new();
    let mut counts = (0, 0);
    for _ in 0..7 {
        let out = Command::new(std::env::current_exe().unwrap())
            .args(["--child", path.to_str().unwrap()])
            .output()
            .unwrap();
        let line = String::from_utf8_lossy(&out.stdout);
        let f: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            f.len(),
            4,
            "child said: {line} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        times.push(f[0].parse::<f64>().unwrap());
        peaks.push(f[1].parse::<f64>().unwrap());
        counts = (
            f[2].parse::<usize>().unwrap(),
            f[3].parse::<usize>().unwrap(),
        );
    }
    println!(
        "| workbook | size | export | import (median of 7) | import peak memory | values placed | cells not placed |"
    );
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| 全項目 ×6 ({} files) | {:.2} MB | {export_s:.3} s | {:.3} s | {:.0} MB | {} | {} |",
        a.files.len(),
        bytes.len() as f64 / 1e6,
        median(times),
        median(peaks),
        counts.0,
        counts.1
    );
}
