//! What the workspace-level integration tests share: a loopback server that misbehaves
//! on purpose, the raw answers it writes, and a clock that skips backoff.
//!
//! The client's own tests (in `crates/client/tests`) run over scripted transports and
//! never open a socket. The tests here go through the real hyper transport to a real
//! TCP listener on 127.0.0.1, so they see what only sockets do: refused connections,
//! resets, truncated bodies, stalls, pooled connections that the server closed. The
//! server ([`RawServer`]) writes bytes the test chose, so it can send what no
//! well-behaved HTTP server would.
//!
//! Time is split the way the client splits it. Backoff pauses are skipped by
//! [`FastBackoffClock`] (and recorded, so a test can assert them), while per-attempt
//! timeouts and deadlines run on real timers, because the socket on the other side is
//! real too. Tests use short timeouts, a few hundred milliseconds.
//!
//! ```no_run
//! use openai_admin_integration::{Behaviour, FastBackoffClock, RawResponse, RawServer};
//!
//! # #[tokio::main] async fn main() {
//! let server = RawServer::start([
//!     Behaviour::reset_after_request(),
//!     Behaviour::answer(RawResponse::json(200, &serde_json::json!({"object": "list"}))),
//! ])
//! .await;
//! let clock = FastBackoffClock::new();
//! let client = openai_admin::Client::builder()
//!     .admin_key("sk-test")
//!     .base_url(server.base_url())
//!     .clock(clock.clone())
//!     .build()
//!     .unwrap();
//! # let _ = client;
//! # }
//! ```

mod fast_backoff_clock;
mod raw_response;
mod raw_server;

pub use fast_backoff_clock::FastBackoffClock;
pub use raw_response::RawResponse;
pub use raw_server::{refused_base_url, Behaviour, RawServer, SeenRequest, Step};
