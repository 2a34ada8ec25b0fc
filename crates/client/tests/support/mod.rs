//! What the client's integration tests share: a client over a scripted transport and a
//! manual clock, and canned answers.

#![allow(dead_code)]

use openai_admin::{Client, ClientBuilder, HttpSend, Jitter, ManualClock, RetryPolicy};
use openai_admin_testing::ScriptedTransport;
use serde_json::{json, Value};

/// A key that must never show up in any output.
pub const KEY: &str = "sk-admin-TEST-never-print-0123456789abcdef";

/// A client over `transport` with a manual clock and a jitter factor of 1.
pub fn client(transport: &ScriptedTransport) -> (Client, ManualClock) {
    manual_client(transport.clone(), |builder| builder)
}

/// As [`client`], starting from `builder`.
pub fn client_with(
    transport: &ScriptedTransport,
    builder: openai_admin::ClientBuilder,
) -> (Client, ManualClock) {
    let clock = ManualClock::default();
    let client = builder
        .admin_key(KEY)
        .transport(transport.clone())
        .clock(clock.clone())
        .retry_policy(RetryPolicy::default().jitter(Jitter::fixed(1.0)))
        .build()
        .unwrap();
    (client, clock)
}

/// A client over any `transport` with the test key, a manual clock and a jitter
/// factor of 1, then whatever `configure` sets (which may replace the retry policy).
pub fn manual_client(
    transport: impl HttpSend + 'static,
    configure: impl FnOnce(ClientBuilder) -> ClientBuilder,
) -> (Client, ManualClock) {
    let clock = ManualClock::default();
    let builder = Client::builder()
        .admin_key(KEY)
        .transport(transport)
        .clock(clock.clone())
        .retry_policy(RetryPolicy::default().jitter(Jitter::fixed(1.0)));
    (configure(builder).build().unwrap(), clock)
}

/// The documented deactivation answer for `ids`.
pub fn deactivation(ids: &[&str]) -> Value {
    let data: Vec<Value> = ids
        .iter()
        .map(|id| {
            json!({"object":"organization.certificate","id":id,"name":"My Example Certificate",
                   "active":false,"created_at":1234567,
                   "certificate_details":{"valid_at":12345667,"expires_at":12345678}})
        })
        .collect();
    json!({"object":"organization.certificate.deactivation","data":data})
}
