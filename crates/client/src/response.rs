//! A decoded answer together with what the HTTP exchange said about it.

use std::ops::Deref;

use http::{HeaderMap, StatusCode};

/// The decoded value of a successful call, with its request id, status and headers.
///
/// Derefs to the value, so `response.data` reaches a page's items directly.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The decoded body.
    pub value: T,
    /// The `x-request-id` header, which OpenAI support asks for.
    pub request_id: Option<String>,
    /// The HTTP status (some 2xx).
    pub status: StatusCode,
    /// All response headers.
    pub headers: HeaderMap,
}

impl<T> Response<T> {
    /// The decoded body, without the rest.
    pub fn into_value(self) -> T {
        self.value
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

/// The request id of a response, from `x-request-id`.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}
