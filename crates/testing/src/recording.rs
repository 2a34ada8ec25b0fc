use std::fmt;

use async_trait::async_trait;
use bytes::Bytes;
use openai_admin_transport::{HttpSend, TransportError};

use crate::recorded::{RecordedRequest, Recorder};

/// An [`HttpSend`] wrapper that records every request and forwards it, unchanged, to an
/// inner transport.
///
/// Use it to see what the client sent to an [`Emulator`](crate::Emulator) or to any
/// other transport without changing what the code under test gets back. Clones share
/// one recording.
///
/// ```
/// use bytes::Bytes;
/// use openai_admin_testing::{Emulator, RecordingTransport};
/// use openai_admin_transport::HttpSend;
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let transport = RecordingTransport::new(Emulator::new());
/// let request = http::Request::get("/v1/organization/certificates?limit=5")
///     .header("authorization", "Bearer sk-test")
///     .body(Bytes::new())
///     .unwrap();
///
/// assert_eq!(transport.send(request).await.unwrap().status(), 200);
/// assert_eq!(transport.requests()[0].query(), Some("limit=5"));
/// # }
/// ```
#[derive(Clone)]
pub struct RecordingTransport<T> {
    inner: T,
    recorder: Recorder,
}

impl<T: HttpSend> RecordingTransport<T> {
    /// Wraps `inner`, with an empty recording.
    pub fn new(inner: T) -> Self {
        Self {
            inner,
            recorder: Recorder::default(),
        }
    }

    /// Every request sent so far, in order, whatever the inner transport answered.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.recorder.requests()
    }

    /// The wrapped transport.
    pub fn inner(&self) -> &T {
        &self.inner
    }
}

impl<T: fmt::Debug> fmt::Debug for RecordingTransport<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordingTransport")
            .field("inner", &self.inner)
            .field("requests", &self.recorder.len())
            .finish()
    }
}

#[async_trait]
impl<T: HttpSend> HttpSend for RecordingTransport<T> {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        self.recorder.record(&request);
        self.inner.send(request).await
    }
}

#[cfg(test)]
mod tests {
    use openai_admin_transport::TransportErrorKind;

    use super::*;
    use crate::{ScriptedResponse, ScriptedTransport};

    #[tokio::test]
    async fn forwards_and_records_both_answers_and_failures() {
        let script = ScriptedTransport::new();
        script
            .push(ScriptedResponse::new(201).body("made"))
            .push_error(TransportErrorKind::Connect, "refused");
        let transport = RecordingTransport::new(script.clone());

        let first = http::Request::post("/one")
            .body(Bytes::from_static(b"1"))
            .unwrap();
        let answer = transport.send(first).await.unwrap();
        assert_eq!(
            (answer.status().as_u16(), answer.body().clone()),
            (201, Bytes::from("made"))
        );

        let second = http::Request::delete("/two").body(Bytes::new()).unwrap();
        assert_eq!(
            transport.send(second).await.unwrap_err().kind(),
            TransportErrorKind::Connect
        );

        let recorded: Vec<(String, String, Bytes)> = transport
            .requests()
            .into_iter()
            .map(|r| (r.method.to_string(), r.path().to_owned(), r.body))
            .collect();
        assert_eq!(
            recorded,
            [
                ("POST".to_owned(), "/one".to_owned(), Bytes::from("1")),
                ("DELETE".to_owned(), "/two".to_owned(), Bytes::new()),
            ]
        );
        assert_eq!(script.requests().len(), 2);
    }

    #[test]
    fn debug_names_the_inner_transport() {
        let transport = RecordingTransport::new(ScriptedTransport::new());
        assert_eq!(
            format!("{transport:?}"),
            "RecordingTransport { inner: ScriptedTransport { remaining: 0, requests: 0 }, \
             requests: 0 }"
        );
    }
}
