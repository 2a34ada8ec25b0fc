//! Hand-written decoding of `Page<Certificate>` that keeps unknown fields, the
//! alternative to the types crate's derived decoding, measured beside it.
//!
//! The types crate derives `Deserialize` with a `#[serde(flatten)] extra` map on
//! the page, the certificate and its details. serde_derive still decodes every
//! known field in place and buffers only the unknown keys and their values (as
//! its private `Content`), which it hands to the map at the end. These visitors
//! do the same work by hand: each key is borrowed from the input and matched
//! once, a known field decoded in place, any other key and its value put
//! straight into `extra` as a `serde_json::Value` with no buffer between. The
//! decode benchmark measures what that is worth; the types crate keeps the
//! derive, which is far less code. Nothing outside the benchmarks uses this.

use std::fmt;
use std::marker::PhantomData;

use openai_admin_types::{Certificate, CertificateDetails, CertificateObject, Extra, Page};
use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};

/// A value decoded by this module's visitors instead of its own `Deserialize`.
#[derive(Debug, Clone, PartialEq)]
pub struct KeepUnknown<T>(pub T);

/// Decodes `body` as a page of certificates, unknown fields kept.
///
/// # Errors
///
/// Whatever serde_json reports: bad JSON, a missing or mistyped field.
pub fn page_from_slice(body: &[u8]) -> serde_json::Result<Page<Certificate>> {
    serde_json::from_slice::<KeepUnknown<Page<Certificate>>>(body).map(|page| page.0)
}

/// A map key, borrowed from the input when it has no escapes.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }

    fn into_owned(self) -> String {
        match self {
            Key::Borrowed(key) => key.to_owned(),
            Key::Owned(key) => key,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E: Error>(self, key: &'de str) -> Result<Self::Value, E> {
                Ok(Key::Borrowed(key))
            }

            fn visit_str<E: Error>(self, key: &str) -> Result<Self::Value, E> {
                Ok(Key::Owned(key.to_owned()))
            }

            fn visit_string<E: Error>(self, key: String) -> Result<Self::Value, E> {
                Ok(Key::Owned(key))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Stores `value` in `slot`, refusing a field sent twice as derived code does.
fn set<T, E: Error>(slot: &mut Option<T>, field: &'static str, value: T) -> Result<(), E> {
    if slot.replace(value).is_some() {
        return Err(E::duplicate_field(field));
    }
    Ok(())
}

/// One map visitor per model; `Marker` only names which.
struct ModelVisitor<Marker>(PhantomData<Marker>);

impl<'de> Deserialize<'de> for KeepUnknown<Page<Certificate>> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ModelVisitor::<Page<Certificate>>(PhantomData))
    }
}

impl<'de> Visitor<'de> for ModelVisitor<Page<Certificate>> {
    type Value = KeepUnknown<Page<Certificate>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a page of certificates")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut object, mut data, mut extra) = (None, None, Extra::new());
        while let Some(key) = map.next_key::<Key<'de>>()? {
            match key.as_str() {
                "object" => set(&mut object, "object", map.next_value::<String>()?)?,
                "data" => {
                    let certificates = map.next_value::<Vec<KeepUnknown<Certificate>>>()?;
                    let certificates = certificates.into_iter().map(|c| c.0).collect();
                    set(&mut data, "data", certificates)?;
                }
                _ => {
                    extra.insert(key.into_owned(), map.next_value()?);
                }
            }
        }
        Ok(KeepUnknown(Page {
            object: object.ok_or_else(|| A::Error::missing_field("object"))?,
            data: data.ok_or_else(|| A::Error::missing_field("data"))?,
            extra,
        }))
    }
}

impl<'de> Deserialize<'de> for KeepUnknown<Certificate> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ModelVisitor::<Certificate>(PhantomData))
    }
}

impl<'de> Visitor<'de> for ModelVisitor<Certificate> {
    type Value = KeepUnknown<Certificate>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a certificate")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = None::<CertificateObject>;
        let mut id = None::<String>;
        let mut name = None::<Option<String>>;
        let mut active = None::<Option<bool>>;
        let mut created_at = None::<i64>;
        let mut details = None::<CertificateDetails>;
        let mut extra = Extra::new();

        while let Some(key) = map.next_key::<Key<'de>>()? {
            match key.as_str() {
                "object" => set(&mut object, "object", map.next_value()?)?,
                "id" => set(&mut id, "id", map.next_value()?)?,
                "name" => set(&mut name, "name", map.next_value()?)?,
                "active" => set(&mut active, "active", map.next_value()?)?,
                "created_at" => set(&mut created_at, "created_at", map.next_value()?)?,
                "certificate_details" => {
                    let value = map.next_value::<KeepUnknown<CertificateDetails>>()?;
                    set(&mut details, "certificate_details", value.0)?;
                }
                _ => {
                    extra.insert(key.into_owned(), map.next_value()?);
                }
            }
        }

        Ok(KeepUnknown(Certificate {
            object: object.ok_or_else(|| A::Error::missing_field("object"))?,
            id: id.ok_or_else(|| A::Error::missing_field("id"))?,
            name: name.flatten(),
            active: active.flatten(),
            created_at: created_at.ok_or_else(|| A::Error::missing_field("created_at"))?,
            certificate_details: details
                .ok_or_else(|| A::Error::missing_field("certificate_details"))?,
            extra,
        }))
    }
}

impl<'de> Deserialize<'de> for KeepUnknown<CertificateDetails> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ModelVisitor::<CertificateDetails>(PhantomData))
    }
}

impl<'de> Visitor<'de> for ModelVisitor<CertificateDetails> {
    type Value = KeepUnknown<CertificateDetails>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("certificate details")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut valid_at = None::<Option<i64>>;
        let mut expires_at = None::<Option<i64>>;
        let mut content = None::<Option<String>>;
        let mut extra = Extra::new();

        while let Some(key) = map.next_key::<Key<'de>>()? {
            match key.as_str() {
                "valid_at" => set(&mut valid_at, "valid_at", map.next_value()?)?,
                "expires_at" => set(&mut expires_at, "expires_at", map.next_value()?)?,
                "content" => set(&mut content, "content", map.next_value()?)?,
                _ => {
                    extra.insert(key.into_owned(), map.next_value()?);
                }
            }
        }

        Ok(KeepUnknown(CertificateDetails {
            valid_at: valid_at.flatten(),
            expires_at: expires_at.flatten(),
            content: content.flatten(),
            extra,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    fn typed(body: &[u8]) -> Page<Certificate> {
        serde_json::from_slice(body).unwrap()
    }

    #[test]
    fn the_fixture_decodes_as_the_types_crate_decodes_it() {
        let body = fixture::page_body();
        assert_eq!(page_from_slice(&body).unwrap(), typed(&body));
    }

    #[test]
    fn unknown_fields_at_every_level_are_kept_as_the_types_crate_keeps_them() {
        let body = br#"{"object":"organization.certificate.deactivation","cursor":{"a":1},
            "data":[{"object":"organization.certificate.v2","id":"cert_a","name":null,
            "created_at":5,"labels":["x"],"certificate_details":{"expires_at":9,
            "issuer":"Example CA","valid_at":null}},{"object":"certificate","id":"cert_\u0062",
            "active":true,"created_at":-1,"certificate_details":{}}]}"#;
        let page = page_from_slice(body).unwrap();
        assert_eq!(page, typed(body));
        assert_eq!(page.extra["cursor"], serde_json::json!({"a": 1}));
        assert_eq!(page.data[0].extra["labels"], serde_json::json!(["x"]));
        assert_eq!(
            page.data[0].certificate_details.extra["issuer"],
            "Example CA"
        );
        assert_eq!(page.data[1].id, "cert_b");
    }

    #[test]
    fn the_later_page_decodes_as_the_types_crate_decodes_it() {
        let body = fixture::page_body_with_unknown_fields();
        assert_eq!(page_from_slice(&body).unwrap(), typed(&body));
    }

    #[test]
    fn missing_and_repeated_fields_are_errors() {
        let missing = br#"{"object":"p","data":[{"object":"certificate","created_at":5,
            "certificate_details":{}}]}"#;
        assert!(page_from_slice(missing)
            .unwrap_err()
            .to_string()
            .starts_with("missing field `id`"));

        let repeated = br#"{"object":"p","object":"q","data":[]}"#;
        assert!(page_from_slice(repeated)
            .unwrap_err()
            .to_string()
            .starts_with("duplicate field `object`"));
    }
}
