//! The loopback server every benchmark talks to: HTTP/1.1 on 127.0.0.1, one fixed
//! answer, and counters at its accept loop.
//!
//! [`LoopbackServer::start`] runs it on a thread and a single-threaded tokio
//! runtime of its own, so its work never shares a runtime with the client being
//! measured, and a counting allocator that counts only the client's threads leaves
//! it out. [`LoopbackServer::start_on_current_runtime`] runs it beside the client
//! instead, for timing without cross-thread wake-ups.

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_TYPE};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::oneshot;

use crate::fixture;

/// How many connects may wait to be accepted. The standard library's 128 would
/// make a burst of a thousand connects wait on SYN retransmits (a second or more),
/// which measures the kernel's queue, not the client. Linux caps it at
/// `net.core.somaxconn`.
pub const BACKLOG: u32 = 2048;

/// A request as the server saw it, header order aside: what two clients must agree
/// on to be sending the same bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestShape {
    /// The method, such as `POST`.
    pub method: http::Method,
    /// The path and query, such as `/v1/organization/certificates/deactivate`.
    pub path_and_query: String,
    /// Every header in the order received, names lowercase.
    pub headers: Vec<(String, Vec<u8>)>,
    /// The whole body.
    pub body: Bytes,
}

impl RequestShape {
    /// The headers sorted by name, for comparing two requests whatever their order.
    pub fn sorted_headers(&self) -> Vec<(String, Vec<u8>)> {
        let mut headers = self.headers.clone();
        headers.sort();
        headers
    }
}

/// What the server has counted so far.
#[derive(Debug, Default)]
struct Counters {
    accepted: AtomicUsize,
    open: AtomicUsize,
    peak_open: AtomicUsize,
    requests: AtomicUsize,
    /// How many of the next requests to record; zero almost always, so recording
    /// costs one atomic load per request.
    record_next: AtomicUsize,
    recorded: Mutex<Vec<RequestShape>>,
}

/// A loopback HTTP/1.1 server answering every request with [`fixture::page_body`].
///
/// Stops accepting when dropped. The connections still open close with the
/// server's own runtime, or, when it shares the caller's, when their clients
/// close them.
#[derive(Debug)]
pub struct LoopbackServer {
    addr: SocketAddr,
    counters: Arc<Counters>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl LoopbackServer {
    /// Binds 127.0.0.1 on a free port and starts serving on a new thread.
    ///
    /// # Panics
    ///
    /// If no loopback port can be bound or the thread cannot be started: a
    /// benchmark has nothing to measure then.
    pub fn start() -> Self {
        let counters = Arc::new(Counters::default());
        let (shutdown, stop) = oneshot::channel();
        let (bound, addr) = mpsc::channel();
        let served = Arc::clone(&counters);
        let thread = std::thread::Builder::new()
            .name("loopback-server".into())
            .spawn(move || serve(&bound, served, stop))
            .expect("start the server thread");
        let addr = addr
            .recv()
            .expect("the server thread reports its address")
            .expect("bind a loopback port");

        Self {
            addr,
            counters,
            shutdown: Some(shutdown),
            thread: Some(thread),
        }
    }

    /// Binds 127.0.0.1 on a free port and serves on the current tokio runtime,
    /// sharing it, and its threads, with the caller.
    ///
    /// On a single-threaded runtime client and server then take turns on one
    /// thread: a call costs what both sides compute, and no thread ever waits to
    /// be woken, which on a virtual machine can cost more than the call itself.
    ///
    /// # Panics
    ///
    /// Outside a tokio runtime, or if no loopback port can be bound.
    pub fn start_on_current_runtime() -> Self {
        let counters = Arc::new(Counters::default());
        let (shutdown, stop) = oneshot::channel();
        let listener = listen().expect("bind a loopback port");
        let addr = listener.local_addr().expect("the listener has an address");
        tokio::spawn(accept_loop(listener, Arc::clone(&counters), stop));

        Self {
            addr,
            counters,
            shutdown: Some(shutdown),
            thread: None,
        }
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL for a client: `http://127.0.0.1:<port>/v1`.
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    /// TCP connections accepted since the server started.
    pub fn accepted(&self) -> usize {
        self.counters.accepted.load(Ordering::Relaxed)
    }

    /// Connections open now, as far as the server has noticed: one the client
    /// has just closed counts until the server reads its end.
    pub fn open(&self) -> usize {
        self.counters.open.load(Ordering::Relaxed)
    }

    /// The most connections that were open at once.
    pub fn peak_open(&self) -> usize {
        self.counters.peak_open.load(Ordering::Relaxed)
    }

    /// Requests answered since the server started.
    pub fn requests(&self) -> usize {
        self.counters.requests.load(Ordering::Relaxed)
    }

    /// Records the next request's shape; collect it with [`take_recorded`](Self::take_recorded).
    pub fn record_next_request(&self) {
        self.counters.record_next.fetch_add(1, Ordering::SeqCst);
    }

    /// The requests recorded so far, oldest first, leaving none behind.
    pub fn take_recorded(&self) -> Vec<RequestShape> {
        let mut recorded = self
            .counters
            .recorded
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        std::mem::take(&mut *recorded)
    }
}

impl Drop for LoopbackServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The server thread: a runtime of its own, the listener, then the accept loop.
fn serve(
    bound: &mpsc::Sender<io::Result<SocketAddr>>,
    counters: Arc<Counters>,
    stop: oneshot::Receiver<()>,
) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("build the server runtime");

    runtime.block_on(async move {
        let listener = match listen() {
            Ok(listener) => listener,
            Err(error) => {
                let _ = bound.send(Err(error));
                return;
            }
        };
        let _ = bound.send(listener.local_addr());
        accept_loop(listener, counters, stop).await;
    });
}

/// Accepts connections until `stop` fires, counting them, and serves each on a
/// task of the current runtime.
async fn accept_loop(
    listener: TcpListener,
    counters: Arc<Counters>,
    mut stop: oneshot::Receiver<()>,
) {
    let body = fixture::page_body();
    loop {
        let stream = tokio::select! {
            _ = &mut stop => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors, say: the client sees its connect fail
                // and counts an error; the server keeps accepting.
                Err(_) => continue,
            },
        };
        let _ = stream.set_nodelay(true);
        counters.accepted.fetch_add(1, Ordering::Relaxed);
        let open = counters.open.fetch_add(1, Ordering::Relaxed) + 1;
        counters.peak_open.fetch_max(open, Ordering::Relaxed);

        let counters = Arc::clone(&counters);
        let body = body.clone();
        tokio::spawn(async move {
            let service = service_fn(|request| answer(request, &counters, body.clone()));
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
            counters.open.fetch_sub(1, Ordering::Relaxed);
        });
    }
}

/// A listener on a free loopback port with room for [`BACKLOG`] pending connects.
fn listen() -> io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
    socket.listen(BACKLOG)
}

/// Reads the whole request, as a real server would, and answers with the page.
async fn answer(
    request: http::Request<Incoming>,
    counters: &Counters,
    page: Bytes,
) -> Result<http::Response<Full<Bytes>>, Infallible> {
    let (parts, incoming) = request.into_parts();
    let body = incoming
        .collect()
        .await
        .map(|collected| collected.to_bytes())
        .unwrap_or_default();
    counters.requests.fetch_add(1, Ordering::Relaxed);
    record(counters, &parts, body);

    let mut response = http::Response::new(Full::new(page));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(
        "x-request-id",
        HeaderValue::from_static(fixture::REQUEST_ID),
    );
    Ok(response)
}

fn record(counters: &Counters, parts: &http::request::Parts, body: Bytes) {
    let wanted = counters
        .record_next
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
    if wanted.is_err() {
        return;
    }
    let shape = RequestShape {
        method: parts.method.clone(),
        path_and_query: parts
            .uri
            .path_and_query()
            .map_or_else(String::new, ToString::to_string),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect(),
        body,
    };
    counters
        .recorded
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(shape);
}
