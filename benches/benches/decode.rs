//! Decoding the ten-certificate page: our types against a minimal struct.
//!
//! Models, each decoded with `serde_json::from_slice`:
//!
//! - `typed`: `Page<Certificate>` from `openai-admin-types`, as the client decodes
//!   (derived `Deserialize`, unknown fields kept in a `#[serde(flatten)] extra`);
//! - `minimal`: the documented fields only, derived, no flatten (the yardstick);
//! - `keep_unknown`: the same `Page<Certificate>` through hand-written visitors
//!   that also keep unknown fields, the alternative to `flatten` that was
//!   measured and not adopted.
//!
//! Bodies: `current`, the page with exactly the documented fields, and `later`,
//! the same page with unknown fields at every level, as a later API might send.
//!
//! The arms take turns in rounds; each turn times a batch of decodes, and the
//! figure is the median over the rounds of the time per decode.

use std::hint::black_box;
use std::time::{Duration, Instant};

use bytes::Bytes;
use openai_admin::types::{Certificate, Page};
use openai_admin_bench::minimal::MinimalPage;
use openai_admin_bench::report::{figure, round};
use openai_admin_bench::stats::Summary;
use openai_admin_bench::{fixture, keep_unknown};

const ROUNDS: usize = 200;
const DECODES_PER_TURN: usize = 250;
const TIME_LIMIT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Model {
    Typed,
    Minimal,
    KeepUnknown,
}

const MODELS: [Model; 3] = [Model::Typed, Model::Minimal, Model::KeepUnknown];

impl Model {
    fn name(self) -> &'static str {
        match self {
            Model::Typed => "typed",
            Model::Minimal => "minimal",
            Model::KeepUnknown => "keep_unknown",
        }
    }

    fn decode(self, body: &[u8]) {
        match self {
            Model::Typed => {
                let page: Page<Certificate> = serde_json::from_slice(body).expect("decodes");
                black_box(page);
            }
            Model::Minimal => {
                let page: MinimalPage = serde_json::from_slice(body).expect("decodes");
                black_box(page);
            }
            Model::KeepUnknown => {
                black_box(keep_unknown::page_from_slice(body).expect("decodes"));
            }
        }
    }

    /// Nanoseconds per decode over one batch.
    fn time_batch(self, body: &[u8]) -> f64 {
        let start = Instant::now();
        for _ in 0..DECODES_PER_TURN {
            self.decode(black_box(body));
        }
        start.elapsed().as_secs_f64() * 1e9 / DECODES_PER_TURN as f64
    }
}

/// One model on one body.
struct Arm {
    model: Model,
    body: &'static str,
    bytes: Bytes,
    samples: Vec<f64>,
}

impl Arm {
    /// The figure's name: `decode.typed_ns`, `decode.later.typed_ns`.
    fn figure_prefix(&self) -> String {
        match self.body {
            "current" => "decode.".to_owned(),
            body => format!("decode.{body}."),
        }
    }
}

fn main() {
    let bodies = [
        ("current", fixture::page_body()),
        ("later", fixture::page_body_with_unknown_fields()),
    ];
    let mut arms: Vec<Arm> = bodies
        .iter()
        .flat_map(|(body, bytes)| {
            MODELS.map(|model| Arm {
                model,
                body,
                bytes: bytes.clone(),
                samples: Vec::with_capacity(ROUNDS),
            })
        })
        .collect();
    for arm in &arms {
        arm.model.time_batch(&arm.bytes);
    }

    let started = Instant::now();
    for round in 0..ROUNDS {
        if started.elapsed() > TIME_LIMIT {
            println!("decode: time limit reached after {round} rounds");
            break;
        }
        for turn in 0..arms.len() {
            let index = (round + turn) % arms.len();
            let arm = &mut arms[index];
            let nanos = arm.model.time_batch(&arm.bytes);
            arm.samples.push(nanos);
        }
    }

    let rounds_run = arms[0].samples.len();
    figure("decode.body_bytes", bodies[0].1.len());
    figure("decode.later.body_bytes", bodies[1].1.len());
    figure("decode.decodes_per_arm", DECODES_PER_TURN * rounds_run);
    for (body, _) in &bodies {
        report(body, &mut arms);
    }
}

fn report(body: &str, arms: &mut [Arm]) {
    let mut medians = Vec::new();
    for arm in arms.iter_mut().filter(|arm| arm.body == body) {
        let median = Summary::of(&mut arm.samples).median;
        medians.push((arm.model, median, arm.figure_prefix()));
    }
    let minimal = medians
        .iter()
        .find(|(model, _, _)| *model == Model::Minimal)
        .map_or(f64::NAN, |(_, median, _)| *median);

    for (model, median, prefix) in &medians {
        let name = model.name();
        println!(
            "decode: {body:<8} {name:<13} {median:>6.0} ns per page  {:>5.2}x minimal",
            median / minimal
        );
        figure(&format!("{prefix}{name}_ns"), round(*median, 0));
        if *model == Model::Typed {
            figure(&format!("{prefix}ratio"), round(median / minimal, 3));
        } else if *model != Model::Minimal {
            figure(&format!("{prefix}{name}_ratio"), round(median / minimal, 3));
        }
    }
}
