//! `cargo xtask ci`: the checks CI runs, in order, stopping at the first failure.
//!
//! Every step is one row of [`STEPS`]; add a check by adding a row. The last row,
//! conformance, is itself a task (`cargo xtask conformance`), run as a cargo command
//! like the rest.

use std::process::Stdio;

use crate::cargo;

/// Tests a step's captured stdout; the error says what is wrong with it.
type StdoutCheck = fn(&str) -> Result<(), String>;

/// One check: a cargo command, extra environment, and optionally a test of its stdout.
struct Step {
    name: &'static str,
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
    /// When set, stdout is captured and handed to this check instead of printed.
    check_stdout: Option<StdoutCheck>,
}

impl Step {
    const fn cargo(name: &'static str, args: &'static [&'static str]) -> Self {
        Self {
            name,
            args,
            env: &[],
            check_stdout: None,
        }
    }

    const fn env(mut self, env: &'static [(&'static str, &'static str)]) -> Self {
        self.env = env;
        self
    }

    const fn check_stdout(mut self, check: StdoutCheck) -> Self {
        self.check_stdout = Some(check);
        self
    }

    fn display(&self) -> String {
        let env = self
            .env
            .iter()
            .map(|(name, value)| format!("{name}={value:?} "));
        format!("{}cargo {}", env.collect::<String>(), self.args.join(" "))
    }
}

const STEPS: &[Step] = &[
    Step::cargo("format", &["fmt", "--all", "--", "--check"]),
    Step::cargo(
        "clippy",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    ),
    Step::cargo("test", &["test", "--workspace"]),
    Step::cargo(
        "transport with native roots",
        &[
            "clippy",
            "-p",
            "openai-admin-transport",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    ),
    Step::cargo(
        "test native roots",
        &[
            "test",
            "-p",
            "openai-admin-transport",
            "--features",
            "native-roots",
        ],
    ),
    Step::cargo(
        "example: custom transport",
        &[
            "run",
            "-q",
            "-p",
            "openai-admin",
            "--example",
            "custom_transport",
        ],
    ),
    Step::cargo(
        "example: testing with the emulator",
        &[
            "run",
            "-q",
            "-p",
            "openai-admin",
            "--example",
            "test_with_emulator",
        ],
    ),
    Step::cargo(
        "example: bulk deactivate",
        &[
            "run",
            "-q",
            "-p",
            "openai-admin",
            "--example",
            "bulk_deactivate",
        ],
    ),
    Step::cargo(
        "build without hyper",
        &["build", "-p", "openai-admin", "--no-default-features"],
    ),
    Step::cargo(
        "no hyper without the feature",
        &[
            "tree",
            "-p",
            "openai-admin",
            "--no-default-features",
            "-e",
            "normal",
        ],
    )
    .check_stdout(no_hyper),
    Step::cargo("docs", &["doc", "--workspace", "--no-deps"])
        .env(&[("RUSTDOCFLAGS", "-D warnings")]),
    Step::cargo(
        "bench build",
        &["bench", "-p", "openai-admin-bench", "--no-run"],
    ),
    Step::cargo("conformance", &["xtask", "conformance"]),
];

/// Runs every step in order.
///
/// # Errors
///
/// Names the first step that failed; the steps after it are not run.
pub fn run() -> Result<(), String> {
    for (index, step) in STEPS.iter().enumerate() {
        println!(
            "\n==> [{}/{}] {}: {}",
            index + 1,
            STEPS.len(),
            step.name,
            step.display()
        );
        run_step(step).map_err(|reason| format!("ci step `{}` failed: {reason}", step.name))?;
    }
    println!("\n==> ci: all {} steps passed", STEPS.len());
    Ok(())
}

fn run_step(step: &Step) -> Result<(), String> {
    let mut command = cargo::command(step.args);
    command.envs(step.env.iter().copied());

    let Some(check) = step.check_stdout else {
        let status = command
            .status()
            .map_err(|error| format!("could not run cargo: {error}"))?;
        return if status.success() {
            Ok(())
        } else {
            Err(status.to_string())
        };
    };

    let output = command
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| format!("could not run cargo: {error}"))?;
    if !output.status.success() {
        return Err(output.status.to_string());
    }
    check(&String::from_utf8_lossy(&output.stdout))
}

/// Fails when a dependency tree mentions hyper.
fn no_hyper(tree: &str) -> Result<(), String> {
    let lines: Vec<&str> = tree.lines().filter(|line| line.contains("hyper")).collect();
    if lines.is_empty() {
        println!(
            "no hyper crate in the tree ({} lines checked)",
            tree.lines().count()
        );
        Ok(())
    } else {
        Err(format!("the tree has hyper in it:\n{}", lines.join("\n")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_hyper_passes_a_tree_without_hyper() {
        let tree = "openai-admin v0.1.0\n├── http v1.3.1\n└── serde v1.0.219\n";
        assert_eq!(no_hyper(tree), Ok(()));
    }

    #[test]
    fn no_hyper_names_the_lines_with_hyper() {
        let tree =
            "openai-admin v0.1.0\n├── hyper v1.6.0\n│   └── http v1.3.1\n└── hyper-util v0.1.1\n";
        assert_eq!(
            no_hyper(tree),
            Err("the tree has hyper in it:\n├── hyper v1.6.0\n└── hyper-util v0.1.1".to_owned())
        );
    }

    #[test]
    fn steps_are_listed_in_ci_order() {
        let names: Vec<&str> = STEPS.iter().map(|step| step.name).collect();
        assert_eq!(
            names,
            [
                "format",
                "clippy",
                "test",
                "transport with native roots",
                "test native roots",
                "example: custom transport",
                "example: testing with the emulator",
                "example: bulk deactivate",
                "build without hyper",
                "no hyper without the feature",
                "docs",
                "bench build",
                "conformance"
            ]
        );
        assert_eq!(
            STEPS[10].display(),
            "RUSTDOCFLAGS=\"-D warnings\" cargo doc --workspace --no-deps"
        );
        assert_eq!(STEPS[12].display(), "cargo xtask conformance");
    }
}
