use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The `object` tag of a certificate, which says which endpoint produced it.
///
/// Upload, retrieve and modify answer with `certificate`; organization lists and toggles
/// with `organization.certificate`; project lists and toggles with
/// `organization.project.certificate`. A value this version does not know is kept as
/// [`CertificateObject::Other`] so that decoding never fails on a new tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CertificateObject {
    /// `certificate`: a single certificate, as uploaded, retrieved or modified.
    Certificate,
    /// `organization.certificate`: a certificate seen at organization scope.
    OrganizationCertificate,
    /// `organization.project.certificate`: a certificate seen at project scope.
    OrganizationProjectCertificate,
    /// A tag this version does not know, kept as sent.
    Other(String),
}

impl CertificateObject {
    /// The tag as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Certificate => "certificate",
            Self::OrganizationCertificate => "organization.certificate",
            Self::OrganizationProjectCertificate => "organization.project.certificate",
            Self::Other(raw) => raw,
        }
    }

    fn from_wire(raw: &str) -> Self {
        match raw {
            "certificate" => Self::Certificate,
            "organization.certificate" => Self::OrganizationCertificate,
            "organization.project.certificate" => Self::OrganizationProjectCertificate,
            other => Self::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for CertificateObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for CertificateObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CertificateObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Tag;

        impl serde::de::Visitor<'_> for Tag {
            type Value = CertificateObject;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a certificate object tag")
            }

            fn visit_str<E: serde::de::Error>(self, raw: &str) -> Result<Self::Value, E> {
                Ok(CertificateObject::from_wire(raw))
            }
        }

        deserializer.deserialize_str(Tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_tags_round_trip() {
        for (raw, tag) in [
            ("certificate", CertificateObject::Certificate),
            (
                "organization.certificate",
                CertificateObject::OrganizationCertificate,
            ),
            (
                "organization.project.certificate",
                CertificateObject::OrganizationProjectCertificate,
            ),
        ] {
            let json = format!("\"{raw}\"");
            assert_eq!(
                serde_json::from_str::<CertificateObject>(&json).unwrap(),
                tag
            );
            assert_eq!(serde_json::to_string(&tag).unwrap(), json);
        }
    }

    #[test]
    fn unknown_tag_keeps_raw_string() {
        let tag: CertificateObject =
            serde_json::from_str("\"organization.certificate.v2\"").unwrap();
        assert_eq!(
            tag,
            CertificateObject::Other("organization.certificate.v2".into())
        );
        assert_eq!(
            serde_json::to_string(&tag).unwrap(),
            "\"organization.certificate.v2\""
        );
    }

    #[test]
    fn non_string_tag_is_an_error() {
        assert!(serde_json::from_str::<CertificateObject>("7").is_err());
    }
}
