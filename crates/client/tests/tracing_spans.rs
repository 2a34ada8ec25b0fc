//! Each attempt is a `tracing` debug span with method, path, attempt, status, request id
//! and the chosen delay, and nothing else: no headers, no bodies, no key.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use openai_admin_testing::{ScriptedResponse, ScriptedTransport};
use support::{client, deactivation, KEY};

/// Collects what the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn every_attempt_has_a_span_with_its_fields() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .without_time()
        .with_target(false)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let transport = ScriptedTransport::new();
    transport
        .push(ScriptedResponse::new(500).header("x-request-id", "req_first"))
        .push(
            ScriptedResponse::json(200, &deactivation(&["cert_a"]))
                .header("x-request-id", "req_second"),
        );
    let (client, _) = client(&transport);
    client
        .organization()
        .certificates()
        .deactivate(["cert_a"])
        .await
        .unwrap();

    let output = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = output
        .lines()
        .map(|line| line.split(" time.busy").next().unwrap())
        .collect();
    let span = "attempt{method=POST path=/organization/certificates/deactivate";
    assert_eq!(
        lines,
        [
            format!("DEBUG {span} attempt=1 status=500 request_id=\"req_first\" delay_ms=500}}: retrying after 500ms: 500 Internal Server Error (server error) [request id req_first]").as_str(),
            format!("DEBUG {span} attempt=1 status=500 request_id=\"req_first\" delay_ms=500}}: close").as_str(),
            format!("DEBUG {span} attempt=2 status=200 request_id=\"req_second\"}}: close").as_str(),
        ]
    );
    assert!(!output.contains(KEY));
    assert!(!output.to_lowercase().contains("authorization"));
    assert!(!output.contains("certificate_ids"));
}
