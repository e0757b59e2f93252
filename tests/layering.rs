//! The layering `src/lib.rs` states, kept: every `crate::` path in a module names only itself
//! or a module of an earlier layer. A back-edge (the model importing the loader, check reaching
//! into render) fails here with the file and line.

use std::path::Path;

/// The layers, first to last, as `src/lib.rs` lists them; modules in one layer may use each
/// other.
const LAYERS: &[&[&str]] = &[
    &["diagnostic", "files", "text", "templates"],
    &["yaml"],
    &["model"],
    &["load"],
    &["check"],
    &["diff"],
    &["render"],
    &["import"],
    &["serve"],
    &["cli", "harness"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The top-level modules a line's `crate::` paths name (`crate::a::b`, `crate::{a, b::c}`).
fn named_modules(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_uses_a_later_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut back_edges = Vec::new();
    for path in &files {
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let module = rel.split('/').next().unwrap().trim_end_matches(".rs");
        if matches!(module, "lib" | "main") {
            continue;
        }
        let own = layer_of(module)
            .unwrap_or_else(|| panic!("src/{rel}: module `{module}` is in no layer of src/lib.rs"));
        let text = std::fs::read_to_string(path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for used in named_modules(code) {
                match layer_of(&used) {
                    Some(l) if l > own => back_edges.push(format!(
                        "src/{rel}:{}: `{module}` uses `{used}`, a later layer",
                        n + 1
                    )),
                    _ => {}
                }
            }
        }
    }
    assert!(back_edges.is_empty(), "{}", back_edges.join("\n"));
}

#[test]
fn the_scanner_sees_both_forms_of_path() {
    assert_eq!(
        named_modules("use crate::{load::Loaded, model};"),
        ["load", "model"]
    );
    assert_eq!(
        named_modules("let x = crate::render::fonts::X;"),
        ["render"]
    );
    assert_eq!(layer_of("check"), Some(4));
    assert!(layer_of("model") < layer_of("load"));
}

#[test]
fn lib_rs_declares_the_same_order() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';'))
        .collect();
    let flat: Vec<&str> = LAYERS.iter().flat_map(|l| l.iter().copied()).collect();
    let mut by_layer = declared.clone();
    by_layer.sort_by_key(|m| layer_of(m).unwrap_or(usize::MAX));
    assert_eq!(
        declared, by_layer,
        "src/lib.rs declares the modules in layer order"
    );
    let mut a = declared.clone();
    let mut b = flat.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b, "every module of src/lib.rs is in a layer here");
}
