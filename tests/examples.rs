//! The examples load cleanly and hold what the seeds show.

mod common;

use common::*;
use hyoka::diagnostic::Severity;
use hyoka::model::*;

#[test]
fn every_example_loads_without_errors_or_warnings() {
    for name in EXAMPLES {
        let loaded = load_example(name);
        assert!(
            loaded.diagnostics.is_empty(),
            "{name}: {:#?}",
            loaded.diagnostics
        );
        assert!(loaded.assessment.is_some(), "{name}");
    }
}

#[test]
fn yazu_matches_seed_002() {
    let a = load_example("yazu-kokuho").assessment.unwrap();
    assert_eq!(a.forms, vec![FormKind::Basic]);
    assert_eq!(a.editions.basic.as_deref(), Some("平成31年1月"));
    assert_eq!(a.cover.number, "3");
    assert_eq!(a.cover.body, "鳥取県八頭町長");
    assert_eq!(a.cover.published.as_ref().unwrap().ymd(), (2024, 1, 1));
    assert_eq!(a.operation.name, "国民健康保険に関する事務");
    let files: Vec<&str> = a.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        files,
        [
            "国保資格ファイル",
            "国保負担区分ファイル",
            "宛名情報ファイル",
            "資格情報（個人）ファイル"
        ]
    );
    assert_eq!(a.systems.len(), 6);
    assert!(a
        .operation
        .systems_note
        .as_deref()
        .unwrap()
        .starts_with("＊国保総合システムおよび国保情報集約システム"));
    // 令和6年1月1日: 請求先・問合せ先 moved to 企画課 while the department stays 町民課.
    assert_eq!(
        a.department.as_ref().unwrap().name.as_deref(),
        Some("町民課")
    );
    assert!(a
        .disclosure
        .as_ref()
        .unwrap()
        .contact
        .as_deref()
        .unwrap()
        .contains("企画課"));
    assert!(a
        .inquiry
        .as_ref()
        .unwrap()
        .contact
        .as_deref()
        .unwrap()
        .contains("企画課"));
    // 公金受取口座 basis added 令和5年2月15日.
    assert!(a
        .number_use
        .as_ref()
        .unwrap()
        .basis
        .as_deref()
        .unwrap()
        .contains("預貯金口座の登録等に関する法律"));
    let t = a.threshold.as_ref().unwrap();
    assert_eq!(t.people.as_ref().unwrap().band, PeopleBand::From1kTo10k);
    assert_eq!(
        t.people
            .as_ref()
            .unwrap()
            .counted_on
            .as_ref()
            .unwrap()
            .wareki(),
        "令和2年8月4日"
    );
    assert_eq!(t.handlers.as_ref().unwrap().band, HandlersBand::Under500);
    assert_eq!(t.incident, Some(Incident::None));
    assert_eq!(
        t.result.unwrap().label(),
        "基礎項目評価の実施が義務付けられる"
    );
    let r = a.basic_risk.as_ref().unwrap();
    assert_eq!(r.submitted_forms, Some(SubmittedForms::Basic));
    assert_eq!(r.training.unwrap().label(), "十分に行っている");
    assert!(r.audit.as_ref().unwrap().self_check && !r.audit.as_ref().unwrap().internal);
}

#[test]
fn yazu_history_is_the_whole_published_change_table() {
    let a = load_example("yazu-kokuho").assessment.unwrap();
    assert_eq!(a.history.len(), 23);
    let first = &a.history[0];
    assert_eq!(first.date.wareki(), "平成28年12月9日");
    assert_eq!(first.timing, Timing::Prior);
    assert!(first
        .after
        .as_deref()
        .unwrap()
        .contains("「資格情報（個人）ファイル」を追加"));
    // Oldest first, as the table is kept.
    assert!(a.history.windows(2).all(|w| w[0].date <= w[1].date));
    // Seed 002: 担当部署・問合せ先 changes are 事後, legal-basis and system-name changes 事前.
    let timing_of = |date: &str, needle: &str| {
        a.history
            .iter()
            .find(|h| h.date.wareki() == date && h.item.contains(needle))
            .map(|h| h.timing)
            .unwrap_or_else(|| panic!("{date} {needle}"))
    };
    assert_eq!(timing_of("平成29年4月1日", "担当部署"), Timing::Posterior);
    assert_eq!(timing_of("令和5年2月15日", "法令上の根拠"), Timing::Prior);
    assert_eq!(timing_of("令和6年1月1日", "問合せ"), Timing::Posterior);
    assert_eq!(timing_of("令和6年1月1日", "システム名称"), Timing::Prior);
    let dept = a
        .history
        .iter()
        .find(|h| h.date.wareki() == "令和6年1月1日" && h.item.contains("開示"))
        .unwrap();
    assert_eq!(
        (dept.before.as_deref(), dept.after.as_deref()),
        (Some("町民課"), Some("企画課"))
    );
}

#[test]
fn shinjuku_has_the_four_files_and_the_delegations_of_seed_004() {
    let a = load_example("shinjuku-kokuho").assessment.unwrap();
    assert!(a.forms.contains(&FormKind::Full));
    let names: Vec<&str> = a.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "国保賦課ファイル",
            "国保資格ファイル",
            "国保給付ファイル",
            "国保収滞納ファイル"
        ]
    );
    let fuka = a.file("fuka").unwrap();
    let ops = &fuka.delegations[0];
    assert_eq!(
        ops.title,
        "システムの運用・保守業務、法制度改正に伴う改修作業業務"
    );
    let sub = ops.subcontract.as_ref().unwrap();
    assert_eq!(sub.status.unwrap().label(), "再委託する");
    assert!(sub
        .permission
        .as_deref()
        .unwrap()
        .starts_with("委託元は、委託先に対してあらかじめ再委託を行う旨を書面により"));
    assert!(sub
        .content
        .as_deref()
        .unwrap()
        .contains("①システム用基盤の仮環境、RDS環境の保守作業"));
    let center = fuka
        .delegations
        .iter()
        .find(|d| d.title == "保険料の賦課(計算)に関する事務")
        .unwrap();
    assert_eq!(center.scope, Some(DelegationScope::Part));
    assert_eq!(center.people.unwrap().label(), "10万人以上100万人未満");
    assert_eq!(center.methods, vec![TransferMethod::DedicatedLine]);
    assert_eq!(
        center.name_disclosure.as_deref(),
        Some("情報公開請求等にて公開")
    );
    // 給付ファイル carries 委託事項 for 国保事務センター (seed pages 85–86).
    let kyufu = a.file("kyufu").unwrap();
    for title in [
        "療養給付、付加給付に関する事務",
        "療養給付における一部減額・減免に関する事務",
        "滞納者に対する療養給付に関する事務",
    ] {
        assert!(
            kyufu.delegations.iter().any(|d| d.title == title),
            "{title}"
        );
    }
    // System 12, added with オンライン資格確認.
    assert_eq!(a.systems.len(), 12);
    assert_eq!(a.systems[11].name, "医療保険者等向け中間サーバー等");
    // Risk measures answered for all four files together, as in the seed (page 136).
    assert_eq!(
        a.risk_measures[0].files,
        ["fuka", "shikaku", "kyufu", "shutainou"]
    );
    let storage = a.risk_measures[0]
        .storage
        .as_ref()
        .unwrap()
        .leakage
        .as_ref()
        .unwrap();
    assert_eq!(storage.nisc.unwrap().label(), "政府機関ではない");
    // Every id in the example is unique within its list.
    let mut ids: Vec<&str> = a.files.iter().map(|f| f.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 4);
}

#[test]
fn key_form_example_records_the_incident_that_made_it_mandatory() {
    let a = load_example("higashiyama-jidoteate").assessment.unwrap();
    assert_eq!(a.forms, vec![FormKind::Basic, FormKind::Key]);
    assert_eq!(
        a.threshold.as_ref().unwrap().incident,
        Some(Incident::Occurred)
    );
    assert_eq!(
        a.basic_risk.as_ref().unwrap().submitted_forms,
        Some(SubmittedForms::BasicKey)
    );
    let file = &a.files[0];
    assert_eq!(file.recipients_of(RecipientKind::Provide).count(), 1);
    assert_eq!(
        file.delegations[1].subcontract.as_ref().unwrap().status,
        Some(SubcontractStatus::None)
    );
}

#[test]
fn long_texts_keep_their_line_breaks() {
    let a = load_example("yazu-kokuho").assessment.unwrap();
    let lines: Vec<&str> = a.operation.summary.as_deref().unwrap().lines().collect();
    assert_eq!(lines[1], "特定個人情報ファイルは、以下の場合に使用する。");
    assert!(lines.contains(&"【給付事務】"));
    let basis = a.linkage.as_ref().unwrap().basis.as_deref().unwrap();
    assert!(basis
        .lines()
        .any(|l| l
            == " 1,2,3,4,5,9,12,15,17,22,26,27,30,33,39,42,58,62,78,80,87,93,97,106,109,120の項"));
}

#[test]
fn japanese_labels_are_accepted_for_choices() {
    let text = std::fs::read_to_string(example("yazu-kokuho")).unwrap();
    let text = text
        .replace("  training: sufficient", "  training: 十分に行っている")
        .replace("  incident: none", "  incident: 発生なし");
    let loaded = load_text(&text);
    assert!(
        !loaded
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error),
        "{:#?}",
        loaded.diagnostics
    );
    let a = loaded.assessment.unwrap();
    assert_eq!(a.basic_risk.unwrap().training, Some(Done3::Sufficient));
    assert_eq!(a.threshold.unwrap().incident, Some(Incident::None));
}
