//! A prototype transport that never has more than a set number of connections
//! open, to measure what a cap in `openai-admin-transport` would do.
//!
//! hyper-util's legacy pool has no such cap: `pool_max_idle_per_host` bounds only
//! the idle connections kept afterwards, and a request that finds no idle
//! connection starts a new one at once, even when another is about to be handed
//! back. So even with callers limited to N requests in flight, a burst opens more
//! than N connections. Here the connector holds a semaphore permit for every
//! connection it opens, released when the connection closes; a request that finds
//! no idle connection and no permit waits for whichever comes first, a connection
//! handed back to the pool or a permit.
//!
//! Limitation: a connect that lost that race keeps waiting for a permit in the
//! background (hyper finishes a started connect to pool it), so while every
//! permit stays in use such waits stay pending. They cost a task each and open
//! nothing; a real implementation might cancel them.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::Uri;
use http_body_util::{BodyExt, Full};
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use openai_admin::{HttpSend, TransportError, TransportErrorKind};
use openai_admin_transport::async_trait;
use tokio::net::TcpStream;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A plain-HTTP transport over hyper-util with at most `limit` connections open.
#[derive(Debug, Clone)]
pub struct CappedTransport {
    client: HyperClient<CappedConnector, Full<Bytes>>,
}

impl CappedTransport {
    /// A transport with at most `limit` connections, keeping up to `limit` of them
    /// idle. It speaks plain HTTP only, so it can reach nothing but the loopback
    /// server of a benchmark.
    pub fn new(limit: usize) -> Self {
        let mut http = HttpConnector::new();
        http.set_nodelay(true);
        let connector = CappedConnector {
            http,
            permits: Arc::new(Semaphore::new(limit)),
        };
        let client = HyperClient::builder(TokioExecutor::new())
            .pool_max_idle_per_host(limit)
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .build(connector);
        Self { client }
    }
}

#[async_trait]
impl HttpSend for CappedTransport {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        let failed = |error: &dyn std::fmt::Display| {
            TransportError::new(TransportErrorKind::Io, format!("capped transport: {error}"))
        };
        let response = self
            .client
            .request(request.map(Full::new))
            .await
            .map_err(|error| failed(&error))?;
        let (parts, body) = response.into_parts();
        let body = body.collect().await.map_err(|error| failed(&error))?;
        Ok(http::Response::from_parts(parts, body.to_bytes()))
    }
}

/// Opens a connection only with a permit, which the connection keeps.
#[derive(Debug, Clone)]
struct CappedConnector {
    http: HttpConnector,
    permits: Arc<Semaphore>,
}

impl tower_service::Service<Uri> for CappedConnector {
    type Response = CappedConnection;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<CappedConnection, BoxError>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        // Readiness is decided in `call`, by the permit; the HTTP connector is
        // always ready.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, uri: Uri) -> Self::Future {
        let mut http = self.http.clone();
        let permits = Arc::clone(&self.permits);
        Box::pin(async move {
            let permit = permits.acquire_owned().await?;
            let io = tower_service::Service::call(&mut http, uri).await?;
            Ok(CappedConnection {
                io,
                _permit: permit,
            })
        })
    }
}

/// A connection and the permit it holds until it is dropped.
#[derive(Debug)]
struct CappedConnection {
    io: TokioIo<TcpStream>,
    _permit: OwnedSemaphorePermit,
}

impl Connection for CappedConnection {
    fn connected(&self) -> Connected {
        self.io.connected()
    }
}

impl Read for CappedConnection {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl Write for CappedConnection {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }
}
