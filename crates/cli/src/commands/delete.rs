//! `certificates delete`.

use openai_admin::Client;

use crate::args::DeleteArgs;
use crate::exit::{self, Status};
use crate::output::{self, Format};
use crate::printable::printable;

/// Deletes one certificate and prints `deleted <id>`, the id the API says it
/// deleted, or the API's JSON.
pub async fn run(client: &Client, args: DeleteArgs) -> Status {
    match client.organization().certificates().delete(&args.id).await {
        Ok(response) => output::answer(
            Format::of(args.json),
            &response,
            |deleted| format!("deleted {}\n", printable(&deleted.id)),
            &[],
        ),
        Err(error) => exit::error(&error),
    }
}
