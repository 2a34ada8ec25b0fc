//! The client against OpenAI's published OpenAPI document: every operation in it has a
//! client method with the same method and path, and every documented example decodes.
//!
//! The spec is read from `../shared/openapi/` beside the project, or from the folder in
//! `OPENAI_ADMIN_SPEC_DIR`.

use std::path::PathBuf;

use openai_admin::types::{Certificate, CertificateObject, CursorPage, DeletedCertificate, Page};
use serde_json::Value;
use yaml_rust2::{Yaml, YamlLoader};

fn spec_dir() -> PathBuf {
    match std::env::var_os("OPENAI_ADMIN_SPEC_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/openapi"),
    }
}

fn load(file: &str) -> Yaml {
    let path = spec_dir().join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read the spec at {}: {error}", path.display()));
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

fn to_json(yaml: &Yaml) -> Value {
    match yaml {
        Yaml::Real(text) => serde_json::from_str(text).unwrap(),
        Yaml::Integer(n) => Value::from(*n),
        Yaml::String(s) => Value::from(s.as_str()),
        Yaml::Boolean(b) => Value::from(*b),
        Yaml::Array(items) => items.iter().map(to_json).collect(),
        Yaml::Hash(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.as_str().unwrap().to_owned(), to_json(v)))
                .collect(),
        ),
        Yaml::Null => Value::Null,
        other => panic!("unexpected YAML node {other:?}"),
    }
}

/// Every (method, path, operation) in the spec.
fn operations(spec: &Yaml) -> Vec<(String, String, Yaml)> {
    let mut found = Vec::new();
    for (path, methods) in spec["paths"].as_hash().unwrap() {
        for (method, operation) in methods.as_hash().unwrap() {
            let method = method.as_str().unwrap().to_uppercase();
            found.push((method, path.as_str().unwrap().to_owned(), operation.clone()));
        }
    }
    found
}

/// The documented examples in OpenAI's reference have trailing commas; drop them.
fn without_trailing_commas(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &ch) in chars.iter().enumerate() {
        if in_string {
            escaped = !escaped && ch == '\\';
            in_string = escaped || ch != '"';
            out.push(ch);
            continue;
        }
        if ch == '"' {
            in_string = true;
        }
        let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
        if ch == ',' && matches!(next, Some('}' | ']')) {
            continue;
        }
        out.push(ch);
    }
    out
}

#[test]
fn every_spec_operation_has_a_client_method_and_no_more() {
    let spec = load("certificates.yaml");
    let mut in_spec: Vec<(String, String, String)> = operations(&spec)
        .into_iter()
        .map(|(method, path, op)| (op["operationId"].as_str().unwrap().to_owned(), method, path))
        .collect();
    let mut in_client: Vec<(String, String, String)> = openai_admin::operations()
        .iter()
        .map(|op| (op.id.to_owned(), op.method.to_string(), op.path.to_owned()))
        .collect();
    in_spec.sort();
    in_client.sort();

    assert_eq!(in_spec.len(), 10);
    assert_eq!(in_client, in_spec);
}

/// Decodes `example` as the answer of `operation_id`, checks a few exact values, and
/// checks that re-serializing gives the example back.
fn decode_example(operation_id: &str, example: &Value) {
    let back = match operation_id {
        "listOrganizationCertificates" | "listProjectCertificates" => {
            let page: CursorPage<Certificate> = serde_json::from_value(example.clone()).unwrap();
            assert_eq!(page.object, "list");
            assert_eq!(page.data[0].id, "cert_abc");
            assert_eq!(page.data[0].active, Some(true));
            assert_eq!(page.first_id.as_deref(), Some("cert_abc"));
            assert!(!page.has_more);
            serde_json::to_value(&page).unwrap()
        }
        "activateOrganizationCertificates"
        | "deactivateOrganizationCertificates"
        | "activateProjectCertificates"
        | "deactivateProjectCertificates" => {
            let page: Page<Certificate> = serde_json::from_value(example.clone()).unwrap();
            let activates = operation_id.starts_with("activate");
            let suffix = if activates {
                "activation"
            } else {
                "deactivation"
            };
            assert!(page.object.ends_with(suffix), "{}", page.object);
            assert_eq!(page.data[0].active, Some(activates));
            let expected_object = if operation_id.contains("Project") {
                CertificateObject::OrganizationProjectCertificate
            } else {
                CertificateObject::OrganizationCertificate
            };
            assert_eq!(page.data[0].object, expected_object);
            serde_json::to_value(&page).unwrap()
        }
        "uploadCertificate" | "getCertificate" | "modifyCertificate" => {
            let certificate: Certificate = serde_json::from_value(example.clone()).unwrap();
            assert_eq!(certificate.object, CertificateObject::Certificate);
            assert_eq!(certificate.id, "cert_abc");
            assert_eq!(certificate.active, None);
            assert_eq!(certificate.created_at, 1_234_567);
            serde_json::to_value(&certificate).unwrap()
        }
        "deleteCertificate" => {
            let deleted: DeletedCertificate = serde_json::from_value(example.clone()).unwrap();
            assert_eq!(
                (deleted.object.as_str(), deleted.id.as_str()),
                ("certificate.deleted", "cert_abc")
            );
            serde_json::to_value(&deleted).unwrap()
        }
        other => panic!("no decoder for {other}"),
    };
    assert_eq!(&back, example, "{operation_id} does not round-trip");
}

#[test]
fn every_response_example_decodes() {
    let spec = load("certificates.examples.yaml");
    let mut decoded = 0;
    for (_, _, operation) in operations(&spec) {
        let id = operation["operationId"].as_str().unwrap();
        let example = &operation["responses"]["200"]["content"]["application/json"]["example"];
        decode_example(id, &to_json(example));
        decoded += 1;
    }
    assert_eq!(decoded, 10);
}

#[test]
fn every_documented_reference_example_decodes() {
    let spec = load("certificates.yaml");
    let mut decoded = 0;
    for (_, _, operation) in operations(&spec) {
        let id = operation["operationId"].as_str().unwrap();
        let text = operation["x-oaiMeta"]["examples"]["response"]
            .as_str()
            .unwrap();
        let example: Value = serde_json::from_str(&without_trailing_commas(text)).unwrap();
        decode_example(id, &example);
        decoded += 1;
    }
    assert_eq!(decoded, 10);
}

#[test]
fn the_certificate_object_example_decodes_with_content() {
    let spec = load("certificates.yaml");
    let text = spec["components"]["schemas"]["Certificate"]["x-oaiMeta"]["example"]
        .as_str()
        .unwrap();
    let certificate: Certificate = serde_json::from_str(&without_trailing_commas(text)).unwrap();

    assert_eq!(certificate.name.as_deref(), Some("My Certificate"));
    let content = certificate.certificate_details.content.as_deref().unwrap();
    assert!(
        content.starts_with("-----BEGIN CERTIFICATE-----"),
        "{content}"
    );
    assert_eq!(certificate.certificate_details.expires_at, Some(12_345_678));
}

#[test]
fn trailing_commas_are_dropped_outside_strings_only() {
    assert_eq!(
        without_trailing_commas(r#"{"a": [1, 2, ], "b": ",}", }"#),
        r#"{"a": [1, 2 ], "b": ",}" }"#
    );
}
