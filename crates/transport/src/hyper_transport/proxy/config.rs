//! The proxy settings a builder collects, and reading them from the
//! environment or from the lookup that stands in for it.

use std::fmt;
use std::sync::Arc;

use http::Uri;
use hyper_util::client::proxy::matcher::Matcher;

use super::{shown, ProxyRules, Source, Values};
use crate::{TransportError, TransportErrorKind};

/// Reads one environment variable.
pub(crate) type EnvLookup = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// The proxy settings a builder collects; turned into [`ProxyRules`] by `build`.
#[derive(Clone)]
pub(crate) struct ProxyConfig {
    pub(crate) explicit: Option<ExplicitProxy>,
    pub(crate) no_proxy: Option<String>,
    pub(crate) from_env: bool,
    pub(crate) lookup: Option<EnvLookup>,
}

impl Default for ProxyConfig {
    fn default() -> Self {
        Self {
            explicit: None,
            no_proxy: None,
            from_env: true,
            lookup: None,
        }
    }
}

impl fmt::Debug for ProxyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lookup = match self.lookup {
            Some(_) => "custom",
            None => "process",
        };
        f.debug_struct("ProxyConfig")
            .field("explicit", &self.explicit)
            .field("no_proxy", &self.no_proxy)
            .field("from_env", &self.from_env)
            .field("env", &lookup)
            .finish()
    }
}

impl ProxyConfig {
    /// Resolves the settings, reading the environment now if it is to be used.
    pub(crate) fn rules(&self) -> ProxyRules {
        if let Some(explicit) = &self.explicit {
            let values = Values {
                all: explicit.url.clone(),
                no: self.no_proxy.clone().unwrap_or_default(),
                ..Values::default()
            };
            return ProxyRules::new(values, Source::Explicit);
        }
        if !self.from_env {
            return ProxyRules::new(Values::default(), Source::None);
        }

        let process = |name: &str| std::env::var(name).ok();
        let lookup: &dyn Fn(&str) -> Option<String> = match &self.lookup {
            Some(lookup) => lookup.as_ref(),
            None => &process,
        };
        let mut values = Values::from_env(lookup);
        if let Some(no_proxy) = &self.no_proxy {
            values.no.clone_from(no_proxy);
        }
        ProxyRules::new(values, Source::Environment)
    }
}

/// A proxy URL given to the builder. The URL may hold credentials, so only its
/// scheme, host and port are ever shown.
#[derive(Clone)]
pub(crate) struct ExplicitProxy {
    url: String,
    shown: String,
}

impl ExplicitProxy {
    /// Checks `url` the way the matcher will read it. Messages never repeat the
    /// URL, which may hold a password.
    pub(crate) fn parse(url: &str) -> Result<Self, TransportError> {
        check_authority(url)?;
        let uri: Uri = url
            .parse()
            .map_err(|error| other("proxy URL is not a valid URL").with_source(error))?;
        match uri.scheme_str() {
            None | Some("http") => {}
            Some(_) => {
                return Err(other(
                    "unsupported proxy scheme; only http:// proxies are supported",
                ))
            }
        }
        if uri.host().is_none_or(str::is_empty) {
            return Err(other("proxy URL has no host"));
        }
        if uri
            .authority()
            .is_some_and(|authority| has_port_text(authority.as_str()))
            && uri.port_u16().is_none_or(|port| port == 0)
        {
            return Err(other("proxy URL's port is not a number from 1 to 65535"));
        }

        let matcher = Matcher::builder().all(url).build();
        let probe = Uri::from_static("http://probe.invalid/");
        let Some(intercept) = matcher.intercept(&probe) else {
            return Err(other("proxy URL is not a valid URL"));
        };
        Ok(Self {
            url: url.to_owned(),
            shown: shown(intercept.uri()),
        })
    }
}

impl fmt::Debug for ExplicitProxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

impl Values {
    /// Reads the variables, the upper-case name first, as hyper-util does. A
    /// variable that is set but empty still counts as set.
    ///
    /// In a CGI program (`REQUEST_METHOD` set) `HTTP_PROXY` may have come from a
    /// request's `Proxy:` header, so both spellings are ignored there.
    fn from_env(lookup: &dyn Fn(&str) -> Option<String>) -> Self {
        let first = |names: [&str; 2]| names.into_iter().find_map(lookup).unwrap_or_default();
        let cgi = lookup("REQUEST_METHOD").is_some();
        Self {
            http: if cgi {
                String::new()
            } else {
                first(["HTTP_PROXY", "http_proxy"])
            },
            https: first(["HTTPS_PROXY", "https_proxy"]),
            all: first(["ALL_PROXY", "all_proxy"]),
            no: first(["NO_PROXY", "no_proxy"]),
        }
    }
}

/// Refuses a URL whose last `@` lies past the end of its authority: a password with a
/// raw `/`, `?` or `#` would otherwise be read as host and path, and the credentials
/// sent to a host nobody named.
fn check_authority(url: &str) -> Result<(), TransportError> {
    let start = url.find("://").map_or(0, |scheme| scheme + 3);
    let rest = &url[start..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest.rfind('@') {
        Some(at) if at > authority_end => Err(other(
            "proxy URL credentials must percent-encode '/', '?', '#' and '@'",
        )),
        _ => Ok(()),
    }
}

/// Whether an authority has a port part, valid or not (`host:`, `host:abc`).
fn has_port_text(authority: &str) -> bool {
    let host_and_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, rest)| rest);
    let after_brackets = host_and_port
        .rsplit_once(']')
        .map_or(host_and_port, |(_, rest)| rest);
    after_brackets.contains(':')
}

fn other(message: &str) -> TransportError {
    TransportError::new(TransportErrorKind::Other, message)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{env, via};
    use super::*;

    #[test]
    fn each_scheme_uses_its_own_variable_and_all_proxy_fills_in() {
        let config = env(&[
            ("HTTPS_PROXY", "http://secure:3128"),
            ("ALL_PROXY", "http://fallback:3128"),
        ]);
        assert_eq!(via(&config, "https://api.example.com/v1"), "secure:3128");
        assert_eq!(via(&config, "http://api.example.com/v1"), "fallback:3128");
    }

    #[test]
    fn upper_case_wins_and_lower_case_is_read_too() {
        let config = env(&[
            ("HTTP_PROXY", "http://upper:1"),
            ("http_proxy", "http://lower:1"),
            ("https_proxy", "lower-only:2"),
        ]);
        assert_eq!(via(&config, "http://example.com/"), "upper:1");
        assert_eq!(via(&config, "https://example.com/"), "lower-only:2");
    }

    #[test]
    fn http_proxy_is_ignored_in_a_cgi_program() {
        let config = env(&[("HTTP_PROXY", "http://p:1"), ("REQUEST_METHOD", "GET")]);
        assert_eq!(via(&config, "http://example.com/"), "direct");
    }

    #[test]
    fn an_explicit_proxy_ignores_the_environment_and_covers_loopback() {
        let mut config = env(&[("ALL_PROXY", "http://from-env:1"), ("NO_PROXY", "*")]);
        config.explicit = Some(ExplicitProxy::parse("http://explicit:2").unwrap());
        assert_eq!(via(&config, "http://127.0.0.1:9/"), "explicit:2");

        config.no_proxy = Some("127.0.0.1".to_owned());
        assert_eq!(via(&config, "http://127.0.0.1:9/"), "direct");
        assert_eq!(via(&config, "http://localhost:9/"), "explicit:2");
    }

    #[test]
    fn a_no_proxy_setting_replaces_the_variable() {
        let mut config = env(&[("ALL_PROXY", "http://p:1"), ("NO_PROXY", "a.example")]);
        config.no_proxy = Some("b.example".to_owned());
        assert_eq!(via(&config, "http://a.example/"), "p:1");
        assert_eq!(via(&config, "http://b.example/"), "direct");
    }

    #[test]
    fn environment_off_means_direct() {
        let mut config = env(&[("ALL_PROXY", "http://p:1")]);
        config.from_env = false;
        assert_eq!(via(&config, "http://example.com/"), "direct");
    }

    #[test]
    fn credentials_with_raw_delimiters_and_bad_ports_are_refused() {
        let message = |url: &str| ExplicitProxy::parse(url).unwrap_err().message().to_owned();
        for (url, expected) in [
            (
                "http://user:PW?SECRET@127.0.0.1:1",
                "proxy URL credentials must percent-encode '/', '?', '#' and '@'",
            ),
            (
                "http://user:pa/ss@127.0.0.1:1",
                "proxy URL credentials must percent-encode '/', '?', '#' and '@'",
            ),
            (
                "http://user:pa#ss@127.0.0.1:1",
                "proxy URL credentials must percent-encode '/', '?', '#' and '@'",
            ),
            (
                "http://user:PW@127.0.0.1:99999",
                "proxy URL's port is not a number from 1 to 65535",
            ),
            (
                "http://127.0.0.1:abc",
                "proxy URL's port is not a number from 1 to 65535",
            ),
            (
                "http://127.0.0.1:",
                "proxy URL's port is not a number from 1 to 65535",
            ),
        ] {
            assert_eq!(message(url), expected, "{url}");
        }
        assert!(ExplicitProxy::parse("http://user:p%2Fw@127.0.0.1:3128").is_ok());
        assert!(ExplicitProxy::parse("http://[::1]:3128").is_ok());
    }

    #[test]
    fn explicit_urls_are_checked_without_repeating_them() {
        let message = |url: &str| ExplicitProxy::parse(url).unwrap_err().message().to_owned();
        assert_eq!(
            message("socks5://u:secret@p:1080"),
            "unsupported proxy scheme; only http:// proxies are supported"
        );
        assert_eq!(message("http://u:secret@"), "proxy URL is not a valid URL");
        assert_eq!(message("not a url"), "proxy URL is not a valid URL");
        assert!(ExplicitProxy::parse("127.0.0.1:3128").is_ok());
    }
}
