//! `hyoka serve --edit` over real HTTP: a value saved into the YAML as the smallest edit
//! (comments and the rest byte for byte), refused without the page's token or from another
//! site (403), refused over a file changed since (409, with what it holds now), refused when
//! the value does not type or the file would not load (422), and undone byte for byte.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use hyoka::diagnostic::Lang;
use hyoka::serve::{self, edit};

fn start(roots: Vec<PathBuf>, edit: bool) -> serve::Running {
    serve::start(serve::Config {
        roots,
        port: 0,
        lang: Lang::Ja,
        font: None,
        header_timeout: serve::HEADER_READ_TIMEOUT,
        follow_browser_language: false,
        edit,
    })
    .unwrap()
}

struct Reply {
    status: u16,
    body: String,
}

fn http(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    // A `Host` given replaces this server's own.
    let host = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("host"))
        .map_or(addr.to_string(), |(_, v)| v.to_string());
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (k, v) in headers
        .iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case("host"))
    {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    ));
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        body: body.to_string(),
    }
}

/// A JSON POST with the page's token.
fn post(addr: SocketAddr, token: &str, target: &str, body: serde_json::Value) -> Reply {
    http(
        addr,
        "POST",
        target,
        &[("X-Hyoka-Token", token)],
        &body.to_string(),
    )
}

/// The example copied into a folder of its own, a comment added above and after values.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    workspace_of("yazu-kokuho")
}

/// 元に戻す `times` times, each on the file as the last left it.
fn undo(addr: SocketAddr, token: &str, file: &Path, times: usize) {
    for _ in 0..times {
        let version = edit::version(&std::fs::read(file).unwrap());
        let body = serde_json::json!({ "version": version });
        let r = post(addr, token, "/api/undo/assessment.yaml", body);
        assert_eq!(r.status, 200, "{}", r.body);
    }
}

/// The line of the page with the row of the item at `path`.
fn row_of<'p>(page: &'p str, path: &str) -> &'p str {
    page.lines()
        .find(|l| l.contains(&format!("data-path=\"{path}\"")))
        .unwrap_or_else(|| panic!("no row for {path}"))
}

/// The example in a folder of its own, served with `--edit`: the folder, the file, the server
/// (alive while held), its address and the page's token.
fn served(
    example: &str,
) -> (
    tempfile::TempDir,
    PathBuf,
    serve::Running,
    SocketAddr,
    String,
) {
    let (dir, file) = workspace_of(example);
    let running = start(vec![dir.path().to_path_buf()], true);
    let addr = running.addr;
    let token = token_of(addr);
    (dir, file, running, addr, token)
}

fn workspace_of(example: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::example(example)).unwrap();
    let text = text.replacen("operation:\n", "# 事務の章\noperation:\n", 1);
    let file = dir.path().join("assessment.yaml");
    std::fs::write(&file, text).unwrap();
    (dir, file)
}

/// The page's token, from its meta tag.
fn token_of(addr: SocketAddr) -> String {
    let page = http(addr, "GET", "/a/assessment.yaml", &[], "").body;
    let at = page
        .find("name=\"hyoka-token\" content=\"")
        .expect("the edit page carries its token");
    let rest = &page[at + "name=\"hyoka-token\" content=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

fn set(
    addr: SocketAddr,
    token: &str,
    origin: Option<&str>,
    file: &Path,
    path: &str,
    text: &str,
) -> Reply {
    let version = edit::version(&std::fs::read(file).unwrap());
    let body = serde_json::json!({"version": version, "path": path, "text": text}).to_string();
    let mut headers = vec![("X-Hyoka-Token", token)];
    if let Some(o) = origin {
        headers.push(("Origin", o));
    }
    http(addr, "POST", "/api/set/assessment.yaml", &headers, &body)
}

#[test]
fn a_value_is_saved_as_the_smallest_edit_and_undone_byte_for_byte() {
    let (_dir, file, _running, addr, token) = served("yazu-kokuho");
    let before = std::fs::read_to_string(&file).unwrap();
    let own = format!("http://{addr}");

    // A text: 事務の名称, with a <script> typed into it, kept as text.
    let r = set(
        addr,
        &token,
        Some(&own),
        &file,
        "/operation/name",
        "国民健康保険に関する事務<script>x</script>",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let after = std::fs::read_to_string(&file).unwrap();
    let changed = common::changed_lines(&before, &after);
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0]
        .1
        .contains("国民健康保険に関する事務<script>x</script>"));
    assert!(after.contains("# 事務の章\noperation:\n"));
    let page = http(addr, "GET", "/a/assessment.yaml", &[], "").body;
    assert!(!page.contains("<script>x</script>"), "shown as text");
    assert!(page.contains("&lt;script&gt;x&lt;/script&gt;"));

    // A choice by its label, written as the file writes its choices.
    let r = set(
        addr,
        &token,
        None,
        &file,
        "/basic_risk/training",
        "特に力を入れて行っている",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let a = common::load_file(&file).assessment.unwrap();
    let model = serde_json::to_value(&a).unwrap();
    assert_eq!(
        model["basic_risk"]["training"], "emphasized",
        "the choice is the model's"
    );

    // A date as check reads it, written as typed.
    let r = set(
        addr,
        &token,
        None,
        &file,
        "/threshold/people/counted_on",
        "R2.8.5",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(std::fs::read_to_string(&file).unwrap().contains("R2.8.5"));

    // Undo three times: the text before, byte for byte.
    undo(addr, &token, &file, 3);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn writes_need_the_token_and_this_servers_page() {
    let (dir, file, _running, addr, token) = served("yazu-kokuho");
    let before = std::fs::read(&file).unwrap();
    // No token, a wrong one, another site's page: 403, nothing written.
    for (t, origin) in [
        ("", None),
        ("0123456789abcdef0123456789abcdef", None),
        (token.as_str(), Some("http://evil.example")),
        (token.as_str(), Some("null")),
    ] {
        let r = set(addr, t, origin, &file, "/operation/name", "書き換え");
        assert_eq!(r.status, 403, "{t} {origin:?}: {}", r.body);
    }
    // The page's token, sent to another name that leads here (DNS rebinding): 403.
    let version = edit::version(&before);
    let body =
        serde_json::json!({"version": version, "path": "/operation/name", "text": "書き換え"});
    let host = format!("evil.example:{}", addr.port());
    let r = http(
        addr,
        "POST",
        "/api/set/assessment.yaml",
        &[("X-Hyoka-Token", &token), ("Host", &host)],
        &body.to_string(),
    );
    assert_eq!(r.status, 403, "{}", r.body);
    // A body larger than an edit can be: refused.
    let big = "あ".repeat(300_000);
    let r = set(addr, &token, None, &file, "/operation/name", &big);
    assert_eq!(r.status, 413, "{}", r.body.len());
    assert_eq!(std::fs::read(&file).unwrap(), before);

    // Without --edit: no token on the page, and every write refused.
    let plain = start(vec![dir.path().to_path_buf()], false);
    let page = http(plain.addr, "GET", "/a/assessment.yaml", &[], "").body;
    assert!(!page.contains("hyoka-token"));
    let r = set(
        plain.addr,
        &token,
        None,
        &file,
        "/operation/name",
        "書き換え",
    );
    assert_eq!(r.status, 403);
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn a_changed_file_a_bad_value_and_an_unprinted_path_are_refused() {
    let (_dir, file, _running, addr, token) = served("yazu-kokuho");
    // The page showed this version; then an editor saved the file.
    let shown = edit::version(&std::fs::read(&file).unwrap());
    let edited = std::fs::read_to_string(&file).unwrap().replacen(
        "name: 国民健康保険に関する事務",
        "name: 国民健康保険の事務",
        1,
    );
    std::fs::write(&file, &edited).unwrap();
    let r = post(
        addr,
        &token,
        "/api/set/assessment.yaml",
        serde_json::json!({"version": shown, "path": "/operation/name", "text": "別の名称"}),
    );
    assert_eq!(r.status, 409, "{}", r.body);
    let answer: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(answer["current"], "国民健康保険の事務", "{answer}");
    assert!(answer["error"]
        .as_str()
        .unwrap()
        .contains("ファイルが変わりました"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), edited);

    // Choices the form does not have; a path the form does not print.
    for (path, text) in [
        ("/threshold/people/band", "たくさん"),
        ("/threshold/people/counted_on", "令和2年13月4日"),
        ("/basic_risk/training", "まあまあ"),
        ("/forms", "basic"),
    ] {
        let r = set(addr, &token, None, &file, path, text);
        assert_eq!(r.status, 422, "{path}: {}", r.body);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), edited, "{path}");
    }
}

/// Tick boxes (重点項目評価書 ②入手方法) come as the form prints them, one `[○]label` a line, and
/// are saved as the model's list of choices.
#[test]
fn ticked_boxes_are_saved_as_the_list_of_choices() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("assessment.yaml");
    std::fs::copy(common::example("higashiyama-jidoteate"), &file).unwrap();
    let running = start(vec![dir.path().to_path_buf()], true);
    let addr = running.addr;
    let token = token_of(addr);
    let page = http(addr, "GET", "/a/assessment.yaml?form=key", &[], "").body;
    let row = row_of(&page, "/files/0/acquisition/methods");
    assert!(
        row.contains("data-edit=\"ticks\""),
        "the boxes are editable: {row}"
    );
    let r = set(
        addr,
        &token,
        None,
        &file,
        "/files/0/acquisition/methods",
        "[○]紙\n[　]電子メール\n[○]専用線",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let a = common::load_file(&file).assessment.unwrap();
    let model = serde_json::to_value(&a).unwrap();
    assert_eq!(
        model["files"][0]["acquisition"]["methods"],
        serde_json::json!(["paper", "dedicated_line"])
    );
}

/// A row of yes/no boxes (８．監査 ［○］自己点検 ［ ］内部監査 ［ ］外部監査): each box is its own
/// item, ticked or not by itself; a heading's box (委託しない) switches the questions under it off.
#[test]
fn yes_no_boxes_are_saved_one_by_one() {
    let (_dir, file, _running, addr, token) = served("yazu-kokuho");
    let page = http(addr, "GET", "/a/assessment.yaml", &[], "").body;
    let row = row_of(&page, "/basic_risk/audit/self_check");
    assert!(row.contains("data-edit=\"parts\""), "{row}");
    assert!(
        row.contains("{&quot;path&quot;:&quot;/basic_risk/audit/external&quot;,&quot;label&quot;:&quot;外部監査&quot;,&quot;kind&quot;:&quot;box&quot;,&quot;value&quot;:false"),
        "{row}"
    );
    let before = std::fs::read_to_string(&file).unwrap();
    let r = set(
        addr,
        &token,
        None,
        &file,
        "/basic_risk/audit/external",
        "[○]",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let after = std::fs::read_to_string(&file).unwrap();
    let changed = common::changed_lines(&before, &after);
    assert_eq!(
        changed,
        [(
            "    external: false".to_string(),
            "    external: true".to_string()
        )]
    );
    // 委託しない ticked: the form no longer asks 委託先 questions.
    let r = set(
        addr,
        &token,
        None,
        &file,
        "/basic_risk/delegation/not_applicable",
        "[○]",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let a = common::load_file(&file).assessment.unwrap();
    let model = serde_json::to_value(&a).unwrap();
    assert_eq!(model["basic_risk"]["delegation"]["not_applicable"], true);
    assert_eq!(model["basic_risk"]["audit"]["external"], true);
    // Unticked again: the same line says false.
    let r = set(addr, &token, None, &file, "/basic_risk/audit/external", "");
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .contains("    external: false\n"));
}

/// `--lang en`: the editor's words and its refusals in English.
#[test]
fn the_editor_speaks_the_pages_language() {
    let (dir, file) = workspace();
    let running = serve::start(serve::Config {
        roots: vec![dir.path().to_path_buf()],
        port: 0,
        lang: Lang::En,
        font: None,
        header_timeout: serve::HEADER_READ_TIMEOUT,
        follow_browser_language: false,
        edit: true,
    })
    .unwrap();
    let addr = running.addr;
    let page = http(addr, "GET", "/a/assessment.yaml", &[], "").body;
    for words in [
        "data-save=\"Save\"",
        "data-cancel=\"Cancel\"",
        ">Undo</button>",
        ">Show YAML</button>",
    ] {
        assert!(page.contains(words), "{words}");
    }
    let token = token_of(addr);
    let body =
        serde_json::json!({"version": "0-0", "path": "/operation/name", "text": "x"}).to_string();
    let r = http(
        addr,
        "POST",
        "/api/set/assessment.yaml",
        &[("X-Hyoka-Token", &token)],
        &body,
    );
    assert_eq!(r.status, 409);
    assert!(
        r.body.contains("the file changed since the page showed it"),
        "{}",
        r.body
    );
    let r = set(
        addr,
        &token,
        None,
        &file,
        "/threshold/people/counted_on",
        "someday",
    );
    assert_eq!(r.status, 422);
    assert!(r.body.contains("is not a date"), "{}", r.body);
}

/// 変更箇所に追記 on the changes tab: the rows against the published copy kept beside the file
/// appended to its history with their 変更日 (as `history --write` does), once; undone byte for
/// byte.
#[test]
fn the_changes_tab_appends_its_rows_to_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let published = std::fs::read_to_string(common::example("yazu-kokuho")).unwrap();
    std::fs::write(dir.path().join("assessment_公表版.yaml"), &published).unwrap();
    let file = dir.path().join("assessment.yaml");
    let working = published.replace("head_title: 町民課長", "head_title: 企画課長");
    std::fs::write(&file, &working).unwrap();
    let running = start(vec![dir.path().to_path_buf()], true);
    let addr = running.addr;
    let token = token_of(addr);
    let page = http(addr, "GET", "/changes/assessment.yaml", &[], "").body;
    assert!(
        page.contains("id=\"append-history\""),
        "the button is on the tab"
    );
    let append = |version: String| {
        let body = serde_json::json!({
            "version": version,
            "rev": "file:assessment_公表版.yaml",
            "effective": "",
            "date": "令和7年4月1日",
        })
        .to_string();
        http(
            addr,
            "POST",
            "/api/history/assessment.yaml",
            &[("X-Hyoka-Token", &token)],
            &body,
        )
    };
    let r = append(edit::version(working.as_bytes()));
    assert_eq!(r.status, 200, "{}", r.body);
    let after = std::fs::read_to_string(&file).unwrap();
    let added: Vec<&str> = after.lines().skip(working.lines().count()).collect();
    let a = common::load_file(&file).assessment.unwrap();
    let last = a.history.last().unwrap();
    assert_eq!(last.date.iso(), "2025-04-01", "{added:?}");
    assert!(
        format!("{:?}", last).contains("企画課長"),
        "the row says what changed: {last:?}"
    );
    assert!(
        after.starts_with(&working[..working.find("history:").unwrap()]),
        "the rest stays"
    );
    // Again: the rows are in the history already; nothing is appended.
    let r = append(edit::version(after.as_bytes()));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), after);
    // A 変更日 that is no date is refused.
    let r = post(
        addr,
        &token,
        "/api/history/assessment.yaml",
        serde_json::json!({"version": edit::version(after.as_bytes()), "rev": "HEAD", "date": "いつか"}),
    );
    assert_eq!(r.status, 422, "{}", r.body);
    // Undone: the working text, byte for byte.
    let r = post(
        addr,
        &token,
        "/api/undo/assessment.yaml",
        serde_json::json!({ "version": edit::version(after.as_bytes()) }),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), working);
}

/// 新規作成 on the index: a new assessment from the form's scaffold, in a folder of its own
/// under the served folder; it loads and is listed; never over a file that is there, never
/// anywhere but one name down.
#[test]
fn a_new_assessment_is_made_from_the_scaffold() {
    let dir = tempfile::tempdir().unwrap();
    let running = start(vec![dir.path().to_path_buf()], true);
    let addr = running.addr;
    let index = http(addr, "GET", "/", &[], "").body;
    assert!(
        index.contains("id=\"new-assessment\""),
        "the button is on the index"
    );
    let marker = "name=\"hyoka-token\" content=\"";
    let at = index.find(marker).expect("the token") + marker.len();
    let token = index[at..at + 32].to_string();
    let r = post(
        addr,
        &token,
        "/api/new",
        serde_json::json!({"name": "介護保険", "form": "basic"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("/a/"), "{}", r.body);
    let file = dir.path().join("介護保険/assessment.yaml");
    let loaded = common::load_file(&file);
    let a = loaded.assessment.expect("the scaffold loads");
    assert_eq!(a.forms, [hyoka::model::FormKind::Basic]);
    assert!(
        http(addr, "GET", "/", &[], "").body.contains("介護保険"),
        "listed"
    );
    // Again: the file is there; it is not replaced.
    let before = std::fs::read(&file).unwrap();
    let r = post(
        addr,
        &token,
        "/api/new",
        serde_json::json!({"name": "介護保険", "form": "full"}),
    );
    assert_eq!(r.status, 409, "{}", r.body);
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // Not a path, not hidden, not a form hyoka does not have; not without the token.
    for (name, form) in [
        ("../外", "basic"),
        ("a/b", "basic"),
        (".hidden", "basic"),
        ("", "basic"),
        ("税", "nine"),
    ] {
        let r = post(
            addr,
            &token,
            "/api/new",
            serde_json::json!({"name": name, "form": form}),
        );
        assert_eq!(r.status, 422, "{name}: {}", r.body);
    }
    assert!(!dir.path().parent().unwrap().join("外").exists());
    // A folder of the name that is a link out of the served folder: refused, nothing written.
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("抜け道")).unwrap();
        let r = post(
            addr,
            &token,
            "/api/new",
            serde_json::json!({"name": "抜け道", "form": "basic"}),
        );
        assert_eq!(r.status, 422, "{}", r.body);
        assert!(!outside.path().join("assessment.yaml").exists());
    }
    let r = post(
        addr,
        "",
        "/api/new",
        serde_json::json!({"name": "別", "form": "basic"}),
    );
    assert_eq!(r.status, 403);
    assert!(!dir.path().join("別").exists());
}

/// The lines that differ between two texts, as one hunk: (removed, added), after the lines
/// both start and end with.
fn hunk(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let a: Vec<&str> = before.lines().collect();
    let b: Vec<&str> = after.lines().collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
    (own(&a[head..a.len() - tail]), own(&b[head..b.len() - tail]))
}

fn list_op(addr: SocketAddr, token: &str, file: &Path, body: serde_json::Value) -> Reply {
    let mut body = body;
    body["version"] = edit::version(&std::fs::read(file).unwrap()).into();
    post(addr, token, "/api/list/assessment.yaml", body)
}

/// 一覧: a system added with a fresh id and ○○ to write, one moved with its lines as they are,
/// a file removed with its 委託事項 and out of the risk block that named it — each shown before
/// it goes — and all of it undone byte for byte.
#[test]
fn list_entries_are_added_moved_and_removed_as_line_edits() {
    let (_dir, file, _running, addr, token) = served("shinjuku-kokuho");
    let original = std::fs::read_to_string(&file).unwrap();
    let page = http(addr, "GET", "/a/assessment.yaml?form=full", &[], "").body;
    assert!(page.contains("<details id=\"lists\""), "the 一覧 panel");
    assert!(page
        .contains("data-list=\"/files/0/delegations\"><h3>委託事項（(1) 国保賦課ファイル）</h3>"));
    let file0 = page
        .split("<li data-entry=\"/files/0\"")
        .nth(1)
        .expect("the first file in the panel");
    let dependants = &file0[..file0.find('>').unwrap()];
    assert!(dependants.contains("委託事項 2 件"), "{dependants}");
    assert!(
        dependants.contains("リスク対策「(1) 国保賦課ファイル"),
        "{dependants}"
    );

    // Added: after the last system, the scaffold's ○○ only, an id no entry has.
    let r = list_op(
        addr,
        &token,
        &file,
        serde_json::json!({"op": "add", "path": "/systems"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let added = std::fs::read_to_string(&file).unwrap();
    let (removed, new) = hunk(&original, &added);
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(
        new,
        ["  - id: system-13", "    name: ○○", "    functions: ○○"]
    );

    // Moved: the same lines, the third system first.
    let r = list_op(
        addr,
        &token,
        &file,
        serde_json::json!({"op": "move", "path": "/systems/2", "to": 0}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let moved = std::fs::read_to_string(&file).unwrap();
    let mut a: Vec<&str> = added.lines().collect();
    let mut b: Vec<&str> = moved.lines().collect();
    assert_ne!(a, b);
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b, "a move only reorders lines");
    let model = serde_json::to_value(common::load_file(&file).assessment.unwrap()).unwrap();
    assert_eq!(model["systems"][0]["id"], "kyufu");

    // Removed: the file's lines, and its id from the risk block; nothing else.
    let r = list_op(
        addr,
        &token,
        &file,
        serde_json::json!({"op": "remove", "path": "/files/0"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let removed_file = std::fs::read_to_string(&file).unwrap();
    assert!(!removed_file.contains("  - id: fuka\n    name: 国保賦課ファイル"));
    assert!(removed_file.contains("  - files: [shikaku, kyufu, shutainou]\n"));
    let report = common::load_file(&file);
    assert!(report.assessment.is_some(), "the file loads");

    // Refused: what the form does not print as a list, a place past the end, no token.
    for (body, status) in [
        (serde_json::json!({"op": "add", "path": "/cover"}), 422),
        (
            serde_json::json!({"op": "move", "path": "/systems/0", "to": 99}),
            422,
        ),
        (
            serde_json::json!({"op": "remove", "path": "/systems/99"}),
            422,
        ),
    ] {
        let r = list_op(addr, &token, &file, body);
        assert_eq!(r.status, status, "{}", r.body);
    }
    let r = list_op(
        addr,
        "",
        &file,
        serde_json::json!({"op": "remove", "path": "/systems/0"}),
    );
    assert_eq!(r.status, 403);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), removed_file);

    undo(addr, &token, &file, 3);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);
}

/// A kind to pick (提供先 or 移転先), and a risk block for the file no block covers.
#[test]
fn new_entries_take_their_kind_and_the_files_left_uncovered() {
    let (_dir, file, _running, addr, token) = served("shinjuku-kokuho");
    let page = http(addr, "GET", "/a/assessment.yaml?form=full", &[], "").body;
    assert!(page.contains("data-kind=\"transfer\">＋ 提供先・移転先（移転）を追加</button>"));
    let r = list_op(
        addr,
        &token,
        &file,
        serde_json::json!({"op": "add", "path": "/files/1/recipients", "kind": "transfer"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let r = list_op(
        addr,
        &token,
        &file,
        serde_json::json!({"op": "add", "path": "/files"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let r = list_op(
        addr,
        &token,
        &file,
        serde_json::json!({"op": "add", "path": "/risk_measures"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let r = list_op(
        addr,
        &token,
        &file,
        serde_json::json!({"op": "add", "path": "/files/1/recipients", "kind": "other"}),
    );
    assert_eq!(r.status, 422, "{}", r.body);
    let model = serde_json::to_value(common::load_file(&file).assessment.unwrap()).unwrap();
    let recipients = model["files"][1]["recipients"].as_array().unwrap();
    let new = recipients.last().unwrap();
    assert_eq!(new["kind"], "transfer");
    assert_eq!(new["name"], "○○");
    assert!(
        new["methods"].as_array().is_none_or(|m| m.is_empty()),
        "no answer given: {new}"
    );
    assert_eq!(model["files"][4]["id"], "file-5");
    assert_eq!(
        model["risk_measures"].as_array().unwrap().last().unwrap()["files"],
        serde_json::json!(["file-5"])
    );
    // The new risk block gives no answer: 「リスクへの対策は十分か」 is left to the user.
    let block = &model["risk_measures"][1];
    assert!(
        block["acquisition"]["out_of_purpose"]["answer"].is_null(),
        "{block}"
    );
}

/// A row that prints several values: each part saved on its own path — a name among
/// ③システムの名称, 提供を行っている（N）件, その他's words, and a risk block's files by name.
#[test]
fn a_row_of_several_values_saves_each_part() {
    let (_dir, file, _running, addr, token) = served("shinjuku-kokuho");
    let page = http(addr, "GET", "/a/assessment.yaml?form=basic", &[], "").body;
    let row = row_of(&page, "/systems");
    assert!(row.contains("data-edit=\"parts\""), "{row}");
    assert!(row.contains("①システムの名称（2）"), "{row}");
    let before = std::fs::read_to_string(&file).unwrap();
    for (path, text, status) in [
        ("/systems/1/name", "資格管理システム（新）", 200),
        ("/files/0/provision/transfers", "2", 200),
        ("/files/0/provision/transfers", "二", 422),
        ("/disclosure/fee_detail", "1枚10円", 200),
        (
            "/risk_measures/0/files",
            "[○](1) 国保賦課ファイル\n[　](2) 国保資格ファイル\n[○](3) 国保給付ファイル\n[○](4) 国保収滞納ファイル",
            200,
        ),
    ] {
        let r = set(addr, &token, None, &file, path, text);
        assert_eq!(r.status, status, "{path}: {}", r.body);
    }
    let after = std::fs::read_to_string(&file).unwrap();
    let changed = common::changed_lines(&before, &after);
    assert!(
        changed
            .iter()
            .any(|(_, b)| b == "    name: 資格管理システム（新）"),
        "{changed:?}"
    );
    assert!(
        after.contains("  - files: [fuka, kyufu, shutainou]\n"),
        "ids, not names"
    );
    let model = serde_json::to_value(common::load_file(&file).assessment.unwrap()).unwrap();
    assert_eq!(model["files"][0]["provision"]["transfers"], 2);
    assert_eq!(model["disclosure"]["fee_detail"], "1枚10円");
}

/// 別紙1's flows, which 様式4 prints as pictures: under the form, as items — a step's 相手 picked
/// by name and saved as its id; a counterpart and a step added in the style of their siblings
/// (`- {…}`); a counterpart removed, and taken out of the steps that name it, which the page
/// says first.
#[test]
fn the_flows_are_edited_as_items_under_the_form() {
    let (_dir, file, _running, addr, token) = served("shinjuku-kokuho");
    let page = http(addr, "GET", "/a/assessment.yaml?form=full", &[], "").body;
    assert!(
        page.contains("<section id=\"flows-edit\">"),
        "the flows as items"
    );
    let row = row_of(&page, "/flows/0/groups/0/steps/0/counterpart");
    assert!(
        row.contains("data-edit=\"choice\" data-value=\"被保険者\""),
        "by name: {row}"
    );
    let basic = http(addr, "GET", "/a/assessment.yaml?form=basic", &[], "").body;
    assert!(!basic.contains("flows-edit"), "様式2 prints no flows");
    let welfare = page
        .split("<li data-entry=\"/counterparts/1\"")
        .nth(1)
        .expect("生活保護担当 in 一覧");
    assert!(
        welfare[..welfare.find('>').unwrap()]
            .contains("手順「手順1｜生活保護開始又は廃止があった場合"),
        "{}",
        &welfare[..welfare.find('>').unwrap()]
    );

    let before = std::fs::read_to_string(&file).unwrap();
    let r = set(
        addr,
        &token,
        None,
        &file,
        "/flows/0/groups/0/steps/0/counterpart",
        "市町村",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let after = std::fs::read_to_string(&file).unwrap();
    let (removed, added) = hunk(&before, &after);
    assert_eq!(removed.len(), 1);
    assert_eq!(
        added,
        [removed[0].replace("counterpart: insured", "counterpart: municipality")]
    );
    let r = set(
        addr,
        &token,
        None,
        &file,
        "/flows/0/groups/0/steps/0/counterpart",
        "どこか",
    );
    assert_eq!(r.status, 422, "{}", r.body);

    let before = std::fs::read_to_string(&file).unwrap();
    let r = list_op(
        addr,
        &token,
        &file,
        serde_json::json!({"op": "add", "path": "/counterparts"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let (removed, added) = hunk(&before, &std::fs::read_to_string(&file).unwrap());
    assert!(removed.is_empty());
    assert_eq!(added, ["  - {id: counterpart-8, name: ○○, kind: external}"]);
    let r = list_op(
        addr,
        &token,
        &file,
        serde_json::json!({"op": "remove", "path": "/counterparts/1"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains("id: welfare"));
    assert!(text.contains("          - {text: 生活保護開始又は廃止があった場合、生活保護担当より生保連絡票を受付ける。, direction: accept, information: 生保連絡票, channel: paper}\n"));
    let r = list_op(
        addr,
        &token,
        &file,
        serde_json::json!({"op": "add", "path": "/flows"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let model = serde_json::to_value(common::load_file(&file).assessment.unwrap()).unwrap();
    let flow = model["flows"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(flow["title"], "○○に係る事務");
    assert_eq!(flow["groups"][0]["heading"], "○○");
    assert!(
        flow["groups"][0]["steps"][0]["direction"].is_null(),
        "no answer given: {flow}"
    );
}

/// A file with Windows line endings (as an office PC saves it) keeps them through a value, a
/// list entry added and one removed: every line still ends in CRLF.
#[test]
fn crlf_files_keep_their_line_endings() {
    let (dir, file) = workspace_of("shinjuku-kokuho");
    let crlf = std::fs::read_to_string(&file)
        .unwrap()
        .replace('\n', "\r\n");
    std::fs::write(&file, &crlf).unwrap();
    let running = start(vec![dir.path().to_path_buf()], true);
    let addr = running.addr;
    let token = token_of(addr);
    let r = set(
        addr,
        &token,
        None,
        &file,
        "/operation/summary",
        "一行目\n二行目",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let r = list_op(
        addr,
        &token,
        &file,
        serde_json::json!({"op": "add", "path": "/files/0/delegations"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let r = list_op(
        addr,
        &token,
        &file,
        serde_json::json!({"op": "remove", "path": "/systems/3"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let after = std::fs::read_to_string(&file).unwrap();
    assert_ne!(after, crlf);
    assert!(
        !after.replace("\r\n", "").contains('\n'),
        "a bare LF crept in"
    );
    assert!(after.contains("  summary: |\r\n    一行目\r\n    二行目\r\n"));
    assert!(common::load_file(&file).assessment.is_some());
}

/// A 変更箇所 row opens a control per column (変更日, 項目, …, 提出時期 as the form's choices),
/// each saved on its own path: a typo mended in 変更後の記載 changes that line only.
#[test]
fn a_history_row_is_edited_column_by_column() {
    let (_dir, file, _running, addr, token) = served("yazu-kokuho");
    let page = http(addr, "GET", "/a/assessment.yaml", &[], "").body;
    let row = row_of(&page, "/history/1");
    assert!(row.contains("data-edit=\"parts\""), "{row}");
    assert!(
        row.contains("&quot;label&quot;:&quot;提出時期&quot;,&quot;kind&quot;:&quot;choice&quot;"),
        "{row}"
    );
    let before = std::fs::read_to_string(&file).unwrap();
    let r = set(addr, &token, None, &file, "/history/1/after", "住民課");
    assert_eq!(r.status, 200, "{}", r.body);
    let after = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        common::changed_lines(&before, &after),
        [(
            "    after: 町民課".to_string(),
            "    after: 住民課".to_string()
        )]
    );
    let r = set(addr, &token, None, &file, "/history/1/date", "いつか");
    assert_eq!(r.status, 422, "{}", r.body);
}

/// What the page sends for a field as it stands: the text of its editor, unchanged.
fn shown_text(field: &edit::Field) -> Option<String> {
    use edit::Field;
    Some(match field {
        Field::Text(t) => t.clone(),
        Field::Choice { selected, .. } => selected.clone().unwrap_or_default(),
        Field::Ticks(boxes) => boxes
            .iter()
            .map(|(on, l)| format!("{}{l}", if *on { "[○]" } else { "[　]" }))
            .collect::<Vec<_>>()
            .join("\n"),
        Field::Box(on, _) => if *on { "[○]" } else { "" }.to_string(),
        Field::Count(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        Field::Parts(_) => return None,
    })
}

/// No editor the page opens is one that cannot be saved, or one that rewrites what it did not
/// change: for every value every example's forms let the page edit (and 別紙1's), saving what
/// the editor shows is accepted and leaves the file byte for byte.
#[test]
fn every_field_takes_back_what_it_shows() {
    let mut tried = 0;
    for example in ["yazu-kokuho", "higashiyama-jidoteate", "shinjuku-kokuho"] {
        let (_dir, file) = workspace_of(example);
        let loaded = common::load_file(&file);
        let a = loaded.assessment.unwrap();
        let root = serde_json::to_value(&a).unwrap();
        let mut fields = std::collections::HashMap::new();
        for form in &a.forms {
            fields.extend(edit::fields(
                &hyoka::render::build::build(&a, *form).unwrap(),
                &root,
            ));
        }
        if let Some(doc) = serve::flows::editing_doc(&a) {
            fields.extend(edit::fields(&doc, &root));
        }
        let editor = edit::Editor::new("t".into());
        let mut paths: Vec<&String> = fields.keys().filter(|p| !p.contains('#')).collect();
        paths.sort();
        for path in paths {
            let Some(text) = shown_text(&fields[path]) else {
                continue;
            };
            let version = edit::version(&std::fs::read(&file).unwrap());
            let request = edit::SetRequest {
                version,
                path: path.clone(),
                text,
            };
            let before = std::fs::read(&file).unwrap();
            let answer = editor.set(&file, &fields, &request, Lang::En);
            assert_eq!(answer.status, 200, "{example} {path}: {:?}", answer.error);
            let after = std::fs::read(&file).unwrap();
            assert!(
                after == before,
                "{example} {path}: saving what is shown rewrote {:?}",
                common::changed_lines(
                    &String::from_utf8_lossy(&before),
                    &String::from_utf8_lossy(&after)
                )
                .first()
            );
            tried += 1;
        }
    }
    assert!(tried > 1000, "{tried}");
}

/// Every list the examples' forms print (and 別紙1's): an entry added loads, and removed again
/// gives back the file byte for byte (an empty list: the same assessment, as `key: []`); its
/// first entry moved down and back up, too.
#[test]
fn every_list_takes_an_entry_and_gives_it_back() {
    use hyoka::serve::lists::{self, ListRequest, Op};
    let mut tried = 0;
    for example in ["yazu-kokuho", "higashiyama-jidoteate", "shinjuku-kokuho"] {
        let source = std::fs::read_to_string(common::example(example)).unwrap();
        let load = |text: &str| {
            hyoka::load::load_str("a.yaml", text, &Default::default())
                .assessment
                .unwrap_or_else(|| panic!("{example}: the text no longer loads"))
        };
        let a = load(&source);
        for list in lists::of(&a) {
            let apply = |text: &str, op, path: &str, to| {
                let a = load(text);
                let request = ListRequest {
                    version: String::new(),
                    op,
                    path: path.to_string(),
                    to,
                    kind: None,
                };
                let changes = lists::changes(text, &lists::of(&a), &a.forms, &request)
                    .unwrap_or_else(|e| panic!("{example} {path}: {}", e.en));
                edit::patched(text, &changes)
                    .unwrap_or_else(|e| panic!("{example} {path}: {}", e.en))
            };
            let n = list.entries.len();
            let added = apply(&source, Op::Add, &list.path, 0);
            assert_ne!(added, source, "{example} {}", list.path);
            let back = apply(&added, Op::Remove, &format!("{}/{n}", list.path), 0);
            if n == 0 {
                // A list the file did not have comes back as `key: []`: the same assessment.
                let model = |t: &str| serde_json::to_value(load(t)).unwrap();
                assert_eq!(model(&back), model(&source), "{example} {}", list.path);
            } else {
                assert!(back == source, "{example} {}: add then remove", list.path);
            }
            if n >= 2 {
                let first = format!("{}/0", list.path);
                let down = apply(&source, Op::Move, &first, 1);
                let up = apply(&down, Op::Move, &format!("{}/1", list.path), 0);
                assert!(up == source, "{example} {}: down then up", list.path);
            }
            tried += 1;
        }
    }
    assert!(tried > 30, "{tried}");
}

/// An item the answers switch off is not asked while editing — ⑧⑨ of a 委託事項 that 再委託しない,
/// the 提供先 of a file that 行っていない — and comes back when the answer changes.
#[test]
fn items_switched_off_are_not_asked_until_the_answer_changes() {
    let (dir, file, _running, addr, token) = served("shinjuku-kokuho");
    let permission = "/files/0/delegations/1/subcontract/permission";
    let page = http(addr, "GET", "/a/assessment.yaml?form=full", &[], "").body;
    assert!(
        row_of(&page, permission).contains("data-off"),
        "再委託しない: ⑧ not asked"
    );
    assert!(!row_of(&page, "/files/0/delegations/0/subcontract/permission").contains("data-off"));
    assert!(
        !page.contains("data-list=\"/files/3/recipients\""),
        "行っていない: no 提供先 to add"
    );
    assert!(page.contains("data-list=\"/files/0/recipients\""));
    let r = set(
        addr,
        &token,
        None,
        &file,
        "/files/0/delegations/1/subcontract/status",
        "再委託する",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let page = http(addr, "GET", "/a/assessment.yaml?form=full", &[], "").body;
    let back = row_of(&page, permission);
    assert!(
        !back.contains("data-off") && back.contains("data-edit"),
        "{back}"
    );
    // Read-only, the form prints every row.
    let plain = start(vec![dir.path().to_path_buf()], false);
    let page = http(plain.addr, "GET", "/a/assessment.yaml?form=full", &[], "").body;
    assert!(!page.contains("data-off"));
}
