//! Which requests go through a proxy, and through which one.
//!
//! The matching is hyper-util's [`Matcher`], which follows curl: `HTTPS_PROXY`
//! for `https` targets, `HTTP_PROXY` for `http` ones, `ALL_PROXY` for both when
//! the specific one is unset, and a `NO_PROXY` list of host names (each also
//! matching its subdomains, with or without a leading dot), IP addresses, CIDR
//! blocks, or `*` for everything. This file adds what the matcher lacks:
//!
//! - the variables are read through a lookup the builder can replace, so that
//!   tests never depend on the process environment;
//! - `NO_PROXY` entries that name a port, kept apart by [`NoProxy`]: targets on
//!   a port some entry names get a matcher of their own;
//! - targets on this machine (`localhost`, `*.localhost`, `127.0.0.0/8`, `::1`)
//!   never go through a proxy named in the environment, because a proxy
//!   elsewhere cannot reach them: a local emulator keeps working on a machine
//!   whose environment names a corporate proxy. An explicit proxy is used for
//!   every target that its own bypass list does not name.

mod config;
mod no_proxy;

use std::fmt;

use http::{HeaderValue, Uri};
use hyper_util::client::proxy::matcher::Matcher;

pub(crate) use config::{ExplicitProxy, ProxyConfig};
use no_proxy::{is_loopback, NoProxy};

use super::failure::Origin;

/// Where the proxy settings in force came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    None,
    Explicit,
    Environment,
}

/// The raw values, as in the variables of the same names.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Values {
    http: String,
    https: String,
    all: String,
    no: String,
}

impl Values {
    fn matcher(&self, no: &str) -> Matcher {
        Matcher::builder()
            .http(self.http.as_str())
            .https(self.https.as_str())
            .all(self.all.as_str())
            .no(no)
            .build()
    }
}

/// The proxy decision for each target, fixed when the transport is built.
pub(super) struct ProxyRules {
    /// For targets on a port that no `NO_PROXY` entry names.
    any_port: Matcher,
    /// For targets on a port that some entry names: those entries added.
    by_port: Vec<(u16, Matcher)>,
    source: Source,
    http: Option<String>,
    https: Option<String>,
    no_proxy: String,
}

/// How one request reaches its target.
#[derive(Debug)]
pub(super) enum Route {
    Direct,
    Proxy(Proxy),
    /// A proxy from the environment that this transport cannot speak to, such
    /// as a `socks5://` or an `https://` one.
    Unsupported(String),
}

/// An http proxy to go through.
#[derive(Debug, Clone)]
pub(super) struct Proxy {
    /// Scheme, host and port only: the credentials are in `authorization`.
    pub(super) uri: Uri,
    /// `Basic` credentials from the proxy URL, marked sensitive.
    pub(super) authorization: Option<HeaderValue>,
    pub(super) origin: Origin,
}

impl ProxyRules {
    fn new(values: Values, source: Source) -> Self {
        let no_proxy = NoProxy::parse(&values.no);
        let by_port = no_proxy
            .by_port
            .iter()
            .map(|(port, list)| (*port, values.matcher(list)))
            .collect();

        // Probing without a bypass list tells which proxy each scheme would use.
        let unfiltered = values.matcher("");
        let probe = |uri: &'static str| {
            unfiltered
                .intercept(&Uri::from_static(uri))
                .map(|intercept| shown(intercept.uri()))
        };
        Self {
            any_port: values.matcher(&no_proxy.any_port),
            by_port,
            source,
            http: probe("http://probe.invalid/"),
            https: probe("https://probe.invalid/"),
            no_proxy: values.no,
        }
    }

    /// How a request to `target`, an absolute URI, is to be sent.
    pub(super) fn route(&self, target: &Uri) -> Route {
        if self.source == Source::Environment && is_loopback(target.host().unwrap_or_default()) {
            return Route::Direct;
        }

        let port = target.port_u16().unwrap_or(match target.scheme_str() {
            Some("https") => 443,
            _ => 80,
        });
        let matcher = self
            .by_port
            .iter()
            .find(|(entry_port, _)| *entry_port == port)
            .map_or(&self.any_port, |(_, matcher)| matcher);

        let Some(intercept) = matcher.intercept(target) else {
            return Route::Direct;
        };
        let uri = intercept.uri().clone();
        match uri.scheme_str() {
            Some("http") => Route::Proxy(Proxy {
                origin: Origin::of(&uri),
                authorization: intercept.basic_auth().cloned(),
                uri,
            }),
            scheme => Route::Unsupported(scheme.unwrap_or_default().to_owned()),
        }
    }
}

impl fmt::Debug for ProxyRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match self.source {
            Source::None => "none",
            Source::Explicit => "explicit",
            Source::Environment => "environment",
        };
        f.debug_struct("ProxyRules")
            .field("source", &source)
            .field("http", &self.http)
            .field("https", &self.https)
            .field("no_proxy", &self.no_proxy)
            .finish()
    }
}

/// `scheme://host:port` of a proxy URI that the matcher already stripped of
/// credentials.
fn shown(uri: &Uri) -> String {
    format!(
        "{}://{}",
        uri.scheme_str().unwrap_or("http"),
        Origin::of(uri)
    )
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Arc;

    use super::*;

    /// A configuration whose environment is exactly `pairs`.
    pub(super) fn env(pairs: &[(&str, &str)]) -> ProxyConfig {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        ProxyConfig {
            lookup: Some(Arc::new(move |name: &str| map.get(name).cloned())),
            ..ProxyConfig::default()
        }
    }

    /// The proxy `target` goes through, as `host:port`, or "direct".
    pub(super) fn via(config: &ProxyConfig, target: &str) -> String {
        match config.rules().route(&target.parse().unwrap()) {
            Route::Direct => "direct".to_owned(),
            Route::Proxy(proxy) => proxy.origin.to_string(),
            Route::Unsupported(scheme) => format!("unsupported {scheme}"),
        }
    }

    #[test]
    fn no_proxy_follows_curl_rules() {
        let config = env(&[
            ("HTTPS_PROXY", "http://p:1"),
            (
                "NO_PROXY",
                "example.com, .internal,10.0.0.0/8,192.168.1.7,fd00::/8",
            ),
        ]);
        for direct in [
            "https://example.com/",
            "https://API.Example.com/",
            "https://internal/",
            "https://db.internal/",
            "https://10.1.2.3/",
            "https://192.168.1.7/",
            "https://[fd00::1]/",
        ] {
            assert_eq!(via(&config, direct), "direct", "{direct}");
        }
        for proxied in [
            "https://notexample.com/",
            "https://example.com.evil/",
            "https://192.168.1.8/",
            "https://11.0.0.1/",
        ] {
            assert_eq!(via(&config, proxied), "p:1", "{proxied}");
        }
    }

    #[test]
    fn a_star_bypasses_everything() {
        let config = env(&[("ALL_PROXY", "http://p:1"), ("no_proxy", "*")]);
        assert_eq!(via(&config, "https://example.com/"), "direct");
    }

    #[test]
    fn a_star_dot_entry_is_a_domain_suffix() {
        let config = env(&[("ALL_PROXY", "http://p:1"), ("NO_PROXY", "*.corp")]);
        assert_eq!(via(&config, "https://a.corp/"), "direct");
        assert_eq!(via(&config, "https://acorp/"), "p:1");
    }

    #[test]
    fn an_entry_with_a_port_matches_only_that_port() {
        let config = env(&[
            ("ALL_PROXY", "http://p:1"),
            (
                "NO_PROXY",
                "example.com:8443,10.0.0.1:80,[fd00::1]:81,plain",
            ),
        ]);
        assert_eq!(via(&config, "https://example.com:8443/"), "direct");
        assert_eq!(via(&config, "https://example.com/"), "p:1");
        assert_eq!(via(&config, "http://10.0.0.1/"), "direct");
        assert_eq!(via(&config, "http://10.0.0.1:8080/"), "p:1");
        assert_eq!(via(&config, "http://[fd00::1]:81/"), "direct");
        assert_eq!(via(&config, "http://[fd00::1]:80/"), "p:1");
        assert_eq!(via(&config, "http://plain:8443/"), "direct");
    }

    #[test]
    fn loopback_targets_skip_a_proxy_from_the_environment() {
        let config = env(&[("ALL_PROXY", "http://p:1")]);
        assert_eq!(via(&config, "http://localhost:8080/"), "direct");
        assert_eq!(via(&config, "http://127.0.0.1:9/"), "direct");
        assert_eq!(via(&config, "https://[::1]:9/"), "direct");
        assert_eq!(via(&config, "http://0.0.0.0/"), "p:1");
    }

    #[test]
    fn a_socks_or_https_proxy_from_the_environment_is_unsupported() {
        let config = env(&[
            ("ALL_PROXY", "socks5://p:1080"),
            ("HTTPS_PROXY", "https://p:443"),
        ]);
        assert_eq!(via(&config, "http://example.com/"), "unsupported socks5");
        assert_eq!(via(&config, "https://example.com/"), "unsupported https");
    }

    #[test]
    fn credentials_become_basic_authorization_and_are_never_shown() {
        let config = ProxyConfig {
            explicit: Some(ExplicitProxy::parse("http://user:pa%3Ass@127.0.0.1:3128").unwrap()),
            ..ProxyConfig::default()
        };
        let rules = config.rules();
        let Route::Proxy(proxy) = rules.route(&"https://example.com/".parse().unwrap()) else {
            panic!("expected a proxy");
        };
        // base64 of "user:pa:ss"
        assert_eq!(proxy.authorization.unwrap(), "Basic dXNlcjpwYTpzcw==");
        assert_eq!(proxy.uri, "http://127.0.0.1:3128/");
        assert_eq!(
            format!("{config:?}"),
            "ProxyConfig { explicit: Some(http://127.0.0.1:3128), no_proxy: None, \
             from_env: true, env: \"process\" }"
        );
        assert_eq!(
            format!("{rules:?}"),
            "ProxyRules { source: \"explicit\", http: Some(\"http://127.0.0.1:3128\"), \
             https: Some(\"http://127.0.0.1:3128\"), no_proxy: \"\" }"
        );
    }
}
