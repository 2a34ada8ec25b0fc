//! `openai-admin`: manage an OpenAI organization's certificates from a terminal.
//!
//! The command is a thin shell around the `openai-admin` client crate. Use it when a
//! person (or a script) must act now, such as deactivating a compromised certificate;
//! use the client crate itself from programs.
//!
//! ```text
//! $ export OPENAI_ADMIN_KEY=...            # read only from the environment
//! $ openai-admin certificates deactivate cert_abc cert_def
//! ID        NAME     ACTIVE  CREATED              EXPIRES
//! cert_abc  edge-01  false   2024-05-01 09:30:00  2025-05-01 09:30:00
//! cert_def  -        false   2024-05-02 10:00:00  -
//! request id: req_123                      # on stderr
//! ```
//!
//! Settings come from the environment as the client crate reads them
//! (`OPENAI_ADMIN_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID`);
//! `--base-url` and `--organization` override the matching variables. The admin key
//! is never accepted as an argument, so it cannot end up in shell history or in `ps`.
//!
//! Exit status: 0 on success, 1 when the API refused or the exchange failed, 2 when
//! the arguments or the configuration were invalid and nothing was sent.

mod args;
mod client;
mod commands;
mod exit;
mod output;
mod printable;
mod table;
mod utc;

use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;

fn main() -> ExitCode {
    // Parse errors exit here with clap's usage status, 2, before any I/O.
    let cli = Cli::parse();

    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: could not start the async runtime: {error}");
            return exit::Status::Failure.into();
        }
    };

    runtime.block_on(commands::run(cli)).into()
}
