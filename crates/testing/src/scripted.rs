use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;
use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use http::{HeaderMap, StatusCode};
use openai_admin_transport::{HttpSend, TransportError, TransportErrorKind};

use crate::recorded::{RecordedRequest, Recorder};

/// A response for [`ScriptedTransport`] to give: a status, headers and a body.
#[derive(Debug, Clone)]
pub struct ScriptedResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl ScriptedResponse {
    /// A response with `status`, no headers and an empty body.
    ///
    /// # Panics
    ///
    /// Panics when `status` is not a valid HTTP status (100 to 999).
    pub fn new(status: u16) -> Self {
        let status = StatusCode::from_u16(status)
            .unwrap_or_else(|_| panic!("{status} is not an HTTP status code"));
        Self {
            status,
            headers: HeaderMap::new(),
            body: Bytes::new(),
        }
    }

    /// A response with `status`, `content-type: application/json` and `body` as JSON.
    ///
    /// # Panics
    ///
    /// Panics when `status` is not a valid HTTP status (100 to 999).
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        let mut response = Self::new(status).body(body.to_string());
        response
            .headers
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        response
    }

    /// Adds a header; calling it again with the same name adds a second value.
    ///
    /// # Panics
    ///
    /// Panics when `name` or `value` is not valid in an HTTP header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let name = HeaderName::from_bytes(name.as_bytes())
            .unwrap_or_else(|_| panic!("{name:?} is not a valid header name"));
        let value = HeaderValue::from_str(value)
            .unwrap_or_else(|_| panic!("{value:?} is not a valid header value"));
        self.headers.append(name, value);
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = body.into();
        self
    }

    fn into_response(self) -> http::Response<Bytes> {
        let mut response = http::Response::new(self.body);
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        response
    }
}

/// One step of a script: what [`ScriptedTransport`] does with the next request.
#[derive(Debug)]
#[non_exhaustive]
pub enum ScriptedOutcome {
    /// Answer with this response.
    Response(ScriptedResponse),
    /// Fail the exchange with this error, as if no response was had.
    Error(TransportError),
}

impl From<ScriptedResponse> for ScriptedOutcome {
    fn from(response: ScriptedResponse) -> Self {
        Self::Response(response)
    }
}

impl From<TransportError> for ScriptedOutcome {
    fn from(error: TransportError) -> Self {
        Self::Error(error)
    }
}

/// An [`HttpSend`] that answers from a queue of scripted outcomes, first in first out,
/// and records every request it receives.
///
/// Clones share one queue and one recording, so a test can hand a clone to the code
/// under test and keep the other to push outcomes and inspect requests. When the queue
/// is empty, `send` fails with a [`TransportErrorKind::Other`] error saying the script
/// is exhausted; it never panics inside the code under test.
///
/// ```
/// use bytes::Bytes;
/// use openai_admin_testing::{ScriptedResponse, ScriptedTransport};
/// use openai_admin_transport::{HttpSend, TransportErrorKind};
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let transport = ScriptedTransport::new();
/// transport
///     .push(ScriptedResponse::new(503).header("retry-after", "1"))
///     .push_json(200, serde_json::json!({"object": "certificate.deleted", "id": "cert_a"}));
///
/// let request = || http::Request::delete("/v1/organization/certificates/cert_a")
///     .body(Bytes::new())
///     .unwrap();
/// assert_eq!(transport.send(request()).await.unwrap().status(), 503);
/// assert_eq!(transport.send(request()).await.unwrap().status(), 200);
///
/// let exhausted = transport.send(request()).await.unwrap_err();
/// assert_eq!(exhausted.kind(), TransportErrorKind::Other);
/// assert_eq!(transport.requests().len(), 3);
/// # }
/// ```
#[derive(Clone, Default)]
pub struct ScriptedTransport {
    script: Arc<Mutex<VecDeque<ScriptedOutcome>>>,
    recorder: Recorder,
}

impl ScriptedTransport {
    /// A transport with an empty script.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends an outcome (a [`ScriptedResponse`] or a [`TransportError`]) to the script.
    pub fn push(&self, outcome: impl Into<ScriptedOutcome>) -> &Self {
        self.lock_script().push_back(outcome.into());
        self
    }

    /// Appends a JSON response; see [`ScriptedResponse::json`].
    ///
    /// # Panics
    ///
    /// Panics when `status` is not a valid HTTP status (100 to 999).
    pub fn push_json(&self, status: u16, body: serde_json::Value) -> &Self {
        self.push(ScriptedResponse::json(status, &body))
    }

    /// Appends a transport failure of `kind`.
    pub fn push_error(&self, kind: TransportErrorKind, message: &str) -> &Self {
        self.push(TransportError::new(kind, message))
    }

    /// How many outcomes are still queued.
    pub fn remaining(&self) -> usize {
        self.lock_script().len()
    }

    /// Every request received so far, in order, including those that found the
    /// script exhausted.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.recorder.requests()
    }

    fn lock_script(&self) -> std::sync::MutexGuard<'_, VecDeque<ScriptedOutcome>> {
        self.script.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for ScriptedTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScriptedTransport")
            .field("remaining", &self.remaining())
            .field("requests", &self.recorder.len())
            .finish()
    }
}

#[async_trait]
impl HttpSend for ScriptedTransport {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        let number = self.recorder.record(&request);
        let next = self.lock_script().pop_front();

        match next {
            Some(ScriptedOutcome::Response(response)) => Ok(response.into_response()),
            Some(ScriptedOutcome::Error(error)) => Err(error),
            None => Err(TransportError::new(
                TransportErrorKind::Other,
                format!(
                    "script exhausted: no outcome left for request {number} ({} {})",
                    request.method(),
                    request.uri().path()
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn get(path: &str) -> http::Request<Bytes> {
        http::Request::get(path).body(Bytes::new()).unwrap()
    }

    #[tokio::test]
    async fn answers_in_the_order_scripted() {
        let transport = ScriptedTransport::new();
        transport
            .push(
                ScriptedResponse::new(429)
                    .header("retry-after-ms", "20")
                    .body("slow down"),
            )
            .push_error(TransportErrorKind::Timeout, "scripted timeout")
            .push_json(200, json!({"object": "list"}));

        let first = transport.send(get("/a")).await.unwrap();
        assert_eq!(first.status(), 429);
        assert_eq!(first.headers()["retry-after-ms"], "20");
        assert_eq!(first.body(), "slow down");

        let second = transport.send(get("/b")).await.unwrap_err();
        assert_eq!(second.kind(), TransportErrorKind::Timeout);
        assert_eq!(second.message(), "scripted timeout");

        let third = transport.send(get("/c")).await.unwrap();
        assert_eq!(third.status(), 200);
        assert_eq!(third.headers()["content-type"], "application/json");
        assert_eq!(third.body(), r#"{"object":"list"}"#);
        assert_eq!(transport.remaining(), 0);
    }

    #[tokio::test]
    async fn records_every_request_with_its_body() {
        let transport = ScriptedTransport::new();
        transport
            .push(ScriptedResponse::new(200))
            .push(ScriptedResponse::new(200));
        let handle = transport.clone();

        let post = http::Request::post("http://127.0.0.1/v1/organization/certificates/activate")
            .header("authorization", "Bearer sk-test")
            .body(Bytes::from_static(br#"{"certificate_ids":["cert_a"]}"#))
            .unwrap();
        handle.send(post).await.unwrap();
        handle
            .send(get("/v1/organization/certificates?limit=1"))
            .await
            .unwrap();

        let requests = transport.requests();
        assert_eq!(requests.len(), 2);
        assert_eq!(requests[0].method, http::Method::POST);
        assert_eq!(requests[0].path(), "/v1/organization/certificates/activate");
        assert_eq!(requests[0].header("authorization"), Some("Bearer sk-test"));
        assert_eq!(
            requests[0].json().unwrap(),
            json!({"certificate_ids": ["cert_a"]})
        );
        assert_eq!(requests[1].method, http::Method::GET);
        assert_eq!(requests[1].query(), Some("limit=1"));
        assert!(requests[1].body.is_empty());
    }

    #[tokio::test]
    async fn an_exhausted_script_is_an_other_error_not_a_panic() {
        let transport = ScriptedTransport::new();
        transport.push(ScriptedResponse::new(204));
        transport.send(get("/first")).await.unwrap();

        let error = transport
            .send(get("/v1/organization/certificates"))
            .await
            .unwrap_err();

        assert_eq!(error.kind(), TransportErrorKind::Other);
        assert_eq!(
            error.message(),
            "script exhausted: no outcome left for request 2 (GET /v1/organization/certificates)"
        );
        assert_eq!(transport.requests().len(), 2);
    }

    #[test]
    fn debug_shows_counts_only() {
        let transport = ScriptedTransport::new();
        transport.push(ScriptedResponse::new(200));
        assert_eq!(
            format!("{transport:?}"),
            "ScriptedTransport { remaining: 1, requests: 0 }"
        );
    }

    #[test]
    #[should_panic(expected = "1000 is not an HTTP status code")]
    fn an_impossible_status_is_refused_when_scripted() {
        let _ = ScriptedResponse::new(1000);
    }
}
