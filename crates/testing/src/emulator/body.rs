//! Decoding JSON request bodies with the API's kind of complaints.
//!
//! Each operation lists the fields its body takes. The body is checked against that
//! list (unknown field, missing field, wrong type) before it is handed to serde and the
//! types crate, so every mistake gets a 400 naming the field, as the API does.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::api_error::ApiError;

/// The JSON type a field must have.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    String,
    StringArray,
}

/// One field a request body may carry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    name: &'static str,
    kind: Kind,
    /// Whether the field must be present and not `null`.
    required: bool,
}

/// The body of an upload: `certificate`, and an optional `name`.
pub(crate) const UPLOAD: &[Field] = &[
    Field {
        name: "certificate",
        kind: Kind::String,
        required: true,
    },
    Field {
        name: "name",
        kind: Kind::String,
        required: false,
    },
];

/// The body of a modify: `name`.
pub(crate) const MODIFY: &[Field] = &[Field {
    name: "name",
    kind: Kind::String,
    required: true,
}];

/// The body of an activate or deactivate: `certificate_ids`.
pub(crate) const TOGGLE: &[Field] = &[Field {
    name: "certificate_ids",
    kind: Kind::StringArray,
    required: true,
}];

/// Checks `body` against `fields` and decodes it as `T`.
pub(crate) fn decode<T: DeserializeOwned>(body: &[u8], fields: &[Field]) -> Result<T, ApiError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| {
        ApiError::bad_request(
            "We could not parse the JSON body of your request. The API expects a JSON object.",
        )
    })?;
    let Value::Object(object) = &value else {
        return Err(ApiError::bad_request(format!(
            "Invalid type for the request body: expected an object, but got {} instead.",
            describe(&value)
        )));
    };

    if let Some(unknown) = object
        .keys()
        .find(|key| fields.iter().all(|f| f.name != *key))
    {
        return Err(ApiError::invalid(
            unknown.as_str(),
            "unknown_parameter",
            format!("Unknown parameter: '{unknown}'."),
        ));
    }
    for field in fields {
        match object.get(field.name) {
            None | Some(Value::Null) if !field.required => {}
            None => {
                return Err(ApiError::invalid(
                    field.name,
                    "missing_required_parameter",
                    format!("Missing required parameter: '{}'.", field.name),
                ))
            }
            Some(value) => check_type(field, value)?,
        }
    }

    serde_json::from_value(value)
        .map_err(|_| ApiError::bad_request("The request body does not have the expected shape."))
}

fn check_type(field: &Field, value: &Value) -> Result<(), ApiError> {
    match (field.kind, value) {
        (Kind::String, Value::String(_)) => Ok(()),
        (Kind::String, other) => Err(wrong_type(field.name, "a string", other)),
        (Kind::StringArray, Value::Array(items)) => {
            for (index, item) in items.iter().enumerate() {
                if !item.is_string() {
                    return Err(wrong_type(
                        &format!("{}[{index}]", field.name),
                        "a string",
                        item,
                    ));
                }
            }
            Ok(())
        }
        (Kind::StringArray, other) => Err(wrong_type(field.name, "an array of strings", other)),
    }
}

fn wrong_type(param: &str, expected: &str, got: &Value) -> ApiError {
    ApiError::invalid(
        param,
        "invalid_type",
        format!(
            "Invalid type for '{param}': expected {expected}, but got {} instead.",
            describe(got)
        ),
    )
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(number) if number.is_f64() => "a decimal",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use openai_admin_types::{ToggleCertificatesRequest, UploadCertificateRequest};

    use super::*;

    /// The checks run before serde, so the target type does not matter for refusals.
    fn refusal(body: &str, fields: &[Field]) -> ApiError {
        decode::<Value>(body.as_bytes(), fields).unwrap_err()
    }

    #[test]
    fn decodes_into_the_types_crate() {
        let upload: UploadCertificateRequest =
            decode(br#"{"certificate":"PEM","name":null}"#, UPLOAD).unwrap();
        assert_eq!(
            upload,
            UploadCertificateRequest {
                certificate: "PEM".into(),
                name: None
            }
        );

        let toggle: ToggleCertificatesRequest =
            decode(br#"{"certificate_ids":["a","b"]}"#, TOGGLE).unwrap();
        assert_eq!(toggle.certificate_ids, ["a", "b"]);
    }

    #[test]
    fn names_the_field_that_is_wrong() {
        for (body, fields, param, code, message) in [
            (
                r#"{"name":"n","color":"red"}"#,
                MODIFY,
                "color",
                "unknown_parameter",
                "Unknown parameter: 'color'.",
            ),
            (
                "{}",
                MODIFY,
                "name",
                "missing_required_parameter",
                "Missing required parameter: 'name'.",
            ),
            (
                r#"{"name":null}"#,
                MODIFY,
                "name",
                "invalid_type",
                "Invalid type for 'name': expected a string, but got null instead.",
            ),
            (
                r#"{"certificate_ids":"cert_a"}"#,
                TOGGLE,
                "certificate_ids",
                "invalid_type",
                "Invalid type for 'certificate_ids': expected an array of strings, but got a \
                 string instead.",
            ),
            (
                r#"{"certificate_ids":["a",7]}"#,
                TOGGLE,
                "certificate_ids[1]",
                "invalid_type",
                "Invalid type for 'certificate_ids[1]': expected a string, but got an integer \
                 instead.",
            ),
        ] {
            let error = refusal(body, fields);
            assert_eq!(
                (
                    error.status.as_u16(),
                    error.param.as_deref(),
                    error.code,
                    error.message.as_str()
                ),
                (400, Some(param), Some(code), message),
                "{body}"
            );
        }
    }

    #[test]
    fn refuses_what_is_not_a_json_object() {
        for (body, message) in [
            (
                "",
                "We could not parse the JSON body of your request. The API expects a JSON object.",
            ),
            (
                "{\"name\":",
                "We could not parse the JSON body of your request. The API expects a JSON object.",
            ),
            (
                "[1]",
                "Invalid type for the request body: expected an object, but got an array instead.",
            ),
        ] {
            let error = refusal(body, MODIFY);
            assert_eq!(
                (error.status.as_u16(), error.param, error.code),
                (400, None, None)
            );
            assert_eq!(error.message, message);
        }
    }
}
