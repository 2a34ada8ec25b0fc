//! The errors the emulator answers with, in the API's `{"error": {...}}` shape.
//!
//! Messages and codes follow the wording the real API uses for the same mistakes
//! where it is known (`invalid_api_key`, `missing_required_parameter`,
//! `invalid_type`, `integer_above_max_value`, ...). The spec documents no error
//! bodies, so these are the emulator's best match, not a contract. The type is always
//! `invalid_request_error`. No message ever contains the API key.

use http::StatusCode;
use openai_admin_types::{ApiErrorBody, ApiErrorObject, Extra};

/// An error answer: a status and the body's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
    pub(crate) param: Option<String>,
    pub(crate) code: Option<&'static str>,
    /// For a 405: the methods the path does take, for the `allow` header.
    pub(crate) allow: Option<String>,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            param: None,
            code: None,
            allow: None,
        }
    }

    /// A 400 about `param`, with `code`.
    pub(crate) fn invalid(param: impl Into<String>, code: &'static str, message: String) -> Self {
        Self {
            param: Some(param.into()),
            code: Some(code),
            ..Self::new(StatusCode::BAD_REQUEST, message)
        }
    }

    /// A 400 with no param and no code.
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub(crate) fn missing_api_key() -> Self {
        Self::unauthorized(
            "You didn't provide an API key. You need to provide your API key in an \
             Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        )
    }

    pub(crate) fn incorrect_api_key() -> Self {
        Self::unauthorized("Incorrect API key provided.")
    }

    fn unauthorized(message: &str) -> Self {
        Self {
            code: Some("invalid_api_key"),
            ..Self::new(StatusCode::UNAUTHORIZED, message)
        }
    }

    pub(crate) fn invalid_url(method: &http::Method, path: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            format!("Invalid URL ({method} {path})"),
        )
    }

    pub(crate) fn method_not_allowed(method: &http::Method, path: &str, allow: String) -> Self {
        Self {
            allow: Some(allow),
            ..Self::new(
                StatusCode::METHOD_NOT_ALLOWED,
                format!("Method {method} is not allowed for {path}"),
            )
        }
    }

    pub(crate) fn body_too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("The request body is larger than the limit of {limit} bytes."),
        )
    }

    /// A 404 for a certificate id that no certificate has, named by `param`.
    pub(crate) fn no_such_certificate(param: &str, id: &str) -> Self {
        Self {
            param: Some(param.to_owned()),
            code: Some("not_found"),
            ..Self::new(
                StatusCode::NOT_FOUND,
                format!("No certificate found with id '{id}'."),
            )
        }
    }

    /// The body as the API writes it.
    pub(crate) fn body(&self) -> ApiErrorBody {
        ApiErrorBody {
            error: ApiErrorObject {
                message: self.message.clone(),
                kind: Some("invalid_request_error".to_owned()),
                param: self.param.clone(),
                code: self.code.map(str::to_owned),
                extra: Extra::new(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn absent_param_and_code_are_written_as_null() {
        let body = serde_json::to_value(ApiError::bad_request("Nope.").body()).unwrap();
        assert_eq!(
            body,
            json!({"error": {"message": "Nope.", "type": "invalid_request_error",
                             "param": null, "code": null}})
        );
    }

    #[test]
    fn unknown_certificate_names_the_param() {
        let error = ApiError::no_such_certificate("certificate_ids", "cert_x");
        assert_eq!(error.status, StatusCode::NOT_FOUND);
        assert_eq!(
            serde_json::to_value(error.body()).unwrap(),
            json!({"error": {"message": "No certificate found with id 'cert_x'.",
                             "type": "invalid_request_error", "param": "certificate_ids",
                             "code": "not_found"}})
        );
    }
}
