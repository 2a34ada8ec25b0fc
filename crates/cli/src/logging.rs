//! `-v` and `-vv`: the client's `tracing` output, written to stderr.
//!
//! `-v` shows one line per attempt as its span closes, with the fields the client
//! records (method, path below the base URL, attempt, status, request id, delay
//! before a retry), and the client's `retrying after ...` events:
//!
//! ```text
//! 2024-05-01T09:30:00.097927Z DEBUG attempt{method=GET path=/organization/certificates attempt=1 status=503 request_id="req_1" delay_ms=0}: openai_admin::attempt_span: retrying after 0ns: 503 Service Unavailable (server error): ...
//! 2024-05-01T09:30:00.098472Z DEBUG attempt{method=GET path=/organization/certificates attempt=1 status=503 request_id="req_1" delay_ms=0}: openai_admin::attempt_span: close time.busy=262µs time.idle=1.52ms
//! 2024-05-01T09:30:00.099012Z DEBUG attempt{method=GET path=/organization/certificates attempt=2 status=200 request_id="req_2"}: openai_admin::attempt_span: close time.busy=278µs time.idle=230µs
//! ```
//!
//! `-vv` adds the connection pool of hyper-util (connecting, reusing, pooling, at
//! trace) and HTTP/2 frame kinds (at debug). Neither logs a header, a body or the
//! key: the client records none, hyper-util names connections by scheme and host,
//! and h2's frame descriptions leave out header fields and data. h2 stays at debug
//! because some of its trace events quote header values.
//!
//! Without `-v` no subscriber is installed, so stderr carries only what the command
//! prints itself. Lines are plain text (no colour), and the subscriber escapes control
//! characters in what it prints, such as a request id from the server.

use std::io;

use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Starts logging to stderr at `verbosity` (the count of `-v`); does nothing at 0.
pub fn init(verbosity: u8) {
    let Some(targets) = targets(verbosity) else {
        return;
    };
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(io::stderr)
        .with_ansi(false)
        .with_span_events(FmtSpan::CLOSE);

    // Only fails when a subscriber is already set, which nothing else here does.
    let _ = tracing_subscriber::registry()
        .with(layer)
        .with(targets)
        .try_init();
}

/// What each verbosity logs: the crates of this workspace (every target starting
/// with `openai_admin`), and with `-vv` the HTTP connections too.
fn targets(verbosity: u8) -> Option<Targets> {
    match verbosity {
        0 => None,
        1 => Some(Targets::new().with_target("openai_admin", LevelFilter::DEBUG)),
        _ => Some(
            Targets::new()
                .with_target("openai_admin", LevelFilter::TRACE)
                .with_target("hyper_util", LevelFilter::TRACE)
                .with_target("h2", LevelFilter::DEBUG),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(verbosity: u8) -> Option<String> {
        targets(verbosity).map(|targets| targets.to_string())
    }

    #[test]
    fn each_verbosity_logs_its_targets() {
        assert_eq!(shown(0), None);
        assert_eq!(shown(1).as_deref(), Some("openai_admin=debug"));
        for verbosity in [2, 3, u8::MAX] {
            let mut targets: Vec<String> = shown(verbosity)
                .unwrap()
                .split(',')
                .map(str::to_owned)
                .collect();
            targets.sort();
            assert_eq!(
                targets,
                ["h2=debug", "hyper_util=trace", "openai_admin=trace"],
                "-v x{verbosity}"
            );
        }
    }
}
