//! `certificates upload`.

use std::io;
use std::path::Path;

use openai_admin::Client;

use crate::args::UploadArgs;
use crate::details::certificate_details;
use crate::exit::{self, Status};
use crate::output::{self, Format};
use crate::printable::printable;

/// Reads the PEM file and uploads it, then prints the new certificate's details.
///
/// A file that cannot be read exits 2 before anything is sent; an empty one is
/// refused by the client's own check, also before sending. The PEM is sent as read:
/// whether it is a certificate is for the API to say.
pub async fn run(client: &Client, args: UploadArgs) -> Status {
    let pem = match read_pem(&args.pem_file) {
        Ok(pem) => pem,
        Err(reason) => return exit::usage(&reason),
    };

    let call = client.organization().certificates().upload(pem, args.name);
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

/// The file's text, or why it could not be had.
fn read_pem(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|error| {
        let path = printable(&path.display().to_string()).into_owned();
        match error.kind() {
            io::ErrorKind::InvalidData => {
                format!("could not read PEM file {path}: it is not UTF-8 text")
            }
            _ => format!("could not read PEM file {path}: {error}"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_named_in_the_reason() {
        let path = std::env::temp_dir().join("openai-admin-cli-unit-no-such-file.pem");
        let reason = read_pem(&path).unwrap_err();
        assert!(
            reason.starts_with(&format!("could not read PEM file {}: ", path.display())),
            "{reason}"
        );
    }
}
