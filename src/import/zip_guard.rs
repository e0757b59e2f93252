//! A ZIP workbook (.xlsx, .xlsm, .ods) checked before calamine opens it. The archive's directory
//! states each part's unpacked size, but a part may unpack to far more than it states (3 MB that
//! say 1,000 bytes and unpack to gigabytes): every part is unpacked here once, into nothing,
//! counting, and refused the moment it passes what it states or the archive passes the limit.
//! calamine then unpacks the same parts, which are known to be as small as they say.
//!
//! Counts a part declares are checked against its size too: calamine reserves room for the
//! `uniqueCount` of `xl/sharedStrings.xml` before it reads a string, so `uniqueCount="4294967295"`
//! in a few bytes would ask for a hundred gigabytes and abort the process. And each sheet must
//! be a part of its own.

use std::io::{Cursor, Read};

/// Why a ZIP workbook is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not a readable archive.
    Damaged(String),
    /// A part unpacks to more than the archive's directory says.
    Lies { part: String, declared: u64 },
    /// Everything unpacked together passes the limit.
    TooLarge { limit: u64 },
    /// A part declares more entries than its size can hold.
    Overstated { part: String, declared: u64 },
    /// Two sheets of the workbook are one part: calamine would read it once per sheet, and a
    /// thousand sheets naming one part took 98 s.
    SharedSheetPart { part: String },
}

/// The smallest shared string (`<si><t/></si>`) takes this many bytes.
const SMALLEST_SHARED_STRING: u64 = 13;

/// Unpacks every part of the archive in `bytes` once, within `limit` bytes in all.
pub fn check(bytes: &[u8], limit: u64) -> Result<(), Refusal> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Refusal::Damaged(e.to_string()))?;
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 << 10];
    // The workbook part and its relationships, to see which part each sheet is.
    let (mut workbook, mut rels) = (Vec::new(), Vec::new());
    for i in 0..archive.len() {
        let mut part = archive
            .by_index(i)
            .map_err(|e| Refusal::Damaged(e.to_string()))?;
        let name = part.name().to_string();
        let declared = part.size();
        total = total.saturating_add(declared);
        if total > limit {
            return Err(Refusal::TooLarge { limit });
        }
        let shared_strings = name.eq_ignore_ascii_case("xl/sharedStrings.xml");
        let mut head = Vec::new();
        let mut size: u64 = 0;
        loop {
            let n = match part.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                // A part that does not unpack is the reader's to report, as it would.
                Err(_) => break,
            };
            size += n as u64;
            if size > declared {
                return Err(Refusal::Lies {
                    part: name,
                    declared,
                });
            }
            if shared_strings && head.len() < 4096 {
                head.extend_from_slice(&buf[..n.min(4096 - head.len())]);
            }
            let kept = match name.as_str() {
                "xl/workbook.xml" => Some(&mut workbook),
                "xl/_rels/workbook.xml.rels" => Some(&mut rels),
                _ => None,
            };
            if let Some(kept) = kept.filter(|k| k.len() < KEPT_PART_BYTES) {
                kept.extend_from_slice(&buf[..n]);
            }
        }
        if shared_strings {
            if let Some(count) = unique_count(&head) {
                if count > size / SMALLEST_SHARED_STRING + 1 {
                    return Err(Refusal::Overstated {
                        part: name,
                        declared: count,
                    });
                }
            }
        }
    }
    if let Some(part) = shared_sheet_part(&workbook, &rels) {
        return Err(Refusal::SharedSheetPart { part });
    }
    Ok(())
}

/// How much of the workbook part and its relationships is kept to read the sheets' parts from.
const KEPT_PART_BYTES: usize = 8 << 20;

/// A part that two sheets of `xl/workbook.xml` name (through the relationships), if any.
fn shared_sheet_part(workbook: &[u8], rels: &[u8]) -> Option<String> {
    use regex::Regex;
    use std::sync::OnceLock;
    static SHEET: OnceLock<Regex> = OnceLock::new();
    static REL: OnceLock<Regex> = OnceLock::new();
    static ATTR: OnceLock<Regex> = OnceLock::new();
    let sheet = SHEET.get_or_init(|| {
        Regex::new(r#"<(?:\w+:)?sheet\b[^>]*?\b\w+:id\s*=\s*["']([^"']*)["']"#).unwrap()
    });
    let rel = REL.get_or_init(|| Regex::new(r#"<(?:\w+:)?Relationship\b[^>]*>"#).unwrap());
    let attr = ATTR.get_or_init(|| Regex::new(r#"\b(Id|Target)\s*=\s*["']([^"']*)["']"#).unwrap());
    let (workbook, rels) = (
        String::from_utf8_lossy(workbook),
        String::from_utf8_lossy(rels),
    );
    let mut targets = std::collections::HashMap::new();
    for r in rel.find_iter(&rels) {
        let (mut id, mut target) = (None, None);
        for a in attr.captures_iter(r.as_str()) {
            match &a[1] {
                "Id" => id = Some(a[2].to_string()),
                _ => {
                    target = Some(
                        a[2].trim_start_matches('/')
                            .trim_start_matches("xl/")
                            .to_string(),
                    )
                }
            }
        }
        if let (Some(id), Some(target)) = (id, target) {
            targets.insert(id, target);
        }
    }
    let mut seen = std::collections::HashSet::new();
    for s in sheet.captures_iter(&workbook) {
        let part = targets
            .get(&s[1])
            .cloned()
            .unwrap_or_else(|| s[1].to_string());
        if !seen.insert(part.clone()) {
            return Some(part);
        }
    }
    None
}

/// The `uniqueCount` of the `<sst>` element at the start of a shared-strings part.
fn unique_count(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let sst = text.find("<sst")?;
    let tag = &text[sst..text[sst..].find('>').map_or(text.len(), |e| sst + e)];
    let at = tag.find("uniqueCount=")? + "uniqueCount=".len();
    let quote = tag[at..].chars().next()?;
    let value = tag[at + 1..].split(quote).next()?;
    value.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn archive(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        for (name, data) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn an_honest_archive_passes_and_the_limit_holds() {
        let a = archive(&[("a.xml", b"<a/>"), ("b.xml", &[b'x'; 5000])]);
        assert_eq!(check(&a, 1 << 20), Ok(()));
        assert_eq!(check(&a, 1000), Err(Refusal::TooLarge { limit: 1000 }));
    }

    #[test]
    fn each_sheet_is_a_part_of_its_own() {
        let rels = br#"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Target="/xl/worksheets/sheet1.xml" Id="rId2" Type="x/worksheet"/><Relationship Id="rId3" Target="worksheets/sheet2.xml"/></Relationships>"#;
        let two = br#"<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/><sheet name="b" sheetId="2" r:id="rId3"/></sheets></workbook>"#;
        assert_eq!(shared_sheet_part(two, rels), None);
        let same =
            br#"<sheets><sheet name="a" r:id="rId1"/><sheet name="b" r:id="rId2"/></sheets>"#;
        assert_eq!(
            shared_sheet_part(same, rels).as_deref(),
            Some("worksheets/sheet1.xml")
        );
        let again =
            br#"<sheets><sheet name="a" r:id="rId3"/><sheet name="b" r:id="rId3"/></sheets>"#;
        assert!(shared_sheet_part(again, rels).is_some());
    }

    #[test]
    fn unique_count_is_read_and_weighed() {
        assert_eq!(
            unique_count(br#"<?xml?><sst xmlns="x" count="3" uniqueCount="2"><si>"#),
            Some(2)
        );
        assert_eq!(
            unique_count(b"<sst count='5' uniqueCount='4294967295'>"),
            Some(4_294_967_295)
        );
        let sst = br#"<sst uniqueCount="4294967295"><si><t>a</t></si></sst>"#;
        let a = archive(&[("xl/sharedStrings.xml", sst)]);
        assert!(matches!(
            check(&a, 1 << 20),
            Err(Refusal::Overstated { .. })
        ));
        let sst = br#"<sst uniqueCount="1"><si><t>a</t></si></sst>"#;
        assert_eq!(
            check(&archive(&[("xl/sharedStrings.xml", sst)]), 1 << 20),
            Ok(())
        );
    }
}
