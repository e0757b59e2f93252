//! The routes of `--edit`: the guard every write passes, and the writes — a value, a list's
//! entries, 元に戻す, 変更箇所に追記, 新規作成 — each through [`super::edit::Editor`].

use super::*;

/// Writes: only with `--edit`, only with the start-up token, and only from this server's own
/// pages — a request another site's page makes (its `Origin`, or a cross-site fetch) is refused.
pub(super) async fn write_guard(
    State(app): State<Shared>,
    request: Request,
    next: Next,
) -> Response {
    let Some(editor) = &app.editor else {
        return (
            StatusCode::FORBIDDEN,
            "hyoka serve writes nothing without --edit\n",
        )
            .into_response();
    };
    let headers = request.headers();
    let token = headers
        .get(edit::TOKEN_HEADER)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| constant_time_eq(t.as_bytes(), editor.token.as_bytes()));
    let own = |o: &str| {
        [
            format!("http://127.0.0.1:{}", app.port),
            format!("http://localhost:{}", app.port),
        ]
        .iter()
        .any(|ours| ours == o)
    };
    let origin_ok = match headers.get(header::ORIGIN).map(|v| v.to_str()) {
        None => true,
        Some(Ok(o)) => own(o),
        Some(Err(_)) => false,
    };
    let cross_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|s| s == "cross-site" || s == "same-site");
    if !token || !origin_ok || cross_site {
        return (
            StatusCode::FORBIDDEN,
            "refused: a write needs the page's token and this server's own page\n",
        )
            .into_response();
    }
    next.run(request).await
}

/// Compares without stopping at the first difference (the token is a secret).
pub(super) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A request's JSON body, or why it is not one (for a 400).
pub(super) fn json_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| format!("{e}\n"))
}

pub(super) fn json_answer(a: edit::Answer) -> Response {
    let status = StatusCode::from_u16(a.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::to_string(&a).unwrap_or_default(),
    )
        .into_response()
}

/// The served YAML file an id names; `None` for a workbook or a file that is not served.
pub(super) fn served_yaml(app: &App, id: &str) -> Option<Entry> {
    workspace::find(&app.roots, id).filter(Entry::is_yaml)
}

/// The values the entry's forms print that the page may edit (loaded, not checked: a save
/// needs the form, not its problems).
pub(super) fn editable_fields(entry: &Entry) -> std::collections::HashMap<String, edit::Field> {
    let loaded = crate::load::load_path(&entry.path, &Default::default());
    let mut fields = std::collections::HashMap::new();
    if let Some(a) = &loaded.assessment {
        let root = serde_json::to_value(a).unwrap_or_default();
        for form in &a.forms {
            if let Ok(doc) = crate::render::build::build(a, *form) {
                fields.extend(edit::fields(&doc, &root));
            }
        }
        if let Some(doc) = super::flows::editing_doc(a) {
            fields.extend(edit::fields(&doc, &root));
        }
    }
    fields
}

/// A list's entries added, removed or moved ([`super::lists`]), against the lists the file's
/// forms print as the file now is.
pub(super) async fn change_list(
    State(app): State<Shared>,
    AnswerLang(lang): AnswerLang,
    UrlPath(id): UrlPath<String>,
    body: axum::body::Bytes,
) -> Response {
    let request: lists::ListRequest = match json_body(&body) {
        Ok(r) => r,
        Err(why) => return (StatusCode::BAD_REQUEST, why).into_response(),
    };
    blocking(move || {
        let (Some(entry), Some(editor)) = (served_yaml(&app, &id), &app.editor) else {
            return not_found_page(lang);
        };
        let answer = editor.save_with(&entry.path, &request.version, lang, |source| {
            let loaded = crate::load::load_str("edit.yaml", source, &Default::default());
            let Some(a) = loaded.assessment.as_ref() else {
                return Err(crate::diagnostic::Message::new(
                    "評価書が読み込めません",
                    "the assessment does not load",
                ));
            };
            let changes = lists::changes(source, &lists::of(a), &a.forms, &request)?;
            edit::patched(source, &changes)
        });
        json_answer(answer)
    })
    .await
}

pub(super) async fn set_value(
    State(app): State<Shared>,
    AnswerLang(lang): AnswerLang,
    UrlPath(id): UrlPath<String>,
    body: axum::body::Bytes,
) -> Response {
    let request: edit::SetRequest = match json_body(&body) {
        Ok(r) => r,
        Err(why) => return (StatusCode::BAD_REQUEST, why).into_response(),
    };
    blocking(move || {
        let (Some(entry), Some(editor)) = (served_yaml(&app, &id), &app.editor) else {
            return not_found_page(lang);
        };
        json_answer(editor.set(&entry.path, &editable_fields(&entry), &request, lang))
    })
    .await
}

pub(super) async fn undo(
    State(app): State<Shared>,
    AnswerLang(lang): AnswerLang,
    UrlPath(id): UrlPath<String>,
    body: axum::body::Bytes,
) -> Response {
    let request: edit::UndoRequest = match json_body(&body) {
        Ok(r) => r,
        Err(why) => return (StatusCode::BAD_REQUEST, why).into_response(),
    };
    blocking(move || {
        let (Some(entry), Some(editor)) = (served_yaml(&app, &id), &app.editor) else {
            return not_found_page(lang);
        };
        json_answer(editor.undo(&entry.path, &request, lang))
    })
    .await
}

/// 変更箇所に追記: the rows the changes tab shows against `rev`, those the history does not hold
/// yet, appended with their 変更日 — what `hyoka history --write` does, through the same writer.
pub(super) async fn append_history(
    State(app): State<Shared>,
    AnswerLang(lang): AnswerLang,
    UrlPath(id): UrlPath<String>,
    body: axum::body::Bytes,
) -> Response {
    let request: edit::HistoryRequest = match json_body(&body) {
        Ok(r) => r,
        Err(why) => return (StatusCode::BAD_REQUEST, why).into_response(),
    };
    blocking(move || {
        let (Some(entry), Some(editor)) = (served_yaml(&app, &id), &app.editor) else {
            return not_found_page(lang);
        };
        let q = RevQuery {
            rev: Some(request.rev.clone()),
            effective: Some(request.effective.clone()),
            ..Default::default()
        };
        let base = Base::of(&entry, &q);
        let answer = editor.save_with(&entry.path, &request.version, lang, |source| {
            use crate::diagnostic::Message;
            let date = Date::parse(request.date.trim()).map_err(|_| {
                Message::new(
                    format!("変更日「{}」は日付として読めません", request.date),
                    format!("変更日 「{}」 is not a date", request.date),
                )
            })?;
            let loaded = crate::load::load_str("edit.yaml", source, &Default::default());
            let Some(a) = loaded.assessment.as_ref() else {
                return Err(Message::new(
                    "評価書が読み込めません",
                    "the assessment does not load",
                ));
            };
            let changes =
                changes_of(&entry, &loaded, &base, lang).map_err(|e| Message::new(e.clone(), e))?;
            let rows = crate::diff::history::unrecorded(a, &changes);
            if rows.is_empty() {
                return Ok(source.to_string());
            }
            crate::diff::history::append(&loaded, &rows, &date)
                .map(|text| crate::yaml::write::match_line_endings(source, text))
        });
        json_answer(answer)
    })
    .await
}

/// 新規作成: a new assessment from a form's scaffold, in a folder of its own under the first
/// served folder; never over a file that is there. Answers the new entry's page address.
pub(super) async fn new_assessment(
    State(app): State<Shared>,
    AnswerLang(lang): AnswerLang,
    body: axum::body::Bytes,
) -> Response {
    let request: edit::NewRequest = match json_body(&body) {
        Ok(r) => r,
        Err(why) => return (StatusCode::BAD_REQUEST, why).into_response(),
    };
    blocking(move || {
        let Some(root) = app.roots.iter().find(|r| !r.is_file) else {
            let why = lang.pick(
                "フォルダを表示していないので、新しい評価書を作れません",
                "no folder is served: a new assessment has nowhere to go",
            );
            return (StatusCode::UNPROCESSABLE_ENTITY, why.to_string()).into_response();
        };
        match edit::create(&root.canonical, &request) {
            Ok(file) => {
                let id = workspace::entries(&app.roots)
                    .into_iter()
                    .find(|e| e.path == file)
                    .map(|e| e.id)
                    .unwrap_or_default();
                let body = serde_json::json!({ "page": format!("/a/{}", pages::url_path(&id)) });
                (
                    StatusCode::OK,
                    [(header::CONTENT_TYPE, "application/json")],
                    body.to_string(),
                )
                    .into_response()
            }
            Err((status, why)) => (
                StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                [(header::CONTENT_TYPE, "application/json")],
                serde_json::json!({ "error": why.text(lang) }).to_string(),
            )
                .into_response(),
        }
    })
    .await
}

pub(super) async fn edit_js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        include_str!("assets/edit.js"),
    )
        .into_response()
}

/// A page of `--edit`: the token its writes carry, the entry they name, and the editor's script.
pub(super) fn editing_page(page: String, editor: &edit::Editor, entry: &Entry) -> String {
    page.replacen("<body>", "<body class=\"editing\">", 1).replacen(
        "</head>",
        &format!(
            "<meta name=\"hyoka-token\" content=\"{}\">\n<meta name=\"hyoka-entry\" content=\"{}\">\n<script src=\"/static/edit.js\" defer></script>\n</head>",
            editor.token,
            crate::text::escape_html(&pages::url_path(&entry.id))
        ),
        1,
    )
}

/// The index's 新規作成 under `--edit`: the folder's name and the form.
pub(super) fn new_form(lang: Lang) -> String {
    let options: String = FormKind::ALL
        .iter()
        .map(|f| format!("<option value=\"{}\">{}</option>", f.id(), f.label()))
        .collect();
    format!(
        "<form class=\"new\"><label>{} <input id=\"new-name\" size=\"20\"></label> <label>{} <select id=\"new-form\">{options}</select></label> <button type=\"button\" id=\"new-assessment\">{}</button> <span id=\"new-message\" class=\"edit-message\"></span></form>\n",
        crate::text::escape_html(lang.pick("フォルダ名", "Folder")),
        crate::text::escape_html(lang.pick("様式", "Form")),
        crate::text::escape_html(lang.pick("新規作成", "New assessment")),
    )
}

/// The changes tab's 変更箇所に追記 under `--edit`: the 変更日 of the rows, and the button.
pub(super) fn append_form(source: &str, lang: Lang) -> String {
    format!(
        "<div id=\"edit-state\" data-version=\"{}\" data-save=\"\" data-cancel=\"\" data-saving=\"{}\"></div><form class=\"append\"><label>{} <input id=\"change-date\" value=\"{}\" size=\"14\"></label> <button type=\"button\" id=\"append-history\">{}</button> <span id=\"append-message\" class=\"edit-message\"></span></form>\n",
        edit::version(source.as_bytes()),
        crate::text::escape_html(lang.pick("書き込んでいます…", "Writing…")),
        crate::text::escape_html(lang.pick("変更日", "変更日 (date of change)")),
        Date::today().wareki(),
        crate::text::escape_html(lang.pick("変更箇所に追記", "Append to 変更箇所")),
    )
}
