//! The limits docs/reliability.md promises, each kept by a reproduction of the
//! input that broke it: small workbooks that expand, archives that lie, declared counts that
//! would make the reader reserve gigabytes, outputs written over inputs, temporary files that can
//! be planted, git options from arguments, devices and loops where files are expected, terminal
//! escapes in values, idle connections, and a few smaller ones. Every input is built here.
//!
//! Runs that could once take gigabytes are run as the `hyoka` binary under an address-space cap
//! (`ulimit -v`), so that a regression fails the test (the process aborts) instead of the machine.

mod common;

use std::io::{Read, Write};
use std::path::Path;

use common::*;

/// `hyoka ARGS` in `dir` with its address space capped at `mb` megabytes.
fn capped(dir: &Path, mb: u64, args: &[&str]) -> (i32, String, String) {
    hyoka_capped(dir, Some(mb), args)
}

use hyoka::harness::amplify::{
    declared_count, lying_size, merges, parts_of, repeated_cell_ods, shared_string_workbook, zip_of,
};

#[test]
fn a_small_ods_whose_one_cell_repeats_is_refused_without_expanding() {
    let dir = tempfile::tempdir().unwrap();
    let ods = repeated_cell_ods(10, 16_384, 32_000);
    assert!(ods.len() < 4096, "{} bytes", ods.len());
    std::fs::write(dir.path().join("bomb.ods"), &ods).unwrap();
    let (code, _, err) = capped(dir.path(), 2048, &["--lang", "en", "import", "bomb.ods"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("HY0903") && err.contains("text"), "{err}");
}

#[test]
fn cells_sharing_one_long_string_are_bounded_by_their_text() {
    let dir = tempfile::tempdir().unwrap();
    // 50,000 cells of one 32,767-character string: 1.6 billion characters laid out.
    let xlsx = shared_string_workbook(50_000, 32_767);
    assert!(xlsx.len() < 1 << 20, "{} bytes", xlsx.len());
    std::fs::write(dir.path().join("shared.xlsx"), &xlsx).unwrap();
    let (code, _, err) = capped(dir.path(), 2048, &["--lang", "en", "import", "shared.xlsx"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("HY0903") && err.contains("text"), "{err}");
}

#[test]
fn a_part_that_unpacks_to_more_than_it_says_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // The sheet padded to 2 MB, its stated size in the central directory cut to 1,000 bytes.
    let bytes = lying_size(2 << 20, 1000);
    std::fs::write(dir.path().join("lies.xlsx"), &bytes).unwrap();
    let (code, _, err) = capped(dir.path(), 2048, &["--lang", "en", "import", "lies.xlsx"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("HY0901") && err.contains("more than its stated"),
        "{err}"
    );
}

#[test]
fn a_shared_string_count_that_the_part_cannot_hold_is_an_error_not_an_abort() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("count.xlsx"), declared_count(4_294_967_295)).unwrap();
    let (code, _, err) = capped(dir.path(), 2048, &["--lang", "en", "import", "count.xlsx"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("HY0901") && err.contains("4294967295"),
        "{err}"
    );
}

#[test]
fn sheets_that_are_one_part_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    for name in ["a", "b"] {
        book.add_worksheet()
            .set_name(name)
            .unwrap()
            .write_string(0, 0, "x")
            .unwrap();
    }
    let parts = parts_of(&book.save_to_buffer().unwrap());
    let parts: Vec<(&str, Vec<u8>)> = parts
        .iter()
        .map(|(n, d)| {
            let d = if n == "xl/_rels/workbook.xml.rels" {
                String::from_utf8(d.clone())
                    .unwrap()
                    .replace("worksheets/sheet2.xml", "worksheets/sheet1.xml")
                    .into_bytes()
            } else {
                d.clone()
            };
            (n.as_str(), d)
        })
        .collect();
    std::fs::write(dir.path().join("same.xlsx"), zip_of(&parts)).unwrap();
    let (code, _, err) = hyoka_in(dir.path(), &["--lang", "en", "import", "same.xlsx"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("HY0901") && err.contains("sheet1.xml"),
        "{err}"
    );
}

#[test]
fn the_hidden_sheet_cannot_make_entries_the_workbook_does_not_hold() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = hyoka(&[
        "render",
        "examples/yazu-kokuho/assessment.yaml",
        "--format",
        "xlsx",
        "-o",
        dir.path().join("y.xlsx").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let mut book =
        hyoka::import::workbook::read_path(&dir.path().join("y.xlsx"), &Default::default())
            .unwrap();
    hyoka::harness::amplify::with_hidden_row(&mut book, "/counterparts/5000000/id", "\"far\"");
    let imported = hyoka::import::import_workbook(book, "y.xlsx", &Default::default()).unwrap();
    assert!(
        imported.yaml.len() < 200_000,
        "{} bytes",
        imported.yaml.len()
    );
    let refused = imported
        .findings
        .iter()
        .find(|f| f.text == "/counterparts/5000000/id")
        .expect("the row is reported");
    assert_eq!(refused.code, "HY0905");
    assert!(refused.cell.starts_with("hyoka!A"), "{}", refused.cell);
}

#[test]
fn many_merges_over_many_cells_import_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    // 40,000 two-cell merges, each over a cell with a value: quadratic matching of merges to
    // cells took 27 s at 200,000 in a release build; this many takes well under a second now.
    std::fs::write(dir.path().join("merges.xlsx"), merges(40_000)).unwrap();
    let started = std::time::Instant::now();
    let book =
        hyoka::import::workbook::read_path(&dir.path().join("merges.xlsx"), &Default::default())
            .unwrap();
    assert_eq!(book.cells.len(), 40_000);
    assert!(book.cells.iter().all(|c| c.end_col == 1));
    // Not a benchmark: a guard against the quadratic search coming back (minutes, not seconds).
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn an_output_is_never_written_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read(example("yazu-kokuho")).unwrap();
    std::fs::write(dir.path().join("y.yaml"), &yaml).unwrap();
    std::os::unix::fs::symlink("y.yaml", dir.path().join("link.yaml")).unwrap();
    for args in [
        vec!["render", "y.yaml", "-o", "y.yaml"],
        vec!["render", "y.yaml", "--format", "html", "-o", "./y.yaml"],
        vec!["render", "y.yaml", "--format", "html", "-o", "link.yaml"],
        vec!["diff", "y.yaml", "y.yaml", "-o", "y.yaml"],
    ] {
        let (code, _, err) = hyoka_in(dir.path(), &[&["--lang", "en"], &args[..]].concat());
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("is the input"), "{args:?}: {err}");
        assert_eq!(
            std::fs::read(dir.path().join("y.yaml")).unwrap(),
            yaml,
            "{args:?}"
        );
    }
    let book = shared_string_workbook(1, 3);
    std::fs::write(dir.path().join("b.xlsx"), &book).unwrap();
    let (code, _, err) = hyoka_in(
        dir.path(),
        &["--lang", "en", "import", "b.xlsx", "-o", "b.xlsx"],
    );
    assert_eq!(code, 2, "{err}");
    assert_eq!(std::fs::read(dir.path().join("b.xlsx")).unwrap(), book);
}

/// Two revisions of 八頭町's assessment in `dir`: `b.yaml` names another 担当部署.
fn revisions(dir: &Path) {
    let a = std::fs::read_to_string(example("yazu-kokuho")).unwrap();
    std::fs::write(dir.join("a.yaml"), &a).unwrap();
    std::fs::write(
        dir.join("b.yaml"),
        a.replacen("name: 町民課", "name: 企画課", 1),
    )
    .unwrap();
}

#[test]
fn writes_keep_the_files_mode_follow_its_link_and_clear_stale_temp_files() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    revisions(dir.path());
    let real = dir.path().join("b.yaml");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::os::unix::fs::symlink("b.yaml", dir.path().join("current.yaml")).unwrap();
    // A temp file a killed run left two minutes ago, and one another run is writing now.
    let stale = dir.path().join(".b.yaml.hyoka-AbCdEf.tmp");
    let fresh = dir.path().join(".b.yaml.hyoka-GhIjKl.tmp");
    for p in [&stale, &fresh] {
        std::fs::write(p, "partial").unwrap();
    }
    let two_minutes_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(120);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(two_minutes_ago)
        .unwrap();
    let (code, _, err) = hyoka_in(
        dir.path(),
        &[
            "history",
            "current.yaml",
            "--against",
            "a.yaml",
            "--date",
            "令和7年4月1日",
            "--write",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let link = std::fs::symlink_metadata(dir.path().join("current.yaml")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is still a link");
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(text.contains("after: 企画課\n"), "written through the link");
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the file keeps its mode");
    // A new output is made as other programs make files (the umask's), not private to its
    // temporary file: 0o644 under `umask 022`.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$0\" render a.yaml --format html -o new.html")
        .arg(env!("CARGO_BIN_EXE_hyoka"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mode = std::fs::metadata(dir.path().join("new.html"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644, "a new file's mode");
    assert!(!stale.exists(), "a stale temp file is removed");
    assert!(
        fresh.exists(),
        "a temp file being written now is left alone"
    );
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(leftovers, 1, "no temp file of this run is left");
}

#[test]
fn a_revision_cannot_become_a_git_option() {
    let dir = tempfile::tempdir().unwrap();
    revisions(dir.path());
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "r"]);
    for spec in ["--output=written:a.yaml", "-p:a.yaml", "--output=written"] {
        let (code, _, err) = hyoka_in(dir.path(), &["--lang", "en", "diff", "--", spec, "b.yaml"]);
        assert_eq!(code, 2, "{spec}: {err}");
        assert!(
            !dir.path().join("written").exists(),
            "{spec}: git wrote a file"
        );
    }
    let (code, out, err) = hyoka_in(dir.path(), &["diff", "HEAD:a.yaml", "b.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("企画課"), "{out}");
}

#[test]
fn devices_pipes_and_folder_loops_are_not_read_as_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::copy(example("yazu-kokuho"), root.join("sub/a.yaml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", root.join("z.yaml")).unwrap();
    let fifo = root.join("pipe.yaml");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    // Two loops: a link to the folder itself, and one to its parent.
    std::os::unix::fs::symlink(".", root.join("sub/again")).unwrap();
    std::os::unix::fs::symlink("..", root.join("sub/up")).unwrap();
    let (code, out, err) = capped(
        dir.path(),
        2048,
        &[
            "--lang",
            "en",
            "check",
            "repo",
            "--format",
            "json",
            "--today",
            "2024-06-01",
        ],
    );
    assert_eq!(code, 1, "{out}{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let about = |name: &str| {
        diagnostics
            .iter()
            .filter(|d| d["file"].as_str().unwrap().ends_with(name))
            .collect::<Vec<_>>()
    };
    for name in ["z.yaml", "pipe.yaml"] {
        let d = about(name);
        assert_eq!(d.len(), 1, "{name}: {d:?}");
        assert_eq!(d[0]["code"], "HY0011");
        assert!(d[0]["message"]
            .as_str()
            .unwrap()
            .contains("not a regular file"));
    }
    // The assessment is reached three ways (sub/, sub/again/, sub/up/repo/sub/) and checked once.
    let (_, out, _) = capped(
        dir.path(),
        2048,
        &["--lang", "en", "check", "repo", "--today", "2024-06-01"],
    );
    assert!(out.contains("checked 3 file(s)"), "{out}");
    let (code, out, err) = hyoka(&["--lang", "en", "check", "/dev/zero"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("not a regular file"), "{out}");
    let (code, _, err) = hyoka(&["--lang", "en", "import", "/dev/zero"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn control_characters_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    revisions(dir.path());
    let b = std::fs::read_to_string(dir.path().join("b.yaml")).unwrap();
    let hostile = b.replacen("name: 企画課", "name: \"企画課\\e]0;pwned\\a\\e[2J\"", 1);
    std::fs::write(dir.path().join("b.yaml"), hostile).unwrap();
    // A raw escape in the file: YAML refuses it, and the line shown with the error is escaped.
    let raw = b.replacen("name: 企画課", "name: 企画課\u{1b}[2J", 1);
    std::fs::write(dir.path().join("raw.yaml"), raw).unwrap();
    let (_, out, _) = hyoka_in(dir.path(), &["--lang", "en", "check", "raw.yaml"]);
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(out.contains("\\u{1b}[2J"), "{out}");
    let (_, out, _) = hyoka_in(dir.path(), &["--lang", "en", "diff", "a.yaml", "b.yaml"]);
    assert!(
        !out.contains('\u{1b}') && out.contains("\\u{1b}]0;pwned\\u{7}"),
        "{out:?}"
    );
    // In HTML a control character has no place: it shows as U+FFFD.
    let (_, html, _) = hyoka_in(
        dir.path(),
        &["diff", "a.yaml", "b.yaml", "--format", "html"],
    );
    assert!(
        !html.contains('\u{1b}') && html.contains('\u{FFFD}'),
        "{html}"
    );
}

#[test]
fn decomposed_ids_are_the_same_ids() {
    let text = std::fs::read_to_string(example("yazu-kokuho")).unwrap();
    let loaded = load_text(&text.replacen("name: 町民課", "name: 町民か\u{3099}かり", 1));
    let a = loaded.assessment.as_ref().unwrap();
    assert_eq!(
        a.department.as_ref().unwrap().name.as_deref(),
        Some("町民がかり")
    );
    let warned =
        |l: &hyoka::load::Loaded| l.diagnostics.iter().filter(|d| d.code == "HY0016").count();
    assert_eq!(warned(&loaded), 1, "{:?}", codes(&loaded));
    assert_eq!(warned(&load_text(&text)), 0);
}

/// An HTTP exchange on a raw connection: the response's status line.
fn status_line(addr: std::net::SocketAddr, request: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut buf = [0u8; 512];
    let n = s.read(&mut buf).unwrap_or(0);
    String::from_utf8_lossy(&buf[..n])
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn the_server_closes_idle_connections_and_refuses_two_hosts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example("yazu-kokuho"), dir.path().join("a.yaml")).unwrap();
    let server = hyoka::serve::start(hyoka::serve::Config {
        roots: vec![dir.path().to_path_buf()],
        port: 0,
        lang: hyoka::diagnostic::Lang::En,
        font: None,
        header_timeout: std::time::Duration::from_millis(500),
        follow_browser_language: false,
        edit: false,
    })
    .unwrap();
    let addr = server.addr;
    let host = format!("127.0.0.1:{}", addr.port());
    // More idle connections than the server serves at once: each is closed after the timeout,
    // and a request made after them is answered.
    let idle: Vec<_> = (0..hyoka::serve::MAX_CONNECTIONS + 20)
        .map(|_| std::net::TcpStream::connect(addr).unwrap())
        .collect();
    let mut first = &idle[0];
    first
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let mut buf = [0u8; 16];
    assert_eq!(
        first.read(&mut buf).unwrap_or(0),
        0,
        "an idle connection is closed"
    );
    let ok = status_line(
        addr,
        &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    );
    assert!(ok.contains("200"), "{ok}");
    let two = status_line(
        addr,
        &format!(
            "GET / HTTP/1.1\r\nHost: {host}\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
        ),
    );
    assert!(two.contains("421"), "{two}");
    drop(idle);
}
