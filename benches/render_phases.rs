//! `cargo bench --bench render_phases`: where `hyoka render` spends its time (fonts, tree,
//! layout, PDF), on the same ~150-page input as the render bench.

use std::path::Path;
use std::time::Instant;

use hyoka::load;
use hyoka::model::FormKind;
use hyoka::render::{build, fonts, layout, pdf};
use hyoka::yaml::Limits;

fn main() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/shinjuku-kokuho/assessment.yaml");
    let mut a = load::load_path(&path, &Limits::default())
        .assessment
        .unwrap();
    let originals = a.files.clone();
    for c in 1..6 {
        for f in &originals {
            let mut g = f.clone();
            g.id = format!("{}-{c}", f.id);
            a.files.push(g);
        }
    }
    a.risk_measures[0].files = a.files.iter().map(|f| f.id.clone()).collect();
    let t = Instant::now();
    let f = fonts::Fonts::load(&fonts::discover(None).unwrap()).unwrap();
    let t_fonts = t.elapsed();
    let t = Instant::now();
    let doc = build::build(&a, FormKind::Full).unwrap();
    let t_build = t.elapsed();
    let t = Instant::now();
    let laid = layout::layout(&doc, &f);
    let t_layout = t.elapsed();
    let t = Instant::now();
    let bytes = pdf::write(&laid, &f, &pdf::PdfOptions::default());
    let t_pdf = t.elapsed();
    println!("| phase | time |\n|---|---|");
    for (name, d) in [
        ("load fonts", t_fonts),
        ("form tree", t_build),
        ("layout", t_layout),
        ("PDF (printpdf, subset + compress)", t_pdf),
    ] {
        println!("| {name} | {:.0} ms |", d.as_secs_f64() * 1000.0);
    }
    println!("\n{} pages, {} bytes", laid.pages.len(), bytes.len());
    if std::env::var_os("HYOKA_PHASES_DETAIL").is_some() {
        let ops_count: usize = laid.pages.iter().map(|p| p.items.len()).sum();
        println!("{ops_count} drawing items");
    }
}
