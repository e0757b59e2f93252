//! `hyoka serve`: the assessments under some paths, as pages in a browser that follow the files
//! as they are saved: an index with every assessment's problems and keeping-current status; each
//! assessment's forms with its problems marked at their items; its changes against a git
//! revision.
//!
//! Local: the server binds 127.0.0.1, answers only requests addressed to that name (DNS
//! rebinding) and serves only the assessments found under the given paths. It writes nothing
//! unless started with `--edit` (see [`edit`]), and then only the served YAML files, for requests
//! from its own pages. Pages come from the same library stages the CLI uses (load → check → diff →
//! render), computed afresh for each request, so a page is never stale.

mod connections;
pub mod edit;
mod edit_routes;
pub mod fields;
pub mod flows;
pub mod git;
pub mod lists;
pub mod pages;
pub mod watch;
pub mod workspace;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::extract::{Path as UrlPath, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt as _;

use crate::diagnostic::Lang;
use crate::model::{Date, FormKind};
use crate::render::fonts;
use edit_routes::{
    append_form, append_history, change_list, edit_js, editing_page, new_assessment, new_form,
    set_value, undo, write_guard,
};
use workspace::{Entry, Root};

/// What to serve, and how.
#[derive(Debug, Clone)]
pub struct Config {
    pub roots: Vec<PathBuf>,
    pub port: u16,
    pub lang: Lang,
    /// A font file for the PDFs (else discovered as `hyoka render` does).
    pub font: Option<PathBuf>,
    /// How long a connection may take to send a request head, or stay idle between requests
    /// ([`HEADER_READ_TIMEOUT`] unless a test wants less).
    pub header_timeout: std::time::Duration,
    /// Answer each request in the language its browser asks for (`Accept-Language`), `lang`
    /// when it asks for neither: what `hyoka serve` does without `--lang`.
    pub follow_browser_language: bool,
    /// `--edit`: the form's values can be edited in the page and saved to the files.
    pub edit: bool,
}

pub use connections::{HEADER_READ_TIMEOUT, MAX_CONNECTIONS};

/// Content-Security-Policy of every response: scripts only from this server's own file, no
/// inline script, nothing from elsewhere. (The form's HTML sets sizes with `style` attributes.)
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

struct App {
    roots: Vec<Root>,
    lang: Lang,
    font: Option<PathBuf>,
    /// Loaded at the first PDF asked for; its glyph cache is not shared between threads, so
    /// PDFs are made one at a time.
    fonts: Mutex<Option<Result<fonts::Fonts, String>>>,
    /// The port bound, for the `Host` check.
    port: u16,
    follow_browser_language: bool,
    /// Ids of entries that changed on disk (`*`: something under a root).
    changes: broadcast::Sender<String>,
    /// With `--edit`: the token writes need, and the saves to undo.
    editor: Option<edit::Editor>,
}

type Shared = Arc<App>;

/// A server running on its own runtime (two worker threads) until it is dropped.
pub struct Running {
    /// Where it listens (127.0.0.1, and the port the system gave for port 0).
    pub addr: SocketAddr,
    /// Why files are not being watched, if they are not: pages then still show the files as
    /// they are when loaded, but do not follow saves.
    pub watch_error: Option<String>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    _watcher: Option<notify::RecommendedWatcher>,
    runtime: tokio::runtime::Runtime,
}

impl Running {
    /// Blocks until Ctrl+C, or until the server stops on an error.
    pub fn wait(self) -> Result<(), String> {
        let Running { task, runtime, .. } = self;
        runtime.block_on(async move {
            tokio::select! {
                r = task => match r {
                    Ok(r) => r.map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                },
                _ = tokio::signal::ctrl_c() => Ok(()),
            }
        })
    }
}

/// Binds 127.0.0.1:`port`, watches the roots and starts serving. Errors: a path that does not
/// exist, a port in use.
pub fn start(config: Config) -> Result<Running, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let mut roots = Vec::new();
    for p in &config.roots {
        roots.push(Root::new(p).map_err(|e| format!("{}: {e}", p.display()))?);
    }
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(("127.0.0.1", config.port)))
        .map_err(|e| format!("127.0.0.1:{}: {e}", config.port))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (changes, _) = broadcast::channel(64);
    // The watcher's forwarding task needs the runtime.
    let watcher = {
        let _guard = runtime.enter();
        watch::start(&roots, changes.clone())
    };
    let editor = match config.edit {
        true => Some(edit::Editor::new(edit::new_token()?)),
        false => None,
    };
    let app = Arc::new(App {
        editor,
        roots,
        lang: config.lang,
        font: config.font,
        fonts: Mutex::new(None),
        port: addr.port(),
        follow_browser_language: config.follow_browser_language,
        changes,
    });
    let header_timeout = config.header_timeout;
    let task = runtime.spawn(connections::serve(listener, router(app), header_timeout));
    let (watcher, watch_error) = match watcher {
        Ok(w) => (Some(w), None),
        Err(e) => (None, Some(e.to_string())),
    };
    Ok(Running {
        addr,
        watch_error,
        task,
        _watcher: watcher,
        runtime,
    })
}

fn router(app: Shared) -> Router {
    let edits = Router::new()
        .route("/api/set/{*id}", axum::routing::post(set_value))
        .route("/api/undo/{*id}", axum::routing::post(undo))
        .route("/api/history/{*id}", axum::routing::post(append_history))
        .route("/api/list/{*id}", axum::routing::post(change_list))
        .route("/api/new", axum::routing::post(new_assessment))
        .layer(axum::extract::DefaultBodyLimit::max(edit::MAX_BODY))
        .layer(middleware::from_fn_with_state(app.clone(), write_guard));
    Router::new()
        .merge(edits)
        .route("/static/edit.js", get(edit_js))
        .route("/", get(index))
        .route("/a/{*id}", get(assessment))
        .route("/changes/{*id}", get(changes))
        .route("/pdf/{*id}", get(pdf))
        .route("/events", get(events))
        .route("/static/app.js", get(app_js))
        .route("/static/app.css", get(app_css))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

/// DNS rebinding: a page elsewhere whose name resolves to 127.0.0.1 sends its own name as
/// `Host`; only our own names get an answer (a write to another name is forbidden outright, 403;
/// a read is misdirected, 421). Every answer carries the CSP.
async fn guard(State(app): State<Shared>, request: Request, next: Next) -> Response {
    let mut response = if host_allowed(request.headers(), app.port) {
        next.run(request).await
    } else if request.method() == axum::http::Method::POST {
        (
            StatusCode::FORBIDDEN,
            "refused: a write must be addressed to 127.0.0.1 or localhost\n",
        )
            .into_response()
    } else {
        (
            StatusCode::MISDIRECTED_REQUEST,
            "hyoka serve answers only requests to 127.0.0.1 or localhost\n",
        )
            .into_response()
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn html(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

async fn not_found(AnswerLang(lang): AnswerLang) -> Response {
    not_found_page(lang)
}

fn not_found_page(lang: Lang) -> Response {
    let text = lang.pick(
        "見つかりません（一覧にある評価書だけを表示します）",
        "not found (only the listed assessments are served)",
    );
    (
        StatusCode::NOT_FOUND,
        html(pages::page(
            lang,
            "404",
            "",
            "",
            "",
            &format!("<p class=\"notice\">{}</p>", crate::text::escape_html(text)),
        )),
    )
        .into_response()
}

/// Work that reads files and renders runs off the async threads.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    match tokio::task::spawn_blocking(f).await {
        Ok(v) => v,
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

fn index_body(app: &App, lang: Lang) -> String {
    let today = Date::today();
    let rows: Vec<_> = workspace::entries(&app.roots)
        .into_iter()
        .map(|e| {
            let loaded = workspace::analyse(&e, today.clone());
            (e, loaded)
        })
        .collect();
    pages::index_fragment(&rows, lang)
}

#[derive(Debug, Default, Deserialize)]
struct PartQuery {
    part: Option<String>,
}

async fn index(
    State(app): State<Shared>,
    AnswerLang(lang): AnswerLang,
    Query(q): Query<PartQuery>,
) -> Response {
    let editing = app.editor.is_some();
    let token = app.editor.as_ref().map(|e| e.token.clone());
    let mut body = blocking(move || index_body(&app, lang)).await;
    if q.part.as_deref() == Some(LIVE) {
        return html(body);
    }
    if editing {
        body.insert_str(0, &new_form(lang));
    }
    let page = pages::page(
        lang,
        lang.pick("評価書の一覧", "Assessments"),
        "",
        "/?part=live",
        "*",
        &body,
    );
    html(match token {
        Some(t) => page.replacen(
            "</head>",
            &format!("<meta name=\"hyoka-token\" content=\"{t}\">\n<script src=\"/static/edit.js\" defer></script>\n</head>"),
            1,
        ),
        None => page,
    })
}

/// `?part=live` asks for the part of a page that follows the file (what the page's script
/// fetches after a change), without the frame around it.
const LIVE: &str = "live";

#[derive(Debug, Default, Deserialize)]
struct FormQuery {
    form: Option<String>,
    part: Option<String>,
}

/// The form to show: the one asked for when the assessment declares it, else its first.
fn pick_form(a: Option<&crate::model::Assessment>, asked: Option<&str>) -> Option<FormKind> {
    let forms = a.map(|a| a.forms.as_slice()).unwrap_or_default();
    asked
        .and_then(|f| forms.iter().copied().find(|k| k.id() == f))
        .or_else(|| forms.first().copied())
}

/// Makes the answer for the entry `id` names on the blocking pool (it reads and renders
/// files), or answers 404 when `id` names none.
async fn for_entry(
    app: Shared,
    id: &str,
    lang: Lang,
    answer: impl FnOnce(&App, Entry) -> Response + Send + 'static,
) -> Response {
    let Some(entry) = workspace::find(&app.roots, id) else {
        return not_found_page(lang);
    };
    blocking(move || answer(&app, entry)).await
}

async fn assessment(
    State(app): State<Shared>,
    AnswerLang(lang): AnswerLang,
    UrlPath(id): UrlPath<String>,
    Query(q): Query<FormQuery>,
) -> Response {
    for_entry(app, &id, lang, move |app, entry| {
        let loaded = workspace::analyse(&entry, Date::today());
        let form = pick_form(loaded.assessment.as_ref(), q.form.as_deref());
        let editing = app.editor.as_ref().filter(|_| entry.is_yaml());
        let body = pages::assessment_fragment(&loaded, form, lang, editing.is_some());
        if q.part.as_deref() == Some(LIVE) {
            return html(body);
        }
        let mut nav = pages::assessment_nav(&entry, loaded.assessment.as_ref(), form, false, lang);
        if editing.is_some() {
            // 元に戻す, and the file's lines in the problems panel shown only when asked.
            nav.push_str(&format!(
                "<button id=\"undo\" type=\"button\">{}</button><button id=\"show-yaml\" type=\"button\" aria-pressed=\"false\">{}</button><span id=\"undo-message\" class=\"edit-message\"></span>",
                lang.pick("元に戻す", "Undo"),
                lang.pick("YAML を表示", "Show YAML")
            ));
        }
        let title = loaded
            .assessment
            .as_ref()
            .map(|a| a.cover.title.clone())
            .unwrap_or_else(|| entry.id.clone());
        let src = format!(
            "/a/{}?{}&part={LIVE}",
            pages::url_path(&entry.id),
            pages::query("form", form.map(|f| f.id()).unwrap_or(""))
        );
        let page = pages::page(lang, &title, &nav, &src, &entry.id, &body);
        html(match editing {
            Some(editor) => editing_page(page, editor, &entry),
            None => page,
        })
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
struct RevQuery {
    /// A git revision, or `file:NAME`: an earlier revision kept in the same folder.
    rev: Option<String>,
    /// 実施日: the day the changes take effect, for 提出時期.
    effective: Option<String>,
    part: Option<String>,
    /// `csv`: the rows as a CSV file (with a BOM, for Excel), to download.
    format: Option<String>,
}

/// The rows against `rev` as a CSV file to download (`変更箇所.csv`), or why there are none.
fn changes_csv(entry: &Entry, new: &crate::load::Loaded, base: &Base, lang: Lang) -> Response {
    match changes_of(entry, new, base, lang) {
        Ok(changes) => {
            let csv = crate::diff::output::csv(&changes, &Date::today());
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"changes.csv\"",
                    ),
                ],
                csv,
            )
                .into_response()
        }
        Err(m) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            m,
        )
            .into_response(),
    }
}

/// The changes page's live part for the working file `new` against `rev`.
/// The change rows of the working file `new` against `rev`, or why there are none.
fn changes_of(
    entry: &Entry,
    new: &crate::load::Loaded,
    base: &Base,
    lang: Lang,
) -> Result<Vec<crate::diff::Change>, String> {
    let rev = base.rev.as_str();
    let old = match base.copy(entry) {
        Some(path) => Ok(crate::import::open::load(&path, &Default::default())),
        None if rev.starts_with(COPY) => Err(lang
            .pick(
                &format!(
                    "{} はこの評価書の以前の版として見つかりません",
                    &rev[COPY.len()..]
                ),
                &format!(
                    "{} is not an earlier revision of this assessment",
                    &rev[COPY.len()..]
                ),
            )
            .to_string()),
        None if !git::is_repo(&entry.path) => Err(no_git(lang)),
        None => git::load(&entry.path, rev).map_err(|m| m.text(lang).to_string()),
    };
    let options = crate::diff::DiffOptions {
        effective: base.effective.clone(),
        changed_on: Some(Date::today()),
        ..Default::default()
    };
    match (old, &new.assessment) {
        (Err(m), _) => Err(m),
        (Ok(old), Some(new_a)) => match old.assessment {
            Some(old_a) => crate::diff::diff(&old_a, new_a, &options)
                .map_err(|e| e.message().text(lang).to_string()),
            None => Err(lang
                .pick(
                    &format!("{rev} の版は読み込めません"),
                    &format!("the revision at {rev} does not load"),
                )
                .to_string()),
        },
        (Ok(_), None) => Err(lang
            .pick(
                "作業中のファイルが読み込めません（評価書のページで問題を確認してください）",
                "the working file does not load (see the assessment page)",
            )
            .to_string()),
    }
}

fn changes_body(entry: &Entry, new: &crate::load::Loaded, base: &Base, lang: Lang) -> String {
    let mut revisions: Vec<(String, String)> = entry
        .earlier
        .iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            let label = lang
                .pick(
                    &format!("以前の版 {name}"),
                    &format!("earlier revision {name}"),
                )
                .to_string();
            Some((format!("{COPY}{name}"), label))
        })
        .collect();
    revisions.extend(
        git::revisions(&entry.path)
            .into_iter()
            .map(|r| (r.clone(), r)),
    );
    let result = changes_of(entry, new, base, lang);
    let effective = base
        .effective
        .as_ref()
        .map(Date::wareki)
        .unwrap_or_default();
    pages::changes_fragment(entry, &base.rev, &effective, &revisions, result, lang)
}

/// `rev=file:NAME`: an earlier revision of the entry in its own folder.
const COPY: &str = "file:";

/// What the changes page compares the working file with, and the day its changes take effect.
struct Base {
    rev: String,
    effective: Option<Date>,
}

impl Base {
    /// From the query: the revision asked for, else the latest earlier copy, else git's HEAD.
    fn of(entry: &Entry, q: &RevQuery) -> Base {
        let rev = q
            .rev
            .clone()
            .unwrap_or_else(|| match entry.earlier.first() {
                Some(p) => format!(
                    "{COPY}{}",
                    p.file_name().unwrap_or_default().to_string_lossy()
                ),
                None => "HEAD".to_string(),
            });
        let effective = q
            .effective
            .as_deref()
            .filter(|e| !e.trim().is_empty())
            .and_then(|e| Date::parse(e).ok());
        Base { rev, effective }
    }

    /// The earlier copy `rev` names: only one of the entry's own, never another file.
    fn copy(&self, entry: &Entry) -> Option<std::path::PathBuf> {
        let name = self.rev.strip_prefix(COPY)?;
        entry
            .earlier
            .iter()
            .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy() == name))
            .cloned()
    }
}

/// Why there is nothing to compare with, in words a clerk without git can act on.
fn no_git(lang: Lang) -> String {
    lang.pick(
        "このフォルダは git で管理されていないため、git の版とは比べられません。公表した版のファイルのコピー（同じ評価書番号・評価実施機関名のもの。例: assessment_公表版.yaml）を同じフォルダに置くと、その版と比べた変更箇所を表示します。",
        "this folder is not in a git repository, so there is no git revision to compare with: put a copy of the published revision (same 評価書番号 and 評価実施機関名, e.g. assessment_published.yaml) in the same folder to compare with it",
    )
    .to_string()
}

async fn changes(
    State(app): State<Shared>,
    AnswerLang(lang): AnswerLang,
    UrlPath(id): UrlPath<String>,
    Query(q): Query<RevQuery>,
) -> Response {
    for_entry(app, &id, lang, move |app, entry| {
        let base = Base::of(&entry, &q);
        let loaded = crate::import::open::load(&entry.path, &Default::default());
        if q.format.as_deref() == Some("csv") {
            return changes_csv(&entry, &loaded, &base, lang);
        }
        let editing = app.editor.as_ref().filter(|_| entry.is_yaml());
        let mut body = changes_body(&entry, &loaded, &base, lang);
        if editing.is_some() {
            body.insert_str(0, &append_form(&loaded.source, lang));
        }
        if q.part.as_deref() == Some(LIVE) {
            return html(body);
        }
        let nav = pages::assessment_nav(&entry, loaded.assessment.as_ref(), None, true, lang);
        let src = format!(
            "/changes/{}?{}&{}&part={LIVE}",
            pages::url_path(&entry.id),
            pages::query("rev", &base.rev),
            pages::query(
                "effective",
                &base.effective.as_ref().map(Date::iso).unwrap_or_default()
            )
        );
        let title = format!("{} {}", entry.id, lang.pick("変更箇所", "changes"));
        let page = pages::page(lang, &title, &nav, &src, &entry.id, &body);
        html(match editing {
            Some(editor) => editing_page(page, editor, &entry),
            None => page,
        })
    })
    .await
}

async fn pdf(
    State(app): State<Shared>,
    AnswerLang(lang): AnswerLang,
    UrlPath(id): UrlPath<String>,
    Query(q): Query<FormQuery>,
) -> Response {
    for_entry(app, &id, lang, move |app, entry| {
        let fail = |m: String| {
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                m,
            )
                .into_response()
        };
        let loaded = crate::import::open::load(&entry.path, &Default::default());
        let Some(a) = loaded.assessment else {
            return fail(
                lang.pick("評価書が読み込めません", "the assessment does not load")
                    .to_string(),
            );
        };
        let Some(form) = pick_form(Some(&a), q.form.as_deref()) else {
            return fail(lang.pick("様式がありません", "no form").to_string());
        };
        let mut slot = app.fonts.lock().unwrap_or_else(|p| p.into_inner());
        let fonts = slot.get_or_insert_with(|| {
            let choice =
                fonts::discover(app.font.as_deref()).map_err(|m| m.text(lang).to_string())?;
            fonts::Fonts::load(&choice).map_err(|m| m.text(lang).to_string())
        });
        let fonts = match fonts {
            Ok(f) => f,
            Err(m) => return fail(m.clone()),
        };
        match crate::render::render_pdf(&a, form, fonts, &Default::default()) {
            Ok(r) => ([(header::CONTENT_TYPE, "application/pdf")], r.bytes).into_response(),
            Err(e) => fail(format!("[{}] {}", e.code, e.message.text(lang))),
        }
    })
    .await
}

/// Server-sent events: `change` with the id of each entry saved (`*` when unsure).
async fn events(State(app): State<Shared>) -> impl IntoResponse {
    let stream = BroadcastStream::new(app.changes.subscribe()).filter_map(|m| {
        m.ok()
            .map(|id| Ok::<_, std::convert::Infallible>(Event::default().event("change").data(id)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn app_js() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        include_str!("assets/app.js"),
    )
}

async fn app_css() -> impl IntoResponse {
    let css = format!(
        "{}\n{}",
        crate::render::html::STYLE,
        include_str!("assets/app.css")
    );
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], css)
}

/// The language of one answer: the server's own when `--lang` was given, else the first of
/// Japanese and English the browser asks for (`Accept-Language`, by its q-values), else the
/// server's. A clerk's browser asks for Japanese under a server started in an English locale.
struct AnswerLang(Lang);

impl axum::extract::FromRequestParts<Shared> for AnswerLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        app: &Shared,
    ) -> Result<Self, Self::Rejection> {
        let asked = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(browser_lang);
        Ok(AnswerLang(match asked {
            Some(lang) if app.follow_browser_language => lang,
            _ => app.lang,
        }))
    }
}

/// The first of Japanese and English an `Accept-Language` value asks for.
pub fn browser_lang(accept: &str) -> Option<Lang> {
    let mut tags: Vec<(f32, Lang)> = accept
        .split(',')
        .filter_map(|part| {
            let mut fields = part.split(';');
            let tag = fields.next()?.trim().to_ascii_lowercase();
            let q = fields
                .find_map(|f| f.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let lang = match tag.split('-').next()? {
                "ja" => Lang::Ja,
                "en" => Lang::En,
                _ => return None,
            };
            (q > 0.0).then_some((q, lang))
        })
        .collect();
    // Stable: of equal weights, the first written wins.
    tags.sort_by(|a, b| b.0.total_cmp(&a.0));
    tags.first().map(|(_, l)| *l)
}

/// Whether a request's `Host` names this server (127.0.0.1, localhost or [::1] at its port). A
/// request with two `Host` headers is refused: which one counts differs between a proxy and a
/// server, and that difference is how a check like this one is got round.
pub fn host_allowed(headers: &HeaderMap, port: u16) -> bool {
    let mut hosts = headers.get_all(header::HOST).iter();
    let (Some(host), None) = (hosts.next(), hosts.next()) else {
        return false;
    };
    let host = host.to_str().unwrap_or("");
    [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ]
    .iter()
    .any(|h| h == host)
}
