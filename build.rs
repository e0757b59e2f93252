//! Embeds every file under `templates/` (form wording as data) and `docs/rules/` (the pages
//! `hyoka explain` prints) into the binary, so an installed `hyoka` stands alone.

use std::path::Path;

fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("templates/ is readable")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, base, out);
        } else {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((
                rel,
                path.canonicalize().unwrap().to_string_lossy().into_owned(),
            ));
        }
    }
}

/// Writes `OUT_DIR/<out>`: a static table of (path under `dir`, contents).
fn index(dir: &str, out: &str) {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    println!("cargo:rerun-if-changed={dir}");
    let mut files = Vec::new();
    walk(&base, &base, &mut files);
    let mut code = format!("/// (path under {dir}/, contents), sorted by path.\npub static FILES: &[(&str, &str)] = &[\n");
    for (rel, abs) in files {
        println!("cargo:rerun-if-changed={abs}");
        code.push_str(&format!("    ({rel:?}, include_str!({abs:?})),\n"));
    }
    code.push_str("];\n");
    std::fs::write(
        Path::new(&std::env::var("OUT_DIR").unwrap()).join(out),
        code,
    )
    .unwrap();
}

fn main() {
    index("templates", "templates_index.rs");
    index("docs/rules", "rule_docs_index.rs");
}
