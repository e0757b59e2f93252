//! `hyoka schema`.

use std::io::Write;
use std::path::PathBuf;

use super::{CliError, CliResult, Exit};
use crate::diagnostic::Lang;
use crate::model::schema;

#[derive(clap::Args, Debug)]
pub struct SchemaArgs {
    /// Output directory; `-` prints to standard output.
    #[arg(short = 'o', long = "out", default_value = "schemas")]
    out: PathBuf,
}

pub fn run(args: SchemaArgs, lang: Lang) -> CliResult {
    let out = args.out.as_path();
    let text = schema::generate();
    if out.as_os_str() == "-" {
        let _ = std::io::stdout().write_all(text.as_bytes());
        return Ok(Exit::Ok);
    }
    // The assessment's schema, and the notice's (`kind: notice`) beside it.
    for (name, text) in [
        ("assessment.schema.json", text),
        ("notice.schema.json", schema::generate_notice()),
    ] {
        let path = out.join(name);
        if let Err(e) = std::fs::create_dir_all(out) {
            return Err(CliError::usage(
                format!("{} を作れません: {e}", out.display()),
                format!("cannot create {}: {e}", out.display()),
            ));
        }
        if !super::write_output(&path, text.as_bytes(), lang) {
            return Err(CliError::Said);
        }
    }
    Ok(Exit::Ok)
}
