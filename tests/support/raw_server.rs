//! A loopback HTTP/1.1 server that gives each connection it accepts a scripted
//! behaviour, and counts what it saw.
//!
//! The server speaks just enough HTTP to read a request off the wire; everything it
//! sends back is bytes the test chose. That is how a test gets a reset before any
//! answer, a body shorter than its length, a stall mid-body or a body that never
//! ends, none of which a real HTTP server library would produce.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

use crate::RawResponse;

/// One thing the server does on a connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Reads one whole request (its head, and its body by `content-length`) and counts
    /// it. If the client hangs up first, the connection ends here.
    Read,
    /// Writes these bytes.
    Write(Vec<u8>),
    /// Writes these bytes over and over until the client hangs up.
    Flood(Vec<u8>),
    /// Keeps the connection open, discarding what arrives, until the client closes it.
    Hold,
    /// Closes with a TCP reset instead of a clean close (`SO_LINGER` of zero).
    Reset,
}

/// What the server does with one connection: its steps in order, then a clean close.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Behaviour {
    steps: Vec<Step>,
}

impl Behaviour {
    /// Any steps.
    pub fn steps(steps: Vec<Step>) -> Self {
        Self { steps }
    }

    /// Reads a request and answers it with `response`.
    pub fn answer(response: RawResponse) -> Self {
        Self::write_then_close(response)
    }

    /// Reads a request and answers each of `responses` in turn on the same connection,
    /// reading the next request before each answer after the first.
    pub fn answer_each(responses: impl IntoIterator<Item = RawResponse>) -> Self {
        let steps = responses
            .into_iter()
            .flat_map(|response| [Step::Read, Step::Write(response.into_bytes())])
            .collect();
        Self { steps }
    }

    /// Reads a request and writes `bytes`, which need not be a whole response.
    pub fn write_then_close(bytes: impl Into<Vec<u8>>) -> Self {
        Self::steps(vec![Step::Read, Step::Write(bytes.into())])
    }

    /// Reads a request and closes the connection without a word.
    pub fn close_after_request() -> Self {
        Self::steps(vec![Step::Read])
    }

    /// Reads a request and resets the connection without a word.
    pub fn reset_after_request() -> Self {
        Self::steps(vec![Step::Read, Step::Reset])
    }

    /// Reads a request, writes `bytes`, and then neither writes nor closes.
    pub fn stall_after(bytes: impl Into<Vec<u8>>) -> Self {
        Self::steps(vec![Step::Read, Step::Write(bytes.into()), Step::Hold])
    }

    /// Reads a request and never answers.
    pub fn silent() -> Self {
        Self::steps(vec![Step::Read, Step::Hold])
    }

    /// Reads a request and answers `status` with a chunked body that never ends.
    pub fn endless_chunked_body(status: u16) -> Self {
        let head = format!("HTTP/1.1 {status} OK\r\ntransfer-encoding: chunked\r\n\r\n");
        let mut chunk = b"400\r\n".to_vec();
        chunk.extend_from_slice(&[b'x'; 0x400]);
        chunk.extend_from_slice(b"\r\n");
        Self::steps(vec![
            Step::Read,
            Step::Write(head.into_bytes()),
            Step::Flood(chunk),
        ])
    }
}

/// A request as it arrived on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenRequest {
    /// `METHOD target HTTP/1.1`.
    pub request_line: String,
    /// Header names and values in arrival order.
    pub headers: Vec<(String, String)>,
    /// The body, read by its `content-length`.
    pub body: Vec<u8>,
}

#[derive(Debug, Default)]
struct Seen {
    connections: AtomicUsize,
    requests: Mutex<Vec<SeenRequest>>,
}

impl Seen {
    fn requests(&self) -> std::sync::MutexGuard<'_, Vec<SeenRequest>> {
        self.requests.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A running server on 127.0.0.1. Stops, with every connection it holds, when dropped.
#[derive(Debug)]
pub struct RawServer {
    addr: SocketAddr,
    seen: Arc<Seen>,
    task: JoinHandle<()>,
}

impl RawServer {
    /// Listens on a free port of 127.0.0.1 and gives the n-th connection it accepts
    /// the n-th behaviour. Connections beyond the script are counted and closed at
    /// once, so an unexpected extra attempt shows up in [`connections`](Self::connections).
    ///
    /// # Panics
    ///
    /// Panics when no loopback port can be bound.
    pub async fn start(behaviours: impl IntoIterator<Item = Behaviour>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let addr = listener
            .local_addr()
            .expect("a bound listener has an address");
        let seen = Arc::new(Seen::default());
        let behaviours: Vec<Behaviour> = behaviours.into_iter().collect();
        let task = tokio::spawn(accept(listener, behaviours, seen.clone()));
        Self { addr, seen, task }
    }

    /// The base URL for a client: `http://127.0.0.1:<port>/v1`.
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    /// How many connections were accepted so far.
    pub fn connections(&self) -> usize {
        self.seen.connections.load(Ordering::SeqCst)
    }

    /// Every whole request read so far, in order.
    pub fn requests(&self) -> Vec<SeenRequest> {
        self.seen.requests().clone()
    }

    /// How many whole requests were read so far.
    pub fn request_count(&self) -> usize {
        self.seen.requests().len()
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A base URL on 127.0.0.1 where nothing listens: a port that was bound and let go.
///
/// # Panics
///
/// Panics when no loopback port can be bound.
pub fn refused_base_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let addr = listener
        .local_addr()
        .expect("a bound listener has an address");
    drop(listener);
    format!("http://{addr}/v1")
}

async fn accept(listener: TcpListener, behaviours: Vec<Behaviour>, seen: Arc<Seen>) {
    let mut script = behaviours.into_iter();
    // Dropping the set, when the server task is aborted, aborts every connection.
    let mut connections = JoinSet::new();
    while let Ok((stream, _)) = listener.accept().await {
        seen.connections.fetch_add(1, Ordering::SeqCst);
        let steps = script.next().map(|b| b.steps).unwrap_or_default();
        connections.spawn(serve(stream, steps, seen.clone()));
        while connections.try_join_next().is_some() {}
    }
}

async fn serve(mut stream: TcpStream, steps: Vec<Step>, seen: Arc<Seen>) {
    let mut pending = Vec::new();
    for step in steps {
        let carry_on = match step {
            Step::Read => match read_request(&mut stream, &mut pending).await {
                Some(request) => {
                    seen.requests().push(request);
                    true
                }
                None => false,
            },
            Step::Write(bytes) => stream.write_all(&bytes).await.is_ok(),
            Step::Flood(bytes) => {
                while stream.write_all(&bytes).await.is_ok() {}
                false
            }
            Step::Hold => {
                let mut sink = [0u8; 4096];
                while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
                false
            }
            Step::Reset => {
                // A failure here would only turn the reset into a clean close.
                let _ = stream.set_zero_linger();
                false
            }
        };
        if !carry_on {
            return;
        }
    }
    let _ = stream.shutdown().await;
}

/// Reads one request; `pending` carries bytes read past its end. `None` when the
/// client hung up first or sent something that is not HTTP.
async fn read_request(stream: &mut TcpStream, pending: &mut Vec<u8>) -> Option<SeenRequest> {
    let head_end = loop {
        if let Some(at) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        if !read_more(stream, pending).await {
            return None;
        }
    };
    let head = String::from_utf8(pending[..head_end].to_vec()).ok()?;
    pending.drain(..head_end + 4);

    let mut lines = head.split("\r\n");
    let request_line = lines.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();

    let length = match headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
    {
        Some((_, value)) => value.parse::<usize>().ok()?,
        None => 0,
    };
    while pending.len() < length {
        if !read_more(stream, pending).await {
            return None;
        }
    }
    let body = pending.drain(..length).collect();
    Some(SeenRequest {
        request_line,
        headers,
        body,
    })
}

async fn read_more(stream: &mut TcpStream, pending: &mut Vec<u8>) -> bool {
    let mut chunk = [0u8; 4096];
    match stream.read(&mut chunk).await {
        Ok(0) | Err(_) => false,
        Ok(n) => {
            pending.extend_from_slice(&chunk[..n]);
            true
        }
    }
}
