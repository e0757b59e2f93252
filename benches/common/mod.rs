//! Helpers shared by the benchmarks.

/// The process's peak resident memory so far (VmHWM), in MB, on Linux.
#[allow(dead_code)]
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// 新宿区's assessment with its four files repeated `copies` times (new ids and names), so that
/// Ⅱ, Ⅲ and 別添2 grow as they do for an operation with many files.
#[allow(dead_code)]
pub fn scaled(copies: usize) -> hyoka::model::Assessment {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/shinjuku-kokuho/assessment.yaml");
    let mut a = hyoka::load::load_path(&path, &hyoka::yaml::Limits::default())
        .assessment
        .expect("example loads");
    let originals = a.files.clone();
    let mut measures = a.risk_measures[0].clone();
    for c in 1..copies {
        for f in &originals {
            let mut g = f.clone();
            g.id = format!("{}-{c}", f.id);
            g.name = format!("{}（{}）", f.name, c + 1);
            a.files.push(g);
        }
    }
    measures.files = a.files.iter().map(|f| f.id.clone()).collect();
    a.risk_measures = vec![measures];
    a
}
