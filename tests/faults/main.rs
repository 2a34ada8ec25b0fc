//! The client over the real hyper transport against a loopback server that fails in
//! every way a network or a proxy can: what each failure becomes, whether it is
//! retried, how many attempts reached the server, and that the call ends promptly.
//!
//! Backoff pauses are skipped by [`FastBackoffClock`] and asserted from its record;
//! per-attempt timeouts are real and short. No test sleeps.

mod body_cap;
mod connection;
mod decode;
mod statuses;
mod timeouts;
mod upload;

use std::future::IntoFuture;
use std::time::{Duration, Instant, SystemTime};

use openai_admin::types::{Certificate, Page};
use openai_admin::{
    ApiError, ApiErrorKind, Client, ClientBuilder, DecodeError, Error, Jitter, Response,
    RetryPolicy, TransportErrorKind,
};
use openai_admin_integration::{
    refused_base_url, Behaviour, FastBackoffClock, RawResponse, RawServer,
};
use openai_admin_transport::HyperTransport;
use serde_json::{json, Value};

const KEY: &str = "sk-admin-faults-0123456789";

/// The per-attempt timeout of every client here, unless a test sets its own.
const TIMEOUT: Duration = Duration::from_millis(300);

/// Every call must end well within this, retries and timeouts included.
const PROMPTLY: Duration = Duration::from_secs(5);

const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const SECOND_BACKOFF: Duration = Duration::from_millis(1000);

fn builder(base_url: &str, clock: &FastBackoffClock) -> ClientBuilder {
    Client::builder()
        .admin_key(KEY)
        .base_url(base_url)
        .timeout(TIMEOUT)
        .connect_timeout(Duration::from_secs(1))
        .retry_policy(RetryPolicy::default().jitter(Jitter::fixed(1.0)))
        .clock(clock.clone())
}

fn client(server: &RawServer, clock: &FastBackoffClock) -> Client {
    builder(&server.base_url(), clock).build().unwrap()
}

/// Awaits `call`, checking that it ends within [`PROMPTLY`] of real time.
async fn promptly<T>(call: impl IntoFuture<Output = T>) -> T {
    let started = Instant::now();
    let output = tokio::time::timeout(PROMPTLY * 4, call)
        .await
        .expect("the call hung");
    let elapsed = started.elapsed();
    assert!(elapsed < PROMPTLY, "the call took {elapsed:?}");
    output
}

async fn deactivate(client: &Client) -> Result<Response<Page<Certificate>>, Error> {
    promptly(client.organization().certificates().deactivate(["cert_a"])).await
}

async fn upload(client: &Client) -> Result<Response<Certificate>, Error> {
    let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    promptly(client.organization().certificates().upload(pem, None)).await
}

fn certificate(id: &str) -> Value {
    json!({"object": "organization.certificate", "id": id, "name": "Edge", "active": false,
           "created_at": 1_750_000_000,
           "certificate_details": {"valid_at": 1_750_000_000, "expires_at": 1_780_000_000}})
}

fn deactivated() -> RawResponse {
    let body = json!({"object": "organization.certificate.deactivation",
                      "data": [certificate("cert_a")]});
    RawResponse::json(200, &body).header("x-request-id", "req_ok")
}

fn ok() -> Behaviour {
    Behaviour::answer(deactivated())
}

fn status(code: u16) -> RawResponse {
    RawResponse::new(code).header("x-request-id", &format!("req_{code}"))
}

/// Checks that neither form of `error` shows the key, whatever the transport met.
fn assert_no_key(error: &Error) {
    for text in [
        format!("{error:?}"),
        format!("{error:#?}"),
        error.to_string(),
    ] {
        assert!(!text.contains(KEY), "the error shows the key: {text}");
    }
}

fn transport_failure(error: &Error) -> (TransportErrorKind, u32) {
    assert_no_key(error);
    match error {
        Error::Transport { source, attempts } => (source.kind(), *attempts),
        other => panic!("expected a transport error, got {other:?}"),
    }
}

fn api_failure(error: &Error) -> &ApiError {
    assert_no_key(error);
    match error {
        Error::Api(api) => api,
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn decode_failure(error: &Error) -> &DecodeError {
    assert_no_key(error);
    match error {
        Error::Decode(decode) => decode,
        other => panic!("expected a decode error, got {other:?}"),
    }
}
