//! The default [`HttpSend`]: a pooled hyper-util client over hyper-rustls.
//!
//! A connection is opened per origin and kept in a pool for reuse. `https` origins
//! negotiate HTTP/2 or HTTP/1.1 by ALPN; plain `http` origins (a loopback emulator,
//! a local proxy) speak HTTP/1.1. Response bodies are read frame by frame up to a
//! cap, so a misbehaving server cannot make the client buffer an unbounded body.
//! Below TLS, [`connector`] dials either the target or the proxy for it, as
//! [`proxy`] decides, once [`connection_cap`], when one is set, has room for
//! another connection.

mod body;
mod builder;
mod connection_cap;
mod connector;
mod failure;
mod proxy;
mod tls;

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;
use http::header::PROXY_AUTHORIZATION;
use http_body_util::Full;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;

pub use builder::HyperTransportBuilder;
use builder::Settings;
use connector::Connector;
use proxy::{ProxyRules, Route};

use crate::{HttpSend, TransportError, TransportErrorKind};

/// A pooled HTTP/1.1 and HTTP/2 transport over rustls, with webpki trust anchors.
///
/// Cloning is cheap: clones share one connection pool. Build one with
/// [`HyperTransport::new`] for the defaults or [`HyperTransport::builder`] to change
/// the connect timeout, the response body cap, the pool and the connections per
/// host, the proxy or the TLS trust and identity.
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
/// # Proxies
///
/// Unless told otherwise, [`build`](HyperTransportBuilder::build) reads the
/// usual variables, upper-case spelling first: `HTTPS_PROXY`/`https_proxy` for
/// `https` targets, `HTTP_PROXY`/`http_proxy` for `http` ones, `ALL_PROXY`/
/// `all_proxy` for either when its own is unset, and `NO_PROXY`/`no_proxy` for
/// the targets that go direct ([`no_proxy`](HyperTransportBuilder::no_proxy)
/// gives the syntax). Targets on this machine (`localhost`, `*.localhost`,
/// `127.0.0.0/8`, `::1`) always go direct when the proxy came from the
/// environment, so a local emulator keeps working under a corporate proxy. In
/// a CGI program (`REQUEST_METHOD` set) `HTTP_PROXY` is ignored, since a client
/// can set it there through a `Proxy:` header.
///
/// [`proxy`](HyperTransportBuilder::proxy) names a proxy for every target
/// instead, and then the environment is not read at all;
/// [`proxy_from_env(false)`](HyperTransportBuilder::proxy_from_env) turns the
/// environment off; [`proxy_env`](HyperTransportBuilder::proxy_env) reads it
/// from somewhere else.
///
/// Only `http://` proxies are spoken to. An `https` target goes through a
/// `CONNECT` tunnel with TLS to the target inside it, so the proxy sees the
/// target's host and port and nothing else; an `http` target is sent to the
/// proxy as an absolute-form request. Credentials in the proxy URL are sent
/// as `Proxy-Authorization: Basic` to the proxy alone, and appear in no
/// `Debug` output or error. A request whose proxy from the environment has
/// another scheme (`https://`, `socks5://`) fails with
/// [`Other`](TransportErrorKind::Other) before anything is sent, rather than
/// going around the proxy.
///
/// Failing to reach the proxy, or the proxy refusing the tunnel (a `407`
/// included), is a [`Connect`](TransportErrorKind::Connect) error whose message
/// names the target and the proxy's `host:port`. For an `http` target the
/// proxy's own answer, a `407` as much as a `502`, is returned as the response.
///
/// # TLS
///
/// Servers are checked against the webpki roots (Mozilla's list, compiled in)
/// unless [`tls_built_in_roots(false)`](HyperTransportBuilder::tls_built_in_roots);
/// with the `native-roots` feature also against the platform's store (see
/// `tls_native_roots`); and against any CA added with
/// [`add_root_certificates_pem`](HyperTransportBuilder::add_root_certificates_pem).
/// With nothing left to trust, `build` returns an error. A client certificate
/// for servers that require one (mutual TLS) is set with
/// [`identity_pem`](HyperTransportBuilder::identity_pem). TLS 1.2 and 1.3 are
/// offered, with ring as the crypto provider.
///
/// ```no_run
/// use std::time::Duration;
/// use openai_admin_transport::HyperTransport;
///
/// # fn main() -> Result<(), openai_admin_transport::TransportError> {
/// let transport = HyperTransport::builder()
///     .connect_timeout(Duration::from_secs(2))
///     .max_response_body_bytes(1 << 20)
///     .proxy("http://proxy.internal:3128")?
///     .no_proxy("localhost,.internal")
///     .build()?;
/// # let _ = transport;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct HyperTransport {
    client: Client<HttpsConnector<Connector>, Full<Bytes>>,
    settings: Settings,
    proxy: Arc<ProxyRules>,
}

impl HyperTransport {
    /// A transport with the default settings: a 5 s connect timeout, a 16 MiB cap on
    /// response bodies, idle connections kept for 90 s, no cap on the connections
    /// open per host, the webpki roots (and the platform's, with the `native-roots`
    /// feature), and the proxies named in the environment, read now (see
    /// [Proxies](#proxies)).
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
        out.field("proxy", &self.proxy).finish()
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
        let mut request = request;

        match self.proxy.route(request.uri()) {
            Route::Unsupported(scheme) => {
                let message = format!(
                    "{origin}: the proxy for it has scheme {scheme}; only http:// proxies \
                     are supported"
                );
                return Err(TransportError::new(TransportErrorKind::Other, message));
            }
            // Absolute-form requests carry the proxy's credentials themselves;
            // through a tunnel they went in the CONNECT, never to the target.
            Route::Proxy(proxy) if request.uri().scheme_str() == Some("http") => {
                if let Some(authorization) = proxy.authorization {
                    request
                        .headers_mut()
                        .insert(PROXY_AUTHORIZATION, authorization);
                }
            }
            Route::Proxy(_) | Route::Direct => {}
        }

        let sending = self.client.request(request.map(Full::new));
        let response = if self.settings.connection_cap().is_some() {
            connection_cap::while_wanted(sending).await
        } else {
            sending.await
        };
        let response = response.map_err(|error| failure::from_send(error, &origin))?;

        let (parts, incoming) = response.into_parts();
        let body = body::read_capped(incoming, self.settings.max_response_body_bytes)
            .await
            .map_err(|error| error.into_transport_error(&origin))?;
        Ok(http::Response::from_parts(parts, body))
    }
}
