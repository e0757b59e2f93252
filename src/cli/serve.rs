//! `hyoka serve`.

use std::io::Write;
use std::path::PathBuf;

use super::{load_config, CliError, CliResult, Exit};
use crate::diagnostic::Lang;

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Files or folders of assessments (default: the current folder).
    paths: Vec<PathBuf>,
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 4000)]
    port: u16,
    /// Open the index in the default browser.
    #[arg(long)]
    open: bool,
    /// A Japanese font file for the PDFs (as `hyoka render --font`).
    #[arg(long)]
    font: Option<PathBuf>,
    /// Edit the form's values in the page and save them to the served YAML files (comments and
    /// layout kept; a changed file is never overwritten). Without it nothing is written.
    #[arg(long)]
    edit: bool,
}

/// `chosen`: `--lang` was given, so every page is in `lang`; without it each page is in the
/// language the browser asks for.
pub fn run(args: ServeArgs, lang: Lang, chosen: bool) -> CliResult {
    let roots = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    if let Some(missing) = roots.iter().find(|p| !p.exists()) {
        return Err(CliError::usage(
            format!(
                "{}: ファイルまたはフォルダが見つかりません",
                missing.display()
            ),
            format!("{}: no such file or directory", missing.display()),
        ));
    }
    let settings = load_config(None)?;
    let font = super::render::font_setting(args.font, &settings);
    let config = crate::serve::Config {
        roots,
        port: args.port,
        lang,
        font,
        header_timeout: crate::serve::HEADER_READ_TIMEOUT,
        follow_browser_language: !chosen,
        edit: args.edit,
    };
    let running = crate::serve::start(config).map_err(|e| {
        CliError::usage(
            format!("サーバーを開始できません: {e}"),
            format!("cannot start the server: {e}"),
        )
    })?;
    let url = format!("http://{}/", running.addr);
    println!(
        "{}",
        lang.pick(
            &format!("hyoka serve: {url} で表示しています（終了は Ctrl+C）"),
            &format!("hyoka serve: serving at {url} (Ctrl+C to stop)"),
        )
    );
    let _ = std::io::stdout().flush();
    if let Some(e) = &running.watch_error {
        eprintln!(
            "hyoka: {}",
            lang.pick(
                &format!("ファイルの変更を監視できません（保存してもページは自動で更新されません。再読み込みしてください）: {e}"),
                &format!("cannot watch the files (pages will not follow saves; reload them): {e}"),
            )
        );
    }
    if args.open {
        open_browser(&url);
    }
    running.wait().map_err(|e| {
        CliError::usage(
            format!("サーバーが停止しました: {e}"),
            format!("the server stopped: {e}"),
        )
    })?;
    Ok(Exit::Ok)
}

/// Opens `url` in the desktop's default browser, if there is one (`--open`).
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(program).arg(url).spawn();
}
