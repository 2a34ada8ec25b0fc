//! The reading paragraph of `BENCHMARKS.md`: what the figures mean, written from
//! them, so that every number and every verdict in it is the run's own.

use crate::markdown::Figures;

/// Errors over every concurrency variant.
pub(crate) fn total_errors(f: &Figures) -> u64 {
    ["unbounded", "idle_cap", "semaphore", "capped"]
        .iter()
        .filter_map(|name| f.number(&format!("concurrency.{name}.errors")))
        .sum::<f64>() as u64
}

/// `a` against `b` in words: "about the same as", "12% less than", "8% more than".
fn compared(a: f64, b: f64) -> String {
    let change = a / b - 1.0;
    if change.abs() < 0.05 {
        "about the same as".into()
    } else if change < 0.0 {
        format!("{:.0}% less than", -change * 100.0)
    } else {
        format!("{:.0}% more than", change * 100.0)
    }
}

/// Whether the goal `ok` holds for the figure, in words.
fn outcome(value: Option<f64>, ok: fn(f64) -> bool) -> &'static str {
    match value {
        Some(value) if ok(value) => "met",
        Some(_) => "missed",
        None => "not measured",
    }
}

/// The paragraph, one sentence group per benchmark.
pub(crate) fn paragraph(f: &Figures) -> String {
    [overhead(f), concurrency(f), decode(f), memory(f)].join(" ")
}

fn memory(f: &Figures) -> String {
    let peak_mib = |name: &str| f.number(name).unwrap_or(f64::NAN) / 1024.0;
    let most_open = ["unbounded", "idle_cap"]
        .iter()
        .filter_map(|name| f.number(&format!("concurrency.{name}.peak_open")))
        .fold(f64::NAN, f64::max);
    format!(
        "Peak RSS after 10,000 sequential calls is {:.1} MiB (goal < 30 MiB {}); the \
         concurrency process, which held up to {most_open} connections open at once on both \
         ends, peaked at {:.1} MiB. The types crate builds clean in {} s with {} \
         dependencies, most of them serde's derive toolchain (syn, quote, proc-macro2).",
        peak_mib("memory.peak_rss_kib"),
        outcome(f.number("memory.peak_rss_kib"), |kib| kib < 30.0 * 1024.0),
        peak_mib("concurrency.peak_rss_kib"),
        f.text("build.types_clean_seconds"),
        f.text("build.dependencies"),
    )
}

fn overhead(f: &Figures) -> String {
    let n = |name: &str| f.number(name).unwrap_or(f64::NAN);
    let ratio = n("overhead.ratio");
    let baseline = n("overhead.baseline_median_us");
    let minimal_us = n("decode.minimal_ns") / 1e3;
    let mut text = format!(
        "On one thread a deactivate call costs {} µs through the client and {} µs through \
         the bare hyper-util client, {ratio:.2}× (goal ≤ 1.10 {}). The baseline only reads \
         the body: decoding the page into `Page<Certificate>` adds {} µs, and the client's \
         own work (making the call, building the request, the attempt with its timer, \
         reading the answer) the other {} µs, so against the baseline plus decoding the \
         client is {:.2}×; over an in-memory transport the whole client costs {} µs a call, \
         {} µs with an empty page.",
        f.text("overhead.client_median_us"),
        f.text("overhead.baseline_median_us"),
        outcome(f.number("overhead.ratio"), |ratio| ratio <= 1.10),
        f.text("overhead.decode_us"),
        f.text("overhead.client_beyond_decode_us"),
        n("overhead.client_median_us") / n("overhead.baseline_decode_median_us"),
        f.text("overhead.in_memory_page_us"),
        f.text("overhead.in_memory_empty_us"),
    );
    if ratio > 1.10 && minimal_us / baseline > 0.10 {
        text += &format!(
            " No client that decodes the answer can meet that goal on loopback: decoding the \
             page even into the minimal struct takes {minimal_us:.1} µs, {:.0}% of the \
             baseline's whole call.",
            minimal_us / baseline * 100.0
        );
    }
    text + &format!(
        " With the server on a thread of its own the ratio is {}×, only because every call \
         then waits for two cross-thread wake-ups ({} µs a call on this virtual machine) \
         that dwarf the work.",
        f.text("overhead.two_threads.ratio"),
        f.text("overhead.two_threads.baseline_median_us"),
    )
}

fn concurrency(f: &Figures) -> String {
    let c = |name: &str, field: &str| f.text(&format!("concurrency.{name}.{field}"));
    let n = |name: &str, field: &str| f.number(&format!("concurrency.{name}.{field}"));
    let limit = f.text("concurrency.limit");
    let most = f.number("concurrency.limit");
    let within = |value| matches!((value, most), (Some(n), Some(most)) if n <= most);
    let open_at_once = if within(n("capped", "peak_open")) {
        format!("at most {limit} open at once")
    } else {
        format!(
            "up to {} open at once as the server counted them",
            c("capped", "peak_open")
        )
    };
    let capped = if within(n("capped", "connections_max")) {
        format!("held every run to {limit} connections accepted and {open_at_once}")
    } else {
        format!(
            "kept {open_at_once}, yet the server accepted up to {} in a run, {} of them closed \
             by the client during the burst: hyper-util's pool now and then drops a connection \
             it has just handed to a request whose own new connection became ready in the same \
             instant, and the cap lets a replacement open",
            c("capped", "connections_max"),
            c("capped", "closed_max"),
        )
    };
    format!(
        "Under a burst of {} calls nothing in hyper-util's pool limits connections: \
         `pool_max_idle_per_host` bounds only the idle ones kept afterwards, so the burst \
         opened up to {} connections with the default pool and {} with an idle cap of \
         {limit}, which closed up to {} of them again during the burst. {limit} semaphore \
         permits around the calls still let up to {} through, because a request that finds no \
         idle connection starts a new one even when another is about to be handed back. The \
         transport's `max_connections_per_host({limit})` {capped}; it ran at {} calls/s \
         against {} with the semaphore and {} with nothing limiting the calls. There were {} \
         errors.",
        f.text("concurrency.calls"),
        c("unbounded", "connections_max"),
        c("idle_cap", "connections_max"),
        c("idle_cap", "closed_max"),
        c("semaphore", "connections_max"),
        c("capped", "throughput_per_s"),
        c("semaphore", "throughput_per_s"),
        c("unbounded", "throughput_per_s"),
        total_errors(f),
    )
}

fn decode(f: &Figures) -> String {
    let n = |name: &str| f.number(name).unwrap_or(f64::NAN);
    let ratio = n("decode.ratio");
    let gain = 1.0 - n("decode.keep_unknown_ns") / n("decode.typed_ns");
    let verdict = if gain.is_nan() {
        "without the figures of both, nothing can be said of the choice".to_owned()
    } else if gain <= 0.0 {
        "hand-written visitors gain nothing, and the types crate keeps the derive".to_owned()
    } else {
        format!(
            "the types crate keeps the derive, since about {:.0}% on the documented page does \
             not pay for three hand-written visitors to keep in step with the models",
            gain * 100.0
        )
    };
    format!(
        "Decoding into `Page<Certificate>`, derived with `#[serde(flatten)]` maps that keep \
         unknown fields, costs {ratio:.2}× the minimal struct (goal ≤ 1.3 {}). serde_derive \
         decodes known fields in place even with `flatten` and buffers only unknown ones, so \
         flatten costs little on the documented page; with unknown fields at every level the \
         page takes {} ns against the minimal struct's {} ns, most of it building the \
         `serde_json::Value`s that keep those fields. Hand-written visitors that keep them as \
         well (`keep_unknown`) take {} ns, {} the derive, and {} ns with unknown fields, {} \
         it; {verdict}.",
        outcome(f.number("decode.ratio"), |ratio| ratio <= 1.3),
        f.text("decode.later.typed_ns"),
        f.text("decode.later.minimal_ns"),
        f.text("decode.keep_unknown_ns"),
        compared(n("decode.keep_unknown_ns"), n("decode.typed_ns")),
        f.text("decode.later.keep_unknown_ns"),
        compared(
            n("decode.later.keep_unknown_ns"),
            n("decode.later.typed_ns")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_are_in_words() {
        assert_eq!(compared(1.02, 1.0), "about the same as");
        assert_eq!(compared(0.88, 1.0), "12% less than");
        assert_eq!(compared(1.5, 1.0), "50% more than");
    }

    #[test]
    fn errors_add_up_over_the_variants() {
        let figures =
            Figures::parse("concurrency.unbounded.errors 2\nconcurrency.capped.errors 1\n");
        assert_eq!(total_errors(&figures), 3);
    }

    #[test]
    fn a_cap_exceeded_at_the_server_is_explained() {
        let figures = Figures::parse(
            "concurrency.limit 32\nconcurrency.capped.connections_max 33\n\
             concurrency.capped.closed_max 1\nconcurrency.capped.peak_open 32\n",
        );
        let text = paragraph(&figures);
        assert!(text.contains(
            "`max_connections_per_host(32)` kept at most 32 open at once, yet the server \
             accepted up to 33 in a run, 1 of them closed by the client"
        ));
    }

    #[test]
    fn the_alternative_decoder_is_weighed_by_its_gain() {
        let figures = Figures::parse("decode.typed_ns 4000\ndecode.keep_unknown_ns 3880\n");
        let text = paragraph(&figures);
        assert!(text.contains("take 3880 ns, about the same as the derive"));
        assert!(text.contains("since about 3% on the documented page does not pay"));
    }

    #[test]
    fn a_missed_overhead_goal_says_why_when_decoding_alone_explains_it() {
        let figures = Figures::parse(
            "overhead.ratio 1.6\noverhead.baseline_median_us 9\ndecode.minimal_ns 3500\n",
        );
        let text = paragraph(&figures);
        assert!(text.contains("1.60× (goal ≤ 1.10 missed)"));
        assert!(text.contains("takes 3.5 µs, 39% of the baseline's whole call"));
    }
}
