//! What every benchmark sends and what the server answers.

use bytes::Bytes;

/// The ten ids of every deactivate call: the most one call may carry.
pub const CERTIFICATE_IDS: [&str; 10] = [
    "cert_bench00",
    "cert_bench01",
    "cert_bench02",
    "cert_bench03",
    "cert_bench04",
    "cert_bench05",
    "cert_bench06",
    "cert_bench07",
    "cert_bench08",
    "cert_bench09",
];

/// A made-up admin key. The loopback server never checks it; it only has to be a
/// valid header value.
pub const ADMIN_KEY: &str = "sk-admin-bench-not-a-real-key";

/// The request id the server answers with, so the client has one to read.
pub const REQUEST_ID: &str = "req_bench";

/// The answer to a deactivate call: a page of ten certificates with exactly the
/// documented fields, about 2 KiB of compact JSON.
pub fn page_body() -> Bytes {
    let certificates: Vec<String> = CERTIFICATE_IDS
        .iter()
        .enumerate()
        .map(|(index, id)| certificate(index, id))
        .collect();
    let body = format!(
        r#"{{"object":"organization.certificate.deactivation","data":[{}]}}"#,
        certificates.join(",")
    );
    Bytes::from(body)
}

/// The same page as a later version of the API might send it: three fields this
/// version does not know on each certificate, one on its details, one on the page.
/// About 3.5 KiB.
pub fn page_body_with_unknown_fields() -> Bytes {
    let certificates: Vec<String> = CERTIFICATE_IDS
        .iter()
        .enumerate()
        .map(|(index, id)| {
            let known = certificate(index, id);
            let details_end = known.len() - 2;
            format!(
                r#"{},"issuer":"Bench CA"}},"fingerprint":"sha256:{index:02}ab:cd:ef","labels":["bench","rotation"],"last_used_at":null}}"#,
                &known[..details_end]
            )
        })
        .collect();
    let body = format!(
        r#"{{"object":"organization.certificate.deactivation","data":[{}],"warnings":[]}}"#,
        certificates.join(",")
    );
    Bytes::from(body)
}

fn certificate(index: usize, id: &str) -> String {
    let created_at = 1_700_000_000 + index as i64 * 86_400;
    format!(
        concat!(
            r#"{{"object":"organization.certificate","id":"{id}","#,
            r#""name":"Bench certificate {index}","active":false,"created_at":{created_at},"#,
            r#""certificate_details":{{"valid_at":{valid_at},"expires_at":{expires_at}}}}}"#
        ),
        id = id,
        index = index,
        created_at = created_at,
        valid_at = created_at,
        expires_at = created_at + 365 * 86_400,
    )
}

#[cfg(test)]
mod tests {
    use openai_admin_types::{Certificate, CertificateObject, Page};

    use super::*;

    #[test]
    fn the_page_decodes_into_ten_certificates_with_nothing_unknown() {
        let page: Page<Certificate> = serde_json::from_slice(&page_body()).unwrap();
        assert_eq!(page.object, "organization.certificate.deactivation");
        assert_eq!(page.data.len(), 10);
        assert!(page.extra.is_empty());

        let last = &page.data[9];
        assert_eq!(last.id, "cert_bench09");
        assert_eq!(last.object, CertificateObject::OrganizationCertificate);
        assert_eq!(last.name.as_deref(), Some("Bench certificate 9"));
        assert_eq!(last.active, Some(false));
        assert_eq!(last.created_at, 1_700_777_600);
        assert_eq!(last.certificate_details.expires_at, Some(1_732_313_600));
        assert!(last.extra.is_empty() && last.certificate_details.extra.is_empty());
    }

    #[test]
    fn the_later_page_has_unknown_fields_at_every_level() {
        let page: Page<Certificate> =
            serde_json::from_slice(&page_body_with_unknown_fields()).unwrap();
        assert_eq!(page.data.len(), 10);
        assert_eq!(page.extra["warnings"], serde_json::json!([]));
        let first = &page.data[0];
        assert_eq!(first.id, "cert_bench00");
        assert_eq!(first.extra.len(), 3);
        assert_eq!(first.extra["fingerprint"], "sha256:00ab:cd:ef");
        assert_eq!(first.certificate_details.extra["issuer"], "Bench CA");
        assert_eq!(first.certificate_details.expires_at, Some(1_731_536_000));
    }

    #[test]
    fn the_page_is_about_two_kibibytes() {
        assert_eq!(page_body().len(), 2_019);
    }
}
