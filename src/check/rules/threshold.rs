//! HY01xx: しきい値判断 — the recorded result and the submitted forms against the table.

use crate::check::rule::{Finding, RuleCtx};
use crate::check::threshold::{determine, Determination, Level};
use crate::diagnostic::{Lang, Severity};
use crate::model::FormKind;

fn determination(ctx: &RuleCtx) -> Option<Determination> {
    let t = ctx.a.threshold.as_ref()?;
    Some(determine(
        t.people.as_ref()?.band,
        t.handlers.as_ref()?.band,
        t.incident?,
    ))
}

/// The level the assessment actually delivers: what 様式2 Ⅳ1 says, else what `forms` declares.
fn delivered(ctx: &RuleCtx) -> (Level, &'static str) {
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

/// HY0101: the recorded しきい値判断結果 is not what the table gives.
pub fn result_mismatch(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    let Some(d) = determination(ctx) else { return };
    let Some(recorded) = ctx.a.threshold.as_ref().and_then(|t| t.result) else {
        return;
    };
    if Level::of_result(recorded) != d.required {
        let why_ja = d
            .reasons
            .iter()
            .map(|r| r.text(Lang::Ja))
            .collect::<Vec<_>>()
            .join("。");
        let why_en = d
            .reasons
            .iter()
            .map(|r| r.text(Lang::En))
            .collect::<Vec<_>>()
            .join("; ");
        out.push(
            Finding::new(
                "HY0101",
                "/threshold/result",
                format!("しきい値判断結果「{}」は判断項目から導かれる結果「{}」と一致しません", recorded.label(), d.required.result().label()),
                format!("しきい値判断結果 `{}` does not follow from the threshold items, which give `{}`", recorded.id(), d.required.result().id()),
            )
            .help(format!("{why_ja}。result: {} としてください。", d.required.result().id()), format!("{why_en}; set result: {}", d.required.result().id())),
        );
    }
}

/// HY0102: the forms submitted fall short of what is mandatory. HY0103: more than mandatory.
pub fn forms_level(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    let Some(d) = determination(ctx) else { return };
    let (level, path) = delivered(ctx);
    if !level.satisfies(d.required) {
        out.push(
            Finding::new(
                "HY0102",
                path,
                format!("提出する評価書（{}）が、義務付けられる評価（{}）に足りません", level.label(Lang::Ja), d.required.label(Lang::Ja)),
                format!("the forms submitted ({}) fall short of the mandatory assessment ({})", level.label(Lang::En), d.required.label(Lang::En)),
            )
            .help("しきい値判断項目を見直すか、必要な評価書（forms と basic_risk.submitted_forms）を追加してください。", "review the threshold items, or add the required forms (forms and basic_risk.submitted_forms)"),
        );
    } else if level > d.required && d.required != Level::None {
        let mut f = Finding::new(
            "HY0103",
            path,
            format!(
                "義務付けられる評価（{}）を超えて、任意に{}を実施しています",
                d.required.label(Lang::Ja),
                level.label(Lang::Ja)
            ),
            format!(
                "a higher level ({}) than mandatory ({}) is done voluntarily",
                level.label(Lang::En),
                d.required.label(Lang::En)
            ),
        );
        f.severity = Some(Severity::Info);
        out.push(f);
    }
}

/// HY0104: 様式2 Ⅳ1 and the declared `forms` say different things.
pub fn forms_disagree(ctx: &RuleCtx, out: &mut Vec<Finding>) {
    let Some(s) = ctx.a.basic_risk.as_ref().and_then(|r| r.submitted_forms) else {
        return;
    };
    let expected: &[FormKind] = match Level::of_submitted(s) {
        Level::BasicKey => &[FormKind::Key],
        Level::BasicFull => &[FormKind::Full],
        _ => &[],
    };
    let declared = &ctx.a.forms;
    let others: Vec<FormKind> = declared
        .iter()
        .copied()
        .filter(|f| *f != FormKind::Basic)
        .collect();
    if others.as_slice() != expected {
        out.push(Finding::new(
            "HY0104",
            "/basic_risk/submitted_forms",
            format!(
                "様式2 Ⅳ1 の「{}」と、作成する評価書（forms）が一致しません",
                s.label()
            ),
            format!(
                "様式2 Ⅳ1 says `{}`, but `forms` declares {:?}",
                s.id(),
                declared.iter().map(|f| f.id()).collect::<Vec<_>>()
            ),
        ));
    }
}
