//! A loopback HTTP server that answers every request with the next status of a
//! script, for retry and deadline tests the emulator cannot stage.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

/// One scripted answer: a status, and the `retry-after-ms` it asks for.
#[derive(Debug, Clone, Copy)]
pub struct Answer {
    pub status: u16,
    pub retry_after_ms: u64,
}

/// Serves `127.0.0.1:<port>` on a thread, one connection per request (every answer
/// says `connection: close`). The last answer of the script repeats. Each answer has
/// the request id `req_script_<n>`, counting from 1.
pub struct StatusServer {
    port: u16,
    served: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl StatusServer {
    pub fn start(script: Vec<Answer>) -> Self {
        assert!(!script.is_empty());
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let served = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));

        let thread = std::thread::spawn({
            let (served, stop) = (served.clone(), stop.clone());
            move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let number = served.fetch_add(1, Ordering::SeqCst);
                    let answer = script[number.min(script.len() - 1)];
                    // A client that hung up mid-request is no concern of the test.
                    let _ = answer_one(stream, answer, number + 1);
                }
            }
        });
        Self {
            port,
            served,
            stop,
            thread: Some(thread),
        }
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}/v1", self.port)
    }

    /// How many requests it has answered.
    pub fn served(&self) -> usize {
        self.served.load(Ordering::SeqCst)
    }
}

impl Drop for StatusServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so that it sees the flag.
        let _ = TcpStream::connect((Ipv4Addr::LOCALHOST, self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Reads one request (head, then `content-length` bytes) and writes `answer`.
fn answer_one(stream: TcpStream, answer: Answer, number: usize) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream);
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut request_body = vec![0; length];
    reader.read_exact(&mut request_body)?;

    let body = r#"{"error":{"message":"The server had an error.","type":"server_error","param":null,"code":null}}"#;
    let mut stream = reader.into_inner();
    write!(
        stream,
        "HTTP/1.1 {} Scripted\r\ncontent-type: application/json\r\n\
         x-request-id: req_script_{number}\r\nretry-after-ms: {}\r\n\
         connection: close\r\ncontent-length: {}\r\n\r\n{body}",
        answer.status,
        answer.retry_after_ms,
        body.len()
    )?;
    stream.flush()
}
