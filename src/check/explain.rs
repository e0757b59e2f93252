//! `hyoka explain CODE` for a terminal: the rule's page in the chosen language, without Markdown
//! markup, and its examples as the YAML a clerk would write (`cover:` / `published: …`) rather
//! than the JSON-Pointer edits the pages keep for their tests.

use std::fmt::Write as _;

use super::rule::Rule;
use crate::diagnostic::Lang;
use crate::yaml::{self, Node, NodeKind};

/// The page of `rule`, from its Markdown `doc`, as plain text in `lang`.
pub fn for_terminal(rule: &Rule, doc: &str, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} — {}: {}\n",
        rule.code,
        rule.name,
        rule.severity.label(lang),
        lang.pick(rule.summary_ja, rule.summary_en)
    );
    let wanted: &[(&str, &str)] = match lang {
        Lang::Ja => &[
            ("## なぜ問題か", "なぜ問題か"),
            ("## 根拠", "根拠"),
            ("## 誤りの例", "誤りの例"),
            ("## 正しい例", "正しい例"),
        ],
        Lang::En => &[
            ("## Why it matters", "Why it matters"),
            ("## 根拠", "Basis"),
            ("## 誤りの例", "Wrong"),
            ("## 正しい例", "Right"),
        ],
    };
    for (heading, title) in wanted {
        let Some(body) = section(doc, heading) else {
            continue;
        };
        let _ = writeln!(out, "{title}");
        let _ = writeln!(out, "{}", "─".repeat(title.chars().count() * 2));
        let text = body_text(body, lang);
        out.push_str(text.trim_matches('\n'));
        out.push_str("\n\n");
    }
    out
}

/// The text under a `## ` heading that starts with `heading`, up to the next `## `.
fn section<'d>(doc: &'d str, heading: &str) -> Option<&'d str> {
    let start = doc.find(heading)?;
    let body_start = start + doc[start..].find('\n')? + 1;
    let end = doc[body_start..]
        .find("\n## ")
        .map_or(doc.len(), |i| body_start + i + 1);
    Some(&doc[body_start..end])
}

/// Paragraphs without Markdown emphasis, and each example block as YAML to write.
fn body_text(body: &str, lang: Lang) -> String {
    let mut out = String::new();
    let mut lines = body.lines();
    while let Some(line) = lines.next() {
        if let Some(info) = line.strip_prefix("```") {
            let mut block = String::new();
            for l in lines.by_ref() {
                if l.starts_with("```") {
                    break;
                }
                block.push_str(l);
                block.push('\n');
            }
            out.push_str(&example(info, &block, lang));
            continue;
        }
        // The note on the JSON-Pointer notation is for the page, not for this view.
        if line.starts_with("例は `examples/") {
            continue;
        }
        let _ = writeln!(out, "{}", line.replace("**", ""));
    }
    out
}

/// An example block: standalone YAML as it is; edits of an example (`/cover/published: …`) as
/// the YAML to write in that example's file.
fn example(info: &str, block: &str, lang: Lang) -> String {
    let base = info
        .split_whitespace()
        .find_map(|w| w.strip_prefix("base="));
    let today = info
        .split_whitespace()
        .find_map(|w| w.strip_prefix("today="));
    let mut out = String::new();
    let yaml = match base {
        None => block.to_string(),
        Some(base) => {
            let _ = writeln!(
                out,
                "{}",
                lang.pick(
                    &format!("（examples/{base}/assessment.yaml の次の箇所をこう書いた場合）"),
                    &format!("(examples/{base}/assessment.yaml, with these parts written so)")
                )
            );
            match yaml::parse(block, &yaml::Limits::default()) {
                Ok(edits) => edits_as_yaml(&edits, lang),
                Err(_) => block.to_string(),
            }
        }
    };
    if let Some(t) = today {
        let _ = writeln!(
            out,
            "{}",
            lang.pick(&format!("（{t} 時点）"), &format!("(as of {t})"))
        );
    }
    for l in yaml.lines() {
        let _ = writeln!(out, "    {l}");
    }
    out
}

/// A tree of edits by path segment, in the order written.
#[derive(Default)]
struct Edit<'n> {
    children: Vec<(String, Edit<'n>)>,
    value: Option<&'n Node>,
}

impl<'n> Edit<'n> {
    fn at(&mut self, seg: &str) -> &mut Edit<'n> {
        let i = match self.children.iter().position(|(s, _)| s == seg) {
            Some(i) => i,
            None => {
                self.children.push((seg.to_string(), Edit::default()));
                self.children.len() - 1
            }
        };
        &mut self.children[i].1
    }
}

fn edits_as_yaml(edits: &Node, lang: Lang) -> String {
    let NodeKind::Map(entries) = &edits.kind else {
        return String::new();
    };
    let mut root = Edit::default();
    for (k, v) in entries {
        let mut node = &mut root;
        for seg in k
            .as_str()
            .unwrap_or_default()
            .split('/')
            .filter(|s| !s.is_empty())
        {
            node = node.at(seg);
        }
        node.value = Some(v);
    }
    let mut out = String::new();
    write_edit(&mut out, &root, 0, lang);
    out
}

fn write_edit(out: &mut String, edit: &Edit, indent: usize, lang: Lang) {
    let pad = " ".repeat(indent);
    for (seg, child) in &edit.children {
        let (key, item) = match seg.parse::<usize>() {
            Ok(i) => (
                None,
                Some(match lang {
                    Lang::Ja => format!("{}番目", i + 1),
                    Lang::En => format!("item {}", i + 1),
                }),
            ),
            Err(_) if seg == "-" => (None, Some(lang.pick("末尾に追加", "appended").to_string())),
            Err(_) => (Some(seg.as_str()), None),
        };
        match (key, item, child.value) {
            (Some(k), _, Some(v)) => {
                let _ = write!(out, "{pad}{k}:");
                write_value(out, v, indent + 2, lang);
            }
            (Some(k), _, None) => {
                let _ = writeln!(out, "{pad}{k}:");
                write_edit(out, child, indent + 2, lang);
            }
            (None, Some(note), Some(v)) => {
                let _ = write!(out, "{pad}-");
                write_value(out, v, indent + 2, lang);
                let _ = writeln!(out, "{pad}  # {note}");
            }
            (None, Some(note), None) => {
                let _ = writeln!(out, "{pad}- # {note}");
                write_edit(out, child, indent + 2, lang);
            }
            (None, None, _) => {}
        }
    }
}

/// The value after `key:` (or `-`): inline when a scalar, indented lines when a mapping or list.
fn write_value(out: &mut String, v: &Node, indent: usize, lang: Lang) {
    let pad = " ".repeat(indent);
    match &v.kind {
        _ if v.is_null() => {
            let _ = writeln!(
                out,
                " {}",
                lang.pick("（この行を削除）", "(remove this line)")
            );
        }
        NodeKind::Scalar { value, .. } if value.contains('\n') => {
            let _ = writeln!(out, " |");
            for l in value.lines() {
                let _ = writeln!(out, "{pad}{l}");
            }
        }
        NodeKind::Scalar { value, .. } => {
            let _ = writeln!(out, " {value}");
        }
        NodeKind::Seq(items) if items.is_empty() => {
            let _ = writeln!(out, " []");
        }
        NodeKind::Map(entries) if entries.is_empty() => {
            let _ = writeln!(out, " {{}}");
        }
        NodeKind::Seq(items) => {
            out.push('\n');
            for item in items {
                let _ = write!(out, "{pad}-");
                write_value(out, item, indent + 2, lang);
            }
        }
        NodeKind::Map(entries) => {
            out.push('\n');
            for (k, val) in entries {
                let _ = write!(out, "{pad}{}:", k.as_str().unwrap_or_default());
                write_value(out, val, indent + 2, lang);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_read_in_one_language_with_yaml_examples() {
        let rule = super::super::registry::find("HY0405").unwrap();
        let doc = super::super::registry::doc("HY0405").unwrap();
        let ja = for_terminal(rule, doc, Lang::Ja);
        assert!(
            ja.contains("なぜ問題か") && !ja.contains("Why it matters"),
            "{ja}"
        );
        assert!(
            !ja.contains("```") && !ja.contains("**") && !ja.contains("/cover/published"),
            "{ja}"
        );
        assert!(
            ja.contains("    cover:\n      published: 令和5年1月1日\n"),
            "{ja}"
        );
        assert!(ja.contains("    history: []\n"), "{ja}");
        let en = for_terminal(rule, doc, Lang::En);
        assert!(
            en.contains("Why it matters") && !en.contains("なぜ問題か"),
            "{en}"
        );
        assert!(en.contains("Wrong") && en.contains("Right"), "{en}");
    }

    #[test]
    fn removals_and_list_items_read_as_what_to_write() {
        let edits = yaml::parse(
            "/systems/0/id: null\n/risk_measures/0/network: {no_acquisition: true}\n",
            &yaml::Limits::default(),
        )
        .unwrap();
        let text = edits_as_yaml(&edits, Lang::Ja);
        assert!(
            text.contains("systems:\n  - # 1番目\n    id: （この行を削除）\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "risk_measures:\n  - # 1番目\n    network:\n      no_acquisition: true\n"
            ),
            "{text}"
        );
    }
}
