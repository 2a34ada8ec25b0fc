//! Turning a non-2xx answer into an [`ApiError`], whatever its body looks like.

use http::StatusCode;
use openai_admin_types::ApiErrorBody;
use serde_json::Value;

use crate::snippet::snippet;
use crate::{ApiError, ApiErrorKind};

/// Builds the error for a non-2xx answer.
///
/// The usual `{"error": {...}}` body fills every field. Otherwise the message is taken
/// from what is there: `{"error": "text"}`, a top-level `message`, or a plain-text
/// body; anything else (an HTML page, an empty body) leaves only the snippet.
pub(crate) fn api_error(
    status: StatusCode,
    request_id: Option<String>,
    body: &[u8],
    attempts: u32,
) -> ApiError {
    let mut error = ApiError {
        status,
        kind: ApiErrorKind::from_status(status),
        message: String::new(),
        error_type: None,
        code: None,
        param: None,
        request_id,
        snippet: None,
        attempts,
        retry_after: None,
    };

    if let Ok(ApiErrorBody { error: object }) = serde_json::from_slice::<ApiErrorBody>(body) {
        error.message = object.message;
        error.error_type = object.kind;
        error.code = object.code;
        error.param = object.param;
        return error;
    }

    error.snippet = snippet(body);
    error.message = fallback_message(body).unwrap_or_default();
    error
}

fn fallback_message(body: &[u8]) -> Option<String> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::String(text)) => Some(text),
        Ok(Value::Object(object)) => ["error", "message", "detail"]
            .iter()
            .find_map(|key| object.get(*key).and_then(Value::as_str))
            .map(str::to_owned),
        Ok(_) => None,
        Err(_) => plain_text(body),
    }
}

/// A short plain-text body is its own message; markup is not.
fn plain_text(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?.trim();
    let looks_like_markup = text.starts_with('<');
    (!text.is_empty() && !looks_like_markup)
        .then(|| snippet(text.as_bytes()))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(status: u16, body: &str) -> ApiError {
        api_error(
            StatusCode::from_u16(status).unwrap(),
            Some("req_1".into()),
            body.as_bytes(),
            1,
        )
    }

    #[test]
    fn usual_shape_fills_every_field() {
        let error = parse(
            404,
            r#"{"error":{"message":"No such certificate: cert_x","type":"invalid_request_error","param":"certificate_id","code":"not_found"}}"#,
        );
        assert_eq!(error.kind, ApiErrorKind::NotFound);
        assert_eq!(error.message, "No such certificate: cert_x");
        assert_eq!(error.error_type.as_deref(), Some("invalid_request_error"));
        assert_eq!(error.param.as_deref(), Some("certificate_id"));
        assert_eq!(error.code.as_deref(), Some("not_found"));
        assert_eq!(error.snippet, None);
        assert_eq!(
            error.to_string(),
            "404 Not Found (not found error): No such certificate: cert_x [request id req_1]"
        );
    }

    #[test]
    fn error_as_a_bare_string() {
        let error = parse(400, r#"{"error":"bad ids"}"#);
        assert_eq!(error.message, "bad ids");
        assert_eq!(error.snippet.as_deref(), Some(r#"{"error":"bad ids"}"#));
    }

    #[test]
    fn json_without_error_key() {
        let error = parse(403, r#"{"message":"forbidden here"}"#);
        assert_eq!(
            (error.kind, error.message.as_str()),
            (ApiErrorKind::PermissionDenied, "forbidden here")
        );
        let error = parse(409, r#"[1,2]"#);
        assert_eq!(
            (error.message.as_str(), error.snippet.as_deref()),
            ("", Some("[1,2]"))
        );
    }

    #[test]
    fn plain_text_body() {
        let error = parse(429, "Too Many Requests\n");
        assert_eq!(error.kind, ApiErrorKind::RateLimit);
        assert_eq!(error.message, "Too Many Requests");
    }

    #[test]
    fn html_502_page() {
        let error = parse(
            502,
            "<html>\n<head><title>502 Bad Gateway</title></head>\n</html>",
        );
        assert_eq!(error.kind, ApiErrorKind::Server);
        assert_eq!(error.message, "");
        assert_eq!(
            error.snippet.as_deref(),
            Some("<html> <head><title>502 Bad Gateway</title></head> </html>")
        );
        assert_eq!(
            error.to_string(),
            "502 Bad Gateway (server error): <html> <head><title>502 Bad Gateway</title></head> </html> [request id req_1]"
        );
    }

    #[test]
    fn empty_body() {
        let error = parse(500, "");
        assert_eq!((error.message.as_str(), error.snippet.clone()), ("", None));
        assert_eq!(
            error.to_string(),
            "500 Internal Server Error (server error) [request id req_1]"
        );
    }

    #[test]
    fn unusual_statuses_have_kind_other() {
        assert_eq!(parse(418, "").kind, ApiErrorKind::Other);
        assert_eq!(parse(422, "").kind, ApiErrorKind::Unprocessable);
        assert_eq!(parse(503, "").kind, ApiErrorKind::Server);
    }
}
