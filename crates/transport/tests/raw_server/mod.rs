//! A one-connection HTTP/1.1 server on 127.0.0.1 that answers with bytes given by
//! the test, byte for byte, and hands back the requests it read. Writing the wire
//! format by hand lets a test send what no well-behaved server would: a body
//! shorter than its length, or one that never ends.

use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// What the server does once it has written its last answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Close the connection at once.
    Close,
    /// Keep it open until the client closes it, so that only the client can end
    /// the exchange.
    WaitForClient,
}

/// A request as it arrived on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captured {
    /// `METHOD target HTTP/1.1`.
    pub request_line: String,
    /// Header names and values in arrival order.
    pub headers: Vec<(String, String)>,
    /// The body, read by its Content-Length.
    pub body: Vec<u8>,
}

/// A running server; [`RawServer::requests`] waits for it to finish.
pub struct RawServer {
    addr: SocketAddr,
    task: JoinHandle<Vec<Captured>>,
}

impl RawServer {
    /// Accepts one connection, and on it answers one request per entry of
    /// `answers`, in order. The listener is closed after the first accept, so a
    /// second connection is refused.
    pub async fn start(answers: Vec<Vec<u8>>, then: Then) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            let (stream, _) = listener.accept().await.unwrap();
            drop(listener);
            serve(stream, answers, then).await
        });
        Self { addr, task }
    }

    /// An absolute `http` URL for `path_and_query` on this server.
    pub fn url(&self, path_and_query: &str) -> String {
        format!("http://{}{path_and_query}", self.addr)
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Waits for the server to finish and returns the requests it read.
    pub async fn requests(self) -> Vec<Captured> {
        self.task.await.unwrap()
    }
}

async fn serve(mut stream: TcpStream, answers: Vec<Vec<u8>>, then: Then) -> Vec<Captured> {
    let mut pending = Vec::new();
    let mut captured = Vec::new();
    for answer in answers {
        let Some(request) = read_request(&mut stream, &mut pending).await else {
            break;
        };
        captured.push(request);
        // The client may hang up mid-answer, which is what some tests want.
        if stream.write_all(&answer).await.is_err() {
            return captured;
        }
    }
    if then == Then::WaitForClient {
        let mut sink = [0u8; 1024];
        while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
    }
    captured
}

/// Reads one request from `stream`; `pending` carries bytes read past its end.
async fn read_request(stream: &mut TcpStream, pending: &mut Vec<u8>) -> Option<Captured> {
    let head_end = loop {
        if let Some(at) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        if !read_more(stream, pending).await {
            return None;
        }
    };
    let head = String::from_utf8(pending[..head_end].to_vec()).unwrap();
    pending.drain(..head_end + 4);

    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap().to_owned();
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line.split_once(": ").unwrap();
            (name.to_owned(), value.to_owned())
        })
        .collect();

    let length = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .map_or(0, |(_, value)| value.parse::<usize>().unwrap());
    while pending.len() < length {
        if !read_more(stream, pending).await {
            return None;
        }
    }
    let body = pending.drain(..length).collect();
    Some(Captured {
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
