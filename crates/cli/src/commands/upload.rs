//! `certificates upload`.

use std::io::Read;
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

/// The most a PEM file may hold. A certificate chain is a few kilobytes; the limit
/// keeps `upload /dev/zero` from reading until memory runs out.
const MAX_PEM_BYTES: u64 = 1024 * 1024;

/// The file's text, or why it could not be had.
fn read_pem(path: &Path) -> Result<String, String> {
    let shown = || printable(&path.display().to_string()).into_owned();
    let file = std::fs::File::open(path)
        .map_err(|error| format!("could not read PEM file {}: {error}", shown()))?;

    let mut bytes = Vec::new();
    file.take(MAX_PEM_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| format!("could not read PEM file {}: {error}", shown()))?;
    if bytes.len() as u64 > MAX_PEM_BYTES {
        return Err(format!(
            "could not read PEM file {}: it is larger than {MAX_PEM_BYTES} bytes",
            shown()
        ));
    }
    String::from_utf8(bytes)
        .map_err(|_| format!("could not read PEM file {}: it is not UTF-8 text", shown()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_file_is_refused_at_the_limit() {
        let reason = read_pem(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(
            reason,
            "could not read PEM file /dev/zero: it is larger than 1048576 bytes"
        );
    }

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
