//! Settings for a [`HyperTransport`] and the builder that collects them.

use std::fmt;
use std::time::Duration;

use hyper_rustls::HttpsConnectorBuilder;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use rustls::pki_types::CertificateDer;

use super::{tls, HyperTransport};
use crate::TransportError;

/// What a transport was built with; shown by both `Debug` impls. Only numbers and
/// switches: nothing here is secret.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Settings {
    pub(super) connect_timeout: Duration,
    pub(super) max_response_body_bytes: usize,
    pub(super) pool_idle_timeout: Duration,
    pub(super) pool_max_idle_per_host: usize,
    pub(super) built_in_roots: bool,
    pub(super) extra_roots: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(5),
            max_response_body_bytes: 16 * 1024 * 1024,
            pool_idle_timeout: Duration::from_secs(90),
            pool_max_idle_per_host: usize::MAX,
            built_in_roots: true,
            extra_roots: 0,
        }
    }
}

impl Settings {
    pub(super) fn fields(&self, out: &mut fmt::DebugStruct<'_, '_>) {
        out.field("connect_timeout", &self.connect_timeout)
            .field("max_response_body_bytes", &self.max_response_body_bytes)
            .field("pool_idle_timeout", &self.pool_idle_timeout)
            .field("pool_max_idle_per_host", &self.pool_max_idle_per_host)
            .field("built_in_roots", &self.built_in_roots)
            .field("extra_roots", &self.extra_roots);
    }
}

/// Builds a [`HyperTransport`]; start from [`HyperTransport::builder`].
///
/// Every setting has a default, so `HyperTransport::builder().build()` is the same
/// as [`HyperTransport::new`].
#[derive(Clone, Default)]
pub struct HyperTransportBuilder {
    settings: Settings,
    extra_roots: Vec<CertificateDer<'static>>,
}

impl HyperTransportBuilder {
    /// How long to wait for a TCP connection to be established, shared evenly among
    /// the addresses a host name resolves to. Default 5 s. Running out of time is a
    /// [`Connect`](crate::TransportErrorKind::Connect) error: the request never
    /// left.
    ///
    /// Limitation: the name lookup before it and the TLS handshake after it are
    /// not covered, so a server that stalls the handshake is bounded only by the
    /// caller's own deadline.
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
    pub fn pool_max_idle_per_host(mut self, max_idle: usize) -> Self {
        self.settings.pool_max_idle_per_host = max_idle;
        self
    }

    /// Whether to trust the webpki root certificates (Mozilla's list, built in).
    /// Default true. Turn it off to trust only the roots added with
    /// [`add_root_certificates_pem`](Self::add_root_certificates_pem).
    pub fn tls_built_in_roots(mut self, enabled: bool) -> Self {
        self.settings.built_in_roots = enabled;
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

    /// Builds the transport. No connection is made until the first request.
    ///
    /// # Errors
    ///
    /// Returns a [`TransportError`] of kind [`Other`](crate::TransportErrorKind::Other)
    /// if there is nothing to trust (built-in roots off and none added) or the TLS
    /// configuration cannot be built.
    pub fn build(self) -> Result<HyperTransport, TransportError> {
        let settings = self.settings;
        let tls = tls::client_config(settings.built_in_roots, &self.extra_roots)?;

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
            .wrap_connector(http);

        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(settings.pool_idle_timeout)
            .pool_max_idle_per_host(settings.pool_max_idle_per_host)
            // Without a pool timer the idle timeout is never enforced.
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .build(https);

        Ok(HyperTransport { client, settings })
    }
}

impl fmt::Debug for HyperTransportBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("HyperTransportBuilder");
        self.settings.fields(&mut out);
        out.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TransportErrorKind;

    #[test]
    fn defaults_match_the_documentation() {
        let settings = Settings::default();
        assert_eq!(settings.connect_timeout, Duration::from_secs(5));
        assert_eq!(settings.max_response_body_bytes, 16_777_216);
        assert_eq!(settings.pool_idle_timeout, Duration::from_secs(90));
        assert_eq!(settings.pool_max_idle_per_host, usize::MAX);
        assert!(settings.built_in_roots);
    }

    #[test]
    fn builder_without_any_roots_fails_to_build() {
        let error = HyperTransport::builder()
            .tls_built_in_roots(false)
            .build()
            .unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::Other);
        assert_eq!(
            error.message(),
            "no trust anchors: built-in roots are off and none were added"
        );
    }

    #[test]
    fn debug_shows_only_settings() {
        let transport = HyperTransport::builder()
            .connect_timeout(Duration::from_millis(250))
            .max_response_body_bytes(1024)
            .pool_max_idle_per_host(2)
            .build()
            .unwrap();
        assert_eq!(
            format!("{transport:?}"),
            "HyperTransport { connect_timeout: 250ms, max_response_body_bytes: 1024, \
             pool_idle_timeout: 90s, pool_max_idle_per_host: 2, built_in_roots: true, \
             extra_roots: 0 }"
        );
    }
}
