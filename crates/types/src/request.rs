use serde::{Deserialize, Serialize};

/// The body of an activate or deactivate call: the certificates to switch.
///
/// The API accepts 1 to 10 ids per call and applies them atomically.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToggleCertificatesRequest {
    /// The ids of the certificates to switch.
    pub certificate_ids: Vec<String>,
}

/// The body of an upload call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadCertificateRequest {
    /// The certificate in PEM format.
    pub certificate: String,
    /// An optional human name for the certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The body of a modify call, which renames a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModifyCertificateRequest {
    /// The new name.
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggle_request_is_compact_json() {
        let body = ToggleCertificatesRequest {
            certificate_ids: vec!["cert_abc".into(), "cert_def".into()],
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"certificate_ids":["cert_abc","cert_def"]}"#
        );
    }

    #[test]
    fn upload_request_omits_absent_name() {
        let body = UploadCertificateRequest {
            certificate: "PEM".into(),
            name: None,
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"certificate":"PEM"}"#
        );
    }
}
