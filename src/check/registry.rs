//! Every diagnostic code hyoka can report: the rule registry.
//!
//! Each entry has a stable code and name, a default severity, a summary in both languages, and a
//! doc page in `docs/rules/<CODE>.md` that `hyoka explain CODE` prints. Load-stage codes (HY00xx)
//! are reported by the loader and listed here so that they are documented the same way.

use super::rule::Rule;
use super::rules::*;
use crate::diagnostic::Severity::{self, Error, Info, Warning};

mod docs {
    include!(concat!(env!("OUT_DIR"), "/rule_docs_index.rs"));
}

macro_rules! rule {
    ($code:literal, $name:literal, $sev:ident, $ja:literal, $en:literal, $run:expr) => {
        Rule {
            code: $code,
            name: $name,
            severity: $sev,
            summary_ja: $ja,
            summary_en: $en,
            run: $run,
        }
    };
}

pub static RULES: &[Rule] = &[
    rule!(
        "HY0001",
        "yaml-syntax",
        Error,
        "YAML の構文エラー",
        "YAML syntax error",
        None
    ),
    rule!(
        "HY0002",
        "unknown-key",
        Error,
        "不明なキー",
        "unknown key",
        None
    ),
    rule!(
        "HY0003",
        "wrong-type",
        Error,
        "値の型が違う",
        "wrong type of value",
        None
    ),
    rule!(
        "HY0004",
        "bad-value",
        Error,
        "選択肢・日付として使えない値",
        "value not allowed (choice or date)",
        None
    ),
    rule!(
        "HY0005",
        "missing-key",
        Error,
        "必須のキーがない",
        "required key missing",
        None
    ),
    rule!(
        "HY0006",
        "input-limit",
        Error,
        "入力の安全上限を超えた",
        "input over a safety limit",
        None
    ),
    rule!(
        "HY0007",
        "not-utf8",
        Error,
        "UTF-8 でないファイル",
        "file is not UTF-8",
        None
    ),
    rule!(
        "HY0008",
        "duplicate-key",
        Error,
        "キーの重複",
        "duplicate key",
        None
    ),
    rule!(
        "HY0009",
        "unknown-edition",
        Error,
        "様式の版がない・不明",
        "form edition missing or unknown",
        None
    ),
    rule!(
        "HY0010",
        "era-date",
        Warning,
        "元号に存在しない日付",
        "date its era does not have",
        None
    ),
    rule!(
        "HY0011",
        "unreadable",
        Error,
        "読めないファイル",
        "file cannot be read",
        None
    ),
    rule!(
        "HY0012",
        "no-yaml-files",
        Error,
        "YAML ファイルのないディレクトリ",
        "directory without YAML files",
        None
    ),
    rule!(
        "HY0013",
        "allow-without-reason",
        Warning,
        "理由のない抑止コメント",
        "suppression comment without a reason",
        None
    ),
    rule!(
        "HY0014",
        "plain-text-over-lines",
        Warning,
        "改行が失われる書き方（引用符なしの複数行）",
        "unquoted text over several lines loses its line breaks",
        None
    ),
    rule!(
        "HY0015",
        "comment-in-value",
        Warning,
        "値の後の #… がコメントとして消える",
        "`#…` after a value is dropped as a comment",
        None
    ),
    rule!(
        "HY0101",
        "threshold-result",
        Error,
        "しきい値判断結果が判断項目と合わない",
        "threshold result does not follow from the items",
        Some(threshold::result_mismatch)
    ),
    rule!(
        "HY0102",
        "forms-fall-short",
        Error,
        "提出する評価書が義務に足りない",
        "forms submitted fall short of the mandatory level",
        Some(threshold::forms_level)
    ),
    rule!(
        "HY0103",
        "voluntary-higher-level",
        Info,
        "義務を超える評価を任意に実施",
        "a higher level done voluntarily",
        None
    ),
    rule!(
        "HY0104",
        "forms-disagree",
        Error,
        "様式2 Ⅳ1 と作成する評価書が合わない",
        "様式2 Ⅳ1 and `forms` disagree",
        Some(threshold::forms_disagree)
    ),
    rule!(
        "HY0201",
        "required-item",
        Error,
        "様式が求める項目が未記入",
        "an item the form requires is empty",
        Some(completeness::run)
    ),
    rule!(
        "HY0202",
        "switched-off-item",
        Error,
        "記入しないはずの項目が記入されている",
        "an item switched off by an answer is filled in",
        None
    ),
    rule!(
        "HY0203",
        "provision-count",
        Error,
        "提供・移転の件数と記載が合わない",
        "provision counts differ from the recipients listed",
        Some(completeness::provision_counts)
    ),
    rule!(
        "HY0204",
        "switch-contradiction",
        Error,
        "「委託しない」等と記載内容が矛盾",
        "委託しない / 提供・移転しない contradict the files",
        Some(completeness::basic_switches_vs_files)
    ),
    rule!(
        "HY0301",
        "duplicate-id",
        Error,
        "id の重複",
        "duplicate id",
        Some(consistency::unique_ids)
    ),
    rule!(
        "HY0302",
        "unknown-file",
        Error,
        "存在しないファイルへの参照",
        "reference to an unknown file",
        Some(consistency::file_references)
    ),
    rule!(
        "HY0303",
        "file-without-risk-measures",
        Error,
        "リスク対策のないファイル",
        "a file without risk measures",
        None
    ),
    rule!(
        "HY0305",
        "remaining-without-measures",
        Warning,
        "「課題が残されている」に措置の記載がない",
        "課題が残されている without measures",
        Some(consistency::remaining_without_measures)
    ),
    rule!(
        "HY0306",
        "procedure-result",
        Error,
        "評価実施手続のしきい値判断結果が合わない",
        "procedure's threshold result differs",
        Some(consistency::procedure_result)
    ),
    rule!(
        "HY0307",
        "people-band",
        Error,
        "Ⅰ1③対象人数がしきい値判断と合わない",
        "Ⅰ1③ people differs from the threshold count",
        Some(consistency::people_band)
    ),
    rule!(
        "HY0308",
        "network-without-linkage",
        Warning,
        "情報連携「実施しない」なのにⅣ6 接続が記載されている",
        "Ⅳ6 answered while 情報連携 is not implemented",
        Some(consistency::network_without_linkage)
    ),
    rule!(
        "HY0309",
        "delegation-measures-without-delegation",
        Warning,
        "すべて「委託しない」なのにⅣ4 委託が記載されている",
        "Ⅳ4 answered while nothing is delegated",
        Some(consistency::delegation_measures_without_delegation)
    ),
    rule!(
        "HY0310",
        "unknown-counterpart",
        Error,
        "情報の流れの手順の相手が counterparts にない",
        "a flow step names a counterpart that is not listed",
        Some(flows::unknown_counterpart)
    ),
    rule!(
        "HY0311",
        "network-flow-without-linkage",
        Error,
        "情報提供ネットワークシステムを通る手順があるのに情報連携を「実施する」としていない",
        "a flow step uses 情報提供ネットワークシステム while 情報連携 is not 「実施する」",
        Some(flows::network_without_linkage)
    ),
    rule!(
        "HY0312",
        "delegation-not-in-notice",
        Warning,
        "評価書の委託が利用目的の公表の委託に書かれていない（同じ機関の公表と一緒に検査したとき）",
        "a delegation of the assessment is not among the notice's delegated purposes (checked together)",
        None
    ),
    rule!(
        "HY0313",
        "provision-not-in-notice",
        Warning,
        "評価書は特定個人情報を提供するが、利用目的の公表に提供の目的がない（一緒に検査したとき）",
        "the assessment provides 特定個人情報 but the notice lists no purpose of providing it (checked together)",
        None
    ),
    rule!(
        "HY0314",
        "notice-linkage-without-basis",
        Warning,
        "利用目的の公表が情報連携を挙げるが、評価書は情報連携の根拠を挙げていない（一緒に検査したとき）",
        "the notice lists linkage purposes the assessment cites no basis for (checked together)",
        None
    ),
    rule!(
        "HY0401",
        "counted-after-publication",
        Error,
        "計数日が公表日より後",
        "threshold counted after publication",
        Some(dates::counted_after_publication)
    ),
    rule!(
        "HY0402",
        "history-order",
        Warning,
        "変更箇所が日付順でない",
        "history out of date order",
        Some(dates::history_dates)
    ),
    rule!(
        "HY0403",
        "history-after-publication",
        Error,
        "変更日が公表日より後",
        "history row after publication",
        None
    ),
    rule!(
        "HY0404",
        "ended-without-date",
        Error,
        "「終了」に日付がない",
        "終了 without its date",
        Some(dates::ended_without_date)
    ),
    rule!(
        "HY0405",
        "annual-review",
        Warning,
        "1年以上見直していない",
        "not reviewed for over a year",
        Some(dates::annual_review)
    ),
    rule!(
        "HY0406",
        "reassessment-due",
        Warning,
        "5年ごとの再評価の期限",
        "five-year re-assessment due",
        Some(dates::reassessment_due)
    ),
    rule!(
        "HY0407",
        "public-comment-period",
        Warning,
        "意見聴取が30日未満で理由なし",
        "public comment under 30 days without a reason",
        Some(dates::public_comment_period)
    ),
    rule!(
        "HY0501",
        "important-posterior-without-reason",
        Warning,
        "※項目の事後変更に説明がない",
        "事後 change to a ※ item without a reason",
        Some(history::important_posterior_without_reason)
    ),
    rule!(
        "HY0502",
        "identical-before-after",
        Warning,
        "変更前と変更後が同じ",
        "before and after identical",
        Some(history::identical_before_after)
    ),
    rule!(
        "HY0601",
        "malformed-item-list",
        Error,
        "項番の列挙が読めない",
        "malformed item list",
        Some(citations::item_lists)
    ),
    rule!(
        "HY0602",
        "item-out-of-range",
        Error,
        "別表にない項番",
        "item number outside the table",
        None
    ),
    rule!(
        "HY0603",
        "superseded-citation",
        Warning,
        "改正前の規定の引用",
        "superseded provision cited",
        Some(citations::superseded)
    ),
    rule!(
        "HY0604",
        "duplicate-item",
        Warning,
        "項番の重複",
        "item number listed twice",
        None
    ),
    rule!(
        "HY0701",
        "control-character",
        Error,
        "制御文字",
        "control character",
        Some(hygiene::run)
    ),
    rule!(
        "HY0702",
        "unbalanced-brackets",
        Warning,
        "括弧の対応",
        "unbalanced brackets",
        None
    ),
    rule!(
        "HY0703",
        "halfwidth-katakana",
        Warning,
        "半角カタカナ",
        "half-width katakana",
        None
    ),
    rule!(
        "HY0704",
        "placeholder",
        Warning,
        "仮の記載が残っている",
        "placeholder text left in",
        None
    ),
    rule!(
        "HY0801",
        "no-japanese-font",
        Error,
        "日本語フォントが見つからない（render）",
        "no Japanese font found (render)",
        None
    ),
    rule!(
        "HY0802",
        "unusable-font",
        Error,
        "フォントとして使えないファイル（render）",
        "font file cannot be used (render)",
        None
    ),
    rule!(
        "HY0803",
        "template-error",
        Error,
        "様式テンプレートの誤り（render）",
        "error in a form template (render)",
        None
    ),
    rule!(
        "HY0804",
        "no-form-definition",
        Error,
        "様式の定義がない（render）",
        "no definition for the form edition (render)",
        None
    ),
    rule!(
        "HY0805",
        "xlsx-write-error",
        Error,
        "ワークブックを書き出せない（render）",
        "the workbook cannot be written (render)",
        None
    ),
    rule!(
        "HY0806",
        "item-not-in-table",
        Warning,
        "引用された別表第二の項番が hyoka の表にない（別紙2）",
        "a cited 別表第二 item is not in hyoka's table (別紙2)",
        None
    ),
    rule!(
        "HY0901",
        "not-a-workbook",
        Error,
        "ワークブックとして読めないファイル（import）",
        "file cannot be read as a workbook (import)",
        None
    ),
    rule!(
        "HY0902",
        "password-protected",
        Error,
        "パスワードで保護されたワークブック（import）",
        "password-protected workbook (import)",
        None
    ),
    rule!(
        "HY0903",
        "workbook-too-large",
        Error,
        "大きすぎるワークブック（import）",
        "workbook too large (import)",
        None
    ),
    rule!(
        "HY0904",
        "no-form-in-workbook",
        Error,
        "ワークブックに様式が見つからない（import）",
        "no assessment form in the workbook (import)",
        None
    ),
    rule!(
        "HY0905",
        "cell-not-placed",
        Error,
        "どの項目にもならなかったセル（import）",
        "cell not placed in any item (import)",
        None
    ),
    rule!(
        "HY0906",
        "value-kept-as-text",
        Error,
        "様式に合わず文字のまま残した値（import）",
        "value that does not fit, kept as text (import)",
        None
    ),
    rule!(
        "HY0907",
        "formula-error-cell",
        Error,
        "数式がエラーのセル（import）",
        "cell with a formula error (import)",
        None
    ),
];

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
