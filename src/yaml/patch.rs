//! Model changes applied to a YAML text as the smallest edits that make it hold them: a value
//! replaced where it stands, an entry inserted after its siblings, an entry's lines removed.
//! Every byte outside the changed values stays — comments, blank lines, key order, quoting
//! and line endings — so that `git diff` shows exactly what changed.
//!
//! This is the one "apply a change to the text" writer: `import --into`, `history --write`
//! (its rows and its 公表日) and the browser editor change users' files through it; it is built
//! on the scalars and byte-range edits of [`super::write`]. It knows YAML, not assessments: paths are model paths
//! (`/files/0/name`) of the text's own tree, values are JSON, and a caller that wants a choice
//! written as its label passes the label.

use std::collections::BTreeMap;

use serde_json::Value;

use super::blocks;
use super::tree::{Node, NodeKind};
use super::write::{self, Edit, Quote};

/// One change to the value a text holds, at a path of that text's tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The value at `path` becomes `value`; missing maps on the way are created.
    Set { path: String, value: Value },
    /// The map entry or list item at `path` goes, with the comment lines directly above it.
    Remove { path: String },
    /// `value` is added at the end of the list at `path` (created when missing).
    Append { path: String, value: Value },
    /// `value` is added to a list just before its entry at `path` (`/systems/3`), and its
    /// comments.
    Insert { path: String, value: Value },
    /// The list entry at `path` (`/systems/3`) moves, its lines as they are (comments, quoting,
    /// nested lists), to stand at index `to` of the same list.
    Move { path: String, to: usize },
}

/// A change the text's shape does not allow as an edit (a value inside an alias, say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchError {
    pub path: String,
    pub why: String,
}

fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

fn join(segs: &[&str]) -> String {
    segs.iter().map(|s| format!("/{s}")).collect()
}

fn node_at<'t>(tree: &'t Node, path: &str) -> Option<&'t Node> {
    segments(path)
        .iter()
        .try_fold(tree, |node, seg| node.child(seg))
}

/// Byte offset of the start of each line (1-based line n at `[n - 1]`), and the text's end.
fn line_starts(source: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
    if *starts.last().expect("one at least") != source.len() {
        starts.push(source.len());
    }
    starts
}

/// The text's lines as saphyr counts them, 1-based: `line_text(source, starts, n)`.
fn line_text<'s>(source: &'s str, starts: &[usize], line: usize) -> &'s str {
    let start = starts.get(line - 1).copied().unwrap_or(source.len());
    let end = starts.get(line).copied().unwrap_or(source.len());
    &source[start..end]
}

/// The last line holding any of `node`'s text.
fn last_line(source: &str, node: &Node) -> usize {
    match &node.kind {
        NodeKind::Scalar { .. } => match write::scalar_extent(source, node) {
            Some(r) => {
                let text = &source[..r.end];
                let lines = text.matches('\n').count();
                // A range ending with its line break ends on the line before the next.
                if text.ends_with('\n') {
                    lines
                } else {
                    lines + 1
                }
            }
            None => node.span.end.line,
        }
        .max(node.span.start.line),
        NodeKind::Seq(items) => items
            .last()
            .map_or(node.span.end.line, |i| last_line(source, i))
            .max(node.span.start.line),
        NodeKind::Map(entries) => entries
            .last()
            .map_or(node.span.end.line, |(_, v)| last_line(source, v))
            .max(node.span.start.line),
    }
}

/// Whether a collection is written in flow style (`{…}`, `[…]`) in `source`.
fn is_flow(source: &str, starts: &[usize], node: &Node) -> bool {
    let line = line_text(source, starts, node.span.start.line);
    line.chars()
        .nth(node.span.start.column.saturating_sub(1))
        .is_some_and(|c| c == '{' || c == '[')
}

fn is_block_map(source: &str, starts: &[usize], node: &Node) -> bool {
    matches!(&node.kind, NodeKind::Map(e) if !e.is_empty()) && !is_flow(source, starts, node)
}

fn is_block_seq(source: &str, starts: &[usize], node: &Node) -> bool {
    matches!(&node.kind, NodeKind::Seq(e) if !e.is_empty()) && !is_flow(source, starts, node)
}

/// The first line of a map entry or list item: its key's line, or its dash's.
fn entry_first_line(parent: &Node, seg: &str) -> Option<usize> {
    match &parent.kind {
        NodeKind::Map(_) => parent.key_node(seg).map(|k| k.span.start.line),
        NodeKind::Seq(_) => parent.child(seg).map(|n| n.span.start.line),
        NodeKind::Scalar { .. } => None,
    }
}

/// The first line of an entry that starts on line `first`, with the comment lines directly
/// above it at its indentation: they are its own, and go (or stay) with it.
fn with_own_comments(source: &str, starts: &[usize], first: usize) -> usize {
    let own = line_text(source, starts, first);
    let own_indent = own.len() - own.trim_start().len();
    let mut line = first;
    while line > 1 {
        let above = line_text(source, starts, line - 1);
        let indent = above.len() - above.trim_start().len();
        if above.trim_start().starts_with('#') && indent == own_indent {
            line -= 1;
        } else {
            break;
        }
    }
    line
}

/// The indentation of a map's keys, or of a list's dashes.
fn child_indent(parent: &Node) -> usize {
    match &parent.kind {
        NodeKind::Map(e) => e
            .first()
            .map_or(0, |(k, _)| k.span.start.column.saturating_sub(1)),
        NodeKind::Seq(items) => items
            .first()
            .map_or(0, |i| i.span.start.column.saturating_sub(3)),
        NodeKind::Scalar { .. } => 0,
    }
}

/// A JSON scalar as YAML, for the place of `old` (kept double-quoted where it was).
fn scalar_text(source: &str, starts: &[usize], old: &Node, value: &Value, flow: bool) -> String {
    match value {
        Value::String(s) => {
            let line = line_text(source, starts, old.span.start.line);
            let first = line.chars().nth(old.span.start.column.saturating_sub(1));
            let was_quoted = first == Some('"') || first == Some('\'');
            // A folded text (`>-`, as 宣言 is written) of one line stays folded, under the key.
            let body = s.trim_end_matches('\n');
            let head = match s.len() - body.len() {
                0 => Some(">-"),
                1 => Some(">"),
                _ => None,
            };
            let one_line = !body.contains('\n') && body.trim() == body && !body.is_empty();
            if let (true, Some(head), true, false) = (
                first == Some('>'),
                head,
                one_line && write::block_ok(s),
                flow,
            ) {
                let indent = line.len() - line.trim_start().len();
                format!("{head}\n{}{body}", " ".repeat(indent + 2))
            } else if s.contains('\n') && !flow && write::block_ok(s) {
                // The block's lines under the key, two deeper than the line the value is on.
                let indent = line.len() - line.trim_start().len();
                write::block(s, indent)
            } else if was_quoted {
                write::inline(s, Quote::Always)
            } else {
                write::inline(s, Quote::WhenNeeded)
            }
        }
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// The byte range of whole lines `first..=last`.
fn lines_range(
    starts: &[usize],
    source: &str,
    first: usize,
    last: usize,
) -> std::ops::Range<usize> {
    let start = starts.get(first - 1).copied().unwrap_or(source.len());
    let end = starts.get(last).copied().unwrap_or(source.len());
    start..end
}

/// `value` with `rest` (a path below it) set to `leaf`, maps created on the way.
fn set_below(value: &mut Value, rest: &[&str], leaf: Value) {
    let Some((first, more)) = rest.split_first() else {
        *value = leaf;
        return;
    };
    if let (Value::Array(items), Ok(i)) = (&mut *value, first.parse::<usize>()) {
        if i < items.len() {
            set_below(&mut items[i], more, leaf);
        } else {
            let mut v = Value::Null;
            set_below(&mut v, more, leaf);
            items.push(v);
        }
        return;
    }
    if !value.is_object() {
        *value = Value::Object(Default::default());
    }
    let map = value.as_object_mut().expect("an object");
    let child = map.entry(first.to_string()).or_insert(Value::Null);
    set_below(child, more, leaf);
}

/// `changes` applied to `source` (whose tree is `tree`).
pub fn patch(source: &str, tree: &Node, changes: &[Change]) -> Result<String, PatchError> {
    let starts = line_starts(source);
    let mut edits: Vec<Edit> = Vec::new();
    // Values for entries that are not in the text yet, gathered per insertion point so that
    // several new keys under one missing parent become one inserted block.
    let mut inserts: BTreeMap<String, Value> = BTreeMap::new();
    // Collections rewritten whole (flow style, empty), by path: their new value.
    let mut rewrites: BTreeMap<String, Value> = BTreeMap::new();
    // Lists that are not in the text yet, and the items appended to them.
    let mut new_lists: BTreeMap<String, Vec<Value>> = BTreeMap::new();

    // A list all of whose items go becomes `[]`, not a key with nothing under it.
    let mut removals: BTreeMap<String, usize> = BTreeMap::new();
    for c in changes {
        if let Change::Remove { path } = c {
            let segs = segments(path);
            if let Some((_, parent)) = segs.split_last() {
                *removals.entry(join(parent)).or_default() += 1;
            }
        }
    }

    for change in changes {
        match change {
            Change::Set { path, value } => set(
                source,
                &starts,
                tree,
                path,
                value.clone(),
                &mut edits,
                &mut inserts,
                &mut rewrites,
            )?,
            Change::Append { path, value } => match node_at(tree, path) {
                Some(list) if is_block_seq(source, &starts, list) => {
                    let at = starts
                        .get(last_line(source, list))
                        .copied()
                        .unwrap_or(source.len());
                    let sep = if at == source.len() && !source.ends_with('\n') {
                        "\n"
                    } else {
                        ""
                    };
                    // Written as the list's last item is: `- {id: x, name: y}` after items so
                    // written, when it holds only scalars.
                    let flow_items = matches!(&list.kind, NodeKind::Seq(items)
                        if items.last().is_some_and(|i| is_flow(source, &starts, i)));
                    let indent = child_indent(list);
                    let item = match write::flow(value).filter(|_| flow_items) {
                        Some(f) => format!("{}- {f}\n", " ".repeat(indent)),
                        None => blocks::item_text(value, indent),
                    };
                    edits.push(Edit::insert(at, format!("{sep}{item}")));
                }
                None => new_lists
                    .entry(path.clone())
                    .or_default()
                    .push(value.clone()),
                existing => {
                    let mut items = match rewrites.get(path) {
                        Some(v) => v.clone(),
                        None => existing.map(Node::to_json).unwrap_or(Value::Null),
                    };
                    if !items.is_array() {
                        items = Value::Array(Vec::new());
                    }
                    items.as_array_mut().expect("an array").push(value.clone());
                    rewrites.insert(path.clone(), items);
                }
            },
            Change::Insert { path, value } => {
                let segs = segments(path);
                let fail = |why: &str| PatchError {
                    path: path.clone(),
                    why: why.into(),
                };
                let (last, parent_segs) = segs.split_last().ok_or_else(|| fail("no list"))?;
                let list = node_at(tree, &join(parent_segs)).ok_or_else(|| fail("no list"))?;
                let index: usize = last.parse().map_err(|_| fail("not a list entry"))?;
                if list.child(last).is_none() {
                    return Err(fail("no such entry"));
                }
                if !is_block_seq(source, &starts, list) {
                    // A flow list is written anew, the value in its place.
                    let key = join(parent_segs);
                    let mut items = rewrites
                        .get(&key)
                        .cloned()
                        .unwrap_or_else(|| list.to_json());
                    if let Value::Array(a) = &mut items {
                        a.insert(index.min(a.len()), value.clone());
                    }
                    rewrites.insert(key, items);
                    continue;
                }
                let first = entry_first_line(list, last).ok_or_else(|| fail("no line"))?;
                let at = starts
                    .get(with_own_comments(source, &starts, first) - 1)
                    .copied()
                    .unwrap_or(source.len());
                edits.push(Edit::insert(
                    at,
                    blocks::item_text(value, child_indent(list)),
                ));
            }
            Change::Move { path, to } => {
                moved(source, &starts, tree, path, *to, &mut edits, &mut rewrites)?;
            }
            Change::Remove { path } => {
                let segs = segments(path);
                let Some((last, parent_segs)) = segs.split_last() else {
                    return Err(PatchError {
                        path: path.clone(),
                        why: "the whole document cannot be removed".into(),
                    });
                };
                let parent_path = join(parent_segs);
                let Some(parent) = node_at(tree, &parent_path) else {
                    continue;
                };
                if parent.child(last).is_none() {
                    continue;
                }
                let all_go = matches!(&parent.kind, NodeKind::Seq(items)
                    if removals.get(&parent_path).copied() == Some(items.len()));
                if all_go {
                    rewrites.insert(parent_path, Value::Array(Vec::new()));
                    continue;
                }
                if is_flow(source, &starts, parent) {
                    let mut v = rewrites
                        .get(&parent_path)
                        .cloned()
                        .unwrap_or_else(|| parent.to_json());
                    match &mut v {
                        Value::Object(m) => {
                            m.shift_remove(*last);
                        }
                        Value::Array(a) => {
                            if let Ok(i) = last.parse::<usize>() {
                                if i < a.len() {
                                    a.remove(i);
                                }
                            }
                        }
                        _ => {}
                    }
                    rewrites.insert(parent_path, v);
                    continue;
                }
                let node = parent.child(last).expect("checked");
                let first = entry_first_line(parent, last).expect("checked");
                let first_line = with_own_comments(source, &starts, first);
                let last_l = last_line(source, node).max(first);
                edits.push(Edit {
                    range: lines_range(&starts, source, first_line, last_l),
                    text: String::new(),
                });
            }
        }
    }

    for (path, items) in new_lists {
        let value = Value::Array(items);
        set(
            source,
            &starts,
            tree,
            &path,
            value,
            &mut edits,
            &mut inserts,
            &mut rewrites,
        )?;
    }
    for (path, value) in inserts {
        // `path` is the first missing key under an existing block map.
        let segs = segments(&path);
        let (key, parent_segs) = segs.split_last().expect("not the root");
        let parent = node_at(tree, &join(parent_segs)).expect("the parent exists");
        let at = if parent_segs.is_empty() {
            source.len()
        } else {
            starts
                .get(last_line(source, parent))
                .copied()
                .unwrap_or(source.len())
        };
        let indent = if parent_segs.is_empty() {
            0
        } else {
            child_indent(parent)
        };
        // A list of scalars is written as the text writes the same key in the other entries
        // (`methods: [dedicated_line]`).
        let flow = write::flow(&value).filter(|_| {
            value.is_array() && written_in_flow_elsewhere(source, &starts, tree, &segs)
        });
        let mut text = match flow {
            Some(f) => format!("{}{}: {f}\n", " ".repeat(indent), write::key(key)),
            None => blocks::entry_text(key, &value, indent),
        };
        if parent_segs.is_empty() {
            // A new top-level part after a blank line, as the files are written.
            text = format!("\n{text}");
        }
        let sep = if at == source.len() && !source.ends_with('\n') && !source.is_empty() {
            "\n"
        } else {
            ""
        };
        edits.push(Edit::insert(at, format!("{sep}{text}")));
    }
    for (path, value) in rewrites {
        edits.push(rewrite(source, &starts, tree, &path, &value)?);
    }
    let edits: Vec<Edit> = edits
        .into_iter()
        .map(|e| Edit {
            text: write::match_line_endings(source, e.text),
            ..e
        })
        .collect();
    check_overlaps(&edits)?;
    Ok(write::apply(source, &edits))
}

/// The edits that move the list entry at `path` to index `to`: its lines cut, and put back
/// before the entry now at `to` (moving up) or after it (moving down).
fn moved(
    source: &str,
    starts: &[usize],
    tree: &Node,
    path: &str,
    to: usize,
    edits: &mut Vec<Edit>,
    rewrites: &mut BTreeMap<String, Value>,
) -> Result<(), PatchError> {
    let segs = segments(path);
    let fail = |why: &str| PatchError {
        path: path.into(),
        why: why.into(),
    };
    let (last, parent_segs) = segs.split_last().ok_or_else(|| fail("not a list entry"))?;
    let list_path = join(parent_segs);
    let list = node_at(tree, &list_path).ok_or_else(|| fail("no list"))?;
    let NodeKind::Seq(items) = &list.kind else {
        return Err(fail("not a list entry"));
    };
    let from: usize = last.parse().map_err(|_| fail("not a list entry"))?;
    if from >= items.len() || to >= items.len() {
        return Err(fail("no such entry"));
    }
    if from == to {
        return Ok(());
    }
    if is_flow(source, starts, list) {
        let mut v = rewrites
            .get(&list_path)
            .cloned()
            .unwrap_or_else(|| list.to_json());
        if let Value::Array(a) = &mut v {
            let item = a.remove(from);
            a.insert(to, item);
        }
        rewrites.insert(list_path, v);
        return Ok(());
    }
    let lines_of = |i: usize| -> (usize, usize) {
        let first = with_own_comments(source, starts, items[i].span.start.line);
        (
            first,
            last_line(source, &items[i]).max(items[i].span.start.line),
        )
    };
    let (first, last_l) = lines_of(from);
    let range = lines_range(starts, source, first, last_l);
    let mut text = source[range.clone()].to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let (to_first, to_last) = lines_of(to);
    let at = if to < from {
        starts.get(to_first - 1).copied().unwrap_or(source.len())
    } else {
        starts.get(to_last).copied().unwrap_or(source.len())
    };
    if at == source.len() && !source.ends_with('\n') {
        // After the text's last line, which has no line break of its own.
        text = format!("\n{}", text.trim_end_matches(['\r', '\n']));
    }
    edits.push(Edit {
        range,
        text: String::new(),
    });
    edits.push(Edit::insert(at, text));
    Ok(())
}

/// Whether the key at `segs` is written in flow style at the same place of other list entries
/// (`/files/1/delegations/4/methods` → `/files/*/delegations/*/methods`).
fn written_in_flow_elsewhere(source: &str, starts: &[usize], tree: &Node, segs: &[&str]) -> bool {
    let mut nodes = vec![tree];
    for seg in segs {
        let any = seg.parse::<usize>().is_ok();
        nodes = nodes
            .into_iter()
            .flat_map(|n| match (&n.kind, any) {
                (NodeKind::Seq(items), true) => items.iter().collect::<Vec<_>>(),
                _ => n.child(seg).into_iter().collect(),
            })
            .collect();
    }
    nodes.first().is_some_and(|n| is_flow(source, starts, n))
}

fn check_overlaps(edits: &[Edit]) -> Result<(), PatchError> {
    let mut ranges: Vec<&std::ops::Range<usize>> = edits.iter().map(|e| &e.range).collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    for w in ranges.windows(2) {
        if w[1].start < w[0].end {
            return Err(PatchError {
                path: String::new(),
                why: format!("two changes touch bytes {}..{}", w[1].start, w[0].end),
            });
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn set(
    source: &str,
    starts: &[usize],
    tree: &Node,
    path: &str,
    value: Value,
    edits: &mut Vec<Edit>,
    inserts: &mut BTreeMap<String, Value>,
    rewrites: &mut BTreeMap<String, Value>,
) -> Result<(), PatchError> {
    let segs = segments(path);
    if value.is_null() {
        return Ok(());
    }
    if let Some(node) = node_at(tree, path) {
        let (last, parent_segs) = segs.split_last().ok_or_else(|| PatchError {
            path: path.into(),
            why: "the whole document cannot be replaced".into(),
        })?;
        let parent = node_at(tree, &join(parent_segs)).expect("a child has a parent");
        let flow = is_flow(source, starts, parent);
        let scalar_for_scalar = matches!(node.kind, NodeKind::Scalar { .. })
            && !node.is_null()
            && !value.is_object()
            && !value.is_array();
        if scalar_for_scalar {
            let text = scalar_text(source, starts, node, &value, flow);
            let edit = write::replace_scalar(source, node, &text).ok_or_else(|| PatchError {
                path: path.into(),
                why: "the value's place in the text was not found".into(),
            })?;
            edits.push(edit);
            return Ok(());
        }
        if flow {
            let mut v = rewrites
                .get(&join(parent_segs))
                .cloned()
                .unwrap_or_else(|| parent.to_json());
            set_below(&mut v, &[last], value);
            rewrites.insert(join(parent_segs), v);
            return Ok(());
        }
        rewrites.insert(path.to_string(), value);
        return Ok(());
    }
    // Not in the text: under the deepest ancestor that is.
    let mut depth = segs.len();
    while depth > 0 && node_at(tree, &join(&segs[..depth])).is_none() {
        depth -= 1;
    }
    let ancestor_path = join(&segs[..depth]);
    let ancestor = node_at(tree, &ancestor_path).expect("found");
    let below = &segs[depth..];
    let insertable = depth == 0 || is_block_map(source, starts, ancestor);
    if insertable && below[0].parse::<usize>().is_err() {
        let key_path = join(&segs[..=depth]);
        let entry = inserts.entry(key_path).or_insert(Value::Null);
        set_below(entry, &below[1..], value);
        return Ok(());
    }
    if is_block_seq(source, starts, ancestor) && below[0].parse::<usize>().is_ok() {
        // An item past the list's end: appended.
        let mut item = Value::Null;
        set_below(&mut item, &below[1..], value);
        let at = starts
            .get(last_line(source, ancestor))
            .copied()
            .unwrap_or(source.len());
        edits.push(Edit::insert(
            at,
            blocks::item_text(&item, child_indent(ancestor)),
        ));
        return Ok(());
    }
    // An empty or flow-style ancestor: written anew with the value in it.
    let mut v = rewrites
        .get(&ancestor_path)
        .cloned()
        .unwrap_or_else(|| ancestor.to_json());
    set_below(&mut v, below, value);
    rewrites.insert(ancestor_path, v);
    Ok(())
}

/// The edit that writes the entry at `path` anew with `value`.
fn rewrite(
    source: &str,
    starts: &[usize],
    tree: &Node,
    path: &str,
    value: &Value,
) -> Result<Edit, PatchError> {
    let segs = segments(path);
    let fail = |why: &str| PatchError {
        path: path.into(),
        why: why.into(),
    };
    let (last, parent_segs) = segs
        .split_last()
        .ok_or_else(|| fail("the whole document"))?;
    let parent = node_at(tree, &join(parent_segs)).ok_or_else(|| fail("no parent"))?;
    let node = parent.child(last).ok_or_else(|| fail("not in the text"))?;
    if is_flow(source, starts, parent) {
        return Err(fail("inside a flow collection"));
    }
    // A flow collection of scalars stays one, written anew where it stands (`[fuka, kyufu]`).
    if is_flow(source, starts, node) {
        let line_start = starts
            .get(node.span.start.line - 1)
            .copied()
            .unwrap_or(source.len());
        let open = source[line_start..]
            .char_indices()
            .nth(node.span.start.column.saturating_sub(1))
            .map(|(i, _)| line_start + i);
        let extent = open.and_then(|o| write::flow_extent(source, o));
        if let (Some(range), Some(text)) = (extent, write::flow(value)) {
            return Ok(Edit { range, text });
        }
    }
    let first = entry_first_line(parent, last).ok_or_else(|| fail("no line"))?;
    let line = line_text(source, starts, first);
    let indent = line.len() - line.trim_start().len();
    // A key on its list item's line (`  - files: […]`): written at the key's column, the line's
    // `- ` kept before it.
    let dash_prefix = match &parent.kind {
        NodeKind::Map(_) => parent
            .key_node(last)
            .map(|k| k.span.start.column.saturating_sub(1))
            .filter(|&col| col > indent)
            .and_then(|col| line.get(..col).filter(|p| p.trim() == "-"))
            .map(str::to_string),
        _ => None,
    };
    let indent = dash_prefix.as_ref().map_or(indent, String::len);
    let range = lines_range(starts, source, first, last_line(source, node).max(first));
    let empty_collection = matches!(value, Value::Array(a) if a.is_empty())
        || matches!(value, Value::Object(m) if m.is_empty());
    let text = match &parent.kind {
        NodeKind::Map(_) if empty_collection => {
            // `key: []`, keeping a comment on the key's line.
            let comment = line
                .find(" #")
                .map(|p| line[p..].trim_end().to_string())
                .unwrap_or_default();
            let empty = if value.is_array() { "[]" } else { "{}" };
            format!(
                "{}{}: {empty}{comment}\n",
                " ".repeat(indent),
                write::key(last)
            )
        }
        NodeKind::Map(_) => {
            // A comment on the key's line (`history: []  # none yet`) stays on it.
            let text = blocks::entry_text(last, value, indent);
            let value_on_key_line = node.span.start.line == first;
            match line.find(" #").filter(|_| value_on_key_line) {
                Some(p) => {
                    let comment = line[p..].trim_end();
                    match text.split_once('\n') {
                        Some((head, rest)) => format!("{head}{comment}\n{rest}"),
                        None => text,
                    }
                }
                None => text,
            }
        }
        _ => blocks::item_text(value, indent),
    };
    let text = match dash_prefix {
        Some(prefix) => format!("{prefix}{}", &text[indent.min(text.len())..]),
        None => text,
    };
    Ok(Edit { range, text })
}

#[cfg(test)]
#[path = "patch_tests.rs"]
mod tests;
