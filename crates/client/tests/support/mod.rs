//! What the client's integration tests share: a client over a scripted transport and a
//! manual clock, and canned answers.

#![allow(dead_code)]

use openai_admin::{Client, Jitter, ManualClock, RetryPolicy};
use openai_admin_testing::ScriptedTransport;
use serde_json::{json, Value};

/// A key that must never show up in any output.
pub const KEY: &str = "sk-admin-TEST-never-print-0123456789abcdef";

/// A client over `transport` with a manual clock and a jitter factor of 1.
pub fn client(transport: &ScriptedTransport) -> (Client, ManualClock) {
    client_with(transport, Client::builder())
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
