//! What a successful command prints: the answer on stdout, the request id and any
//! notes (such as `more: --after <ID>`) on stderr.
//!
//! Stdout carries only the answer (a table, details, or JSON that parses as the API's
//! object), so it can be piped or redirected; the request id, which support asks for,
//! goes to stderr in both formats.

use std::io::{self, Write};

use openai_admin::types::{Certificate, Page};
use openai_admin::Response;
use serde::Serialize;

use crate::exit::{self, Status};
use crate::printable::printable;
use crate::table::Table;
use crate::utc;

/// How to print an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Text for people: a table of certificates, or the details of one.
    Text,
    /// The API's JSON object, pretty-printed, unknown fields included.
    Json,
}

impl Format {
    /// [`Format::Json`] when `--json` was given, else [`Format::Text`].
    pub fn of(json: bool) -> Self {
        if json {
            Self::Json
        } else {
            Self::Text
        }
    }
}

/// Prints a page of certificates to stdout and its request id to stderr.
pub fn page(format: Format, response: &Response<Page<Certificate>>) -> Status {
    answer(format, response, |page| certificates_table(&page.data), &[])
}

/// Prints a call's answer to stdout (`text` of it, or its JSON), then its request id
/// and any `notes` to stderr.
pub fn answer<T: Serialize>(
    format: Format,
    response: &Response<T>,
    text: impl FnOnce(&T) -> String,
    notes: &[String],
) -> Status {
    let mut lines = vec![request_id_line(response.request_id.as_deref())];
    lines.extend_from_slice(notes);
    print(format, &response.value, text, &lines)
}

/// Prints `text` of `value`, or `value` as JSON, to stdout, then `notes` to stderr, one
/// per line.
pub fn print<T: Serialize + ?Sized>(
    format: Format,
    value: &T,
    text: impl FnOnce(&T) -> String,
    notes: &[String],
) -> Status {
    let body = match format {
        Format::Text => text(value),
        Format::Json => match json(value) {
            Ok(json) => json,
            Err(status) => return status,
        },
    };
    emit(&body, notes)
}

/// `value` as pretty JSON and a newline, or the failure already reported.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<String, Status> {
    serde_json::to_string_pretty(value)
        .map(|json| json + "\n")
        .map_err(|error| exit::failure(&format!("could not print the answer as JSON: {error}")))
}

/// Writes `body` to stdout, then `notes` to stderr, one per line.
pub fn emit(body: &str, notes: &[String]) -> Status {
    if let Err(error) = io::stdout().lock().write_all(body.as_bytes()) {
        return exit::failure(&format!("could not write the output: {error}"));
    }
    for note in notes {
        eprintln!("{note}");
    }
    Status::Success
}

/// The table of `certificates`: ID, NAME, ACTIVE, CREATED, EXPIRES, times in UTC and
/// `-` for what the API left out.
pub fn certificates_table(certificates: &[Certificate]) -> String {
    let mut table = Table::new(["ID", "NAME", "ACTIVE", "CREATED", "EXPIRES"]);
    for certificate in certificates {
        table.row(vec![
            printable(&certificate.id).into_owned(),
            certificate
                .name
                .as_deref()
                .map_or_else(none, |name| printable(name).into_owned()),
            certificate
                .active
                .map_or_else(none, |active| active.to_string()),
            utc::format(certificate.created_at),
            certificate
                .certificate_details
                .expires_at
                .map_or_else(none, utc::format),
        ]);
    }
    table.render()
}

/// `request id: <id>`, or `request id: -` when the answer had no `x-request-id`.
pub fn request_id_line(request_id: Option<&str>) -> String {
    format!(
        "request id: {}",
        request_id.map_or_else(none, |id| printable(id).into_owned())
    )
}

/// The placeholder for what the API left out.
pub fn none() -> String {
    "-".to_owned()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn certificate(body: serde_json::Value) -> Certificate {
        serde_json::from_value(body).unwrap()
    }

    #[test]
    fn table_has_utc_times_and_dashes_for_missing_fields() {
        let certificates = [
            certificate(json!({"object":"organization.certificate","id":"cert_abc",
                "name":"edge-01","active":false,"created_at":1_714_555_800,
                "certificate_details":{"valid_at":1_714_555_800,"expires_at":1_746_091_800}})),
            certificate(json!({"object":"organization.certificate","id":"cert_de",
                "created_at":0,"certificate_details":{}})),
        ];

        assert_eq!(
            certificates_table(&certificates),
            "ID        NAME     ACTIVE  CREATED              EXPIRES\n\
             cert_abc  edge-01  false   2024-05-01 09:30:00  2025-05-01 09:30:00\n\
             cert_de   -        -       1970-01-01 00:00:00  -\n"
        );
    }

    #[test]
    fn table_escapes_control_characters_in_names() {
        let certificates = [certificate(
            json!({"object":"certificate","id":"c","name":"a\nb",
            "active":true,"created_at":0,"certificate_details":{}}),
        )];
        assert_eq!(
            certificates_table(&certificates),
            "ID  NAME  ACTIVE  CREATED              EXPIRES\n\
             c   a\\nb  true    1970-01-01 00:00:00  -\n"
        );
    }

    #[test]
    fn empty_page_prints_only_the_header() {
        assert_eq!(
            certificates_table(&[]),
            "ID  NAME  ACTIVE  CREATED  EXPIRES\n"
        );
    }

    #[test]
    fn request_id_line_shows_a_dash_when_absent() {
        assert_eq!(request_id_line(Some("req_123")), "request id: req_123");
        assert_eq!(request_id_line(None), "request id: -");
    }
}
