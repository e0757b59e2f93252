//! HY01xx: しきい値判断 — the recorded result and the submitted forms against the table.

mod forms_disagree;
mod forms_fall_short;
mod threshold_result;
mod voluntary_higher_level;

pub use forms_disagree::FormsDisagree;
pub use forms_fall_short::FormsFallShort;
pub use threshold_result::ThresholdResult;
pub use voluntary_higher_level::VoluntaryHigherLevel;

use crate::check::rule::{Finding, RuleCtx};
use crate::check::threshold::{determine, Determination, Level};
use crate::diagnostic::Lang;
use crate::model::FormKind;

pub(super) fn determination(ctx: &RuleCtx) -> Option<Determination> {
    let t = ctx.a.threshold.as_ref()?;
    Some(determine(
        t.people.as_ref()?.band,
        t.handlers.as_ref()?.band,
        t.incident?,
    ))
}

/// The level the assessment actually delivers: what 様式2 Ⅳ1 says, else what `forms` declares.
pub(super) fn delivered(ctx: &RuleCtx) -> (Level, &'static str) {
    if let Some(s) = ctx.a.basic_risk.as_ref().and_then(|r| r.submitted_forms) {
        return (Level::of_submitted(s), "/basic_risk/submitted_forms");
    }
    let f = &ctx.a.forms;
    let level = if f.contains(&FormKind::Full) {
        Level::BasicFull
    } else if f.contains(&FormKind::Key) {
        Level::BasicKey
    } else {
        Level::Basic
    };
    (level, "/forms")
}
