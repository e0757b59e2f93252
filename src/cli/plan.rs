//! Where a command's outputs go, planned before anything is written: a pure function of the
//! inputs, the `-o` given and whether it is an existing directory, so a clash stops the run
//! with nothing written and every rule here is unit-tested.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One output to write: of input `input`, the target `what`, at `path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output<T> {
    pub input: usize,
    pub what: T,
    pub path: PathBuf,
}

/// Why the outputs cannot be written as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// `-o` names one file (it has the output's extension) while there are `count` outputs.
    FileForMany { count: usize, out: PathBuf },
    /// Inputs `first` and `second` would both be written to `path`.
    Clash {
        first: usize,
        second: usize,
        path: PathBuf,
    },
}

/// Where the outputs go. `targets` are (input index, the output's name between the input's
/// stem and the extension, what it is).
/// - Without `-o`: `<stem>.<name>.<ext>` beside the input.
/// - With `-o DIR` (an existing directory, or a path ending in `/`): the same name under DIR,
///   at the input's path relative to `root`, the path that was given
///   (`examples/yazu-kokuho/assessment.yaml` → `DIR/yazu-kokuho/assessment.basic.pdf`), so
///   inputs with the same file name do not overwrite each other.
/// - With `-o FILE` and a single output: that file.
pub fn plan<T>(
    root: &Path,
    files: &[PathBuf],
    targets: Vec<(usize, &str, T)>,
    ext: &str,
    out: Option<&Path>,
    out_is_dir: bool,
) -> Result<Vec<Output<T>>, PlanError> {
    let out_is_dir = out_is_dir || out.is_some_and(names_a_directory);
    if let Some(o) = out {
        let names_a_file =
            !out_is_dir && o.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext));
        if targets.len() > 1 && names_a_file {
            return Err(PlanError::FileForMany {
                count: targets.len(),
                out: o.to_path_buf(),
            });
        }
    }
    let single = targets.len() == 1;
    let outputs: Vec<Output<T>> = targets
        .into_iter()
        .map(|(input, name, what)| Output {
            path: output_path(root, &files[input], name, ext, out, single && !out_is_dir),
            input,
            what,
        })
        .collect();
    let mut seen: BTreeMap<&Path, usize> = BTreeMap::new();
    for o in &outputs {
        if let Some(first) = seen.insert(o.path.as_path(), o.input) {
            return Err(PlanError::Clash {
                first,
                second: o.input,
                path: o.path.clone(),
            });
        }
    }
    Ok(outputs)
}

fn output_path(
    root: &Path,
    input: &Path,
    name: &str,
    ext: &str,
    out: Option<&Path>,
    to_the_file: bool,
) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "assessment".into());
    let file = format!("{stem}.{name}.{ext}");
    match out {
        Some(o) if to_the_file => o.to_path_buf(),
        Some(o) => {
            let relative_dir = input
                .strip_prefix(root)
                .ok()
                .and_then(Path::parent)
                .unwrap_or(Path::new(""));
            o.join(relative_dir).join(file)
        }
        None => input.with_file_name(file),
    }
}

/// `-o out/`: a directory, even before it exists.
fn names_a_directory(out: &Path) -> bool {
    out.as_os_str()
        .to_string_lossy()
        .ends_with(['/', std::path::MAIN_SEPARATOR])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(v: &[&str]) -> Vec<PathBuf> {
        v.iter().map(PathBuf::from).collect()
    }

    fn planned(out: &[Output<()>]) -> Vec<String> {
        out.iter().map(|o| o.path.display().to_string()).collect()
    }

    #[test]
    fn beside_the_input_without_o() {
        let files = paths(&["ex/a/assessment.yaml"]);
        let p = plan(
            Path::new("ex/a/assessment.yaml"),
            &files,
            vec![(0, "basic", ()), (0, "full", ())],
            "pdf",
            None,
            false,
        )
        .unwrap();
        assert_eq!(
            planned(&p),
            ["ex/a/assessment.basic.pdf", "ex/a/assessment.full.pdf"]
        );
    }

    #[test]
    fn one_output_to_the_file_named() {
        let files = paths(&["a.yaml"]);
        let p = plan(
            Path::new("a.yaml"),
            &files,
            vec![(0, "basic", ())],
            "pdf",
            Some(Path::new("out.pdf")),
            false,
        )
        .unwrap();
        assert_eq!(planned(&p), ["out.pdf"]);
        // A directory, existing or written with a final slash, takes the output's own name.
        for (out, is_dir) in [("out", true), ("out/", false)] {
            let p = plan(
                Path::new("a.yaml"),
                &files,
                vec![(0, "basic", ())],
                "pdf",
                Some(Path::new(out)),
                is_dir,
            )
            .unwrap();
            assert_eq!(
                planned(&p),
                [format!("{}/a.basic.pdf", out.trim_end_matches('/'))]
            );
        }
    }

    #[test]
    fn inputs_keep_their_folders_under_a_directory() {
        let files = paths(&["ex/a/assessment.yaml", "ex/b/assessment.yaml"]);
        let p = plan(
            Path::new("ex"),
            &files,
            vec![(0, "basic", ()), (1, "basic", ())],
            "pdf",
            Some(Path::new("out")),
            true,
        )
        .unwrap();
        assert_eq!(
            planned(&p),
            ["out/a/assessment.basic.pdf", "out/b/assessment.basic.pdf"]
        );
    }

    #[test]
    fn a_file_name_for_several_outputs_and_clashes_are_refused() {
        let files = paths(&["a.yaml"]);
        assert_eq!(
            plan(
                Path::new("a.yaml"),
                &files,
                vec![(0, "basic", ()), (0, "full", ())],
                "pdf",
                Some(Path::new("x.pdf")),
                false
            ),
            Err(PlanError::FileForMany {
                count: 2,
                out: PathBuf::from("x.pdf")
            })
        );
        // Without the output's extension, `-o` is a directory to be.
        assert!(plan(
            Path::new("a.yaml"),
            &files,
            vec![(0, "basic", ()), (0, "full", ())],
            "pdf",
            Some(Path::new("x")),
            false
        )
        .is_ok());
        // Two inputs of one name in different folders are kept apart under the folder given…
        let files = paths(&["ex/p/a.yaml", "ex/q/a.yaml"]);
        let two = || vec![(0, "basic", ()), (1, "basic", ())];
        let p = plan(
            Path::new("ex"),
            &files,
            two(),
            "pdf",
            Some(Path::new("out")),
            true,
        )
        .unwrap();
        assert_eq!(planned(&p), ["out/p/a.basic.pdf", "out/q/a.basic.pdf"]);
        // …but not when they are not under it: both would be `out/a.basic.pdf`.
        let err = plan(
            Path::new("ex/p/a.yaml"),
            &files,
            two(),
            "pdf",
            Some(Path::new("out")),
            true,
        );
        assert_eq!(
            err,
            Err(PlanError::Clash {
                first: 0,
                second: 1,
                path: PathBuf::from("out/a.basic.pdf")
            })
        );
    }
}
