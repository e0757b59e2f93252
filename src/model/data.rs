//! hyoka's own data files under `templates/` (form definitions, wording, tables) read into
//! typed values, with the model's choice lists as the vocabulary of their error messages.

use std::cell::RefCell;

use crate::diagnostic::Diagnostic;
use crate::yaml::{self, de, Node};

/// The names of the model's closed sets of values, for the YAML reader's messages.
pub static VOCABULARY: de::Vocabulary = de::Vocabulary {
    describe: super::choice::describe_at,
    labels: super::choice::labels_at,
};

/// Deserializes any type from a tree; all diagnostics on failure.
pub fn deserialize_node<T: serde::de::DeserializeOwned>(
    file: &str,
    tree: &Node,
) -> Result<T, Vec<Diagnostic>> {
    let ctx = de::Ctx {
        file,
        diags: RefCell::new(Vec::new()),
        vocabulary: &VOCABULARY,
    };
    let result = T::deserialize(de::NodeDe {
        node: tree,
        path: String::new(),
        ctx: &ctx,
    });
    let diags = ctx.diags.into_inner();
    match result {
        Ok(v) if diags.is_empty() => Ok(v),
        _ => Err(diags),
    }
}

/// One of hyoka's own data files under `templates/` (wording, tables), read into `T`. They ship
/// with the build and the tests read each, so a broken one is a bug: the panic names the file
/// and the line.
pub fn data_file<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let tree = yaml::parse(crate::templates::expect(name), &yaml::Limits::default())
        .unwrap_or_else(|e| panic!("templates/{name}:{}: {}", e.pos.line, e.message.en));
    deserialize_node::<T>(name, &tree)
        .unwrap_or_else(|d| panic!("templates/{name}:{}: {}", d[0].pos.line, d[0].message.en))
}

/// A data file under `templates/` read once, on first use, for the life of the process:
/// `static W: Cached<Wording> = Cached::new("notice.yaml");` then `W.get()`.
pub struct Cached<T> {
    name: &'static str,
    cell: std::sync::OnceLock<T>,
}

impl<T: serde::de::DeserializeOwned> Cached<T> {
    pub const fn new(name: &'static str) -> Cached<T> {
        Cached {
            name,
            cell: std::sync::OnceLock::new(),
        }
    }

    pub fn get(&self) -> &T {
        self.cell.get_or_init(|| data_file(self.name))
    }
}
