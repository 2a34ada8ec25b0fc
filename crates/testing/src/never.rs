use std::fmt;

use async_trait::async_trait;
use bytes::Bytes;
use openai_admin_transport::{HttpSend, TransportError};

use crate::recorded::{RecordedRequest, Recorder};

/// An [`HttpSend`] whose `send` never completes: the request is recorded, then the
/// future stays pending forever.
///
/// Use it to test timeouts and deadlines: whatever bounds the call (a client deadline,
/// `tokio::time::timeout` on a paused clock) must be what ends it. Clones share one
/// recording.
///
/// ```
/// use std::time::Duration;
///
/// use bytes::Bytes;
/// use openai_admin_testing::NeverAnswers;
/// use openai_admin_transport::HttpSend;
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// let transport = NeverAnswers::new();
/// let request = http::Request::get("/v1/organization/certificates").body(Bytes::new()).unwrap();
///
/// let pending = transport.send(request);
/// let waited = tokio::time::timeout(Duration::ZERO, pending).await;
/// assert!(waited.is_err());
/// assert_eq!(transport.requests().len(), 1);
/// # }
/// ```
#[derive(Clone, Default)]
pub struct NeverAnswers {
    recorder: Recorder,
}

impl NeverAnswers {
    /// A transport that has seen no request yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every request whose `send` was started, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.recorder.requests()
    }
}

impl fmt::Debug for NeverAnswers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NeverAnswers")
            .field("requests", &self.recorder.len())
            .finish()
    }
}

#[async_trait]
impl HttpSend for NeverAnswers {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        self.recorder.record(&request);
        std::future::pending().await
    }
}

#[cfg(test)]
mod tests {
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    use super::*;

    #[test]
    fn stays_pending_after_recording_the_request() {
        let transport = NeverAnswers::new();
        let request = http::Request::get("/slow").body(Bytes::new()).unwrap();
        let mut context = Context::from_waker(Waker::noop());

        let mut pending = pin!(transport.send(request));
        for _ in 0..3 {
            assert!(matches!(pending.as_mut().poll(&mut context), Poll::Pending));
        }

        assert_eq!(transport.requests()[0].path(), "/slow");
        assert_eq!(format!("{transport:?}"), "NeverAnswers { requests: 1 }");
    }
}
