//! A sanity check of an OLE compound file (.xls, or an encrypted .xlsx) before calamine reads
//! it. calamine 0.35 follows the file's sector chains without looking for loops: a chain that
//! points back at itself makes it loop for ever, growing its buffer (fuzzing found such files).
//! Here every chain calamine will follow — the DIFAT, the directory, the mini FAT, the mini
//! stream and each stream — is walked once with loop and bounds checks, so that a damaged file
//! is refused in microseconds instead.

/// The reason `check` gives for a sheet too large to lay out (HY0903, not a damaged file).
pub const SPANS_TOO_MANY: &str = "シートの範囲が大きすぎる / a sheet spans too many cells";
/// The reason `check` gives for text that would be too large once laid out (HY0903).
pub const TOO_MUCH_TEXT: &str = "セルの文字が大きすぎる / the cells' text is too large";

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// Ids from here up are markers (free, end of chain, FAT or DIFAT sector), not sectors.
const MAX_REGULAR: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

struct File<'a> {
    bytes: &'a [u8],
    shift: u32,
    sectors: u32,
}

impl File<'_> {
    fn sector(&self, id: u32) -> Result<&[u8], &'static str> {
        if id >= self.sectors {
            return Err(
                "ファイルの外を指すセクター番号 / a sector number beyond the end of the file",
            );
        }
        let size = 1usize << self.shift;
        let start = (id as usize + 1) << self.shift;
        self.bytes
            .get(start..start + size)
            .ok_or("途中で切れたセクター / a sector cut short by the end of the file")
    }
}

/// Follows a chain from `start` through `table`, refusing loops and ids outside the table;
/// returns its length in links.
fn walk(table: &[u32], start: u32) -> Result<usize, &'static str> {
    let mut seen = vec![false; table.len()];
    let mut id = start;
    let mut links = 0;
    while id != ENDOFCHAIN {
        if id >= MAX_REGULAR {
            return Ok(links);
        }
        let i = id as usize;
        if i >= table.len() {
            return Err("表の外を指すチェーン / a chain points outside its table");
        }
        if seen[i] {
            return Err("循環するチェーン / a chain loops back on itself");
        }
        seen[i] = true;
        links += 1;
        id = table[i];
    }
    Ok(links)
}

/// Whether calamine can read this compound file without looping, and without laying out a
/// sheet of more than `max_dense` cells (it allocates a sheet's whole rectangle, so two cells
/// far apart cost gigabytes); why not, if not.
pub fn check(bytes: &[u8], max_dense: u64, max_text: u64) -> Result<(), &'static str> {
    let header = bytes
        .get(..512)
        .ok_or("ヘッダーより短い / shorter than its header")?;
    let shift = match u16_at(header, 30) {
        Some(9) => 9,
        Some(12) => 12,
        _ => return Err("不明なセクターサイズ / an unknown sector size"),
    };
    let size = 1usize << shift;
    let file = File {
        bytes,
        shift,
        sectors: (bytes.len().saturating_sub(size) / size).min(u32::MAX as usize) as u32,
    };
    let per_sector = size / 4;

    // The DIFAT: 109 entries in the header, then a chain of DIFAT sectors.
    let mut difat: Vec<u32> = (0..109)
        .filter_map(|k| u32_at(header, 76 + 4 * k))
        .collect();
    let mut next = u32_at(header, 68).ok_or("DIFAT がない / no DIFAT")?;
    let mut seen = std::collections::HashSet::new();
    while next < MAX_REGULAR {
        if !seen.insert(next) {
            return Err("DIFAT のチェーンが循環している / the DIFAT chain loops back on itself");
        }
        let sector = file.sector(next)?;
        difat.extend((0..per_sector - 1).filter_map(|k| u32_at(sector, 4 * k)));
        next = u32_at(sector, size - 4)
            .ok_or("途中で切れた DIFAT セクター / a DIFAT sector cut short")?;
    }

    // The FAT, from the sectors the DIFAT lists.
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        let sector = file.sector(id)?;
        fat.extend((0..per_sector).filter_map(|k| u32_at(sector, 4 * k)));
    }

    // The directory, and each stream it lists.
    let dir_start = u32_at(header, 48).ok_or("ディレクトリがない / no directory")?;
    let dir_links = walk(&fat, dir_start)?;
    let mut entries = Vec::new();
    let mut id = dir_start;
    for _ in 0..dir_links {
        let sector = file.sector(id)?;
        entries.extend(sector.chunks_exact(128).map(<[u8]>::to_vec));
        id = fat[id as usize];
    }
    let mini_start = u32_at(header, 60).ok_or("ミニ FAT がない / no mini FAT")?;
    let mini_sectors = u32_at(header, 64).unwrap_or(0);
    let mut minifat = Vec::new();
    if mini_sectors > 0 {
        let links = walk(&fat, mini_start)?;
        let mut id = mini_start;
        for _ in 0..links {
            let sector = file.sector(id)?;
            minifat.extend((0..per_sector).filter_map(|k| u32_at(sector, 4 * k)));
            id = fat[id as usize];
        }
    }
    let cutoff = u32_at(header, 56).unwrap_or(4096) as u64;
    let mut mini_stream_start = ENDOFCHAIN;
    for (k, entry) in entries.iter().enumerate() {
        if k == 0 {
            mini_stream_start = u32_at(entry, 116).unwrap_or(ENDOFCHAIN);
        }
        let kind = entry.get(66).copied().unwrap_or(0);
        let start = u32_at(entry, 116).unwrap_or(ENDOFCHAIN);
        let len = u32_at(entry, 120).unwrap_or(0) as u64;
        match kind {
            // The root entry: the mini stream lives in the FAT.
            5 if k == 0 => {
                walk(&fat, start)?;
            }
            2 if len >= cutoff => {
                walk(&fat, start)?;
            }
            2 if len > 0 => {
                walk(&minifat, start)?;
            }
            _ => {}
        }
    }

    // The sheets' extents, from the cell records of the workbook stream (.xls).
    let workbook = entries.iter().find(|e| {
        let name = entry_name(e);
        name == "Workbook" || name == "Book"
    });
    if let Some(entry) = workbook {
        let start = u32_at(entry, 116).unwrap_or(ENDOFCHAIN);
        let len = u32_at(entry, 120).unwrap_or(0) as usize;
        let stream = if len as u64 >= cutoff {
            read_chain(&fat, start, len, |id| file.sector(id))?
        } else {
            let mini = read_chain(&fat, mini_stream_start, usize::MAX, |id| file.sector(id))?;
            read_chain(&minifat, start, len, |id| {
                let at = id as usize * 64;
                mini.get(at..at + 64)
                    .ok_or("途中で切れたミニセクター / a mini sector cut short")
            })?
        };
        if largest_sheet(&stream) > max_dense {
            return Err(SPANS_TOO_MANY);
        }
        if laid_out_text(&stream) > max_text {
            return Err(TOO_MUCH_TEXT);
        }
    }
    Ok(())
}

/// A directory entry's name (UTF-16, its length in bytes at offset 64).
fn entry_name(entry: &[u8]) -> String {
    let bytes = u16_at(entry, 64).unwrap_or(0).min(64) as usize;
    let units: Vec<u16> = (0..bytes.saturating_sub(2) / 2)
        .filter_map(|k| u16_at(entry, 2 * k))
        .collect();
    String::from_utf16_lossy(&units)
}

/// The bytes of text calamine lays out for the sheets of a workbook stream. A LABELSST cell
/// holds an index into the shared-string table, and calamine copies the string into the cell:
/// 50,000 cells naming one string of 32,767 characters are a few hundred kilobytes of file and
/// gigabytes laid out. Each sheet is counted from the offset its BOUNDSHEET record gives, as
/// often as records point at it, since calamine reads it that often.
fn laid_out_text(stream: &[u8]) -> u64 {
    let strings = shared_string_sizes(stream);
    let mut total = 0u64;
    // Sheets at distinct offsets may overlap (each runs to its EOF record): past this many bytes
    // read, the stream is refused rather than read again and again.
    let mut budget = stream.len().saturating_mul(8).saturating_add(1 << 20);
    for (at, times) in sheet_starts(stream) {
        let mut sheet = 0u64;
        let mut pos = at;
        while let (Some(kind), Some(size)) = (u16_at(stream, pos), u16_at(stream, pos + 2)) {
            let data = stream.get(pos + 4..pos + 4 + size as usize).unwrap_or(&[]);
            pos += 4 + size as usize;
            match kind {
                // LABELSST: row, column, format, then the string's index.
                0x00FD => {
                    let isst = u32_at(data, 6).unwrap_or(0) as usize;
                    sheet = sheet.saturating_add(strings.get(isst).copied().unwrap_or(0));
                }
                // EOF: the sheet ends.
                0x000A => break,
                _ => {}
            }
            budget = budget.saturating_sub(4 + size as usize);
            if budget == 0 {
                return u64::MAX;
            }
        }
        total = total.saturating_add(sheet.saturating_mul(times));
    }
    total
}

/// The size in UTF-8 (at most) of each string of the workbook's shared-string table (SST and
/// its CONTINUE records). A string's characters may run on into the next CONTINUE record, which
/// then starts with a byte saying whether they are one byte or two from there on.
fn shared_string_sizes(stream: &[u8]) -> Vec<u64> {
    let mut segments: Vec<&[u8]> = Vec::new();
    let mut pos = 0;
    while let (Some(kind), Some(size)) = (u16_at(stream, pos), u16_at(stream, pos + 2)) {
        let data = stream.get(pos + 4..pos + 4 + size as usize).unwrap_or(&[]);
        pos += 4 + size as usize;
        match kind {
            0x00FC if segments.is_empty() => segments.push(data),
            0x003C if !segments.is_empty() => segments.push(data),
            _ if !segments.is_empty() => break,
            _ => {}
        }
    }
    let Some(first) = segments.first() else {
        return Vec::new();
    };
    let unique = u32_at(first, 4).unwrap_or(0) as usize;
    let mut reader = Segments {
        segments: &segments,
        seg: 0,
        pos: 8,
    };
    let mut sizes = Vec::new();
    while sizes.len() < unique {
        let (Some(chars), Some(flags)) = (reader.u16(), reader.u8()) else {
            break;
        };
        let runs = if flags & 0x08 != 0 {
            reader.u16().unwrap_or(0)
        } else {
            0
        };
        let ext = if flags & 0x04 != 0 {
            reader.u32().unwrap_or(0)
        } else {
            0
        };
        let mut wide = flags & 0x01 != 0;
        let mut left = chars as u64;
        let mut utf8 = 0u64;
        while left > 0 {
            if reader.at_segment_end() {
                if !reader.next_segment() {
                    break;
                }
                wide = reader.u8().is_some_and(|f| f & 0x01 != 0);
            }
            let width = if wide { 2 } else { 1 };
            let take = left.min(reader.left_in_segment() as u64 / width);
            if take == 0 {
                break;
            }
            reader.skip((take * width) as usize);
            // A one-byte (Latin-1) character is at most 2 bytes of UTF-8, a UTF-16 unit 3.
            utf8 += take * if wide { 3 } else { 2 };
            left -= take;
        }
        reader.skip_across(runs as usize * 4 + ext as usize);
        sizes.push(utf8);
        if reader.exhausted() {
            break;
        }
    }
    sizes
}

/// Reading across the SST record and its CONTINUE records.
struct Segments<'a> {
    segments: &'a [&'a [u8]],
    seg: usize,
    pos: usize,
}

impl Segments<'_> {
    fn at_segment_end(&self) -> bool {
        self.pos >= self.segments[self.seg].len()
    }
    fn exhausted(&self) -> bool {
        self.seg + 1 >= self.segments.len() && self.at_segment_end()
    }
    fn next_segment(&mut self) -> bool {
        if self.seg + 1 >= self.segments.len() {
            return false;
        }
        self.seg += 1;
        self.pos = 0;
        true
    }
    fn left_in_segment(&self) -> usize {
        self.segments[self.seg].len().saturating_sub(self.pos)
    }
    fn byte(&mut self) -> Option<u8> {
        while self.at_segment_end() {
            if !self.next_segment() {
                return None;
            }
        }
        let b = self.segments[self.seg][self.pos];
        self.pos += 1;
        Some(b)
    }
    fn u8(&mut self) -> Option<u8> {
        self.byte()
    }
    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([
            self.byte()?,
            self.byte()?,
            self.byte()?,
            self.byte()?,
        ]))
    }
    fn skip(&mut self, n: usize) {
        self.pos += n;
    }
    fn skip_across(&mut self, mut n: usize) {
        while n > 0 {
            if self.at_segment_end() && !self.next_segment() {
                return;
            }
            let step = n.min(self.left_in_segment());
            self.pos += step;
            n -= step;
        }
    }
}

/// The bytes of a chain (already checked by `walk`), up to `len`.
fn read_chain<'a>(
    table: &[u32],
    start: u32,
    len: usize,
    sector: impl Fn(u32) -> Result<&'a [u8], &'static str>,
) -> Result<Vec<u8>, &'static str> {
    let links = walk(table, start)?;
    let mut out = Vec::new();
    let mut id = start;
    for _ in 0..links {
        out.extend_from_slice(sector(id)?);
        if out.len() >= len {
            break;
        }
        id = table[id as usize];
    }
    out.truncate(len);
    Ok(out)
}

/// The cells a DIMENSIONS record declares, as calamine (0.35, `parse_dimensions` and the
/// `reserve` after it) computes them — with its u32 arithmetic wrapping as a release build's
/// does, so that a first row past the last counts as the huge number calamine would reserve.
fn declared(data: &[u8]) -> u64 {
    let (rf, rl, cf, cl) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0).unwrap_or(0)),
            u32::from(u16_at(data, 2).unwrap_or(0)),
            u32::from(u16_at(data, 4).unwrap_or(0)),
            u32::from(u16_at(data, 6).unwrap_or(0)),
        ),
        14 => (
            u32_at(data, 0).unwrap_or(0),
            u32_at(data, 4).unwrap_or(0),
            u32::from(u16_at(data, 8).unwrap_or(0)),
            u32::from(u16_at(data, 10).unwrap_or(0)),
        ),
        _ => return 0,
    };
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    if rl == 0 || cl == 0 {
        return 1;
    }
    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1);
    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1);
    u64::from(rows).saturating_mul(u64::from(cols))
}

/// Where the BOUNDSHEET records of a workbook stream say its sheets start, each with how many
/// records say it (calamine reads a sheet once per record; it is counted once and multiplied).
fn sheet_starts(stream: &[u8]) -> std::collections::BTreeMap<usize, u64> {
    let mut starts = std::collections::BTreeMap::new();
    let mut pos = 0;
    while let (Some(kind), Some(size)) = (u16_at(stream, pos), u16_at(stream, pos + 2)) {
        if kind == 0x0085 {
            if let Some(at) = u32_at(stream, pos + 4) {
                *starts.entry(at as usize).or_insert(0) += 1;
            }
        }
        pos += 4 + size as usize;
    }
    starts
}

/// The largest rectangle of cells any sheet's records declare or span. calamine reads each
/// sheet from the offset its BOUNDSHEET record gives, which may fall anywhere in the stream, so
/// the records are read from every such offset as well as from the start.
fn largest_sheet(stream: &[u8]) -> u64 {
    std::iter::once(0)
        .chain(sheet_starts(stream).into_keys())
        .map(|at| records_extent(stream.get(at..).unwrap_or(&[])))
        .max()
        .unwrap_or(0)
}

/// The largest rectangle in the records from the start of `stream` (BIFF8: BOF … EOF per sheet).
fn records_extent(stream: &[u8]) -> u64 {
    let (mut largest, mut extent) = (0u64, None::<(u16, u16, u16, u16)>);
    let close = |extent: Option<(u16, u16, u16, u16)>| {
        extent.map_or(0, |(r0, r1, c0, c1)| {
            (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1)
        })
    };
    let mut pos = 0;
    while let (Some(kind), Some(size)) = (u16_at(stream, pos), u16_at(stream, pos + 2)) {
        let data = stream.get(pos + 4..pos + 4 + size as usize).unwrap_or(&[]);
        pos += 4 + size as usize;
        let cells = match kind {
            // DIMENSIONS: calamine reserves room for the rectangle it declares.
            0x0200 => {
                largest = largest.max(declared(data));
                continue;
            }
            // BOF, EOF: a sheet begins or ends.
            0x0809 | 0x000A => {
                largest = largest.max(close(extent.take()));
                continue;
            }
            // MULRK, MULBLANK: a row, its first column, …, its last column.
            0x00BD | 0x00BE if data.len() >= 6 => {
                let last = u16_at(data, data.len() - 2).unwrap_or(0);
                (u16_at(data, 0), u16_at(data, 2), Some(last))
            }
            // Single-cell records: LABELSST, NUMBER, RK, LABEL, BOOLERR, FORMULA, BLANK, RSTRING.
            0x00FD | 0x0203 | 0x027E | 0x0204 | 0x0205 | 0x0006 | 0x0201 | 0x00D6 => {
                (u16_at(data, 0), u16_at(data, 2), u16_at(data, 2))
            }
            _ => continue,
        };
        if let (Some(row), Some(first), Some(last)) = cells {
            let (c0, c1) = (first.min(last), first.max(last));
            extent = Some(match extent {
                None => (row, row, c0, c1),
                Some((r0, r1, a, b)) => (r0.min(row), r1.max(row), a.min(c0), b.max(c1)),
            });
        }
    }
    largest.max(close(extent))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    #[test]
    fn a_sheet_with_two_far_cells_spans_their_rectangle() {
        let cell = |row: u16, col: u16| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend(col.to_le_bytes());
            d.extend([0u8; 10]);
            record(0x0203, &d)
        };
        let mut stream = record(0x0809, &[0; 16]);
        stream.extend(cell(0, 0));
        stream.extend(cell(65535, 200));
        stream.extend(record(0x000A, &[]));
        assert_eq!(largest_sheet(&stream), 65536 * 201);
        let mut small = record(0x0809, &[0; 16]);
        small.extend(cell(3, 1));
        small.extend(cell(5, 2));
        assert_eq!(largest_sheet(&small), 3 * 2);
        // A DIMENSIONS record declaring a million rows by 200 columns.
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(1_000_000u32.to_le_bytes());
        dims.extend(0u16.to_le_bytes());
        dims.extend(200u16.to_le_bytes());
        dims.extend(0u16.to_le_bytes());
        assert_eq!(largest_sheet(&record(0x0200, &dims)), 200_000_000);
    }

    #[test]
    fn shared_strings_are_counted_as_often_as_cells_name_them() {
        // An SST of two strings, the second of 1,000 two-byte characters running on into a
        // CONTINUE record, and a sheet of three LABELSST cells naming it.
        let mut sst = Vec::new();
        sst.extend(3u32.to_le_bytes());
        sst.extend(2u32.to_le_bytes());
        sst.extend(2u16.to_le_bytes());
        sst.push(0);
        sst.extend(b"ab");
        sst.extend(1000u16.to_le_bytes());
        sst.push(1);
        sst.extend([0x42, 0x30].repeat(400));
        let mut cont = vec![1u8];
        cont.extend([0x42, 0x30].repeat(600));
        let mut globals = record(0x0809, &[0; 16]);
        let sheet_at = {
            let mut g = globals.clone();
            g.extend(record(0x0085, &[0; 8]));
            g.extend(record(0x00FC, &sst));
            g.extend(record(0x003C, &cont));
            g.extend(record(0x000A, &[]));
            g.len() as u32
        };
        let mut bound = sheet_at.to_le_bytes().to_vec();
        bound.extend([0; 4]);
        globals.extend(record(0x0085, &bound));
        globals.extend(record(0x00FC, &sst));
        globals.extend(record(0x003C, &cont));
        globals.extend(record(0x000A, &[]));
        assert_eq!(globals.len() as u32, sheet_at);
        assert_eq!(shared_string_sizes(&globals), vec![4, 3000]);
        let mut stream = globals;
        stream.extend(record(0x0809, &[0; 16]));
        for row in 0..3u16 {
            let mut cell = row.to_le_bytes().to_vec();
            cell.extend([0; 4]);
            cell.extend(1u32.to_le_bytes());
            stream.extend(record(0x00FD, &cell));
        }
        stream.extend(record(0x000A, &[]));
        assert_eq!(laid_out_text(&stream), 9000);
    }

    #[test]
    fn chains_that_loop_are_refused() {
        assert_eq!(walk(&[1, 2, ENDOFCHAIN], 0), Ok(3));
        assert_eq!(
            walk(&[1, 0], 0),
            Err("循環するチェーン / a chain loops back on itself")
        );
        assert_eq!(
            walk(&[5], 0),
            Err("表の外を指すチェーン / a chain points outside its table")
        );
        assert!(check(b"too short", 1000, 1 << 20).is_err());
    }

    #[test]
    fn a_real_compound_file_passes() {
        let encrypted = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/encrypted.xlsx"),
        )
        .unwrap();
        assert_eq!(check(&encrypted, 1000, 1 << 20), Ok(()));
    }
}
