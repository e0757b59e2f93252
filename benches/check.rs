//! `cargo bench --bench check`: `hyoka check` over a directory of 1,000 assessments.
//!
//! The assessments are the three examples, each copy given its own number and title, written to
//! a temporary directory (a third of them 全項目評価書 of 1,000+ lines). Prints wall time,
//! throughput and peak memory for the README.

mod common;
use common::peak_rss_mb;

use std::time::Instant;

use hyoka::check::{self, config::Config, rule::Options};
use hyoka::model::Date;
use hyoka::yaml::Limits;

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    let sources: Vec<String> = ["yazu-kokuho", "shinjuku-kokuho", "higashiyama-jidoteate"]
        .iter()
        .map(|n| std::fs::read_to_string(format!("{root}/examples/{n}/assessment.yaml")).unwrap())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = 0;
    for i in 0..1000 {
        let text = sources[i % 3].replacen("  number: \"", &format!("  number: \"{i}-"), 1);
        bytes += text.len();
        std::fs::write(dir.path().join(format!("assessment-{i:04}.yaml")), text).unwrap();
    }
    let options = Options {
        today: Date::parse("2024-06-01").unwrap(),
        ..Options::default()
    };
    let config = Config::default();
    let paths = vec![dir.path().to_path_buf()];
    // One warm-up run (page cache, lazy data), then the measured runs.
    check::check_paths(&paths, &Limits::default(), &options, &config);
    let mut times = Vec::new();
    let mut report = None;
    for _ in 0..5 {
        let start = Instant::now();
        report = Some(check::check_paths(
            &paths,
            &Limits::default(),
            &options,
            &config,
        ));
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let report = report.unwrap();
    let median = times[times.len() / 2];
    let summary = report.summary();
    println!(
        "| files | input | median wall time | files/s | errors | warnings | peak RSS | threads |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    println!(
        "| {} | {:.1} MB | {:.3} s | {:.0} | {} | {} | {} | {} |",
        report.files.len(),
        bytes as f64 / 1e6,
        median,
        report.files.len() as f64 / median,
        summary.errors,
        summary.warnings,
        peak_rss_mb()
            .map(|m| format!("{m:.0} MB"))
            .unwrap_or_else(|| "n/a".into()),
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
}
