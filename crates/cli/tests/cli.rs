//! The built `openai-admin` binary against the emulator over loopback HTTP.
//!
//! Each test starts its own emulator on `127.0.0.1`, runs the binary with an empty
//! environment except `PATH` and the variables the test sets, and checks the exit
//! status, the exact output and what the emulator saw. Every run also checks that the
//! admin key appears in neither stdout nor stderr.

use std::process::{Command, Output};

use openai_admin_testing::{Emulator, EmulatorServer};
use tokio::runtime::Runtime;

/// Clearly fake; the emulator is told to accept only this key.
const KEY: &str = "sk-admin-cli-test-not-a-real-key";

/// 2024-05-01 09:30:00 UTC; seeded certificates expire 365 days later.
const NOW: i64 = 1_714_555_800;

/// An emulator served on loopback for the length of one test.
struct Served {
    runtime: Runtime,
    server: Option<EmulatorServer>,
    emulator: Emulator,
}

impl Served {
    fn start(emulator: Emulator) -> Self {
        // The binary runs on the test thread while a worker thread serves it.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let server = runtime
            .block_on(EmulatorServer::start(emulator.clone()))
            .unwrap();
        Self {
            runtime,
            server: Some(server),
            emulator,
        }
    }

    fn base_url(&self) -> String {
        self.server.as_ref().unwrap().base_url()
    }

    /// Runs the binary with `args`, the emulator's base URL and the test key.
    fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[("OPENAI_ADMIN_KEY", KEY)])
    }

    /// Runs the binary with `args`, the emulator's base URL and exactly `env` besides.
    fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_openai-admin"))
            .args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("OPENAI_BASE_URL", self.base_url())
            .envs(env.iter().copied())
            .output()
            .unwrap();
        Run::of(output)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            self.runtime.block_on(server.shutdown());
        }
    }
}

/// What one run of the binary did.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn of(output: Output) -> Self {
        let run = Self {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        };
        assert!(!run.stdout.contains(KEY), "the key is on stdout: {run:?}");
        assert!(!run.stderr.contains(KEY), "the key is on stderr: {run:?}");
        run
    }
}

fn three_active() -> Emulator {
    Emulator::builder()
        .now(NOW)
        .api_key(KEY)
        .certificate("cert_edge_01", "edge-01", true)
        .certificate("cert_edge_02", "edge-02", true)
        .certificate("cert_spare", "spare", true)
        .build()
}

#[test]
fn deactivate_prints_a_table_on_stdout_and_the_request_id_on_stderr() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "deactivate", "cert_edge_01", "cert_edge_02"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        "ID            NAME     ACTIVE  CREATED              EXPIRES\n\
         cert_edge_01  edge-01  false   2024-05-01 09:30:00  2025-05-01 09:30:00\n\
         cert_edge_02  edge-02  false   2024-05-01 09:30:00  2025-05-01 09:30:00\n"
    );
    assert_eq!(run.stderr, "request id: req_emu_0001\n");
    assert!(!served.emulator.is_active("cert_edge_01"));
    assert!(!served.emulator.is_active("cert_edge_02"));
    assert!(served.emulator.is_active("cert_spare"));
    assert_eq!(served.emulator.requests_served(), 1);
}

#[test]
fn activate_turns_certificates_back_on() {
    let emulator = Emulator::builder()
        .now(NOW)
        .api_key(KEY)
        .certificate("cert_a", "a", false)
        .build();
    let served = Served::start(emulator);

    let run = served.run(&["certificates", "activate", "cert_a"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        "ID      NAME  ACTIVE  CREATED              EXPIRES\n\
         cert_a  a     true    2024-05-01 09:30:00  2025-05-01 09:30:00\n"
    );
    assert!(served.emulator.is_active("cert_a"));
}

#[test]
fn json_prints_the_api_object() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "deactivate", "cert_spare", "--json"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    let page: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(page["object"], "organization.certificate.deactivation");
    assert_eq!(page["data"].as_array().unwrap().len(), 1);
    assert_eq!(page["data"][0]["id"], "cert_spare");
    assert_eq!(page["data"][0]["active"], false);
    assert_eq!(page["data"][0]["created_at"], NOW);
    assert_eq!(run.stderr, "request id: req_emu_0001\n");
    assert!(!served.emulator.is_active("cert_spare"));
}

#[test]
fn base_url_flag_overrides_the_environment() {
    let served = Served::start(three_active());
    let base_url = served.base_url();

    // Nothing listens on port 1; the flag must win over the variable.
    let run = served.run_with(
        &[
            "--base-url",
            &base_url,
            "certificates",
            "deactivate",
            "cert_spare",
        ],
        &[
            ("OPENAI_ADMIN_KEY", KEY),
            ("OPENAI_BASE_URL", "http://127.0.0.1:1/v1"),
        ],
    );

    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(!served.emulator.is_active("cert_spare"));
}

#[test]
fn unknown_id_exits_1_with_status_kind_message_and_request_id() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "deactivate", "cert_missing"]);

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("error: 404 (not found): "),
        "{run:?}"
    );
    assert!(run.stderr.contains("cert_missing"), "{run:?}");
    assert!(
        run.stderr.ends_with(" [request id req_emu_0001]\n"),
        "{run:?}"
    );
    assert_eq!(run.stderr.lines().count(), 1, "{run:?}");
    assert!(served.emulator.is_active("cert_edge_01"));
}

#[test]
fn wrong_key_exits_1_with_an_authentication_error() {
    let served = Served::start(three_active());

    let run = served.run_with(
        &["certificates", "deactivate", "cert_spare"],
        &[("OPENAI_ADMIN_KEY", "sk-admin-some-other-fake-key")],
    );

    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stderr.starts_with("error: 401 (authentication): "),
        "{run:?}"
    );
    assert!(
        !run.stderr.contains("sk-admin-some-other-fake-key"),
        "{run:?}"
    );
    assert!(served.emulator.is_active("cert_spare"));
}

#[test]
fn unreachable_server_exits_1_with_the_number_of_attempts() {
    let served = Served::start(three_active());

    // Nothing listens on port 1 (binding it needs privileges), so every attempt is
    // refused; the client's default policy retries connection failures.
    let run = served.run_with(
        &["certificates", "deactivate", "cert_spare"],
        &[
            ("OPENAI_ADMIN_KEY", KEY),
            ("OPENAI_BASE_URL", "http://127.0.0.1:1/v1"),
        ],
    );

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("error: could not connect: "),
        "{run:?}"
    );
    assert!(run.stderr.ends_with(" attempts]\n"), "{run:?}");
    assert_eq!(served.emulator.requests_served(), 0);
}

#[test]
fn eleven_ids_exit_2_and_send_nothing() {
    let served = Served::start(three_active());
    let ids: Vec<String> = (0..11).map(|i| format!("cert_{i}")).collect();
    let mut args = vec!["certificates", "deactivate"];
    args.extend(ids.iter().map(String::as_str));

    let run = served.run(&args);

    assert_eq!(run.code, Some(2), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: invalid arguments: certificate_ids has 11 ids; at most 10 are accepted per \
         call; nothing was sent\n"
    );
    assert_eq!(served.emulator.requests_served(), 0);
}

#[test]
fn missing_admin_key_exits_2_and_sends_nothing() {
    let served = Served::start(three_active());

    let run = served.run_with(&["certificates", "deactivate", "cert_spare"], &[]);

    assert_eq!(run.code, Some(2), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: no admin key: set OPENAI_ADMIN_KEY (it is never read from a flag); nothing \
         was sent\n"
    );
    assert_eq!(served.emulator.requests_served(), 0);
}

#[test]
fn invalid_base_url_exits_2_and_sends_nothing() {
    let served = Served::start(three_active());

    let run = served.run(&[
        "--base-url",
        "ftp://127.0.0.1/v1",
        "certificates",
        "activate",
        "c",
    ]);

    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.starts_with("error: invalid configuration: "),
        "{run:?}"
    );
    assert_eq!(served.emulator.requests_served(), 0);
}

#[test]
fn usage_errors_exit_2_and_send_nothing() {
    let served = Served::start(three_active());

    for args in [
        &["certificates", "deactivate"][..],
        &[
            "certificates",
            "deactivate",
            "--admin-key",
            KEY,
            "cert_spare",
        ],
        &["certificates", "rotate", "cert_spare"],
        &[],
    ] {
        let run = served.run(args);
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert_eq!(run.stdout, "", "{args:?}");
    }
    assert_eq!(served.emulator.requests_served(), 0);
}
