//! The emulator on loopback for one test, and the binary run against it.

use std::process::{Command, Output};

use openai_admin_testing::{Emulator, EmulatorServer};
use tokio::runtime::Runtime;

/// Clearly fake; the emulator is told to accept only this key.
pub const KEY: &str = "sk-admin-cli-test-not-a-real-key";

/// 2024-05-01 09:30:00 UTC; seeded certificates expire 365 days later.
pub const NOW: i64 = 1_714_555_800;

/// `NOW` and a year later as the tables print them.
pub const CREATED: &str = "2024-05-01 09:30:00";
pub const EXPIRES: &str = "2025-05-01 09:30:00";

/// An emulator served on loopback for the length of one test.
pub struct Served {
    runtime: Runtime,
    server: Option<EmulatorServer>,
    pub emulator: Emulator,
}

impl Served {
    pub fn start(emulator: Emulator) -> Self {
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

    pub fn base_url(&self) -> String {
        self.server.as_ref().unwrap().base_url()
    }

    /// Runs the binary with `args`, the emulator's base URL and the test key.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[("OPENAI_ADMIN_KEY", KEY)])
    }

    /// Runs the binary with `args`, the emulator's base URL and exactly `env` besides.
    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let base_url = self.base_url();
        let mut all = vec![("OPENAI_BASE_URL", base_url.as_str())];
        all.extend_from_slice(env);
        run_binary(args, &all)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            self.runtime.block_on(server.shutdown());
        }
    }
}

/// Runs the binary with `args` and an environment of `PATH` and `env` only. Every
/// caller sets `OPENAI_BASE_URL` to a loopback server it started.
pub fn run_binary(args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_openai-admin"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .envs(env.iter().copied())
        .output()
        .unwrap();
    Run::of(output)
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
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

/// Three certificates, all active for the organization.
pub fn three_active() -> Emulator {
    Emulator::builder()
        .now(NOW)
        .api_key(KEY)
        .certificate("cert_edge_01", "edge-01", true)
        .certificate("cert_edge_02", "edge-02", true)
        .certificate("cert_spare", "spare", true)
        .build()
}
