//! The yardstick for per-call overhead: a plain hyper-util legacy client sending the
//! very request the `openai-admin` client sends, and reading the body.
//!
//! Everything the client does beyond this (validating ids, building the request,
//! the retry loop and its timer, classifying the answer, decoding it) is what the
//! overhead benchmark measures. [`Baseline::mirror`] learns the request from the
//! server's side of one client call, then checks that the baseline's own request
//! arrives identical, so the two cannot drift apart unnoticed.

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_LENGTH, HOST};
use http::{Method, Uri};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use openai_admin::Client;

use crate::fixture;
use crate::server::{LoopbackServer, RequestShape};

/// A hyper-util client and the one request it sends, again and again.
#[derive(Debug, Clone)]
pub struct Baseline {
    client: HyperClient<HttpConnector, Full<Bytes>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
}

impl Baseline {
    /// A baseline sending `shape` to `server`, with the same pool setting as the
    /// client it is compared with. `Host` and `Content-Length` are left to hyper,
    /// which writes them exactly as it does for the client.
    ///
    /// # Panics
    ///
    /// If `shape` holds a header that cannot be sent again, which a request that
    /// was just received never does.
    pub fn new(server: &LoopbackServer, shape: &RequestShape, pool_max_idle: usize) -> Self {
        let mut connector = HttpConnector::new();
        // The hyper transport turns Nagle off too; with it on, a request written in
        // two pieces can wait for a delayed ACK.
        connector.set_nodelay(true);
        let client = HyperClient::builder(TokioExecutor::new())
            .pool_max_idle_per_host(pool_max_idle)
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .build(connector);

        let mut headers = HeaderMap::new();
        for (name, value) in &shape.headers {
            let name = HeaderName::try_from(name.as_str()).expect("a received header name");
            if name != HOST && name != CONTENT_LENGTH {
                let value = HeaderValue::from_bytes(value).expect("a received header value");
                headers.append(name, value);
            }
        }

        let uri = format!("http://{}{}", server.addr(), shape.path_and_query);
        Self {
            client,
            method: shape.method.clone(),
            uri: uri.parse().expect("a loopback URI"),
            headers,
            body: shape.body.clone(),
        }
    }

    /// Learns the request `client` sends from one deactivate call to `server`, and
    /// builds a baseline sending the same; then checks that the server sees the
    /// baseline's request exactly as it saw the client's, header order aside.
    ///
    /// # Errors
    ///
    /// Says what differs, or which call failed.
    pub async fn mirror(
        server: &LoopbackServer,
        client: &Client,
        pool_max_idle: usize,
    ) -> Result<Self, String> {
        server.record_next_request();
        client
            .organization()
            .certificates()
            .deactivate(fixture::CERTIFICATE_IDS)
            .await
            .map_err(|error| format!("the client's call failed: {error}"))?;
        let wanted = only_one(server.take_recorded())?;

        let baseline = Self::new(server, &wanted, pool_max_idle);
        server.record_next_request();
        baseline
            .send()
            .await
            .map_err(|error| format!("the baseline's call failed: {error}"))?;
        let sent = only_one(server.take_recorded())?;

        let same = sent.method == wanted.method
            && sent.path_and_query == wanted.path_and_query
            && sent.sorted_headers() == wanted.sorted_headers()
            && sent.body == wanted.body;
        if same {
            Ok(baseline)
        } else {
            Err(format!(
                "the baseline's request differs from the client's:\n  client:   {wanted:?}\n  baseline: {sent:?}"
            ))
        }
    }

    /// Sends the request and reads the whole body.
    ///
    /// # Errors
    ///
    /// Whatever hyper reports, as text.
    pub async fn send(&self) -> Result<Bytes, String> {
        let mut request = http::Request::new(Full::new(self.body.clone()));
        *request.method_mut() = self.method.clone();
        *request.uri_mut() = self.uri.clone();
        *request.headers_mut() = self.headers.clone();

        let response = self
            .client
            .request(request)
            .await
            .map_err(|error| error.to_string())?;
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|error| error.to_string())?;
        Ok(body.to_bytes())
    }
}

fn only_one(mut recorded: Vec<RequestShape>) -> Result<RequestShape, String> {
    match recorded.len() {
        1 => Ok(recorded.remove(0)),
        n => Err(format!("expected one recorded request, the server has {n}")),
    }
}
