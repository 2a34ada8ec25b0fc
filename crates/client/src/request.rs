//! Building the HTTP request of one call from its operation and arguments.

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_TYPE};
use http::Uri;

use crate::client::Inner;
use crate::operation::Operation;
use crate::path::query_component;
use crate::{RequestOptions, ValidationError};

/// One call's request, ready to be sent any number of times.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub(crate) operation: &'static Operation,
    /// The path below the base URL, ids already escaped.
    pub(crate) path: String,
    /// Query parameters, not yet escaped.
    pub(crate) query: Vec<(&'static str, String)>,
    /// The JSON body, for operations that send one.
    pub(crate) body: Option<Bytes>,
}

impl Prepared {
    pub(crate) fn new(operation: &'static Operation, path: String) -> Self {
        Self {
            operation,
            path,
            query: Vec::new(),
            body: None,
        }
    }

    pub(crate) fn with_json(mut self, body: &impl serde::Serialize) -> Self {
        let bytes = serde_json::to_vec(body).expect("request bodies are plain data and serialize");
        self.body = Some(Bytes::from(bytes));
        self
    }

    pub(crate) fn with_query(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.query.push((key, value.into()));
        self
    }
}

/// The URL of `prepared` with the call's extra query, formed once per call.
///
/// # Errors
///
/// [`ValidationError::UrlTooLong`] when the ids and query make a URL longer than an
/// HTTP request line can carry; a checked base URL, escaped path segments and an
/// escaped query cannot otherwise fail to form one.
pub(crate) fn uri(
    client: &Inner,
    prepared: &Prepared,
    options: &RequestOptions,
) -> Result<Uri, ValidationError> {
    let query = encode_query(prepared, options);
    let url = client.config.base_url.join(&prepared.path, &query);
    let length = url.len();
    url.parse()
        .map_err(|_| ValidationError::UrlTooLong { length })
}

/// The `http::Request` of one attempt: `uri`, the client's headers, the call's extra
/// headers, and the body with its content type.
pub(crate) fn build(
    client: &Inner,
    prepared: &Prepared,
    options: &RequestOptions,
    uri: &Uri,
) -> http::Request<Bytes> {
    let mut request = http::Request::new(prepared.body.clone().unwrap_or_default());
    *request.method_mut() = prepared.operation.method.clone();
    *request.uri_mut() = uri.clone();

    let headers = request.headers_mut();
    headers.clone_from(&client.headers);
    if prepared.body.is_some() {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    for (name, value) in &options.extra_headers {
        headers.insert(name.clone(), value.clone());
    }

    request
}

fn encode_query(prepared: &Prepared, options: &RequestOptions) -> String {
    let own = prepared
        .query
        .iter()
        .map(|(key, value)| (*key, value.as_str()));
    let extra = options
        .extra_query
        .iter()
        .map(|(key, value)| (key.as_str(), value.as_str()));

    let mut query = String::new();
    for (key, value) in own.chain(extra) {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(&query_component(key));
        query.push('=');
        query.push_str(&query_component(value));
    }
    query
}
