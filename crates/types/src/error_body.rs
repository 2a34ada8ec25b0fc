use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::Extra;

/// The usual body of an API error: `{"error": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiErrorBody {
    /// The error itself.
    pub error: ApiErrorObject,
}

/// What went wrong, as the API describes it.
///
/// Every field is lenient: a missing or `null` message decodes to an empty string, and a
/// numeric `code` decodes to its decimal text, so that a slightly unusual error body still
/// yields its message.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiErrorObject {
    /// A human-readable explanation.
    #[serde(default, deserialize_with = "string_or_null")]
    pub message: String,
    /// The error class, such as `invalid_request_error`.
    #[serde(default, rename = "type", deserialize_with = "optional_text")]
    pub kind: Option<String>,
    /// The request parameter the error is about, if any.
    #[serde(default, deserialize_with = "optional_text")]
    pub param: Option<String>,
    /// A machine-readable code, such as `invalid_api_key`.
    #[serde(default, deserialize_with = "optional_text")]
    pub code: Option<String>,
    /// Fields this version does not know, kept for re-serialization.
    #[serde(flatten)]
    pub extra: Extra,
}

fn string_or_null<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(optional_text(deserializer)?.unwrap_or_default())
}

/// Accepts a string, a number or a boolean as text, and `null` as `None`.
fn optional_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    struct Text;

    impl serde::de::Visitor<'_> for Text {
        type Value = Option<String>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string, a number, or null")
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_owned()))
        }

        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }

        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }

        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }

    deserializer.deserialize_any(Text)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn decodes_the_usual_error_shape() {
        let body: ApiErrorBody = serde_json::from_value(json!({"error":{
            "message":"Invalid certificate id","type":"invalid_request_error",
            "param":"certificate_ids","code":"not_found"}}))
        .unwrap();
        assert_eq!(
            body.error,
            ApiErrorObject {
                message: "Invalid certificate id".into(),
                kind: Some("invalid_request_error".into()),
                param: Some("certificate_ids".into()),
                code: Some("not_found".into()),
                extra: Extra::new(),
            }
        );
    }

    #[test]
    fn lenient_fields() {
        let body: ApiErrorBody =
            serde_json::from_value(json!({"error":{"message":null,"code":429,"param":null}}))
                .unwrap();
        assert_eq!(body.error.message, "");
        assert_eq!(body.error.code.as_deref(), Some("429"));
        assert_eq!(body.error.param, None);
        assert_eq!(body.error.kind, None);
    }

    #[test]
    fn rejects_a_body_without_error_key() {
        assert!(serde_json::from_value::<ApiErrorBody>(json!({"message":"x"})).is_err());
    }
}
