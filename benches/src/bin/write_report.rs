//! `write-report FIGURES REPORT`: writes `BENCHMARKS.md` (REPORT) from a figures
//! file of `name value` lines, keeping the notes written by hand below the
//! generated part of the file already there. `cargo xtask bench` runs it.

use std::process::ExitCode;

use openai_admin_bench::markdown::{render, Figures};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [figures_path, report_path] = args.as_slice() else {
        eprintln!("usage: write-report FIGURES REPORT");
        return ExitCode::from(2);
    };

    let figures = match std::fs::read_to_string(figures_path) {
        Ok(text) => Figures::parse(&text),
        Err(error) => {
            eprintln!("write-report: could not read {figures_path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    // No report yet is fine: the new one starts with an empty notes section.
    let previous = std::fs::read_to_string(report_path).unwrap_or_default();

    match std::fs::write(report_path, render(&figures, &previous)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("write-report: could not write {report_path}: {error}");
            ExitCode::FAILURE
        }
    }
}
