//! The connector below TLS: it dials the target, or the proxy for it.
//!
//! An `https` target behind a proxy is reached through an HTTP `CONNECT` tunnel
//! (hyper-util's [`Tunnel`]); the TLS connector above then runs the handshake
//! with the target inside it, so the proxy sees only the target's host and
//! port. An `http` target behind a proxy is sent to the proxy as an
//! absolute-form request (`GET http://host/path`), which is what every http
//! proxy accepts; a tunnel would work too, but many proxies allow `CONNECT`
//! only to port 443.
//!
//! With a [`ConnectionCap`], every connect first waits for a permit for its
//! target's origin, and the [`Stream`] keeps the permit until it is dropped.
//! Through a proxy the cap still counts by target: each tunnel or absolute-form
//! connection to the proxy is one connection for the target it carries.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::Uri;
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::sync::OwnedSemaphorePermit;
use tower_service::Service;

use super::connection_cap::ConnectionCap;
use super::failure::Origin;
use super::proxy::{ProxyRules, Route};

type BoxError = Box<dyn StdError + Send + Sync>;

type Connecting = Pin<Box<dyn Future<Output = Result<Stream, BoxError>> + Send>>;

/// Dials each target directly or through its proxy, as the rules say, once the
/// cap, if any, has room for it.
#[derive(Clone)]
pub(super) struct Connector {
    http: HttpConnector,
    rules: Arc<ProxyRules>,
    cap: Option<Arc<ConnectionCap>>,
}

impl Connector {
    pub(super) fn new(
        http: HttpConnector,
        rules: Arc<ProxyRules>,
        cap: Option<ConnectionCap>,
    ) -> Self {
        Self {
            http,
            rules,
            cap: cap.map(Arc::new),
        }
    }

    /// Dials `target`, or its proxy. Nothing happens until the future is polled.
    fn dial(&mut self, target: Uri) -> Connecting {
        let proxy = match self.rules.route(&target) {
            Route::Direct => {
                let connecting = self.http.call(target);
                return Box::pin(async move { Ok(Stream::new(connecting.await?, false)) });
            }
            Route::Proxy(proxy) => proxy,
            Route::Unsupported(_) => {
                // `send` refuses these before the client ever asks for a
                // connection; this is only a backstop.
                return Box::pin(async { Err("unsupported proxy scheme".into()) });
            }
        };

        let origin = proxy.origin.clone();
        if target.scheme_str() == Some("https") {
            // A fresh tunnel per connection is cheap: it holds a clone of the
            // connector and the proxy's address. HttpConnector is always ready,
            // so the tunnel's readiness needs no polling first.
            let mut tunnel = Tunnel::new(proxy.uri, self.http.clone());
            if let Some(authorization) = proxy.authorization {
                tunnel = tunnel.with_auth(authorization);
            }
            let connecting = tunnel.call(target);
            Box::pin(async move {
                match connecting.await {
                    Ok(io) => Ok(Stream::new(io, false)),
                    Err(error) => Err(ProxyFailure::new(origin, error).into()),
                }
            })
        } else {
            let connecting = self.http.call(proxy.uri);
            Box::pin(async move {
                match connecting.await {
                    Ok(io) => Ok(Stream::new(io, true)),
                    Err(error) => Err(ProxyFailure::new(origin, error).into()),
                }
            })
        }
    }
}

impl Service<Uri> for Connector {
    type Response = Stream;
    type Error = BoxError;
    type Future = Connecting;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.http.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, target: Uri) -> Self::Future {
        // Asked for here, not in the future: `call` runs inside the request's
        // task, where the cap can see whether the request still wants it.
        let permit = self.cap.as_ref().map(|cap| cap.permit(&target));
        let dialing = self.dial(target);
        let Some(permit) = permit else {
            return dialing;
        };
        Box::pin(async move {
            let permit = permit.await?;
            Ok(dialing.await?.holding(permit))
        })
    }
}

/// A TCP connection, to the target or to a proxy, that tells the client whether
/// to write requests in absolute form.
pub(super) struct Stream {
    io: TokioIo<TcpStream>,
    absolute_form: bool,
    /// The connection's place under the cap, given back when it is dropped.
    /// Declared after `io`, so the socket is closed before the room is freed.
    _permit: Option<OwnedSemaphorePermit>,
}

impl Stream {
    fn new(io: TokioIo<TcpStream>, absolute_form: bool) -> Self {
        Self {
            io,
            absolute_form,
            _permit: None,
        }
    }

    fn holding(mut self, permit: OwnedSemaphorePermit) -> Self {
        self._permit = Some(permit);
        self
    }
}

impl Connection for Stream {
    fn connected(&self) -> Connected {
        self.io.connected().proxy(self.absolute_form)
    }
}

impl Read for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_read(cx, buf)
    }
}

impl Write for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().io).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().io).poll_write_vectored(cx, bufs)
    }
}

/// A failure to reach or use the proxy: the proxy's `host:port` (never its
/// credentials) and the cause.
#[derive(Debug)]
pub(super) struct ProxyFailure {
    pub(super) proxy: Origin,
    /// Why the proxy refused the tunnel, when it answered at all.
    pub(super) refusal: Option<&'static str>,
    source: BoxError,
}

impl ProxyFailure {
    fn new(proxy: Origin, source: impl Into<BoxError>) -> Self {
        let source = source.into();
        Self {
            proxy,
            refusal: refusal(source.as_ref()),
            source,
        }
    }
}

impl fmt::Display for ProxyFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "through proxy {}", self.proxy)
    }
}

impl StdError for ProxyFailure {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(self.source.as_ref())
    }
}

/// Names the proxy's answer to a `CONNECT` it refused.
///
/// hyper-util does not export its tunnel error type, so its fixed messages are
/// the only way to tell these apart. A failure with a source (the proxy could
/// not be reached, the connection broke) is described by that source instead;
/// a tunnel message not known here falls back to a generic description.
fn refusal(error: &(dyn StdError + 'static)) -> Option<&'static str> {
    let text = error.to_string();
    let detail = text.strip_prefix("tunnel error: ")?;
    if error.source().is_some() {
        return None;
    }
    Some(match detail {
        "proxy authorization required" => "proxy requires authentication (407)",
        "unsuccessful" => "proxy refused the tunnel",
        "unexpected end of file" => "proxy closed the connection",
        "proxy response headers too long" => "proxy answer too long",
        _ => "proxy tunnel failed",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Fixed(&'static str);

    impl fmt::Display for Fixed {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
    }

    impl StdError for Fixed {}

    #[test]
    fn known_refusals_are_named_and_others_are_generic() {
        let named = |text| refusal(&Fixed(text));
        assert_eq!(
            named("tunnel error: proxy authorization required"),
            Some("proxy requires authentication (407)")
        );
        assert_eq!(
            named("tunnel error: unsuccessful"),
            Some("proxy refused the tunnel")
        );
        assert_eq!(named("tunnel error: new"), Some("proxy tunnel failed"));
        assert_eq!(named("anything else"), None);
    }

    #[test]
    fn a_failure_with_a_cause_is_left_to_the_cause() {
        let io = io::Error::new(io::ErrorKind::ConnectionRefused, "refused");
        let failure = ProxyFailure::new(Origin::of(&Uri::from_static("http://p:1")), io);
        assert_eq!(failure.refusal, None);
        assert_eq!(failure.to_string(), "through proxy p:1");
    }
}
