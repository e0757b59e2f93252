//! HY02xx: completeness per form, driven by the form definitions in `templates/forms/`.
//!
//! Every item the pinned form requires must be filled in; every item a 「委託しない」「提供・移転
//! しない」「接続しない」 (or any other `when`) switches off must be empty.

use minijinja::value::{Serde, Value as Jinja};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use minijinja::{Environment, Expression, UndefinedBehavior};
use serde_json::Value;

use crate::check::rule::{Finding, RuleCtx};
use crate::model::form::{self, FormNode};
use crate::model::path::{get, is_empty, join};
use crate::model::RecipientKind;

/// Condition expressions are data; bound their work so a bad template cannot hang a check.
const FUEL: u64 = 10_000;

/// The environment conditions are evaluated in: undefined names are falsy, work is bounded.
fn env() -> &'static Environment<'static> {
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

struct Walker<'e> {
    root: Jinja,
    form_title: &'static str,
    out: &'e mut Vec<Finding>,
    reported: std::collections::HashSet<(String, &'static str)>,
}

impl Walker<'_> {
    fn eval(&mut self, expr: &'static str, elem: &Jinja) -> bool {
        let ctx = minijinja::context! { root => self.root.clone(), ..elem.clone() };
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
                self.switched_off(node, elem, prefix, &here);
                continue;
            }
            if let Some(path) = &node.path {
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
                            "HY0201",
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
                        "HY0202",
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

/// HY0201 and HY0202 for every form the assessment declares, against its pinned edition.
pub fn run(ctx: &RuleCtx, out: &mut Vec<Finding>) {
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
            root: root.clone(),
            form_title: form_kind.label(),
            out,
            reported,
        };
        w.walk(&def.nodes, ctx.json, &root, "", &[]);
        reported = w.reported;
    }
}

/// HY0203: 提供を行っている（N）件 / 移転を行っている（N）件 differs from the entries listed.
pub fn provision_counts(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    for (i, f) in ctx.a.files.iter().enumerate() {
        let Some(p) = &f.provision else { continue };
        for (stated, kind, key, ja) in [
            (p.provides, RecipientKind::Provide, "provides", "提供"),
            (p.transfers, RecipientKind::Transfer, "transfers", "移転"),
        ] {
            let Some(n) = stated else { continue };
            let listed = f.recipients_of(kind).count() as u32;
            if n != listed {
                out.push(
                    Finding::new(
                        "HY0203",
                        format!("/files/{i}/provision/{key}"),
                        format!("「{}」の{ja}件数（{n}件）と、記載された{ja}先の数（{listed}件）が一致しません", f.name),
                        format!("`{}` states {n} {key} but lists {listed}", f.name),
                    )
                    .help(format!("{key}: {listed} とするか、{ja}先を追加・削除してください。"), format!("set {key}: {listed}, or add/remove entries")),
                );
            }
        }
        if p.none && !f.recipients.is_empty() {
            out.push(Finding::new(
                "HY0203",
                format!("/files/{i}/provision/none"),
                format!("「{}」は提供・移転を「行っていない」としていますが、提供先・移転先が記載されています", f.name),
                format!("`{}` says no provision or transfer, but lists recipients", f.name),
            ));
        }
    }
}

/// HY0204: 様式2 Ⅳ4/Ⅳ5 「委託しない」「提供・移転しない」 contradict the files' own answers.
pub fn basic_switches_vs_files(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    let Some(r) = &ctx.a.basic_risk else { return };
    let delegating = ctx.a.files.iter().any(|f| {
        !f.delegations.is_empty() || f.delegation == Some(crate::model::DelegationStatus::Delegate)
    });
    let providing = ctx.a.files.iter().any(|f| !f.recipients.is_empty());
    if r.delegation.as_ref().is_some_and(|d| d.not_applicable) && delegating {
        out.push(Finding::new(
            "HY0204",
            "/basic_risk/delegation/not_applicable",
            "様式2 Ⅳ4 で「委託しない」としていますが、特定個人情報ファイルの委託が記載されています",
            "様式2 Ⅳ4 ticks 委託しない, but a file lists delegations",
        ));
    }
    if r.provision.as_ref().is_some_and(|d| d.not_applicable) && providing {
        out.push(Finding::new(
            "HY0204",
            "/basic_risk/provision/not_applicable",
            "様式2 Ⅳ5 で「提供・移転しない」としていますが、提供先・移転先が記載されています",
            "様式2 Ⅳ5 ticks 提供・移転しない, but a file lists recipients",
        ));
    }
    for (i, m) in ctx.a.risk_measures.iter().enumerate() {
        let covered: Vec<_> = ctx
            .a
            .files
            .iter()
            .filter(|f| m.files.contains(&f.id))
            .collect();
        if m.delegation.as_ref().is_some_and(|d| d.not_delegated)
            && covered.iter().any(|f| !f.delegations.is_empty())
        {
            out.push(Finding::new(
                "HY0204",
                format!("/risk_measures/{i}/delegation/not_delegated"),
                "リスク対策で「委託しない」としていますが、対象ファイルに委託事項が記載されています",
                "the risk measures tick 委託しない, but a file they cover lists delegations",
            ));
        }
        if m.provision.as_ref().is_some_and(|d| d.not_provided)
            && covered.iter().any(|f| !f.recipients.is_empty())
        {
            out.push(Finding::new(
                "HY0204",
                format!("/risk_measures/{i}/provision/not_provided"),
                "リスク対策で「提供・移転しない」としていますが、対象ファイルに提供先・移転先が記載されています",
                "the risk measures tick 提供・移転しない, but a file they cover lists recipients",
            ));
        }
    }
}
