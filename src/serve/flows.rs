//! 別紙1's flows under `serve --edit`. 様式4's （別添1） prints them as pictures and numbered
//! steps, which carry no item to click; the page adds, under the form, the same flows as items
//! — each counterpart, 事務, 見出し and 手順 with its 記載, 相手, 向き, 情報 and 経路 — laid out
//! from `templates/attachment_items.yaml` (the items diff and the history name), and edited
//! like any other item.

use crate::model::{form, refs, Assessment};
use crate::render::tree::{Block, Content, Document};

/// The flows as items, when a form the assessment declares prints them.
pub fn editing_doc(a: &Assessment) -> Option<Document> {
    let form = a.forms.iter().copied().find(|f| {
        form::get(*f, a.editions.get(*f).unwrap_or_default()).is_some_and(|d| d.prints_flows())
    })?;
    let mut doc = crate::render::build::build_items(a, form, form::attachment_items()).ok()?;
    // A step's counterpart by its name, as the picture prints it (the file holds its id).
    let root = serde_json::to_value(a).ok()?;
    for block in &mut doc.blocks {
        let Block::Table(t) = block else { continue };
        for row in &mut t.rows {
            let Some(r) = row.path.as_deref().and_then(refs::reference_at) else {
                continue;
            };
            if let Some(Content::Text(id)) = row.cells.last_mut().map(|c| &mut c.content) {
                if let Some((_, name)) = refs::choices(&root, r).into_iter().find(|(i, _)| i == id)
                {
                    *id = name;
                }
            }
        }
    }
    Some(doc)
}
