//! The emulator answering whole requests, route by route.

mod certificates;
mod listing;
mod routing;
mod toggles;

use bytes::Bytes;
use http::HeaderMap;
use serde_json::Value;

use super::Emulator;

/// The key every test sends unless it is testing authentication.
const KEY: &str = "sk-test";

/// An answer, with its body parsed.
struct Reply {
    status: u16,
    headers: HeaderMap,
    json: Value,
}

fn call(emulator: &Emulator, method: &str, path: &str, body: Option<Value>) -> Reply {
    let body = body.map_or_else(Bytes::new, |body| Bytes::from(body.to_string()));
    let request = http::Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", format!("Bearer {KEY}"))
        .body(body)
        .unwrap();
    reply(emulator.answer(request))
}

fn reply(response: http::Response<Bytes>) -> Reply {
    Reply {
        status: response.status().as_u16(),
        json: serde_json::from_slice(response.body()).expect("every answer is JSON"),
        headers: response.headers().clone(),
    }
}

fn get(emulator: &Emulator, path: &str) -> Reply {
    call(emulator, "GET", path, None)
}

fn post(emulator: &Emulator, path: &str, body: Value) -> Reply {
    call(emulator, "POST", path, Some(body))
}

fn delete(emulator: &Emulator, path: &str) -> Reply {
    call(emulator, "DELETE", path, None)
}

/// The `{"error": ...}` body the emulator gives, for exact comparison.
fn error(message: &str, param: Option<&str>, code: Option<&str>) -> Value {
    serde_json::json!({"error": {"message": message, "type": "invalid_request_error",
                                 "param": param, "code": code}})
}
