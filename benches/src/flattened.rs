//! The models as `openai-admin-types` first had them: derived `Deserialize` with a
//! `#[serde(flatten)]` map for unknown fields on the page, the certificate and its
//! details. The types crate has since replaced the derive with hand-written
//! visitors; the decode benchmark keeps this copy to measure what that change is
//! worth.
//!
//! How serde_derive handles `flatten` here: a known key is decoded in place, as
//! without `flatten`; only an unknown key and its value are buffered (as serde's
//! private `Content`), and the buffer is handed to the flattened map at the end.
//! The cost is therefore small for a body with no unknown fields, and grows with
//! the unknown ones.

use openai_admin_types::{CertificateObject, Extra};
use serde::Deserialize;

/// `Page<Certificate>` with derived decoding.
#[derive(Debug, Deserialize)]
pub struct FlattenedPage {
    /// The result type.
    pub object: String,
    /// The certificates.
    pub data: Vec<FlattenedCertificate>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `Certificate` with derived decoding.
#[derive(Debug, Deserialize)]
pub struct FlattenedCertificate {
    /// The object tag.
    pub object: CertificateObject,
    /// The certificate id.
    pub id: String,
    /// The name, if any.
    #[serde(default)]
    pub name: Option<String>,
    /// Whether it is active.
    #[serde(default)]
    pub active: Option<bool>,
    /// Upload time, unix seconds.
    pub created_at: i64,
    /// Validity window.
    pub certificate_details: FlattenedDetails,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `CertificateDetails` with derived decoding.
#[derive(Debug, Deserialize)]
pub struct FlattenedDetails {
    /// Valid from, unix seconds.
    #[serde(default)]
    pub valid_at: Option<i64>,
    /// Expires at, unix seconds.
    #[serde(default)]
    pub expires_at: Option<i64>,
    /// The PEM, when retrieve asked for it.
    #[serde(default)]
    pub content: Option<String>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use openai_admin_types::{Certificate, Page};

    use super::*;
    use crate::fixture;

    #[test]
    fn both_bodies_decode_as_the_types_crate_decodes_them() {
        for body in [
            fixture::page_body(),
            fixture::page_body_with_unknown_fields(),
        ] {
            let flattened: FlattenedPage = serde_json::from_slice(&body).unwrap();
            let typed: Page<Certificate> = serde_json::from_slice(&body).unwrap();
            assert_eq!(flattened.extra, typed.extra);
            for (ours, theirs) in flattened.data.iter().zip(&typed.data) {
                assert_eq!(ours.id, theirs.id);
                assert_eq!(ours.object, theirs.object);
                assert_eq!(ours.extra, theirs.extra);
                assert_eq!(
                    ours.certificate_details.extra,
                    theirs.certificate_details.extra
                );
            }
        }
    }
}
