//! The shared parts of the openai-admin benchmarks; the benchmarks themselves are
//! the binaries under `benches/`, run by `cargo xtask bench`, which writes their
//! figures to `BENCHMARKS.md`.
//!
//! Every request goes to a [`LoopbackServer`](server::LoopbackServer) this
//! process starts on 127.0.0.1: the server answers each deactivate call with the
//! same fixed page of ten certificates, and counts the TCP connections it
//! accepts. Nothing here knows any
//! other address, and no client is built without a loopback base URL.
//!
//! The parts:
//!
//! - [`fixture`]: the ids sent and the page answered;
//! - [`server`]: the loopback HTTP/1.1 server;
//! - [`admin`]: an `openai-admin` client pointed at that server over the hyper
//!   transport with the settings a benchmark picks (pool, connection cap), or
//!   over [`fixed_answer`], an in-memory transport that prices the client
//!   without the round trip;
//! - [`baseline`]: a plain hyper-util client sending the very same request, the
//!   yardstick for per-call overhead;
//! - [`minimal`] and [`keep_unknown`]: for the decode benchmark, the yardstick
//!   (documented fields only, no flatten) and hand-written visitors that keep
//!   unknown fields as the types crate's derived `#[serde(flatten)]` does, the
//!   alternative that was measured and not adopted;
//! - [`stats`], [`rss`] and [`report`]: medians and percentiles, the process's
//!   memory high-water mark, and the result lines `cargo xtask bench` reads;
//! - [`markdown`]: `BENCHMARKS.md` from those figures, which the `write-report`
//!   binary writes for `cargo xtask bench`.
//!
//! ```no_run
//! use openai_admin_bench::{admin, fixture, server::LoopbackServer};
//!
//! let server = LoopbackServer::start();
//! let client = admin::client(&server, usize::MAX);
//! let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
//! let deactivate = client.organization().certificates().deactivate(fixture::CERTIFICATE_IDS);
//! let page = runtime.block_on(async { deactivate.await }).unwrap();
//! assert_eq!(page.data.len(), 10);
//! ```

pub mod admin;
pub mod baseline;
pub mod fixed_answer;
pub mod fixture;
pub mod keep_unknown;
pub mod markdown;
pub mod minimal;
mod reading;
pub mod report;
pub mod rss;
pub mod server;
pub mod stats;
