//! The last pass over the PDF's objects, between printpdf's object tree and the bytes: what
//! printpdf writes wrongly for a document that must say truthfully what it is, and its slowest
//! step, done at a level that suits these documents.
//!
//! - Subset fonts carry the six-uppercase-letter tag of ISO 32000-1 9.6.4 (`ABCDEF+IPAexMincho`);
//!   printpdf puts its own resource id there (`F1+…`), which viewers do not read as a subset.
//!   The tag is derived from the glyphs used, so the same input gives the same bytes.
//! - No creation or modification date unless `SOURCE_DATE_EPOCH` gives one (printpdf writes the
//!   epoch, 1970-01-01, which is false); no empty PDF/X entries (`GTS_PDFXVersion`,
//!   `Identifier`), which make readers report the file as PDF/X.
//! - `/PageMode /UseOutlines` as a name, as the specification requires (printpdf writes a string),
//!   and `/Lang (ja)`, so that screen readers read the text as Japanese.
//! - Streams are compressed at zlib level 3 rather than printpdf's 9. Level 9 took a quarter of a
//!   whole render; level 6 still searched long match chains on repetitive text (a page of one
//!   repeated character took a fuzz input over 2 s), where level 3 probes a quarter as far. On the
//!   八頭町 form the file is 1.5% larger than at level 6 (237 KB against 233 KB).

use std::collections::BTreeMap;
use std::io::Write;

use lopdf::{Document, Object, StringFormat};

/// zlib level for content and font streams.
pub const COMPRESSION_LEVEL: u32 = 3;

/// What to finish a document with.
pub struct Finish {
    /// Dates for the document information, when the caller wants them (`SOURCE_DATE_EPOCH`).
    pub dated: bool,
    /// printpdf's font resource id (`F1`) → the subset tag to use in its place.
    pub subset_tags: BTreeMap<String, String>,
    /// The outline, in document order: (title, level, 0-based page). printpdf sorts its flat
    /// bookmarks by page and then by title, so they are written here instead, nested by level
    /// (sections → groups → files).
    pub outline: Vec<(String, u8, usize)>,
}

pub fn finish(doc: &mut Document, finish: &Finish) {
    info(doc, finish.dated);
    outline(doc, &finish.outline);
    catalog(doc);
    font_names(doc, &finish.subset_tags);
    compress(doc);
}

fn info(doc: &mut Document, dated: bool) {
    let Ok(id) = doc.trailer.get(b"Info").and_then(Object::as_reference) else {
        return;
    };
    let Ok(info) = doc.get_dictionary_mut(id) else {
        return;
    };
    info.remove(b"GTS_PDFXVersion");
    info.remove(b"Identifier");
    if !dated {
        info.remove(b"CreationDate");
        info.remove(b"ModDate");
    }
    // An empty text string is written as a lone byte-order mark.
    let empty = |o: &Object| matches!(o.as_str(), Ok(b) if b.is_empty() || b == b"\xfe\xff");
    if info.get(b"Keywords").is_ok_and(empty) {
        info.remove(b"Keywords");
    }
}

fn catalog(doc: &mut Document) {
    let Ok(id) = doc.trailer.get(b"Root").and_then(Object::as_reference) else {
        return;
    };
    let Ok(catalog) = doc.get_dictionary_mut(id) else {
        return;
    };
    let mode = if catalog.has(b"Outlines") {
        "UseOutlines"
    } else {
        "UseNone"
    };
    catalog.set("PageMode", Object::Name(mode.into()));
    catalog.set(
        "Lang",
        Object::String(b"ja".to_vec(), StringFormat::Literal),
    );
}

/// Writes the document outline as a tree: an entry's children are the entries after it with a
/// deeper level, up to the next entry of its level or shallower. Sections open, the rest closed.
fn outline(doc: &mut Document, entries: &[(String, u8, usize)]) {
    if entries.is_empty() {
        return;
    }
    let pages = doc.get_pages();
    let root = doc.new_object_id();
    let ids: Vec<lopdf::ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    // Parent of each entry: the nearest earlier entry with a smaller level. `kids[n]` are the
    // children of entry n, in order; the last slot holds the top-level entries.
    let top_slot = entries.len();
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); entries.len() + 1];
    let mut stack: Vec<usize> = Vec::new();
    for (i, (_, level, _)) in entries.iter().enumerate() {
        while stack.last().is_some_and(|&p| entries[p].1 >= *level) {
            stack.pop();
        }
        let p = stack.last().copied();
        parent.push(p);
        kids[p.unwrap_or(top_slot)].push(i);
        stack.push(i);
    }
    for siblings in &kids {
        for (at, &i) in siblings.iter().enumerate() {
            let (title, _, page) = &entries[i];
            let mut d = lopdf::Dictionary::new();
            d.set("Title", text_string(title));
            d.set("Parent", parent[i].map_or(root, |p| ids[p]));
            if at > 0 {
                d.set("Prev", ids[siblings[at - 1]]);
            }
            if let Some(&next) = siblings.get(at + 1) {
                d.set("Next", ids[next]);
            }
            if let (Some(&first), Some(&last)) = (kids[i].first(), kids[i].last()) {
                d.set("First", ids[first]);
                d.set("Last", ids[last]);
                // Sections open (positive count), the rest closed (negative). Only sections
                // are open, so what shows when an entry opens is its children.
                let n = kids[i].len() as i64;
                d.set("Count", if parent[i].is_none() { n } else { -n });
            }
            if let Some(page_id) = u32::try_from(page + 1).ok().and_then(|n| pages.get(&n)) {
                d.set(
                    "Dest",
                    vec![
                        Object::Reference(*page_id),
                        Object::Name(b"XYZ".to_vec()),
                        Object::Null,
                        Object::Null,
                        Object::Null,
                    ],
                );
            }
            doc.objects.insert(ids[i], Object::Dictionary(d));
        }
    }
    let top = &kids[top_slot];
    let visible = top.len() + top.iter().map(|&t| kids[t].len()).sum::<usize>();
    let mut r = lopdf::Dictionary::new();
    r.set("Type", Object::Name(b"Outlines".to_vec()));
    r.set("First", ids[top[0]]);
    r.set("Last", ids[top[top.len() - 1]]);
    r.set("Count", visible as i64);
    doc.objects.insert(root, Object::Dictionary(r));
    if let Ok(cat) = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_dictionary_mut(id))
    {
        cat.set("Outlines", root);
    }
}

/// A PDF text string: UTF-16BE with a byte-order mark, as outline titles in Japanese need.
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Replaces printpdf's `F1+Name` on /BaseFont (font and descendant) and /FontName (descriptor).
fn font_names(doc: &mut Document, tags: &BTreeMap<String, String>) {
    for object in doc.objects.values_mut() {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
            let Ok(Object::Name(name)) = dict.get_mut(key) else {
                continue;
            };
            let Some(plus) = name.iter().position(|b| *b == b'+') else {
                continue;
            };
            let prefix = String::from_utf8_lossy(&name[..plus]).into_owned();
            if let Some(tag) = tags.get(&prefix) {
                let mut renamed = tag.as_bytes().to_vec();
                renamed.extend_from_slice(&name[plus..]);
                *name = renamed;
            }
        }
    }
}

/// Compresses every stream that may be, on two threads: the largest stream (the 明朝 subset)
/// on one, the rest on the other, since a short form's render waits on little else.
fn compress(doc: &mut Document) {
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression && !s.dict.has(b"Filter") => Some(s),
            _ => None,
        })
        .collect();
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    let first = streams.len().min(1);
    let (largest, rest) = streams.split_at_mut(first);
    std::thread::scope(|scope| {
        scope.spawn(|| largest.iter_mut().for_each(|s| compress_one(s)));
        rest.iter_mut().for_each(|s| compress_one(s));
    });
}

fn compress_one(stream: &mut lopdf::Stream) {
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(stream.content.len() / 2),
        flate2::Compression::new(COMPRESSION_LEVEL),
    );
    let Ok(compressed) = encoder
        .write_all(&stream.content)
        .and_then(|()| encoder.finish())
    else {
        return;
    };
    if compressed.len() < stream.content.len() {
        stream
            .dict
            .set("Filter", Object::Name(b"FlateDecode".to_vec()));
        stream.set_content(compressed);
    }
}

/// A subset tag: six uppercase letters from a hash of the glyphs a font embeds.
pub fn subset_tag(font_id: &str, glyphs: impl IntoIterator<Item = u16>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in font_id.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    for g in glyphs {
        for b in g.to_le_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_tags_are_six_uppercase_letters_and_follow_the_glyphs() {
        let a = subset_tag("F1", [1, 2, 3]);
        assert_eq!(a.len(), 6);
        assert!(a.bytes().all(|b| b.is_ascii_uppercase()));
        assert_eq!(a, subset_tag("F1", [1, 2, 3]));
        assert_ne!(a, subset_tag("F1", [1, 2, 4]));
        assert_ne!(a, subset_tag("F2", [1, 2, 3]));
    }
}
