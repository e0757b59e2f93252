//! Cover, Ⅰ 基本情報 / 関連情報: operation, systems, legal bases, department, contacts.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choices::*;
use super::date::Date;

/// Cover page (表紙), common to all forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// 評価書番号: the number in the 評価計画管理書 (様式1).
    pub number: String,
    /// 評価書名. An ended operation appends 【令和○年○月○日 終了】.
    pub title: String,
    /// 評価実施機関名 (e.g. 鳥取県八頭町長).
    pub body: String,
    /// 公表日.
    pub published: Option<Date>,
    /// 個人のプライバシー等の権利利益の保護の宣言.
    pub declaration: Option<String>,
    /// 特記事項.
    pub notes: Option<String>,
    /// 個人情報保護委員会 承認日【行政機関等のみ】 (様式4).
    pub approved: Option<Date>,
    /// 見直し実施日: the last annual review that found nothing to change. Not printed on the
    /// form; it tells the keeping-current rule (HY0405) that the yearly review was done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_on: Option<Date>,
}

impl Cover {
    /// The 評価書名 as `form` prints it: see [`title_for`].
    pub fn title_for(&self, form: super::FormKind) -> String {
        title_for(&self.title, form)
    }
}

/// A 評価書名 as `form` prints it. An assessment that renders several forms names one of them in
/// its title (`国民健康保険に関する事務　全項目評価書`); each other form prints the title with its
/// own name in that place (`…　基礎項目評価書`), as the published pairs do.
pub fn title_for(title: &str, form: super::FormKind) -> String {
    let named = super::FormKind::ALL
        .iter()
        .filter_map(|k| title.rfind(k.label()).map(|at| (at, k.label())))
        .max();
    match named {
        Some((at, label)) => {
            let mut title = title.to_string();
            title.replace_range(at..at + label.len(), form.label());
            title
        }
        None => title.to_string(),
    }
}

/// Ⅰ1 特定個人情報ファイルを取り扱う事務.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// ①事務の名称.
    pub name: String,
    /// ②事務の概要 (様式2) / ②事務の内容 (様式3・4).
    pub summary: Option<String>,
    /// ③対象人数 (様式3・4; 様式2 records it under threshold).
    pub people: Option<PeopleBand>,
    /// A note printed after the list of system names (様式2 ③システムの名称).
    pub systems_note: Option<String>,
    /// (別添1) 事務の内容: the flow of information, its numbered steps and notes.
    pub flow: Option<String>,
}

/// Ⅰ2 特定個人情報ファイルを取り扱う事務において使用するシステム (システム1, 2, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct System {
    /// Stable identifier, so revisions match systems by identity, not position.
    pub id: String,
    /// ①システムの名称.
    pub name: String,
    /// ②システムの機能.
    pub functions: Option<String>,
    /// ③他のシステムとの接続 (ticked boxes).
    #[serde(default)]
    pub connections: Vec<SystemConnection>,
    /// ③ その他（ ） text.
    pub connections_other: Option<String>,
}

/// Ⅰ4 特定個人情報ファイルを取り扱う理由 (様式3・4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reasons {
    /// ①事務実施上の必要性.
    pub necessity: Option<String>,
    /// ②実現が期待されるメリット.
    pub benefits: Option<String>,
}

/// 個人番号の利用 ※.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberUse {
    /// 法令上の根拠.
    pub basis: Option<String>,
}

/// 情報提供ネットワークシステムによる情報連携 ※.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Linkage {
    /// ①実施の有無.
    pub status: Option<LinkageStatus>,
    /// ②法令上の根拠.
    pub basis: Option<String>,
}

/// 評価実施機関における担当部署.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// ①部署.
    pub name: Option<String>,
    /// ②所属長の役職名.
    pub head_title: Option<String>,
}

/// 特定個人情報の開示・訂正・利用停止請求 (様式2 Ⅰ7; 様式3 Ⅳ1; 様式4 Ⅴ1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Disclosure {
    /// ①請求先.
    pub contact: Option<String>,
    /// ②請求方法.
    pub method: Option<String>,
    /// 特記事項.
    pub notes: Option<String>,
    /// ③手数料等.
    pub fee: Option<Fee>,
    /// 手数料額、納付方法.
    pub fee_detail: Option<String>,
    /// ④個人情報ファイル簿の公表.
    pub register_published: Option<Performed>,
    /// 個人情報ファイル名.
    pub register_files: Option<String>,
    /// 公表場所.
    pub register_place: Option<String>,
    /// ⑤法令による特別の手続.
    pub special_procedure: Option<String>,
    /// ⑥個人情報ファイル簿への不記載等.
    pub register_omissions: Option<String>,
}

/// 特定個人情報ファイルの取扱いに関する問合せ (様式2 Ⅰ8; 様式3 Ⅳ2; 様式4 Ⅴ2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inquiry {
    /// ①連絡先.
    pub contact: Option<String>,
    /// ②対応方法.
    pub handling: Option<String>,
}
