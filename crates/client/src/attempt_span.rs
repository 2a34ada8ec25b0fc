//! The `tracing` span of one attempt, or nothing when the `tracing` feature is off.
//!
//! Fields: method, path, attempt, status, request id, and the delay chosen before the
//! next attempt. Never headers, bodies or the key.

use std::future::Future;
use std::time::Duration;

use http::StatusCode;

use crate::request::Prepared;

/// One attempt's span.
#[derive(Clone)]
pub(crate) struct AttemptSpan {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

impl AttemptSpan {
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn new(prepared: &Prepared, attempt: u32) -> Self {
        Self {
            #[cfg(feature = "tracing")]
            span: tracing::debug_span!(
                "attempt",
                method = %prepared.operation.method,
                path = %prepared.path,
                attempt,
                status = tracing::field::Empty,
                request_id = tracing::field::Empty,
                delay_ms = tracing::field::Empty,
            ),
        }
    }

    /// Runs `future` inside the span.
    pub(crate) async fn enter<F: Future>(&self, future: F) -> F::Output {
        #[cfg(feature = "tracing")]
        let future = tracing::Instrument::instrument(future, self.span.clone());
        future.await
    }

    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn response(&self, status: StatusCode, request_id: Option<&str>) {
        #[cfg(feature = "tracing")]
        {
            self.span.record("status", status.as_u16());
            if let Some(request_id) = request_id {
                self.span.record("request_id", request_id);
            }
        }
    }

    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    pub(crate) fn retrying(&self, delay: Duration, reason: &crate::Error) {
        #[cfg(feature = "tracing")]
        {
            self.span.record("delay_ms", delay.as_millis() as u64);
            let reason = escape_controls(&reason.to_string());
            tracing::debug!(parent: &self.span, "retrying after {delay:?}: {reason}");
        }
    }
}

/// `text` with control characters (newlines, escapes) written as `\u{..}`, so that a
/// message from the server cannot start a forged log line or drive a terminal.
#[cfg(feature = "tracing")]
fn escape_controls(text: &str) -> String {
    text.chars()
        .map(|ch| match ch.is_control() {
            true => ch.escape_unicode().to_string(),
            false => ch.to_string(),
        })
        .collect()
}

#[cfg(all(test, feature = "tracing"))]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            escape_controls("down \u{1b}[2J\n fake: line"),
            "down \\u{1b}[2J\\u{a} fake: line"
        );
        assert_eq!(escape_controls("plain é"), "plain é");
    }
}
