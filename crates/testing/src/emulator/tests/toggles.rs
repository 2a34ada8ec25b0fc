use serde_json::json;

use super::*;

const SEEDED_EXPIRY: i64 = 1_700_000_000 + 365 * 86_400;

fn two() -> Emulator {
    Emulator::builder()
        .certificate("cert_abc", "My Example Certificate", false)
        .certificate("cert_def", "My Example Certificate 2", true)
        .build()
}

fn shown(object: &str, id: &str, name: &str, active: bool) -> Value {
    json!({"object": object, "id": id, "name": name, "active": active,
           "created_at": 1_700_000_000,
           "certificate_details": {"valid_at": 1_700_000_000, "expires_at": SEEDED_EXPIRY}})
}

#[test]
fn activation_answers_in_request_order_with_the_new_state() {
    let emulator = two();

    let answer = post(
        &emulator,
        "/v1/organization/certificates/activate",
        json!({"certificate_ids": ["cert_def", "cert_abc"]}),
    );

    assert_eq!(answer.status, 200);
    let org = "organization.certificate";
    assert_eq!(
        answer.json,
        json!({"object": "organization.certificate.activation", "data": [
            shown(org, "cert_def", "My Example Certificate 2", true),
            shown(org, "cert_abc", "My Example Certificate", true)]})
    );
    assert!(emulator.is_active("cert_abc") && emulator.is_active("cert_def"));
}

#[test]
fn deactivation_is_idempotent() {
    let emulator = two();
    let body = json!({"certificate_ids": ["cert_def", "cert_abc", "cert_def"]});

    let first = post(
        &emulator,
        "/v1/organization/certificates/deactivate",
        body.clone(),
    );
    let second = post(&emulator, "/v1/organization/certificates/deactivate", body);

    let org = "organization.certificate";
    let expected = json!({"object": "organization.certificate.deactivation", "data": [
        shown(org, "cert_def", "My Example Certificate 2", false),
        shown(org, "cert_abc", "My Example Certificate", false)]});
    assert_eq!((first.status, &first.json), (200, &expected));
    assert_eq!((second.status, &second.json), (200, &expected));
    assert!(!emulator.is_active("cert_abc") && !emulator.is_active("cert_def"));
}

#[test]
fn one_unknown_id_changes_nothing() {
    let emulator = two();

    for (path, body) in [
        (
            "/v1/organization/certificates/activate",
            json!({"certificate_ids": ["cert_abc", "cert_nope"]}),
        ),
        (
            "/v1/organization/certificates/deactivate",
            json!({"certificate_ids": ["cert_def", "cert_nope"]}),
        ),
        (
            "/v1/organization/projects/proj_1/certificates/activate",
            json!({"certificate_ids": ["cert_abc", "cert_nope"]}),
        ),
    ] {
        let answer = post(&emulator, path, body);
        assert_eq!(answer.status, 404, "{path}");
        assert_eq!(
            answer.json,
            error(
                "No certificate found with id 'cert_nope'.",
                Some("certificate_ids"),
                Some("not_found")
            )
        );
    }

    assert!(!emulator.is_active("cert_abc"));
    assert!(emulator.is_active("cert_def"));
    assert!(!emulator.is_active_in_project("proj_1", "cert_abc"));
}

#[test]
fn the_id_list_must_hold_one_to_ten_non_empty_ids() {
    let emulator = two();
    let eleven: Vec<String> = (0..11).map(|n| format!("cert_{n}")).collect();

    for (body, expected) in [
        (
            json!({"certificate_ids": []}),
            error(
                "Invalid 'certificate_ids': empty array. Expected an array with minimum length \
                 1, but got an empty array instead.",
                Some("certificate_ids"),
                Some("empty_array"),
            ),
        ),
        (
            json!({"certificate_ids": eleven}),
            error(
                "Invalid 'certificate_ids': array too long. Expected an array with maximum \
                 length 10, but got an array with length 11 instead.",
                Some("certificate_ids"),
                Some("array_above_max_length"),
            ),
        ),
        (
            json!({"certificate_ids": ["cert_abc", ""]}),
            error(
                "Invalid 'certificate_ids[1]': empty string. Expected a string with minimum \
                 length 1, but got an empty string instead.",
                Some("certificate_ids[1]"),
                Some("empty_string"),
            ),
        ),
        (
            json!({}),
            error(
                "Missing required parameter: 'certificate_ids'.",
                Some("certificate_ids"),
                Some("missing_required_parameter"),
            ),
        ),
        (
            json!(["cert_abc"]),
            error(
                "Invalid type for the request body: expected an object, but got an array instead.",
                None,
                None,
            ),
        ),
    ] {
        for path in [
            "/v1/organization/certificates/activate",
            "/v1/organization/projects/proj_1/certificates/deactivate",
        ] {
            let answer = post(&emulator, path, body.clone());
            assert_eq!(
                (answer.status, &answer.json),
                (400, &expected),
                "{path} {body}"
            );
        }
    }
    assert!(!emulator.is_active("cert_abc"));
}

#[test]
fn project_toggles_touch_only_that_project() {
    let emulator = two();

    let on = post(
        &emulator,
        "/v1/organization/projects/proj_1/certificates/activate",
        json!({"certificate_ids": ["cert_abc"]}),
    );
    let project = "organization.project.certificate";
    assert_eq!(on.status, 200);
    assert_eq!(
        on.json,
        json!({"object": "organization.project.certificate.activation", "data": [
            shown(project, "cert_abc", "My Example Certificate", true)]})
    );
    assert!(emulator.is_active_in_project("proj_1", "cert_abc"));
    assert!(!emulator.is_active_in_project("proj_2", "cert_abc"));
    assert!(!emulator.is_active("cert_abc"));

    let off = post(
        &emulator,
        "/v1/organization/projects/proj_1/certificates/deactivate",
        json!({"certificate_ids": ["cert_abc", "cert_def"]}),
    );
    assert_eq!(
        off.json,
        json!({"object": "organization.project.certificate.deactivation", "data": [
            shown(project, "cert_abc", "My Example Certificate", false),
            shown(project, "cert_def", "My Example Certificate 2", false)]})
    );
    assert!(!emulator.is_active_in_project("proj_1", "cert_abc"));
    assert!(emulator.is_active("cert_def"));
}
