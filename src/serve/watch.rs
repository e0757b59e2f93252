//! Saving a file → the ids of the entries it touches, sent to every open page. Editors save in
//! several steps (truncate, write, rename), so events are gathered for a short moment and each
//! id is sent once per burst.

use std::path::PathBuf;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};
use tokio::sync::broadcast;

use super::workspace::Root;

/// How long a burst of file events is gathered before pages are told.
pub const SETTLE: Duration = Duration::from_millis(40);

/// Starts watching every root. The watcher stops when the returned value is dropped.
pub fn start(
    roots: &[Root],
    changes: broadcast::Sender<String>,
) -> notify::Result<notify::RecommendedWatcher> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if matches!(event.kind, notify::EventKind::Access(_)) {
                return;
            }
            for p in event.paths {
                let _ = tx.send(p);
            }
        }
    })?;
    for root in roots {
        let mode = if root.canonical.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        watcher.watch(&root.canonical, mode)?;
    }
    let roots = roots.to_vec();
    tokio::spawn(async move {
        while let Some(first) = rx.recv().await {
            let mut paths = vec![first];
            tokio::time::sleep(SETTLE).await;
            while let Ok(p) = rx.try_recv() {
                paths.push(p);
            }
            let mut ids: Vec<String> = paths.iter().filter_map(|p| id_of(&roots, p)).collect();
            ids.sort();
            ids.dedup();
            for id in ids {
                let _ = changes.send(id);
            }
        }
    });
    Ok(watcher)
}

/// The entry id a changed path belongs to, or `*` for another file under a root (a new or
/// removed assessment changes the index).
fn id_of(roots: &[Root], path: &std::path::Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy();
    if !(name.ends_with(".yaml") || name.ends_with(".yml") || name == "hyoka.toml") {
        return None;
    }
    for (i, root) in roots.iter().enumerate() {
        let rel = if root.canonical.is_file() {
            (path == root.canonical).then(|| name.to_string())
        } else {
            path.strip_prefix(&root.canonical).ok().map(|r| {
                r.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/")
            })
        };
        if let Some(rel) = rel {
            if name == "hyoka.toml" {
                return Some("*".to_string());
            }
            return Some(if roots.len() > 1 {
                format!("{i}/{rel}")
            } else {
                rel
            });
        }
    }
    None
}
