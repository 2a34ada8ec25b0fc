//! Settings for a [`HyperTransport`] and the builder that collects them.

use std::fmt;
use std::time::Duration;

use std::sync::Arc;

use hyper_rustls::HttpsConnectorBuilder;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use rustls::pki_types::CertificateDer;
use rustls::sign::CertifiedKey;
use tokio::sync::Semaphore;

use super::connection_cap::ConnectionCap;
use super::connector::Connector;
use super::proxy::{ExplicitProxy, ProxyConfig};
use super::{tls, HyperTransport};
use crate::{TransportError, TransportErrorKind};

/// What a transport was built with; shown by both `Debug` impls. Only numbers and
/// switches: nothing here is secret.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Settings {
    pub(super) connect_timeout: Duration,
    pub(super) max_response_body_bytes: usize,
    pub(super) pool_idle_timeout: Duration,
    pub(super) pool_max_idle_per_host: usize,
    pub(super) max_connections_per_host: usize,
    pub(super) built_in_roots: bool,
    pub(super) native_roots: bool,
    pub(super) extra_roots: usize,
    pub(super) client_identity: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(5),
            max_response_body_bytes: 16 * 1024 * 1024,
            pool_idle_timeout: Duration::from_secs(90),
            pool_max_idle_per_host: usize::MAX,
            max_connections_per_host: usize::MAX,
            built_in_roots: true,
            native_roots: cfg!(feature = "native-roots"),
            extra_roots: 0,
            client_identity: false,
        }
    }
}

impl Settings {
    pub(super) fn fields(&self, out: &mut fmt::DebugStruct<'_, '_>) {
        out.field("connect_timeout", &self.connect_timeout)
            .field("max_response_body_bytes", &self.max_response_body_bytes)
            .field("pool_idle_timeout", &self.pool_idle_timeout)
            .field("pool_max_idle_per_host", &self.pool_max_idle_per_host)
            .field("max_connections_per_host", &self.max_connections_per_host)
            .field("built_in_roots", &self.built_in_roots)
            .field("native_roots", &self.native_roots)
            .field("extra_roots", &self.extra_roots)
            .field("client_identity", &self.client_identity);
    }

    /// The connection cap per origin, or `None` for unlimited. A semaphore
    /// cannot count past [`Semaphore::MAX_PERMITS`] (2^61 − 1), and nobody
    /// opens that many connections, so larger values mean unlimited as well.
    pub(super) fn connection_cap(&self) -> Option<usize> {
        (self.max_connections_per_host <= Semaphore::MAX_PERMITS)
            .then_some(self.max_connections_per_host)
    }
}

/// Builds a [`HyperTransport`]; start from [`HyperTransport::builder`].
///
/// Every setting has a default, so `HyperTransport::builder().build()` is the same
/// as [`HyperTransport::new`].
///
/// `Debug` shows the settings, with a proxy as `scheme://host:port` only: the
/// credentials in a proxy URL and the client key are never printed.
#[derive(Clone, Default)]
pub struct HyperTransportBuilder {
    settings: Settings,
    extra_roots: Vec<CertificateDer<'static>>,
    identity: Option<Arc<CertifiedKey>>,
    proxy: ProxyConfig,
}

impl HyperTransportBuilder {
    /// How long to wait for a TCP connection to be established, shared evenly among
    /// the addresses a host name resolves to. Default 5 s. Through a proxy it is
    /// the connection to the proxy. Running out of time is a
    /// [`Connect`](crate::TransportErrorKind::Connect) error: the request never
    /// left.
    ///
    /// Limitation: the name lookup before it, a proxy's answer to `CONNECT` and
    /// the TLS handshake after it are not covered, so a server or proxy that
    /// stalls there is bounded only by the caller's own deadline.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.settings.connect_timeout = timeout;
        self
    }

    /// The largest response body accepted, in bytes. Default 16 MiB. A larger body
    /// is a [`BodyTooLarge`](crate::TransportErrorKind::BodyTooLarge) error, raised
    /// before reading when the response declares its length and otherwise as soon
    /// as the limit is crossed.
    pub fn max_response_body_bytes(mut self, limit: usize) -> Self {
        self.settings.max_response_body_bytes = limit;
        self
    }

    /// How long an unused connection stays in the pool. Default 90 s.
    pub fn pool_idle_timeout(mut self, timeout: Duration) -> Self {
        self.settings.pool_idle_timeout = timeout;
        self
    }

    /// How many unused connections to keep per origin. Default unlimited; `0`
    /// disables reuse.
    ///
    /// This bounds only the connections kept *idle*, not those open: under a
    /// burst, a request that finds no idle connection opens a new one whatever
    /// this says. Use [`max_connections_per_host`](Self::max_connections_per_host)
    /// to bound those, and keep this at least as large, as the default is.
    pub fn pool_max_idle_per_host(mut self, max_idle: usize) -> Self {
        self.settings.pool_max_idle_per_host = max_idle;
        self
    }

    /// The most connections open at once to one origin (scheme, host and port;
    /// through a proxy, the target's). Default unlimited, which is also what
    /// `usize::MAX` means. `0` is refused by [`build`](Self::build).
    ///
    /// A request takes an idle connection from the pool when there is one.
    /// Otherwise it asks for a new connection, which waits while `max` are
    /// open; if a connection is handed back to the pool first, the request
    /// takes that one instead. A connection makes room when it is dropped:
    /// closed by either side, broken, or evicted from the pool. Over HTTP/2
    /// the requests share one connection anyway; the cap bounds the connects
    /// racing to be that one.
    ///
    /// The wait has no timeout of its own and is not part of
    /// [`connect_timeout`](Self::connect_timeout), which starts with the dial:
    /// it ends when the caller stops waiting, as the `openai-admin` client does
    /// when an attempt runs out of time.
    ///
    /// Keep [`pool_max_idle_per_host`](Self::pool_max_idle_per_host) at least
    /// `max`, as its default, unlimited, is. With a smaller idle cap, a
    /// connection handed back while the pool already keeps that many idle is
    /// closed, and the next request that finds none idle opens another: the cap
    /// still holds, but connections churn.
    ///
    /// Limitation: hyper-util's pool now and then drops a connection it has just
    /// handed to a waiting request, when that request's own new connection
    /// became ready at the same instant. The dropped one closes, and its room
    /// goes to the next connect. So a server can count a few more connections
    /// *accepted* over a burst than `max`, never more than `max` open at once
    /// from this side. It takes two threads racing: on loopback, a burst of
    /// 200 requests under a cap of 4 lost a connection this way about once in
    /// a few hundred bursts.
    ///
    /// ```
    /// use openai_admin_transport::HyperTransport;
    ///
    /// # fn main() -> Result<(), openai_admin_transport::TransportError> {
    /// // At most 16 connections to each host, however many calls run at once.
    /// let transport = HyperTransport::builder()
    ///     .max_connections_per_host(16)
    ///     .build()?;
    /// # let _ = transport;
    /// # Ok(())
    /// # }
    /// ```
    pub fn max_connections_per_host(mut self, max: usize) -> Self {
        self.settings.max_connections_per_host = max;
        self
    }

    /// Whether to trust the webpki root certificates (Mozilla's list, built in).
    /// Default true. Turn it off to trust only the platform's roots (with the
    /// `native-roots` feature) and those added with
    /// [`add_root_certificates_pem`](Self::add_root_certificates_pem).
    pub fn tls_built_in_roots(mut self, enabled: bool) -> Self {
        self.settings.built_in_roots = enabled;
        self
    }

    /// Whether to also trust the platform's root certificates: the system store
    /// on Linux (`SSL_CERT_FILE` and `SSL_CERT_DIR` are honoured), the keychain
    /// on macOS, the certificate store on Windows. Default true when the
    /// `native-roots` feature is on. The store is read by
    /// [`build`](Self::build); certificates rustls cannot use are skipped, and a
    /// store that cannot be read adds nothing.
    #[cfg(feature = "native-roots")]
    pub fn tls_native_roots(mut self, enabled: bool) -> Self {
        self.settings.native_roots = enabled;
        self
    }

    /// Also trusts every certificate in `pem`, such as a private or test CA, on top
    /// of the built-in roots. May be called more than once.
    ///
    /// # Errors
    ///
    /// Returns a [`TransportError`] of kind [`Other`](crate::TransportErrorKind::Other)
    /// if `pem` is not valid PEM, holds no certificate, or holds one that cannot be
    /// a trust anchor.
    pub fn add_root_certificates_pem(mut self, pem: &[u8]) -> Result<Self, TransportError> {
        self.extra_roots.extend(tls::parse_roots(pem)?);
        self.settings.extra_roots = self.extra_roots.len();
        Ok(self)
    }

    /// Presents this client certificate to servers that ask for one (mutual
    /// TLS). `cert_chain_pem` holds the client certificate first, then any
    /// intermediates; `key_pem` holds its private key as PKCS#8, PKCS#1 or
    /// SEC1. Servers that ask for no certificate are sent none. A server that
    /// requires a certificate and gets none, or refuses the one sent, fails the
    /// request with [`Connect`](crate::TransportErrorKind::Connect): with TLS 1.3
    /// the refusal arrives only after the request was written, but the server's
    /// TLS layer never passed it on.
    ///
    /// # Errors
    ///
    /// Returns a [`TransportError`] of kind [`Other`](crate::TransportErrorKind::Other)
    /// if either input is not valid PEM, `cert_chain_pem` holds no certificate,
    /// `key_pem` holds no private key, or the key is of a type rustls cannot use
    /// or does not belong to the first certificate. The message never contains
    /// the key.
    pub fn identity_pem(
        mut self,
        cert_chain_pem: &[u8],
        key_pem: &[u8],
    ) -> Result<Self, TransportError> {
        self.identity = Some(tls::parse_identity(cert_chain_pem, key_pem)?);
        self.settings.client_identity = true;
        Ok(self)
    }

    /// Sends every request through the http proxy at `url`, such as
    /// `http://proxy.internal:3128` or `http://user:password@127.0.0.1:8080`,
    /// instead of any proxy named in the environment. Only the hosts given to
    /// [`no_proxy`](Self::no_proxy) bypass it: `NO_PROXY` is not read either.
    ///
    /// A user name and password in the URL (percent-encoded where needed) are
    /// sent to the proxy as `Proxy-Authorization: Basic`, and only to it.
    /// Without a scheme the URL is taken as `http://`.
    ///
    /// # Errors
    ///
    /// Returns a [`TransportError`] of kind [`Other`](crate::TransportErrorKind::Other)
    /// if `url` is not a URL with a host, or its scheme is not `http` (`https://`
    /// and SOCKS proxies are not supported). The message never repeats the URL.
    pub fn proxy(mut self, url: &str) -> Result<Self, TransportError> {
        self.proxy.explicit = Some(ExplicitProxy::parse(url)?);
        Ok(self)
    }

    /// The targets that bypass the proxy, in `NO_PROXY` syntax: a comma-separated
    /// list of host names (each also matching its subdomains; a leading `.` or
    /// `*.` changes nothing), IP addresses, CIDR blocks such as `10.0.0.0/8`, or
    /// `*` for all. An entry with a port (`host:8080`, `[::1]:8080`) matches
    /// only that port. Replaces `NO_PROXY` from the environment, and is the only
    /// bypass list for a [`proxy`](Self::proxy) given here.
    pub fn no_proxy(mut self, list: &str) -> Self {
        self.proxy.no_proxy = Some(list.to_owned());
        self
    }

    /// Whether to use the proxies named in the environment when no
    /// [`proxy`](Self::proxy) is given. Default true, so [`HyperTransport::new`]
    /// honours them. The variables are read once, by [`build`](Self::build);
    /// see [Proxies](HyperTransport#proxies) for which and how.
    pub fn proxy_from_env(mut self, enabled: bool) -> Self {
        self.proxy.from_env = enabled;
        self
    }

    /// Reads the proxy variables through `lookup` instead of the process
    /// environment, as `std::env::var(name).ok()` would. For tests, and for
    /// programs that keep their settings elsewhere. It is called only by
    /// [`build`](Self::build), and only when the environment is used at all.
    ///
    /// ```
    /// use openai_admin_transport::HyperTransport;
    ///
    /// # fn main() -> Result<(), openai_admin_transport::TransportError> {
    /// let transport = HyperTransport::builder()
    ///     .proxy_env(|name| match name {
    ///         "HTTPS_PROXY" => Some("http://127.0.0.1:3128".to_owned()),
    ///         _ => None,
    ///     })
    ///     .build()?;
    /// # let _ = transport;
    /// # Ok(())
    /// # }
    /// ```
    pub fn proxy_env<F>(mut self, lookup: F) -> Self
    where
        F: Fn(&str) -> Option<String> + Send + Sync + 'static,
    {
        self.proxy.lookup = Some(Arc::new(lookup));
        self
    }

    /// Builds the transport. No connection is made until the first request.
    ///
    /// # Errors
    ///
    /// Returns a [`TransportError`] of kind [`Other`](crate::TransportErrorKind::Other)
    /// if there is nothing to trust (built-in roots off, the platform's store
    /// off or empty, and none added), the TLS configuration cannot be built, or
    /// [`max_connections_per_host`](Self::max_connections_per_host) is `0`.
    /// A proxy variable the transport cannot use is not an error here: the
    /// requests it would carry fail instead, see [Proxies](HyperTransport#proxies).
    pub fn build(self) -> Result<HyperTransport, TransportError> {
        let settings = self.settings;
        if settings.max_connections_per_host == 0 {
            return Err(TransportError::new(
                TransportErrorKind::Other,
                "max_connections_per_host must be at least 1",
            ));
        }
        let trust = tls::Trust {
            built_in: settings.built_in_roots,
            native: settings.native_roots,
            extra: &self.extra_roots,
        };
        let tls = tls::client_config(&trust, self.identity)?;
        let proxy = Arc::new(self.proxy.rules());

        let mut http = HttpConnector::new();
        // The https connector below decides which schemes are allowed.
        http.enforce_http(false);
        http.set_connect_timeout(Some(settings.connect_timeout));
        http.set_nodelay(true);

        let https = HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .enable_http2()
            .wrap_connector(Connector::new(
                http,
                Arc::clone(&proxy),
                settings.connection_cap().map(ConnectionCap::new),
            ));

        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(settings.pool_idle_timeout)
            .pool_max_idle_per_host(settings.pool_max_idle_per_host)
            // Without a pool timer the idle timeout is never enforced.
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .build(https);

        Ok(HyperTransport {
            client,
            settings,
            proxy,
        })
    }
}

impl fmt::Debug for HyperTransportBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("HyperTransportBuilder");
        self.settings.fields(&mut out);
        out.field("proxy", &self.proxy).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_documentation() {
        let settings = Settings::default();
        assert_eq!(settings.connect_timeout, Duration::from_secs(5));
        assert_eq!(settings.max_response_body_bytes, 16_777_216);
        assert_eq!(settings.pool_idle_timeout, Duration::from_secs(90));
        assert_eq!(settings.pool_max_idle_per_host, usize::MAX);
        assert_eq!(settings.max_connections_per_host, usize::MAX);
        assert_eq!(settings.connection_cap(), None);
        assert!(settings.built_in_roots);
        assert_eq!(settings.native_roots, cfg!(feature = "native-roots"));
        assert!(ProxyConfig::default().from_env);
    }

    #[test]
    fn builder_without_any_roots_fails_to_build() {
        let builder = HyperTransport::builder()
            .tls_built_in_roots(false)
            .proxy_from_env(false);
        #[cfg(feature = "native-roots")]
        let builder = builder.tls_native_roots(false);
        let error = builder.build().unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::Other);
        assert_eq!(
            error.message(),
            "no trust anchors: built-in roots are off and none were added"
        );
    }

    #[test]
    fn a_cap_of_zero_connections_fails_to_build() {
        let error = HyperTransport::builder()
            .proxy_from_env(false)
            .max_connections_per_host(0)
            .build()
            .unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::Other);
        assert_eq!(
            error.message(),
            "max_connections_per_host must be at least 1"
        );
    }

    #[test]
    fn caps_too_large_to_count_are_unlimited() {
        let with = |max| Settings {
            max_connections_per_host: max,
            ..Settings::default()
        };
        assert_eq!(with(1).connection_cap(), Some(1));
        let most = Semaphore::MAX_PERMITS;
        assert_eq!(with(most).connection_cap(), Some(most));
        assert_eq!(with(most + 1).connection_cap(), None);
    }

    #[test]
    fn debug_shows_only_settings() {
        let builder = HyperTransport::builder()
            .connect_timeout(Duration::from_millis(250))
            .max_response_body_bytes(1024)
            .pool_max_idle_per_host(2)
            .max_connections_per_host(4)
            .proxy_from_env(false);
        #[cfg(feature = "native-roots")]
        let builder = builder.tls_native_roots(false);
        let transport = builder.build().unwrap();
        assert_eq!(
            format!("{transport:?}"),
            "HyperTransport { connect_timeout: 250ms, max_response_body_bytes: 1024, \
             pool_idle_timeout: 90s, pool_max_idle_per_host: 2, max_connections_per_host: 4, \
             built_in_roots: true, \
             native_roots: false, extra_roots: 0, client_identity: false, \
             proxy: ProxyRules { source: \"none\", http: None, https: None, no_proxy: \"\" } }"
        );
    }
}
