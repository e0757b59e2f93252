//! Ⅱ 特定個人情報ファイルの概要: one block per file, with its delegations and recipients.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choices::*;

/// One 特定個人情報ファイル ((1) 国保賦課ファイル, (2) …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct File {
    /// Stable identifier, so revisions match files by identity, not position.
    pub id: String,
    /// 1. 特定個人情報ファイル名.
    pub name: String,
    /// 2① ファイルの種類 ※.
    pub kind: Option<FileKind>,
    /// 2② 対象となる本人の数.
    pub people: Option<FilePeople>,
    /// 2③ 対象となる本人の範囲 ※.
    pub scope: Option<String>,
    /// 2③ その必要性.
    pub scope_reason: Option<String>,
    /// 2④ 記録される項目 (number of items).
    pub item_count: Option<ItemCount>,
    /// 2④ 主な記録項目 ※ (ticked boxes).
    #[serde(default)]
    pub main_items: Vec<RecordedItem>,
    /// 主な記録項目 その他（ ） text.
    pub main_items_other: Option<String>,
    /// 2④ その妥当性.
    pub items_reason: Option<String>,
    /// 2④ 全ての記録項目: the full list of fields (別添2).
    #[serde(default)]
    pub all_items: Vec<String>,
    /// 2⑤ 保有開始日.
    pub holding_start: Option<String>,
    /// 2⑥ 事務担当部署.
    pub department: Option<String>,
    /// 3. 特定個人情報の入手・使用.
    pub acquisition: Option<Acquisition>,
    /// 3. 使用.
    #[serde(rename = "use")]
    pub usage: Option<Usage>,
    /// 4. 委託の有無 ※.
    pub delegation: Option<DelegationStatus>,
    /// 4. 委託事項1, 2, ….
    #[serde(default)]
    pub delegations: Vec<Delegation>,
    /// 5. 提供・移転の有無: the counts printed on the form, when given.
    pub provision: Option<ProvisionSummary>,
    /// 5. 提供先1, …; 移転先1, ….
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    /// 6. 特定個人情報の保管・消去.
    pub storage: Option<Storage>,
    /// 7. 備考.
    pub remarks: Option<String>,
}

/// A ticked 入手元 with its （ ） detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub kind: AcquisitionSource,
    /// The text in （ ） after the box (e.g. the department or body).
    pub detail: Option<String>,
}

/// Ⅱ3 ①–⑤ 入手.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Acquisition {
    /// ①入手元 ※.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// ②入手方法.
    #[serde(default)]
    pub methods: Vec<TransferMethod>,
    /// ② その他（ ） text.
    pub methods_other: Option<String>,
    /// ③入手の時期・頻度.
    pub timing: Option<String>,
    /// ④入手に係る妥当性.
    pub validity: Option<String>,
    /// ⑤本人への明示.
    pub notice: Option<String>,
}

/// Ⅱ3 ⑥–⑨ 使用.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Usage {
    /// ⑥使用目的 ※.
    pub purpose: Option<String>,
    /// ⑥ 変更の妥当性.
    pub purpose_change: Option<String>,
    /// ⑦使用の主体 使用部署 ※.
    pub departments: Option<String>,
    /// ⑦ 使用者数.
    pub users: Option<Handlers6>,
    /// ⑧使用方法 ※.
    pub method: Option<String>,
    /// ⑧ 情報の突合 ※.
    pub matching: Option<String>,
    /// ⑧ 情報の統計分析 ※.
    pub statistics: Option<String>,
    /// ⑧ 権利利益に影響を与え得る決定 ※.
    pub decisions: Option<String>,
    /// ⑨使用開始日.
    pub start: Option<String>,
}

/// 委託事項N.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Delegation {
    /// Stable identifier.
    pub id: String,
    /// 委託事項N (the heading).
    pub title: String,
    /// ①委託内容.
    pub content: Option<String>,
    /// ②取扱いを委託する特定個人情報ファイルの範囲.
    pub scope: Option<DelegationScope>,
    /// ② 対象となる本人の数.
    pub people: Option<FilePeople>,
    /// ② 対象となる本人の範囲 ※.
    pub range: Option<String>,
    /// ② その妥当性.
    pub range_reason: Option<String>,
    /// ③委託先における取扱者数.
    pub handlers: Option<Handlers6>,
    /// ④委託先への特定個人情報ファイルの提供方法.
    #[serde(default)]
    pub methods: Vec<TransferMethod>,
    /// ④ その他（ ） text.
    pub methods_other: Option<String>,
    /// ⑤委託先名の確認方法.
    pub name_disclosure: Option<String>,
    /// ⑥委託先名.
    pub contractor: Option<String>,
    /// 再委託.
    pub subcontract: Option<Subcontract>,
}

/// 再委託 ⑦–⑨.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subcontract {
    /// ⑦再委託の有無 ※.
    pub status: Option<SubcontractStatus>,
    /// ⑧再委託の許諾方法.
    pub permission: Option<String>,
    /// ⑨再委託事項.
    pub content: Option<String>,
}

/// Ⅱ5 提供・移転の有無 as ticked on the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvisionSummary {
    /// 提供を行っている（N）件.
    pub provides: Option<u32>,
    /// 移転を行っている（N）件.
    pub transfers: Option<u32>,
    /// 行っていない.
    #[serde(default)]
    pub none: bool,
}

/// 提供先N / 移転先N.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// Stable identifier.
    pub id: String,
    /// 提供 or 移転.
    pub kind: RecipientKind,
    /// 提供先・移転先 (the heading).
    pub name: String,
    /// ①法令上の根拠.
    pub basis: Option<String>,
    /// ②提供先における用途.
    pub purpose: Option<String>,
    /// ③提供する情報.
    pub information: Option<String>,
    /// ④提供する情報の対象となる本人の数.
    pub people: Option<FilePeople>,
    /// ⑤提供する情報の対象となる本人の範囲.
    pub range: Option<String>,
    /// ⑥提供方法.
    #[serde(default)]
    pub methods: Vec<TransferMethod>,
    /// ⑥ その他（ ） text.
    pub methods_other: Option<String>,
    /// ⑦時期・頻度.
    pub timing: Option<String>,
}

/// Ⅱ6 特定個人情報の保管・消去.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Storage {
    /// ①保管場所 ※.
    pub place: Option<String>,
    /// ②保管期間.
    pub period: Option<Retention>,
    /// ② その妥当性.
    pub period_reason: Option<String>,
    /// ③消去方法.
    pub erasure: Option<String>,
}

impl File {
    /// Recipients of one kind, in order.
    pub fn recipients_of(&self, kind: RecipientKind) -> impl Iterator<Item = &Recipient> {
        self.recipients.iter().filter(move |r| r.kind == kind)
    }
}
