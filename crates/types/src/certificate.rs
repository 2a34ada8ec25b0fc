use serde::{Deserialize, Serialize};

use crate::{CertificateObject, Extra};

/// A certificate uploaded to the organization, as any certificate endpoint returns it.
///
/// The endpoints differ a little: `active` is absent on upload and retrieve, and
/// `certificate_details.content` is present only when retrieve was asked to include it.
/// Those fields are `Option`s here, so one type decodes every answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Certificate {
    /// Which endpoint shape this is; see [`CertificateObject`].
    pub object: CertificateObject,
    /// The identifier used in API paths and toggle requests, such as `cert_abc`.
    pub id: String,
    /// The human name given at upload or rename, if any. The API always sends the key
    /// (`null` when unnamed), so it is always written back out.
    #[serde(default)]
    pub name: Option<String>,
    /// Whether the certificate is active at the scope that was asked about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// When the certificate was uploaded, in unix seconds.
    pub created_at: i64,
    /// Validity window and, when requested, the PEM content.
    pub certificate_details: CertificateDetails,
    /// Fields this version does not know, kept for re-serialization.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The validity window of a certificate and, on request, its PEM content.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateDetails {
    /// When the certificate becomes valid, in unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_at: Option<i64>,
    /// When the certificate expires, in unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<i64>,
    /// The certificate in PEM format, present only when retrieve included it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// Fields this version does not know, kept for re-serialization.
    #[serde(flatten)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn absent_and_null_optionals_decode_to_none() {
        for body in [
            json!({"object":"certificate","id":"cert_a","created_at":5,"certificate_details":{}}),
            json!({"object":"certificate","id":"cert_a","created_at":5,"name":null,"active":null,
                   "certificate_details":{"valid_at":null,"expires_at":null,"content":null}}),
        ] {
            let certificate: Certificate = serde_json::from_value(body).unwrap();
            assert_eq!(certificate.name, None);
            assert_eq!(certificate.active, None);
            assert_eq!(
                certificate.certificate_details,
                CertificateDetails::default()
            );
            assert!(certificate.extra.is_empty());
        }
    }

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let body = json!({"object":"organization.project.certificate","id":"cert_a","name":"n",
            "active":true,"created_at":-3,"certificate_details":{"valid_at":1,"expires_at":2,
            "issuer":{"cn":"Example CA"}},"labels":["a","b"],"rotation":null});

        let certificate: Certificate = serde_json::from_value(body.clone()).unwrap();
        assert_eq!(certificate.created_at, -3);
        assert_eq!(certificate.extra["labels"], json!(["a", "b"]));
        assert_eq!(certificate.extra["rotation"], json!(null));
        assert_eq!(
            certificate.certificate_details.extra["issuer"],
            json!({"cn":"Example CA"})
        );

        assert_eq!(serde_json::to_value(&certificate).unwrap(), body);
    }

    #[test]
    fn missing_id_is_an_error() {
        let body = json!({"object":"certificate","created_at":5,"certificate_details":{}});
        assert!(serde_json::from_value::<Certificate>(body).is_err());
    }

    #[test]
    fn timestamps_beyond_i32_decode() {
        let body = json!({"object":"certificate","id":"c","created_at":4102444800_i64,
            "certificate_details":{"expires_at":253402300799_i64}});
        let certificate: Certificate = serde_json::from_value(body).unwrap();
        assert_eq!(certificate.created_at, 4_102_444_800);
        assert_eq!(
            certificate.certificate_details.expires_at,
            Some(253_402_300_799)
        );
    }

    #[test]
    fn fields_decode_in_any_order_with_escaped_keys() {
        let body = r#"{"certificate_details":{"content":"PEM","valid_at":1},"created_at":9,
            "\u0069d":"cert_a","object":"certificate","n\u00e4me":"kept"}"#;
        let certificate: Certificate = serde_json::from_str(body).unwrap();
        assert_eq!(certificate.id, "cert_a");
        assert_eq!(certificate.object, CertificateObject::Certificate);
        assert_eq!(certificate.name, None);
        assert_eq!(certificate.extra["näme"], "kept");
        assert_eq!(
            certificate.certificate_details,
            CertificateDetails {
                valid_at: Some(1),
                expires_at: None,
                content: Some("PEM".into()),
                extra: Default::default(),
            }
        );
    }

    #[test]
    fn a_repeated_field_is_refused() {
        let body =
            r#"{"object":"certificate","id":"a","id":"b","created_at":1,"certificate_details":{}}"#;
        let error = serde_json::from_str::<Certificate>(body).unwrap_err();
        assert_eq!(
            error.to_string(),
            "duplicate field `id` at line 1 column 37"
        );
    }

    #[test]
    fn wrong_types_and_missing_fields_name_the_field() {
        let error = serde_json::from_str::<Certificate>(
            r#"{"object":"certificate","id":"a","created_at":"yesterday","certificate_details":{}}"#,
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: string \"yesterday\", expected i64 at line 1 column 57"
        );
        let error = serde_json::from_str::<Certificate>(
            r#"{"object":"certificate","id":"a","created_at":1}"#,
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "missing field `certificate_details` at line 1 column 48"
        );
        let error = serde_json::from_str::<Certificate>("[1]").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: sequence, expected struct Certificate at line 1 column 0"
        );
    }
}
