use serde_json::json;

use super::*;
use crate::fake_certificate_pem;

const SEEDED_EXPIRY: i64 = 1_700_000_000 + 365 * 86_400;

#[test]
fn upload_reads_the_validity_and_starts_inactive() {
    let emulator = Emulator::builder().now(1_750_000_000).build();
    let pem = fake_certificate_pem(1_800_000_000, 1_900_000_000);

    let answer = post(
        &emulator,
        "/v1/organization/certificates",
        json!({"certificate": pem, "name": "Edge"}),
    );

    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.json,
        json!({"object": "certificate", "id": "cert_emu_0001", "name": "Edge",
               "created_at": 1_750_000_000,
               "certificate_details": {"valid_at": 1_800_000_000, "expires_at": 1_900_000_000}})
    );
    assert!(!emulator.is_active("cert_emu_0001"));
    assert_eq!(
        emulator
            .certificate("cert_emu_0001")
            .unwrap()
            .certificate_details
            .content,
        Some(pem)
    );
}

#[test]
fn uploads_take_the_clock_and_count_ids_up() {
    let emulator = Emulator::new();
    let pem = fake_certificate_pem(0, 1);

    let first = post(
        &emulator,
        "/v1/organization/certificates",
        json!({"certificate": pem}),
    );
    emulator.advance(30);
    let second = post(
        &emulator,
        "/organization/certificates",
        json!({"certificate": pem}),
    );

    assert_eq!(
        (&first.json["id"], &first.json["created_at"]),
        (&json!("cert_emu_0001"), &json!(1_700_000_000))
    );
    assert_eq!(
        (&second.json["id"], &second.json["created_at"]),
        (&json!("cert_emu_0002"), &json!(1_700_000_030))
    );
    assert_eq!(first.json["name"], json!(null));
}

#[test]
fn upload_refuses_garbage_and_keeps_nothing() {
    let emulator = Emulator::new();
    let invalid = |reason: &str| {
        error(
            &format!("Invalid 'certificate': {reason}."),
            Some("certificate"),
            Some("invalid_value"),
        )
    };

    let armored = |base64: &str| {
        json!({"certificate": format!(
            "-----BEGIN CERTIFICATE-----\n{base64}\n-----END CERTIFICATE-----"
        )})
    };

    for (body, expected) in [
        (
            json!({"certificate": "hello"}),
            invalid("there is no -----BEGIN CERTIFICATE----- line"),
        ),
        (
            armored("MIIDeT..."),
            invalid("the text between the BEGIN and END lines is not base64"),
        ),
        (
            armored("Zm9vYmFy"),
            invalid("the decoded bytes are not a DER-encoded X.509 certificate"),
        ),
        (
            json!({"name": "no certificate"}),
            error(
                "Missing required parameter: 'certificate'.",
                Some("certificate"),
                Some("missing_required_parameter"),
            ),
        ),
        (
            json!({"certificate": 42}),
            error(
                "Invalid type for 'certificate': expected a string, but got an integer instead.",
                Some("certificate"),
                Some("invalid_type"),
            ),
        ),
    ] {
        let answer = post(&emulator, "/v1/organization/certificates", body.clone());
        assert_eq!((answer.status, answer.json), (400, expected), "{body}");
    }

    assert!(emulator.certificates().is_empty());
    let good = post(
        &emulator,
        "/v1/organization/certificates",
        json!({"certificate": fake_certificate_pem(0, 1)}),
    );
    assert_eq!(good.json["id"], "cert_emu_0001");
}

#[test]
fn upload_stops_at_the_certificate_limit() {
    let emulator = Emulator::builder()
        .certificate_limit(1)
        .certificate("cert_a", "A", false)
        .build();

    let answer = post(
        &emulator,
        "/v1/organization/certificates",
        json!({"certificate": fake_certificate_pem(0, 1)}),
    );

    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.json,
        error(
            "The organization already has 1 certificates, the most it may upload.",
            None,
            None
        )
    );
}

#[test]
fn retrieve_includes_content_only_when_asked() {
    let emulator = Emulator::builder()
        .certificate("cert_a", "Primary", true)
        .build();
    let plain = json!({"object": "certificate", "id": "cert_a", "name": "Primary",
        "created_at": 1_700_000_000,
        "certificate_details": {"valid_at": 1_700_000_000, "expires_at": SEEDED_EXPIRY}});

    let without = get(&emulator, "/v1/organization/certificates/cert_a");
    assert_eq!((without.status, &without.json), (200, &plain));

    for query in [
        "include[]=content",
        "include%5B%5D=content",
        "include=content",
    ] {
        let with = get(
            &emulator,
            &format!("/v1/organization/certificates/cert_a?{query}"),
        );
        let mut expected = plain.clone();
        expected["certificate_details"]["content"] =
            json!(fake_certificate_pem(1_700_000_000, SEEDED_EXPIRY));
        assert_eq!((with.status, &with.json), (200, &expected), "{query}");
    }

    let unsupported = get(
        &emulator,
        "/v1/organization/certificates/cert_a?include[]=private_key",
    );
    assert_eq!(unsupported.status, 400);
    assert_eq!(
        unsupported.json,
        error(
            "Invalid value: 'private_key'. Supported values are: 'content'.",
            Some("include"),
            Some("invalid_value")
        )
    );
}

#[test]
fn modify_renames_and_answers_the_certificate() {
    let emulator = Emulator::builder()
        .certificate("cert_a", "Old", true)
        .build();

    let answer = post(
        &emulator,
        "/v1/organization/certificates/cert_a",
        json!({"name": "Renamed"}),
    );

    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.json,
        json!({"object": "certificate", "id": "cert_a", "name": "Renamed",
               "created_at": 1_700_000_000,
               "certificate_details": {"valid_at": 1_700_000_000, "expires_at": SEEDED_EXPIRY}})
    );
    assert_eq!(
        emulator.certificate("cert_a").unwrap().name.as_deref(),
        Some("Renamed")
    );
    assert!(emulator.is_active("cert_a"));
}

#[test]
fn modify_refuses_bad_bodies_and_unknown_ids() {
    let emulator = Emulator::builder()
        .certificate("cert_a", "Old", false)
        .build();

    let unknown_field = post(
        &emulator,
        "/v1/organization/certificates/cert_a",
        json!({"name": "n", "active": true}),
    );
    assert_eq!(unknown_field.status, 400);
    assert_eq!(
        unknown_field.json,
        error(
            "Unknown parameter: 'active'.",
            Some("active"),
            Some("unknown_parameter")
        )
    );

    let not_json = call(
        &emulator,
        "POST",
        "/v1/organization/certificates/cert_a",
        None,
    );
    assert_eq!(not_json.status, 400);
    assert_eq!(
        not_json.json,
        error(
            "We could not parse the JSON body of your request. The API expects a JSON object.",
            None,
            None
        )
    );

    let unknown = post(
        &emulator,
        "/v1/organization/certificates/cert_b",
        json!({"name": "n"}),
    );
    assert_eq!(unknown.status, 404);
    assert_eq!(
        emulator.certificate("cert_a").unwrap().name.as_deref(),
        Some("Old")
    );
}

#[test]
fn delete_needs_the_certificate_inactive_everywhere() {
    let emulator = Emulator::builder()
        .certificate("cert_org", "Org", true)
        .certificate("cert_proj", "Project", false)
        .active_in_project("proj_1", "cert_proj")
        .build();
    let refusal = |id: &str| {
        error(
            &format!(
                "Certificate '{id}' is active for the organization or a project. Deactivate it \
                 everywhere before deleting it."
            ),
            None,
            None,
        )
    };

    for id in ["cert_org", "cert_proj"] {
        let answer = delete(&emulator, &format!("/v1/organization/certificates/{id}"));
        assert_eq!((answer.status, answer.json), (400, refusal(id)));
        assert!(emulator.certificate(id).is_some());
    }

    post(
        &emulator,
        "/v1/organization/certificates/deactivate",
        json!({"certificate_ids": ["cert_org"]}),
    );
    let deleted = delete(&emulator, "/v1/organization/certificates/cert_org");
    assert_eq!(deleted.status, 200);
    assert_eq!(
        deleted.json,
        json!({"object": "certificate.deleted", "id": "cert_org"})
    );
    assert_eq!(emulator.certificate("cert_org"), None);

    let again = delete(&emulator, "/v1/organization/certificates/cert_org");
    assert_eq!(again.status, 404);
    assert_eq!(
        again.json,
        error(
            "No certificate found with id 'cert_org'.",
            Some("certificate_id"),
            Some("not_found")
        )
    );
}
