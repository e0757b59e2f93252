//! Seed 002's whole change history, replayed. 八頭町's revisions are rebuilt from the example
//! (the 令和6年1月1日 revision) by undoing, date by date, what each published row says changed;
//! each pair of consecutive revisions must give exactly the rows the town published for that
//! date — the same items, the same 提出時期, in the town's item words, no extra rows. 提出時期 is
//! decided as the 記載要領 decides it: by dates (`effective`, the day the change takes effect),
//! facts of the present always 事後, and 様式2 has no ※.

mod common;

use common::*;
use hyoka::diff::{self, Change, DiffOptions};
use hyoka::model::{Assessment, Date, FormKind, Timing};
use serde_json::{json, Value};

/// Removes `cut` from the text at `path` (it must be there).
fn cut(v: &mut Value, path: &str, cut: &str) {
    let text = v.pointer(path).and_then(Value::as_str).unwrap().to_string();
    assert!(text.contains(cut), "{path} holds {cut:?}");
    *v.pointer_mut(path).unwrap() = Value::String(text.replacen(cut, "", 1));
}

fn replace(v: &mut Value, path: &str, from: &str, to: &str) {
    let text = v.pointer(path).and_then(Value::as_str).unwrap().to_string();
    assert!(text.contains(from), "{path} holds {from:?}");
    *v.pointer_mut(path).unwrap() = Value::String(text.replace(from, to));
}

fn row_text(example: &Value, date: &str, item_has: &str, key: &str) -> String {
    example["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["date"] == date && r["item"].as_str().unwrap().contains(item_has))
        .and_then(|r| r[key].as_str())
        .unwrap_or_else(|| panic!("{date} {item_has} {key}"))
        .to_string()
}

/// One published date: the revision before it, the revision published then, and the
/// effective date where the town published 事前.
struct Step {
    date: &'static str,
    old: Value,
    new: Value,
    effective: Option<&'static str>,
}

/// The revisions, oldest first, each published on its date.
fn steps() -> Vec<Step> {
    let example = serde_json::to_value(load_example("yazu-kokuho").assessment.unwrap()).unwrap();
    let r7 = example.clone();

    // 令和6年1月1日 undone: 企画課 → 町民課; the systems' note, the last lines of ②法令上の根拠
    // and the オンライン資格確認の準備業務 paragraphs of 事務の概要 were not there.
    let mut r6 = r7.clone();
    replace(&mut r6, "/disclosure/contact", "企画課", "町民課");
    replace(&mut r6, "/inquiry/contact", "企画課", "町民課");
    r6["operation"]
        .as_object_mut()
        .unwrap()
        .remove("systems_note");
    cut(
        &mut r6,
        "/linkage/basis",
        "（オンライン資格確認の準備業務）\n番号利用法　附則第6条第4項（利用目的：情報連携のためではなくオンライン資格確認の準備として機関別符号を取得する等）\n国民健康保険法　第113条の3　第1項及び第2項\n",
    );
    let summary = r6["operation"]["summary"].as_str().unwrap().to_string();
    let at = summary
        .find("\n【オンライン資格確認等システム稼働に向けた準備としての資格履歴管理事務")
        .unwrap();
    r6["operation"]["summary"] = Value::String(summary[..at + 1].to_string());

    // 令和5年2月15日 undone: the 公金受取口座 lines.
    let mut r5 = r6.clone();
    let kokin = "公的給付の支給等の迅速かつ確実な実施のための預貯金口座の登録等に関する法律　第１条、第２条第２項各号及び第９条\n公的給付の支給等の迅速かつ確実な実施のための預貯金口座の登録等に関する法律施行規則第２条第13号\n";
    cut(&mut r5, "/number_use/basis", kokin);
    cut(
        &mut r5,
        "/linkage/basis",
        &format!("（公金受取口座を活用した公金給事務の根拠）\n{kokin}"),
    );
    replace(
        &mut r5,
        "/operation/summary",
        "①被保険者が医療機関等で受けた療養の給付、療養費及び高額療養費等の各種給付を行う。\n②公金受取口座を活用した、高額療養費、出産育児一時金又は葬祭費、入院時食事療養費、保険外併用療養費、移送費、傷病手当金その他の保険給付に関する事務。\n",
        "被保険者が医療機関等で受けた療養の給付、療養費及び高額療養費等の各種給付を行う。\n",
    );

    // 令和2年8月4日 undone: the counting dates, the オンライン資格確認 grounds and lines.
    let mut r4 = r5.clone();
    for who in ["people", "handlers"] {
        r4["threshold"][who]["counted_on"] = json!("平成31年4月1日");
    }
    cut(
        &mut r4,
        "/linkage/basis",
        "(オンライン資格確認の準備業務の根拠)\n番号利用法附則第6条第4項、国民健康保険法第113条の3第1項、第2項\n",
    );
    cut(
        &mut r4,
        "/number_use/basis",
        "国民健康保険法第113条の3第1項、第2項\n",
    );
    cut(
        &mut r4,
        "/operation/summary",
        "オンライン資格確認等システム稼働に向けた準備としての資格管理、機関別符号の取得を行う。\n①被保険者資格履歴情報の提供を行う。\n②機関別符号の取得、紐付け情報の提供を行う。\n",
    );

    // 令和1年6月27日 undone: no Ⅳ yet (the 平成31年1月 edition added it), the older texts.
    let mut r3 = r4.clone();
    for who in ["people", "handlers"] {
        r3["threshold"][who]["counted_on"] = json!("平成29年6月20日");
    }
    r3.as_object_mut().unwrap().remove("basic_risk");
    r3["linkage"]["basis"] = json!(row_text(&example, "令和1年6月27日", "情報連携", "before"));
    r3["operation"]["summary"] =
        json!(row_text(&example, "令和1年6月27日", "事務の概要", "before"));
    r3["number_use"]["basis"] = json!(row_text(&example, "令和1年6月27日", "個人番号", "before"));

    // 平成29年6月30日 undone: the counting dates.
    let mut r2 = r3.clone();
    for who in ["people", "handlers"] {
        r2["threshold"][who]["counted_on"] = json!("平成27年12月1日");
    }

    // 平成29年4月1日 undone: 町民課 was 福祉環境課.
    let mut r1 = r2.clone();
    r1["department"]["name"] = json!("福祉環境課");
    replace(&mut r1, "/disclosure/contact", "町民課", "福祉環境課");
    replace(&mut r1, "/inquiry/contact", "町民課", "福祉環境課");

    // 平成28年12月9日 undone: two systems and a file were not there.
    let mut r0 = r1.clone();
    r0["systems"].as_array_mut().unwrap().retain(|s| {
        !["国保情報集約システム", "次期国保総合システム"].contains(&s["name"].as_str().unwrap())
    });
    r0["files"]
        .as_array_mut()
        .unwrap()
        .retain(|f| f["name"] != "資格情報（個人）ファイル");

    let pair = |date, old: &Value, new: &Value, effective| Step {
        date,
        old: old.clone(),
        new: new.clone(),
        effective,
    };
    vec![
        pair("平成28年12月9日", &r0, &r1, Some("平成29年1月1日")),
        pair("平成29年4月1日", &r1, &r2, None),
        pair("平成29年6月30日", &r2, &r3, None),
        pair("令和1年6月27日", &r3, &r4, None),
        pair("令和2年8月4日", &r4, &r5, None),
        pair("令和5年2月15日", &r5, &r6, Some("令和5年4月1日")),
        pair("令和6年1月1日", &r6, &r7, Some("令和6年4月1日")),
    ]
}

fn assessment(v: &Value, published: &str) -> Assessment {
    let mut v = v.clone();
    v["cover"]["published"] = json!(published);
    let text = serde_json::to_string(&v).unwrap();
    let loaded = load_text(&text);
    loaded
        .assessment
        .unwrap_or_else(|| panic!("{published}: {:#?}", loaded.diagnostics))
}

/// A 項目 as words to compare: numbering, brackets, spaces and の folded away.
fn words(item: &str) -> String {
    hyoka::text::fold_width(item)
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !c.is_ascii_digit()
                && !('①'..='⑳').contains(c)
                && !('Ⅰ'..='Ⅻ').contains(c)
                && !matches!(
                    c,
                    '.' | ',' | '(' | ')' | '（' | '）' | '「' | '」' | 'の' | '※'
                )
        })
        .collect()
}

/// The published rows of a date, a row continued on the next (`(続き)`: the town split one
/// text over two rows for the cell's length) taken with the row it continues.
fn published(date: &str) -> Vec<(String, Timing)> {
    let example = load_example("yazu-kokuho").assessment.unwrap();
    let mut rows: Vec<(String, Timing)> = Vec::new();
    for r in example
        .history
        .iter()
        .filter(|r| r.date.wareki() == Date::parse(date).unwrap().wareki())
    {
        if r.item.contains("(続き)") {
            continue;
        }
        rows.push((r.item.clone(), r.timing));
    }
    rows
}

/// The length of the longest run of characters two texts share.
fn common_run(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut best = 0;
    let mut prev = vec![0; b.len() + 1];
    for x in &a {
        let mut row = vec![0; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y {
                row[j + 1] = prev[j] + 1;
                best = best.max(row[j + 1]);
            }
        }
        prev = row;
    }
    best
}

fn generated(step: &Step) -> Vec<Change> {
    let old = assessment(&step.old, "平成27年1月1日");
    let new = assessment(&step.new, step.date);
    diff::diff(
        &old,
        &new,
        &DiffOptions {
            form: Some(FormKind::Basic),
            changed_on: Some(Date::parse(step.date).unwrap()),
            effective: step.effective.map(|e| Date::parse(e).unwrap()),
            ..Default::default()
        },
    )
    .unwrap()
}

#[test]
fn seed_002s_whole_history_replays_as_the_town_published_it() {
    let mut report = Vec::new();
    for step in steps() {
        let want = published(step.date);
        let got = generated(&step);
        let got_rows: Vec<String> = got
            .iter()
            .map(|c| format!("{} [{}] ({})", c.item, c.timing.label(), c.why.ja))
            .collect();
        if want.len() != got.len() {
            report.push(format!(
                "{}: {} published rows, {} generated:\n  published: {:?}\n  generated: {got_rows:#?}",
                step.date,
                want.len(),
                got.len(),
                want.iter().map(|w| &w.0).collect::<Vec<_>>()
            ));
            continue;
        }
        // Each published row has its generated row: the same 提出時期, and the item named in
        // the same words — the row sharing the longest run of words with it (four characters
        // at least: 事務の概要, 法令上の根拠, 請求先 with its heading).
        let mut free: Vec<&Change> = got.iter().collect();
        for (item, timing) in &want {
            let w = words(item);
            let best = free
                .iter()
                .enumerate()
                .filter(|(_, c)| c.timing == *timing)
                .map(|(i, c)| (common_run(&w, &words(&c.item)), i))
                .max();
            match best {
                Some((run, i)) if run >= 4 => {
                    free.remove(i);
                }
                _ => report.push(format!(
                    "{}: no generated row for 「{item}」 [{}]: {got_rows:#?}",
                    step.date,
                    timing.label()
                )),
            }
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n\n"));
}

#[test]
fn rows_carry_their_reason_and_the_town_s_item_words() {
    let steps = steps();
    // 平成29年6月30日: both counting dates moved to the same day, one row.
    let rows = generated(&steps[2]);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0].item, "しきい値判断の年月日");
    assert_eq!(rows[0].before, "平成27年12月1日");
    assert_eq!(rows[0].after, "平成29年6月20日");
    assert_eq!(rows[0].timing, Timing::Posterior);

    // 令和1年6月27日: the whole Ⅳ, new with the edition, one row.
    let rows = generated(&steps[3]);
    assert!(
        rows.iter()
            .any(|c| c.item == "Ⅳ リスク対策（新規追加項目）"),
        "{rows:#?}"
    );

    // 平成28年12月9日: the systems and the file added, one row as the town wrote it.
    let rows = generated(&steps[0]);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(
        rows[0].after,
        "①「国保情報集約システム」「次期国保総合システム」を追加\n②「資格情報（個人）ファイル」を追加"
    );
    assert!(
        !rows[0].item.contains("２．"),
        "the number once: {}",
        rows[0].item
    );
    assert_eq!(rows[0].timing, Timing::Prior);
    assert!(
        rows[0].why.ja.contains("平成29年1月1日"),
        "{:?}",
        rows[0].why
    );

    // 令和6年1月1日: 請求先 is a fact of the present, 事後 whatever the date says.
    let rows = generated(&steps[6]);
    let contact = rows
        .iter()
        .find(|c| c.path == "/disclosure/contact")
        .unwrap();
    assert_eq!(contact.timing, Timing::Posterior);
    assert!(contact.why.ja.contains("事後"), "{:?}", contact.why);
    assert!(!contact.why.en.is_empty());

    // Without an effective date, 様式2 (which prints no ※) revises after the fact.
    let step = &steps[6];
    let rows = diff::diff(
        &assessment(&step.old, "令和5年2月15日"),
        &assessment(&step.new, step.date),
        &DiffOptions {
            form: Some(FormKind::Basic),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        rows.iter().all(|c| c.timing == Timing::Posterior),
        "{rows:#?}"
    );

    // --detail: one row per value, as before the grouping.
    let rows = diff::diff(
        &assessment(&steps[2].old, "平成27年1月1日"),
        &assessment(&steps[2].new, "平成29年6月30日"),
        &DiffOptions {
            form: Some(FormKind::Basic),
            detail: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(rows.len(), 2, "{rows:#?}");
}
