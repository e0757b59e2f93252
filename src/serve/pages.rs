//! The pages `hyoka serve` shows: the index of assessments, an assessment's form with its
//! problems, and its changes against a git revision. Every value from a YAML file is escaped
//! here; the pages carry no inline script (the CSP forbids it), only `/static/app.js`.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::check::rule::RuleDef;
use crate::check::rules::dates::{AnnualReview, ReassessmentDue};
use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::load::Loaded;
use crate::model::{Assessment, FormKind};
use crate::render::{build, html as form_html};

use super::workspace::Entry;
use crate::text::escape_html as esc;

/// What a URL segment keeps as it is: letters, digits and `-._~` (RFC 3986 unreserved).
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A URL path segment list, percent-encoded (`yazu/評価.yaml` → `yazu/%E8%A9%95…`).
pub fn url_path(id: &str) -> String {
    id.split('/')
        .map(|s| percent_encoding::utf8_percent_encode(s, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

fn query_value(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, SEGMENT).to_string()
}

/// The frame every page shares. `live_src` is the URL of the live part the page refreshes from when `watch`
/// (an entry id, or `*` for any) changes on disk.
pub fn page(lang: Lang, title: &str, nav: &str, live_src: &str, watch: &str, live: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang_attr}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — hyoka</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head>
<body>
<header class="bar"><a class="home" href="/">hyoka</a>{nav}</header>
<div id="live" data-src="{src}" data-watch="{watch}">
{live}</div>
</body>
</html>
"#,
        lang_attr = if lang == Lang::Ja { "ja" } else { "en" },
        title = esc(title),
        src = esc(live_src),
        watch = esc(watch),
    )
}

fn form_label(kind: FormKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (_, Lang::Ja) => kind.label(),
        (FormKind::Basic, Lang::En) => "Basic",
        (FormKind::Key, Lang::En) => "Key items",
        (FormKind::Full, Lang::En) => "Full",
    }
}

/// The index: one row per assessment with its forms, 公表日, problems and keeping-current status.
pub fn index_fragment(rows: &[(Entry, Loaded)], lang: Lang) -> String {
    let t = |ja: &str, en: &str| lang.pick(ja, en).to_string();
    let mut out = String::new();
    let _ = write!(
        out,
        "<h1>{}</h1>\n<table class=\"index\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        t("評価書の一覧", "Assessments"),
        t("評価書", "Assessment"),
        t("評価実施機関", "Body"),
        t("様式", "Forms"),
        t("公表日", "Published"),
        t("エラー", "Errors"),
        t("警告", "Warnings"),
        t("見直し（HY0405/HY0406）", "Keeping current (HY0405/HY0406)"),
    );
    for (entry, loaded) in rows {
        let url = format!("/a/{}", url_path(&entry.id));
        let summary = crate::diagnostic::Summary::of(&loaded.diagnostics);
        let (name, body, forms, published) = match &loaded.assessment {
            Some(a) => (
                a.cover.title.clone(),
                a.cover.body.clone(),
                a.forms
                    .iter()
                    .map(|f| {
                        format!(
                            "<a href=\"{url}?form={}\">{}</a>",
                            f.id(),
                            esc(form_label(*f, lang))
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
                a.cover
                    .published
                    .as_ref()
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            None => match &loaded.notice {
                // A notice of purposes of use: its page, as `hyoka render --format html` writes it.
                Some(n) => (
                    n.title.clone(),
                    n.body.clone(),
                    format!(
                        "<a href=\"{url}\">{}</a>",
                        t("利用目的の公表", "notice of purposes")
                    ),
                    n.published
                        .as_ref()
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                ),
                None => (
                    entry.id.clone(),
                    String::new(),
                    t("（読み込めません）", "(does not load)"),
                    String::new(),
                ),
            },
        };
        let current: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.code == AnnualReview::CODE || d.code == ReassessmentDue::CODE)
            .map(|d| format!("{}: {}", d.code, esc(d.message.text(lang))))
            .collect();
        let current = if current.is_empty() {
            t("期限内", "up to date")
        } else {
            current.join("<br>")
        };
        let _ = writeln!(
            out,
            "<tr data-id=\"{id}\"><td><a href=\"{url}\">{name}</a><div class=\"file\">{id}</div></td><td>{body}</td><td>{forms}</td><td>{published}</td><td class=\"n{ecls}\">{e}</td><td class=\"n{wcls}\">{w}</td><td>{current}</td></tr>",
            id = esc(&entry.id),
            name = esc(&name),
            body = esc(&body),
            published = esc(&published),
            e = summary.errors,
            w = summary.warnings,
            ecls = if summary.errors > 0 { " bad" } else { "" },
            wcls = if summary.warnings > 0 { " warn" } else { "" },
        );
    }
    if rows.is_empty() {
        let _ = writeln!(
            out,
            "<tr><td colspan=\"7\">{}</td></tr>",
            t(
                "評価書（*.yaml）が見つかりません",
                "no assessments (*.yaml) found"
            )
        );
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// The tabs above an assessment: one per form it declares, its changes, its PDF.
pub fn assessment_nav(
    entry: &Entry,
    a: Option<&Assessment>,
    current: Option<FormKind>,
    changes: bool,
    lang: Lang,
) -> String {
    let url = url_path(&entry.id);
    let mut out = format!("<span class=\"file\">{}</span><nav>", esc(&entry.id));
    for f in a.map(|a| a.forms.as_slice()).unwrap_or_default() {
        let on = if Some(*f) == current && !changes {
            " class=\"on\" aria-current=\"page\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<a{on} href=\"/a/{url}?form={}\">{}</a>",
            f.id(),
            esc(form_label(*f, lang))
        );
    }
    let on = if changes {
        " class=\"on\" aria-current=\"page\""
    } else {
        ""
    };
    let _ = write!(
        out,
        "<a{on} href=\"/changes/{url}\">{}</a>",
        lang.pick("変更箇所", "Changes")
    );
    if let (Some(f), false) = (current, changes) {
        let _ = write!(
            out,
            "<a class=\"pdf\" href=\"/pdf/{url}?form={}\">PDF</a>",
            f.id()
        );
    }
    out.push_str("</nav>");
    out
}

/// The model path of the printed row nearest to a diagnostic's path: the row itself, else the
/// closest enclosing item that the form prints.
fn target_row<'a>(path: &str, rows: &'a HashMap<String, usize>) -> Option<&'a str> {
    let mut p = path;
    loop {
        if let Some((k, _)) = rows.get_key_value(p) {
            return Some(k.as_str());
        }
        p = &p[..p.rfind('/')?];
        if p.is_empty() {
            return None;
        }
    }
}

fn row_paths(doc: &crate::render::tree::Document) -> HashMap<String, usize> {
    use crate::render::tree::Block;
    let mut out = HashMap::new();
    for b in &doc.blocks {
        if let Block::Table(t) = b {
            for r in t.header.iter().chain(&t.rows) {
                if let Some(p) = &r.path {
                    let n = out.len();
                    out.entry(p.clone()).or_insert(n);
                }
            }
        }
    }
    out
}

/// What the editor needs on a row: how the value is edited, what it holds, its choices (the
/// form's labels, `|`-separated). Text only: the page never puts markup from a file in them.
fn edit_attrs(field: Option<&super::edit::Field>) -> String {
    use super::edit::Field;
    match field {
        Some(Field::Text(t)) => format!(" data-edit=\"text\" data-value=\"{}\"", esc(t)),
        Some(Field::Choice { selected, options }) => format!(
            " data-edit=\"choice\" data-value=\"{}\" data-options=\"{}\"",
            esc(selected.as_deref().unwrap_or("")),
            esc(&options.join("|"))
        ),
        Some(Field::Ticks(boxes)) => format!(
            " data-edit=\"ticks\" data-value=\"{}\" data-options=\"{}\"",
            esc(&boxes
                .iter()
                .filter(|(on, _)| *on)
                .map(|(_, l)| l.as_str())
                .collect::<Vec<_>>()
                .join("|")),
            esc(&boxes
                .iter()
                .map(|(_, l)| l.as_str())
                .collect::<Vec<_>>()
                .join("|"))
        ),
        // A row of several values: each part's path, label, kind, value and options (JSON).
        Some(Field::Parts(parts)) => format!(
            " data-edit=\"parts\" data-parts=\"{}\"",
            esc(&Field::parts_json(parts))
        ),
        Some(Field::Box(..) | Field::Count(_)) | None => String::new(),
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// One problem in the panel, in the form's words: the item by its labels (the YAML path only
/// on hover), the fix with a key named by its label (`head_title` → 「②所属長の役職名」), and
/// the line of the file it is on.
fn problem_item(d: &Diagnostic, target: Option<usize>, lines: &[&str], lang: Lang) -> String {
    let link = match target {
        Some(n) => format!(" href=\"#item-{n}\""),
        None => String::new(),
    };
    let key = d.path.rsplit('/').next().filter(|k| !k.is_empty());
    let label = crate::model::text::title_at(&d.path);
    let help = d
        .help
        .as_ref()
        .map(|h| {
            let text = match (key, label) {
                // In Japanese the space that sets off a `key` goes with it.
                (Some(k), Some(l)) => h
                    .text(lang)
                    .replace(&format!("`{k}` を"), &format!("「{l}」を"))
                    .replace(&format!("`{k}`"), &format!("「{l}」")),
                _ => h.text(lang).to_string(),
            };
            format!("<div class=\"help\">{}</div>", esc(&text))
        })
        .unwrap_or_default();
    let place = crate::model::text::form_words(&d.path)
        .map(|w| format!("{} ", esc(&w)))
        .unwrap_or_default();
    // A workbook's file shows the cell; the YAML made from it in memory is not shown.
    let line = lines
        .get(d.pos.line.saturating_sub(1))
        .filter(|_| d.cell.is_none())
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("<pre class=\"line\">{}</pre>", esc(l)))
        .unwrap_or_default();
    format!(
        "<li class=\"{cls}\"><a{link}><span class=\"sev\">{sev}[{code}]</span> {msg}</a><div class=\"where\" title=\"{path}\">{place}<span class=\"pos\">{pos}</span></div>{line}{help}</li>\n",
        cls = severity_class(d.severity),
        sev = d.severity.label(lang),
        code = d.code,
        msg = esc(d.message.text(lang)),
        pos = esc(&d
            .cell
            .clone()
            .unwrap_or_else(|| format!("{}:{}", d.pos.line, d.pos.column))),
        path = esc(&d.path),
    )
}

/// The assessment page's live part: the problems panel and the form with each problem marked
/// at its item (`id="item-N"`, class `has-error`/`has-warning`). A file that does not load shows
/// its load errors instead of the form.
/// An assessment's live part. With `edit`, each value the form prints that the page may edit
/// carries what the editor needs (`data-edit`, its text, its choices), and the part names the
/// file's version.
pub fn assessment_fragment(
    loaded: &Loaded,
    form: Option<FormKind>,
    lang: Lang,
    edit: bool,
) -> String {
    let built = match (&loaded.assessment, form) {
        (Some(a), Some(f)) => Some(build::build(a, f)),
        _ => None,
    };
    let doc = match &built {
        Some(Ok(doc)) => Some(doc),
        _ => None,
    };
    let rows = doc.map(row_paths).unwrap_or_default();
    // Worst severity per marked row.
    let mut marks: HashMap<&str, Severity> = HashMap::new();
    let mut items = String::new();
    // The file's lines, split once for every problem that shows its own.
    let lines: Vec<&str> = crate::text::source_lines(&loaded.source).collect();
    for d in &loaded.diagnostics {
        let target = target_row(&d.path, &rows);
        if let Some(t) = target {
            let worst = marks.entry(t).or_insert(d.severity);
            *worst = (*worst).max(d.severity);
        }
        items.push_str(&problem_item(d, target.map(|t| rows[t]), &lines, lang));
    }
    let summary = crate::diagnostic::Summary::of(&loaded.diagnostics);
    let mut out = String::new();
    let _ = write!(
        out,
        "<aside id=\"problems\" aria-label=\"{label}\"><h2>{label}</h2><p class=\"summary\">{summary}</p><ol>\n{items}</ol></aside>\n",
        label = lang.pick("問題", "Problems"),
        summary = esc(lang.pick(
            &format!("エラー {} 件、警告 {} 件", summary.errors, summary.warnings),
            &format!("{} errors, {} warnings", summary.errors, summary.warnings),
        )),
    );
    out.push_str("<article id=\"form\" class=\"form\">\n");
    match (&loaded.assessment, &built) {
        (None, _) if loaded.notice.is_some() => {
            // The notice's own content, inside the preview frame.
            let page = loaded
                .notice
                .as_ref()
                .map(crate::render::notice::html)
                .unwrap_or_default();
            let main = page
                .split_once("<main>")
                .and_then(|(_, rest)| rest.split_once("</main>"))
                .map(|(m, _)| m)
                .unwrap_or_default();
            out.push_str(main);
        }
        (None, _) => {
            let _ = writeln!(
                out,
                "<p class=\"notice bad\">{}</p>",
                lang.pick(
                    "このファイルは読み込めません。左の問題を直して保存すると、様式が表示されます。",
                    "This file does not load. Fix the problems listed and save: the form appears."
                )
            );
        }
        (Some(_), None) => {
            let _ = writeln!(
                out,
                "<p class=\"notice\">{}</p>",
                lang.pick(
                    "この評価書は様式を宣言していません（forms）。",
                    "This assessment declares no form (forms)."
                )
            );
        }
        (Some(_), Some(Err(e))) => {
            let _ = writeln!(
                out,
                "<p class=\"notice bad\">[{}] {}</p>",
                e.code,
                esc(e.message.text(lang))
            );
        }
        (Some(_), Some(Ok(doc))) => {
            // What the answers switch off on this form (委託事項 when 委託しない, …).
            let off = match (&loaded.assessment, form, edit) {
                (Some(a), Some(f), true) => {
                    crate::check::rules::completeness::switched_off_paths(a, f)
                }
                _ => Vec::new(),
            };
            let is_off = |p: &str| {
                off.iter().any(|o| {
                    p == o
                        || p.strip_prefix(o.as_str())
                            .is_some_and(|r| r.starts_with('/'))
                })
            };
            // The data as JSON, once, for what the editor needs of it.
            let root = match (&loaded.assessment, edit) {
                (Some(a), true) => serde_json::to_value(a).unwrap_or_default(),
                _ => serde_json::Value::Null,
            };
            let fields = if edit {
                super::edit::fields(doc, &root)
            } else {
                HashMap::new()
            };
            let attrs = |p: &str| -> String {
                let mut a = match marks.get(p) {
                    Some(s) => format!(
                        " id=\"item-{}\" class=\"has-{}\"",
                        rows[p],
                        severity_class(*s)
                    ),
                    None => format!(" id=\"item-{}\"", rows.get(p).copied().unwrap_or(0)),
                };
                // An item the answers switch off is not asked while editing (it comes back
                // when they change); the printed form keeps its row. One filled in all the same
                // stays, marked, to be emptied.
                if is_off(p) && !marks.contains_key(p) {
                    a.push_str(" data-off=\"\"");
                    return a;
                }
                // A row of several values is edited as the row; its first part may share the
                // row's path.
                a.push_str(&edit_attrs(
                    fields.get(&format!("{p}#parts")).or_else(|| fields.get(p)),
                ));
                a
            };
            if edit {
                let _ = writeln!(
                    out,
                    "<div id=\"edit-state\" data-version=\"{}\" data-save=\"{}\" data-cancel=\"{}\" data-saving=\"{}\"></div>",
                    super::edit::version(loaded.source.as_bytes()),
                    esc(lang.pick("保存", "Save")),
                    esc(lang.pick("取消", "Cancel")),
                    esc(lang.pick("保存しています…", "Saving…")),
                );
            }
            // 別紙1's flows as items, under a form that prints them as pictures.
            let flows = match (&loaded.assessment, form) {
                (Some(a), Some(f)) if edit && prints_flows(a, f) => super::flows::editing_doc(a),
                _ => None,
            };
            let flow_rows: HashMap<String, usize> = flows
                .as_ref()
                .map(row_paths)
                .unwrap_or_default()
                .into_iter()
                .map(|(p, n)| (p, n + rows.len()))
                .collect();
            if let (true, Some(a)) = (edit, &loaded.assessment) {
                let all = super::lists::of_beside(
                    a,
                    form.map(|f| (f, &doc.lists[..])),
                    flows.as_ref().map(|d| &d.lists[..]),
                );
                let mut shown: Vec<_> = doc
                    .lists
                    .iter()
                    .filter(|l| !is_off(&l.path))
                    .cloned()
                    .collect();
                shown.extend(flows.iter().flat_map(|d| d.lists.iter().cloned()));
                let mut linked = rows.clone();
                linked.extend(flow_rows.clone());
                out.push_str(&super::lists::panel(&shown, &all, &root, &linked, lang));
            }
            out.push_str(&form_html::body(doc, &attrs));
            if let Some(fdoc) = &flows {
                let fields = super::edit::fields(fdoc, &root);
                let attrs = |p: &str| -> String {
                    let mut a = format!(" id=\"item-{}\"", flow_rows.get(p).copied().unwrap_or(0));
                    a.push_str(&edit_attrs(
                        fields.get(&format!("{p}#parts")).or_else(|| fields.get(p)),
                    ));
                    a
                };
                let _ = writeln!(
                    out,
                    "<section id=\"flows-edit\"><h2>{}</h2>",
                    esc(lang.pick(
                        "（別添1）情報の流れ（項目ごとに編集）",
                        "（別添1） the flows, item by item"
                    ))
                );
                out.push_str(&form_html::body(fdoc, &attrs));
                out.push_str("</section>\n");
            }
        }
    }
    out.push_str("</article>\n");
    out
}

/// Whether the form `form` of `a` prints 別紙1's flows (様式4's （別添1）).
fn prints_flows(a: &crate::model::Assessment, form: FormKind) -> bool {
    crate::model::form::get(form, a.editions.get(form).unwrap_or_default())
        .is_some_and(|d| d.prints_flows())
}

/// The changes page's live part: the revision picker, the 新旧対照表 rows with 提出時期, and the
/// markdown table behind a copy button.
pub fn changes_fragment(
    entry: &Entry,
    rev: &str,
    effective: &str,
    revisions: &[(String, String)],
    result: Result<Vec<crate::diff::Change>, String>,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let options: String = revisions
        .iter()
        .map(|(value, label)| {
            format!(
                "<option value=\"{v}\"{sel}>{l}</option>",
                v = esc(value),
                l = esc(label),
                sel = if value == rev { " selected" } else { "" }
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "<form class=\"rev\" method=\"get\" action=\"/changes/{url}\"><label>{label} <select name=\"rev\" id=\"rev\">{options}</select></label> <label>{when} <input name=\"effective\" id=\"effective\" value=\"{effective}\" placeholder=\"{example}\" size=\"14\"></label> <button type=\"submit\">{show}</button></form>",
        url = url_path(&entry.id),
        label = lang.pick("比較する版", "Compare with"),
        when = lang.pick("実施日", "Takes effect on"),
        effective = esc(effective),
        example = lang.pick("例: 令和7年4月1日", "e.g. 令和7年4月1日"),
        show = lang.pick("表示", "Show"),
    );
    match result {
        Err(message) => {
            let _ = writeln!(out, "<p class=\"notice bad\">{}</p>", esc(&message));
        }
        Ok(changes) => {
            let _ = writeln!(
                out,
                "<p class=\"summary\">{}</p>",
                esc(lang.pick(
                    &format!(
                        "{} からの変更: {} 行",
                        rev.trim_start_matches("file:"),
                        changes.len()
                    ),
                    &format!(
                        "changes since {}: {} rows",
                        rev.trim_start_matches("file:"),
                        changes.len()
                    ),
                ))
            );
            out.push_str("<div class=\"changes\">\n");
            out.push_str(&crate::diff::output::html_table(
                &changes,
                crate::diff::output::Columns::OldNew,
            ));
            out.push_str("</div>\n");
            let today = crate::model::Date::today();
            let _ = write!(
                out,
                "<p><button type=\"button\" id=\"copy-tsv\" data-copies=\"tsv\" data-done=\"{done}\">{copy_tsv}</button> <a class=\"download\" href=\"/changes/{url}?{rev}&amp;format=csv\" download>{csv}</a></p>\n<textarea id=\"tsv\" readonly rows=\"4\" aria-label=\"{copy_tsv}\">{tsv}</textarea>\n<p><button type=\"button\" id=\"copy-md\" data-copies=\"md\" data-done=\"{done}\">{copy}</button></p>\n<textarea id=\"md\" readonly rows=\"6\">{md}</textarea>\n",
                copy_tsv = lang.pick(
                    "Excel の変更箇所シートに貼り付ける行をコピー（変更日は今日）",
                    "Copy the rows for Excel's 変更箇所 sheet (変更日: today)"
                ),
                csv = lang.pick("CSV をダウンロード", "Download CSV"),
                url = url_path(&entry.id),
                rev = esc(&format!("{}&{}", query("rev", rev), query("effective", effective))),
                tsv = esc(&crate::diff::output::tsv(&changes, &today)),
                copy = lang.pick("Markdown の表をコピー", "Copy the Markdown table"),
                done = lang.pick("コピーしました", "Copied"),
                md = esc(&crate::diff::output::markdown(&changes, lang)),
            );
        }
    }
    out
}

/// `key=value` for a URL, the value percent-encoded.
pub fn query(key: &str, value: &str) -> String {
    format!("{key}={}", query_value(value))
}
