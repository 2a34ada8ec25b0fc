//! Settings that apply to one call rather than to the whole client.

use std::time::Duration;

use http::header::{
    HeaderName, HeaderValue, AUTHORIZATION, CONNECTION, CONTENT_LENGTH, HOST, PROXY_AUTHORIZATION,
    TRANSFER_ENCODING,
};

/// Headers that describe the connection or the message's framing, which only the
/// transport may set: a wrong one would desynchronise or reroute the exchange.
const FRAMING: [HeaderName; 4] = [HOST, CONTENT_LENGTH, TRANSFER_ENCODING, CONNECTION];

use crate::ValidationError;

/// Per-call settings that override the client's: timeout, retries, deadline, extra
/// headers and extra query parameters.
///
/// Extra headers replace the client's headers of the same name. Values of
/// `Authorization` and `Proxy-Authorization` are marked sensitive.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct RequestOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) deadline: Option<Duration>,
    pub(crate) retry_non_idempotent: bool,
    pub(crate) extra_headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) extra_query: Vec<(String, String)>,
}

impl RequestOptions {
    /// No extra settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// The longest one attempt may take, overriding the client's.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many retries may follow the first attempt, overriding the client's.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// The longest the whole call may take, all attempts and waits included.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Retries an operation that is not idempotent (upload) after an unclear outcome —
    /// a timeout, a broken connection, a retryable status — as if it were idempotent.
    /// Without this, such an operation is retried only after a connect failure. Opt in
    /// only when a duplicate is acceptable.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.retry_non_idempotent = retry;
        self
    }

    /// Adds a header to send with the call.
    ///
    /// # Errors
    ///
    /// [`ValidationError::InvalidHeader`] when the name or value cannot be sent.
    pub fn header(mut self, name: &str, value: &str) -> Result<Self, ValidationError> {
        let invalid = |reason| ValidationError::InvalidHeader {
            name: name.to_owned(),
            reason,
        };
        let name = HeaderName::try_from(name).map_err(|_| invalid("invalid header name"))?;
        if FRAMING.contains(&name) {
            return Err(invalid("the transport sets it from the request itself"));
        }
        let mut value =
            HeaderValue::try_from(value).map_err(|_| invalid("invalid header value"))?;
        if name == AUTHORIZATION || name == PROXY_AUTHORIZATION {
            value.set_sensitive(true);
        }
        self.extra_headers.push((name, value));
        Ok(self)
    }

    /// Adds a query parameter to send with the call, after the operation's own.
    pub fn query(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra_query.push((key.into(), value.into()));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_header_is_a_validation_error() {
        let error = RequestOptions::new().header("x-trace", "a\nb").unwrap_err();
        assert_eq!(
            error,
            ValidationError::InvalidHeader {
                name: "x-trace".into(),
                reason: "invalid header value"
            }
        );
        let error = RequestOptions::new().header("bad name", "v").unwrap_err();
        assert_eq!(
            error.to_string(),
            "header \"bad name\" cannot be sent: invalid header name"
        );
    }

    #[test]
    fn framing_headers_are_refused() {
        for name in ["Host", "content-length", "Transfer-Encoding", "connection"] {
            let error = RequestOptions::new().header(name, "x").unwrap_err();
            assert_eq!(
                error,
                ValidationError::InvalidHeader {
                    name: name.into(),
                    reason: "the transport sets it from the request itself"
                }
            );
        }
    }

    #[test]
    fn authorization_override_is_sensitive() {
        let options = RequestOptions::new()
            .header("Authorization", "Bearer other")
            .unwrap();
        assert!(options.extra_headers[0].1.is_sensitive());
        assert!(!format!("{options:?}").contains("other"));
    }
}
