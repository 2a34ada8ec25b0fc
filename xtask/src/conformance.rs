//! `cargo xtask conformance`: the client against OpenAI's published spec, served by the
//! Stoplight Prism mock server on loopback.
//!
//! Prism answers every documented operation with its documented example and checks each
//! request against the spec: a body, query or header the spec does not allow gets a
//! 4xx. The tests in `tests/conformance.rs` call every client operation through the
//! real hyper transport, so a request the real API would reject fails here.
//!
//! The task installs a pinned Prism with npm into `.tools/prism` (ignored by git, kept
//! between runs), starts it on `127.0.0.1` at a free port, runs those tests with
//! `OPENAI_ADMIN_CONFORMANCE_URL` pointing at it, and always stops it again: on
//! success, on failure, on a panic (a drop guard), and when xtask itself is killed.
//! The last works without signal handling: Prism runs under a small node wrapper that
//! stops it as soon as its stdin closes, and only xtask holds the other end of that
//! pipe, so the pipe closes however xtask ends.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use crate::cargo;

/// The npm package of the Prism command line.
const PRISM_PACKAGE: &str = "@stoplight/prism-cli";

/// The Prism version the suite was written against; a new one is a deliberate change.
const PRISM_VERSION: &str = "5.16.0";

/// The oldest Node.js major version the task accepts.
const NODE_MAJOR: u32 = 20;

/// The variable the tests read Prism's base URL from.
const URL_ENV: &str = "OPENAI_ADMIN_CONFORMANCE_URL";

/// The spec with the documented examples in it, which Prism answers with.
const SPEC_FILE: &str = "certificates.examples.yaml";

/// How long Prism may take to answer its first request.
const STARTUP_LIMIT: Duration = Duration::from_secs(60);

/// How long Prism may take to exit once told to.
const STOP_LIMIT: Duration = Duration::from_secs(10);

/// The variables an HTTP client may take a proxy from.
const PROXY_VARIABLES: &[&str] = &[
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
];

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

/// Installs and starts Prism, runs the conformance tests against it, and stops it.
///
/// # Errors
///
/// Says what failed: Node.js or npm missing or too old, the spec missing, the npm
/// install, Prism not answering (with its output), or the tests.
pub fn run() -> Result<(), String> {
    let root = cargo::workspace_root();
    let spec = spec_path(&root)?;
    check_node()?;

    let started = Instant::now();
    let entry = install_prism(&root.join(".tools").join("prism"))?;
    println!("==> prism ready to run ({:.1?})", started.elapsed());

    build_tests()?;

    let started = Instant::now();
    let mut prism = Prism::start(&entry, &spec)?;
    prism.wait_until_answering()?;
    println!(
        "==> prism {PRISM_VERSION} answering on {} ({:.1?})",
        prism.url,
        started.elapsed()
    );

    let started = Instant::now();
    let outcome = run_tests(&prism.url);
    println!("==> conformance tests took {:.1?}", started.elapsed());
    if outcome.is_err() {
        prism.report();
    }

    prism.stop();
    println!("==> prism stopped");
    outcome
}

/// `../shared/openapi/certificates.examples.yaml` beside the workspace, or the file in
/// the folder `OPENAI_ADMIN_SPEC_DIR` names, as for the spec tests.
fn spec_path(root: &Path) -> Result<PathBuf, String> {
    let dir = std::env::var_os("OPENAI_ADMIN_SPEC_DIR")
        .map_or_else(|| root.join("../shared/openapi"), PathBuf::from);
    let path = dir.join(SPEC_FILE);
    path.canonicalize().map_err(|error| {
        format!(
            "cannot read the spec at {}: {error}; the shared folder must be at ../shared \
             beside the workspace, or set OPENAI_ADMIN_SPEC_DIR",
            path.display()
        )
    })
}

/// Fails, saying how to install them, unless Node.js 20+ and npm are on `PATH`.
fn check_node() -> Result<(), String> {
    let install = format!(
        "the conformance suite runs the Prism mock server, which needs Node.js \
         {NODE_MAJOR} or later and npm on PATH: install them (Debian or Ubuntu: \
         `apt-get install nodejs npm`; otherwise see https://nodejs.org/) and run again"
    );
    let node = tool_version("node").map_err(|reason| format!("{reason}; {install}"))?;
    if node_major(&node).is_none_or(|major| major < NODE_MAJOR) {
        return Err(format!(
            "node {node} is too old or not understood; {install}"
        ));
    }
    let npm = tool_version("npm").map_err(|reason| format!("{reason}; {install}"))?;
    println!("==> node {node}, npm {npm}");
    Ok(())
}

/// What `<program> --version` prints, trimmed.
fn tool_version(program: &str) -> Result<String, String> {
    let output = Command::new(program)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run `{program}`: {error}"))?;
    if !output.status.success() {
        return Err(format!("`{program} --version` failed ({})", output.status));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The major version in `node --version`'s answer, such as 20 in `v20.20.2`.
fn node_major(version: &str) -> Option<u32> {
    version.strip_prefix('v')?.split('.').next()?.parse().ok()
}

/// Installs the pinned Prism into `tools` unless it is there already, and returns the
/// path of its entry script.
fn install_prism(tools: &Path) -> Result<PathBuf, String> {
    let package = tools.join("node_modules").join(PRISM_PACKAGE);
    let marker = tools.join("installed");
    let pinned = format!("{PRISM_PACKAGE}@{PRISM_VERSION}");

    // The marker is written only after npm succeeded, so an interrupted install is
    // not mistaken for a finished one.
    let finished = std::fs::read_to_string(&marker).is_ok_and(|text| text.trim() == pinned);
    if finished && package_version(&package).as_deref() == Some(PRISM_VERSION) {
        println!("==> {pinned} already in {}", tools.display());
    } else {
        println!("==> npm install {pinned} into {}", tools.display());
        std::fs::create_dir_all(tools)
            .map_err(|error| format!("cannot create {}: {error}", tools.display()))?;
        // Install scripts are not run: Prism needs none, and one of its dependencies
        // (@scarf/scarf) would report the install to a third party from one.
        let status = Command::new("npm")
            .arg("install")
            .arg("--prefix")
            .arg(tools)
            .args(["--no-audit", "--no-fund", "--no-save", "--ignore-scripts"])
            .arg("--no-update-notifier")
            .arg(&pinned)
            .env("SCARF_ANALYTICS", "false")
            .stdin(Stdio::null())
            .status()
            .map_err(|error| format!("cannot run npm: {error}"))?;
        if !status.success() {
            return Err(format!("npm install {pinned} failed ({status})"));
        }
        let installed = package_version(&package);
        if installed.as_deref() != Some(PRISM_VERSION) {
            return Err(format!(
                "npm installed {PRISM_PACKAGE} {installed:?}, not {PRISM_VERSION}"
            ));
        }
        std::fs::write(&marker, &pinned)
            .map_err(|error| format!("cannot write {}: {error}", marker.display()))?;
    }

    let entry = package_json(&package)
        .and_then(|json| json["bin"]["prism"].as_str().map(|bin| package.join(bin)))
        .ok_or_else(|| format!("{} names no `prism` command", package.display()))?;
    Ok(entry)
}

/// The `version` in the package.json of the npm package in `package`.
fn package_version(package: &Path) -> Option<String> {
    package_json(package)?["version"]
        .as_str()
        .map(str::to_owned)
}

fn package_json(package: &Path) -> Option<serde_json::Value> {
    let text = std::fs::read_to_string(package.join("package.json")).ok()?;
    serde_json::from_str(&text).ok()
}

/// Builds the tests before Prism starts, so a compile error needs no server.
fn build_tests() -> Result<(), String> {
    let status = cargo::command(&test_args(&["--no-run"]))
        .status()
        .map_err(|error| format!("could not run cargo: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("building the conformance tests failed ({status})"))
    }
}

fn run_tests(url: &str) -> Result<(), String> {
    let args = test_args(&["--", "--ignored", "--test-threads=1"]);
    println!("==> {URL_ENV}={url} cargo {}", args.join(" "));
    let mut command = cargo::command(&args);
    // The tests talk to Prism on loopback only; a proxy from the environment must not
    // be put between them.
    for proxy in PROXY_VARIABLES {
        command.env_remove(proxy);
    }
    let status = command
        .env(URL_ENV, url)
        .stdin(Stdio::null())
        .status()
        .map_err(|error| format!("could not run cargo: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the conformance tests failed ({status})"))
    }
}

fn test_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "test",
        "-p",
        "openai-admin-integration",
        "--test",
        "conformance",
    ];
    args.extend_from_slice(extra);
    args
}

/// A free port on 127.0.0.1: bound, read and released for Prism to take.
fn free_port() -> Result<u16, String> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|error| format!("cannot find a free port on 127.0.0.1: {error}"))
}

/// A running Prism, under the wrapper; stopped when dropped.
struct Prism {
    wrapper: Child,
    address: SocketAddr,
    url: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Prism {
    fn start(entry: &Path, spec: &Path) -> Result<Self, String> {
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
    fn wait_until_answering(&mut self) -> Result<(), String> {
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
    fn report(&self) {
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
    fn stop(&mut self) {
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
fn answers_http(address: SocketAddr) -> bool {
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
fn refusals(log: &[String]) -> Vec<String> {
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

fn tail(lines: &[String], count: usize) -> String {
    lines[lines.len().saturating_sub(count)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_major_reads_the_first_number() {
        assert_eq!(node_major("v20.20.2"), Some(20));
        assert_eq!(node_major("v8.0.0"), Some(8));
        assert_eq!(node_major("20.1.0"), None);
        assert_eq!(node_major("vnext"), None);
    }

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
            let mut request = [0; 16];
            stream.read_exact(&mut request).unwrap();
            stream.write_all(b"HTTP/1.1 404 Not Found\r\n\r\n").unwrap();
        });

        assert!(answers_http(address));
        server.join().unwrap();
    }

    #[test]
    fn tests_run_from_the_integration_package() {
        assert_eq!(
            test_args(&["--no-run"]),
            [
                "test",
                "-p",
                "openai-admin-integration",
                "--test",
                "conformance",
                "--no-run"
            ]
        );
    }
}
