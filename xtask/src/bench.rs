//! `cargo xtask bench`: runs the benchmarks and writes their figures to
//! `BENCHMARKS.md`.
//!
//! It builds the `openai-admin-bench` binaries in release (cargo's bench profile),
//! runs each one (they start their own servers on 127.0.0.1 and contact nothing
//! else), times a clean build of `openai-admin-types` in a temporary target
//! directory and counts that crate's dependencies. Every figure, with the machine's
//! description, goes to `target/bench-figures.txt`; the bench package's
//! `write-report` binary turns that file into `BENCHMARKS.md`, keeping the notes
//! written by hand below its generated part.

use std::fs;
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::cargo;

/// The benchmark binaries, in the order they run.
const BENCHES: [&str; 4] = ["overhead", "concurrency", "decode", "memory"];

/// What starts a figure line in a benchmark's output; see `openai_admin_bench::report`.
const RESULT_PREFIX: &str = "bench-result ";

/// Figures in the order they were taken, as `name value`.
#[derive(Debug, Default)]
struct Figures(Vec<(String, String)>);

impl Figures {
    fn insert(&mut self, name: impl Into<String>, value: impl ToString) {
        self.0.push((name.into(), value.to_string()));
    }

    /// One `name value` line per figure, values on one line each.
    fn to_text(&self) -> String {
        self.0
            .iter()
            .map(|(name, value)| format!("{name} {}\n", value.replace('\n', " ")))
            .collect()
    }
}

/// Runs every benchmark and writes `BENCHMARKS.md`.
///
/// # Errors
///
/// Names the step that failed: the build, a benchmark (which exits non-zero when a
/// call fails or its request does not match the baseline's), or writing the files.
pub fn run() -> Result<(), String> {
    let started = Instant::now();
    let mut figures = Figures::default();
    describe_machine(&mut figures);

    println!("==> bench: building the benchmarks in release");
    run_cargo(&["bench", "-p", "openai-admin-bench", "--no-run"])?;

    for bench in BENCHES {
        println!("\n==> bench: {bench}");
        run_bench(bench, &mut figures)?;
    }

    println!("\n==> bench: clean build of openai-admin-types");
    build_cost(&mut figures)?;
    figures.insert("total_seconds", started.elapsed().as_secs());

    let root = cargo::workspace_root();
    let figures_path = root.join("target").join("bench-figures.txt");
    fs::create_dir_all(root.join("target"))
        .and_then(|()| fs::write(&figures_path, figures.to_text()))
        .map_err(|error| format!("could not write {}: {error}", figures_path.display()))?;

    let report_path = root.join("BENCHMARKS.md");
    println!("\n==> bench: writing {}", report_path.display());
    run_cargo(&[
        "run",
        "-q",
        "--release",
        "-p",
        "openai-admin-bench",
        "--bin",
        "write-report",
        "--",
        &figures_path.to_string_lossy(),
        &report_path.to_string_lossy(),
    ])
}

fn run_cargo(args: &[&str]) -> Result<(), String> {
    let status = cargo::command(args)
        .status()
        .map_err(|error| format!("could not run cargo: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`cargo {}` failed: {status}", args.join(" ")))
    }
}

/// Runs one benchmark, echoing its lines and keeping its figures.
fn run_bench(bench: &str, figures: &mut Figures) -> Result<(), String> {
    let args = ["bench", "-q", "-p", "openai-admin-bench", "--bench", bench];
    let mut child = cargo::command(&args)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|error| format!("could not run cargo: {error}"))?;

    let stdout = child.stdout.take().expect("stdout was piped");
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|error| format!("could not read {bench}'s output: {error}"))?;
        match parse_figure(&line) {
            Some((name, value)) => figures.insert(name, value),
            None => println!("{line}"),
        }
    }

    let status = child
        .wait()
        .map_err(|error| format!("could not wait for {bench}: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("benchmark `{bench}` failed: {status}"))
    }
}

fn parse_figure(line: &str) -> Option<(&str, &str)> {
    line.strip_prefix(RESULT_PREFIX)?.trim().split_once(' ')
}

/// Times a clean build of `openai-admin-types` in a fresh target directory, then
/// counts its normal dependencies.
fn build_cost(figures: &mut Figures) -> Result<(), String> {
    let target_dir =
        std::env::temp_dir().join(format!("openai-admin-types-{}", std::process::id()));
    let _ = fs::remove_dir_all(&target_dir);
    let target = target_dir.to_string_lossy().into_owned();

    let args = [
        "build",
        "-q",
        "-p",
        "openai-admin-types",
        "--target-dir",
        &target,
    ];
    let started = Instant::now();
    let built = run_cargo(&args);
    let seconds = started.elapsed().as_secs_f64();
    let _ = fs::remove_dir_all(&target_dir);
    built?;
    println!("openai-admin-types: clean dev build in {seconds:.1} s");
    figures.insert("build.types_clean_seconds", format!("{seconds:.1}"));

    let tree = cargo::command(&[
        "tree",
        "-p",
        "openai-admin-types",
        "-e",
        "normal",
        "--prefix",
        "none",
    ])
    .stderr(Stdio::inherit())
    .output()
    .map_err(|error| format!("could not run cargo tree: {error}"))?;
    if !tree.status.success() {
        return Err(format!("`cargo tree` failed: {}", tree.status));
    }
    let count = count_dependencies(&String::from_utf8_lossy(&tree.stdout));
    println!(
        "openai-admin-types: {} unique lines, {} dependencies",
        count.unique_lines,
        count.crates.len()
    );
    figures.insert("build.tree_unique_lines", count.unique_lines);
    figures.insert("build.dependencies", count.crates.len());
    figures.insert("build.dependency_names", count.crates.join(", "));
    Ok(())
}

#[derive(Debug, PartialEq)]
struct DependencyCount {
    /// What `cargo tree ... --prefix none | sort -u | wc -l` prints: the crate itself
    /// and repeats marked `(*)` included.
    unique_lines: usize,
    /// The distinct crates below the root, by name.
    crates: Vec<String>,
}

fn count_dependencies(tree: &str) -> DependencyCount {
    let lines: Vec<&str> = tree
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    let mut unique: Vec<&str> = lines.clone();
    unique.sort_unstable();
    unique.dedup();

    let root = lines.first().and_then(|line| line.split(' ').next());
    let mut crates: Vec<String> = lines
        .iter()
        .filter_map(|line| line.split(' ').next())
        .filter(|name| Some(*name) != root)
        .map(str::to_owned)
        .collect();
    crates.sort_unstable();
    crates.dedup();
    DependencyCount {
        unique_lines: unique.len(),
        crates,
    }
}

/// The machine and the code measured, as `machine.*` figures.
fn describe_machine(figures: &mut Figures) {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name")?.split_once(':'))
        .map_or_else(|| "unknown".into(), |(_, name)| name.trim().to_owned());
    let cores = cpuinfo
        .lines()
        .filter(|line| line.starts_with("processor"))
        .count();
    let memory_kib: f64 = meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemTotal:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    let kernel = fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();

    println!(
        "==> bench: {cores} cores, {:.1} GiB, {cpu}",
        memory_kib / 1_048_576.0
    );
    figures.insert("machine.cpu", cpu);
    figures.insert("machine.cores", cores);
    figures.insert(
        "machine.memory_gib",
        format!("{:.1}", memory_kib / 1_048_576.0),
    );
    figures.insert("machine.kernel", kernel.trim());
    figures.insert(
        "machine.rustc",
        command_line("rustc", &["--version"]).unwrap_or_else(|| "unknown".into()),
    );
    figures.insert(
        "machine.commit",
        commit().unwrap_or_else(|| "unknown".into()),
    );
    figures.insert("machine.date", utc_date(SystemTime::now()));
}

/// The commit checked out, marked when the work tree has changes.
fn commit() -> Option<String> {
    let head = command_line("git", &["rev-parse", "--short", "HEAD"])?;
    let status = command_line("git", &["status", "--porcelain"]).unwrap_or_default();
    Some(if status.is_empty() {
        head
    } else {
        format!("{head} with uncommitted changes")
    })
}

fn command_line(program: &str, args: &[&str]) -> Option<String> {
    let output = std::process::Command::new(program)
        .args(args)
        .current_dir(cargo::workspace_root())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// `YYYY-MM-DD` in UTC.
fn utc_date(time: SystemTime) -> String {
    let days = time
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs()
        / 86_400;
    let (year, month, day) = civil_from_days(days as i64);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_lines_are_split_into_name_and_value() {
        assert_eq!(
            parse_figure("bench-result overhead.ratio 1.042"),
            Some(("overhead.ratio", "1.042"))
        );
        assert_eq!(parse_figure("overhead: client median 40 us"), None);
    }

    #[test]
    fn dependencies_are_counted_once_each_without_the_root() {
        let tree = "openai-admin-types v0.1.0 (/w/crates/types)\nserde v1.0.1\n\
                    serde_derive v1.0.1 (proc-macro)\nquote v1.0.4\nquote v1.0.4 (*)\n\
                    serde_json v1.0.2\nserde v1.0.1 (*)\n";
        assert_eq!(
            count_dependencies(tree),
            DependencyCount {
                unique_lines: 7,
                crates: vec![
                    "quote".into(),
                    "serde".into(),
                    "serde_derive".into(),
                    "serde_json".into()
                ],
            }
        );
    }

    #[test]
    fn dates_are_civil_utc() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(
            utc_date(UNIX_EPOCH + Duration::from_secs(951_782_400)),
            "2000-02-29"
        );
    }
}
