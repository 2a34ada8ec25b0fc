//! A thousand concurrent deactivate calls on one cloned client: throughput,
//! latency, errors, and how many TCP connections the server had to accept.
//!
//! hyper-util's legacy pool has no cap on connections per host:
//! `pool_max_idle_per_host` bounds only the connections kept *idle* afterwards.
//! Under a burst, a request that finds no idle connection opens a new one, so a
//! thousand calls at once can open up to a thousand connections. The variants show
//! it, the bound a caller can set around the calls, and the transport's own cap:
//!
//! - `unbounded`: 1,000 tasks at once, the default pool (no idle cap);
//! - `idle_cap`: the same, with `pool_max_idle_per_host(LIMIT)`;
//! - `semaphore`: the same pool, each task holding one of `LIMIT` permits
//!   around its call, so at most `LIMIT` requests are in flight. Connections can
//!   still outnumber them: a request that finds no idle connection starts one at
//!   once, even when another is about to be handed back;
//! - `capped`: no semaphore; the transport built with
//!   `max_connections_per_host(LIMIT)` and the default idle cap (unlimited, so
//!   no connection is closed for being idle one too many).
//!
//! Each variant runs [`REPETITIONS`] times against a fresh server and client, so
//! every run starts with no connection. Latency is measured from the moment a task
//! starts, so in the `semaphore` variant it includes the wait for a permit.

use std::sync::Arc;
use std::time::{Duration, Instant};

use openai_admin_bench::report::{figure, round};
use openai_admin_bench::server::LoopbackServer;
use openai_admin_bench::stats::Summary;
use openai_admin_bench::{admin, fixture, rss};
use tokio::sync::Semaphore;

const CALLS: usize = 1_000;
const LIMIT: usize = 32;
const REPETITIONS: usize = 3;
/// A whole burst is abandoned past this; the calls' own timeout is shorter.
const BURST_LIMIT: Duration = Duration::from_secs(60);

/// One way of running the burst: the hyper transport's pool settings, and the
/// permits around the calls, if any.
struct Variant {
    name: &'static str,
    pool_max_idle_per_host: usize,
    max_connections_per_host: usize,
    in_flight: Option<usize>,
}

const VARIANTS: [Variant; 4] = [
    Variant {
        name: "unbounded",
        pool_max_idle_per_host: usize::MAX,
        max_connections_per_host: usize::MAX,
        in_flight: None,
    },
    Variant {
        name: "idle_cap",
        pool_max_idle_per_host: LIMIT,
        max_connections_per_host: usize::MAX,
        in_flight: None,
    },
    Variant {
        name: "semaphore",
        pool_max_idle_per_host: LIMIT,
        max_connections_per_host: usize::MAX,
        in_flight: Some(LIMIT),
    },
    Variant {
        name: "capped",
        pool_max_idle_per_host: usize::MAX,
        max_connections_per_host: LIMIT,
        in_flight: None,
    },
];

/// What one burst produced.
struct Burst {
    wall: Duration,
    latencies: Vec<Duration>,
    errors: usize,
    accepted: usize,
    /// Accepted but no longer open when the burst ended: closed by the client
    /// during it (as far as the server had noticed).
    closed: usize,
    peak_open: usize,
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("build the client runtime");

    figure("concurrency.calls", CALLS);
    figure("concurrency.limit", LIMIT);
    for variant in &VARIANTS {
        let bursts: Vec<Burst> = (0..REPETITIONS)
            .map(|_| {
                let server = LoopbackServer::start();
                runtime.block_on(burst(&server, variant))
            })
            .collect();
        report(variant, bursts);
    }
    if let Some(rss) = rss::now() {
        figure("concurrency.peak_rss_kib", rss.peak_kib);
    }
}

async fn burst(server: &LoopbackServer, variant: &Variant) -> Burst {
    let client = admin::client_with(server, |transport| {
        transport
            .pool_max_idle_per_host(variant.pool_max_idle_per_host)
            .max_connections_per_host(variant.max_connections_per_host)
    });
    let permits = variant.in_flight.map(|n| Arc::new(Semaphore::new(n)));

    let started = Instant::now();
    let tasks: Vec<_> = (0..CALLS)
        .map(|_| {
            let client = client.clone();
            let permits = permits.clone();
            tokio::spawn(async move {
                let begun = Instant::now();
                let _permit = match &permits {
                    Some(permits) => Some(permits.acquire().await.expect("never closed")),
                    None => None,
                };
                let result = client
                    .organization()
                    .certificates()
                    .deactivate(fixture::CERTIFICATE_IDS)
                    .await;
                (begun.elapsed(), result.map(|page| page.data.len()))
            })
        })
        .collect();

    let mut latencies = Vec::with_capacity(CALLS);
    let mut errors = 0;
    let joined = tokio::time::timeout(BURST_LIMIT, async {
        for task in tasks {
            match task.await {
                Ok((latency, Ok(10))) => latencies.push(latency),
                Ok((_, Ok(_) | Err(_))) | Err(_) => errors += 1,
            }
        }
    })
    .await;
    if joined.is_err() {
        errors = CALLS - latencies.len();
    }

    let wall = started.elapsed();
    let accepted = server.accepted();
    Burst {
        wall,
        latencies,
        errors,
        accepted,
        closed: accepted.saturating_sub(server.open()),
        peak_open: server.peak_open(),
    }
}

fn report(variant: &Variant, bursts: Vec<Burst>) {
    let mut throughputs: Vec<f64> = bursts
        .iter()
        .map(|burst| burst.latencies.len() as f64 / burst.wall.as_secs_f64())
        .collect();
    let throughput = Summary::of(&mut throughputs).median;
    let latencies: Vec<Duration> = bursts.iter().flat_map(|b| b.latencies.clone()).collect();
    let errors: usize = bursts.iter().map(|b| b.errors).sum();
    let accepted: Vec<usize> = bursts.iter().map(|b| b.accepted).collect();
    let peak_open = bursts.iter().map(|b| b.peak_open).max().unwrap_or(0);
    let closed = bursts.iter().map(|b| b.closed).max().unwrap_or(0);

    let name = variant.name;
    let prefix = format!("concurrency.{name}");
    figure(&format!("{prefix}.throughput_per_s"), round(throughput, 0));
    figure(&format!("{prefix}.errors"), errors);
    figure(
        &format!("{prefix}.connections_max"),
        accepted.iter().max().unwrap_or(&0),
    );
    figure(
        &format!("{prefix}.connections_min"),
        accepted.iter().min().unwrap_or(&0),
    );
    figure(&format!("{prefix}.peak_open"), peak_open);
    figure(&format!("{prefix}.closed_max"), closed);
    if latencies.is_empty() {
        println!("concurrency: {name}: every call failed");
        return;
    }
    let latency = Summary::of_micros(&latencies);
    figure(&format!("{prefix}.p50_ms"), round(latency.median / 1e3, 2));
    figure(&format!("{prefix}.p99_ms"), round(latency.p99 / 1e3, 2));
    println!(
        "concurrency: {name:<10} {throughput:>8.0} calls/s  p50 {:>7.2} ms  p99 {:>7.2} ms  \
         errors {errors}  connections accepted {accepted:?}  closed during a burst at most \
         {closed}  peak open {peak_open}",
        latency.median / 1e3,
        latency.p99 / 1e3,
    );
}
