//! `certificates activate` and `certificates deactivate`.

use openai_admin::Client;

use crate::args::ToggleArgs;
use crate::exit::{self, Status};
use crate::output;

/// Which way a toggle command turns its certificates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toggle {
    /// `certificates activate`.
    Activate,
    /// `certificates deactivate`.
    Deactivate,
}

/// Sends one toggle call for all of `args.ids` and prints the answer.
///
/// The ids are not checked here: the client checks them (1 to 10, none empty) and
/// fails with a validation error before sending, which exits 2 like a usage error.
pub async fn run(client: &Client, toggle: Toggle, args: ToggleArgs) -> Status {
    let certificates = client.organization().certificates();
    let call = match toggle {
        Toggle::Activate => certificates.activate(args.ids),
        Toggle::Deactivate => certificates.deactivate(args.ids),
    };

    match call.await {
        Ok(response) => {
            let format = if args.json {
                output::Format::Json
            } else {
                output::Format::Table
            };
            output::page(format, &response)
        }
        Err(error) => exit::error(&error),
    }
}
