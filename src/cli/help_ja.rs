//! `hyoka --help` in Japanese. clap writes help from the doc comments (English); for a Japanese
//! user the same command tree is re-labelled from `templates/cli_ja.yaml` before parsing: every
//! about text, every option's help, and the section headings. clap's own `-h`/`-V` flags and its
//! `help` subcommand carry fixed English texts, so they are replaced by ours.

use std::ffi::OsString;

use clap::{Arg, ArgAction, Command};

use crate::yaml::{self, Node};

fn texts() -> Node {
    yaml::parse(
        crate::templates::expect("cli_ja.yaml"),
        &yaml::Limits::default(),
    )
    .expect("templates/cli_ja.yaml parses")
}

fn text(node: &Node, path: &[&str]) -> Option<String> {
    let mut n = node;
    for segment in path {
        n = n.child(segment)?;
    }
    n.as_str().map(str::to_string)
}

/// The command tree with Japanese help texts.
pub(super) fn localize(cmd: Command) -> Command {
    let texts = texts();
    let heading = |key: &str| text(&texts, &["headings", key]).unwrap_or_else(|| key.to_string());
    let headings = Headings {
        usage: heading("usage"),
        commands: heading("commands"),
        arguments: heading("arguments"),
        options: heading("options"),
    };
    let root_args = texts.child("args");
    let cmd = relabel(cmd, &texts, root_args, &headings)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(
                    root_args
                        .and_then(|a| text(a, &["version"]))
                        .unwrap_or_default(),
                )
                .help_heading(headings.options.clone()),
        )
        .subcommand_help_heading(headings.commands.clone())
        .disable_help_subcommand(true);
    let commands = texts.child("commands");
    cmd.mut_subcommands(|sub| {
        let node = commands.and_then(|c| c.child(sub.get_name()));
        match node {
            Some(node) => relabel(sub, node, root_args, &headings),
            None => sub,
        }
    })
}

struct Headings {
    usage: String,
    commands: String,
    arguments: String,
    options: String,
}

/// One command: its about text, its arguments' help under Japanese headings, our own `-h`.
fn relabel(cmd: Command, node: &Node, root_args: Option<&Node>, headings: &Headings) -> Command {
    let args = node.child("args");
    let about = text(node, &["about"]);
    let help = root_args
        .and_then(|a| text(a, &["help"]))
        .unwrap_or_default();
    let cmd = match about {
        Some(about) => cmd.about(about),
        None => cmd,
    };
    cmd.long_about(None)
        .help_template(format!(
            "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
            headings.usage
        ))
        .mut_args({
            // Under a heading of our own clap sorts by name (NEW before OLD): keep the
            // declared order, as the English help and the usage line have it.
            let mut order = 0;
            move |arg| {
                order += 1;
                let arg = arg.display_order(order);
                let id = arg.get_id().to_string();
                let heading = if arg.is_positional() {
                    &headings.arguments
                } else {
                    &headings.options
                };
                let Some(mut help) = args.and_then(|a| text(a, &[&id])) else {
                    return arg.help_heading(heading.clone());
                };
                // clap appends `[default: …] [possible values: …]` in English; say them here.
                let defaults: Vec<String> = arg
                    .get_default_values()
                    .iter()
                    .map(|v| v.to_string_lossy().into_owned())
                    .collect();
                if !defaults.is_empty() && !help.contains("既定") {
                    help.push_str(&format!("（既定: {}）", defaults.join(", ")));
                }
                if !arg.get_action().takes_values() {
                    return arg.help_heading(heading.clone()).help(help);
                }
                let values: Vec<String> = arg
                    .get_possible_values()
                    .iter()
                    .filter(|v| !v.is_hide_set())
                    .map(|v| v.get_name().to_string())
                    .collect();
                if !values.is_empty() {
                    help.push_str(&format!(" [指定できる値: {}]", values.join(", ")));
                }
                arg.help_heading(heading.clone())
                    .long_help(None)
                    .help(help)
                    .hide_default_value(true)
                    .hide_possible_values(true)
            }
        })
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(help)
                .help_heading(headings.options.clone()),
        )
}

/// `hyoka help [COMMAND]` as clap's help subcommand reads it, for the tree without that
/// subcommand: `hyoka COMMAND --help`.
pub(super) fn rewrite_help_subcommand(mut args: Vec<OsString>) -> Vec<OsString> {
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.push("--help".into());
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and every option the English help has, has its Japanese text: a new option
    /// without one would print English in the middle of Japanese help.
    #[test]
    fn every_command_and_option_has_japanese_help() {
        let texts = texts();
        let cmd = super::super::args::Cli::command();
        let mut missing = Vec::new();
        for arg in cmd.get_arguments() {
            if text(&texts, &["args", arg.get_id().as_str()]).is_none() {
                missing.push(format!("args.{}", arg.get_id()));
            }
        }
        for sub in cmd.get_subcommands() {
            let name = sub.get_name();
            if text(&texts, &["commands", name, "about"]).is_none() {
                missing.push(format!("commands.{name}.about"));
            }
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                if text(&texts, &["commands", name, "args", id]).is_none() {
                    missing.push(format!("commands.{name}.args.{id}"));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "templates/cli_ja.yaml lacks {missing:?}"
        );
    }

    /// The English help says what every argument is too (a bare `<PATH>` tells nothing).
    #[test]
    fn every_english_argument_has_help() {
        let cmd = super::super::args::Cli::command();
        let mut missing = Vec::new();
        for sub in cmd.get_subcommands() {
            for arg in sub.get_arguments() {
                if arg.get_help().is_none() {
                    missing.push(format!("{} {}", sub.get_name(), arg.get_id()));
                }
            }
        }
        assert!(missing.is_empty(), "no doc comment: {missing:?}");
    }

    /// clap's own consistency checks (they run only in debug builds, at parse time).
    #[test]
    fn localized_command_is_consistent() {
        localize(super::super::args::Cli::command()).debug_assert();
    }

    #[test]
    fn help_is_japanese_throughout() {
        let mut cmd = localize(super::super::args::Cli::command());
        let top = cmd.render_help().to_string();
        assert!(top.contains("使い方: hyoka"), "{top}");
        assert!(top.contains("コマンド:"), "{top}");
        assert!(top.contains("オプション:"), "{top}");
        assert!(top.contains("check") && top.contains("評価書"), "{top}");
        for english in [
            "Usage:",
            "Commands:",
            "Options:",
            "Print help",
            "Print version",
            "possible values",
        ] {
            assert!(!top.contains(english), "{english} in {top}");
        }
        let render = cmd.find_subcommand_mut("render").unwrap();
        let text = render.render_help().to_string();
        assert!(text.contains("引数:"), "{text}");
        assert!(text.contains("日本語フォントのファイル"), "{text}");
        assert!(
            text.contains("出力形式（既定: pdf） [指定できる値: pdf, html, xlsx]"),
            "{text}"
        );
        assert!(!text.contains("Arguments:") && !text.contains("A Japanese font"));
        assert!(!text.contains("[default:"), "{text}");
    }

    #[test]
    fn help_subcommand_becomes_the_help_flag() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            rewrite_help_subcommand(args(&["hyoka", "help", "render"])),
            args(&["hyoka", "render", "--help"])
        );
        assert_eq!(
            rewrite_help_subcommand(args(&["hyoka", "check", "help"])),
            args(&["hyoka", "check", "help"])
        );
    }
}
