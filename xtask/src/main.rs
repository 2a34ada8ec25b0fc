//! Project automation for openai-admin, run as `cargo xtask <task>`.
//!
//! Tasks are plain Rust so they run the same on every machine that can build the
//! workspace, with nothing else installed:
//!
//! - `cargo xtask demo` deactivates certificates with the real `openai-admin` binary
//!   over loopback HTTP against the in-process emulator; it never contacts OpenAI.
//! - `cargo xtask ci` runs the checks CI runs, in order, stopping at the first failure.
//! - `cargo xtask help` lists the tasks.

mod cargo;
mod ci;
mod demo;

use std::process::ExitCode;

const HELP: &str = "\
usage: cargo xtask <task>

tasks:
  demo   build the CLI and deactivate two certificates on a loopback emulator
  ci     run format, clippy, tests, the no-hyper build check and docs, in order
  help   show this message
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["demo"] => demo::run(),
        ["ci"] => ci::run(),
        [] | ["help" | "--help" | "-h"] => {
            print!("{HELP}");
            Ok(())
        }
        _ => {
            eprint!("xtask: unknown task {:?}\n\n{HELP}", args.join(" "));
            return ExitCode::from(2);
        }
    };

    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}
