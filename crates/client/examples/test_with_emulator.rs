//! Testing your own code against the emulator instead of the network.
//!
//! `revoke_compromised` stands for code in your service: it takes a `Client` and
//! deactivates every certificate whose name matches. The test half seeds an emulator,
//! runs the code, and checks the state it left behind. Run it with
//!
//! ```sh
//! cargo run --example test_with_emulator
//! ```
//!
//! In your own crate the second half would be a `#[tokio::test]`.

use openai_admin::{Client, Error, ListParams};
use openai_admin_testing::Emulator;

/// Deactivates every organization certificate whose name contains `pattern`, and returns
/// their ids.
async fn revoke_compromised(client: &Client, pattern: &str) -> Result<Vec<String>, Error> {
    let certificates = client.organization().certificates();
    let all = certificates
        .list_all(ListParams::new().limit(100))
        .collect()
        .await?;
    let ids: Vec<String> = all
        .into_iter()
        .filter(|c| c.name.as_deref().is_some_and(|name| name.contains(pattern)))
        .map(|c| c.id)
        .collect();

    if !ids.is_empty() {
        for outcome in certificates.bulk_deactivate(ids.clone()).await? {
            outcome.result?;
        }
    }
    Ok(ids)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let emulator = Emulator::builder()
        .certificate("cert_1", "edge-eu", true)
        .certificate("cert_2", "edge-us", true)
        .certificate("cert_3", "billing", true)
        .build();
    let client = Client::builder()
        .admin_key("sk-admin-test")
        .transport(emulator.clone())
        .build()?;

    let mut revoked = revoke_compromised(&client, "edge").await?;
    revoked.sort();

    assert_eq!(revoked, ["cert_1", "cert_2"]);
    assert!(!emulator.is_active("cert_1"));
    assert!(!emulator.is_active("cert_2"));
    assert!(emulator.is_active("cert_3"));
    println!("revoked {revoked:?}; cert_3 untouched");
    Ok(())
}
