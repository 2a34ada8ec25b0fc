//! Deciding, after each attempt, whether the call is done or may be tried again.

use http::{HeaderMap, StatusCode};
use openai_admin_transport::{TransportError, TransportErrorKind};

/// Whether a failed attempt may be retried, before counting retries or deadlines.
pub(crate) fn status_is_retryable(status: StatusCode, headers: &HeaderMap) -> bool {
    match should_retry_header(headers) {
        Some(verdict) => verdict,
        None => matches!(status.as_u16(), 408 | 409 | 429 | 500..=599),
    }
}

/// The server's own verdict, `x-should-retry: true|false`, which overrides the status.
fn should_retry_header(headers: &HeaderMap) -> Option<bool> {
    match headers.get("x-should-retry")?.to_str().ok()?.trim() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// Whether an exchange that failed without a response may be retried.
///
/// A connect failure never reached the server, so any request may be sent again. A
/// timeout or a connection broken mid-exchange may have been acted on, so only an
/// idempotent request is sent again. An oversized body or any other failure would
/// only repeat.
pub(crate) fn transport_is_retryable(error: &TransportError, idempotent: bool) -> bool {
    match error.kind() {
        TransportErrorKind::Connect => true,
        TransportErrorKind::Timeout | TransportErrorKind::Io => idempotent,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn retryable(status: u16, should_retry: Option<&str>) -> bool {
        let mut headers = HeaderMap::new();
        if let Some(value) = should_retry {
            headers.insert("x-should-retry", value.parse().unwrap());
        }
        status_is_retryable(StatusCode::from_u16(status).unwrap(), &headers)
    }

    #[test]
    fn statuses_like_the_official_sdks() {
        for status in [408, 409, 429, 500, 502, 503, 504, 599] {
            assert!(retryable(status, None), "{status}");
        }
        for status in [400, 401, 403, 404, 410, 422, 451] {
            assert!(!retryable(status, None), "{status}");
        }
    }

    #[test]
    fn should_retry_header_overrides_either_way() {
        assert!(!retryable(500, Some("false")));
        assert!(retryable(400, Some("true")));
        assert!(retryable(503, Some("maybe")));
    }

    #[test]
    fn only_connect_failures_retry_requests_that_are_not_idempotent() {
        let error = |kind| TransportError::new(kind, "");
        assert!(transport_is_retryable(
            &error(TransportErrorKind::Connect),
            false
        ));
        assert!(!transport_is_retryable(
            &error(TransportErrorKind::Timeout),
            false
        ));
        assert!(!transport_is_retryable(
            &error(TransportErrorKind::Io),
            false
        ));
        assert!(transport_is_retryable(&error(TransportErrorKind::Io), true));
        assert!(!transport_is_retryable(
            &error(TransportErrorKind::BodyTooLarge),
            true
        ));
        assert!(!transport_is_retryable(
            &error(TransportErrorKind::Other),
            true
        ));
    }
}
