//! `BENCHMARKS.md`: the report of one run of every benchmark, written from the
//! figures the benchmarks print (see [`crate::report`]) and those `cargo xtask
//! bench` adds (machine, build cost).
//!
//! The file has two parts. Everything above [`HAND_WRITTEN`] is generated and
//! rewritten by every run, the reading paragraph included, so no figure in it can
//! go stale. Everything below it is written by hand (profiles, findings) and kept
//! as it is.

use std::collections::BTreeMap;

use crate::reading;

/// The line that separates the generated report from the notes written by hand.
pub const HAND_WRITTEN: &str =
    "<!-- Everything below this line is written by hand; `cargo xtask bench` keeps it. -->";

/// Every figure of a run, by name (`overhead.ratio`), as printed.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Figures(BTreeMap<String, String>);

impl Figures {
    /// Reads `name value` lines; the value is the rest of the line. Blank lines and
    /// lines without a value are skipped.
    pub fn parse(text: &str) -> Self {
        let figures = text
            .lines()
            .filter_map(|line| line.trim().split_once(' '))
            .map(|(name, value)| (name.to_owned(), value.trim().to_owned()))
            .collect();
        Self(figures)
    }

    /// The figure as a number, if it was measured.
    pub fn number(&self, name: &str) -> Option<f64> {
        self.0.get(name)?.parse().ok()
    }

    /// The figure as printed, or `n/a`.
    pub fn text(&self, name: &str) -> String {
        self.0.get(name).cloned().unwrap_or_else(|| "n/a".into())
    }
}

/// The whole file: the generated report, the separator, and the notes kept from
/// `previous` (or a stub when it had none).
pub fn render(figures: &Figures, previous: &str) -> String {
    let notes = previous
        .split_once(HAND_WRITTEN)
        .map_or("\n\n## Findings\n\nNone written yet.\n", |(_, notes)| notes);
    let sections = [
        header(figures),
        goals(figures),
        overhead(figures),
        concurrency(figures),
        decode(figures),
        memory(figures),
        build_cost(figures),
        format!("## Reading\n\n{}\n", reading::paragraph(figures)),
    ];
    format!("{}\n{HAND_WRITTEN}{notes}", sections.join("\n"))
}

/// `met`, `**missed**`, or `not measured` when the figure is missing.
fn verdict(value: Option<f64>, met: impl Fn(f64) -> bool) -> &'static str {
    match value {
        Some(value) if met(value) => "met",
        Some(_) => "**missed**",
        None => "not measured",
    }
}

/// A figure in KiB, shown in MiB.
fn mib(f: &Figures, name: &str) -> String {
    f.number(name)
        .map_or_else(|| "n/a".into(), |kib| format!("{:.1}", kib / 1024.0))
}

fn header(f: &Figures) -> String {
    let t = |name: &str| f.text(name);
    format!(
        "# Benchmarks\n\n\
         Written by `cargo xtask bench` on {}, at commit {}; the run took {} s. Everything \
         above the line at the end of the generated part is rewritten by the next run.\n\n\
         `cargo xtask bench` builds `openai-admin-bench` (`benches/`) in release and runs \
         its four benchmarks (`cargo bench -p openai-admin-bench --bench <name>` runs one: \
         `overhead`, `concurrency`, `decode`, `memory`), then times a clean build of \
         `openai-admin-types` and counts its dependencies. Every request goes to a \
         loopback HTTP/1.1 server (hyper, tokio) that the benchmark starts on 127.0.0.1 \
         and that answers every deactivate call with the same page of ten certificates \
         ({} bytes); no client is built without a loopback base URL, and no proxy is \
         used.\n\n\
         ## Machine\n\n\
         | | |\n|---|---|\n| CPU | {} |\n| cores | {} |\n| memory | {} GiB |\n\
         | kernel | {} |\n| toolchain | {} |\n",
        t("machine.date"),
        t("machine.commit"),
        t("total_seconds"),
        t("decode.body_bytes"),
        t("machine.cpu"),
        t("machine.cores"),
        t("machine.memory_gib"),
        t("machine.kernel"),
        t("machine.rustc"),
    )
}

fn goals(f: &Figures) -> String {
    let errors = reading::total_errors(f);
    let limit = f.number("concurrency.limit");
    // A figure against the connection limit: as printed, and its verdict.
    let within_limit = |name: &str| {
        let value = f.number(name);
        let met = matches!((value, limit), (Some(n), Some(limit)) if n <= limit);
        (f.text(name), verdict(value, |_| met))
    };
    let (semaphore, semaphore_verdict) = within_limit("concurrency.semaphore.connections_max");
    let (capped, capped_verdict) = within_limit("concurrency.capped.connections_max");
    let (capped_open, capped_open_verdict) = within_limit("concurrency.capped.peak_open");
    format!(
        "## Goals\n\n\
         | goal | target | measured | |\n|---|---|---|---|\n\
         | per-call overhead (one thread) | client ÷ baseline ≤ 1.10 | {} | {} |\n\
         | errors, 1,000 concurrent calls | 0 | {errors} | {} |\n\
         | connections accepted, 1,000 calls, {limit} semaphore permits | ≤ {limit} | {semaphore} | {semaphore_verdict} |\n\
         | connections accepted, 1,000 calls, `max_connections_per_host({limit})` | ≤ {limit} | {capped} | {capped_verdict} |\n\
         | connections open at once, 1,000 calls, `max_connections_per_host({limit})` | ≤ {limit} | {capped_open} | {capped_open_verdict} |\n\
         | decode | `Page<Certificate>` ÷ minimal ≤ 1.3 | {} | {} |\n\
         | peak RSS of a 10,000-call run | < 30 MiB | {} MiB | {} |\n",
        f.text("overhead.ratio"),
        verdict(f.number("overhead.ratio"), |r| r <= 1.10),
        verdict(Some(errors as f64), |e| e == 0.0),
        f.text("decode.ratio"),
        verdict(f.number("decode.ratio"), |r| r <= 1.3),
        mib(f, "memory.peak_rss_kib"),
        verdict(f.number("memory.peak_rss_kib"), |kib| kib < 30.0 * 1024.0),
        limit = f.text("concurrency.limit"),
    )
}

fn overhead(f: &Figures) -> String {
    let t = |name: &str| f.text(name);
    let mut out = format!(
        "## 1. Per-call overhead\n\n\
         Sequential deactivate calls of ten ids, one connection, the client on a \
         single-threaded runtime. Three arms take turns in {} rounds (order rotating), {} \
         calls each, every call timed: the client; a plain hyper-util legacy client sending \
         the client's request byte for byte (checked at the server: method, path, headers, \
         body) and reading the body; and that baseline plus decoding the body into \
         `Page<Certificate>`. **One thread**: the server runs on the client's runtime, so a \
         call costs the work of both sides and nothing else; these figures count. **Two \
         threads**: the server has a thread of its own, and every call waits for two \
         cross-thread wake-ups, which on this virtual machine cost more than the work.\n\n\
         | arm | one thread: median | p90 | two threads: median | p90 |\n\
         |---|---|---|---|---|\n",
        t("overhead.rounds"),
        t("overhead.calls_per_arm"),
    );
    for (arm, label) in [
        ("client", "client"),
        ("baseline", "baseline"),
        ("baseline_decode", "baseline + decode"),
    ] {
        out += &format!(
            "| {label} | {} µs | {} µs | {} µs | {} µs |\n",
            t(&format!("overhead.{arm}_median_us")),
            t(&format!("overhead.{arm}_p90_us")),
            t(&format!("overhead.two_threads.{arm}_median_us")),
            t(&format!("overhead.two_threads.{arm}_p90_us")),
        );
    }
    out + &format!(
        "\nclient ÷ baseline: **{}** on one thread (median of the per-round ratios {}), {} on \
         two. Of the client's extra time on one thread, decoding is {} µs and the rest of the \
         client {} µs. Over an in-memory transport that answers at once (no network), a \
         whole client call costs {} µs with the ten-certificate page and {} µs with an empty \
         page. Connections accepted: {} and {}.\n",
        t("overhead.ratio"),
        t("overhead.round_ratio_median"),
        t("overhead.two_threads.ratio"),
        t("overhead.decode_us"),
        t("overhead.client_beyond_decode_us"),
        t("overhead.in_memory_page_us"),
        t("overhead.in_memory_empty_us"),
        t("overhead.connections_accepted"),
        t("overhead.two_threads.connections_accepted"),
    )
}

fn concurrency(f: &Figures) -> String {
    let limit = f.text("concurrency.limit");
    let mut out = format!(
        "## 2. Concurrency\n\n\
         {} deactivate calls spawned at once on one cloned client (tokio, 2 worker threads; \
         the server on a thread of its own), three runs per variant, each against a fresh \
         server and client so that every run starts with no connection. Latency runs from \
         the task's start, so with a semaphore it includes the wait for a permit, and \
         with the connection cap the wait for a connection. Connections are counted at \
         the server's accept loop; a connection accepted but no longer open when the \
         burst ended was closed by the client during it.\n\n\
         | variant | throughput | p50 | p99 | errors | connections accepted (3 runs) | closed during a burst (most) | most open at once |\n\
         |---|---|---|---|---|---|---|---|\n",
        f.text("concurrency.calls"),
    );
    for (name, label) in [
        (
            "unbounded",
            "nothing limits the calls; default pool".to_owned(),
        ),
        ("idle_cap", format!("`pool_max_idle_per_host({limit})`")),
        (
            "semaphore",
            format!("{limit} semaphore permits around the calls, idle cap {limit}"),
        ),
        (
            "capped",
            format!("`max_connections_per_host({limit})`, default idle cap"),
        ),
    ] {
        let p = |field: &str| f.text(&format!("concurrency.{name}.{field}"));
        out += &format!(
            "| {label} | {}/s | {} ms | {} ms | {} | {}–{} | {} | {} |\n",
            p("throughput_per_s"),
            p("p50_ms"),
            p("p99_ms"),
            p("errors"),
            p("connections_min"),
            p("connections_max"),
            p("closed_max"),
            p("peak_open"),
        );
    }
    out + &format!(
        "\nPeak RSS of the process after all twelve bursts: {} MiB.\n",
        mib(f, "concurrency.peak_rss_kib")
    )
}

fn decode(f: &Figures) -> String {
    let mut out = format!(
        "## 3. Decode\n\n\
         `serde_json::from_slice` of the page, in turns of batches; medians over the \
         rounds. `current` is the page with exactly the documented fields ({} bytes), \
         `later` the same page with unknown fields at every level, as a later API might \
         send ({} bytes). Allocations are counted for the `current` page.\n\n\
         | decode into | current | ÷ minimal | later | ÷ minimal | allocations | bytes allocated |\n\
         |---|---|---|---|---|---|---|\n",
        f.text("decode.body_bytes"),
        f.text("decode.later.body_bytes"),
    );
    for (model, label) in [
        (
            "typed",
            "`Page<Certificate>`: the types crate (derived, `#[serde(flatten)] extra`)",
        ),
        (
            "minimal",
            "minimal struct: documented fields, derived, no flatten",
        ),
        (
            "keep_unknown",
            "`Page<Certificate>` by hand-written visitors keeping unknown fields (not adopted)",
        ),
    ] {
        let ratio = |prefix: &str| match model {
            "minimal" => "1".to_owned(),
            "typed" => f.text(&format!("{prefix}ratio")),
            _ => f.text(&format!("{prefix}{model}_ratio")),
        };
        out += &format!(
            "| {label} | {} ns | {} | {} ns | {} | {} | {} |\n",
            f.text(&format!("decode.{model}_ns")),
            ratio("decode."),
            f.text(&format!("decode.later.{model}_ns")),
            ratio("decode.later."),
            f.text(&format!("memory.decode_{model}_allocations")),
            f.text(&format!("memory.decode_{model}_bytes")),
        );
    }
    out
}

fn memory(f: &Figures) -> String {
    let mut out = String::from(
        "## 4. Memory\n\n\
         Allocations counted by a global allocator on the client's thread only (the server \
         has its own), per call, over 1,000 calls after warm-up:\n\n\
         | | allocations | bytes allocated |\n|---|---|---|\n",
    );
    for (name, label) in [
        ("client", "client call over loopback"),
        ("baseline", "baseline call over loopback"),
        (
            "make_call",
            "making the call: ids collected, checked, body serialized",
        ),
        (
            "in_memory_call",
            "whole call over the in-memory transport, empty page",
        ),
        (
            "in_memory_transport",
            "of which the in-memory transport's answer",
        ),
        ("empty_page_decode", "of which decoding the empty page"),
    ] {
        let field = |unit: &str| match name {
            "client" | "baseline" => f.text(&format!("memory.{name}_{unit}_per_call")),
            _ => f.text(&format!("memory.{name}_{unit}")),
        };
        out += &format!(
            "| {label} | {} | {} |\n",
            field("allocations"),
            field("bytes")
        );
    }
    out + &format!(
        "\nPeak RSS (`VmHWM`, the whole process, server included) after {} sequential calls: \
         **{} MiB** ({} MiB before the first of them; {} MiB resident after).\n",
        f.text("memory.rss_run_calls"),
        mib(f, "memory.peak_rss_kib"),
        mib(f, "memory.peak_rss_before_kib"),
        mib(f, "memory.rss_after_kib"),
    )
}

fn build_cost(f: &Figures) -> String {
    format!(
        "## 5. Build cost\n\n\
         `cargo build -p openai-admin-types` into an empty target directory (dev profile, \
         sources already downloaded): **{} s**. Dependencies \
         (`cargo tree -p openai-admin-types -e normal --prefix none`): {} crates ({}). The \
         `sort -u | wc -l` of that output, which also counts the crate itself and the \
         repeats marked `(*)`, is {}.\n",
        f.text("build.types_clean_seconds"),
        f.text("build.dependencies"),
        f.text("build.dependency_names"),
        f.text("build.tree_unique_lines"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_name_then_the_rest_of_the_line() {
        let figures = Figures::parse("overhead.ratio 1.042\nmachine.cpu Intel Xeon\n\nlonely\n");
        assert_eq!(figures.number("overhead.ratio"), Some(1.042));
        assert_eq!(figures.text("machine.cpu"), "Intel Xeon");
        assert_eq!(figures.number("machine.cpu"), None);
        assert_eq!(figures.text("lonely"), "n/a");
    }

    #[test]
    fn notes_below_the_line_survive_a_rewrite() {
        let previous = format!("old figures\n{HAND_WRITTEN}\n\n## Findings\n\nkept.\n");
        let written = render(&Figures::default(), &previous);
        assert!(written.starts_with("# Benchmarks\n"));
        assert!(written.ends_with(&format!("{HAND_WRITTEN}\n\n## Findings\n\nkept.\n")));
        assert!(!written.contains("old figures"));
    }

    #[test]
    fn goals_say_met_missed_or_not_measured() {
        let figures = Figures::parse(
            "overhead.ratio 1.2\ndecode.ratio 1.1\nconcurrency.limit 32\n\
             concurrency.semaphore.connections_max 32\nconcurrency.capped.connections_max 33\n",
        );
        let written = render(&figures, "");
        assert!(written.contains(
            "| per-call overhead (one thread) | client ÷ baseline ≤ 1.10 | 1.2 | **missed** |"
        ));
        assert!(written.contains("| decode | `Page<Certificate>` ÷ minimal ≤ 1.3 | 1.1 | met |"));
        assert!(written.contains("32 semaphore permits | ≤ 32 | 32 | met |"));
        assert!(written.contains("`max_connections_per_host(32)` | ≤ 32 | 33 | **missed** |"));
        assert!(written.contains(
            "| connections open at once, 1,000 calls, `max_connections_per_host(32)` | ≤ 32 \
             | n/a | not measured |"
        ));
        assert!(written.contains("| < 30 MiB | n/a MiB | not measured |"));
    }
}
