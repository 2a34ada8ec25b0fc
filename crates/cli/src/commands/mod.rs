//! What each command does, from parsed arguments to an exit status.

mod bulk;
mod completions;
mod delete;
mod get;
mod list;
mod rename;
mod toggle;
mod upload;

use crate::args::{CertificatesCommand, Cli, Command};
use crate::client;
use crate::exit::{self, Status};
use crate::progress::ProgressTo;

/// Runs the parsed command line. Everything the command prints, it prints from here
/// down; the library's `run` only parses, starts the logs and starts the runtime.
pub async fn run(cli: Cli) -> Status {
    // Completions need no client, so no key and no base URL.
    let command = match cli.command {
        Command::Completions(args) => return completions::run(args),
        Command::Certificates(command) => command,
    };

    let client = match client::build(&cli.global) {
        Ok(client) => client,
        Err(error) => return exit::config_error(&error),
    };
    let progress = ProgressTo::choose(cli.global.verbose);

    match command {
        CertificatesCommand::List(args) => list::run(&client, args, progress).await,
        CertificatesCommand::Get(args) => get::run(&client, args).await,
        CertificatesCommand::Upload(args) => upload::run(&client, args).await,
        CertificatesCommand::Rename(args) => rename::run(&client, args).await,
        CertificatesCommand::Delete(args) => delete::run(&client, args).await,
        CertificatesCommand::Activate(args) => {
            toggle::run(&client, toggle::Toggle::Activate, args, progress).await
        }
        CertificatesCommand::Deactivate(args) => {
            toggle::run(&client, toggle::Toggle::Deactivate, args, progress).await
        }
    }
}
