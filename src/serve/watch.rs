//! Saving a file → the ids of the entries it touches, sent to every open page. Editors save in
//! several steps (truncate, write, rename), so events are gathered for a short moment and each
//! id is sent once per burst.

use std::path::PathBuf;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};
use tokio::sync::broadcast;

use super::workspace::{self, Root};

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
        // A single file is watched through its folder: editors that save by writing a new file
        // and renaming it over the old one would end a watch on the file itself.
        match root.canonical.parent().filter(|_| root.is_file) {
            Some(folder) => watcher.watch(folder, RecursiveMode::NonRecursive)?,
            None => watcher.watch(&root.canonical, RecursiveMode::Recursive)?,
        }
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

/// The entry id a changed path belongs to, or `*` for a settings file (it changes what every
/// page shows).
fn id_of(roots: &[Root], path: &std::path::Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy();
    if name == "hyoka.toml" {
        return (0..roots.len())
            .any(|i| workspace::id_of(roots, i, path).is_some())
            .then(|| "*".to_string());
    }
    if !(name.ends_with(".yaml") || name.ends_with(".yml")) {
        return None;
    }
    (0..roots.len()).find_map(|i| workspace::id_of(roots, i, path))
}
