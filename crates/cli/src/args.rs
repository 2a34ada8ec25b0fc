//! The command line, as clap parses it.

use clap::{Args, Parser, Subcommand};

/// Manage an OpenAI organization's certificates through the Admin API.
///
/// The admin key is read from OPENAI_ADMIN_KEY only, and the OpenAI-Project header from
/// OPENAI_PROJECT_ID only.
#[derive(Debug, Parser)]
#[command(name = "openai-admin", version)]
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
}

/// The top-level commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The organization's certificates.
    #[command(subcommand)]
    Certificates(CertificatesCommand),
}

/// `openai-admin certificates ...`
#[derive(Debug, Subcommand)]
pub enum CertificatesCommand {
    /// Deactivate 1 to 10 certificates for the whole organization.
    Deactivate(ToggleArgs),
    /// Activate 1 to 10 certificates for the whole organization.
    Activate(ToggleArgs),
}

/// The arguments of `activate` and `deactivate`.
#[derive(Debug, Args)]
pub struct ToggleArgs {
    /// Certificate ids, such as cert_abc (1 to 10, checked before sending)
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

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_flags_are_accepted_after_the_subcommand() {
        let cli = Cli::try_parse_from([
            "openai-admin",
            "certificates",
            "deactivate",
            "cert_a",
            "cert_b",
            "--json",
            "--base-url",
            "http://127.0.0.1:9/v1",
        ])
        .unwrap();

        assert_eq!(
            cli.global.base_url.as_deref(),
            Some("http://127.0.0.1:9/v1")
        );
        assert_eq!(cli.global.organization, None);
        let Command::Certificates(CertificatesCommand::Deactivate(toggle)) = cli.command else {
            panic!("parsed as {:?}", cli.command);
        };
        assert_eq!(toggle.ids, ["cert_a", "cert_b"]);
        assert!(toggle.json);
    }

    #[test]
    fn toggle_without_ids_is_a_usage_error() {
        let error = Cli::try_parse_from(["openai-admin", "certificates", "activate"]).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::MissingRequiredArgument);
        assert_eq!(error.exit_code(), 2);
    }

    #[test]
    fn there_is_no_flag_for_the_key_or_the_project() {
        for flag in ["--admin-key", "--api-key", "--key", "--project"] {
            let error =
                Cli::try_parse_from(["openai-admin", flag, "x", "certificates", "activate", "c"])
                    .unwrap_err();
            assert_eq!(error.kind(), ErrorKind::UnknownArgument, "{flag}");
        }
    }
}
