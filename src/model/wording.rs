//! Fixed form wording that is not an item label or a choice, from `templates/wording.yaml`.

use std::sync::OnceLock;

use crate::yaml::{self, Node, NodeKind};

pub struct Wording {
    /// ＜選択肢＞.
    pub choice_list: String,
    /// 変更日.
    pub change_date_column: String,
    /// 項目, 変更前の記載, 変更後の記載, 提出時期, 提出時期に係る説明.
    pub change_columns: [String; 5],
    /// 新旧対照表, and its old and new column headings.
    pub new_old_title: String,
    pub new_old_old: String,
    pub new_old_new: String,
    /// 変更または追記した箇所, ページ, 事由等.
    pub pages_columns: [String; 3],
    /// Between the two dates of a range printed as one value (Ⅵ2 ②実施日・期間): ` ～ `.
    pub range_separator: String,
}

fn text(n: Option<&Node>) -> String {
    n.and_then(|n| n.as_str()).unwrap_or_default().to_string()
}

fn list<const N: usize>(n: Option<&Node>) -> [String; N] {
    let items: Vec<String> = match n.map(|n| &n.kind) {
        Some(NodeKind::Seq(items)) => items
            .iter()
            .map(|i| i.as_str().unwrap_or_default().to_string())
            .collect(),
        _ => Vec::new(),
    };
    std::array::from_fn(|i| items.get(i).cloned().unwrap_or_default())
}

pub fn get() -> &'static Wording {
    static W: OnceLock<Wording> = OnceLock::new();
    W.get_or_init(|| {
        let root = yaml::parse(
            crate::templates::expect("wording.yaml"),
            &yaml::Limits::default(),
        )
        .expect("templates/wording.yaml parses");
        let new_old = root.child("new_old");
        Wording {
            choice_list: text(root.child("choice_list")),
            change_date_column: text(root.child("change_date_column")),
            change_columns: list(root.child("change_columns")),
            new_old_title: text(new_old.and_then(|n| n.child("title"))),
            new_old_old: text(new_old.and_then(|n| n.child("old"))),
            new_old_new: text(new_old.and_then(|n| n.child("new"))),
            pages_columns: list(root.child("pages_columns")),
            range_separator: text(root.child("range_separator")),
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_wording_is_present() {
        let w = super::get();
        assert_eq!(w.choice_list, "＜選択肢＞");
        assert_eq!(w.change_date_column, "変更日");
        assert_eq!(w.range_separator.trim(), "～");
        assert!(w
            .change_columns
            .iter()
            .chain(&w.pages_columns)
            .all(|c| !c.is_empty()));
        assert!(![&w.new_old_title, &w.new_old_old, &w.new_old_new]
            .iter()
            .any(|s| s.is_empty()));
    }
}
