//! 様式4 Ⅵ / 様式3 Ⅴ 評価実施手続, and the change table (変更箇所).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choices::*;
use super::date::Date;

/// 評価実施手続.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// 1. 基礎項目評価.
    pub basic_assessment: Option<BasicAssessment>,
    /// 2. 国民・住民等からの意見の聴取.
    pub public_comment: Option<PublicComment>,
    /// 3. 第三者点検.
    pub third_party_review: Option<ThirdPartyReview>,
    /// 4. 個人情報保護委員会の承認【行政機関等のみ】.
    pub commission_approval: Option<CommissionApproval>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasicAssessment {
    /// ①実施日.
    pub date: Option<Date>,
    /// ②しきい値判断結果.
    pub result: Option<ThresholdResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicComment {
    /// ①方法.
    pub method: Option<String>,
    /// ②実施日・期間: first day.
    pub start: Option<Date>,
    /// ②実施日・期間: last day.
    pub end: Option<Date>,
    /// ③期間を短縮する特段の理由.
    pub shortening_reason: Option<String>,
    /// ④主な意見の内容.
    pub main_opinions: Option<String>,
    /// ⑤評価書への反映.
    pub reflection: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThirdPartyReview {
    /// ①実施日.
    pub date: Option<Date>,
    /// ②方法.
    pub method: Option<String>,
    /// ③結果.
    pub result: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommissionApproval {
    /// ①提出日.
    pub submitted: Option<Date>,
    /// ②個人情報保護委員会による審査.
    pub review: Option<String>,
}

/// One row of 変更箇所.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HistoryRow {
    /// 変更日.
    pub date: Date,
    /// 項目.
    pub item: String,
    /// 変更前の記載.
    pub before: Option<String>,
    /// 変更後の記載.
    pub after: Option<String>,
    /// 提出時期: 事前 / 事後.
    pub timing: Timing,
    /// 提出時期に係る説明.
    pub reason: Option<String>,
    /// The forms whose 変更箇所 list this row, when its 項目 does not tell: by default a row
    /// belongs to the forms whose sections it names (`Ⅰ 基本情報 …` is 様式3/4's, `Ⅰ 関連情報 …`
    /// 様式2's), see [`crate::model::form::history_row_forms`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<super::FormKind>,
}
