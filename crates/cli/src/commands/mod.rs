//! What each command does, from parsed arguments to an exit status.

mod bulk;
mod delete;
mod get;
mod list;
mod rename;
mod toggle;
mod upload;

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

    let Command::Certificates(command) = cli.command;
    match command {
        CertificatesCommand::List(args) => list::run(&client, args).await,
        CertificatesCommand::Get(args) => get::run(&client, args).await,
        CertificatesCommand::Upload(args) => upload::run(&client, args).await,
        CertificatesCommand::Rename(args) => rename::run(&client, args).await,
        CertificatesCommand::Delete(args) => delete::run(&client, args).await,
        CertificatesCommand::Activate(args) => {
            toggle::run(&client, toggle::Toggle::Activate, args).await
        }
        CertificatesCommand::Deactivate(args) => {
            toggle::run(&client, toggle::Toggle::Deactivate, args).await
        }
    }
}
