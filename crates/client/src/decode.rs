//! Decoding a 2xx body into an operation's result, or saying precisely why not.

use http::StatusCode;
use serde::de::DeserializeOwned;

use crate::snippet::snippet;
use crate::DecodeError;

/// Decodes `body` as `T`; a failure becomes a [`DecodeError`] with the request id and a
/// short snippet, never a bare serde error.
pub(crate) fn decode<T: DeserializeOwned>(
    status: StatusCode,
    request_id: Option<&str>,
    body: &[u8],
    attempts: u32,
) -> Result<T, DecodeError> {
    serde_json::from_slice(body).map_err(|error| DecodeError {
        status,
        request_id: request_id.map(str::to_owned),
        reason: error.to_string(),
        snippet: snippet(body),
        attempts,
    })
}

#[cfg(test)]
mod tests {
    use openai_admin_types::{Certificate, Page};

    use super::*;

    fn decode_page(body: &str) -> Result<Page<Certificate>, DecodeError> {
        decode(StatusCode::OK, Some("req_9"), body.as_bytes(), 1)
    }

    #[test]
    fn wrong_shape_names_the_field_and_keeps_the_request_id() {
        let error = decode_page(r#"{"object":"list","data":[{"id":"cert_a"}]}"#).unwrap_err();
        assert_eq!(error.request_id.as_deref(), Some("req_9"));
        assert_eq!(error.reason, "missing field `object` at line 1 column 40");
        assert_eq!(
            error.snippet.as_deref(),
            Some(r#"{"object":"list","data":[{"id":"cert_a"}]}"#)
        );
    }

    #[test]
    fn empty_body_has_no_snippet() {
        let error = decode_page("").unwrap_err();
        assert_eq!(error.reason, "EOF while parsing a value at line 1 column 0");
        assert_eq!(error.snippet, None);
        assert_eq!(
            error.to_string(),
            "could not decode the 200 OK answer: EOF while parsing a value at line 1 column 0; body is empty [request id req_9]"
        );
    }
}
