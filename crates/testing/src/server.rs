use std::error::Error as StdError;
use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Body, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::Emulator;

/// An [`Emulator`] served over HTTP/1.1 on a loopback port, for code under test that
/// needs a URL rather than an [`HttpSend`](openai_admin_transport::HttpSend): a CLI, the
/// hyper transport, another language's client.
///
/// It binds `127.0.0.1` on a port the system picks, and answers each request through
/// the same logic as [`Emulator::answer`], after reading the body whole (a body over
/// [`Emulator::MAX_REQUEST_BODY_BYTES`] gets a 413 without being read further).
/// Answers have no `date` header, so they are the same byte for byte on every run.
///
/// [`shutdown`](Self::shutdown) stops accepting, lets requests in flight finish and
/// waits for that; dropping the server stops it the same way without waiting.
///
/// ```
/// use openai_admin_testing::{Emulator, EmulatorServer};
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> std::io::Result<()> {
/// let emulator = Emulator::builder().certificate("cert_a", "Primary", true).build();
/// let server = EmulatorServer::start(emulator.clone()).await?;
///
/// assert!(server.base_url().starts_with("http://127.0.0.1:"));
/// assert!(server.base_url().ends_with("/v1"));
/// // Point the code under test at `server.base_url()`, then check `emulator`.
///
/// server.shutdown().await;
/// # Ok(()) }
/// ```
pub struct EmulatorServer {
    addr: SocketAddr,
    emulator: Emulator,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl EmulatorServer {
    /// Binds `127.0.0.1:0` and starts serving `emulator` on the current tokio runtime.
    ///
    /// # Errors
    ///
    /// Returns the error of binding the listener or of reading its address.
    pub async fn start(emulator: Emulator) -> io::Result<Self> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(serve(listener, emulator.clone(), stopped));
        Ok(Self {
            addr,
            emulator,
            stop,
            task,
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to give a client: `http://127.0.0.1:<port>/v1`.
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    /// The emulator behind the server, sharing its state.
    pub fn emulator(&self) -> &Emulator {
        &self.emulator
    }

    /// Stops accepting connections and waits until the requests in flight have been
    /// answered and their connections closed. Idle connections close at once; a client
    /// that stops sending in the middle of a request body holds this up until it
    /// hangs up.
    pub async fn shutdown(self) {
        // The accept loop may have ended already; there is nothing to tell it then.
        let _ = self.stop.send(());
        // A join error means the task panicked or was cancelled; either way it is gone.
        let _ = self.task.await;
    }
}

impl fmt::Debug for EmulatorServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmulatorServer")
            .field("addr", &self.addr)
            .field("emulator", &self.emulator)
            .finish()
    }
}

/// Accepts connections until `stopped` fires (or its sender is dropped with the
/// server), then drains the open connections gracefully.
async fn serve(listener: TcpListener, emulator: Emulator, mut stopped: oneshot::Receiver<()>) {
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new()).auto_date_header(false);

    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => spawn_connection(&graceful, &http, stream, emulator.clone()),
                // A failed accept concerns one connection (the peer left, or the process
                // is out of descriptors for a moment); the listener itself goes on.
                Err(_) => continue,
            },
            _ = &mut stopped => break,
        }
    }

    drop(listener);
    graceful.shutdown().await;
}

fn spawn_connection(
    graceful: &GracefulShutdown,
    http: &http1::Builder,
    stream: TcpStream,
    emulator: Emulator,
) {
    let service = service_fn(move |request| answer(emulator.clone(), request));
    let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
    tokio::spawn(async move {
        // A connection error (the client hung up mid-request) ends only that
        // connection; there is nobody to report it to.
        let _ = connection.await;
    });
}

async fn answer(
    emulator: Emulator,
    request: http::Request<Incoming>,
) -> Result<http::Response<Full<Bytes>>, Box<dyn StdError + Send + Sync>> {
    let (parts, body) = request.into_parts();

    // A declared length over the limit is refused before a byte of the body is read.
    if body.size_hint().lower() > Emulator::MAX_REQUEST_BODY_BYTES as u64 {
        return Ok(emulator.refuse_body_too_large(&parts).map(Full::new));
    }

    let response = match Limited::new(body, Emulator::MAX_REQUEST_BODY_BYTES)
        .collect()
        .await
    {
        Ok(collected) => emulator.answer(http::Request::from_parts(parts, collected.to_bytes())),
        Err(error) if error.is::<LengthLimitError>() => emulator.refuse_body_too_large(&parts),
        // The connection broke while the body was read: hyper closes it.
        Err(error) => return Err(error),
    };
    Ok(response.map(Full::new))
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    /// Reads one response: the head up to the blank line, then `content-length` bytes.
    async fn read_response(stream: &mut TcpStream) -> String {
        let mut bytes = Vec::new();
        let mut buffer = [0; 4096];
        loop {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            if let Some(head_end) = text.find("\r\n\r\n") {
                let length: usize = text[..head_end]
                    .lines()
                    .find_map(|line| line.strip_prefix("content-length: "))
                    .map_or(0, |value| value.parse().unwrap());
                if bytes.len() >= head_end + 4 + length {
                    return text;
                }
            }
            let read = stream.read(&mut buffer).await.unwrap();
            assert!(read > 0, "the connection closed mid-response: {text:?}");
            bytes.extend_from_slice(&buffer[..read]);
        }
    }

    #[tokio::test]
    async fn answers_a_raw_http_request_on_loopback() {
        let emulator = Emulator::builder()
            .certificate("cert_a", "Primary", true)
            .build();
        let server = EmulatorServer::start(emulator.clone()).await.unwrap();
        assert_eq!(server.addr().ip(), Ipv4Addr::LOCALHOST);
        assert_eq!(
            server.base_url(),
            format!("http://127.0.0.1:{}/v1", server.addr().port())
        );

        let mut stream = TcpStream::connect(server.addr()).await.unwrap();
        stream
            .write_all(
                b"GET /v1/organization/certificates/cert_a HTTP/1.1\r\n\
                  Host: 127.0.0.1\r\n\
                  Authorization: Bearer sk-test\r\n\
                  Connection: close\r\n\r\n",
            )
            .await
            .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();

        let body = concat!(
            r#"{"certificate_details":{"expires_at":1731536000,"valid_at":1700000000},"#,
            r#""created_at":1700000000,"id":"cert_a","name":"Primary","object":"certificate"}"#
        );
        assert_eq!(
            answer,
            format!(
                "HTTP/1.1 200 OK\r\n\
                 content-type: application/json\r\n\
                 x-request-id: req_emu_0001\r\n\
                 connection: close\r\n\
                 content-length: {}\r\n\r\n{body}",
                body.len()
            )
        );
        assert_eq!(emulator.served()[0].operation_id, Some("getCertificate"));
        server.shutdown().await;
    }

    #[tokio::test]
    async fn posts_reach_the_shared_state() {
        let emulator = Emulator::builder()
            .certificate("cert_a", "Primary", false)
            .build();
        let server = EmulatorServer::start(emulator.clone()).await.unwrap();

        let body = r#"{"certificate_ids":["cert_a"]}"#;
        let request = format!(
            "POST /v1/organization/certificates/activate HTTP/1.1\r\nHost: 127.0.0.1\r\n\
             Authorization: Bearer sk-test\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let mut stream = TcpStream::connect(server.addr()).await.unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();

        let answer = read_response(&mut stream).await;
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
        assert!(
            answer.ends_with(r#""object":"organization.certificate.activation"}"#),
            "{answer}"
        );
        assert!(emulator.is_active("cert_a"));
        assert!(server.emulator().is_active("cert_a"));
    }

    #[tokio::test]
    async fn a_declared_body_over_the_limit_gets_413_unread() {
        let server = EmulatorServer::start(Emulator::new()).await.unwrap();

        let mut stream = TcpStream::connect(server.addr()).await.unwrap();
        stream
            .write_all(
                b"POST /v1/organization/certificates HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                  Authorization: Bearer sk-test\r\nContent-Length: 2097152\r\n\r\n",
            )
            .await
            .unwrap();

        let answer = read_response(&mut stream).await;
        assert!(
            answer.starts_with("HTTP/1.1 413 Payload Too Large\r\n"),
            "{answer}"
        );
        assert!(
            answer.contains("x-request-id: req_emu_0001\r\n"),
            "{answer}"
        );
        let body = concat!(
            r#"{"error":{"code":null,"message":"The request body is larger than the limit "#,
            r#"of 1048576 bytes.","param":null,"type":"invalid_request_error"}}"#
        );
        assert!(answer.ends_with(body), "{answer}");
        assert_eq!(
            server.emulator().served()[0].status,
            http::StatusCode::PAYLOAD_TOO_LARGE
        );
    }

    #[tokio::test]
    async fn a_chunked_body_over_the_limit_gets_413() {
        let server = EmulatorServer::start(Emulator::new()).await.unwrap();
        let chunk = vec![b' '; 64 * 1024];

        let mut stream = TcpStream::connect(server.addr()).await.unwrap();
        stream
            .write_all(
                b"POST /v1/organization/certificates HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                  Authorization: Bearer sk-test\r\nTransfer-Encoding: chunked\r\n\r\n",
            )
            .await
            .unwrap();
        // Sixteen chunks fill the limit exactly; the one byte after it is one too many.
        // The terminating chunk follows, so that hyper can drain the body and close
        // the connection cleanly rather than with unread bytes.
        for _ in 0..16 {
            stream
                .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                .await
                .unwrap();
            stream.write_all(&chunk).await.unwrap();
            stream.write_all(b"\r\n").await.unwrap();
        }
        stream.write_all(b"1\r\nx\r\n0\r\n\r\n").await.unwrap();

        let answer = read_response(&mut stream).await;
        assert!(
            answer.starts_with("HTTP/1.1 413 Payload Too Large\r\n"),
            "{answer}"
        );
    }

    #[tokio::test]
    async fn shutdown_closes_idle_connections_and_stops_accepting() {
        let server = EmulatorServer::start(Emulator::new()).await.unwrap();
        let addr = server.addr();

        let mut idle = TcpStream::connect(addr).await.unwrap();
        idle.write_all(b"GET /v1/organization/certificates HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        assert!(read_response(&mut idle)
            .await
            .starts_with("HTTP/1.1 401 Unauthorized\r\n"));

        server.shutdown().await;

        let mut rest = Vec::new();
        assert_eq!(idle.read_to_end(&mut rest).await.unwrap(), 0);
        let refused = TcpStream::connect(addr).await.unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::ConnectionRefused);
    }

    #[tokio::test]
    async fn dropping_the_server_closes_its_connections() {
        let server = EmulatorServer::start(Emulator::new()).await.unwrap();

        let mut idle = TcpStream::connect(server.addr()).await.unwrap();
        idle.write_all(b"GET /v1/organization/certificates HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        read_response(&mut idle).await;

        drop(server);

        let mut rest = Vec::new();
        assert_eq!(idle.read_to_end(&mut rest).await.unwrap(), 0);
    }
}
