//! 別紙1 / 別添1 事務内容別 情報連携イメージ図: the flows of information between the body and
//! its counterparts, per 事務, as numbered steps under headings (seed 003).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::choices::*;

/// Someone the body exchanges information with: another body (市町村, 医療保険者), a person
/// (被保険者), or one of the body's own systems (本市住基システム).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Counterpart {
    /// Stable identifier, named by the steps.
    pub id: String,
    /// The name the diagram prints (`後期高齢者医療広域連合`).
    pub name: String,
    pub kind: CounterpartKind,
}

/// The flow of one 事務 (`(1) 資格に係る事務`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// Stable identifier.
    pub id: String,
    /// `資格に係る事務`.
    pub title: String,
    /// The box in the middle of the picture (default: the department in charge, else the
    /// body): `国民健康保険課`.
    pub center: Option<String>,
    /// The steps under their headings (《住民異動届の受付》), numbered 1, 2, … across them.
    pub groups: Vec<FlowGroup>,
}

/// Steps under one heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlowGroup {
    /// 《…》 without its brackets: `住民異動届の受付`.
    pub heading: String,
    #[serde(default)]
    pub steps: Vec<Step>,
    /// Words under the heading that are not a step (《その他》's note).
    pub note: Option<String>,
}

/// One numbered step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The step as the list prints it, without its number.
    pub text: String,
    /// The counterpart's id; none for a step inside the body.
    pub counterpart: Option<String>,
    /// What the step does, seen from the body: 照会・回答・提供・入力 go out to the counterpart,
    /// 受領・受付・照会を受ける・回答を受ける come in from it.
    pub direction: Option<FlowDirection>,
    /// The information that moves (`医療保険給付情報`).
    pub information: Option<String>,
    pub channel: Option<FlowChannel>,
}

impl FlowDirection {
    /// Whether the information goes from the body to the counterpart.
    pub fn outgoing(self) -> bool {
        matches!(
            self,
            FlowDirection::Inquire
                | FlowDirection::Answer
                | FlowDirection::Provide
                | FlowDirection::Input
        )
    }
}
