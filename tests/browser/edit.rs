//! `hyoka serve --edit` in Chromium: values, rows of several values and lists edited on the
//! form, saved into the YAML as the smallest edits.

use super::*;

/// 元に戻す `times` times, each after the page shows the file as the last one left it (an undo
/// names the version the page shows, as a click does).
async fn undo(c: &fantoccini::Client, file: &Path, times: usize) {
    for _ in 0..times {
        let before = std::fs::read(file).unwrap();
        let shown = hyoka::serve::edit::version(&before);
        wait_for("the page to show the file", || {
            let (c, shown) = (c.clone(), shown.clone());
            async move {
                c.execute(
                    "const s = document.getElementById('edit-state'); return s ? s.dataset.version : '';",
                    vec![],
                )
                .await
                .is_ok_and(|v| v == shown.as_str())
            }
        })
        .await;
        click(c, "#undo").await;
        wait_for("an undo", || {
            let before = before.clone();
            async move { std::fs::read(file).unwrap() != before }
        })
        .await;
    }
}

/// `hyoka serve --edit` in Chromium: click 事務の名称, 従業者に対する教育・啓発 and ８．監査 on the
/// form, type, pick and tick 外部監査, save; the file changes in exactly those lines (its comment
/// kept), the page shows
/// the new values without a reload, a change made on disk meanwhile is refused and said, and
/// 元に戻す puts back the file byte for byte.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_form_edits_its_file_in_chromium() {
    let (Some(chromium), Some(driver)) = (tool("chromium"), tool("chromedriver")) else {
        eprintln!("skipped: chromium and chromedriver are not installed");
        return;
    };
    let ws = tempfile::tempdir().unwrap();
    let file = ws.path().join("assessment.yaml");
    let original = std::fs::read_to_string(common::example("yazu-kokuho"))
        .unwrap()
        .replacen(
            "operation:\n",
            "# 事務の章（コメントは残る）\noperation:\n",
            1,
        );
    std::fs::write(&file, &original).unwrap();
    let (_server, base) = serve_with(ws.path(), &["--edit"]);
    let (_driver, _profile, c) = browser(&chromium, &driver, "1400,1000").await;
    c.goto(&format!("{base}a/assessment.yaml")).await.unwrap();

    // No YAML on screen unless asked: the problem's file line shows after 「YAML を表示」.
    let line = c.find(Locator::Css("#problems pre.line")).await.unwrap();
    assert!(
        !line.is_displayed().await.unwrap(),
        "the YAML line is hidden"
    );
    click(&c, "#show-yaml").await;
    assert!(line.is_displayed().await.unwrap(), "shown when asked");
    click(&c, "#show-yaml").await;

    // 事務の名称: a text area in place.
    let row = "tr[data-path='/operation/name']";
    click(&c, &format!("{row} td:last-child")).await;
    let area = c
        .find(Locator::Css(&format!("{row} .editor textarea")))
        .await
        .unwrap();
    area.clear().await.unwrap();
    area.send_keys("国民健康保険に関する事務（改）")
        .await
        .unwrap();
    // HYOKA_SCREENSHOTS=DIR keeps the editor's picture for the guide.
    if let Some(dir) = std::env::var_os("HYOKA_SCREENSHOTS").map(PathBuf::from) {
        let png = c.screenshot().await.unwrap();
        std::fs::write(dir.join("serve-edit.png"), png).unwrap();
    }
    click(&c, &format!("{row} .editor button.save")).await;
    wait_for("the new name on the page", || {
        let c = c.clone();
        async move {
            match c.find(Locator::Css(&format!("{row} td:last-child"))).await {
                Ok(cell) => cell.text().await.is_ok_and(|t| {
                    t.contains("国民健康保険に関する事務（改）") && !t.contains("保存")
                }),
                Err(_) => false,
            }
        }
    })
    .await;

    // 従業者に対する教育・啓発: the form's labels to pick from.
    let row2 = "tr[data-path='/basic_risk/training']";
    click(&c, &format!("{row2} td:last-child")).await;
    let select = c
        .find(Locator::Css(&format!("{row2} .editor select")))
        .await
        .unwrap();
    select
        .select_by_value("特に力を入れて行っている")
        .await
        .unwrap();
    click(&c, &format!("{row2} .editor button.save")).await;
    wait_for("the new answer on the page", || {
        let c = c.clone();
        async move {
            match c.find(Locator::Css(&format!("{row2} td:last-child"))).await {
                Ok(cell) => cell
                    .text()
                    .await
                    .is_ok_and(|t| t.contains("特に力を入れて行っている") && !t.contains("保存")),
                Err(_) => false,
            }
        }
    })
    .await;
    // ８．監査: tick 外部監査 among the row's boxes.
    let row3 = "tr[data-path='/basic_risk/audit/self_check']";
    click(&c, &format!("{row3} td:last-child")).await;
    click(
        &c,
        &format!("{row3} .editor input[data-path='/basic_risk/audit/external']"),
    )
    .await;
    click(&c, &format!("{row3} .editor button.save")).await;
    wait_for("外部監査 ticked on the page", || {
        let c = c.clone();
        async move {
            match c
                .find(Locator::Css(&format!(
                    "{row3} ul.ticks li:nth-child(3) span[aria-checked='true']"
                )))
                .await
            {
                Ok(_) => c
                    .find(Locator::Css(&format!("{row3} .editor")))
                    .await
                    .is_err(),
                Err(_) => false,
            }
        }
    })
    .await;
    let saved = std::fs::read_to_string(&file).unwrap();
    let changed = common::changed_lines(&original, &saved);
    assert_eq!(changed.len(), 3, "only the three values: {changed:?}");
    assert!(
        changed.contains(&("    external: false".into(), "    external: true".into())),
        "{changed:?}"
    );
    assert!(saved.contains("# 事務の章（コメントは残る）\noperation:\n"));
    assert!(
        common::load_file(&file).assessment.is_some(),
        "the file loads"
    );

    // Changed on disk meanwhile: the save is refused and the page says what the file holds.
    let on_disk = saved.replacen("国民健康保険に関する事務（改）", "国民健康保険の事務", 1);
    std::fs::write(&file, &on_disk).unwrap();
    // The page follows the file (a fresh form, the editor closed): open it again, with the
    // version the page showed before the write.
    let stale = c
        .execute(
            "return document.getElementById('edit-state').dataset.version;",
            vec![],
        )
        .await
        .unwrap();
    wait_for("the page to follow the file", || {
        let c = c.clone();
        async move {
            match c.find(Locator::Css(&format!("{row} td:last-child"))).await {
                Ok(cell) => cell
                    .text()
                    .await
                    .is_ok_and(|t| t.contains("国民健康保険の事務")),
                Err(_) => false,
            }
        }
    })
    .await;
    c.execute(
        "document.getElementById('edit-state').dataset.version = arguments[0];",
        vec![stale],
    )
    .await
    .unwrap();
    click(&c, &format!("{row} td:last-child")).await;
    let area = c
        .find(Locator::Css(&format!("{row} .editor textarea")))
        .await
        .unwrap();
    area.send_keys("（再）").await.unwrap();
    click(&c, &format!("{row} .editor button.save")).await;
    wait_for("the refusal", || {
        let c = c.clone();
        async move {
            match c.find(Locator::Css(&format!("{row} .edit-message"))).await {
                Ok(m) => m.text().await.is_ok_and(|t| {
                    t.contains("ファイルが変わりました") && t.contains("国民健康保険の事務")
                }),
                Err(_) => false,
            }
        }
    })
    .await;
    assert_eq!(std::fs::read_to_string(&file).unwrap(), on_disk);

    // 元に戻す: the last save cannot be undone over the file changed on disk; put the file back
    // as the save left it and undo both saves: the original, byte for byte.
    std::fs::write(&file, &saved).unwrap();
    wait_for("the page to follow the file again", || {
        let c = c.clone();
        async move {
            match c.find(Locator::Css(&format!("{row} td:last-child"))).await {
                Ok(cell) => cell.text().await.is_ok_and(|t| t.contains("（改）")),
                Err(_) => false,
            }
        }
    })
    .await;
    undo(&c, &file, 3).await;
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);
    c.close().await.unwrap();
}

/// The lines of the `key: |` block that starts at `at`, and the offset just after them.
fn block_end(text: &str, at: usize, indent: &str) -> usize {
    // Up to the next line that is not blank and not indented under the key; then back over
    // the blank lines before it.
    let mut end = at;
    let mut last_content = at;
    while end < text.len() {
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        let line = &text[end..line_end];
        if line.trim().is_empty() {
            end = line_end;
            continue;
        }
        if !line.starts_with(indent) {
            break;
        }
        end = line_end;
        last_content = line_end;
    }
    last_content
}

/// The form as the editor in Chromium, on 新宿区's 全項目評価書: 事務の内容 with a line added
/// (a `<script>` in it, kept as text), 「十分である」 picked for a risk, a system and a
/// 委託事項 added from 一覧 and the new 委託事項's answers given on the form (one of them a
/// tick among the row's boxes and その他's words), a file removed after the page says what goes
/// with it. The file then equals the text expected — comments intact, only those edits — and
/// `hyoka check` passes; the page showed each change without a reload. A write without the
/// token, or from another origin, changes nothing; 元に戻す gives back the file byte for byte.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_and_rows_of_several_values_edit_the_file_in_chromium() {
    let (Some(chromium), Some(driver)) = (tool("chromium"), tool("chromedriver")) else {
        eprintln!("skipped: chromium and chromedriver are not installed");
        return;
    };
    let ws = tempfile::tempdir().unwrap();
    let file = ws.path().join("assessment.yaml");
    let original = std::fs::read_to_string(common::example("shinjuku-kokuho"))
        .unwrap()
        .replacen(
            "operation:\n",
            "# 事務の章（コメントは残る）\noperation:\n",
            1,
        );
    // One risk answered 課題が残されている, to be answered 十分である on the page.
    let risks = original.find("\nrisk_measures:").unwrap();
    let answer = risks
        + original[risks..]
            .find("        answer: sufficient\n")
            .unwrap();
    let seeded = format!(
        "{}        answer: remaining\n{}",
        &original[..answer],
        &original[answer + "        answer: sufficient\n".len()..]
    );
    std::fs::write(&file, &seeded).unwrap();
    let (_server, base) = serve_with(ws.path(), &["--edit"]);
    let (_driver, _profile, c) = browser(&chromium, &driver, "1400,1000").await;
    c.goto(&format!("{base}a/assessment.yaml?form=full"))
        .await
        .unwrap();

    // 事務の内容: a line added at its end.
    let summary = "tr[data-path='/operation/summary']";
    click(&c, &format!("{summary} td:last-child")).await;
    c.execute(
        "const a = document.querySelector(arguments[0]); a.value = a.value.replace(/\\n*$/, '') + '\\n追記：<script>alert(1)</script>';",
        vec![format!("{summary} .editor textarea").into()],
    )
    .await
    .unwrap();
    click(&c, &format!("{summary} .editor button.save")).await;
    wait_for("the added line on the page", || {
        let c = c.clone();
        async move {
            match c
                .find(Locator::Css(&format!("{summary} td:last-child")))
                .await
            {
                Ok(cell) => cell.text().await.is_ok_and(|t| {
                    t.contains("追記：<script>alert(1)</script>") && !t.contains("保存")
                }),
                Err(_) => false,
            }
        }
    })
    .await;
    let scripts = c
        .execute(
            "return document.querySelectorAll('#form script').length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(scripts, 0, "typed text never becomes markup");

    // リスク1's 「リスクへの対策は十分か」: 十分である.
    let risk = "tr[data-path='/risk_measures/0/acquisition/out_of_purpose/answer']";
    click(&c, &format!("{risk} td:last-child")).await;
    c.find(Locator::Css(&format!("{risk} .editor select")))
        .await
        .unwrap()
        .select_by_value("十分である")
        .await
        .unwrap();
    click(&c, &format!("{risk} .editor button.save")).await;
    wait_for("十分である on the page", || {
        let c = c.clone();
        async move {
            c.find(Locator::Css(&format!("{risk} .editor")))
                .await
                .is_err()
                && match c
                    .find(Locator::Css(&format!("{risk} td:last-child .sel")))
                    .await
                {
                    Ok(cell) => cell.text().await.is_ok_and(|t| t == "十分である"),
                    Err(_) => false,
                }
        }
    })
    .await;

    // 一覧: a system, and a 委託事項 for the second file.
    let count = |list: &'static str| {
        let c = c.clone();
        async move {
            c.find_all(Locator::Css(&format!(
                "#lists .list[data-list='{list}'] > ol > li"
            )))
            .await
            .map_or(0, |v| v.len())
        }
    };
    let systems = count("/systems").await;
    click(
        &c,
        "#lists .list[data-list='/systems'] button[data-op='add']",
    )
    .await;
    wait_for("the new system", || async {
        count("/systems").await == systems + 1
    })
    .await;
    let delegations = count("/files/1/delegations").await;
    click(
        &c,
        "#lists .list[data-list='/files/1/delegations'] button[data-op='add']",
    )
    .await;
    wait_for("the new 委託事項", || async {
        count("/files/1/delegations").await == delegations + 1
    })
    .await;

    // The new 委託事項's answers, on the form.
    let d = format!("/files/1/delegations/{delegations}");
    for (item, label) in [
        ("scope", "特定個人情報ファイルの全体"),
        ("people", "10万人以上100万人未満"),
        ("handlers", "10人以上50人未満"),
        ("subcontract/status", "再委託しない"),
    ] {
        let row = format!("tr[data-path='{d}/{item}']");
        click(&c, &format!("{row} td:last-child")).await;
        c.find(Locator::Css(&format!("{row} .editor select")))
            .await
            .unwrap()
            .select_by_value(label)
            .await
            .unwrap();
        click(&c, &format!("{row} .editor button.save")).await;
        wait_for(label, || {
            let (c, row) = (c.clone(), row.clone());
            async move {
                c.find(Locator::Css(&format!("{row} .editor")))
                    .await
                    .is_err()
                    && match c
                        .find(Locator::Css(&format!("{row} td:last-child .sel")))
                        .await
                    {
                        Ok(cell) => cell.text().await.is_ok_and(|t| t == label),
                        Err(_) => false,
                    }
            }
        })
        .await;
    }
    // 再委託しない: ⑧再委託の許諾方法 is not asked.
    let permission = c
        .find(Locator::Css(&format!(
            "tr[data-path='{d}/subcontract/permission']"
        )))
        .await
        .unwrap();
    assert!(!permission.is_displayed().await.unwrap(), "⑧ not asked");
    // ④提供方法: a box among the row's, and その他's words beside them.
    let methods = format!("tr[data-path='{d}/methods']");
    click(&c, &format!("{methods} td:last-child")).await;
    click(&c, &format!("{methods} .editor input[value='専用線']")).await;
    click(&c, &format!("{methods} .editor input[value='その他']")).await;
    c.find(Locator::Css(&format!(
        "{methods} .editor textarea[data-path='{d}/methods_other']"
    )))
    .await
    .unwrap()
    .send_keys("媒体の手渡し")
    .await
    .unwrap();
    click(&c, &format!("{methods} .editor button.save")).await;
    wait_for("専用線 and その他 ticked", || {
        let (c, methods) = (c.clone(), methods.clone());
        async move {
            c.find(Locator::Css(&format!("{methods} .editor")))
                .await
                .is_err()
                && match c
                    .find(Locator::Css(&format!("{methods} td:last-child")))
                    .await
                {
                    Ok(cell) => cell.text().await.is_ok_and(|t| t.contains("媒体の手渡し")),
                    Err(_) => false,
                }
        }
    })
    .await;

    // A file removed: first what goes with it, then 削除する.
    click(
        &c,
        "#lists li[data-entry='/files/3'] button[data-op='remove']",
    )
    .await;
    let confirm = c.find(Locator::Css("#list-confirm")).await.unwrap();
    assert!(confirm.is_displayed().await.unwrap());
    let said = confirm.text().await.unwrap();
    assert!(
        said.contains("「(4) 国保収滞納ファイル」を削除します"),
        "{said}"
    );
    assert!(said.contains("委託事項"), "its 委託事項 are named: {said}");
    assert!(
        said.contains("リスク対策「"),
        "the risk block that names it: {said}"
    );
    if let Some(dir) = std::env::var_os("HYOKA_SCREENSHOTS").map(PathBuf::from) {
        let png = c.screenshot().await.unwrap();
        std::fs::write(dir.join("serve-lists.png"), png).unwrap();
    }
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("id: shutainou"),
        "not removed before 削除する"
    );
    let files = count("/files").await;
    click(&c, "#list-confirm-yes").await;
    wait_for("the file gone", || async {
        count("/files").await == files - 1
    })
    .await;

    // The file: exactly the edits, everything else as it was.
    let saved = std::fs::read_to_string(&file).unwrap();
    let mut expected = original.clone();
    let at = expected.find("  summary: |\n").unwrap() + "  summary: |\n".len();
    let end = block_end(&expected, at, "    ");
    expected.insert_str(end, "    追記：<script>alert(1)</script>\n");
    let last_system = "    connections_other: 次期国保総合システムおよび国保情報集約システム\n";
    let at = expected.find(last_system).unwrap() + last_system.len();
    expected.insert_str(
        at,
        &format!(
            "  - id: system-{}\n    name: ○○\n    functions: ○○\n",
            systems + 1
        ),
    );
    let file1 = expected
        .find("\n  - id: shikaku\n    name: 国保資格ファイル")
        .unwrap();
    let at = file1 + expected[file1..].find("\n    provision:\n").unwrap() + 1;
    let taken = original
        .matches(&format!("id: delegation-{}\n", delegations + 1))
        .count();
    assert_eq!(taken, 0);
    expected.insert_str(
        at,
        &format!(
            "      - id: delegation-{}\n        title: ○○\n        content: ○○\n        range: ○○\n        range_reason: ○○\n        name_disclosure: ○○\n        contractor: ○○\n        scope: whole\n        people: 100k_to_1m\n        handlers: 10_to_50\n        subcontract:\n          status: none\n        methods: [dedicated_line, other]\n        methods_other: 媒体の手渡し\n",
            delegations + 1
        ),
    );
    let gone = expected.find("  - id: shutainou\n").unwrap();
    let next = expected.find("\n\nrisk_measures:").unwrap() + 1;
    expected.replace_range(gone..next, "");
    expected = expected.replacen(
        "  - files: [fuka, shikaku, kyufu, shutainou]\n",
        "  - files: [fuka, shikaku, kyufu]\n",
        1,
    );
    if saved != expected {
        let diff: Vec<(String, String)> = common::changed_lines(&expected, &saved);
        panic!(
            "the file is not the text expected; first differences: {:?}",
            &diff[..diff.len().min(6)]
        );
    }
    let check = Command::new(env!("CARGO_BIN_EXE_hyoka"))
        .args(["check", "--lang", "en"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "check passes: {}",
        String::from_utf8_lossy(&check.stdout)
    );

    // Without the token, or from a page of another origin: nothing written.
    let status = c
        .execute_async(
            "const done = arguments[arguments.length - 1]; fetch('/api/list/assessment.yaml', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({version: document.getElementById('edit-state').dataset.version, op: 'remove', path: '/systems/0'})}).then(r => done(r.status), e => done(String(e)));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(status, 403);
    let token = c
        .execute(
            "return document.querySelector('meta[name=hyoka-token]').content;",
            vec![],
        )
        .await
        .unwrap();
    let version = c
        .execute(
            "return document.getElementById('edit-state').dataset.version;",
            vec![],
        )
        .await
        .unwrap();
    c.goto("data:text/html,<p>another site</p>").await.unwrap();
    let foreign = c
        .execute_async(
            "const [url, token, version, done] = arguments; fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Hyoka-Token': token}, body: JSON.stringify({version: version, op: 'remove', path: '/systems/0'})}).then(r => done('answered ' + r.status), e => done('refused'));",
            vec![format!("{base}api/list/assessment.yaml").into(), token, version],
        )
        .await
        .unwrap();
    assert_eq!(
        foreign, "refused",
        "the browser does not let another origin write"
    );
    assert!(
        std::fs::read_to_string(&file).unwrap() == saved,
        "nothing written"
    );

    // 元に戻す, save by save (eleven: the ④ row saved two values): the text the page started
    // from, byte for byte.
    c.goto(&format!("{base}a/assessment.yaml?form=full"))
        .await
        .unwrap();
    undo(&c, &file, 11).await;
    assert!(
        std::fs::read_to_string(&file).unwrap() == seeded,
        "undone to the text the page started from"
    );
    c.close().await.unwrap();
}

/// From draft to published, in Chromium: on the changes tab against the published copy beside
/// the file, 変更箇所に追記 with a 変更日 writes the rows shown into the history (and the tab then
/// has none left to add); on the index, 新規作成 makes a new assessment from a form's scaffold and
/// opens its page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_history_and_a_new_assessment_are_written_in_chromium() {
    let (Some(chromium), Some(driver)) = (tool("chromium"), tool("chromedriver")) else {
        eprintln!("skipped: chromium and chromedriver are not installed");
        return;
    };
    let ws = tempfile::tempdir().unwrap();
    let folder = ws.path().join("yazu-kokuho");
    std::fs::create_dir_all(&folder).unwrap();
    let text = std::fs::read_to_string(common::example("yazu-kokuho")).unwrap();
    std::fs::write(folder.join("assessment_公表版.yaml"), &text).unwrap();
    let working = text.replace("head_title: 町民課長", "head_title: 企画課長");
    let file = folder.join("assessment.yaml");
    std::fs::write(&file, &working).unwrap();
    let (_server, base) = serve_with(ws.path(), &["--edit"]);
    let (_driver, _profile, c) = browser(&chromium, &driver, "1400,1000").await;
    c.goto(&format!(
        "{base}changes/yazu-kokuho/assessment.yaml?rev=file:assessment_%E5%85%AC%E8%A1%A8%E7%89%88.yaml"
    ))
    .await
    .unwrap();
    let rows = c
        .find(Locator::Css(".changes table"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(rows.contains("所属長の役職名"), "{rows}");
    let date = c.find(Locator::Id("change-date")).await.unwrap();
    date.clear().await.unwrap();
    date.send_keys("令和7年4月1日").await.unwrap();
    click(&c, "#append-history").await;
    let working_len = working.len();
    wait_for("the row in the history", || {
        let file = file.clone();
        async move { std::fs::read_to_string(&file).is_ok_and(|t| t.len() > working_len) }
    })
    .await;
    let a = common::load_file(&file).assessment.unwrap();
    let last = a.history.last().unwrap();
    assert_eq!(last.date.iso(), "2025-04-01");
    assert!(format!("{last:?}").contains("企画課長"), "{last:?}");
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(
        after.starts_with(&working[..working.find("history:").unwrap()]),
        "only the history grows"
    );

    // 新規作成 on the index: 介護保険, 様式2.
    c.goto(&base).await.unwrap();
    c.find(Locator::Id("new-name"))
        .await
        .unwrap()
        .send_keys("介護保険")
        .await
        .unwrap();
    c.find(Locator::Id("new-form"))
        .await
        .unwrap()
        .select_by_value("basic")
        .await
        .unwrap();
    click(&c, "#new-assessment").await;
    wait_for("the new assessment's page", || {
        let c = c.clone();
        async move {
            c.current_url()
                .await
                .is_ok_and(|u| u.path().contains("/a/") && u.path().ends_with("assessment.yaml"))
                && c.find(Locator::Css("#form table")).await.is_ok()
        }
    })
    .await;
    let created = ws.path().join("介護保険/assessment.yaml");
    let made = common::load_file(&created);
    let a = made.assessment.expect("the new file loads");
    assert_eq!(a.forms, [hyoka::model::FormKind::Basic]);
    assert!(std::fs::read_to_string(&created).unwrap().contains("○○"));
    // The same name again: refused, said, and the file is not touched.
    let before = std::fs::read(&created).unwrap();
    c.goto(&base).await.unwrap();
    c.find(Locator::Id("new-name"))
        .await
        .unwrap()
        .send_keys("介護保険")
        .await
        .unwrap();
    click(&c, "#new-assessment").await;
    wait_for("the refusal", || {
        let c = c.clone();
        async move {
            match c.find(Locator::Id("new-message")).await {
                Ok(m) => m.text().await.is_ok_and(|t| t.contains("もうあります")),
                Err(_) => false,
            }
        }
    })
    .await;
    assert_eq!(std::fs::read(&created).unwrap(), before);
    c.close().await.unwrap();
}

/// What is typed is never lost: the file changes on disk while an editor is open (another
/// item, from an editor or git); the page follows the file and the editor stays, as typed. Its
/// save is refused once, showing what the file holds, because the file changed since; tried
/// again, it is saved on the file as it is now, the other change kept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_survives_a_change_of_the_file_in_chromium() {
    let (Some(chromium), Some(driver)) = (tool("chromium"), tool("chromedriver")) else {
        eprintln!("skipped: chromium and chromedriver are not installed");
        return;
    };
    let ws = tempfile::tempdir().unwrap();
    let file = ws.path().join("assessment.yaml");
    let original = std::fs::read_to_string(common::example("yazu-kokuho")).unwrap();
    std::fs::write(&file, &original).unwrap();
    let (_server, base) = serve_with(ws.path(), &["--edit"]);
    let (_driver, _profile, c) = browser(&chromium, &driver, "1400,1000").await;
    c.goto(&format!("{base}a/assessment.yaml")).await.unwrap();
    let row = "tr[data-path='/operation/name']";
    click(&c, &format!("{row} td:last-child")).await;
    let area = c
        .find(Locator::Css(&format!("{row} .editor textarea")))
        .await
        .unwrap();
    area.clear().await.unwrap();
    area.send_keys("国民健康保険に関する事務（入力中）")
        .await
        .unwrap();
    // Meanwhile, on disk: another item.
    let elsewhere = original.replacen("head_title: 町民課長", "head_title: 企画課長", 1);
    assert_ne!(elsewhere, original);
    std::fs::write(&file, &elsewhere).unwrap();
    wait_for("the page to follow the file, the editor kept", || {
        let c = c.clone();
        async move {
            // `data-version` counts the page's swaps: the file's change was followed.
            let followed = c
                .execute("return document.body.dataset.version || '';", vec![])
                .await
                .is_ok_and(|v| v != "");
            followed
                && match c
                    .find(Locator::Css(&format!("{row} .editor textarea")))
                    .await
                {
                    Ok(a) => a
                        .prop("value")
                        .await
                        .ok()
                        .flatten()
                        .is_some_and(|v| v == "国民健康保険に関する事務（入力中）"),
                    Err(_) => false,
                }
        }
    })
    .await;
    click(&c, &format!("{row} .editor button.save")).await;
    wait_for("the refusal, with what the file holds", || {
        let c = c.clone();
        async move {
            match c.find(Locator::Css(&format!("{row} .edit-message"))).await {
                Ok(m) => m
                    .text()
                    .await
                    .is_ok_and(|t| t.contains("ファイルが変わりました")),
                Err(_) => false,
            }
        }
    })
    .await;
    assert_eq!(std::fs::read_to_string(&file).unwrap(), elsewhere);
    click(&c, &format!("{row} .editor button.save")).await;
    wait_for("the save on the file as it is now", || {
        let file = file.clone();
        async move {
            std::fs::read_to_string(&file)
                .is_ok_and(|t| t.contains("国民健康保険に関する事務（入力中）"))
        }
    })
    .await;
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("head_title: 企画課長"),
        "the other change kept"
    );
    assert_eq!(common::changed_lines(&elsewhere, &saved).len(), 1);
    c.close().await.unwrap();
}
