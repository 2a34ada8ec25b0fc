//! `openai-admin`: manage an OpenAI organization's certificates from a terminal.
//!
//! This crate is the `openai-admin` command. Its library holds the command's code
//! behind one item, [`run`], which the binary calls; it is not an API to build on:
//! programs use the `openai-admin` client crate, of which the command is a thin shell.
//! Use the command when a person (or a script) must act now, such as deactivating a
//! compromised certificate.
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
//! The commands, all but `completions` under `certificates`, each of those with
//! `--json`:
//!
//! | command | prints on stdout |
//! |---|---|
//! | `list [--project P] [--limit N] [--after ID] [--order asc\|desc] [--all]` | a table; `more: --after <ID>` on stderr when more follow |
//! | `get <ID> [--content]` | the details, then the PEM with `--content` |
//! | `upload <PEM_FILE> [--name NAME]` | the new certificate's details |
//! | `rename <ID> <NAME>` | the renamed certificate's details |
//! | `delete <ID>` | `deleted <ID>` |
//! | `activate\|deactivate [--project P] <ID>...` | a table; more than 10 ids go in batches of 10, one stderr line each |
//! | `completions <SHELL>` (bash, zsh, fish, powershell, elvish) | the shell's completion script |
//!
//! Settings come from the environment as the client crate reads them
//! (`OPENAI_ADMIN_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID`);
//! `--base-url` and `--organization` override the matching variables, and
//! `--max-retries`, `--timeout` and `--deadline` (seconds, fractions allowed) the
//! client's defaults. The admin key is never accepted as an argument, so it cannot end
//! up in shell history or in `ps`.
//!
//! Stdout carries only the answer, so it can be piped; the request id and errors go to
//! stderr, a failure as one `error:` line with the request id and, after retries, the
//! number of attempts. Exit status: 0 on success, 1 when something was sent and failed
//! (the API refused, the exchange failed, a batch failed), 2 when the arguments or the
//! configuration were invalid and nothing was sent.
//!
//! `-v` logs every attempt on stderr (method, path, attempt, status, request id,
//! delay), `-vv` adds the connection pool's and HTTP/2's own debugging; neither ever
//! logs a header, a body or the key. On a terminal, `list --all` and bulk toggles
//! draw a progress line on stderr that they clear when done.

mod args;
mod client;
mod commands;
mod details;
mod examples;
mod exit;
mod logging;
mod output;
mod printable;
mod progress;
mod seconds;
mod table;
mod utc;

use std::process::ExitCode;

use clap::Parser;

use crate::args::Cli;

/// Runs the command with the process's arguments and environment, and says how to
/// exit.
///
/// Parse errors (and `--help`, `--version`) end the process here with clap's status,
/// 2 for usage errors, before any I/O.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    logging::init(cli.global.verbose);

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
