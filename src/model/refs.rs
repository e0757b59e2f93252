//! Where the model names an entry of one of its lists by that entry's id: Ⅲ's risk-measure
//! blocks name the files they cover (`risk_measures/N/files: [fuka, shikaku]`). An editor that
//! removes a file takes it out of them too, and a new block starts with the files no block
//! covers yet.

use serde_json::Value;

/// A place that names entries of `target` by id (`*`: any index).
pub struct Reference {
    pub target: &'static str,
    pub at: &'static str,
}

pub const REFERENCES: &[Reference] = &[
    Reference {
        target: "/files",
        at: "/risk_measures/*/files/*",
    },
    // 別紙1: the counterpart a step goes to or comes from.
    Reference {
        target: "/counterparts",
        at: "/flows/*/groups/*/steps/*/counterpart",
    },
];

impl Reference {
    /// Whether the place holds a list of ids (`files: [fuka, kyufu]`) rather than one.
    pub fn is_list(&self) -> bool {
        self.at.ends_with("/*")
    }
}

/// The reference whose place is the item at `path`: a list of ids (`/risk_measures/0/files`)
/// or one id (`/flows/0/groups/1/steps/2/counterpart`).
pub fn reference_at(path: &str) -> Option<&'static Reference> {
    REFERENCES.iter().find(|r| {
        let pattern: Vec<&str> = r.at.trim_end_matches("/*").split('/').collect();
        let segs: Vec<&str> = path.split('/').collect();
        pattern.len() == segs.len()
            && pattern
                .iter()
                .zip(&segs)
                .all(|(p, s)| p == s || (*p == "*" && s.parse::<usize>().is_ok()))
    })
}

/// The entries a reference may name, (id, label), as the form names them: a file as
/// `(1) 国保賦課ファイル`, anything else by its name.
pub fn choices(root: &Value, r: &Reference) -> Vec<(String, String)> {
    matching(root, &format!("{}/*", r.target))
        .into_iter()
        .filter_map(|(_, e)| {
            let id = e.get("id")?.as_str()?;
            let label = match r.target {
                "/files" => super::form::file_label(&[root], id),
                _ => e
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or(id)
                    .to_string(),
            };
            Some((id.to_string(), label))
        })
        .collect()
}

/// Every value in `root` at a path matching `pattern`, with its path.
pub fn matching<'v>(root: &'v Value, pattern: &str) -> Vec<(String, &'v Value)> {
    let mut out = vec![(String::new(), root)];
    for seg in pattern.split('/').filter(|s| !s.is_empty()) {
        out = out
            .into_iter()
            .flat_map(|(path, v)| -> Vec<(String, &Value)> {
                match (seg, v) {
                    ("*", Value::Array(items)) => items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| (format!("{path}/{i}"), item))
                        .collect(),
                    (key, Value::Object(m)) => m
                        .get(key)
                        .map(|c| vec![(format!("{path}/{key}"), c)])
                        .unwrap_or_default(),
                    (index, Value::Array(items)) => index
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| items.get(i))
                        .map(|c| vec![(format!("{path}/{index}"), c)])
                        .unwrap_or_default(),
                    _ => Vec::new(),
                }
            })
            .collect();
    }
    out
}

/// The paths in `root` that name the list entry at `entry` (`/files/2`) by its id.
pub fn naming(root: &Value, entry: &str) -> Vec<String> {
    let Some((list, _)) = entry.rsplit_once('/') else {
        return Vec::new();
    };
    let id = matching(root, entry)
        .first()
        .and_then(|(_, e)| e.get("id"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let Some(id) = id else {
        return Vec::new();
    };
    REFERENCES
        .iter()
        .filter(|r| r.target == list)
        .flat_map(|r| matching(root, r.at))
        .filter(|(_, v)| v.as_str() == Some(id.as_str()))
        .map(|(p, _)| p)
        .collect()
}

/// For a new entry of the list at `list` (`/risk_measures`): each of its fields that names
/// entries of another list, and the ids of those entries that nothing names yet.
pub fn unnamed_for_new(root: &Value, list: &str) -> Vec<(String, Vec<String>)> {
    let pattern = format!("{list}/*/");
    REFERENCES
        .iter()
        .filter_map(|r| {
            let field = r.at.strip_prefix(&pattern)?.strip_suffix("/*")?;
            let named: Vec<&str> = matching(root, r.at)
                .into_iter()
                .filter_map(|(_, v)| v.as_str())
                .collect();
            let free = matching(root, &format!("{}/*/id", r.target))
                .into_iter()
                .filter_map(|(_, v)| v.as_str())
                .filter(|id| !named.contains(id))
                .map(str::to_string)
                .collect();
            Some((field.to_string(), free))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn references_are_found_by_id_and_new_blocks_take_the_uncovered_files() {
        let root = json!({
            "files": [{"id": "fuka"}, {"id": "shikaku"}, {"id": "kyufu"}],
            "risk_measures": [{"files": ["fuka"]}, {"files": ["kyufu", "fuka"]}],
        });
        assert_eq!(
            naming(&root, "/files/0"),
            ["/risk_measures/0/files/0", "/risk_measures/1/files/1"]
        );
        assert!(naming(&root, "/files/1").is_empty());
        assert!(naming(&root, "/files/9").is_empty());
        assert_eq!(
            unnamed_for_new(&root, "/risk_measures"),
            [("files".to_string(), vec!["shikaku".to_string()])]
        );
        assert!(unnamed_for_new(&root, "/systems").is_empty());
    }
}
