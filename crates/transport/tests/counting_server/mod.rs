//! An HTTP/1.1 server on 127.0.0.1 that answers every request with `200 ok` and
//! counts the connections it accepts and how many are open, so a test can see
//! what a client's pool really did.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch, Semaphore};
use tokio::task::JoinHandle;

/// How the server treats its connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connections {
    /// Keeps each one open for as long as the client does.
    KeepAlive,
    /// Answers one request with `connection: close` and closes.
    CloseAfterEachResponse,
}

#[derive(Debug)]
struct Counters {
    accepted: AtomicUsize,
    open: watch::Sender<usize>,
    peak_open: AtomicUsize,
}

impl Counters {
    fn opened(&self) {
        self.accepted.fetch_add(1, Ordering::SeqCst);
        self.open.send_modify(|open| {
            *open += 1;
            self.peak_open.fetch_max(*open, Ordering::SeqCst);
        });
    }

    fn closed(&self) {
        self.open.send_modify(|open| *open -= 1);
    }
}

/// A running server; it stops when dropped.
pub struct CountingServer {
    addr: SocketAddr,
    counters: Arc<Counters>,
    held: Option<Arc<Semaphore>>,
    arrived: mpsc::UnboundedReceiver<()>,
    task: JoinHandle<()>,
}

impl CountingServer {
    /// Answers every request at once.
    pub async fn start(connections: Connections) -> Self {
        Self::spawn(connections, None).await
    }

    /// Reads each request, then holds its answer until [`release`](Self::release)
    /// lets it go.
    pub async fn start_holding_answers(connections: Connections) -> Self {
        Self::spawn(connections, Some(Arc::new(Semaphore::new(0)))).await
    }

    async fn spawn(connections: Connections, held: Option<Arc<Semaphore>>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let counters = Arc::new(Counters {
            accepted: AtomicUsize::new(0),
            open: watch::Sender::new(0),
            peak_open: AtomicUsize::new(0),
        });
        let (arrivals, arrived) = mpsc::unbounded_channel();
        let task = tokio::spawn(accept_loop(
            listener,
            Arc::clone(&counters),
            connections,
            held.clone(),
            arrivals,
        ));
        Self {
            addr,
            counters,
            held,
            arrived,
            task,
        }
    }

    /// An absolute `http` URL for `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Connections accepted so far.
    pub fn accepted(&self) -> usize {
        self.counters.accepted.load(Ordering::SeqCst)
    }

    /// The most connections that were open at once, as the server saw them: a
    /// connection counts until the server has noticed it closed.
    pub fn peak_open(&self) -> usize {
        self.counters.peak_open.load(Ordering::SeqCst)
    }

    /// Waits until at most `max` connections are open, and returns how many are.
    pub async fn open_at_most(&self, max: usize) -> usize {
        let mut open = self.counters.open.subscribe();
        let settled = *open.wait_for(|open| *open <= max).await.unwrap();
        settled
    }

    /// Waits until the server has read one more request.
    pub async fn next_arrival(&mut self) {
        self.arrived.recv().await.unwrap();
    }

    /// Lets `answers` held answers go.
    pub fn release(&self, answers: usize) {
        self.held
            .as_ref()
            .expect("the server holds its answers")
            .add_permits(answers);
    }
}

impl Drop for CountingServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn accept_loop(
    listener: TcpListener,
    counters: Arc<Counters>,
    connections: Connections,
    held: Option<Arc<Semaphore>>,
    arrivals: mpsc::UnboundedSender<()>,
) {
    loop {
        let (stream, _) = listener.accept().await.unwrap();
        counters.opened();

        let counters = Arc::clone(&counters);
        let held = held.clone();
        let arrivals = arrivals.clone();
        tokio::spawn(async move {
            let service = service_fn(move |_request| {
                let held = held.clone();
                let _ = arrivals.send(());
                async move {
                    if let Some(held) = held {
                        held.acquire().await.unwrap().forget();
                    }
                    Ok::<_, Infallible>(http::Response::new(Full::new(Bytes::from_static(b"ok"))))
                }
            });
            let _ = http1::Builder::new()
                .keep_alive(connections == Connections::KeepAlive)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            counters.closed();
        });
    }
}
