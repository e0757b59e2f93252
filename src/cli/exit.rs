//! How a command ends. Every command returns [`CliResult`]: the exit code it ends with, or the
//! error that stopped it; [`super::main`] says the error and picks its code, so no command
//! prints a usage error and picks a code by hand.

use crate::diagnostic::{Lang, Message};

/// The exit codes every command shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done; nothing to report.
    Ok = 0,
    /// Done, and the findings fail the run (errors; warnings with `--strict`; changes with
    /// `diff --exit-code`; an output not written).
    Findings = 1,
    /// The arguments, a setting, an input or the environment did not allow the command to run.
    Usage = 2,
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> std::process::ExitCode {
        std::process::ExitCode::from(e as u8)
    }
}

/// Why a command could not run (exit 2).
#[derive(Debug)]
pub enum CliError {
    /// Said as `hyoka: …` on standard error.
    Usage(Message),
    /// Already said on standard error, with the diagnostics that explain it.
    Said,
}

impl CliError {
    pub fn usage(ja: impl Into<String>, en: impl Into<String>) -> CliError {
        CliError::Usage(Message::new(ja, en))
    }

    /// Says the error (once) and gives the exit code.
    pub fn report(self, lang: Lang) -> Exit {
        if let CliError::Usage(m) = self {
            eprintln!("hyoka: {}", m.text(lang));
        }
        Exit::Usage
    }
}

impl From<Message> for CliError {
    fn from(m: Message) -> CliError {
        CliError::Usage(m)
    }
}

pub type CliResult = Result<Exit, CliError>;
