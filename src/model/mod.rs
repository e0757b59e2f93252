//! The assessment model: everything the three forms hold, as typed Rust values.
//!
//! One [`Assessment`] covers 様式2, 様式3 and 様式4; each form prints the parts it has. Lists
//! that other parts or later revisions refer to (systems, files, delegations, recipients) carry
//! a stable `id`.

pub mod basics;
pub mod choice;
pub mod choices;
pub mod data;
pub mod date;
pub mod edition;
pub mod file;
pub mod flow;
pub mod form;
pub mod notice;
pub mod path;
pub mod procedure;
pub mod provision_table;
pub mod refs;
pub mod risk;
pub mod scaffold;
pub mod schema;
pub mod text;
pub mod threshold;
pub mod typeface;
pub mod wording;
pub mod workbook;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use basics::*;
pub use choices::*;
pub use date::Date;
pub use file::*;
pub use flow::*;
pub use procedure::*;
pub use risk::*;
pub use threshold::*;

/// The form editions this assessment is written against, one per form it renders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Editions {
    /// 様式2 edition, e.g. `平成31年1月`.
    pub basic: Option<String>,
    /// 様式3 edition.
    pub key: Option<String>,
    /// 様式4 edition.
    pub full: Option<String>,
}

impl Editions {
    pub fn get(&self, form: FormKind) -> Option<&str> {
        match form {
            FormKind::Basic => self.basic.as_deref(),
            FormKind::Key => self.key.as_deref(),
            FormKind::Full => self.full.as_deref(),
        }
    }
}

/// One 特定個人情報保護評価書 and everything its forms print.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// The forms this assessment renders: `basic` (様式2), `key` (様式3), `full` (様式4).
    pub forms: Vec<FormKind>,
    /// The form edition each form is pinned to.
    pub editions: Editions,
    /// 表紙.
    pub cover: Cover,
    /// Ⅰ1 特定個人情報ファイルを取り扱う事務.
    pub operation: Operation,
    /// Ⅰ2 使用するシステム.
    #[serde(default)]
    pub systems: Vec<System>,
    /// Ⅱ 特定個人情報ファイル.
    #[serde(default)]
    pub files: Vec<File>,
    /// Ⅰ4 特定個人情報ファイルを取り扱う理由.
    pub reasons: Option<Reasons>,
    /// 個人番号の利用 ※.
    pub number_use: Option<NumberUse>,
    /// 情報提供ネットワークシステムによる情報連携 ※.
    pub linkage: Option<Linkage>,
    /// 評価実施機関における担当部署.
    pub department: Option<Department>,
    /// 他の評価実施機関.
    pub other_bodies: Option<String>,
    /// 開示・訂正・利用停止請求.
    pub disclosure: Option<Disclosure>,
    /// 問合せ.
    pub inquiry: Option<Inquiry>,
    /// 様式2 Ⅱ しきい値判断項目 / Ⅲ しきい値判断結果.
    pub threshold: Option<Threshold>,
    /// 様式2 Ⅳ リスク対策.
    pub basic_risk: Option<BasicRisk>,
    /// 様式3・4 Ⅲ リスク対策, per file group.
    #[serde(default)]
    pub risk_measures: Vec<RiskMeasures>,
    /// 様式4 Ⅳ その他のリスク対策 ※.
    pub other_measures: Option<OtherMeasures>,
    /// 評価実施手続.
    pub procedure: Option<Procedure>,
    /// 変更箇所, oldest first.
    #[serde(default)]
    pub history: Vec<HistoryRow>,
    /// 別紙1: who the flows exchange information with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counterparts: Vec<Counterpart>,
    /// 別紙1 事務内容別 情報連携イメージ図: the flows of information, per 事務.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<Flow>,
}

impl Assessment {
    pub fn file(&self, id: &str) -> Option<&File> {
        self.files.iter().find(|f| f.id == id)
    }
}
