//! The HTTP seam of openai-admin: one trait, [`HttpSend`], and one implementation of it.
//!
//! The client never talks to a socket itself. It builds an [`http::Request`] with a
//! buffered body, hands it to an `HttpSend`, and reads the buffered [`http::Response`]
//! it gets back. Depend on this crate directly when you bring your own HTTP stack, wrap
//! the default one (logging, recording, fault injection), or write a fake; depend on
//! `openai-admin` instead when you just want to call the API.
//!
//! The contract is small on purpose:
//!
//! - every HTTP status, 2xx or not, is an `Ok` response: interpreting statuses is the
//!   client's job, so it behaves the same over every transport;
//! - an `Err` means no response was had, and its [`TransportErrorKind`] says why
//!   (could not connect, timed out, broke mid-exchange, answer too large, other), which
//!   the client uses to decide whether a retry is safe;
//! - implementations are `Send + Sync + Debug` and object safe, so the client holds an
//!   `Arc<dyn HttpSend>` and your code never becomes generic over transports.
//!
//! With the default `hyper` feature, [`HyperTransport`] is a pooled hyper-util client over
//! hyper-rustls (webpki roots, HTTP/1.1 and HTTP/2 by ALPN) with a connect timeout and a
//! cap on the size of response bodies. It honours `HTTPS_PROXY`, `NO_PROXY` and their
//! kin, or a proxy given to its builder, and can present a client certificate. The
//! `native-roots` feature adds the platform's root certificates to the trusted ones.
//!
//! A transport of your own is a few lines:
//!
//! ```
//! use bytes::Bytes;
//! use openai_admin_transport::{async_trait, HttpSend, TransportError};
//!
//! /// Answers every request with an empty 204, without any network.
//! #[derive(Debug)]
//! struct NoContent;
//!
//! #[async_trait]
//! impl HttpSend for NoContent {
//!     async fn send(
//!         &self,
//!         _request: http::Request<Bytes>,
//!     ) -> Result<http::Response<Bytes>, TransportError> {
//!         Ok(http::Response::builder().status(204).body(Bytes::new()).unwrap())
//!     }
//! }
//! ```

mod error;
#[cfg(feature = "hyper")]
mod hyper_transport;
mod send;

pub use async_trait::async_trait;
pub use error::{TransportError, TransportErrorKind};
#[cfg(feature = "hyper")]
pub use hyper_transport::{HyperTransport, HyperTransportBuilder};
pub use send::HttpSend;
