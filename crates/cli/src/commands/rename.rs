//! `certificates rename`.

use openai_admin::Client;

use crate::args::RenameArgs;
use crate::details::certificate_details;
use crate::exit::{self, Status};
use crate::output::{self, Format};

/// Renames one certificate and prints its details as the API now has them.
///
/// An empty name is refused by the client before sending (exit 2).
pub async fn run(client: &Client, args: RenameArgs) -> Status {
    let call = client
        .organization()
        .certificates()
        .modify(&args.id, args.name);

    match call.await {
        Ok(response) => output::answer(
            Format::of(args.json),
            &response,
            |certificate| certificate_details(certificate, false),
            &[],
        ),
        Err(error) => exit::error(&error),
    }
}
