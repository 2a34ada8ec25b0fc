//! Fakes for testing code that uses `openai-admin`: transports that answer from a
//! script, record, or never answer, and a stateful emulator of the certificate
//! endpoints, in memory or on a loopback port.
//!
//! Everything here plugs in at the client's one seam, [`HttpSend`]: hand a fake to the
//! client where it would take a transport, and your test controls what comes back
//! without any network. The crate depends on the types and the transport crates only,
//! never on the client, so the client's own tests use it too.
//!
//! # Which fake to use
//!
//! - [`ScriptedTransport`]: exact answers in a given order, to test how code reacts
//!   to retries, `Retry-After`, odd statuses, broken bodies and transport failures.
//! - [`RecordingTransport`]: what is sent to some other transport, leaving its
//!   answers alone.
//! - [`NeverAnswers`]: timeouts and deadlines.
//! - [`Emulator`]: behaviour against state, in memory: upload then list, activate
//!   then check, paging, atomic toggles.
//! - [`EmulatorServer`]: the emulator on a loopback port, for code that needs a URL:
//!   a CLI, the hyper transport, another process.
//!
//! [`fake_certificate_pem`] makes a PEM the emulator accepts, with the validity window
//! you choose. Every fake is a cheap handle: clones share state, so keep one to
//! inspect after the code under test took the other. None of them logs or prints.
//!
//! # Examples
//!
//! A stateful round trip through the emulator, the way a client would make it:
//!
//! ```
//! use bytes::Bytes;
//! use openai_admin_testing::{fake_certificate_pem, Emulator};
//! use openai_admin_transport::HttpSend;
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! let emulator = Emulator::builder().now(1_750_000_000).build();
//! let transport = emulator.clone();
//! let request = |method: &str, path: &str, body: serde_json::Value| {
//!     http::Request::builder()
//!         .method(method)
//!         .uri(format!("http://127.0.0.1/v1{path}"))
//!         .header("authorization", "Bearer sk-test")
//!         .body(Bytes::from(body.to_string()))
//!         .unwrap()
//! };
//!
//! let pem = fake_certificate_pem(1_750_000_000, 1_780_000_000);
//! let body = serde_json::json!({"certificate": pem, "name": "Edge"});
//! let upload = request("POST", "/organization/certificates", body);
//! let uploaded = transport.send(upload).await.unwrap();
//! let uploaded: serde_json::Value = serde_json::from_slice(uploaded.body()).unwrap();
//! assert_eq!(uploaded["id"], "cert_emu_0001");
//! assert_eq!(uploaded["certificate_details"]["expires_at"], 1_780_000_000);
//!
//! let ids = serde_json::json!({"certificate_ids": ["cert_emu_0001"]});
//! let path = "/organization/projects/proj_1/certificates/activate";
//! let activated = transport.send(request("POST", path, ids)).await.unwrap();
//! assert_eq!(activated.status(), 200);
//!
//! assert!(emulator.is_active_in_project("proj_1", "cert_emu_0001"));
//! assert!(!emulator.is_active("cert_emu_0001"));
//! assert_eq!(emulator.requests_served(), 2);
//! # }
//! ```
//!
//! A script for a retry test: a 429 first, then success, and what was sent each time:
//!
//! ```
//! use bytes::Bytes;
//! use openai_admin_testing::{ScriptedResponse, ScriptedTransport};
//! use openai_admin_transport::HttpSend;
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! let transport = ScriptedTransport::new();
//! transport
//!     .push(ScriptedResponse::json(429, &serde_json::json!({"error": {"message": "slow down",
//!         "type": "rate_limit_error", "param": null, "code": null}}))
//!         .header("retry-after", "2"))
//!     .push_json(200, serde_json::json!({"object": "certificate.deleted", "id": "cert_a"}));
//!
//! // ...hand `transport.clone()` to the code under test, which does this twice:
//! for _ in 0..2 {
//!     let request = http::Request::delete("/v1/organization/certificates/cert_a")
//!         .body(Bytes::new())
//!         .unwrap();
//!     transport.send(request).await.unwrap();
//! }
//!
//! let sent = transport.requests();
//! assert_eq!(sent.len(), 2);
//! assert!(sent.iter().all(|r| r.path() == "/v1/organization/certificates/cert_a"));
//! assert_eq!(transport.remaining(), 0);
//! # }
//! ```
//!
//! [`HttpSend`]: openai_admin_transport::HttpSend

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod base64;
mod calendar;
mod certificate_pem;
mod emulator;
mod never;
mod recorded;
mod recording;
mod scripted;
mod server;

pub use certificate_pem::fake_certificate_pem;
pub use emulator::{
    Emulator, EmulatorBuilder, ServedRequest, DEFAULT_CERTIFICATE_LIMIT, DEFAULT_NOW,
};
pub use never::NeverAnswers;
pub use recorded::RecordedRequest;
pub use recording::RecordingTransport;
pub use scripted::{ScriptedOutcome, ScriptedResponse, ScriptedTransport};
pub use server::EmulatorServer;
