//! Deactivate certificates for the whole organization, configured from the environment.
//!
//! ```sh
//! OPENAI_ADMIN_KEY=sk-admin-... cargo run --example deactivate_from_env -- cert_abc cert_def
//! ```
//!
//! This talks to the real API (or to `OPENAI_BASE_URL` when set), so it is never run by
//! the project's tests.

use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let ids: Vec<String> = std::env::args().skip(1).collect();

    let client = match openai_admin::Client::from_env() {
        Ok(client) => client,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };

    match client.organization().certificates().deactivate(ids).await {
        Ok(page) => {
            for certificate in &page.data {
                println!("{} active={:?}", certificate.id, certificate.active);
            }
            eprintln!("request id: {}", page.request_id.as_deref().unwrap_or("-"));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(if error.is_usage() { 2 } else { 1 })
        }
    }
}
