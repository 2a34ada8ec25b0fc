//! The command line, as clap parses it.

use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use openai_admin::ListOrder;

use crate::{examples, seconds};

/// Manage an OpenAI organization's certificates through the Admin API.
///
/// The admin key is read from OPENAI_ADMIN_KEY only, and the OpenAI-Project header from
/// OPENAI_PROJECT_ID only.
#[derive(Debug, Parser)]
#[command(name = "openai-admin", version, after_help = examples::OPENAI_ADMIN)]
pub struct Cli {
    /// Where the settings that are not the command itself come from.
    #[command(flatten)]
    pub global: GlobalArgs,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command accepts.
///
/// They are deliberately not read from the environment by clap: the client crate reads
/// the variables (treating blank ones as unset), and these flags only override it.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The API's base URL; `OPENAI_BASE_URL`, else the public API, when absent.
    #[arg(
        long,
        global = true,
        value_name = "URL",
        help = "API base URL [default: $OPENAI_BASE_URL, else https://api.openai.com/v1]"
    )]
    pub base_url: Option<String>,

    /// The `OpenAI-Organization` header; `OPENAI_ORG_ID` when absent.
    #[arg(
        long,
        global = true,
        value_name = "ID",
        help = "Organization id sent as OpenAI-Organization [default: $OPENAI_ORG_ID]"
    )]
    pub organization: Option<String>,

    /// How many retries may follow a failed attempt; the client's default (2) when
    /// absent.
    #[arg(
        long,
        global = true,
        value_name = "N",
        help = "Retries after a failed attempt of each request [default: 2]"
    )]
    pub max_retries: Option<u32>,

    /// The longest one attempt may take; the client's default (600 s) when absent.
    #[arg(
        long,
        global = true,
        value_name = "SECONDS",
        value_parser = seconds::parse,
        help = "Longest one attempt may take, in seconds, fractions allowed [default: 600]"
    )]
    pub timeout: Option<Duration>,

    /// The longest one request may take, all attempts and waits included; none when
    /// absent.
    #[arg(
        long,
        global = true,
        value_name = "SECONDS",
        value_parser = seconds::parse,
        help = "Longest each request (each page, each batch) may take, retries included, in \
                seconds [default: none]"
    )]
    pub deadline: Option<Duration>,

    /// How much to log on stderr: 0 nothing, 1 (`-v`) every attempt, 2 or more
    /// (`-vv`) the HTTP connections too.
    // Limitation: clap does not add up a global count given at two levels of
    // subcommands; `-vv certificates list -v` is 1, the count after `list`.
    #[arg(
        short,
        long,
        global = true,
        action = ArgAction::Count,
        help = "Log each attempt on stderr (-v); -vv adds connection details. Never \
                headers, bodies or the key"
    )]
    pub verbose: u8,
}

/// The top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The organization's certificates.
    #[command(subcommand, after_help = examples::CERTIFICATES)]
    Certificates(CertificatesCommand),
    /// Print a shell completion script to stdout.
    #[command(after_help = examples::COMPLETIONS)]
    Completions(CompletionsArgs),
}

/// The arguments of `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

/// `openai-admin certificates ...`
#[derive(Debug, Subcommand)]
pub enum CertificatesCommand {
    /// List certificates, one page or (with --all) every page.
    #[command(after_help = examples::LIST)]
    List(ListArgs),
    /// Show one certificate, optionally with its PEM content.
    #[command(after_help = examples::GET)]
    Get(GetArgs),
    /// Upload a PEM certificate to the organization; it starts inactive.
    #[command(after_help = examples::UPLOAD)]
    Upload(UploadArgs),
    /// Rename a certificate.
    #[command(after_help = examples::RENAME)]
    Rename(RenameArgs),
    /// Delete a certificate (it must be inactive everywhere).
    #[command(after_help = examples::DELETE)]
    Delete(DeleteArgs),
    /// Activate certificates for the organization, or for one project.
    #[command(after_help = examples::ACTIVATE)]
    Activate(ToggleArgs),
    /// Deactivate certificates for the organization, or for one project.
    #[command(after_help = examples::DEACTIVATE)]
    Deactivate(ToggleArgs),
}

/// The arguments of `list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// List the certificates of this project; ACTIVE then means active in it
    #[arg(long, value_name = "PROJECT_ID")]
    pub project: Option<String>,

    /// Certificates per page, 1 to 100 [default: the API's, 20]
    #[arg(long, value_name = "N")]
    pub limit: Option<u32>,

    /// Start after the certificate with this id (the cursor printed as `more:`)
    #[arg(long, value_name = "ID")]
    pub after: Option<String>,

    /// Order by creation time [default: the API's, desc]
    #[arg(long, value_enum)]
    pub order: Option<Order>,

    /// Fetch every page, not only the first
    #[arg(long)]
    pub all: bool,

    /// Print JSON: the API's page, or with --all one page holding every certificate
    #[arg(long)]
    pub json: bool,
}

/// The order of a list, as the command line spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Order {
    /// Oldest first.
    Asc,
    /// Newest first.
    Desc,
}

impl From<Order> for ListOrder {
    fn from(order: Order) -> Self {
        match order {
            Order::Asc => Self::Asc,
            Order::Desc => Self::Desc,
        }
    }
}

/// The arguments of `get`.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// Certificate id, such as cert_abc
    #[arg(value_name = "ID")]
    pub id: String,

    /// Include the PEM content (printed after the details, or in the JSON)
    #[arg(long)]
    pub content: bool,

    /// Print the API's JSON answer instead of the details
    #[arg(long)]
    pub json: bool,
}

/// The arguments of `upload`.
#[derive(Debug, Args)]
pub struct UploadArgs {
    /// File holding the certificate in PEM format
    #[arg(value_name = "PEM_FILE")]
    pub pem_file: PathBuf,

    /// A name for the certificate
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Print the API's JSON answer instead of the details
    #[arg(long)]
    pub json: bool,
}

/// The arguments of `rename`.
#[derive(Debug, Args)]
pub struct RenameArgs {
    /// Certificate id, such as cert_abc
    #[arg(value_name = "ID")]
    pub id: String,

    /// The new name
    #[arg(value_name = "NAME")]
    pub name: String,

    /// Print the API's JSON answer instead of the details
    #[arg(long)]
    pub json: bool,
}

/// The arguments of `delete`.
#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Certificate id, such as cert_abc
    #[arg(value_name = "ID")]
    pub id: String,

    /// Print the API's JSON answer instead of `deleted <ID>`
    #[arg(long)]
    pub json: bool,
}

/// The arguments of `activate` and `deactivate`.
#[derive(Debug, Args)]
pub struct ToggleArgs {
    /// Switch the certificates for this project only, not the organization
    #[arg(long, value_name = "PROJECT_ID")]
    pub project: Option<String>,

    /// Certificate ids, such as cert_abc; 1 to 10 go in one atomic request, more in
    /// batches of 10 (atomic per batch only)
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,

    /// Print the API's JSON answer instead of a table
    #[arg(long)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    use clap::error::ErrorKind;
    use clap::CommandFactory;

    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("openai-admin").chain(args.iter().copied()))
    }

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_flags_are_accepted_after_the_subcommand() {
        let cli = parse(&[
            "certificates",
            "deactivate",
            "cert_a",
            "cert_b",
            "--json",
            "--base-url",
            "http://127.0.0.1:9/v1",
            "--max-retries",
            "0",
            "--timeout",
            "1.5",
            "--deadline",
            "10",
        ])
        .unwrap();

        assert_eq!(
            cli.global.base_url.as_deref(),
            Some("http://127.0.0.1:9/v1")
        );
        assert_eq!(cli.global.organization, None);
        assert_eq!(cli.global.max_retries, Some(0));
        assert_eq!(cli.global.timeout, Some(Duration::from_millis(1_500)));
        assert_eq!(cli.global.deadline, Some(Duration::from_secs(10)));
        let Command::Certificates(CertificatesCommand::Deactivate(toggle)) = cli.command else {
            panic!("parsed as {:?}", cli.command);
        };
        assert_eq!(toggle.ids, ["cert_a", "cert_b"]);
        assert_eq!(toggle.project, None);
        assert!(toggle.json);
    }

    #[test]
    fn list_takes_project_paging_and_order() {
        let cli = parse(&[
            "certificates",
            "list",
            "--project",
            "proj_1",
            "--limit",
            "5",
            "--after",
            "cert_c",
            "--order",
            "asc",
            "--all",
        ])
        .unwrap();

        let Command::Certificates(CertificatesCommand::List(list)) = cli.command else {
            panic!("parsed as {:?}", cli.command);
        };
        assert_eq!(list.project.as_deref(), Some("proj_1"));
        assert_eq!(list.limit, Some(5));
        assert_eq!(list.after.as_deref(), Some("cert_c"));
        assert_eq!(list.order.map(ListOrder::from), Some(ListOrder::Asc));
        assert!(list.all);
        assert!(!list.json);
    }

    #[test]
    fn toggle_without_ids_is_a_usage_error() {
        let error = parse(&["certificates", "activate"]).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::MissingRequiredArgument);
        assert_eq!(error.exit_code(), 2);
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for args in [
            &["certificates", "list", "--order", "sideways"][..],
            &["certificates", "list", "--limit", "-1"],
            &["--timeout", "-1", "certificates", "list"],
            &["--deadline", "NaN", "certificates", "list"],
            &["--max-retries", "-1", "certificates", "list"],
            &["certificates", "rename", "cert_a"],
            &["certificates", "upload"],
        ] {
            let error = parse(args).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{args:?}");
        }
    }

    #[test]
    fn there_is_no_flag_for_the_key_and_project_is_not_global() {
        for flag in ["--admin-key", "--api-key", "--key", "--project"] {
            let error = parse(&[flag, "x", "certificates", "activate", "c"]).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::UnknownArgument, "{flag}");
        }
        let error = parse(&["certificates", "get", "--project", "p", "c"]).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::UnknownArgument);
    }

    #[test]
    fn every_command_has_examples() {
        fn check(command: &mut clap::Command, path: &str) {
            let help = command.render_long_help().to_string();
            assert!(
                help.contains("Examples:\n  openai-admin "),
                "{path}: {help}"
            );
            // Rendering builds the command, which adds clap's own `help` subcommand.
            for subcommand in command.get_subcommands_mut() {
                let name = subcommand.get_name().to_owned();
                if name != "help" {
                    check(subcommand, &format!("{path} {name}"));
                }
            }
        }

        check(&mut Cli::command(), "openai-admin");
    }

    #[test]
    fn verbose_counts_and_is_global() {
        for (args, verbose) in [
            (&["certificates", "list"][..], 0),
            (&["-v", "certificates", "list"], 1),
            (&["certificates", "list", "-vv"], 2),
            (&["--verbose", "-v", "certificates", "list"], 2),
            (&["certificates", "list", "-v", "--json", "-vv"], 3),
            // The limitation on the flag: the count of the last subcommand wins.
            (&["-vv", "certificates", "list", "-v"], 1),
        ] {
            assert_eq!(parse(args).unwrap().global.verbose, verbose, "{args:?}");
        }
    }

    #[test]
    fn completions_take_one_of_the_known_shells() {
        for (name, shell) in [
            ("bash", Shell::Bash),
            ("zsh", Shell::Zsh),
            ("fish", Shell::Fish),
            ("powershell", Shell::PowerShell),
            ("elvish", Shell::Elvish),
        ] {
            let Command::Completions(completions) = parse(&["completions", name]).unwrap().command
            else {
                panic!("{name} did not parse as completions");
            };
            assert_eq!(completions.shell, shell);
        }

        let error = parse(&["completions", "tcsh"]).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidValue);
        let error = parse(&["completions"]).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::MissingRequiredArgument);
    }
}
