//! 様式2 Ⅱ しきい値判断項目, Ⅲ しきい値判断結果, Ⅳ リスク対策.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choices::*;
use super::date::Date;

/// Ⅱ しきい値判断項目 and Ⅲ しきい値判断結果.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// 1. 対象人数.
    pub people: Option<Counted<PeopleBand>>,
    /// 2. 取扱者数.
    pub handlers: Option<Counted<HandlersBand>>,
    /// 3. 重大事故.
    pub incident: Option<Incident>,
    /// Ⅲ しきい値判断結果.
    pub result: Option<ThresholdResult>,
}

/// A counted band and the date it was counted on (いつ時点の計数か).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Counted<T> {
    /// The band chosen.
    pub band: T,
    /// いつ時点の計数か.
    pub counted_on: Option<Date>,
}

/// 様式2 Ⅳ リスク対策.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasicRisk {
    /// 1. 提出する特定個人情報保護評価書の種類.
    pub submitted_forms: Option<SubmittedForms>,
    /// 2. 入手: 目的外の入手が行われるリスクへの対策は十分か.
    pub acquisition: Option<Risk3>,
    /// 3. 使用: 目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスクへの対策は十分か.
    pub use_linking: Option<Risk3>,
    /// 3. 使用: 権限のない者によって不正に使用されるリスクへの対策は十分か.
    pub use_unauthorized: Option<Risk3>,
    /// 4. 委託.
    pub delegation: Option<Switchable>,
    /// 5. 提供・移転.
    pub provision: Option<Switchable>,
    /// 6. 情報提供ネットワークシステムとの接続.
    pub network: Option<NetworkRisk>,
    /// 7. 保管・消去: 漏えい・滅失・毀損リスクへの対策は十分か.
    pub storage: Option<Risk3>,
    /// 8. 監査 (ticked boxes).
    pub audit: Option<Audit>,
    /// 9. 従業者に対する教育・啓発.
    pub training: Option<Done3>,
}

/// A section with a 「…しない」 tick box that switches its question off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Switchable {
    /// 委託しない / 提供・移転しない is ticked.
    #[serde(default)]
    pub not_applicable: bool,
    /// リスクへの対策は十分か (blank when not applicable).
    pub answer: Option<Risk3>,
}

/// 様式2 Ⅳ6.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkRisk {
    /// 接続しない（入手） is ticked.
    #[serde(default)]
    pub no_acquisition: bool,
    /// 接続しない（提供） is ticked.
    #[serde(default)]
    pub no_provision: bool,
    /// 目的外の入手が行われるリスクへの対策は十分か.
    pub acquisition: Option<Risk3>,
    /// 不正な提供が行われるリスクへの対策は十分か.
    pub provision: Option<Risk3>,
}

/// 様式2 Ⅳ8 監査 実施の有無.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Audit {
    /// 自己点検.
    #[serde(default)]
    pub self_check: bool,
    /// 内部監査.
    #[serde(default)]
    pub internal: bool,
    /// 外部監査.
    #[serde(default)]
    pub external: bool,
}
