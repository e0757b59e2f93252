//! The cover page (表紙) from a minijinja template per form edition:
//! `templates/forms/<form>/<edition>.cover.j2`, which emits the cover's blocks as JSON.
//!
//! The template runs sandboxed: no loader (it cannot read files), and a fuel limit bounds its
//! work. Model text reaches it already escaped through `tojson`. An error names the template
//! and its line.

use minijinja::value::Serde;
use minijinja::Environment;
use serde_json::{json, Value};

use super::tree::Block;
use crate::diagnostic::Message;
use crate::model::form::FormDef;
use crate::model::text::form_text;
use crate::model::Assessment;

pub const CODE_TEMPLATE: &str = "HY0803";
/// Enough for any cover; a runaway template stops here.
const FUEL: u64 = 50_000;

/// The template file of a definition's cover.
pub fn template_name(def: &FormDef) -> String {
    format!("{}.cover.j2", def.source.trim_end_matches(".yaml"))
}

pub fn blocks(
    a: &Assessment,
    def: &FormDef,
    stamp: &str,
    json: &Value,
) -> Result<Vec<Block>, Message> {
    let name = template_name(def);
    let source = crate::templates::get(&name).ok_or_else(|| {
        Message::new(
            format!("表紙のテンプレート templates/{name} がありません"),
            format!("no cover template templates/{name}"),
        )
    })?;
    let cover = &json["cover"];
    let context = json!({
        "stamp": stamp,
        "form_title": def.title,
        "form": def.form.id(),
        "cover": {
            "number": form_text("/cover/number", &cover["number"]),
            "title": a.cover.title_for(def.form),
            "body": a.cover.body,
            "published": form_text("/cover/published", &cover["published"]),
            "approved": form_text("/cover/approved", &cover["approved"]),
            "declaration": form_text("/cover/declaration", &cover["declaration"]),
            "notes": form_text("/cover/notes", &cover["notes"]),
        },
    });
    render(&name, source, &context)
}

/// Renders a cover template with `context` and reads its blocks.
pub fn render(name: &str, source: &str, context: &Value) -> Result<Vec<Block>, Message> {
    let mut env = Environment::new();
    env.set_fuel(Some(FUEL));
    let located = |e: &minijinja::Error| {
        let line = e.line().map(|l| format!(":{l}")).unwrap_or_default();
        (
            format!(
                "templates/{name}{line}: {}",
                e.detail().unwrap_or(&e.to_string())
            ),
            line,
        )
    };
    env.add_template(name, source).map_err(|e| {
        let (text, _) = located(&e);
        Message::new(
            format!("テンプレートの誤り: {text}"),
            format!("template error: {text}"),
        )
    })?;
    let output = env
        .get_template(name)
        .and_then(|t| t.render(Serde(context)))
        .map_err(|e| {
            let (text, _) = located(&e);
            Message::new(
                format!("テンプレートの誤り: {text}"),
                format!("template error: {text}"),
            )
        })?;
    serde_json::from_str(&output).map_err(|e| {
        Message::new(
            format!("テンプレート templates/{name} の出力が表紙の形になっていません（出力の {} 行 {} 列: {e}）", e.line(), e.column()),
            format!("templates/{name} did not produce cover blocks (output line {}, column {}: {e})", e.line(), e.column()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_errors_name_the_template_line() {
        let err = render(
            "forms/x.cover.j2",
            "[\n{{ cover.title|tojson }},\n{% if %}\n]",
            &json!({"cover": {"title": "a"}}),
        )
        .unwrap_err();
        assert!(
            err.en.contains("templates/forms/x.cover.j2:3"),
            "{}",
            err.en
        );
    }

    #[test]
    fn runaway_templates_run_out_of_fuel() {
        let err = render(
            "forms/x.cover.j2",
            "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
            &json!({}),
        )
        .unwrap_err();
        assert!(err.en.contains("fuel"), "{}", err.en);
    }

    #[test]
    fn hostile_model_text_cannot_break_out_of_its_string() {
        let blocks = render(
            "forms/x.cover.j2",
            "[{\"paragraph\": {\"text\": {{ t|tojson }}}}]",
            &json!({"t": "\"}}, {\"page_break\": null}, {\"x\": \""}),
        )
        .unwrap();
        assert_eq!(blocks.len(), 1);
    }

    #[test]
    fn templates_cannot_read_files() {
        let err = render(
            "forms/x.cover.j2",
            "{% include '/etc/passwd' %}",
            &json!({}),
        )
        .unwrap_err();
        assert!(err.en.contains("template error"), "{}", err.en);
    }
}
