use bytes::Bytes;
use openai_admin_transport::HttpSend;
use serde_json::json;

use super::*;
use crate::emulator::routes;

fn with_authorization(emulator: &Emulator, path: &str, authorization: Option<&str>) -> Reply {
    let mut request = http::Request::get(path);
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    reply(emulator.answer(request.body(Bytes::new()).unwrap()))
}

#[test]
fn a_missing_or_empty_bearer_token_is_a_401() {
    let emulator = Emulator::new();
    let expected = error(
        "You didn't provide an API key. You need to provide your API key in an Authorization \
         header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        None,
        Some("invalid_api_key"),
    );

    for authorization in [
        None,
        Some("Bearer "),
        Some("Bearer"),
        Some("Basic c2s6"),
        Some("sk-test"),
    ] {
        let answer = with_authorization(&emulator, "/v1/organization/certificates", authorization);
        assert_eq!(
            (answer.status, &answer.json),
            (401, &expected),
            "{authorization:?}"
        );
    }
    let unknown_route = with_authorization(&emulator, "/v1/organization/nothing", None);
    assert_eq!(unknown_route.status, 401);
}

#[test]
fn any_bearer_token_passes_unless_one_key_is_required() {
    let open = Emulator::new();
    let answer = with_authorization(&open, "/organization/certificates", Some("bearer anything"));
    assert_eq!(answer.status, 200);

    let strict = Emulator::builder().api_key("sk-right").build();
    let wrong = with_authorization(
        &strict,
        "/v1/organization/certificates",
        Some("Bearer sk-wrong"),
    );
    assert_eq!(wrong.status, 401);
    assert_eq!(
        wrong.json,
        error("Incorrect API key provided.", None, Some("invalid_api_key"))
    );

    let right = with_authorization(
        &strict,
        "/v1/organization/certificates",
        Some("Bearer sk-right"),
    );
    assert_eq!(right.status, 200);
}

#[test]
fn every_answer_is_json_with_a_fresh_request_id() {
    let emulator = Emulator::new();

    let answers = [
        get(&emulator, "/v1/organization/certificates"),
        get(&emulator, "/v1/organization/unknown"),
        with_authorization(&emulator, "/v1/organization/certificates", None),
    ];

    for (answer, id) in answers
        .iter()
        .zip(["req_emu_0001", "req_emu_0002", "req_emu_0003"])
    {
        assert_eq!(answer.headers["content-type"], "application/json");
        assert_eq!(answer.headers["x-request-id"], id);
    }
    assert_eq!(emulator.requests_served(), 3);
}

#[test]
fn unknown_routes_are_404_and_wrong_methods_405() {
    let emulator = Emulator::new();

    let unknown = get(&emulator, "/v1/organization/admin_api_keys");
    assert_eq!(unknown.status, 404);
    assert_eq!(
        unknown.json,
        error(
            "Invalid URL (GET /v1/organization/admin_api_keys)",
            None,
            None
        )
    );

    let no_organization = get(&emulator, "/v1/certificates");
    assert_eq!(no_organization.status, 404);

    let wrong = call(
        &emulator,
        "PUT",
        "/v1/organization/certificates/activate",
        None,
    );
    assert_eq!(wrong.status, 405);
    assert_eq!(wrong.headers["allow"], "POST, GET, DELETE");
    assert_eq!(
        wrong.json,
        error(
            "Method PUT is not allowed for /v1/organization/certificates/activate",
            None,
            None
        )
    );

    let list_by_delete = delete(&emulator, "/v1/organization/certificates");
    assert_eq!(list_by_delete.status, 405);
    assert_eq!(list_by_delete.headers["allow"], "GET, POST");
}

#[test]
fn hostile_ids_are_unknown_certificates_never_other_routes() {
    let emulator = Emulator::builder()
        .certificate("a", "A", false)
        .certificate("a/b", "Slashed", false)
        .build();

    for (raw, id) in [
        ("..%2Fadmin_api_keys", "../admin_api_keys"),
        (
            "..%2F..%2Forganization%2Fcertificates",
            "../../organization/certificates",
        ),
        ("a%2Fc", "a/c"),
        ("cert%3Fx%3D1%23y", "cert?x=1#y"),
        ("cert%20one", "cert one"),
        ("%E2%9C%93", "✓"),
        ("activat%65", "activate"),
    ] {
        let answer = get(&emulator, &format!("/v1/organization/certificates/{raw}"));
        assert_eq!(answer.status, 404, "{raw}");
        assert_eq!(
            answer.json,
            error(
                &format!("No certificate found with id '{id}'."),
                Some("certificate_id"),
                Some("not_found")
            ),
        );
        assert_eq!(
            emulator.served().last().unwrap().operation_id,
            Some("getCertificate")
        );
    }

    let slashed = get(&emulator, "/v1/organization/certificates/a%2Fb");
    assert_eq!((slashed.status, &slashed.json["id"]), (200, &json!("a/b")));

    let renamed = post(
        &emulator,
        "/v1/organization/certificates/..%2Fa",
        json!({"name": "x"}),
    );
    assert_eq!(renamed.status, 404);
    assert_eq!(
        emulator.certificate("a").unwrap().name.as_deref(),
        Some("A")
    );

    let project = get(
        &emulator,
        "/v1/organization/projects/p%2F..%2F..%2Fcertificates/certificates",
    );
    assert_eq!(project.status, 200);
    assert_eq!(
        project.json["data"][0]["object"],
        "organization.project.certificate"
    );
}

#[test]
fn bodies_over_a_mebibyte_are_refused_with_413() {
    let emulator = Emulator::new();
    let body = Bytes::from(vec![b' '; Emulator::MAX_REQUEST_BODY_BYTES + 1]);
    let request = http::Request::post("/v1/organization/certificates")
        .header("authorization", "Bearer sk-test")
        .body(body)
        .unwrap();

    let answer = reply(emulator.answer(request));
    assert_eq!(answer.status, 413);
    assert_eq!(
        answer.json,
        error(
            "The request body is larger than the limit of 1048576 bytes.",
            None,
            None
        )
    );
}

#[test]
fn the_log_tells_what_was_served() {
    let emulator = Emulator::new();
    get(&emulator, "/v1/organization/certificates?limit=5");
    call(&emulator, "PATCH", "/v1/organization/certificates", None);

    let served = emulator.served();
    assert_eq!(served.len(), 2);
    assert_eq!(
        (
            served[0].method.as_str(),
            served[0].path.as_str(),
            served[0].query.as_deref()
        ),
        ("GET", "/v1/organization/certificates", Some("limit=5"))
    );
    assert_eq!(
        (served[0].operation_id, served[0].status.as_u16()),
        (Some("listOrganizationCertificates"), 200)
    );
    assert_eq!(
        (served[1].operation_id, served[1].status.as_u16()),
        (None, 405)
    );
    assert_eq!(served[1].request_id, "req_emu_0002");
}

#[tokio::test]
async fn answers_through_http_send_and_clones_share_state() {
    let emulator = Emulator::builder()
        .certificate("cert_a", "A", false)
        .build();
    let transport: std::sync::Arc<dyn HttpSend> = std::sync::Arc::new(emulator.clone());

    let request = http::Request::post("https://ignored.invalid/organization/certificates/activate")
        .header("authorization", "Bearer sk-test")
        .body(Bytes::from_static(br#"{"certificate_ids":["cert_a"]}"#))
        .unwrap();
    let response = transport.send(request).await.unwrap();

    assert_eq!(response.status(), 200);
    assert!(emulator.is_active("cert_a"));
    assert_eq!(
        format!("{emulator:?}"),
        "Emulator { certificates: 1, requests_served: 1, now: 1700000000 }"
    );
}

/// Reads `operationId`s with their path and method from the spec beside the
/// project, and checks the route table has exactly those.
#[test]
fn the_route_table_covers_every_operation_of_the_spec() {
    let spec_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/openapi/certificates.yaml"
    );
    let spec =
        std::fs::read_to_string(spec_path).expect("the spec is in shared/ beside the project");

    let (mut path, mut method) = (String::new(), String::new());
    let mut operations = Vec::new();
    for line in spec.lines() {
        if let Some(p) = line
            .strip_prefix("  /")
            .and_then(|rest| rest.strip_suffix(':'))
        {
            path = format!("/{p}");
        } else if let Some(m) = line
            .strip_prefix("    ")
            .and_then(|rest| rest.strip_suffix(':'))
        {
            if ["get", "post", "delete", "put", "patch"].contains(&m) {
                method = m.to_uppercase();
            }
        } else if let Some(id) = line.strip_prefix("      operationId: ") {
            operations.push((method.clone(), path.clone(), id.trim().to_owned()));
        }
    }

    let mut table: Vec<(String, String, String)> = routes::table()
        .into_iter()
        .map(|(method, path, id)| (method.to_string(), path, id.to_owned()))
        .collect();
    operations.sort();
    table.sort();
    assert_eq!(operations.len(), 10);
    assert_eq!(table, operations);
}
