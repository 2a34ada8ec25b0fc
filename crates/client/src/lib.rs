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
