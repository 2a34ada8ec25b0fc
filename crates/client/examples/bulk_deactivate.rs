//! Deactivating more certificates than one call accepts: batches of ten, with every
//! batch's outcome reported, against the in-memory emulator.
//!
//! ```sh
//! cargo run --example bulk_deactivate
//! ```
//!
//! Each batch is atomic on its own; across batches there is no atomicity, so the example
//! prints which ids were not changed when a batch fails.

use openai_admin::{Client, Error};
use openai_admin_testing::Emulator;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let mut builder = Emulator::builder();
    let mut ids: Vec<String> = (1..=23).map(|i| format!("cert_{i:02}")).collect();
    for id in &ids {
        builder = builder.certificate(id, "fleet", true);
    }
    let emulator = builder.build();
    ids.push("cert_unknown".into());

    let client = Client::builder()
        .admin_key("sk-admin-example")
        .transport(emulator)
        .build()?;
    let outcomes = client
        .organization()
        .certificates()
        .bulk_deactivate(ids)
        .await?;

    for outcome in &outcomes {
        match &outcome.result {
            Ok(page) => println!("deactivated {} certificates", page.data.len()),
            Err(error) => println!("not changed {:?}: {error}", outcome.ids),
        }
    }
    Ok(())
}
