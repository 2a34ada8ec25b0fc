use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use http::{HeaderMap, Method, Uri};

/// One request as a fake received it: method, URI, headers and the whole body.
///
/// Its `Debug` output lists header names only and the body's length, so printing a
/// recording in a failed assertion never shows an API key.
#[derive(Clone)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The request method.
    pub method: Method,
    /// The full request URI, as the client built it.
    pub uri: Uri,
    /// Every request header, in the order they were set.
    pub headers: HeaderMap,
    /// The request body.
    pub body: Bytes,
}

impl RecordedRequest {
    pub(crate) fn of(request: &http::Request<Bytes>) -> Self {
        Self {
            method: request.method().clone(),
            uri: request.uri().clone(),
            headers: request.headers().clone(),
            body: request.body().clone(),
        }
    }

    /// The URI's path, such as `/v1/organization/certificates`.
    pub fn path(&self) -> &str {
        self.uri.path()
    }

    /// The URI's query string without the `?`, if there is one.
    pub fn query(&self) -> Option<&str> {
        self.uri.query()
    }

    /// The first value of header `name`, if it is present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// The body parsed as JSON.
    ///
    /// # Errors
    ///
    /// Returns the parse error when the body is not JSON (an empty body is not).
    pub fn json(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }
}

impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.keys().map(|name| name.as_str()).collect();
        f.debug_struct("RecordedRequest")
            .field("method", &self.method)
            .field("uri", &self.uri)
            .field("header_names", &header_names)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// The shared log of requests behind every recording fake; clones share one log.
#[derive(Clone, Default)]
pub(crate) struct Recorder {
    requests: Arc<Mutex<Vec<RecordedRequest>>>,
}

impl Recorder {
    /// Records `request` and returns how many requests have been recorded, this one included.
    pub(crate) fn record(&self, request: &http::Request<Bytes>) -> usize {
        let mut requests = self.requests.lock().unwrap_or_else(PoisonError::into_inner);
        requests.push(RecordedRequest::of(request));
        requests.len()
    }

    pub(crate) fn requests(&self) -> Vec<RecordedRequest> {
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(crate) fn len(&self) -> usize {
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> http::Request<Bytes> {
        http::Request::post("https://example.test/v1/organization/certificates?limit=2")
            .header("authorization", "Bearer sk-secret")
            .header("content-type", "application/json")
            .body(Bytes::from_static(br#"{"name":"n"}"#))
            .unwrap()
    }

    #[test]
    fn keeps_every_part_of_the_request() {
        let recorded = RecordedRequest::of(&request());

        assert_eq!(recorded.method, Method::POST);
        assert_eq!(recorded.path(), "/v1/organization/certificates");
        assert_eq!(recorded.query(), Some("limit=2"));
        assert_eq!(recorded.header("authorization"), Some("Bearer sk-secret"));
        assert_eq!(recorded.json().unwrap(), serde_json::json!({"name": "n"}));
    }

    #[test]
    fn debug_never_shows_header_values_or_body() {
        let printed = format!("{:?}", RecordedRequest::of(&request()));

        assert_eq!(
            printed,
            "RecordedRequest { method: POST, \
             uri: https://example.test/v1/organization/certificates?limit=2, \
             header_names: [\"authorization\", \"content-type\"], body_len: 12 }"
        );
    }

    #[test]
    fn clones_of_a_recorder_share_one_log() {
        let recorder = Recorder::default();
        let clone = recorder.clone();

        assert_eq!(clone.record(&request()), 1);
        assert_eq!(recorder.record(&request()), 2);
        assert_eq!(recorder.len(), 2);
        assert_eq!(clone.requests().len(), 2);
    }
}
