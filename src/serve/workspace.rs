//! What `hyoka serve` shows: the assessments found under the given paths, each addressed by its
//! path relative to its root. A URL names an entry of this list or nothing: no file outside it
//! is ever read, whatever the URL says (`..`, `%2e%2e`, absolute paths, symlinks out of a root).

use std::path::{Path, PathBuf};

use crate::check::{self, config, rule::Options};
use crate::load::Loaded;
use crate::model::Date;
use crate::yaml::Limits;

/// One path given on the command line.
#[derive(Debug, Clone)]
pub struct Root {
    /// As given (shown to the user).
    pub given: PathBuf,
    /// Resolved: every file served must resolve inside it.
    pub canonical: PathBuf,
    /// A single file rather than a folder.
    pub is_file: bool,
}

impl Root {
    pub fn new(given: &Path) -> std::io::Result<Root> {
        let canonical = given.canonicalize()?;
        Ok(Root {
            given: given.to_path_buf(),
            is_file: canonical.is_file(),
            canonical,
        })
    }
}

/// One assessment file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its address in URLs: the path under its root, with `/` separators (`yazu/assessment.yaml`);
    /// prefixed by the root's number when several roots are served (`1/yazu/assessment.yaml`).
    pub id: String,
    /// The resolved file.
    pub path: PathBuf,
    /// Its earlier revisions in the same folder (the published copy kept beside it), latest
    /// first: the baselines its changes tab offers besides git. Not entries of their own.
    pub earlier: Vec<PathBuf>,
}

impl Entry {
    /// A YAML file (what `--edit` may write), not a workbook.
    pub fn is_yaml(&self) -> bool {
        self.path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml")
    }
}

/// Every `*.yaml` under the roots that resolves inside its root, sorted by id.
pub fn entries(roots: &[Root]) -> Vec<Entry> {
    let mut out = Vec::new();
    for (i, root) in roots.iter().enumerate() {
        let (files, _) = check::collect(std::slice::from_ref(&root.given));
        // Resolved, and only those inside the root: a symlink that leads out of it is not part
        // of what was asked to be served.
        let inside: Vec<PathBuf> = files
            .iter()
            .filter_map(|f| f.canonicalize().ok())
            .filter(|real| id_of(roots, i, real).is_some())
            .collect();
        for r in check::copies::group(&inside) {
            let Some(id) = id_of(roots, i, &r.current) else {
                continue;
            };
            out.push(Entry {
                id,
                path: r.current,
                earlier: r.earlier,
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out.dedup_by(|a, b| a.id == b.id);
    out
}

/// The id of `real` (a resolved path) under root `i`, when it lies inside that root: its path
/// under the root with `/` separators, numbered by root when several are served.
pub fn id_of(roots: &[Root], i: usize, real: &Path) -> Option<String> {
    let root = roots.get(i)?;
    let rel = if root.is_file {
        (real == root.canonical).then(|| PathBuf::from(real.file_name().unwrap_or_default()))?
    } else {
        real.strip_prefix(&root.canonical).ok()?.to_path_buf()
    };
    let rel: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let rel = rel.join("/");
    Some(if roots.len() > 1 {
        format!("{i}/{rel}")
    } else {
        rel
    })
}

/// The entry a URL names, if it names one.
pub fn find(roots: &[Root], id: &str) -> Option<Entry> {
    entries(roots).into_iter().find(|e| e.id == id)
}

/// The file loaded and checked as `hyoka check` would today, with the settings of the nearest
/// `hyoka.toml`.
pub fn analyse(entry: &Entry, today: Date) -> Loaded {
    let mut loaded = crate::import::open::load(&entry.path, &Limits::default());
    let settings = entry
        .path
        .parent()
        .and_then(config::discover)
        .and_then(|p| config::read(&p).ok())
        .unwrap_or_default();
    let mut options = Options {
        today,
        ..Options::default()
    };
    if let Ok(Some(d)) = settings.amendment_cutover() {
        options.amendment_cutover = d;
    }
    if loaded.assessment.is_some() {
        check::check_loaded(&mut loaded, &options, &settings);
        loaded.place_in_cells();
    }
    loaded
}
