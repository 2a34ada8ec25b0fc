//! An http proxy on 127.0.0.1 that records what it is asked for and forwards
//! the bytes to a server on 127.0.0.1.
//!
//! Whatever host a request names, the proxy connects to 127.0.0.1 on the port
//! it names, so a test can use a host name the client must not resolve itself
//! and still no traffic leaves the machine. It handles `CONNECT host:port`
//! (answering 200 and then piping both ways) and absolute-form requests
//! (`GET http://host:port/path`), which it passes on in origin form without
//! `Proxy-Authorization`, and then pipes as well. Limitation: after that
//! first request it pipes raw bytes, so a second request on the same client
//! connection would reach the server in absolute form; each test sends one.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{copy_bidirectional, AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the proxy was asked for, one entry per client connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// `CONNECT host:port HTTP/1.1` or `GET http://host:port/path HTTP/1.1`.
    pub request_line: String,
    /// The `Proxy-Authorization` header, if any.
    pub proxy_authorization: Option<String>,
}

/// A running proxy; it stops when the test's runtime does.
pub struct ProxyServer {
    addr: SocketAddr,
    asked: Arc<Mutex<Vec<Asked>>>,
}

impl ProxyServer {
    /// A proxy that forwards everything.
    pub async fn start() -> Self {
        Self::answering(None).await
    }

    /// A proxy that answers every request with `status_line` (such as
    /// `407 Proxy Authentication Required`) and forwards nothing.
    pub async fn refusing(status_line: &'static str) -> Self {
        Self::answering(Some(status_line)).await
    }

    async fn answering(refusal: Option<&'static str>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let asked = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&asked);
        tokio::spawn(async move {
            loop {
                let (client, _) = listener.accept().await.unwrap();
                let record = Arc::clone(&record);
                tokio::spawn(handle(client, record, refusal));
            }
        });
        Self { addr, asked }
    }

    /// `http://127.0.0.1:port`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://user:password@127.0.0.1:port`.
    pub fn url_with_credentials(&self, user: &str, password: &str) -> String {
        format!("http://{user}:{password}@{}", self.addr)
    }

    /// Everything asked so far, in order.
    pub fn asked(&self) -> Vec<Asked> {
        self.asked.lock().unwrap().clone()
    }
}

async fn handle(
    mut client: TcpStream,
    record: Arc<Mutex<Vec<Asked>>>,
    refusal: Option<&'static str>,
) {
    let Some((head, rest)) = read_head(&mut client).await else {
        return;
    };
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default().to_owned();
    let headers: Vec<(&str, &str)> = lines.filter_map(|line| line.split_once(": ")).collect();
    let proxy_authorization = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("proxy-authorization"))
        .map(|(_, value)| (*value).to_owned());
    record.lock().unwrap().push(Asked {
        request_line: request_line.clone(),
        proxy_authorization,
    });

    if let Some(status_line) = refusal {
        let answer = format!("HTTP/1.1 {status_line}\r\ncontent-length: 0\r\n\r\n");
        let _ = client.write_all(answer.as_bytes()).await;
        return;
    }

    let mut parts = request_line.split(' ');
    let (method, target, version) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let mut server = if method == "CONNECT" {
        let server = connect_local(target).await;
        client
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .await
            .unwrap();
        server
    } else {
        let after_scheme = target.strip_prefix("http://").unwrap();
        let (authority, path) = after_scheme.split_at(after_scheme.find('/').unwrap());
        let mut server = connect_local(authority).await;
        let mut forwarded = format!("{method} {path} {version}\r\n");
        for (name, value) in &headers {
            if !name.eq_ignore_ascii_case("proxy-authorization") {
                forwarded.push_str(&format!("{name}: {value}\r\n"));
            }
        }
        forwarded.push_str("\r\n");
        server.write_all(forwarded.as_bytes()).await.unwrap();
        server
    };
    server.write_all(&rest).await.unwrap();
    let _ = copy_bidirectional(&mut client, &mut server).await;
}

/// Connects to 127.0.0.1 on the port of `authority` (`host:port`).
async fn connect_local(authority: &str) -> TcpStream {
    let port: u16 = authority.rsplit_once(':').unwrap().1.parse().unwrap();
    TcpStream::connect(("127.0.0.1", port)).await.unwrap()
}

/// Reads up to the end of the request head; returns it and the bytes after.
async fn read_head(stream: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8(buffer[..at].to_vec()).unwrap();
            return Some((head, buffer[at + 4..].to_vec()));
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
}
