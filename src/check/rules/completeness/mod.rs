//! HY02xx: completeness per form, driven by the form definitions in `templates/forms/`.
//!
//! Every item the pinned form requires must be filled in; every item a 「委託しない」「提供・移転
//! しない」「接続しない」 (or any other `when`) switches off must be empty.

mod provision_count;
mod required_item;
mod switch_contradiction;
mod switched_off_item;

pub use provision_count::ProvisionCount;
pub use required_item::RequiredItem;
pub use switch_contradiction::SwitchContradiction;
pub use switched_off_item::SwitchedOffItem;

use minijinja::value::{Serde, Value as Jinja};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use minijinja::{Environment, Expression, UndefinedBehavior};
use serde_json::Value;

use crate::check::rule::{Finding, RuleCtx, RuleDef};
use crate::model::form::{self, FormNode};
use crate::model::path::{get, is_empty, join};
use crate::model::RecipientKind;

/// Condition expressions are data; bound their work so a bad template cannot hang a check.
pub(super) const FUEL: u64 = 10_000;

/// The environment conditions are evaluated in: undefined names are falsy, work is bounded.
pub(super) fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Chainable);
        env.set_fuel(Some(FUEL));
        env
    })
}

thread_local! {
    static COMPILED: RefCell<HashMap<&'static str, Option<Expression<'static, 'static>>>> = RefCell::new(HashMap::new());
}

pub(super) struct Walker<'e> {
    /// The code looked for: HY0201 (required items left empty) or HY0202 (items filled in that
    /// the answers switch off). One walk serves either.
    code: &'static str,
    root: Jinja,
    form_title: &'static str,
    out: &'e mut Vec<Finding>,
    reported: std::collections::HashSet<(String, &'static str)>,
}

/// Whether the form's condition `expr` (a `when`) holds for `elem`, `root` the whole
/// assessment.
fn holds(expr: &'static str, root: &Jinja, elem: &Jinja) -> bool {
    let ctx = minijinja::context! { root => root.clone(), ..elem.clone() };
    // Conditions come from the static form definitions: compile each once per thread.
    COMPILED.with(|cache| {
        let mut cache = cache.borrow_mut();
        let compiled = cache
            .entry(expr)
            .or_insert_with(|| env().compile_expression(expr).ok());
        match compiled.as_ref().map(|e| e.eval(ctx)) {
            Some(Ok(v)) => v.is_true(),
            // A broken expression is a bug in templates/ (a test compiles them all); never let
            // it silently switch items off.
            _ => true,
        }
    })
}

/// The model paths of the items (and lists) the form `form_kind` switches off for the answers
/// given — 委託事項 when 委託しない, ⑧⑨ when 再委託しない, 提供先 when 行っていない: everything
/// under them is off too. For an editor, which does not ask them.
pub fn switched_off_paths(
    a: &crate::model::Assessment,
    form_kind: crate::model::FormKind,
) -> Vec<String> {
    fn all_paths(node: &FormNode, prefix: &str, out: &mut Vec<String>) {
        match node.path.as_ref().or(node.repeat.as_ref()) {
            Some(p) => out.push(join(prefix, p)),
            None => node.children.iter().for_each(|c| all_paths(c, prefix, out)),
        }
    }
    // `elem_j` is `elem` for the conditions, converted once per entry (not per group: the
    // whole assessment is the first `elem`).
    fn walk(
        nodes: &'static [FormNode],
        root: &Jinja,
        elem: &Value,
        elem_j: &Jinja,
        prefix: &str,
        out: &mut Vec<String>,
    ) {
        for node in nodes {
            if !node.when.as_deref().is_none_or(|w| holds(w, root, elem_j)) {
                all_paths(node, prefix, out);
                continue;
            }
            match &node.repeat {
                Some(list) => {
                    if let Value::Array(items) = get(elem, list) {
                        for (i, item) in items.iter().enumerate() {
                            let at = format!("{}/{i}", join(prefix, list));
                            let item_j = Jinja::from(Serde(item));
                            walk(&node.children, root, item, &item_j, &at, out);
                        }
                    }
                }
                None => walk(&node.children, root, elem, elem_j, prefix, out),
            }
        }
    }
    let json = serde_json::to_value(a).unwrap_or_default();
    let root = Jinja::from(Serde(&json));
    let mut out = Vec::new();
    if let Some(def) = a
        .editions
        .get(form_kind)
        .and_then(|e| form::get(form_kind, e))
    {
        walk(&def.nodes, &root, &json, &root, "", &mut out);
    }
    out.sort();
    out.dedup();
    out
}

impl Walker<'_> {
    fn eval(&mut self, expr: &'static str, elem: &Jinja) -> bool {
        holds(expr, &self.root, elem)
    }

    fn push(&mut self, f: Finding) {
        if self.reported.insert((f.path.clone(), f.code)) {
            self.out.push(f);
        }
    }

    fn walk(
        &mut self,
        nodes: &'static [FormNode],
        elem: &Value,
        elem_j: &Jinja,
        prefix: &str,
        crumbs: &[&str],
    ) {
        for node in nodes {
            let mut here: Vec<&str> = crumbs.to_vec();
            here.push(&node.label);
            let on = node.when.as_deref().is_none_or(|w| self.eval(w, elem_j));
            if !on {
                if self.code == SWITCHED_OFF {
                    self.switched_off(node, elem, prefix, &here);
                }
                continue;
            }
            if let Some(path) = node.path.as_ref().filter(|_| self.code == REQUIRED) {
                let required = node.required || node.required_when.is_some();
                let required = required
                    && node
                        .required_when
                        .as_deref()
                        .is_none_or(|w| self.eval(w, elem_j));
                if required && is_empty(get(elem, path)) {
                    let where_ = here.join(" ");
                    self.push(
                        Finding::new(
                            REQUIRED,
                            join(prefix, path),
                            format!(
                                "{}の「{}」が記入されていません（{}）",
                                self.form_title, node.label, where_
                            ),
                            format!(
                                "`{}` is required by the {} ({})",
                                path, self.form_title, where_
                            ),
                        )
                        .help(
                            format!(
                                "`{}` を記入してください。",
                                path.rsplit('.').next().unwrap_or(path)
                            ),
                            format!("fill in `{path}`"),
                        ),
                    );
                }
            }
            if let Some(list) = &node.repeat {
                if let Value::Array(items) = get(elem, list) {
                    for (i, item) in items.iter().enumerate() {
                        let item_j = Jinja::from(Serde(item));
                        self.walk(
                            &node.children,
                            item,
                            &item_j,
                            &format!("{}/{i}", join(prefix, list)),
                            &here,
                        );
                    }
                }
            } else {
                self.walk(&node.children, elem, elem_j, prefix, &here);
            }
        }
    }

    /// Reports the filled-in items under a switched-off node (the list once, not its entries).
    fn switched_off(
        &mut self,
        node: &'static FormNode,
        elem: &Value,
        prefix: &str,
        crumbs: &[&str],
    ) {
        if let Some(path) = node.path.as_ref().or(node.repeat.as_ref()) {
            if !is_empty(get(elem, path)) {
                let where_ = crumbs.join(" ");
                self.push(
                    Finding::new(
                        SWITCHED_OFF,
                        join(prefix, path),
                        format!("「{}」は、この回答では記入しない項目ですが、記入されています（{}）", node.label, where_),
                        format!("`{path}` is filled in, but the answers above switch this item off ({where_})"),
                    )
                    .help("「委託しない」「提供・移転しない」「接続しない」「再委託しない」等の回答と記載内容のどちらかを直してください。", "correct either the switching answer (委託しない, 提供・移転しない, 接続しない, 再委託しない, …) or remove this content"),
                );
                return;
            }
        }
        if node.repeat.is_none() {
            for c in &node.children {
                self.switched_off(c, elem, prefix, crumbs);
            }
        }
    }
}

const REQUIRED: &str = RequiredItem::CODE;
const SWITCHED_OFF: &str = SwitchedOffItem::CODE;

/// Walks every form the assessment declares, against its pinned edition, for `code`.
pub(super) fn walk_forms(ctx: &RuleCtx, out: &mut Vec<Finding>, code: &'static str) {
    let root = Jinja::from(Serde(ctx.json));
    let mut reported = std::collections::HashSet::new();
    for form_kind in &ctx.a.forms {
        let Some(edition) = ctx.a.editions.get(*form_kind) else {
            continue;
        };
        let Some(def) = form::get(*form_kind, edition) else {
            continue;
        };
        let mut w = Walker {
            code,
            root: root.clone(),
            form_title: form_kind.label(),
            out,
            reported,
        };
        w.walk(&def.nodes, ctx.json, &root, "", &[]);
        reported = w.reported;
    }
}
