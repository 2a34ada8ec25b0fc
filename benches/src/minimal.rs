//! The decode yardstick: the documented fields of a deactivation page and nothing
//! else. No `flatten`, no unknown fields kept, `object` a plain string.

use serde::Deserialize;

/// A toggle page with only its documented fields.
#[derive(Debug, Deserialize)]
pub struct MinimalPage {
    /// The result type.
    pub object: String,
    /// The certificates.
    pub data: Vec<MinimalCertificate>,
}

/// A certificate with only its documented fields.
#[derive(Debug, Deserialize)]
pub struct MinimalCertificate {
    /// The object tag, as sent.
    pub object: String,
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
    pub certificate_details: MinimalDetails,
}

/// The validity window with only its documented fields.
#[derive(Debug, Deserialize)]
pub struct MinimalDetails {
    /// Valid from, unix seconds.
    #[serde(default)]
    pub valid_at: Option<i64>,
    /// Expires at, unix seconds.
    #[serde(default)]
    pub expires_at: Option<i64>,
    /// The PEM, when retrieve asked for it.
    #[serde(default)]
    pub content: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    #[test]
    fn the_fixture_decodes() {
        let page: MinimalPage = serde_json::from_slice(&fixture::page_body()).unwrap();
        assert_eq!(page.object, "organization.certificate.deactivation");
        assert_eq!(page.data.len(), 10);
        assert_eq!(page.data[3].id, "cert_bench03");
        assert_eq!(
            page.data[3].certificate_details.valid_at,
            Some(1_700_259_200)
        );
    }
}
