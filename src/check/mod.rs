//! Stage 3: check assessments and collect diagnostics.
//!
//! Each file is loaded ([`crate::load`] reports schema-level problems) and then every rule of
//! the [`registry`] runs on the typed model. Rules report model paths; positions come from the
//! loader's path→position map. Files are checked in parallel.

pub mod citations;
pub mod config;
pub mod copies;
pub mod cross;
pub mod explain;
pub mod output;
pub mod registry;
pub mod rule;
pub mod rules;
pub mod threshold;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Message, Pos, Severity, Summary};
use crate::load::{self, Loaded};
use crate::yaml::Limits;
use config::Config;
use rule::{Options, RuleCtx};

pub const CODE_NO_FILES: &str = "HY0012";
pub const CODE_ALLOW_WITHOUT_REASON: &str = "HY0013";

/// The result of checking a set of files.
#[derive(Debug)]
pub struct Report {
    pub files: Vec<Loaded>,
    /// Problems not tied to one loaded file (a path that does not exist, an empty directory).
    pub general: Vec<Diagnostic>,
    /// Earlier revisions found beside a file in a folder (its published copy, a backup): not
    /// checked as assessments of their own. (earlier, the current file)
    pub earlier: Vec<(PathBuf, PathBuf)>,
}

impl Report {
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.general
            .iter()
            .chain(self.files.iter().flat_map(|f| f.diagnostics.iter()))
    }

    pub fn summary(&self) -> Summary {
        Summary::of(self.diagnostics())
    }
}

/// The `*.yaml` / `*.yml` files under `paths` (a file is taken as given), sorted, and the paths
/// that could not be read.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = files.len();
            walk_dir(p, &mut files, &mut problems);
            if files.len() == before {
                problems.push(general(
                    p,
                    CODE_NO_FILES,
                    Message::new(
                        "このディレクトリに YAML ファイルがありません",
                        "no YAML files in this directory",
                    ),
                ));
            }
        } else if std::fs::symlink_metadata(p).is_ok() {
            // Given by name: taken as it is (the loader refuses what is not a regular file).
            files.push(p.clone());
        } else {
            problems.push(general(
                p,
                load::CODE_IO,
                Message::new("ファイルが見つかりません", "no such file or directory"),
            ));
        }
    }
    files.sort();
    files.dedup();
    // One file reached by several paths (a link to a folder already walked) is checked once.
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    (files, problems)
}

fn general(p: &Path, code: &'static str, message: Message) -> Diagnostic {
    Diagnostic::new(code, Severity::Error, message).at(
        &p.display().to_string(),
        Pos { line: 1, column: 1 },
        "",
    )
}

/// The YAML files under `dir`: links are followed, but a link back to a folder above it (a loop)
/// is not, and hidden entries and `target` are skipped. What is not a regular file is listed all
/// the same, for the loader to refuse by name without opening it (a named pipe would block).
fn walk_dir(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>) {
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(name.starts_with('.') || name == "target")
        });
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            // A loop is the same folder again: everything in it is reached once already.
            Err(e) if e.loop_ancestor().is_some() => continue,
            Err(e) => {
                let at = e.path().unwrap_or(dir).to_path_buf();
                problems.push(general(
                    &at,
                    load::CODE_IO,
                    Message::new(
                        format!("ディレクトリを読めません: {e}"),
                        format!("cannot read the directory: {e}"),
                    ),
                ));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_dir() && (name.ends_with(".yaml") || name.ends_with(".yml")) {
            files.push(entry.into_path());
        }
    }
}

/// Runs every rule on a loaded file and adds the findings to its diagnostics.
pub fn check_loaded(loaded: &mut Loaded, options: &Options, config: &Config) {
    if let Some(a) = &loaded.assessment {
        let json = serde_json::to_value(a).expect("the model serializes");
        let ctx = RuleCtx {
            a,
            json: &json,
            loaded,
            options,
        };
        let mut findings = Vec::new();
        for rule in registry::RULES {
            match rule.run() {
                Some(run) if config.enabled(rule.code) => run(&ctx, &mut findings),
                _ => {}
            }
        }
        // A value the loader already rejected is not reported again as missing or wrong.
        // Nor is a key reported missing when a misspelling of it was already reported.
        let mut rejected: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error && !d.path.is_empty())
            .map(|d| d.path.clone())
            .collect();
        rejected.extend(loaded.diagnostics.iter().filter_map(|d| {
            let (parent, _) = d.path.rsplit_once('/')?;
            Some(format!("{parent}/{}", d.suggestion.as_ref()?))
        }));
        let mut diags: Vec<Diagnostic> = Vec::with_capacity(findings.len());
        for f in findings {
            if rejected
                .iter()
                .any(|p| f.path == *p || f.path.starts_with(&format!("{p}/")))
            {
                continue;
            }
            let default = f
                .severity
                .unwrap_or_else(|| registry::default_severity(f.code));
            let pos = f.at.unwrap_or_else(|| loaded.pos_of(&f.path));
            let mut d = Diagnostic::new(f.code, default, f.message).at(&loaded.file, pos, &f.path);
            d.help = f.help;
            diags.push(d);
        }
        loaded.diagnostics.extend(diags);
    }
    apply_config(loaded, config);
    apply_suppressions(loaded);
    loaded.diagnostics.sort_by(|a, b| {
        (a.pos.line, a.pos.column, a.code).cmp(&(b.pos.line, b.pos.column, b.code))
    });
}

/// A notice checked with the assessments of its body that were checked in the same run.
fn check_across(loaded: &mut Loaded, facts: &[cross::Facts], config: &Config) {
    let Some(notice) = &loaded.notice else { return };
    let same: Vec<&cross::Facts> = facts
        .iter()
        .filter(|f| cross::same_body(notice, f))
        .collect();
    if same.is_empty() {
        return;
    }
    let findings = cross::check(notice, &same, |code| config.enabled(code));
    for f in findings {
        let severity = registry::default_severity(f.code);
        let mut d = Diagnostic::new(f.code, severity, f.message).at(
            &loaded.file,
            loaded.pos_of(&f.path),
            &f.path,
        );
        d.help = f.help;
        loaded.diagnostics.push(d);
    }
    apply_config(loaded, config);
    apply_suppressions(loaded);
    loaded.diagnostics.sort_by(|a, b| {
        (a.pos.line, a.pos.column, a.code).cmp(&(b.pos.line, b.pos.column, b.code))
    });
}

fn apply_config(loaded: &mut Loaded, config: &Config) {
    loaded
        .diagnostics
        .retain_mut(|d| match config.severity(d.code, d.severity) {
            Some(s) => {
                // A rule's own override (HY0103 is info) stays unless the config names the code.
                if config.rules.contains_key(d.code) {
                    d.severity = s;
                }
                true
            }
            None => false,
        });
}

/// `# hyoka: allow HY0405 理由…` on the reported line or the line above silences that code
/// there. A reason is required: without one the comment does not apply and is itself reported.
fn apply_suppressions(loaded: &mut Loaded) {
    static ALLOW: OnceLock<Regex> = OnceLock::new();
    let re = ALLOW.get_or_init(|| {
        Regex::new(r"#\s*hyoka:\s*allow\s+((?:HY\d{4}[\s,]*)+)(.*)$").expect("static regex")
    });
    let lines: Vec<&str> = crate::text::source_lines(&loaded.source).collect();
    let mut allows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut unreasoned = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(c) = re.captures(line) {
            let codes: Vec<String> = c[1]
                .split([' ', ',', '\t'])
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            if c[2].trim().is_empty() {
                let column = line
                    .find('#')
                    .map(|b| line[..b].chars().count() + 1)
                    .unwrap_or(1);
                unreasoned.push(
                    Diagnostic::new(
                        CODE_ALLOW_WITHOUT_REASON,
                        Severity::Warning,
                        Message::new(
                            "抑止コメントに理由がないため、適用しません",
                            "suppression comment has no reason, so it does not apply",
                        ),
                    )
                    .with_help(Message::new(
                        "例: # hyoka: allow HY0501 公表済みの記載を転記したため",
                        "e.g. # hyoka: allow HY0501 transcribed as published",
                    ))
                    .at(
                        &loaded.file,
                        Pos {
                            line: i + 1,
                            column,
                        },
                        "",
                    ),
                );
            } else {
                allows.push((i + 1, codes));
            }
        }
    }
    // Load-stage problems (HY00xx) cannot be silenced: the model would be wrong, not just odd.
    loaded.diagnostics.retain(|d| {
        d.code.starts_with("HY00")
            || !allows.iter().any(|(line, codes)| {
                (*line == d.pos.line || *line + 1 == d.pos.line)
                    && codes.iter().any(|c| c == d.code)
            })
    });
    loaded.diagnostics.extend(unreasoned);
}

/// Loads and checks every assessment under `paths`, in parallel. The returned files keep their
/// source and diagnostics; use [`load::load_path`] and [`check_loaded`] to keep the model too.
pub fn check_paths(
    paths: &[PathBuf],
    limits: &Limits,
    options: &Options,
    config: &Config,
) -> Report {
    check_paths_with(paths, limits, options, config, &load::load_path)
}

/// A file's loader: [`load::load_path`], or one that also reads workbooks (the CLI's, from the
/// import stage after this one).
pub type Loader<'l> = &'l (dyn Fn(&Path, &Limits) -> Loaded + Sync);

/// [`check_paths`] with files loaded by `loader`; findings of a file read from a workbook are
/// put at the cells their values came from.
pub fn check_paths_with(
    paths: &[PathBuf],
    limits: &Limits,
    options: &Options,
    config: &Config,
    loader: Loader,
) -> Report {
    let (mut files, general) = collect(paths);
    // Backups and copies the settings name are left out of folder walks.
    files.retain(|f| paths.contains(f) || !config.excludes(f));
    // Earlier revisions of an assessment a folder holds (same 評価書番号 and 評価実施機関名) are
    // its baselines, not assessments to check; a file named on the command line is checked.
    let (named, walked): (Vec<PathBuf>, Vec<PathBuf>) =
        files.into_iter().partition(|f| paths.contains(f));
    let mut earlier = Vec::new();
    let mut files = named;
    for r in copies::group(&walked) {
        earlier.extend(r.earlier.into_iter().map(|e| (e, r.current.clone())));
        files.push(r.current);
    }
    files.sort();
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(files.len().max(1));
    let mut results: Vec<(usize, Loaded, Option<cross::Facts>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(i) else { break };
                        let mut loaded = loader(path, limits);
                        check_loaded(&mut loaded, options, config);
                        loaded.place_in_cells();
                        let facts = loaded
                            .assessment
                            .as_ref()
                            .map(|a| cross::facts(&loaded.file, a));
                        // The report needs the source (for snippets) and the diagnostics; the
                        // tree and the model are dropped so that memory does not grow with the
                        // number of files (a notice keeps its own, for the checks across files).
                        if loaded.notice.is_none() {
                            loaded.tree = None;
                        }
                        loaded.assessment = None;
                        mine.push((i, loaded, facts));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("checking does not panic"))
            .collect()
    });
    results.sort_by_key(|(i, _, _)| *i);
    let facts: Vec<cross::Facts> = results.iter().filter_map(|(_, _, f)| f.clone()).collect();
    let mut files: Vec<Loaded> = results.into_iter().map(|(_, l, _)| l).collect();
    for loaded in files.iter_mut().filter(|l| l.notice.is_some()) {
        check_across(loaded, &facts, config);
        loaded.tree = None;
    }
    Report {
        files,
        general,
        earlier,
    }
}
