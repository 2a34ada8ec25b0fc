//! The API's base URL, checked once so every request can simply append a path.

use std::fmt;

use crate::ConfigError;

/// The base URL of the public API.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";

/// An absolute `http` or `https` URL, kept without trailing slashes, to which operation
/// paths such as `/organization/certificates` are appended. A path prefix (`/v1`, or a
/// gateway's `/openai/v1/`) is kept.
#[derive(Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Checks and normalises `url`.
    ///
    /// # Errors
    ///
    /// [`ConfigError::InvalidBaseUrl`] unless `url` is an absolute `http` or `https` URL
    /// with a host and without query or fragment.
    pub fn parse(url: &str) -> Result<Self, ConfigError> {
        let invalid = |reason| ConfigError::InvalidBaseUrl {
            url: without_userinfo(url),
            reason,
        };
        let trimmed = url.trim();

        // Checked first: with an `@` anywhere, the rest of the URL may be credentials.
        if trimmed.contains('@') {
            return Err(invalid("it must not contain credentials or an @"));
        }
        if trimmed.contains(['?', '#']) {
            return Err(invalid("it must not have a query or fragment"));
        }
        if !trimmed.contains("://") {
            return Err(invalid("it must be absolute, like https://host/v1"));
        }
        let uri: http::Uri = trimmed
            .parse()
            .map_err(|_| invalid("it is not a valid URL"))?;
        match uri.scheme_str() {
            Some("http" | "https") => {}
            Some(_) => return Err(invalid("the scheme must be http or https")),
            None => return Err(invalid("it must be absolute, like https://host/v1")),
        }
        if uri.host().is_none_or(str::is_empty) {
            return Err(invalid("it has no host"));
        }
        // The http crate keeps a port it cannot read (`:99999`, `:abc`, `:`) and reports
        // none, which a connector would take as the default port: refuse it instead.
        let authority = uri.authority().map(|a| a.as_str()).unwrap_or_default();
        let has_port_text = authority
            .rsplit_once(']')
            .map_or(authority, |(_, rest)| rest)
            .contains(':');
        if has_port_text && uri.port_u16().is_none_or(|port| port == 0) {
            return Err(invalid("its port is not a number from 1 to 65535"));
        }

        Ok(Self(trimmed.trim_end_matches('/').to_owned()))
    }

    /// The URL as a string, without trailing slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL of `path` (which starts with `/`) below this base.
    pub(crate) fn join(&self, path: &str, query: &str) -> String {
        let mut url = String::with_capacity(self.0.len() + path.len() + query.len() + 1);
        url.push_str(&self.0);
        url.push_str(path);
        if !query.is_empty() {
            url.push('?');
            url.push_str(query);
        }
        url
    }
}

/// `url` with everything between the scheme and its last `@` replaced, so an error can
/// quote it: what stands before an `@` may be a password, and a password may itself
/// hold `/`, `?` or `#`.
fn without_userinfo(url: &str) -> String {
    let Some(at) = url.rfind('@') else {
        return url.to_owned();
    };
    let start = url.find("://").map_or(0, |scheme| scheme + 3).min(at);
    format!("{}<redacted>{}", &url[..start], &url[at..])
}

impl Default for BaseUrl {
    fn default() -> Self {
        Self(DEFAULT_BASE_URL.to_owned())
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_a_path_prefix_with_or_without_trailing_slash() {
        for url in [
            "https://gw.example/openai/v1",
            "https://gw.example/openai/v1/",
        ] {
            let base = BaseUrl::parse(url).unwrap();
            assert_eq!(
                base.join("/organization/certificates", ""),
                "https://gw.example/openai/v1/organization/certificates"
            );
        }
        assert_eq!(
            BaseUrl::parse("http://[::1]:8080/v1").unwrap().as_str(),
            "http://[::1]:8080/v1"
        );
        assert_eq!(
            BaseUrl::parse("https://[::1]/v1").unwrap().as_str(),
            "https://[::1]/v1"
        );
        let base = BaseUrl::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(
            base.join("/organization/certificates", "limit=5"),
            "http://127.0.0.1:8080/organization/certificates?limit=5"
        );
    }

    #[test]
    fn credentials_are_refused_without_being_quoted() {
        for (url, quoted) in [
            (
                "https://user:sk-admin-secret@host:8/v1",
                "https://<redacted>@host:8/v1",
            ),
            (
                "http://user:se?cret@127.0.0.1:9/v1",
                "http://<redacted>@127.0.0.1:9/v1",
            ),
            (
                "http://user:pa/ss@127.0.0.1:9/v1",
                "http://<redacted>@127.0.0.1:9/v1",
            ),
            (
                "http://user:pa#ss@127.0.0.1:9/v1",
                "http://<redacted>@127.0.0.1:9/v1",
            ),
            ("user:secret@host", "<redacted>@host"),
        ] {
            let error = BaseUrl::parse(url).unwrap_err();
            assert_eq!(
                error,
                ConfigError::InvalidBaseUrl {
                    url: quoted.into(),
                    reason: "it must not contain credentials or an @",
                },
                "{url}"
            );
        }
    }

    #[test]
    fn rejects_what_cannot_be_a_base() {
        for (url, reason) in [
            (
                "api.openai.com/v1",
                "it must be absolute, like https://host/v1",
            ),
            ("ftp://host/v1", "the scheme must be http or https"),
            (
                "https://host/v1?x=1",
                "it must not have a query or fragment",
            ),
            (
                "https://host/v1#top",
                "it must not have a query or fragment",
            ),
            (
                "https://host/v1?key=x",
                "it must not have a query or fragment",
            ),
            ("not a url", "it must be absolute, like https://host/v1"),
            ("https://exa mple/v1", "it is not a valid URL"),
            (
                "http://127.0.0.1:99999/v1",
                "its port is not a number from 1 to 65535",
            ),
            (
                "http://127.0.0.1:abc/v1",
                "its port is not a number from 1 to 65535",
            ),
            (
                "http://127.0.0.1:/v1",
                "its port is not a number from 1 to 65535",
            ),
            (
                "http://127.0.0.1:0/v1",
                "its port is not a number from 1 to 65535",
            ),
        ] {
            assert_eq!(
                BaseUrl::parse(url),
                Err(ConfigError::InvalidBaseUrl {
                    url: url.into(),
                    reason
                }),
                "{url}"
            );
        }
    }
}
