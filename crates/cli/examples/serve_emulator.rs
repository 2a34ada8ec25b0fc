//! Serves the in-memory emulator on loopback, seeded with 50 certificates, to try
//! the command by hand without touching the real API:
//!
//! ```text
//! $ cargo run -p openai-admin-cli --example serve_emulator
//! OPENAI_BASE_URL=http://127.0.0.1:41234/v1
//! OPENAI_ADMIN_KEY=sk-admin-emulator-example-not-a-real-key
//! $ export OPENAI_BASE_URL=... OPENAI_ADMIN_KEY=...      # the two lines above
//! $ openai-admin certificates list --all --limit 5
//! $ openai-admin certificates deactivate cert_00 cert_01 ... cert_49
//! ```
//!
//! The certificates are `cert_00` to `cert_49`, named `edge-00` to `edge-49`, all
//! active, created at the emulator's default time. It serves until Ctrl-C; its state
//! lives in memory only and ends with it.

use openai_admin_testing::{Emulator, EmulatorServer};

/// Clearly fake; the emulator accepts only this key.
const KEY: &str = "sk-admin-emulator-example-not-a-real-key";

/// How many certificates the emulator starts with.
const CERTIFICATES: usize = 50;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a tokio runtime");

    let builder = Emulator::builder().api_key(KEY);
    let emulator = (0..CERTIFICATES)
        .fold(builder, |builder, i| {
            builder.certificate(format!("cert_{i:02}"), format!("edge-{i:02}"), true)
        })
        .build();
    let server = runtime
        .block_on(EmulatorServer::start(emulator))
        .expect("the emulator listening on 127.0.0.1");

    println!("OPENAI_BASE_URL={}", server.base_url());
    println!("OPENAI_ADMIN_KEY={KEY}");

    runtime.block_on(async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            eprintln!("could not wait for Ctrl-C ({error}); stopping");
        }
        server.shutdown().await;
    });
}
