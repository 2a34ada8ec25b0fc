//! The default [`HttpSend`]: a pooled hyper-util client over hyper-rustls.
//!
//! A connection is opened per origin and kept in a pool for reuse. `https` origins
//! negotiate HTTP/2 or HTTP/1.1 by ALPN; plain `http` origins (a loopback emulator,
//! a local proxy) speak HTTP/1.1. Response bodies are read frame by frame up to a
//! cap, so a misbehaving server cannot make the client buffer an unbounded body.

mod body;
mod builder;
mod failure;
mod tls;

use std::fmt;

use async_trait::async_trait;
use bytes::Bytes;
use http_body_util::Full;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;

pub use builder::HyperTransportBuilder;
use builder::Settings;

use crate::{HttpSend, TransportError};

/// A pooled HTTP/1.1 and HTTP/2 transport over rustls, with webpki trust anchors.
///
/// Cloning is cheap: clones share one connection pool. Build one with
/// [`HyperTransport::new`] for the defaults or [`HyperTransport::builder`] to change
/// the connect timeout, the response body cap, the pool or the trust anchors.
///
/// [`send`](HttpSend::send) must be called from within a tokio runtime, which drives
/// the connections in background tasks.
///
/// The transport bounds the time to connect but not the whole exchange: a server
/// that accepts the connection and then stalls keeps a request waiting. The
/// `openai-admin` client puts a deadline on each attempt itself, so that one
/// timeout covers every transport alike; wrap the call in
/// [`tokio::time::timeout`] when using this type on its own.
///
/// The only retry it makes on its own is hyper's: a request handed to a pooled
/// connection that turned out to be closed before any byte of the request was
/// written is sent again on a fresh connection. That is invisible and always safe.
///
/// ```no_run
/// use std::time::Duration;
/// use openai_admin_transport::HyperTransport;
///
/// # fn main() -> Result<(), openai_admin_transport::TransportError> {
/// let transport = HyperTransport::builder()
///     .connect_timeout(Duration::from_secs(2))
///     .max_response_body_bytes(1 << 20)
///     .build()?;
/// # let _ = transport;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct HyperTransport {
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
    settings: Settings,
}

impl HyperTransport {
    /// A transport with the default settings: a 5 s connect timeout, a 16 MiB cap on
    /// response bodies, idle connections kept for 90 s, and the webpki roots.
    ///
    /// # Errors
    ///
    /// Returns a [`TransportError`] of kind
    /// [`Other`](crate::TransportErrorKind::Other) if the TLS configuration cannot be
    /// built, which does not happen with the built-in roots.
    pub fn new() -> Result<Self, TransportError> {
        Self::builder().build()
    }

    /// A builder starting from the default settings.
    pub fn builder() -> HyperTransportBuilder {
        HyperTransportBuilder::default()
    }
}

impl fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("HyperTransport");
        self.settings.fields(&mut out);
        out.finish()
    }
}

#[async_trait]
impl HttpSend for HyperTransport {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        failure::check_target(request.uri())?;
        let origin = failure::Origin::of(request.uri());

        let response = self
            .client
            .request(request.map(Full::new))
            .await
            .map_err(|error| failure::from_send(error, &origin))?;

        let (parts, incoming) = response.into_parts();
        let body = body::read_capped(incoming, self.settings.max_response_body_bytes)
            .await
            .map_err(|error| error.into_transport_error(&origin))?;
        Ok(http::Response::from_parts(parts, body))
    }
}
