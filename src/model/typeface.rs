//! The typeface of the forms' body text: a setting of `hyoka.toml` (`[render] typeface`) and
//! of `--typeface`, read by the configuration below check and applied by render.

/// The typeface of the forms' body text.
///
/// ゴシック is the default: the regulator's forms are Excel workbooks whose cells are set in a
/// ゴシック, and the published printouts of them (seeds 002 and 004, compared page by page)
/// read in one. 明朝 is there for bodies whose house style asks for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Typeface {
    #[default]
    Gothic,
    Mincho,
}
