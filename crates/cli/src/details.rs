//! One certificate as `label:  value` lines, for `get`, `upload` and `rename`.
//!
//! ```text
//! id:        cert_abc
//! name:      edge-01
//! created:   2024-05-01 09:30:00
//! valid at:  2024-05-01 09:30:00
//! expires:   2025-05-01 09:30:00
//! ```
//!
//! `active` is shown only when the answer says it: upload, retrieve and rename answers
//! do not carry it (a certificate's state depends on the scope, which only lists and
//! toggles name).

use openai_admin::types::Certificate;

use crate::output::none;
use crate::printable::printable;
use crate::utc;

/// The details of `certificate`. With `content`, its PEM follows after a blank line,
/// or a `content:  -` line says the answer held none.
pub fn certificate_details(certificate: &Certificate, content: bool) -> String {
    let details = &certificate.certificate_details;
    let mut fields = vec![
        ("id", printable(&certificate.id).into_owned()),
        (
            "name",
            certificate
                .name
                .as_deref()
                .map_or_else(none, |name| printable(name).into_owned()),
        ),
    ];
    if let Some(active) = certificate.active {
        fields.push(("active", active.to_string()));
    }
    fields.push(("created", utc::format(certificate.created_at)));
    fields.push(("valid at", details.valid_at.map_or_else(none, utc::format)));
    fields.push(("expires", details.expires_at.map_or_else(none, utc::format)));

    let pem = details.content.as_deref().filter(|_| content);
    if content && pem.is_none() {
        fields.push(("content", none()));
    }

    let mut text = render(&fields);
    if let Some(pem) = pem {
        text.push('\n');
        text.push_str(&pem_lines(pem));
    }
    text
}

/// `label:` padded so that every value starts in the same column, two spaces after
/// the longest label.
fn render(fields: &[(&str, String)]) -> String {
    let width = fields
        .iter()
        .map(|(label, _)| label.len() + 1)
        .max()
        .unwrap_or(0);
    fields
        .iter()
        .map(|(label, value)| format!("{:<width$}  {value}\n", format!("{label}:")))
        .collect()
}

/// The PEM line by line, each ending in `\n`. It comes from the server, so each line
/// is escaped like any other text from it; a real PEM has nothing to escape.
fn pem_lines(pem: &str) -> String {
    pem.lines()
        .map(|line| printable(line.strip_suffix('\r').unwrap_or(line)) + "\n")
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn certificate(body: serde_json::Value) -> Certificate {
        serde_json::from_value(body).unwrap()
    }

    #[test]
    fn details_align_values_and_leave_out_an_unknown_state() {
        let uploaded = certificate(json!({"object":"certificate","id":"cert_abc",
            "name":"edge-01","created_at":1_714_555_800,
            "certificate_details":{"valid_at":1_714_555_800,"expires_at":1_746_091_800}}));

        assert_eq!(
            certificate_details(&uploaded, false),
            "id:        cert_abc\n\
             name:      edge-01\n\
             created:   2024-05-01 09:30:00\n\
             valid at:  2024-05-01 09:30:00\n\
             expires:   2025-05-01 09:30:00\n"
        );
    }

    #[test]
    fn details_show_the_state_when_the_answer_has_it_and_dashes_for_gaps() {
        let listed = certificate(json!({"object":"organization.certificate","id":"c",
            "name":null,"active":true,"created_at":0,"certificate_details":{}}));

        assert_eq!(
            certificate_details(&listed, false),
            "id:        c\n\
             name:      -\n\
             active:    true\n\
             created:   1970-01-01 00:00:00\n\
             valid at:  -\n\
             expires:   -\n"
        );
    }

    #[test]
    fn content_follows_after_a_blank_line_escaped() {
        let retrieved = certificate(json!({"object":"certificate","id":"c","name":"n",
            "created_at":0,"certificate_details":{
                "content":"-----BEGIN CERTIFICATE-----\r\nAB\u{1b}C\n-----END CERTIFICATE-----\n"}}));

        assert_eq!(
            certificate_details(&retrieved, true),
            "id:        c\n\
             name:      n\n\
             created:   1970-01-01 00:00:00\n\
             valid at:  -\n\
             expires:   -\n\
             \n\
             -----BEGIN CERTIFICATE-----\n\
             AB\\u{1b}C\n\
             -----END CERTIFICATE-----\n"
        );
        assert!(!certificate_details(&retrieved, false).contains("BEGIN"));
    }

    #[test]
    fn asked_for_content_that_is_missing_shows_a_dash() {
        let retrieved = certificate(json!({"object":"certificate","id":"c","name":"n",
            "created_at":0,"certificate_details":{}}));

        assert!(certificate_details(&retrieved, true).ends_with("expires:   -\ncontent:   -\n"));
    }
}
