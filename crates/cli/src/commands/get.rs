//! `certificates get`.

use openai_admin::Client;

use crate::args::GetArgs;
use crate::details::certificate_details;
use crate::exit::{self, Status};
use crate::output::{self, Format};

/// Retrieves one certificate, with its PEM content when `--content` is given, and
/// prints its details (the PEM after them) or the API's JSON.
pub async fn run(client: &Client, args: GetArgs) -> Status {
    let certificates = client.organization().certificates();
    let call = if args.content {
        certificates.retrieve_with_content(&args.id)
    } else {
        certificates.retrieve(&args.id)
    };

    match call.await {
        Ok(response) => output::answer(
            Format::of(args.json),
            &response,
            |certificate| certificate_details(certificate, args.content),
            &[],
        ),
        Err(error) => exit::error(&error),
    }
}
