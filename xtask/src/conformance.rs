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

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::cargo;
use crate::prism::Prism;

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

/// The variables an HTTP client may take a proxy from.
const PROXY_VARIABLES: &[&str] = &[
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
];

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
