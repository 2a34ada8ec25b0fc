//! The stateful emulator of the certificate endpoints: [`Emulator`] and its builder,
//! the route table, the state, and the ten operations over it. The behaviour users see
//! is documented on [`Emulator`].

mod api_error;
mod body;
mod builder;
mod operations;
mod pem;
mod query;
mod routes;
mod state;
mod x509;

#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use async_trait::async_trait;
use bytes::Bytes;
use http::header::{HeaderValue, ALLOW, AUTHORIZATION, CONTENT_TYPE};
use http::{HeaderMap, Method, StatusCode};
use openai_admin_transport::{HttpSend, TransportError};
use openai_admin_types::Certificate;
use serde_json::Value;

pub use builder::{EmulatorBuilder, DEFAULT_CERTIFICATE_LIMIT, DEFAULT_NOW};

use api_error::ApiError;
use query::Order;
use routes::{Resolution, Scope};
use state::State;

/// A stateful fake of the certificate endpoints, answering in memory.
///
/// It keeps certificates and their activity (for the organization and per project)
/// and answers all ten operations of the spec through [`HttpSend`] with no socket, or
/// synchronously through [`answer`](Self::answer); [`EmulatorServer`](crate::EmulatorServer)
/// serves the same logic over loopback HTTP. Its bodies are built from the
/// `openai-admin-types` models, so a change to a model shows up here too. Clones
/// share one state, so a test keeps a clone to inspect what the code under test did.
///
/// # What it does with a request
///
/// 1. A body over [`Emulator::MAX_REQUEST_BODY_BYTES`] gets a 413.
/// 2. Without `Authorization: Bearer <non-empty token>` the answer is a 401 with code
///    `invalid_api_key`; so is any other key when the builder set one with
///    [`EmulatorBuilder::api_key`].
/// 3. The path is routed (see below): no route is a 404 `Invalid URL (METHOD path)`,
///    a known path with another method is a 405 with an `allow` header.
/// 4. The operation runs; it either changes state and answers 200, or changes nothing
///    and answers an error.
///
/// Every answer, error or not, has `content-type: application/json` and a unique
/// `x-request-id` counting up from `req_emu_0001`. Errors are
/// `{"error": {"message", "type", "param", "code"}}` with type
/// `invalid_request_error`.
///
/// # Routing
///
/// Only the path counts, not the scheme or host. Whatever comes before the first
/// `organization` segment is a base path (`/v1`, none, or a proxy's prefix). The path
/// is split on `/` before ids are percent-decoded, so `a%2Fb` is the one id `a/b`
/// (unknown, so 404) and can never reach another route.
///
/// # Behaviour, operation by operation
///
/// - **List**, organization or project: `limit` is 1 to 100, 20 by default;
///   `order` is `asc` or `desc`, `desc` by default, by `created_at` and then id;
///   `after` must be the id of a certificate in the list. Anything else is a 400
///   naming the parameter. `active` is the state at the scope listed.
/// - **Upload**: the body is `{"certificate", "name"?}`. The PEM needs BEGIN and END
///   CERTIFICATE lines, base64 between them and DER shaped like X.509, or the answer
///   is a 400 with param `certificate`. `valid_at` and `expires_at` are its notBefore
///   and notAfter, `created_at` is the clock, ids count up from `cert_emu_0001`, and
///   the new certificate is inactive everywhere. Past the limit (50 unless the
///   builder says otherwise) an upload is a 400.
/// - **Retrieve**: `include[]=content` or `include=content` adds the PEM as it was
///   uploaded; any other `include` value is a 400.
/// - **Modify**: the body is `{"name"}`, and the certificate is renamed.
/// - **Delete**: only a certificate inactive for the organization and for every
///   project can be deleted (else 400); the answer is
///   `{"object": "certificate.deleted", "id"}`.
/// - **Activate and deactivate**, organization or project: the body is
///   `{"certificate_ids"}` with 1 to 10 non-empty ids (else 400); a repeated id counts
///   once. The toggle is atomic (one unknown id is a 404 with param `certificate_ids`
///   and code `not_found`, and nothing changes) and idempotent, and `data` follows
///   the order of the request.
///
/// An unknown certificate in a path is a 404 with param `certificate_id` and code
/// `not_found`. A body that is not JSON, not an object, has an unknown field, lacks a
/// required one or has one of the wrong type is a 400 naming the field where there is
/// one. Messages follow the real API's wording where it is known; the spec documents
/// no error bodies, so treat them as a close match, not a contract.
///
/// # Limitations
///
/// - Every project id exists and starts with nothing active; the emulator does not
///   know which projects the organization has, so an unknown project is never a 404.
/// - Activating a certificate for a project does not require it to be active for the
///   organization, since the spec does not say whether the real API does.
/// - Rate limits (429) and server errors are not emulated; script those with
///   [`ScriptedTransport`](crate::ScriptedTransport).
/// - Uploaded certificates are read, not verified: a structurally sound fake such as
///   [`fake_certificate_pem`](crate::fake_certificate_pem) is accepted.
/// - An `after` cursor must name a certificate that still exists: the real API's
///   answer to a cursor deleted between two pages is not documented, and the emulator
///   keeps no record of deleted certificates, so it answers 400 (param `after`).
/// - The log of served requests grows for the emulator's lifetime.
///
/// # Example
///
/// ```
/// use bytes::Bytes;
/// use openai_admin_testing::Emulator;
///
/// let emulator = Emulator::builder().certificate("cert_a", "Primary", false).build();
///
/// let activate = http::Request::post("/v1/organization/certificates/activate")
///     .header("authorization", "Bearer sk-test")
///     .body(Bytes::from_static(br#"{"certificate_ids":["cert_a"]}"#))
///     .unwrap();
/// let response = emulator.answer(activate);
///
/// assert_eq!(response.status(), 200);
/// assert_eq!(response.headers()["x-request-id"], "req_emu_0001");
/// assert!(emulator.is_active("cert_a"));
/// ```
#[derive(Clone)]
pub struct Emulator {
    state: Arc<Mutex<State>>,
}

/// One request the emulator answered, for checking what the code under test sent.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServedRequest {
    /// The request method.
    pub method: Method,
    /// The path as sent, still percent-encoded.
    pub path: String,
    /// The query string without the `?`, if there was one.
    pub query: Option<String>,
    /// The spec's `operationId` of the route, or `None` when nothing matched.
    pub operation_id: Option<&'static str>,
    /// The status of the answer.
    pub status: StatusCode,
    /// The answer's `x-request-id`.
    pub request_id: String,
}

impl Emulator {
    /// The largest request body accepted; a larger one gets a 413.
    pub const MAX_REQUEST_BODY_BYTES: usize = 1024 * 1024;

    /// An emulator with no certificates, the clock at [`DEFAULT_NOW`], and any
    /// non-empty bearer token accepted.
    pub fn new() -> Self {
        Self::builder().build()
    }

    /// A builder, to seed certificates and set the clock or the key.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::new()
    }

    /// Answers `request` as the API would, changing state as it does.
    pub fn answer(&self, request: http::Request<Bytes>) -> http::Response<Bytes> {
        let (parts, body) = request.into_parts();
        let mut state = self.lock();

        let (operation_id, outcome) = if body.len() > Self::MAX_REQUEST_BODY_BYTES {
            (
                None,
                Err(ApiError::body_too_large(Self::MAX_REQUEST_BODY_BYTES)),
            )
        } else {
            handle(&mut state, &parts, &body)
        };
        respond(&mut state, &parts, operation_id, outcome)
    }

    /// The 413 answer for a request whose body was too large to be read whole.
    pub(crate) fn refuse_body_too_large(
        &self,
        parts: &http::request::Parts,
    ) -> http::Response<Bytes> {
        let error = ApiError::body_too_large(Self::MAX_REQUEST_BODY_BYTES);
        respond(&mut self.lock(), parts, None, Err(error))
    }

    /// The certificate with `id`, as retrieve with content would show it (object
    /// `certificate`, no `active`), or `None` when there is none.
    pub fn certificate(&self, id: &str) -> Option<Certificate> {
        self.lock().certificate(id).cloned()
    }

    /// Every certificate, oldest first (by `created_at`, then id), as
    /// [`certificate`](Self::certificate) shows them.
    pub fn certificates(&self) -> Vec<Certificate> {
        self.lock()
            .ordered(Order::Asc)
            .into_iter()
            .cloned()
            .collect()
    }

    /// Whether the certificate is active for the organization; `false` when unknown.
    pub fn is_active(&self, id: &str) -> bool {
        self.lock().is_active(&Scope::Organization, id)
    }

    /// Whether the certificate is active in `project`; `false` when unknown.
    pub fn is_active_in_project(&self, project: &str, id: &str) -> bool {
        self.lock()
            .is_active(&Scope::Project(project.to_owned()), id)
    }

    /// How many requests have been answered, errors included.
    pub fn requests_served(&self) -> usize {
        self.lock().served.len()
    }

    /// Every request answered so far, in order.
    pub fn served(&self) -> Vec<ServedRequest> {
        self.lock().served.clone()
    }

    /// The clock, in unix seconds.
    pub fn now(&self) -> i64 {
        self.lock().now
    }

    /// Sets the clock; later uploads take their `created_at` from it.
    pub fn set_now(&self, unix_seconds: i64) {
        self.lock().now = unix_seconds;
    }

    /// Moves the clock by `seconds` (which may be negative).
    pub fn advance(&self, seconds: i64) {
        self.lock().now += seconds;
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Default for Emulator {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Emulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.lock(), f)
    }
}

#[async_trait]
impl HttpSend for Emulator {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        Ok(self.answer(request))
    }
}

/// Authenticates, routes and performs; returns the route's operationId and the outcome.
fn handle(
    state: &mut State,
    parts: &http::request::Parts,
    body: &[u8],
) -> (Option<&'static str>, Result<Value, ApiError>) {
    if let Err(error) = authenticate(state, &parts.headers) {
        return (None, Err(error));
    }

    let path = parts.uri.path();
    match routes::resolve(&parts.method, path) {
        Resolution::Matched(matched) => {
            let outcome = operations::perform(state, &matched, parts.uri.query(), body);
            (Some(matched.operation_id), outcome)
        }
        Resolution::WrongMethod { allow } => (
            None,
            Err(ApiError::method_not_allowed(&parts.method, path, allow)),
        ),
        Resolution::NoRoute => (None, Err(ApiError::invalid_url(&parts.method, path))),
    }
}

fn authenticate(state: &State, headers: &HeaderMap) -> Result<(), ApiError> {
    let token = headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .filter(|token| !token.is_empty());

    match (token, &state.api_key) {
        (None, _) => Err(ApiError::missing_api_key()),
        (Some(token), Some(key)) if token != key => Err(ApiError::incorrect_api_key()),
        _ => Ok(()),
    }
}

fn respond(
    state: &mut State,
    parts: &http::request::Parts,
    operation_id: Option<&'static str>,
    outcome: Result<Value, ApiError>,
) -> http::Response<Bytes> {
    let request_id = state.issue_request_id();
    let (status, body, allow) = match outcome {
        Ok(body) => (StatusCode::OK, body, None),
        Err(error) => {
            let body = serde_json::to_value(error.body()).expect("error bodies serialize");
            (error.status, body, error.allow)
        }
    };

    state.served.push(ServedRequest {
        method: parts.method.clone(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        operation_id,
        status,
        request_id: request_id.clone(),
    });

    let mut response = http::Response::new(Bytes::from(body.to_string()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(
        "x-request-id",
        HeaderValue::from_str(&request_id).expect("ASCII id"),
    );
    if let Some(allow) = allow {
        headers.insert(
            ALLOW,
            HeaderValue::from_str(&allow).expect("method names are ASCII"),
        );
    }
    response
}
