//! Fonts: finding a Japanese font, and measuring text with its real advances.
//!
//! Order: `--font PATH` / `HYOKA_FONT`, `hyoka.toml` (`[render] font`), then the system's
//! Japanese fonts — 明朝 for text as the official forms use it, ゴシック for headings where one
//! is installed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use std::sync::Arc;

use printpdf::{AzulParsedFont, ParsedFont};
use rust_fontconfig::FontBytes;

use crate::diagnostic::Message;

pub const CODE_NO_FONT: &str = "HY0801";
pub const CODE_BAD_FONT: &str = "HY0802";

/// Where system Japanese fonts live, 明朝 first. (path, face index in a collection)
const SYSTEM_MINCHO: &[(&str, usize)] = &[
    ("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf", 0),
    ("/usr/share/fonts/truetype/ipaexfont-mincho/ipaexm.ttf", 0),
    ("/usr/share/fonts/ipaex-mincho/ipaexm.ttf", 0),
    ("/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf", 0),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 0),
    ("/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc", 0),
    ("C:\\Windows\\Fonts\\msmincho.ttc", 0),
    ("C:\\Windows\\Fonts\\yumin.ttf", 0),
    ("/System/Library/Fonts/ヒラギノ明朝 ProN.ttc", 0),
    ("/Library/Fonts/ヒラギノ明朝 ProN W3.otf", 0),
];
const SYSTEM_GOTHIC: &[(&str, usize)] = &[
    ("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", 0),
    ("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf", 0),
    ("/usr/share/fonts/ipaex-gothic/ipaexg.ttf", 0),
    ("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 0),
    ("C:\\Windows\\Fonts\\msgothic.ttc", 0),
    ("C:\\Windows\\Fonts\\YuGothR.ttc", 0),
    ("/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc", 0),
];

pub use crate::model::typeface::Typeface;

/// The font files to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontChoice {
    /// The 明朝 face (body text when [`FontChoice::body`] is [`Typeface::Mincho`]).
    pub mincho: (PathBuf, usize),
    /// Headings, and body text in [`Typeface::Gothic`]; the 明朝 font when no ゴシック is
    /// found or a font was given explicitly.
    pub gothic: (PathBuf, usize),
    /// The body text's typeface.
    pub body: Typeface,
}

/// Finds the fonts: an explicit path (from `--font`, `HYOKA_FONT` or `hyoka.toml`) wins.
pub fn discover(explicit: Option<&Path>) -> Result<FontChoice, Message> {
    if let Some(p) = explicit {
        if !p.is_file() {
            return Err(Message::new(
                format!("フォントファイルがありません: {}", p.display()),
                format!("no such font file: {}", p.display()),
            ));
        }
        return Ok(FontChoice {
            mincho: (p.to_path_buf(), 0),
            gothic: (p.to_path_buf(), 0),
            body: Typeface::default(),
        });
    }
    let found = |list: &[(&str, usize)]| {
        list.iter()
            .find(|(p, _)| Path::new(p).is_file())
            .map(|(p, i)| (PathBuf::from(p), *i))
    };
    let Some(mincho) = found(SYSTEM_MINCHO).or_else(|| found(SYSTEM_GOTHIC)) else {
        return Err(Message::new(
            "日本語フォントが見つかりません。Debian/Ubuntu では `apt-get install fonts-ipaexfont` で IPAex フォントを入れるか、--font でフォントファイルを指定してください（環境変数 HYOKA_FONT、hyoka.toml の [render] font でも可）。",
            "no Japanese font found: install one (`apt-get install fonts-ipaexfont` on Debian/Ubuntu), or give a font file with --font (or HYOKA_FONT, or `[render] font` in hyoka.toml)",
        ));
    };
    let gothic = found(SYSTEM_GOTHIC).unwrap_or_else(|| mincho.clone());
    Ok(FontChoice {
        mincho,
        gothic,
        body: Typeface::default(),
    })
}

/// Reads a file straight into shared memory: `Arc::from(std::fs::read(…))` would copy the
/// 4–6 MB a second time.
fn read_shared(path: &Path) -> std::io::Result<Arc<[u8]>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let len = usize::try_from(file.metadata()?.len())
        .map_err(|_| std::io::Error::other("font file too large"))?;
    // Collected straight into the Arc (no intermediate Vec), then filled in place.
    let mut bytes: Arc<[u8]> = std::iter::repeat_n(0u8, len).collect();
    let buf = Arc::get_mut(&mut bytes).expect("not shared yet");
    file.read_exact(buf)?;
    Ok(bytes)
}

/// A loaded font face with a cache of glyph ids and advances.
pub struct Face {
    pub parsed: ParsedFont,
    pub path: PathBuf,
    units_per_em: f32,
    /// (glyph id, advance at 1 pt) per character: the font's cmap is slow to search, and every
    /// character is measured and then encoded.
    glyphs: RefCell<HashMap<char, (u16, f32)>>,
}

impl Face {
    pub fn load(path: &Path, index: usize) -> Result<Face, Message> {
        let bytes = read_shared(path).map_err(|e| {
            Message::new(
                format!("フォントを読めません: {}: {e}", path.display()),
                format!("cannot read font {}: {e}", path.display()),
            )
        })?;
        // Shared bytes and glyph outlines read only when the subset needs them: printpdf's
        // `from_bytes` copies the 4–6 MB file and decodes every outline up front, which was
        // most of a short form's render time.
        let shared = Arc::new(FontBytes::Owned(bytes));
        let parsed = AzulParsedFont::from_bytes_shared(shared, index, &mut Vec::new())
            .map(ParsedFont::from_azul)
            .ok_or_else(|| {
                Message::new(
                    format!("フォントとして読めません: {}", path.display()),
                    format!("not a usable font: {}", path.display()),
                )
            })?;
        let units_per_em = f32::from(parsed.font_metrics.units_per_em.max(1));
        let face = Face {
            parsed,
            path: path.to_path_buf(),
            units_per_em,
            glyphs: RefCell::new(HashMap::new()),
        };
        if face.parsed.lookup_glyph_index('あ' as u32).is_none() {
            return Err(Message::new(
                format!("日本語の文字を含まないフォントです: {}", path.display()),
                format!("the font has no Japanese characters: {}", path.display()),
            ));
        }
        Ok(face)
    }

    /// The glyph id of a character (0, .notdef, when the font lacks it) and its advance at 1 pt.
    pub fn glyph(&self, c: char) -> (u16, f32) {
        if let Some(g) = self.glyphs.borrow().get(&c) {
            return *g;
        }
        let g = match self.parsed.lookup_glyph_index(c as u32) {
            Some(gid) => (
                gid,
                f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em,
            ),
            // A character the font lacks is drawn as its .notdef box: a full em.
            None => (0, 1.0),
        };
        self.glyphs.borrow_mut().insert(c, g);
        g
    }

    fn advance(&self, c: char) -> f32 {
        self.glyph(c).1
    }

    /// Width of `text` at `size` pt, in pt.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// Characters of `text` this font cannot draw.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = text
            .chars()
            .filter(|c| !c.is_control() && self.parsed.lookup_glyph_index(*c as u32).is_none())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The faces a document uses.
pub struct Fonts {
    /// Body text (the 明朝 face, or the ゴシック one when the body is set in ゴシック).
    pub mincho: Face,
    /// Headings; `None` when the body's face serves for them too (parsed once, embedded once).
    pub gothic: Option<Face>,
}

impl Fonts {
    pub fn load(choice: &FontChoice) -> Result<Fonts, Message> {
        // ゴシック body text: one face for everything, parsed and embedded once.
        let one = match choice.body {
            Typeface::Gothic => Some(&choice.gothic),
            Typeface::Mincho => (choice.gothic == choice.mincho).then_some(&choice.mincho),
        };
        if let Some(face) = one {
            let mincho = Face::load(&face.0, face.1)?;
            return Ok(Fonts {
                mincho,
                gothic: None,
            });
        }
        // Parsing a CJK font is most of a small form's render time: parse the two at once.
        let (mincho, gothic) = std::thread::scope(|s| {
            let gothic = s.spawn(|| Face::load(&choice.gothic.0, choice.gothic.1));
            let mincho = Face::load(&choice.mincho.0, choice.mincho.1);
            (mincho, gothic.join())
        });
        let gothic = match gothic {
            Ok(g) => g?,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        Ok(Fonts {
            mincho: mincho?,
            gothic: Some(gothic),
        })
    }

    pub fn face(&self, bold: bool) -> &Face {
        match &self.gothic {
            Some(g) if bold => g,
            _ => &self.mincho,
        }
    }
}
