//! `hyoka serve` over real HTTP on 127.0.0.1: the pages, live change events, the changes tab on
//! a real git repository, and the safety promises (nothing outside the served paths, the `Host`
//! check, the CSP, escaped values, bad YAML never takes the server down).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::git;
use hyoka::diagnostic::Lang;
use hyoka::serve;

/// A server on a free port over `roots`, for the test's life.
fn start(roots: Vec<PathBuf>) -> serve::Running {
    serve::start(serve::Config {
        roots,
        port: 0,
        lang: Lang::Ja,
        font: None,
        header_timeout: hyoka::serve::HEADER_READ_TIMEOUT,
        follow_browser_language: false,
        edit: false,
    })
    .unwrap()
}

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

/// One HTTP/1.1 request, written by hand so that the test controls every byte of the target
/// and the `Host` header (an HTTP client would normalise `..` away).
fn request(addr: SocketAddr, method: &str, target: &str, host: Option<&str>) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let host = host.map(str::to_string).unwrap_or_else(|| addr.to_string());
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
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
        headers: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

fn get(addr: SocketAddr, target: &str) -> Reply {
    request(addr, "GET", target, None)
}

/// A folder holding copies of the examples (the tests edit them).
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in common::EXAMPLES {
        std::fs::create_dir_all(dir.path().join(name)).unwrap();
        std::fs::copy(
            common::example(name),
            dir.path().join(name).join("assessment.yaml"),
        )
        .unwrap();
    }
    dir
}

#[test]
fn index_lists_every_assessment_with_forms_problems_and_review_status() {
    let ws = workspace();
    let server = start(vec![ws.path().to_path_buf()]);
    let reply = get(server.addr, "/");
    assert_eq!(reply.status, 200);
    for name in common::EXAMPLES {
        assert!(
            reply
                .body
                .contains(&format!("data-id=\"{name}/assessment.yaml\"")),
            "{name}"
        );
    }
    assert!(reply
        .body
        .contains("国民健康保険に関する事務　全項目評価書"));
    assert!(reply.body.contains("鳥取県八頭町長"));
    assert!(reply
        .body
        .contains("href=\"/a/shinjuku-kokuho/assessment.yaml?form=full\">全項目評価書</a>"));
    // Published in 2023–2024 and not reviewed since: each is due (HY0405) today.
    assert_eq!(reply.body.matches("HY0405:").count(), 3, "{}", reply.body);
    assert!(server.addr.ip().is_loopback());
}

#[test]
fn assessment_page_shows_the_form_with_each_problem_at_its_item() {
    let ws = workspace();
    let file = ws.path().join("yazu-kokuho/assessment.yaml");
    // An error the form can point at: the department's head title left empty.
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replace("head_title: 町民課長", "head_title: \"\"");
    std::fs::write(&file, text).unwrap();
    let server = start(vec![ws.path().to_path_buf()]);
    let reply = get(server.addr, "/a/yazu-kokuho/assessment.yaml");
    assert_eq!(reply.status, 200);
    let body = &reply.body;
    assert!(body.contains("特定個人情報保護評価書（基礎項目評価書）"));
    assert!(body.contains("国民健康保険に関する事務"));
    // The problem is listed, linked to its item, and the item's row is marked.
    let item = regex::Regex::new(
        r##"<li class="error"><a href="#(item-\d+)"><span class="sev">エラー\[(HY\d+)\]"##,
    )
    .unwrap();
    let caps = item.captures(body).expect("an error in the panel");
    let anchor = &caps[1];
    let row = regex::Regex::new(&format!(
        r#"<tr data-path="/department/head_title" id="{anchor}" class="has-error">"#
    ))
    .unwrap();
    assert!(row.is_match(body), "{anchor} not on the row: {body}");
    // Said in the form's words: the item by its labels, the fix naming the label, not the key,
    // and the file's line.
    assert!(
        body.contains("評価実施機関における担当部署 › ②所属長の役職名"),
        "{body}"
    );
    assert!(
        body.contains("「②所属長の役職名」を記入してください"),
        "{body}"
    );
    assert!(
        body.contains("<pre class=\"line\">  head_title: &quot;&quot;</pre>"),
        "{body}"
    );
    // Tabs for the forms, the changes and the PDF.
    assert!(body.contains("/changes/yazu-kokuho/assessment.yaml"));
    assert!(body.contains("/pdf/yazu-kokuho/assessment.yaml?form=basic"));
}

#[test]
fn values_from_the_yaml_are_text_never_markup() {
    let ws = workspace();
    let file = ws.path().join("yazu-kokuho/assessment.yaml");
    let text = std::fs::read_to_string(&file).unwrap().replace(
        "head_title: 町民課長",
        "head_title: \"<script>alert('x')</script><img src=x onerror=alert(1)>\"",
    );
    std::fs::write(&file, text).unwrap();
    let server = start(vec![ws.path().to_path_buf()]);
    for target in ["/a/yazu-kokuho/assessment.yaml", "/"] {
        let body = get(server.addr, target).body;
        assert!(!body.contains("<script>alert"), "{target}");
        assert!(!body.contains("<img src=x"), "{target}");
    }
    let body = get(server.addr, "/a/yazu-kokuho/assessment.yaml").body;
    assert!(body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    // The only script is the server's own file: no inline script anywhere.
    let scripts = regex::Regex::new(r"<script[^>]*>").unwrap();
    for m in scripts.find_iter(&body) {
        assert_eq!(m.as_str(), r#"<script src="/static/app.js" defer>"#);
    }
}

#[test]
fn nothing_outside_the_served_paths_is_reachable() {
    let outer = tempfile::tempdir().unwrap();
    let served = outer.path().join("served");
    std::fs::create_dir_all(served.join("a")).unwrap();
    std::fs::copy(
        common::example("yazu-kokuho"),
        served.join("a/assessment.yaml"),
    )
    .unwrap();
    // A secret beside the served folder, and a symlink inside it that leads to the secret.
    std::fs::write(
        outer.path().join("secret.yaml"),
        "cover: {title: SECRET-CONTENT}\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outer.path().join("secret.yaml"), served.join("link.yaml")).unwrap();
    let server = start(vec![served.clone()]);
    let index = get(server.addr, "/").body;
    assert!(index.contains("a/assessment.yaml"));
    assert!(
        !index.contains("link.yaml"),
        "a symlink out of the tree is not listed"
    );
    let secret = outer.path().join("secret.yaml");
    let absolute = secret.to_string_lossy().to_string();
    let attempts = [
        "/a/../secret.yaml".to_string(),
        "/a/%2e%2e/secret.yaml".to_string(),
        "/a/%2E%2E%2Fsecret.yaml".to_string(),
        "/a/a/%2e%2e/%2e%2e/secret.yaml".to_string(),
        "/a/link.yaml".to_string(),
        format!("/a/{absolute}"),
        format!("/a/{}", absolute.replace('/', "%2F")),
        "/pdf/..%2Fsecret.yaml".to_string(),
        "/changes/link.yaml".to_string(),
        "/a/x/../../secret.yaml?part=live".to_string(),
        "/static/../../Cargo.toml".to_string(),
    ];
    for target in &attempts {
        let reply = get(server.addr, target);
        assert!(
            reply.status == 404 || reply.status == 400,
            "{target}: {}",
            reply.status
        );
        assert!(!reply.body.contains("SECRET-CONTENT"), "{target}");
    }
    // Read-only: no method but GET is routed.
    let post = request(server.addr, "POST", "/a/a/assessment.yaml", None);
    assert_eq!(post.status, 405);
}

#[test]
fn requests_for_other_host_names_are_refused_and_every_answer_has_the_csp() {
    let ws = workspace();
    let server = start(vec![ws.path().to_path_buf()]);
    let port = server.addr.port();
    let rebound = request(
        server.addr,
        "GET",
        "/",
        Some(&format!("attacker.example:{port}")),
    );
    assert_eq!(rebound.status, 421);
    assert!(!rebound.body.contains("八頭町"));
    let no_port = request(server.addr, "GET", "/", Some("localhost"));
    assert_eq!(no_port.status, 421);
    let local = request(server.addr, "GET", "/", Some(&format!("localhost:{port}")));
    assert_eq!(local.status, 200);
    for reply in [&rebound, &local, &get(server.addr, "/nope")] {
        assert!(
            reply.headers.contains(&format!(
                "content-security-policy: {}",
                serve::CSP.to_ascii_lowercase()
            )),
            "{}",
            reply.headers
        );
        assert!(reply.headers.contains("x-content-type-options: nosniff"));
    }
    assert!(serve::CSP.contains("script-src 'self';"));
    assert!(!serve::CSP.contains("script-src 'self' 'unsafe-inline'"));
}

#[test]
fn a_file_that_stops_loading_shows_its_errors_and_the_server_keeps_serving() {
    let ws = workspace();
    let file = ws.path().join("yazu-kokuho/assessment.yaml");
    std::fs::write(&file, "cover:\n  title: [unclosed\nforms: basic: x\n\u{0}").unwrap();
    let server = start(vec![ws.path().to_path_buf()]);
    let reply = get(server.addr, "/a/yazu-kokuho/assessment.yaml");
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains("このファイルは読み込めません"));
    assert!(reply.body.contains("エラー[HY00"), "{}", reply.body);
    assert!(get(server.addr, "/").body.contains("（読み込めません）"));
    // Non-UTF-8 and an empty file too; the others still render.
    std::fs::write(&file, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    assert_eq!(
        get(server.addr, "/a/yazu-kokuho/assessment.yaml").status,
        200
    );
    std::fs::write(&file, "").unwrap();
    assert_eq!(
        get(server.addr, "/a/yazu-kokuho/assessment.yaml").status,
        200
    );
    let other = get(server.addr, "/a/shinjuku-kokuho/assessment.yaml?form=full");
    assert_eq!(other.status, 200);
    assert!(other
        .body
        .contains("特定個人情報保護評価書（全項目評価書）"));
}

/// Reads server-sent events until one `change` names `id`, or the deadline passes.
fn wait_for_change(stream: &mut BufReader<TcpStream>, id: &str, deadline: Instant) -> bool {
    let mut event = String::new();
    while Instant::now() < deadline {
        let mut line = String::new();
        match stream.read_line(&mut line) {
            Ok(0) => return false,
            Ok(_) => {}
            Err(_) => continue,
        }
        let line = line.trim_end();
        if let Some(e) = line.strip_prefix("event: ") {
            event = e.to_string();
        } else if let Some(data) = line.strip_prefix("data: ") {
            if event == "change" && data == id {
                return true;
            }
        }
    }
    false
}

/// A connection listening to the server's events.
fn subscribe(addr: SocketAddr) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    write!(
        stream,
        "GET /events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    // Let the subscription settle before anything is saved.
    std::thread::sleep(Duration::from_millis(300));
    BufReader::new(stream)
}

#[test]
fn saving_a_file_sends_a_change_event_for_it() {
    let ws = workspace();
    let server = start(vec![ws.path().to_path_buf()]);
    let mut events = subscribe(server.addr);
    let file = ws.path().join("shinjuku-kokuho/assessment.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("新宿区長", "新宿区長（改）")).unwrap();
    assert!(wait_for_change(
        &mut events,
        "shinjuku-kokuho/assessment.yaml",
        Instant::now() + Duration::from_secs(10)
    ));
    let page = get(
        server.addr,
        "/a/shinjuku-kokuho/assessment.yaml?form=full&part=live",
    );
    assert!(page.body.contains("新宿区長（改）"));
}

/// A single file served, saved the way many editors save: a new file renamed over the old one.
#[test]
fn a_single_file_is_followed_through_a_rename_over_it() {
    let ws = workspace();
    let file = ws.path().join("yazu-kokuho/assessment.yaml");
    let server = start(vec![file.clone()]);
    assert!(get(server.addr, "/")
        .body
        .contains("data-id=\"assessment.yaml\""));
    let mut events = subscribe(server.addr);
    for round in 0..2 {
        let text = std::fs::read_to_string(&file).unwrap();
        let saved = ws.path().join("yazu-kokuho/.assessment.yaml.swp");
        std::fs::write(
            &saved,
            text.replace("町民課長", &format!("町民課長{round}")),
        )
        .unwrap();
        std::fs::rename(&saved, &file).unwrap();
        assert!(
            wait_for_change(
                &mut events,
                "assessment.yaml",
                Instant::now() + Duration::from_secs(10)
            ),
            "save {round}"
        );
    }
}

#[test]
fn changes_tab_compares_with_a_git_revision() {
    let ws = workspace();
    let dir = ws.path();
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "first"]);
    git(dir, &["tag", "v1"]);
    let file = dir.join("yazu-kokuho/assessment.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("町民課長", "企画課長")).unwrap();
    git(dir, &["commit", "-q", "-am", "second"]);
    let server = start(vec![dir.to_path_buf()]);

    // Default: against the last commit — nothing changed in the working tree.
    let head = get(server.addr, "/changes/yazu-kokuho/assessment.yaml").body;
    assert!(head.contains("変更はありません"), "{head}");
    // Against the tag: the department head's change, with its 提出時期.
    let since = get(server.addr, "/changes/yazu-kokuho/assessment.yaml?rev=v1").body;
    assert!(
        since.contains("<option value=\"v1\" selected>v1</option>"),
        "{since}"
    );
    assert!(since.contains("所属長の役職名"), "{since}");
    assert!(since.contains("<del>町民</del>課長"), "{since}");
    assert!(since.contains("事後"), "{since}");
    assert!(since.contains("id=\"copy-md\""));
    // The Markdown behind the copy button: the table's header and the row, escaped as text.
    assert!(
        since.contains("| 項目 | 変更前の記載 | 変更後の記載 | 提出時期 | 提出時期に係る説明 |"),
        "{since}"
    );
    assert!(since.contains("| 町民課長 | 企画課長 | 事後（"), "{since}");
    // The rows for Excel's 変更箇所 sheet, tab-separated, and the CSV to download.
    let today = hyoka::model::Date::today().wareki();
    assert!(since.contains("data-copies=\"tsv\""), "{since}");
    assert!(
        since.contains(&format!("{today}\tⅠ 5. 評価実施機関における担当部署 ②所属長の役職名\t町民課長\t企画課長\t事後\t")),
        "{since}"
    );
    let csv = get(
        server.addr,
        "/changes/yazu-kokuho/assessment.yaml?rev=v1&format=csv",
    );
    assert_eq!(csv.status, 200);
    assert!(csv.body.starts_with('\u{feff}'), "a BOM, for Excel");
    assert!(csv.body.contains("町民課長,企画課長,事後"), "{}", csv.body);
    // A revision that could be a git option is refused, not run.
    let evil = get(
        server.addr,
        "/changes/yazu-kokuho/assessment.yaml?rev=--output%3D%2Ftmp%2Fhyoka-pwned",
    );
    assert_eq!(evil.status, 200);
    assert!(evil.body.contains("使えません"));
    assert!(!Path::new("/tmp/hyoka-pwned").exists());
}

/// A clerk without git keeps the published copy beside the working file: the folder lists the
/// assessment once, and its changes tab compares with the copy, by the day the changes take
/// effect; with no copy it says in Japanese why there is nothing to compare with.
#[test]
fn changes_tab_compares_with_the_published_copy_without_git() {
    let ws = workspace();
    let folder = ws.path().join("yazu-kokuho");
    let file = folder.join("assessment.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let server = start(vec![ws.path().to_path_buf()]);
    let alone = get(server.addr, "/changes/yazu-kokuho/assessment.yaml").body;
    assert!(alone.contains("git で管理されていない"), "{alone}");
    assert!(!alone.contains("fatal"), "{alone}");
    drop(server);

    std::fs::write(folder.join("assessment_R6公表版.yaml"), &text).unwrap();
    let working = text
        .replace("  head_title: 町民課長", "  head_title: 企画課長")
        .replace(
            "国民健康保険(資格)システム\n",
            "国民健康保険(資格)システム（改）\n",
        );
    std::fs::write(&file, working).unwrap();
    let server = start(vec![ws.path().to_path_buf()]);
    let index = get(server.addr, "/").body;
    assert!(
        index.contains("data-id=\"yazu-kokuho/assessment.yaml\""),
        "{index}"
    );
    assert!(!index.contains("公表版.yaml\""), "listed once: {index}");

    let page = get(server.addr, "/changes/yazu-kokuho/assessment.yaml").body;
    assert!(
        page.contains("<option value=\"file:assessment_R6公表版.yaml\" selected>"),
        "{page}"
    );
    assert!(page.contains("<del>町民</del>課長"), "{page}");
    // Without an 実施日, 様式2's changes are corrections, 事後; published before the day they
    // take effect, the system's change is 事前 while the 所属長 (a fact of the present) stays 事後.
    assert!(!page.contains(">事前<"), "{page}");
    let q = "/changes/yazu-kokuho/assessment.yaml?rev=file:assessment_R6%E5%85%AC%E8%A1%A8%E7%89%88.yaml&effective=2999-04-01";
    let dated = get(server.addr, q).body;
    assert!(dated.contains("事前<small class=\"why\">実施日"), "{dated}");
    assert!(dated.contains("事後<small class=\"why\">"), "{dated}");
    // A name that is not one of its copies reads nothing.
    let other = get(
        server.addr,
        "/changes/yazu-kokuho/assessment.yaml?rev=file:..%2F..%2Fetc%2Fpasswd",
    )
    .body;
    assert!(other.contains("以前の版として見つかりません"), "{other}");
}

#[test]
fn pdf_tab_serves_the_rendered_form() {
    let ws = workspace();
    let server = start(vec![ws.path().to_path_buf()]);
    let mut stream = TcpStream::connect(server.addr).unwrap();
    write!(
        stream,
        "GET /pdf/yazu-kokuho/assessment.yaml?form=basic HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let head_end = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
    assert!(head.contains("200 ok"), "{head}");
    assert!(head.contains("content-type: application/pdf"));
    assert!(raw[head_end + 4..].starts_with(b"%PDF-"));
}

/// A notice of purposes of use is listed by its title and shown as its page's content.
#[test]
fn a_notice_is_listed_and_shown() {
    let ws = tempfile::tempdir().unwrap();
    let dir = ws.path().join("notice");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        common::root().join("examples/notice-jinzai-kenpo/notice.yaml"),
        dir.join("notice.yaml"),
    )
    .unwrap();
    let server = start(vec![ws.path().to_path_buf()]);
    let index = get(server.addr, "/");
    assert!(
        index.body.contains("個人情報の利用目的の公表について"),
        "{}",
        index.body
    );
    assert!(index.body.contains("人材派遣健康保険組合"));
    assert!(!index.body.contains("does not load") && !index.body.contains("読み込めません"));
    let page = get(server.addr, "/a/notice/notice.yaml");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.body.matches("<th scope=\"row\">").count(),
        7,
        "{}",
        page.body
    );
    assert!(page.body.contains("柔道整復施術療養費支給申請書"));
}

/// Without `--lang`, each page is in the language its browser asks for, whatever the server's
/// locale; with `--lang`, in that one. Unit-tested too: q-values, regions, neither language.
#[test]
fn pages_follow_the_browsers_language_unless_one_was_chosen() {
    let ws = workspace();
    let page = |follow: bool, accept: &str| {
        let server = serve::start(serve::Config {
            roots: vec![ws.path().to_path_buf()],
            port: 0,
            lang: Lang::En,
            font: None,
            header_timeout: hyoka::serve::HEADER_READ_TIMEOUT,
            follow_browser_language: follow,
            edit: false,
        })
        .unwrap();
        let mut stream = TcpStream::connect(server.addr).unwrap();
        write!(
            stream,
            "GET / HTTP/1.1\r\nHost: {}\r\nAccept-Language: {accept}\r\nConnection: close\r\n\r\n",
            server.addr
        )
        .unwrap();
        let mut raw = String::new();
        stream.read_to_string(&mut raw).unwrap();
        raw
    };
    assert!(page(true, "ja,en-US;q=0.7").contains("評価書の一覧"));
    assert!(page(true, "en-US,en;q=0.9,ja;q=0.8").contains("Assessments"));
    assert!(page(false, "ja").contains("Assessments"), "--lang en holds");
    assert_eq!(
        serve::browser_lang("fr-FR, ja;q=0.5, en;q=0.4"),
        Some(Lang::Ja)
    );
    assert_eq!(serve::browser_lang("de, fr"), None);
    assert_eq!(serve::browser_lang("en;q=0, ja-JP"), Some(Lang::Ja));
}
