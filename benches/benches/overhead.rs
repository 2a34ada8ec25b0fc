//! Per-call overhead of the client over its hyper transport, against a plain
//! hyper-util client sending the same request to the same loopback server.
//!
//! Three arms take turns in rounds, so that drift (frequency scaling, a noisy
//! neighbour) falls on all of them alike; the order within a round rotates:
//!
//! - `client`: `client.organization().certificates().deactivate(ten ids)`, which
//!   validates, builds the request, runs the retry loop, and decodes the page;
//! - `baseline`: the same request bytes through hyper-util, body read, not decoded;
//! - `baseline_decode`: the baseline, then `serde_json` into `Page<Certificate>`,
//!   to split the client's overhead into decoding and everything else.
//!
//! Every call is timed on its own; the figures are medians of those times. The
//! client runs on a single-threaded runtime on this thread, in two layouts:
//!
//! - one thread (the figures that count): the server runs on the same runtime, so
//!   a call costs what client and server compute, kernel included, and nothing
//!   else;
//! - two threads (`overhead.two_threads.*`): the server on a thread of its own.
//!   Each call then wakes the other thread twice, and on a virtual machine with
//!   idle cores a wake-up can take tens of microseconds, more than the work, so
//!   these figures swing with whatever else the machine is doing.
//!
//! A second phase prices the client without any network: the same calls over
//! `FixedAnswer`, an in-memory transport that answers at once, with the page of ten
//! certificates and with an empty page (so nearly nothing to decode). Those calls
//! are too quick to time one by one; they are timed in batches.

use std::hint::black_box;
use std::time::{Duration, Instant};

use openai_admin::types::{Certificate, Page};
use openai_admin::Client;
use openai_admin_bench::baseline::Baseline;
use openai_admin_bench::fixed_answer::FixedAnswer;
use openai_admin_bench::report::{figure, round};
use openai_admin_bench::server::LoopbackServer;
use openai_admin_bench::stats::Summary;
use openai_admin_bench::{admin, fixture};

const WARMUP_CALLS: usize = 500;
const ROUNDS: usize = 40;
const CALLS_PER_ROUND: usize = 250;
/// Rounds stop early past this, so a slow machine still finishes.
const TIME_LIMIT: Duration = Duration::from_secs(60);
const IN_MEMORY_ROUNDS: usize = 40;
const IN_MEMORY_CALLS_PER_TURN: u32 = 1_000;

#[derive(Debug, Clone, Copy)]
enum Arm {
    Client,
    Baseline,
    BaselineDecode,
}

const ARMS: [Arm; 3] = [Arm::Client, Arm::Baseline, Arm::BaselineDecode];

impl Arm {
    fn name(self) -> &'static str {
        match self {
            Arm::Client => "client",
            Arm::Baseline => "baseline",
            Arm::BaselineDecode => "baseline_decode",
        }
    }

    async fn call(self, client: &Client, baseline: &Baseline) {
        match self {
            Arm::Client => deactivate(client).await,
            Arm::Baseline => {
                let body = baseline.send().await.expect("the baseline's call succeeds");
                black_box(body);
            }
            Arm::BaselineDecode => {
                let body = baseline.send().await.expect("the baseline's call succeeds");
                let page: Page<Certificate> =
                    serde_json::from_slice(&body).expect("the page decodes");
                black_box(page);
            }
        }
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("build the client runtime");

    let (server, samples) = runtime.block_on(async {
        let server = LoopbackServer::start_on_current_runtime();
        let samples = measure(&server).await;
        (server, samples)
    });
    report("overhead", "one thread", &server, samples);
    drop(server);

    let server = LoopbackServer::start();
    let samples = runtime.block_on(measure(&server));
    report("overhead.two_threads", "two threads", &server, samples);

    runtime.block_on(in_memory());
}

/// The client over in-memory transports: its own cost per call, without the round
/// trip, with the ten-certificate page and with an empty one.
async fn in_memory() {
    let clients = [
        ("page", FixedAnswer::new(fixture::page_body())),
        ("empty", FixedAnswer::empty_page()),
    ]
    .map(|(name, transport)| {
        (
            name,
            admin::with_transport(admin::IN_MEMORY_BASE_URL, transport),
        )
    });

    let mut per_client: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    for round in 0..=IN_MEMORY_ROUNDS {
        for turn in 0..clients.len() {
            let index = (round + turn) % clients.len();
            let start = Instant::now();
            for _ in 0..IN_MEMORY_CALLS_PER_TURN {
                deactivate(&clients[index].1).await;
            }
            let per_call = start.elapsed() / IN_MEMORY_CALLS_PER_TURN;
            // Round 0 warms up and is not kept.
            if round > 0 {
                per_client[index].push(per_call.as_secs_f64() * 1e6);
            }
        }
    }

    for ((name, _), mut samples) in clients.iter().zip(per_client) {
        let median = Summary::of(&mut samples).median;
        println!("overhead: in memory, {name:<5} page  median {median:>7.2} us per call");
        figure(&format!("overhead.in_memory_{name}_us"), round(median, 2));
    }
}

async fn deactivate(client: &Client) {
    let page = client
        .organization()
        .certificates()
        .deactivate(fixture::CERTIFICATE_IDS)
        .await
        .expect("the client's call succeeds");
    black_box(page);
}

/// Every call's duration, per arm, and how many rounds ran.
struct Samples {
    per_arm: [Vec<Duration>; 3],
    /// Per round, the client's median over the baseline's.
    round_ratios: Vec<f64>,
}

async fn measure(server: &LoopbackServer) -> Samples {
    let client = admin::client(server, usize::MAX);
    let baseline = Baseline::mirror(server, &client, usize::MAX)
        .await
        .unwrap_or_else(|reason| panic!("{reason}"));
    println!("overhead: the baseline sends the client's request byte for byte (headers, body)");

    for arm in ARMS {
        for _ in 0..WARMUP_CALLS {
            arm.call(&client, &baseline).await;
        }
    }

    let mut samples = Samples {
        per_arm: ARMS.map(|_| Vec::with_capacity(ROUNDS * CALLS_PER_ROUND)),
        round_ratios: Vec::with_capacity(ROUNDS),
    };
    let started = Instant::now();
    for round in 0..ROUNDS {
        if started.elapsed() > TIME_LIMIT {
            println!("overhead: time limit reached after {round} rounds");
            break;
        }
        let mut this_round: [Vec<Duration>; 3] = ARMS.map(|_| Vec::with_capacity(CALLS_PER_ROUND));
        for turn in 0..ARMS.len() {
            let index = (round + turn) % ARMS.len();
            for _ in 0..CALLS_PER_ROUND {
                let start = Instant::now();
                ARMS[index].call(&client, &baseline).await;
                this_round[index].push(start.elapsed());
            }
        }
        let client_median = Summary::of_micros(&this_round[0]).median;
        let baseline_median = Summary::of_micros(&this_round[1]).median;
        samples.round_ratios.push(client_median / baseline_median);
        for (all, round) in samples.per_arm.iter_mut().zip(this_round) {
            all.extend(round);
        }
    }
    samples
}

fn report(prefix: &str, layout: &str, server: &LoopbackServer, mut samples: Samples) {
    let summaries = samples.per_arm.each_ref().map(|d| Summary::of_micros(d));
    for (arm, summary) in ARMS.iter().zip(&summaries) {
        println!(
            "overhead: {layout:<11} {:<16} median {:>7.2} us  p90 {:>7.2} us  mean {:>7.2} us  ({} calls)",
            arm.name(),
            summary.median,
            summary.p90,
            summary.mean,
            summary.count
        );
        figure(
            &format!("{prefix}.{}_median_us", arm.name()),
            round(summary.median, 2),
        );
        figure(
            &format!("{prefix}.{}_p90_us", arm.name()),
            round(summary.p90, 2),
        );
    }

    let [client, baseline, baseline_decode] = summaries;
    let ratio = client.median / baseline.median;
    let round_ratio = Summary::of(&mut samples.round_ratios).median;
    println!(
        "overhead: {layout:<11} client / baseline {ratio:.3} (median of per-round ratios {round_ratio:.3})"
    );
    figure(&format!("{prefix}.calls_per_arm"), client.count);
    figure(&format!("{prefix}.rounds"), samples.round_ratios.len());
    figure(&format!("{prefix}.ratio"), round(ratio, 3));
    figure(
        &format!("{prefix}.round_ratio_median"),
        round(round_ratio, 3),
    );
    figure(
        &format!("{prefix}.decode_us"),
        round(baseline_decode.median - baseline.median, 2),
    );
    figure(
        &format!("{prefix}.client_beyond_decode_us"),
        round(client.median - baseline_decode.median, 2),
    );
    figure(&format!("{prefix}.connections_accepted"), server.accepted());
}
