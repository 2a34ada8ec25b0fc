//! Decoding [`Certificate`] and [`CertificateDetails`] field by field.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

use crate::fields::{required, set, Key, Keys};
use crate::{Certificate, CertificateDetails, Extra};

const CERTIFICATE_FIELDS: &[&str] = &[
    "object",
    "id",
    "name",
    "active",
    "created_at",
    "certificate_details",
];
const DETAILS_FIELDS: &[&str] = &["valid_at", "expires_at", "content"];

impl<'de> Deserialize<'de> for Certificate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(CertificateVisitor)
    }
}

struct CertificateVisitor;

impl<'de> Visitor<'de> for CertificateVisitor {
    type Value = Certificate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a certificate object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Certificate, A::Error> {
        let (mut object, mut id, mut created_at, mut details) = (None, None, None, None);
        let mut name: Option<Option<String>> = None;
        let mut active: Option<Option<bool>> = None;
        let mut extra = Extra::new();

        while let Some(key) = map.next_key_seed(Keys(CERTIFICATE_FIELDS))? {
            match key {
                Key::Known("object") => set(&mut object, "object", &mut map)?,
                Key::Known("id") => set(&mut id, "id", &mut map)?,
                Key::Known("name") => set(&mut name, "name", &mut map)?,
                Key::Known("active") => set(&mut active, "active", &mut map)?,
                Key::Known("created_at") => set(&mut created_at, "created_at", &mut map)?,
                Key::Known(_) => set(&mut details, "certificate_details", &mut map)?,
                Key::Other(name) => {
                    extra.insert(name, map.next_value()?);
                }
            }
        }

        Ok(Certificate {
            object: required(object, "object")?,
            id: required(id, "id")?,
            name: name.flatten(),
            active: active.flatten(),
            created_at: required(created_at, "created_at")?,
            certificate_details: required(details, "certificate_details")?,
            extra,
        })
    }
}

impl<'de> Deserialize<'de> for CertificateDetails {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(DetailsVisitor)
    }
}

struct DetailsVisitor;

impl<'de> Visitor<'de> for DetailsVisitor {
    type Value = CertificateDetails;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("certificate details")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CertificateDetails, A::Error> {
        let mut valid_at: Option<Option<i64>> = None;
        let mut expires_at: Option<Option<i64>> = None;
        let mut content: Option<Option<String>> = None;
        let mut extra = Extra::new();

        while let Some(key) = map.next_key_seed(Keys(DETAILS_FIELDS))? {
            match key {
                Key::Known("valid_at") => set(&mut valid_at, "valid_at", &mut map)?,
                Key::Known("expires_at") => set(&mut expires_at, "expires_at", &mut map)?,
                Key::Known(_) => set(&mut content, "content", &mut map)?,
                Key::Other(name) => {
                    extra.insert(name, map.next_value()?);
                }
            }
        }

        Ok(CertificateDetails {
            valid_at: valid_at.flatten(),
            expires_at: expires_at.flatten(),
            content: content.flatten(),
            extra,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{Certificate, CertificateDetails, CertificateObject};

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
            "invalid type: sequence, expected a certificate object at line 1 column 0"
        );
    }
}
