//! The Prism mock server as a child process: started on a free loopback port under a
//! small node wrapper, watched until it answers, and always stopped again.
//!
//! The wrapper is what makes "always" hold without signal handling: it stops Prism as
//! soon as its own stdin closes, and only xtask holds the other end of that pipe, so
//! the pipe closes however xtask ends (success, failure, panic, a signal).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

/// How long Prism may take to answer its first request.
const STARTUP_LIMIT: Duration = Duration::from_secs(60);

/// How long Prism may take to exit once told to.
const STOP_LIMIT: Duration = Duration::from_secs(10);

/// How many lines of Prism's log a failure to start shows.
const LOG_TAIL: usize = 80;

/// How many lines of Prism's log a failure of the tests shows, after the refusals.
const REPORT_TAIL: usize = 20;

/// Runs Prism (`argv[1]` is its entry script, the rest its arguments) and stops it when
/// this process's stdin closes or it is told to stop by a signal. Prism gets SIGTERM,
/// then SIGKILL if it has not gone within three seconds; the wrapper exits with it.
const WRAPPER: &str = r#"
const { spawn } = require("node:child_process");
const [entry, ...args] = process.argv.slice(1);
const prism = spawn(process.execPath, [entry, ...args], { stdio: ["ignore", "inherit", "inherit"] });
let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  prism.kill("SIGTERM");
  setTimeout(() => prism.kill("SIGKILL"), 3000).unref();
}
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, stop);
prism.on("error", (error) => { console.error(`cannot start Prism: ${error.message}`); process.exit(1); });
prism.on("exit", (code) => process.exit(code === null ? 1 : code));
"#;

/// A free port on 127.0.0.1: bound, read and released for Prism to take.
pub fn free_port() -> Result<u16, String> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|error| format!("cannot find a free port on 127.0.0.1: {error}"))
}

/// A running Prism, under the wrapper; stopped when dropped.
pub struct Prism {
    wrapper: Child,
    address: SocketAddr,
    pub url: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Prism {
    pub fn start(entry: &Path, spec: &Path) -> Result<Self, String> {
        let port = free_port()?;
        let mut wrapper = Command::new("node")
            .args(["-e", WRAPPER, "--"])
            .arg(entry)
            .arg("mock")
            .arg(spec)
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| format!("cannot start node: {error}"))?;

        let log = Arc::new(Mutex::new(Vec::new()));
        if let Some(stdout) = wrapper.stdout.take() {
            collect_lines(stdout, Arc::clone(&log));
        }
        if let Some(stderr) = wrapper.stderr.take() {
            collect_lines(stderr, Arc::clone(&log));
        }
        Ok(Self {
            wrapper,
            address: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
            url: format!("http://127.0.0.1:{port}"),
            log,
        })
    }

    /// Waits until Prism answers an HTTP request, failing with its output if it exits
    /// first or does not answer within [`STARTUP_LIMIT`].
    pub fn wait_until_answering(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + STARTUP_LIMIT;
        loop {
            if let Ok(Some(status)) = self.wrapper.try_wait() {
                return Err(format!(
                    "Prism exited before it answered ({status}); its output:\n{}",
                    self.log_tail(LOG_TAIL)
                ));
            }
            if answers_http(self.address) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "Prism did not answer on {} within {STARTUP_LIMIT:?}; its output:\n{}",
                    self.url,
                    self.log_tail(LOG_TAIL)
                ));
            }
            thread::sleep(Duration::from_millis(100));
        }
    }

    /// The last `lines` lines Prism wrote, stdout and stderr interleaved.
    fn log_tail(&self, lines: usize) -> String {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        tail(&log, lines)
    }

    /// Prints what Prism refused and the end of its log, for a failed test run.
    pub fn report(&self) {
        let log = self.log.lock().unwrap_or_else(PoisonError::into_inner);
        eprintln!("==> requests Prism refused (the control tests make some on purpose):");
        for refusal in refusals(&log) {
            eprintln!("    {refusal}");
        }
        eprintln!(
            "==> the last lines Prism logged:\n{}",
            tail(&log, REPORT_TAIL)
        );
    }

    /// Closes the wrapper's stdin, which makes it stop Prism, and waits for it; kills
    /// the wrapper if it is still there after [`STOP_LIMIT`]. Safe to call twice.
    pub fn stop(&mut self) {
        drop(self.wrapper.stdin.take());
        let deadline = Instant::now() + STOP_LIMIT;
        while Instant::now() < deadline {
            match self.wrapper.try_wait() {
                Ok(None) => thread::sleep(Duration::from_millis(50)),
                Ok(Some(_)) | Err(_) => return,
            }
        }
        let _ = self.wrapper.kill();
        let _ = self.wrapper.wait();
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Appends every line `stream` yields to `log`, on a thread of its own, until it closes.
fn collect_lines(stream: impl Read + Send + 'static, log: Arc<Mutex<Vec<String>>>) {
    thread::spawn(move || {
        let mut reader = BufReader::new(stream);
        let mut line = Vec::new();
        while matches!(reader.read_until(b'\n', &mut line), Ok(n) if n > 0) {
            let text = String::from_utf8_lossy(&line).trim_end().to_owned();
            log.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(text);
            line.clear();
        }
    });
}

/// Whether something at `address` answers a plain HTTP request with an HTTP status line.
pub fn answers_http(address: SocketAddr) -> bool {
    let exchange = || -> std::io::Result<bool> {
        let mut stream = TcpStream::connect_timeout(&address, Duration::from_millis(500))?;
        stream.set_read_timeout(Some(Duration::from_secs(2)))?;
        write!(
            stream,
            "GET / HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
        )?;
        let mut start = [0; 7];
        stream.read_exact(&mut start)?;
        Ok(&start == b"HTTP/1.")
    };
    exchange().unwrap_or(false)
}

/// One line per request Prism's validator refused: the request and the reason.
///
/// Read from Prism's human-readable log, where a `[HTTP SERVER] <method> <path> ℹ ...
/// Request received` line comes before the `[VALIDATOR] ✖ error <reason>` lines of
/// that request (the tests run one at a time, so requests do not interleave).
pub fn refusals(log: &[String]) -> Vec<String> {
    let mut request = "";
    let mut refusals = Vec::new();
    for line in log {
        if let Some((_, rest)) = line.split_once("[HTTP SERVER] ") {
            if let Some((received, _)) = rest.split_once(" ℹ") {
                request = received;
            }
        } else if let Some((_, rest)) = line.split_once("[VALIDATOR] ✖") {
            let reason = rest.trim_start().trim_start_matches("error").trim();
            refusals.push(format!("{request}: {reason}"));
        }
    }
    refusals
}

pub fn tail(lines: &[String], count: usize) -> String {
    lines[lines.len().saturating_sub(count)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_keeps_the_last_lines() {
        let lines: Vec<String> = ["a", "b", "c"].map(String::from).into();
        assert_eq!(tail(&lines, 2), "b\nc");
        assert_eq!(tail(&lines, 5), "a\nb\nc");
        assert_eq!(tail(&[], 2), "");
    }

    #[test]
    fn refusals_pair_each_reason_with_its_request() {
        let log = [
            "[10:48:22 PM] › [HTTP SERVER] get /organization/certificates ℹ  info      Request received",
            "[10:48:22 PM] ›     [VALIDATOR] ✔  success   The request passed the validation rules.",
            "[10:48:22 PM] › [HTTP SERVER] post /organization/certificates/deactivate ℹ  info      Request received",
            "[10:48:22 PM] ›     [VALIDATOR] ⚠  warning   Request did not pass the validation rules",
            "[10:48:22 PM] ›     [VALIDATOR] ✖  error     Request body must have required property 'certificate_ids'",
            "[10:48:22 PM] › [HTTP SERVER] post /organization/certificates/deactivate ✖  error     Request terminated with error",
        ]
        .map(String::from);

        assert_eq!(
            refusals(&log),
            [
                "post /organization/certificates/deactivate: Request body must have required \
              property 'certificate_ids'"
            ]
        );
    }

    #[test]
    fn answers_http_is_false_when_nothing_listens() {
        let port = free_port().unwrap();
        assert!(!answers_http(SocketAddr::from((Ipv4Addr::LOCALHOST, port))));
    }

    #[test]
    fn answers_http_accepts_any_status_line() {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let address = listener.local_addr().unwrap();
        let server = thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            // Read the whole request head first: closing with unread bytes would make
            // the kernel reset the connection and could discard the answer.
            let mut request = Vec::new();
            let mut byte = [0; 1];
            while !request.ends_with(b"\r\n\r\n") {
                stream.read_exact(&mut byte).unwrap();
                request.push(byte[0]);
            }
            stream.write_all(b"HTTP/1.1 404 Not Found\r\n\r\n").unwrap();
        });

        assert!(answers_http(address));
        server.join().unwrap();
    }
}
