//! Project automation for openai-admin, run as `cargo xtask <task>`.
//!
//! Tasks are plain Rust so they run the same on every machine that can build the
//! workspace; only `conformance` needs more (Node.js and npm, for the mock server):
//!
//! - `cargo xtask demo` uploads, lists, activates and deactivates certificates with the
//!   real `openai-admin` binary over loopback HTTP against the in-process emulator; it
//!   never contacts OpenAI.
//! - `cargo xtask conformance` runs the conformance tests against OpenAI's spec, served
//!   by the Prism mock server on 127.0.0.1, which it installs (with npm) and starts and
//!   stops itself.
//! - `cargo xtask bench` builds the benchmarks in release, runs them against loopback
//!   servers of their own, and writes the figures to `BENCHMARKS.md`.
//! - `cargo xtask ci` runs the checks CI runs, in order, stopping at the first failure.
//! - `cargo xtask help` lists the tasks.

mod bench;
mod cargo;
mod ci;
mod conformance;
mod demo;
mod prism;

use std::process::ExitCode;

const HELP: &str = "\
usage: cargo xtask <task>

tasks:
  bench        run the benchmarks on loopback servers and write BENCHMARKS.md
  demo         upload, list, activate and deactivate certificates with the CLI
               against a loopback emulator
  conformance  run the client against OpenAI's spec on the Prism mock server
               (needs Node.js 20+ and npm; installs Prism into .tools/prism)
  ci           run what CI runs, in order: format, clippy, tests, examples, the
               no-hyper check, docs, the bench build and conformance
  help         show this message
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["bench"] => bench::run(),
        ["demo"] => demo::run(),
        ["conformance"] => conformance::run(),
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
