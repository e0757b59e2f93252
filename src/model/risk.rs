//! 様式3 Ⅲ / 様式4 Ⅲ リスク対策 (per file group) and 様式4 Ⅳ その他のリスク対策.
//!
//! One structure serves both forms: 様式3 prints a lighter subset of the same questions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choices::*;

/// Risk measures for one or more files (the forms often answer several files at once:
/// 「(1) 国保賦課ファイル (2) 国保資格ファイル …」).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskMeasures {
    /// 1. 特定個人情報ファイル名: ids of the files these measures cover.
    pub files: Vec<String>,
    /// 2. 特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）.
    pub acquisition: Option<AcquisitionRisks>,
    /// 3. 特定個人情報の使用.
    #[serde(rename = "use")]
    pub usage: Option<UseRisks>,
    /// 4. 特定個人情報ファイルの取扱いの委託.
    pub delegation: Option<DelegationRisks>,
    /// 5. 特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）.
    pub provision: Option<ProvisionRisks>,
    /// 6. 情報提供ネットワークシステムとの接続.
    pub network: Option<NetworkRisks>,
    /// 7. 特定個人情報の保管・消去.
    pub storage: Option<StorageRisks>,
}

/// A risk answered with measures in free text and リスクへの対策は十分か.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// 措置の内容.
    pub measures: Option<String>,
    /// リスクへの対策は十分か.
    pub answer: Option<Risk3>,
}

/// A yes/no management question with its concrete method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Managed<T> {
    pub status: Option<T>,
    /// 具体的な方法・内容.
    pub method: Option<String>,
}

/// Ⅲ2 入手.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AcquisitionRisks {
    /// リスク1: 目的外の入手が行われるリスク.
    pub out_of_purpose: Option<OutOfPurpose>,
    /// リスク2: 不適切な方法で入手が行われるリスク.
    pub improper_method: Option<Measure>,
    /// リスク3: 入手した特定個人情報が不正確であるリスク.
    pub inaccuracy: Option<Inaccuracy>,
    /// リスク4: 入手の際に特定個人情報が漏えい・紛失するリスク.
    pub leakage: Option<Measure>,
    /// 特定個人情報の入手におけるその他のリスク及びそのリスクに対する措置.
    pub other_risks: Option<String>,
}

/// Ⅲ2 リスク1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutOfPurpose {
    /// 対象者以外の情報の入手を防止するための措置の内容.
    pub non_target: Option<String>,
    /// 必要な情報以外を入手することを防止するための措置の内容.
    pub unnecessary: Option<String>,
    /// その他の措置の内容.
    pub other: Option<String>,
    /// リスクへの対策は十分か.
    pub answer: Option<Risk3>,
}

/// Ⅲ2 リスク3.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inaccuracy {
    /// 入手の際の本人確認の措置の内容.
    pub identity_check: Option<String>,
    /// 個人番号の真正性確認の措置の内容.
    pub number_check: Option<String>,
    /// 特定個人情報の正確性確保の措置の内容.
    pub accuracy: Option<String>,
    /// その他の措置の内容.
    pub other: Option<String>,
    /// リスクへの対策は十分か.
    pub answer: Option<Risk3>,
}

/// Ⅲ3 使用.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UseRisks {
    /// リスク1: 目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスク.
    pub linking: Option<Linking>,
    /// リスク2: 権限のない者によって不正に使用されるリスク.
    pub unauthorized: Option<Unauthorized>,
    /// リスク3: 従業者が事務外で使用するリスク.
    pub outside_work: Option<Measure>,
    /// リスク4: 特定個人情報ファイルが不正に複製されるリスク.
    pub copying: Option<Measure>,
    /// 特定個人情報の使用におけるその他のリスク及びそのリスクに対する措置.
    pub other_risks: Option<String>,
}

/// Ⅲ3 リスク1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Linking {
    /// 宛名システム等における措置の内容.
    pub address_system: Option<String>,
    /// 事務で使用するその他のシステムにおける措置の内容.
    pub other_systems: Option<String>,
    /// その他の措置の内容.
    pub other: Option<String>,
    /// リスクへの対策は十分か.
    pub answer: Option<Risk3>,
}

/// Ⅲ3 リスク2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unauthorized {
    /// ユーザ認証の管理.
    pub user_auth: Option<Managed<Performed>>,
    /// アクセス権限の発効・失効の管理.
    pub access_lifecycle: Option<Managed<Performed>>,
    /// アクセス権限の管理.
    pub access_control: Option<Managed<Performed>>,
    /// 特定個人情報の使用の記録.
    pub usage_log: Option<Managed<Recorded>>,
    /// その他の措置の内容.
    pub other: Option<String>,
    /// リスクへの対策は十分か.
    pub answer: Option<Risk3>,
}

/// Ⅲ4 委託.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DelegationRisks {
    /// 委託しない is ticked.
    #[serde(default)]
    pub not_delegated: bool,
    /// 情報保護管理体制の確認.
    pub management_check: Option<String>,
    /// 特定個人情報ファイルの閲覧者・更新者の制限.
    pub access_limits: Option<Managed<Restricted>>,
    /// 特定個人情報ファイルの取扱いの記録.
    pub handling_log: Option<Managed<Recorded>>,
    /// 特定個人情報の提供ルール.
    pub provision_rules: Option<ProvisionRules>,
    /// 特定個人情報の消去ルール.
    pub erasure_rules: Option<Managed<Defined>>,
    /// 委託契約書中の特定個人情報ファイルの取扱いに関する規定.
    pub contract_clauses: Option<Managed<Defined>>,
    /// 再委託先による特定個人情報ファイルの適切な取扱いの確保.
    pub subcontractor_care: Option<Managed<SubcontractorCare>>,
    /// その他の措置の内容.
    pub other: Option<String>,
    /// リスクへの対策は十分か.
    pub answer: Option<Risk3>,
    /// 委託におけるその他のリスク及びそのリスクに対する措置.
    pub other_risks: Option<String>,
}

/// Ⅲ4 特定個人情報の提供ルール.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvisionRules {
    pub status: Option<Defined>,
    /// 委託先から他者への提供に関するルール内容及びルール遵守の確認方法.
    pub to_others: Option<String>,
    /// 委託元と委託先間の提供に関するルール内容及びルール遵守の確認方法.
    pub between: Option<String>,
}

/// Ⅲ5 提供・移転.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvisionRisks {
    /// 提供・移転しない is ticked.
    #[serde(default)]
    pub not_provided: bool,
    /// リスク1: 不正な提供・移転が行われるリスク.
    pub unauthorized: Option<UnauthorizedProvision>,
    /// リスク2: 不適切な方法で提供・移転が行われるリスク.
    pub improper_method: Option<Measure>,
    /// リスク3: 誤った情報を提供・移転してしまうリスク、誤った相手に提供・移転してしまうリスク.
    pub mistakes: Option<Measure>,
    /// 提供・移転におけるその他のリスク及びそのリスクに対する措置.
    pub other_risks: Option<String>,
}

/// Ⅲ5 リスク1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnauthorizedProvision {
    /// 特定個人情報の提供・移転の記録.
    pub record: Option<Managed<Recorded>>,
    /// 特定個人情報の提供・移転に関するルール.
    pub rules: Option<Managed<Defined>>,
    /// その他の措置の内容.
    pub other: Option<String>,
    /// リスクへの対策は十分か.
    pub answer: Option<Risk3>,
}

/// Ⅲ6 情報提供ネットワークシステムとの接続.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkRisks {
    /// 接続しない（入手） is ticked.
    #[serde(default)]
    pub no_acquisition: bool,
    /// 接続しない（提供） is ticked.
    #[serde(default)]
    pub no_provision: bool,
    /// リスク1: 目的外の入手が行われるリスク.
    pub out_of_purpose: Option<Measure>,
    /// リスク2: 安全が保たれない方法によって入手が行われるリスク.
    pub unsafe_method: Option<Measure>,
    /// リスク3: 入手した特定個人情報が不正確であるリスク.
    pub inaccuracy: Option<Measure>,
    /// リスク4: 入手の際に特定個人情報が漏えい・紛失するリスク.
    pub leakage: Option<Measure>,
    /// リスク5: 不正な提供が行われるリスク.
    pub unauthorized_provision: Option<Measure>,
    /// リスク6: 不適切な方法で提供されるリスク.
    pub improper_provision: Option<Measure>,
    /// リスク7: 誤った情報を提供してしまうリスク、誤った相手に提供してしまうリスク.
    pub mistaken_provision: Option<Measure>,
    /// 情報提供ネットワークシステムとの接続に伴うその他のリスク及びそのリスクに対する措置.
    pub other_risks: Option<String>,
}

/// Ⅲ7 保管・消去.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StorageRisks {
    /// リスク1: 特定個人情報の漏えい・滅失・毀損リスク.
    pub leakage: Option<StorageLeakage>,
    /// リスク2: 特定個人情報が古い情報のまま保管され続けるリスク.
    pub stale: Option<Measure>,
    /// リスク3: 特定個人情報が消去されずいつまでも存在するリスク.
    pub lingering: Option<Lingering>,
    /// 特定個人情報の保管・消去におけるその他のリスク及びそのリスクに対する措置.
    pub other_risks: Option<String>,
}

/// Ⅲ7 リスク1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StorageLeakage {
    /// ①NISC政府機関統一基準群.
    pub nisc: Option<Nisc>,
    /// ②安全管理体制.
    pub safety_system: Option<String>,
    /// ③安全管理規程.
    pub regulations: Option<Regulation>,
    /// ④安全管理体制・規程の職員への周知.
    pub awareness: Option<Awareness>,
    /// ⑤物理的対策.
    pub physical: Option<Managed<Done3>>,
    /// ⑥技術的対策.
    pub technical: Option<Managed<Done3>>,
    /// ⑦バックアップ.
    pub backup: Option<String>,
    /// ⑧事故発生時手順の策定・周知.
    pub incident_procedure: Option<String>,
    /// ⑨過去３年以内に、評価実施機関において、個人情報に関する重大事故が発生したか.
    pub past_incident: Option<PastIncident>,
    /// ⑩死者の個人番号.
    pub dead_numbers: Option<Managed<DeadNumbers>>,
    /// その他の措置の内容.
    pub other: Option<String>,
    /// リスクへの対策は十分か.
    pub answer: Option<Risk3>,
}

/// Ⅲ7 ⑨.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PastIncident {
    pub status: Option<Incident>,
    /// その内容.
    pub content: Option<String>,
    /// 再発防止策の内容.
    pub prevention: Option<String>,
}

/// Ⅲ7 リスク3.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lingering {
    /// 消去手順.
    pub procedure: Option<Managed<Defined>>,
    /// その他の措置の内容.
    pub other: Option<String>,
    /// リスクへの対策は十分か.
    pub answer: Option<Risk3>,
}

/// 様式4 Ⅳ その他のリスク対策 ※.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherMeasures {
    /// 1① 自己点検.
    pub self_check: Option<Managed<Done3>>,
    /// 1② 監査.
    pub audit: Option<Managed<Done3>>,
    /// 2. 従業者に対する教育・啓発.
    pub training: Option<Managed<Done3>>,
    /// 3. その他のリスク対策.
    pub other: Option<String>,
}
