//! `cargo xtask demo`: the real `openai-admin` binary deactivating certificates on
//! the emulator, over real HTTP on loopback.
//!
//! Nothing leaves the machine: the emulator listens on `127.0.0.1`, the binary is
//! pointed at it through `OPENAI_BASE_URL`, and the key is a fake that the emulator is
//! told to accept.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use openai_admin_testing::{Emulator, EmulatorServer};

use crate::cargo;

/// Clearly fake, and the only key the demo's emulator accepts.
const DEMO_KEY: &str = "sk-admin-demo-not-a-real-key";

/// 2024-05-01 09:30:00 UTC, so the table shows readable dates.
const DEMO_NOW: i64 = 1_714_555_800;

/// The certificates the emulator starts with, all active: (id, name).
const SEEDS: &[(&str, &str)] = &[
    ("cert_demo_edge_a", "edge-gateway-a"),
    ("cert_demo_edge_b", "edge-gateway-b"),
    ("cert_demo_ci", "ci-runner"),
    ("cert_demo_backup", "backup-2025"),
];

/// The ones the demo deactivates, as if their keys had leaked.
const DEACTIVATE: &[&str] = &["cert_demo_edge_a", "cert_demo_edge_b"];

/// Builds the CLI, serves the emulator, runs the CLI against it and checks the result.
///
/// # Errors
///
/// Says which step failed: the build, starting the emulator, the CLI's exit status,
/// or the emulator's state afterwards not being what the CLI reported.
pub fn run() -> Result<(), String> {
    let binary = build_cli()?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|error| format!("could not start the async runtime: {error}"))?;
    let emulator = seeded_emulator();
    let server = runtime
        .block_on(EmulatorServer::start(emulator.clone()))
        .map_err(|error| format!("could not start the emulator: {error}"))?;
    println!("==> emulator listening on {}", server.base_url());
    print_state("before", &emulator);

    // The binary runs on this thread while the runtime's worker serves it.
    let outcome = run_cli(&binary, &server.base_url()).and_then(|()| check_state(&emulator));

    print_state("after", &emulator);
    print_served(&emulator);
    runtime.block_on(server.shutdown());
    println!("==> emulator stopped");
    outcome
}

/// Builds `openai-admin` and returns the path of the binary cargo reports.
fn build_cli() -> Result<PathBuf, String> {
    println!("==> cargo build -p openai-admin-cli --quiet");
    let output = cargo::command(&[
        "build",
        "-p",
        "openai-admin-cli",
        "--quiet",
        "--message-format=json-render-diagnostics",
    ])
    .stderr(Stdio::inherit())
    .output()
    .map_err(|error| format!("could not run cargo: {error}"))?;
    if !output.status.success() {
        return Err(format!("building the CLI failed ({})", output.status));
    }

    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["target"]["name"] == "openai-admin")
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| "cargo built the CLI but reported no openai-admin binary".to_owned())
}

fn seeded_emulator() -> Emulator {
    let builder = Emulator::builder().now(DEMO_NOW).api_key(DEMO_KEY);
    SEEDS
        .iter()
        .fold(builder, |builder, (id, name)| {
            builder.certificate(*id, *name, true)
        })
        .build()
}

/// Runs `openai-admin certificates deactivate` against `base_url`, its output streamed.
fn run_cli(binary: &PathBuf, base_url: &str) -> Result<(), String> {
    println!(
        "==> OPENAI_BASE_URL={base_url} OPENAI_ADMIN_KEY=<fake demo key> \
         openai-admin certificates deactivate {}",
        DEACTIVATE.join(" ")
    );
    let status = Command::new(binary)
        .args(["certificates", "deactivate"])
        .args(DEACTIVATE)
        .env("OPENAI_BASE_URL", base_url)
        .env("OPENAI_ADMIN_KEY", DEMO_KEY)
        .env_remove("OPENAI_ORG_ID")
        .env_remove("OPENAI_PROJECT_ID")
        .status()
        .map_err(|error| format!("could not run {}: {error}", binary.display()))?;

    if status.success() {
        Ok(())
    } else {
        Err(format!("openai-admin failed ({status})"))
    }
}

/// Checks that exactly the deactivated certificates are inactive now.
fn check_state(emulator: &Emulator) -> Result<(), String> {
    let wrong: Vec<&str> = SEEDS
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| emulator.is_active(id) == DEACTIVATE.contains(id))
        .collect();
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the emulator's state is not as expected for {}",
            wrong.join(", ")
        ))
    }
}

fn print_state(when: &str, emulator: &Emulator) {
    println!("==> emulator state {when}:");
    for certificate in emulator.certificates() {
        let state = if emulator.is_active(&certificate.id) {
            "active"
        } else {
            "inactive"
        };
        let name = certificate.name.as_deref().unwrap_or("-");
        println!("    {:<18}  {name:<16}  {state}", certificate.id);
    }
}

fn print_served(emulator: &Emulator) {
    let served = emulator.served();
    println!("==> emulator served {} request(s):", served.len());
    for request in served {
        println!(
            "    {} {} -> {} ({})",
            request.method, request.path, request.status, request.request_id
        );
    }
}
