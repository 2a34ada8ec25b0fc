//! A strict, small client for the OpenAI Admin API's certificate endpoints.
//!
//! Its first job is the one an operator reaches for when a certificate is compromised:
//! deactivate it for the whole organization, now.
//!
//! ```no_run
//! # async fn run() -> Result<(), openai_admin::Error> {
//! let client = openai_admin::Client::from_env()?;
//! let page = client
//!     .organization()
//!     .certificates()
//!     .deactivate(["cert_abc", "cert_def"])
//!     .await?;
//! for certificate in &page.data {
//!     println!("{} active={:?}", certificate.id, certificate.active);
//! }
//! println!("request id: {:?}", page.request_id);
//! # Ok(()) }
//! ```
//!
//! The same call, runnable anywhere, against the in-memory emulator of
//! `openai-admin-testing`, which is how you test code that uses this crate:
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), openai_admin::Error> {
//! use openai_admin_testing::Emulator;
//!
//! let emulator = Emulator::builder().certificate("cert_abc", "Edge", true).build();
//! let client = openai_admin::Client::builder()
//!     .admin_key("sk-admin-test")
//!     .transport(emulator.clone())
//!     .build()?;
//!
//! let page = client.organization().certificates().deactivate(["cert_abc"]).await?;
//!
//! assert_eq!(page.data[0].active, Some(false));
//! assert!(!emulator.is_active("cert_abc"));
//! # Ok(()) }
//! ```
//!
//! # How it fits together
//!
//! - This crate builds requests, classifies answers and decodes them. The models live
//!   in `openai-admin-types`; use that crate alone when you only need the data.
//! - Bytes move through an [`HttpSend`] transport from `openai-admin-transport`. The
//!   default (feature `hyper`, on by default) is a pooled hyper client over rustls; pass
//!   your own with [`ClientBuilder::transport`]. With `default-features = false` this
//!   crate does not depend on hyper at all.
//! - For tests, `openai-admin-testing` has a scripted transport and a stateful emulator
//!   of the certificate endpoints that plug in as transports.
//!
//! # Checked before sending
//!
//! Activate and deactivate take 1 to 10 non-empty ids. Every id placed in a URL path is
//! escaped as exactly one segment, and `.`, `..` and empty ids are refused, so no id can
//! put a request on another route. These checks fail the call with
//! [`Error::Validation`] and nothing is sent.
//!
//! # Retries, timeouts and deadlines
//!
//! The rules of OpenAI's official SDKs, with a few additions ([`RetryPolicy`] holds
//! the numbers):
//!
//! - 2 retries by default, set with [`ClientBuilder::max_retries`] or per call with
//!   [`Call::max_retries`].
//! - Retried: 408, 409, 429, every 5xx, connection failures and timeouts; never 400,
//!   401, 403, 404, 422 or another 4xx. `x-should-retry: true|false` overrides the
//!   status either way.
//! - Before retry *n* (from 0) the client waits `min(0.5 s × 2ⁿ, 8 s)` times a random
//!   factor in `[0.75, 1]`, unless the server asked for a delay: `retry-after-ms`,
//!   then `retry-after` in seconds (fractions allowed), then `retry-after` as an HTTP
//!   date (past means now). Negative, empty or unreadable values fall back to the
//!   backoff. Server delays up to [`RetryPolicy::max_retry_after`] (60 s) are honoured;
//!   a longer one ends the call with the error, whose [`ApiError::retry_after`] says
//!   how long the server asked for.
//! - Only idempotent operations (all but upload) are retried after an unclear outcome
//!   (a timeout, a broken connection, a retryable status). Upload is retried only
//!   after a connect failure, unless [`RequestOptions::retry_non_idempotent`] opts in.
//! - Each attempt may take [`DEFAULT_TIMEOUT`] (600 s) unless set; the default
//!   transport's connect timeout is 5 s. An optional total deadline
//!   ([`ClientBuilder::deadline`], [`Call::deadline`]) covers every attempt and wait:
//!   an attempt in flight is cut off when it is reached, no wait is started that would
//!   end past it, and the call fails with [`Error::Deadline`].
//! - Time comes from a [`Clock`]: [`TokioClock`] by default, [`ManualClock`] in tests,
//!   so that no test waits for real.
//!
//! # Errors
//!
//! Every call returns [`Error`], which says whether nothing was sent (validation,
//! configuration), the API refused ([`ApiError`] with status, kind, message, type, code,
//! param and request id, whatever shape the error body had), the exchange failed
//! ([`Error::Transport`]), or a 2xx body did not decode ([`DecodeError`] with request id
//! and a short snippet). The admin key never appears in any `Debug` or `Display`.

mod attempt;
mod attempt_span;
mod backoff;
mod base_url;
mod bounded;
mod bulk;
mod call;
mod classify;
mod client;
mod clock;
mod config;
mod decode;
mod error;
mod execute;
mod headers;
mod key;
mod list;
mod operation;
mod options;
mod pager;
mod path;
mod request;
pub mod resources;
mod response;
mod retry_after;
mod snippet;
mod status_error;
mod validation;

pub use backoff::{Jitter, RetryPolicy};
pub use base_url::{BaseUrl, DEFAULT_BASE_URL};
pub use bulk::{BatchOutcome, Bulk, DEFAULT_BULK_CONCURRENCY};
pub use call::Call;
pub use client::{Client, ClientBuilder};
pub use clock::{Clock, ManualClock, TokioClock, Wait};
pub use config::{
    Config, DEFAULT_TIMEOUT, ENV_ADMIN_KEY, ENV_BASE_URL, ENV_ORGANIZATION, ENV_PROJECT, USER_AGENT,
};
pub use error::{ApiError, ApiErrorKind, ConfigError, DecodeError, Error};
pub use key::AdminKey;
pub use list::{ListOrder, ListParams};
pub use operation::{operations, Operation};
pub use options::RequestOptions;
pub use pager::CertificatePager;
pub use response::Response;
pub use validation::{ValidationError, MAX_CERTIFICATE_IDS};

pub use openai_admin_transport::{HttpSend, TransportError, TransportErrorKind};
pub use openai_admin_types as types;

/// The README's examples, compiled and run as doctests so they cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
