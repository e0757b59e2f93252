//! Every diagnostic code hyoka can report: the rule registry.
//!
//! Each entry has a stable code and name, a default severity, a summary in both languages, and a
//! doc page in `docs/rules/<CODE>.md` that `hyoka explain CODE` prints. Load-stage codes (HY00xx)
//! are reported by the loader and listed here so that they are documented the same way.

use super::rule::Rule;
use super::rules::*;
use crate::diagnostic::Severity::{self, Error, Warning};
use crate::load::{self, silent};
use crate::yaml::{self, de};

mod docs {
    include!(concat!(env!("OUT_DIR"), "/rule_docs_index.rs"));
}

/// Every code, in code order. A rule of `hyoka check` is a type of its own under `rules/` (its
/// code, name, severity and summaries beside its function); a code reported by another stage (the
/// YAML reader, the loader, render, import) is declared here, by the stage's constant where the
/// stage comes before check (render's and import's are checked against these rows by
/// `tests/rule_docs.rs`).
pub static RULES: &[Rule] = &[
    Rule::stage(
        yaml::CODE_SYNTAX,
        "yaml-syntax",
        Error,
        "YAML の構文エラー",
        "YAML syntax error",
    ),
    Rule::stage(
        de::CODE_UNKNOWN_KEY,
        "unknown-key",
        Error,
        "不明なキー",
        "unknown key",
    ),
    Rule::stage(
        de::CODE_WRONG_TYPE,
        "wrong-type",
        Error,
        "値の型が違う",
        "wrong type of value",
    ),
    Rule::stage(
        de::CODE_BAD_VALUE,
        "bad-value",
        Error,
        "選択肢・日付として使えない値",
        "value not allowed (choice or date)",
    ),
    Rule::stage(
        de::CODE_MISSING,
        "missing-key",
        Error,
        "必須のキーがない",
        "required key missing",
    ),
    Rule::stage(
        yaml::CODE_LIMIT,
        "input-limit",
        Error,
        "入力の安全上限を超えた",
        "input over a safety limit",
    ),
    Rule::stage(
        load::CODE_ENCODING,
        "not-utf8",
        Error,
        "UTF-8 でないファイル",
        "file is not UTF-8",
    ),
    Rule::stage(
        yaml::CODE_DUPLICATE_KEY,
        "duplicate-key",
        Error,
        "キーの重複",
        "duplicate key",
    ),
    Rule::stage(
        load::CODE_UNKNOWN_EDITION,
        "unknown-edition",
        Error,
        "様式の版がない・不明",
        "form edition missing or unknown",
    ),
    Rule::stage(
        load::CODE_ERA_DATE,
        "era-date",
        Warning,
        "元号に存在しない日付",
        "date its era does not have",
    ),
    Rule::stage(
        load::CODE_IO,
        "unreadable",
        Error,
        "読めないファイル",
        "file cannot be read",
    ),
    Rule::stage(
        super::CODE_NO_FILES,
        "no-yaml-files",
        Error,
        "YAML ファイルのないディレクトリ",
        "directory without YAML files",
    ),
    Rule::stage(
        super::CODE_ALLOW_WITHOUT_REASON,
        "allow-without-reason",
        Warning,
        "理由のない抑止コメント",
        "suppression comment without a reason",
    ),
    Rule::stage(
        silent::CODE_PLAIN_OVER_LINES,
        "plain-text-over-lines",
        Warning,
        "改行が失われる書き方（引用符なしの複数行）",
        "unquoted text over several lines loses its line breaks",
    ),
    Rule::stage(
        silent::CODE_COMMENT_IN_VALUE,
        "comment-in-value",
        Warning,
        "値の後の #… がコメントとして消える",
        "`#…` after a value is dropped as a comment",
    ),
    Rule::stage(
        load::CODE_DECOMPOSED,
        "decomposed-characters",
        Warning,
        "濁点・半濁点などが分かれた文字（NFD）",
        "decomposed characters (NFD)",
    ),
    Rule::stage(
        silent::CODE_ANCHOR_FOR_TEXT,
        "anchor-for-text",
        Warning,
        "値が「&」で始まりアンカー名として読まれる",
        "a value starting with `&` read as an anchor name",
    ),
    Rule::check::<threshold::ThresholdResult>(),
    Rule::check::<threshold::FormsFallShort>(),
    Rule::check::<threshold::VoluntaryHigherLevel>(),
    Rule::check::<threshold::FormsDisagree>(),
    Rule::check::<completeness::RequiredItem>(),
    Rule::check::<completeness::SwitchedOffItem>(),
    Rule::check::<completeness::ProvisionCount>(),
    Rule::check::<completeness::SwitchContradiction>(),
    Rule::check::<consistency::DuplicateId>(),
    Rule::check::<consistency::UnknownFile>(),
    Rule::check::<consistency::FileWithoutRiskMeasures>(),
    Rule::check::<consistency::RemainingWithoutMeasures>(),
    Rule::check::<consistency::ProcedureResult>(),
    Rule::check::<consistency::PeopleBand>(),
    Rule::check::<consistency::NetworkWithoutLinkage>(),
    Rule::check::<consistency::DelegationMeasuresWithoutDelegation>(),
    Rule::check::<flows::UnknownCounterpart>(),
    Rule::check::<flows::NetworkFlowWithoutLinkage>(),
    Rule::across::<across::DelegationNotInNotice>(),
    Rule::across::<across::ProvisionNotInNotice>(),
    Rule::across::<across::NoticeLinkageWithoutBasis>(),
    Rule::check::<dates::CountedAfterPublication>(),
    Rule::check::<dates::HistoryOrder>(),
    Rule::check::<dates::HistoryAfterPublication>(),
    Rule::check::<dates::EndedWithoutDate>(),
    Rule::check::<dates::AnnualReview>(),
    Rule::check::<dates::ReassessmentDue>(),
    Rule::check::<dates::PublicCommentPeriod>(),
    Rule::check::<history::ImportantPosteriorWithoutReason>(),
    Rule::check::<history::IdenticalBeforeAfter>(),
    Rule::check::<citations::MalformedItemList>(),
    Rule::check::<citations::ItemOutOfRange>(),
    Rule::check::<citations::SupersededCitation>(),
    Rule::check::<citations::DuplicateItem>(),
    Rule::check::<hygiene::ControlCharacter>(),
    Rule::check::<hygiene::UnbalancedBrackets>(),
    Rule::check::<hygiene::HalfwidthKatakana>(),
    Rule::check::<hygiene::Placeholder>(),
    Rule::stage(
        "HY0801",
        "no-japanese-font",
        Error,
        "日本語フォントが見つからない（render）",
        "no Japanese font found (render)",
    ),
    Rule::stage(
        "HY0802",
        "unusable-font",
        Error,
        "フォントとして使えないファイル（render）",
        "font file cannot be used (render)",
    ),
    Rule::stage(
        "HY0803",
        "template-error",
        Error,
        "様式テンプレートの誤り（render）",
        "error in a form template (render)",
    ),
    Rule::stage(
        "HY0804",
        "no-form-definition",
        Error,
        "様式の定義がない（render）",
        "no definition for the form edition (render)",
    ),
    Rule::stage(
        "HY0805",
        "xlsx-write-error",
        Error,
        "ワークブックを書き出せない（render）",
        "the workbook cannot be written (render)",
    ),
    Rule::stage(
        "HY0806",
        "item-not-in-table",
        Warning,
        "引用された別表第二の項番が hyoka の表にない（別紙2）",
        "a cited 別表第二 item is not in hyoka's table (別紙2)",
    ),
    Rule::stage(
        "HY0901",
        "not-a-workbook",
        Error,
        "ワークブックとして読めないファイル（import）",
        "file cannot be read as a workbook (import)",
    ),
    Rule::stage(
        "HY0902",
        "password-protected",
        Error,
        "パスワードで保護されたワークブック（import）",
        "password-protected workbook (import)",
    ),
    Rule::stage(
        "HY0903",
        "workbook-too-large",
        Error,
        "大きすぎるワークブック（import）",
        "workbook too large (import)",
    ),
    Rule::stage(
        "HY0904",
        "no-form-in-workbook",
        Error,
        "ワークブックに様式が見つからない（import）",
        "no assessment form in the workbook (import)",
    ),
    Rule::stage(
        "HY0905",
        "cell-not-placed",
        Error,
        "どの項目にもならなかったセル（import）",
        "cell not placed in any item (import)",
    ),
    Rule::stage(
        "HY0906",
        "value-kept-as-text",
        Error,
        "様式に合わず文字のまま残した値（import）",
        "value that does not fit, kept as text (import)",
    ),
    Rule::stage(
        "HY0907",
        "formula-error-cell",
        Error,
        "数式がエラーのセル（import）",
        "cell with a formula error (import)",
    ),
    Rule::stage(
        "HY0908",
        "cannot-merge-into",
        Error,
        "ワークブックの値を YAML に反映できない（import --into）",
        "the workbook's values cannot be merged into the YAML (import --into)",
    ),
];

/// The rule table of `docs/rules.md` (`hyoka rules --format markdown`): code with its page,
/// name, default severity and both summaries. A test keeps the page's copy equal to it.
pub fn markdown_table() -> String {
    let mut out =
        String::from("| code | name | severity | 内容 | meaning |\n|---|---|---|---|---|\n");
    for r in RULES {
        out.push_str(&format!(
            "| [{code}](rules/{code}.md) | `{}` | {} | {} | {} |\n",
            r.name,
            r.severity.label(crate::diagnostic::Lang::En),
            r.summary_ja,
            r.summary_en,
            code = r.code,
        ));
    }
    out
}

/// The rule with this code (case-insensitive).
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code) || r.name == code)
}

pub fn default_severity(code: &str) -> Severity {
    find(code).map(|r| r.severity).unwrap_or(Error)
}

/// The doc page `hyoka explain` prints.
pub fn doc(code: &str) -> Option<&'static str> {
    let file = format!("{}.md", code.to_ascii_uppercase());
    docs::FILES
        .iter()
        .find(|(p, _)| *p == file)
        .map(|(_, t)| *t)
}
