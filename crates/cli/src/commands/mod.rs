//! What each command does, from parsed arguments to an exit status.

mod toggle;

use crate::args::{CertificatesCommand, Cli, Command};
use crate::client;
use crate::exit::{self, Status};

/// Runs the parsed command line. Everything the command prints, it prints from here
/// down; `main` only parses and starts the runtime.
pub async fn run(cli: Cli) -> Status {
    let client = match client::build(&cli.global) {
        Ok(client) => client,
        Err(error) => return exit::config_error(&error),
    };

    match cli.command {
        Command::Certificates(CertificatesCommand::Deactivate(args)) => {
            toggle::run(&client, toggle::Toggle::Deactivate, args).await
        }
        Command::Certificates(CertificatesCommand::Activate(args)) => {
            toggle::run(&client, toggle::Toggle::Activate, args).await
        }
    }
}
