//! The `openai-admin` binary; the command itself is the `openai_admin_cli` library.

use std::process::ExitCode;

fn main() -> ExitCode {
    openai_admin_cli::run()
}
