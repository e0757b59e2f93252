//! `cargo bench --bench load`: how fast assessments load, and how fast hostile input is refused.
//!
//! Prints a table for the README's performance section. Timings are the median of repeated
//! runs; peak memory is the process high-water mark (VmHWM) after each case, on Linux.

mod common;
use common::peak_rss_mb;

use std::time::{Duration, Instant};

use hyoka::load;
use hyoka::yaml::Limits;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn case(name: &str, text: &str, runs: usize) {
    let limits = Limits::default();
    let mut samples = Vec::with_capacity(runs);
    let mut diagnostics = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let loaded = load::load_str(name, text, &limits);
        samples.push(start.elapsed());
        diagnostics = loaded.diagnostics.len();
    }
    let rss = peak_rss_mb()
        .map(|m| format!("{m:.1} MB"))
        .unwrap_or_else(|| "n/a".into());
    println!(
        "| {name} | {} KB | {:.2} ms | {diagnostics} | {rss} |",
        text.len() / 1024,
        median(samples).as_secs_f64() * 1000.0
    );
}

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    println!("| input | size | median load | diagnostics | peak RSS so far |");
    println!("|---|---|---|---|---|");
    for name in ["yazu-kokuho", "higashiyama-jidoteate", "shinjuku-kokuho"] {
        let text =
            std::fs::read_to_string(format!("{root}/examples/{name}/assessment.yaml")).unwrap();
        case(name, &text, 50);
    }
    // Billion laughs: 10 levels of 10-fold aliases (10^10 strings if expanded).
    let mut bomb = String::from("a0: &a0 [\"lol\"]\n");
    for i in 1..=10 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 10].join(", ")
        ));
    }
    case("billion laughs (refused)", &bomb, 20);
    // A file just under the 8 MiB size limit: parsed in full (within the node budget), then
    // rejected because a list is not an assessment.
    let big: String = (0..190_000)
        .map(|i| format!("- item number {i:>8} with some text\n"))
        .collect();
    case(
        "7 MB list (parsed, not an assessment)",
        &big[..big.len().min((8 << 20) - 1)],
        3,
    );
    let deep: String = (0..200)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    case("200-deep nesting (refused)", &deep, 20);
}
