//! 個人情報の利用目的の公表 (the notice of purposes of use) that health-insurance societies and
//! other bodies publish beside their assessments: a document of its own (`kind: notice`), with
//! the purposes by use (internal, delegated, joint), or by kind of information; the 特定個人情報
//! linkage purposes; the exceptions; the 安全管理措置; the request desk. Seeds 000 and 001.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date::Date;

/// The mark a notice file starts with (`kind: notice`), which tells it from an assessment.
pub const NOTICE_KIND: &str = "notice";

/// One notice of purposes of use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// Always `notice`.
    pub kind: String,
    /// The body that publishes it (`人材派遣健康保険組合`): matched with assessments' 評価実施機関名
    /// when they are checked together.
    pub body: String,
    /// The page's title (`個人情報の利用目的の公表について`).
    pub title: String,
    /// 公表日, if the page gives one.
    pub published: Option<Date>,
    /// The words before the purposes (`…の利用目的は以下のとおりです。`).
    pub intro: Option<String>,
    /// The purposes by use: what is used inside, what is delegated, what is shared (seed 000).
    #[serde(default)]
    pub purposes: Vec<Purpose>,
    /// The purposes by kind of information (seed 001: 個人情報の類型 → 利用目的).
    #[serde(default)]
    pub by_information: Vec<InformationPurpose>,
    /// 特定個人情報: the purposes of the information linkage with other bodies.
    pub linkage: Option<NoticeLinkage>,
    /// ※ notes under the purposes.
    #[serde(default)]
    pub notes: Vec<String>,
    /// When the purposes are not notified or published (個人情報保護法第21条第4項).
    pub exceptions: Option<Exceptions>,
    /// 安全管理措置の内容.
    #[serde(default)]
    pub safety_measures: Vec<SafetyMeasure>,
    /// Where to ask (開示等の請求・苦情の窓口).
    pub desk: Option<String>,
    /// The closing words (`以上`).
    pub closing: Option<String>,
}

/// One purpose and where it is carried out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Purpose {
    /// 利用目的 (`保険料の計算、徴収等`).
    pub purpose: String,
    /// 内部で利用するもの.
    #[serde(default)]
    pub internal: Vec<String>,
    /// 他の事業者への業務委託等を行うもの.
    #[serde(default)]
    pub delegated: Vec<String>,
    /// 他と共同利用するもの.
    #[serde(default)]
    pub joint: Vec<String>,
}

/// A kind of information and what it is used for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InformationPurpose {
    /// 個人情報の類型 (`資格に関する情報`).
    pub information: String,
    /// 利用目的.
    pub purposes: String,
}

/// The 特定個人情報 linkage purposes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoticeLinkage {
    /// What the linkage rests on (`番号法第19条第7号において定められた…との情報連携における利用目的`).
    pub basis: String,
    /// 組合の事務執行のため、他機関より情報を受ける場合.
    #[serde(default)]
    pub receive: Vec<String>,
    /// 他機関の事務執行のため、組合が情報を提供する場合.
    #[serde(default)]
    pub provide: Vec<String>,
    /// The explanation under the table (`※特定個人情報について …`).
    pub note: Option<String>,
}

/// When the purposes are not notified or published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exceptions {
    pub intro: String,
    pub items: Vec<String>,
}

/// One 安全管理措置.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SafetyMeasure {
    /// `組織的セキュリティ措置`, `人的安全管理措置` …
    pub measure: String,
    pub content: String,
}
