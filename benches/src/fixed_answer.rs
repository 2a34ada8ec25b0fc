//! An in-memory transport that answers every request at once with the same page:
//! the client's own work with no network at all, for pricing it apart from the
//! round trip.

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_TYPE};
use openai_admin::{HttpSend, TransportError};
use openai_admin_transport::async_trait;

use crate::fixture;

/// Answers `200 OK` with `body`, a JSON content type and a request id, as the
/// loopback server does.
#[derive(Debug, Clone)]
pub struct FixedAnswer {
    body: Bytes,
}

impl FixedAnswer {
    /// A transport answering with `body`.
    pub fn new(body: Bytes) -> Self {
        Self { body }
    }

    /// A transport answering with a page of no certificates: nothing to decode but
    /// the envelope.
    pub fn empty_page() -> Self {
        Self::new(Bytes::from_static(
            br#"{"object":"organization.certificate.deactivation","data":[]}"#,
        ))
    }
}

#[async_trait]
impl HttpSend for FixedAnswer {
    async fn send(
        &self,
        _request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        let mut response = http::Response::new(self.body.clone());
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        headers.insert(
            "x-request-id",
            HeaderValue::from_static(fixture::REQUEST_ID),
        );
        Ok(response)
    }
}
