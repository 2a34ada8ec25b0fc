//! `cargo xtask demo`: the real `openai-admin` binary managing certificates on the
//! emulator, over real HTTP on loopback.
//!
//! The story: an organization has one certificate; two new edge gateways get theirs
//! uploaded and switched on; one gateway's key leaks and its certificate is switched
//! off. Every step is a run of the binary, shown with its command line and output.
//!
//! Nothing leaves the machine: the emulator listens on `127.0.0.1`, the binary is
//! pointed at it through `OPENAI_BASE_URL`, and the key is a fake that the emulator is
//! told to accept.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use openai_admin_testing::{fake_certificate_pem, Emulator, EmulatorServer};

use crate::cargo;

/// Clearly fake, and the only key the demo's emulator accepts.
const DEMO_KEY: &str = "sk-admin-demo-not-a-real-key";

/// 2024-05-01 09:30:00 UTC, so the tables show readable dates.
const DEMO_NOW: i64 = 1_714_555_800;

/// The certificate the organization already has, active: (id, name).
const SEED: (&str, &str) = ("cert_demo_ci", "ci-runner");

/// The certificates the demo uploads: (file name, name). Each is valid from now for
/// 90 days plus 30 days per position, so the EXPIRES column tells them apart.
const UPLOADS: &[(&str, &str)] = &[
    ("edge-gateway-a.pem", "edge-gateway-a"),
    ("edge-gateway-b.pem", "edge-gateway-b"),
];

/// The upload whose key "leaks", by position in [`UPLOADS`].
const LEAKED: usize = 0;

/// Builds the CLI, serves the emulator, runs the story against it and checks the
/// emulator's state at the end.
///
/// # Errors
///
/// Says which step failed: the build, writing the PEM files, starting the emulator,
/// a run of the CLI (its exit status or output), or the emulator's state afterwards.
pub fn run() -> Result<(), String> {
    let binary = build_cli()?;
    let pem_dir = PemDir::create()?;

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
    println!(
        "==> export OPENAI_BASE_URL={} OPENAI_ADMIN_KEY=<fake demo key>",
        server.base_url()
    );

    // The binary runs on this thread while the runtime's worker serves it.
    let cli = Cli {
        binary: &binary,
        base_url: server.base_url(),
    };
    let outcome = story(&cli, &pem_dir).and_then(|uploaded| check_state(&emulator, &uploaded));

    print_served(&emulator);
    runtime.block_on(server.shutdown());
    println!("==> emulator stopped");
    drop(pem_dir);
    if outcome.is_ok() {
        println!("==> demo ok: the emulator's state matches what the CLI reported");
    }
    outcome
}

/// Uploads, lists, activates, deactivates and lists again. Returns the ids of the
/// uploaded certificates, in [`UPLOADS`] order.
fn story(cli: &Cli<'_>, pem_dir: &PemDir) -> Result<Vec<String>, String> {
    let mut uploaded = Vec::new();
    for (file, name) in UPLOADS {
        let path = pem_dir.path.join(file);
        let path = path
            .to_str()
            .ok_or("the temporary directory is not UTF-8")?;
        let details = cli.run(&["certificates", "upload", path, "--name", name])?;
        uploaded.push(uploaded_id(&details)?);
    }

    cli.run(&["certificates", "list"])?;

    let ids: Vec<&str> = uploaded.iter().map(String::as_str).collect();
    cli.run(&[&["certificates", "activate"], ids.as_slice()].concat())?;

    println!("\n==> the key of {} leaked", UPLOADS[LEAKED].1);
    cli.run(&["certificates", "deactivate", &uploaded[LEAKED]])?;

    cli.run(&["certificates", "list"])?;
    Ok(uploaded)
}

/// The id on the `id:` line of `upload`'s details.
fn uploaded_id(details: &str) -> Result<String, String> {
    details
        .lines()
        .find_map(|line| line.strip_prefix("id:"))
        .map(|id| id.trim().to_owned())
        .filter(|id| !id.is_empty())
        .ok_or_else(|| format!("upload printed no id line:\n{details}"))
}

/// The built binary and the emulator it is pointed at.
struct Cli<'a> {
    binary: &'a Path,
    base_url: String,
}

impl Cli<'_> {
    /// Shows `openai-admin <args>`, runs it, and shows its stdout and then its stderr.
    /// Returns its stdout when it exits 0.
    fn run(&self, args: &[&str]) -> Result<String, String> {
        println!();
        println!("$ openai-admin {}", args.join(" "));
        let output = Command::new(self.binary)
            .args(args)
            .env("OPENAI_BASE_URL", &self.base_url)
            .env("OPENAI_ADMIN_KEY", DEMO_KEY)
            .env_remove("OPENAI_ORG_ID")
            .env_remove("OPENAI_PROJECT_ID")
            .output()
            .map_err(|error| format!("could not run {}: {error}", self.binary.display()))?;

        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        print!("{stdout}");
        eprint!("{}", String::from_utf8_lossy(&output.stderr));
        if output.status.success() {
            Ok(stdout)
        } else {
            Err(format!(
                "openai-admin {} failed ({})",
                args.join(" "),
                output.status
            ))
        }
    }
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
    Emulator::builder()
        .now(DEMO_NOW)
        .api_key(DEMO_KEY)
        .certificate(SEED.0, SEED.1, true)
        .build()
}

/// A fresh directory under the system's temporary directory holding the PEM files of
/// [`UPLOADS`]; removed, with them, on drop.
struct PemDir {
    path: PathBuf,
}

impl PemDir {
    fn create() -> Result<Self, String> {
        let path = std::env::temp_dir().join(format!("openai-admin-demo-{}", std::process::id()));
        std::fs::create_dir_all(&path)
            .map_err(|error| format!("could not create {}: {error}", path.display()))?;
        let dir = Self { path };

        for (position, (file, _)) in (0_i64..).zip(UPLOADS) {
            let expires_at = DEMO_NOW + (90 + 30 * position) * 86_400;
            let pem = fake_certificate_pem(DEMO_NOW, expires_at);
            let file = dir.path.join(file);
            std::fs::write(&file, pem)
                .map_err(|error| format!("could not write {}: {error}", file.display()))?;
        }
        println!(
            "==> wrote {} PEM files to {}",
            UPLOADS.len(),
            dir.path.display()
        );
        Ok(dir)
    }
}

impl Drop for PemDir {
    fn drop(&mut self) {
        // Nothing to do if it is already gone; a leftover temporary file is harmless.
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Checks the end state: the seed and the upload that did not leak active, the leaked
/// one inactive, every upload named as given, and nothing else there.
fn check_state(emulator: &Emulator, uploaded: &[String]) -> Result<(), String> {
    let mut expected = vec![(SEED.0.to_owned(), SEED.1, true)];
    for (position, (id, (_, name))) in uploaded.iter().zip(UPLOADS).enumerate() {
        expected.push((id.clone(), *name, position != LEAKED));
    }

    let mut wrong = Vec::new();
    for (id, name, active) in &expected {
        match emulator.certificate(id) {
            None => wrong.push(format!("{id} is missing")),
            Some(certificate) if certificate.name.as_deref() != Some(name) => {
                wrong.push(format!("{id} is named {:?}", certificate.name));
            }
            Some(_) if emulator.is_active(id) != *active => {
                wrong.push(format!("{id} should have active={active}"));
            }
            Some(_) => {}
        }
    }
    let count = emulator.certificates().len();
    if count != expected.len() {
        wrong.push(format!("{count} certificates, not {}", expected.len()));
    }

    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the emulator's state is not as expected: {}",
            wrong.join("; ")
        ))
    }
}

fn print_served(emulator: &Emulator) {
    let served = emulator.served();
    println!("\n==> emulator served {} request(s):", served.len());
    for request in served {
        let query = request
            .query
            .map(|query| format!("?{query}"))
            .unwrap_or_default();
        println!(
            "    {} {}{query} -> {} ({})",
            request.method, request.path, request.status, request.request_id
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploaded_id_is_read_from_the_details() {
        let details = "id:        cert_emu_0001\nname:      edge\n";
        assert_eq!(uploaded_id(details), Ok("cert_emu_0001".to_owned()));
        assert!(uploaded_id("name: x\n").is_err());
        assert!(uploaded_id("id:   \n").is_err());
    }
}
