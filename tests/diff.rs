//! `hyoka diff`: revisions of 八頭町 that follow seed 002's real change history yield its rows,
//! with the 提出時期 the seed gives them.

mod common;

use common::*;
use hyoka::diff::{diff, history, Change, ChangeKind, DiffOptions};
use hyoka::load::Loaded;
use hyoka::model::{Assessment, Date, Timing};

fn yazu_text() -> String {
    std::fs::read_to_string(example("yazu-kokuho")).unwrap()
}

fn edit(text: &str, edits: &[(&str, &str)]) -> String {
    let mut s = text.to_string();
    for (old, new) in edits {
        assert!(s.contains(old), "edit target not found: {old:?}");
        s = s.replacen(old, new, 1);
    }
    s
}

fn model(text: &str) -> Assessment {
    let loaded = load_text(text);
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    loaded.assessment.unwrap()
}

fn changes(old: &str, new: &str) -> Vec<Change> {
    diff(&model(old), &model(new), &DiffOptions::default()).unwrap()
}

/// The rows of a revision published on `date`, its changes taking effect on `effective`.
fn changes_effective(old: &str, new: &str, date: &str, effective: &str) -> Vec<Change> {
    let options = DiffOptions {
        changed_on: Some(Date::parse(date).unwrap()),
        effective: Some(Date::parse(effective).unwrap()),
        ..Default::default()
    };
    diff(&model(old), &model(new), &options).unwrap()
}

/// One row per changed value.
fn detailed(old: &str, new: &str) -> Vec<Change> {
    let options = DiffOptions {
        detail: true,
        ..Default::default()
    };
    diff(&model(old), &model(new), &options).unwrap()
}

fn find<'a>(cs: &'a [Change], item: &str) -> &'a Change {
    cs.iter().find(|c| c.item == item).unwrap_or_else(|| {
        panic!(
            "no change for {item:?} in {:#?}",
            cs.iter().map(|c| &c.item).collect::<Vec<_>>()
        )
    })
}

/// 八頭町 as published on 令和5年2月15日: before the 令和6年1月1日 revision.
fn r5() -> String {
    let t = yazu_text();
    let summary_tail_start = t
        .find("\n    【オンライン資格確認等システム稼働に向けた準備としての資格履歴管理事務")
        .unwrap();
    let summary_tail_end = t.find("  systems_note: >-").unwrap();
    let mut t = format!("{}\n{}", &t[..summary_tail_start], &t[summary_tail_end..]);
    let note_start = t.find("  systems_note: >-").unwrap();
    let note_end = t[note_start..].find("\n\n").unwrap() + note_start + 1;
    t.replace_range(note_start..note_end, "");
    edit(
        &t,
        &[
            ("    （オンライン資格確認の準備業務）\n    番号利用法　附則第6条第4項（利用目的：情報連携のためではなくオンライン資格確認の準備として機関別符号を取得する等）\n    国民健康保険法　第113条の3　第1項及び第2項\n", ""),
            ("八頭町役場　企画課\n    ＴＥＬ", "八頭町役場　町民課\n    ＴＥＬ"),
            ("八頭町役場　企画課\n    ＴＥＬ", "八頭町役場　町民課\n    ＴＥＬ"),
        ],
    )
}

#[test]
fn reiwa6_revision_yields_seed_002s_rows_and_timings() {
    // 令和6年1月1日 in seed 002, published before the changes took effect: 請求先・問合せ先
    // 町民課→企画課 事後 (facts of the present); system-name note, legal basis and 事務の概要 事前.
    let cs = changes_effective(&r5(), &yazu_text(), "令和6年1月1日", "令和6年4月1日");
    let disclosure = find(&cs, "Ⅰ 7. 特定個人情報の開示・訂正・利用停止請求 請求先");
    assert_eq!(
        (disclosure.kind, disclosure.timing),
        (ChangeKind::Modified, Timing::Posterior)
    );
    assert!(disclosure.before.contains("町民課") && disclosure.after.contains("企画課"));
    assert_eq!(
        disclosure.reason.as_deref(),
        Some("重要な変更に当たらない変更のため事後")
    );
    assert_eq!(
        find(
            &cs,
            "Ⅰ 8. 特定個人情報ファイルの取扱いに関する問合せ 連絡先"
        )
        .timing,
        Timing::Posterior
    );
    let note = find(&cs, "Ⅰ 1. ③システムの名称（注記）");
    assert_eq!(
        (note.kind, note.timing, note.reason.as_deref()),
        (ChangeKind::Added, Timing::Prior, None)
    );
    assert!(note
        .after
        .starts_with("＊国保総合システムおよび国保情報集約システム"));
    let basis = find(
        &cs,
        "Ⅰ 4. 情報提供ネットワークシステムによる情報連携 ②法令上の根拠",
    );
    assert_eq!(basis.timing, Timing::Prior);
    assert!(basis
        .after
        .ends_with("国民健康保険法　第113条の3　第1項及び第2項"));
    assert!(!basis
        .before
        .contains("（オンライン資格確認の準備業務）\n番号利用法"));
    assert_eq!(find(&cs, "Ⅰ 1. ②事務の概要").timing, Timing::Prior);
    assert_eq!(cs.len(), 5, "{cs:#?}");
}

#[test]
fn reiwa5_revision_adds_the_public_account_basis_prior() {
    // 令和5年2月15日: 公金受取口座 added to the legal bases and to 事務の概要 (給付事務), 事前.
    let after = r5();
    let before = edit(
        &after,
        &[
            ("    公的給付の支給等の迅速かつ確実な実施のための預貯金口座の登録等に関する法律　第１条、第２条第２項各号及び第９条\n    公的給付の支給等の迅速かつ確実な実施のための預貯金口座の登録等に関する法律施行規則第２条第13号\n\nlinkage:", "\nlinkage:"),
            ("    （公金受取口座を活用した公金給事務の根拠）\n    公的給付の支給等の迅速かつ確実な実施のための預貯金口座の登録等に関する法律　第１条、第２条第２項各号及び第９条\n    公的給付の支給等の迅速かつ確実な実施のための預貯金口座の登録等に関する法律施行規則第２条第13号\n", ""),
            ("    ①被保険者が医療機関等で受けた療養の給付、療養費及び高額療養費等の各種給付を行う。\n    ②公金受取口座を活用した、高額療養費、出産育児一時金又は葬祭費、入院時食事療養費、保険外併用療養費、移送費、傷病手当金その他の保険給付に関する事務。\n", "    被保険者が医療機関等で受けた療養の給付、療養費及び高額療養費等の各種給付を行う。\n"),
        ],
    );
    let cs = changes_effective(&before, &after, "令和5年2月15日", "令和5年4月1日");
    let items: Vec<&str> = cs.iter().map(|c| c.item.as_str()).collect();
    assert_eq!(
        items,
        [
            "Ⅰ 1. ②事務の概要",
            "Ⅰ 3. 個人番号の利用 法令上の根拠",
            "Ⅰ 4. 情報提供ネットワークシステムによる情報連携 ②法令上の根拠"
        ]
    );
    assert!(cs
        .iter()
        .all(|c| c.timing == Timing::Prior && c.kind == ChangeKind::Modified));
    assert!(find(&cs, "Ⅰ 3. 個人番号の利用 法令上の根拠")
        .after
        .contains("預貯金口座の登録等に関する法律施行規則第２条第13号"));
}

#[test]
fn heisei28_additions_read_as_people_write_them() {
    // 平成28年12月9日: 「国保情報集約システム」「次期国保総合システム」 and 「資格情報（個人）ファイル」 added, 事前.
    let after = yazu_text();
    let before = edit(
        &after,
        &[
            ("  - id: shuyaku\n    name: 国保情報集約システム\n  - id: sogo\n    name: 次期国保総合システム\n", ""),
            ("  - id: shikaku-kojin\n    name: 資格情報（個人）ファイル\n", ""),
        ],
    );
    // One row, as the town wrote it, 事前 (published before the systems went live).
    let cs = changes_effective(&before, &after, "平成28年12月9日", "平成29年1月1日");
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(
        cs[0].item,
        "①Ⅰ 1. ③システムの名称\n②Ⅰ 2. 特定個人情報ファイル名"
    );
    assert_eq!(
        cs[0].after,
        "①「国保情報集約システム」「次期国保総合システム」を追加\n②「資格情報（個人）ファイル」を追加"
    );
    assert_eq!(cs[0].timing, Timing::Prior);
    // Row by row with --detail, the number printed once.
    let cs = detailed(&before, &after);
    let added: Vec<(&str, &str)> = cs
        .iter()
        .filter(|c| c.kind == ChangeKind::Added)
        .map(|c| (c.item.as_str(), c.after.as_str()))
        .collect();
    assert_eq!(
        added,
        [
            ("Ⅰ 1. ③システムの名称", "「国保情報集約システム」を追加"),
            ("Ⅰ 1. ③システムの名称", "「次期国保総合システム」を追加"),
            (
                "Ⅰ 2. 特定個人情報ファイル名",
                "「資格情報（個人）ファイル」を追加"
            ),
        ]
    );
    // And the reverse reads as a removal.
    let back = detailed(&after, &before);
    assert!(back.iter().any(|c| c.kind == ChangeKind::Removed
        && c.after == "「資格情報（個人）ファイル」を削除"
        && c.before == "資格情報（個人）ファイル"));
}

#[test]
fn heisei29_department_change_is_posterior() {
    // 平成29年4月1日: 担当部署 福祉環境課 → 町民課, 事後.
    let after = yazu_text();
    let before = edit(
        &after,
        &[(
            "  name: 町民課\n  head_title: 町民課長",
            "  name: 福祉環境課\n  head_title: 町民課長",
        )],
    );
    let cs = changes(&before, &after);
    assert_eq!(cs.len(), 1);
    let c = &cs[0];
    assert_eq!(
        (
            c.item.as_str(),
            c.before.as_str(),
            c.after.as_str(),
            c.timing
        ),
        (
            "Ⅰ 5. 評価実施機関における担当部署 ①部署",
            "福祉環境課",
            "町民課",
            Timing::Posterior
        )
    );
    assert_eq!(c.path, "/department/name");
}

#[test]
fn threshold_counting_date_is_posterior_and_choices_print_as_labels() {
    // 令和2年8月4日 in seed 002: しきい値判断の年月日 平成31年4月1日 → 令和2年8月4日, 事後.
    let after = yazu_text();
    let before = after.replacen(
        "    counted_on: 令和2年8月4日",
        "    counted_on: 平成31年4月1日",
        1,
    );
    let cs = changes(&before, &after);
    assert_eq!(cs.len(), 1);
    assert_eq!(
        (cs[0].before.as_str(), cs[0].after.as_str(), cs[0].timing),
        ("平成31年4月1日", "令和2年8月4日", Timing::Posterior)
    );
    let before = after.replacen("  training: sufficient", "  training: emphasized", 1);
    let cs = changes(&before, &after);
    assert_eq!(
        (cs[0].before.as_str(), cs[0].after.as_str()),
        ("特に力を入れて行っている", "十分に行っている")
    );
}

#[test]
fn formatting_reordering_and_spelling_are_no_change() {
    let a = yazu_text();
    let b = edit(
        &a,
        &[
            ("# yaml-language-server", "# a new comment\n# yaml-language-server"),
            ("  published: 令和6年1月1日", "  published: 2024-01-01   # ISO spelling"),
            ("  name: 町民課\n  head_title: 町民課長", "  head_title: \"町民課長\"\n  name: 町民課   "),
            ("  incident: none", "  incident: 発生なし"),
            ("  - id: kokuho-shikaku\n    name: 国民健康保険(資格)システム\n  - id: master\n    name: 被保険者マスタ作成システム\n", "  - id: master\n    name: 被保険者マスタ作成システム\n  - {id: kokuho-shikaku, name: 国民健康保険(資格)システム}\n"),
            ("  name: 国民健康保険に関する事務\n  summary: |", "  name: '国民健康保険に関する事務'\n  summary: |"),
        ],
    );
    assert!(changes(&a, &b).is_empty(), "{:#?}", changes(&a, &b));
    // A renamed entry (same id) is a modification, not a removal and an addition.
    let c = a.replacen(
        "    name: 被保険者マスタ作成システム",
        "    name: 被保険者マスタ管理システム",
        1,
    );
    let cs = changes(&a, &c);
    assert_eq!(cs.len(), 1);
    assert_eq!(
        (cs[0].kind, cs[0].before.as_str(), cs[0].after.as_str()),
        (
            ChangeKind::Modified,
            "被保険者マスタ作成システム",
            "被保険者マスタ管理システム"
        )
    );
}

#[test]
fn full_form_items_are_labelled_as_the_form_labels_them() {
    let a = std::fs::read_to_string(example("shinjuku-kokuho")).unwrap();
    let b = a.replacen("        subcontract:\n          status: none\n", "        subcontract:\n          status: subcontract\n          permission: 書面により承諾している。\n          content: 入力業務の一部\n", 1);
    let cs = changes(&a, &b);
    let status = cs
        .iter()
        .find(|c| c.path.ends_with("/subcontract/status"))
        .unwrap();
    assert_eq!(
        status.item,
        "Ⅱ (1) 国保賦課ファイル 4. 委託事項2 ⑦再委託の有無 ※"
    );
    assert_eq!(
        (status.before.as_str(), status.after.as_str(), status.timing),
        ("再委託しない", "再委託する", Timing::Prior)
    );
    let permission = cs
        .iter()
        .find(|c| c.path.ends_with("/subcontract/permission"))
        .unwrap();
    assert_eq!(
        (permission.kind, permission.timing),
        (ChangeKind::Added, Timing::Posterior)
    );
    assert_eq!(
        permission.path,
        "/files/0/delegations/1/subcontract/permission"
    );
}

fn loaded(text: &str) -> Loaded {
    load_text(text)
}

#[test]
fn history_write_appends_rows_and_leaves_the_rest_of_the_file_alone() {
    let new_text = yazu_text();
    let old = model(&r5());
    let new = loaded(&new_text);
    let cs = diff(
        &old,
        new.assessment.as_ref().unwrap(),
        &DiffOptions::default(),
    )
    .unwrap();
    let date = Date::parse("令和6年1月1日").unwrap();
    let written = history::append(&new, &cs, &date).unwrap();
    // Every original line is still there, in order, unchanged.
    assert!(written.starts_with(&new_text[..new_text.rfind("    timing: prior").unwrap()]));
    let added: Vec<&str> = written.lines().skip(new_text.lines().count()).collect();
    assert_eq!(
        added
            .iter()
            .filter(|l| l.starts_with("  - date: 令和6年1月1日"))
            .count(),
        cs.len()
    );
    let after = model(&written);
    assert_eq!(after.history.len(), 23 + cs.len());
    let last = after.history.last().unwrap();
    assert_eq!(last.item, cs.last().unwrap().item);
    assert_eq!(last.timing, cs.last().unwrap().timing);
    // Multi-line texts round-trip exactly, including lines that start with a space.
    let basis_row = after
        .history
        .iter()
        .rev()
        .find(|r| r.item == "Ⅰ 4. 情報提供ネットワークシステムによる情報連携 ②法令上の根拠")
        .unwrap();
    assert_eq!(
        basis_row.after.as_deref().unwrap(),
        find(
            &cs,
            "Ⅰ 4. 情報提供ネットワークシステムによる情報連携 ②法令上の根拠"
        )
        .after
    );
    // Written rows are themselves clean: no new diagnostics from loading.
    assert!(!load_text(&written).has_errors());
}

#[test]
fn history_write_handles_an_empty_or_missing_history() {
    let base = yazu_text();
    let cut = base.find("\n# 変更箇所, oldest first").unwrap();
    let without = format!("{}\n", &base[..cut]);
    let changed = without.replacen("  name: 町民課\n", "  name: 企画課\n", 1);
    for text in [
        changed.clone(),
        format!("{changed}history: []  # none yet\n"),
    ] {
        let new = loaded(&text);
        let cs = diff(
            &model(&without),
            new.assessment.as_ref().unwrap(),
            &DiffOptions::default(),
        )
        .unwrap();
        let written = history::append(&new, &cs, &Date::parse("2025-04-01").unwrap()).unwrap();
        let after = model(&written);
        assert_eq!(after.history.len(), 1, "{written}");
        assert_eq!(after.history[0].before.as_deref(), Some("町民課"));
        assert_eq!(after.history[0].date.wareki(), "令和7年4月1日");
    }
}

#[test]
fn diff_a_a_is_empty_for_every_example() {
    for name in EXAMPLES {
        let a = load_example(name).assessment.unwrap();
        assert!(
            diff(&a, &a, &DiffOptions::default()).unwrap().is_empty(),
            "{name}"
        );
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    #[derive(Debug, Clone)]
    enum Mutation {
        /// Set the n-th text leaf (in document order) to a new text.
        SetText(usize, String),
        /// Remove the last entry of an identified list.
        DropLast(&'static str),
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        prop_oneof![
            (0usize..400, "[ぁ-ん一-龠]{1,12}").prop_map(|(i, s)| Mutation::SetText(i, s)),
            prop::sample::select(vec!["systems", "files"]).prop_map(Mutation::DropLast),
        ]
    }

    /// JSON Pointers of the free-text leaves (ids, choices, dates and bookkeeping excluded).
    fn text_leaves(v: &Value, path: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    if !["id", "history", "forms", "editions"].contains(&k.as_str()) {
                        text_leaves(x, &format!("{path}/{k}"), out);
                    }
                }
            }
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, x)| text_leaves(x, &format!("{path}/{i}"), out)),
            Value::String(s)
                if s.chars().count() > 6
                    && hyoka::model::Date::parse(s).is_err()
                    && !s
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') =>
            {
                out.push(path.to_string())
            }
            _ => {}
        }
    }

    fn apply(a: &Assessment, ms: &[Mutation]) -> Assessment {
        let mut v = serde_json::to_value(a).unwrap();
        for m in ms {
            match m {
                Mutation::SetText(i, s) => {
                    let mut leaves = Vec::new();
                    text_leaves(&v, "", &mut leaves);
                    if !leaves.is_empty() {
                        *v.pointer_mut(&leaves[i % leaves.len()]).unwrap() =
                            Value::String(s.clone());
                    }
                }
                Mutation::DropLast(list) => {
                    if let Some(a) = v[*list].as_array_mut() {
                        if a.len() > 1 {
                            a.pop();
                        }
                    }
                }
            }
        }
        serde_json::from_value(v).unwrap()
    }

    fn shuffled(a: &Assessment, seed: u64) -> Assessment {
        let mut b = a.clone();
        let n = b.systems.len();
        b.systems.rotate_left((seed as usize) % n.max(1));
        b.files.reverse();
        for f in &mut b.files {
            f.delegations.reverse();
            f.recipients.reverse();
        }
        b
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn diff_is_empty_for_itself_and_for_reorderings(seed in 0u64..1000, which in 0usize..3) {
            let a = load_example(EXAMPLES[which]).assessment.unwrap();
            prop_assert!(diff(&a, &a, &DiffOptions::default()).unwrap().is_empty());
            let b = shuffled(&a, seed);
            let cs = diff(&a, &b, &DiffOptions::default()).unwrap();
            prop_assert!(cs.is_empty(), "{:#?}", cs);
        }

        #[test]
        fn diff_a_b_and_b_a_are_mirror_images(ms in prop::collection::vec(mutation(), 1..6), which in 0usize..3) {
            let a = load_example(EXAMPLES[which]).assessment.unwrap();
            let b = apply(&a, &ms);
            let detail = DiffOptions { detail: true, ..Default::default() };
            let ab = diff(&a, &b, &detail).unwrap();
            let ba = diff(&b, &a, &detail).unwrap();
            prop_assert_eq!(ab.len(), ba.len());
            // Rows are identified by model path: an entry's heading shows its name on that
            // side, so a renamed entry's other rows carry different labels in each direction.
            for c in &ab {
                let mirrored = match c.kind {
                    ChangeKind::Modified => ba.iter().any(|r| r.kind == ChangeKind::Modified && r.path == c.path && r.before == c.after && r.after == c.before && r.timing == c.timing),
                    ChangeKind::Added => ba.iter().any(|r| r.kind == ChangeKind::Removed && r.path == c.path && r.timing == c.timing),
                    ChangeKind::Removed => ba.iter().any(|r| r.kind == ChangeKind::Added && r.path == c.path && r.timing == c.timing),
                };
                prop_assert!(mirrored, "{:?}", c);
            }
        }
    }
}

/// 様式2 prints no ※: its change table shows none, and without a 実施日 its change is a
/// correction of the assessment, 事後. 様式4 prints ※ in the item's own label, and the table
/// does not add a second one.
#[test]
fn marks_follow_the_form_and_choices_change_whole() {
    use hyoka::diagnostic::Lang;
    use hyoka::diff::output;
    let old = yazu_text();
    let new = old
        .replacen("  acquisition: sufficient", "  acquisition: emphasized", 1)
        .replacen("国民健康保険法", "国民健康保険法（改）", 1);
    let cs = changes(&old, &new);
    let summary = cs.iter().find(|c| c.path == "/operation/summary").unwrap();
    assert_eq!(summary.timing, Timing::Posterior);
    assert!(!summary.important);
    assert!(!summary.marked);
    let table = output::table(&cs, Lang::Ja);
    assert!(!table.contains('※'), "{table}");
    let html = output::html(&cs, "t", output::Columns::OldNew);
    assert!(!html.contains("class=\"imp\""), "{html}");
    // A choice is replaced whole, not by its characters.
    assert!(
        html.contains("<del>十分である</del>") && html.contains("<ins>特に力を入れている</ins>"),
        "{html}"
    );

    let full = std::fs::read_to_string(example("shinjuku-kokuho")).unwrap();
    let edited = full.replacen(
        "departments: 健康部医療保険年金課",
        "departments: 健康部国保年金課",
        1,
    );
    let cs = changes(&full, &edited);
    let c = cs
        .iter()
        .find(|c| c.path.ends_with("/use/departments"))
        .unwrap();
    assert!(c.item.ends_with('※') && c.important && !c.marked, "{c:?}");
    let table = output::table(&cs, Lang::Ja);
    let item_line = table.lines().next().unwrap();
    assert_eq!(item_line.matches('※').count(), 1, "{table}");
}

/// 別紙1's flows change like any other part: a step's words, a new counterpart, named by their
/// headings as the attachment prints them.
#[test]
fn flows_of_the_attachment_are_diffed_like_the_form() {
    let old = yazu_text();
    let new = edit(
        &old,
        &[
            (
                "{text: 市町村に対して、地方税情報の照会を行う。,",
                "{text: 市町村に対して、地方税関係情報の照会を行う。,",
            ),
            (
                "  - {id: kokuhoren, name: 国保連合会, kind: external}\n",
                "  - {id: kokuhoren, name: 国保連合会, kind: external}\n  - {id: mhlw, name: 厚生労働省, kind: external}\n",
            ),
        ],
    );
    let cs = changes(&old, &new);
    assert_eq!(cs.len(), 2, "{cs:#?}");
    let step = find(
        &cs,
        "別紙1 (1) 資格に係る事務 《市町村への特定個人情報の照会・回答》 手順3 記載",
    );
    assert_eq!(step.kind, ChangeKind::Modified);
    assert_eq!(step.after, "市町村に対して、地方税関係情報の照会を行う。");
    let added = find(&cs, "別紙1 厚生労働省");
    assert_eq!(added.kind, ChangeKind::Added);
}
