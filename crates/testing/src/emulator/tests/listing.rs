use openai_admin_types::{Certificate, CertificateDetails, CertificateObject, Extra};
use serde_json::json;

use super::*;

fn seeded(id: &str, created_at: i64, active: bool) -> Certificate {
    Certificate {
        object: CertificateObject::Certificate,
        id: id.to_owned(),
        name: None,
        active: Some(active),
        created_at,
        certificate_details: CertificateDetails::default(),
        extra: Extra::new(),
    }
}

/// Oldest to newest by `created_at` then id: e, a, b, c, d.
fn five() -> Emulator {
    Emulator::builder()
        .seed(seeded("a", 100, true))
        .seed(seeded("b", 200, false))
        .seed(seeded("c", 200, false))
        .seed(seeded("d", 300, false))
        .seed(seeded("e", 50, false))
        .active_in_project("proj_1", "b")
        .build()
}

/// The ids of a page with its cursors, for compact comparison.
fn page(answer: &Reply) -> (Vec<String>, Value, Value, Value) {
    assert_eq!(answer.status, 200, "{}", answer.json);
    let ids = answer.json["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    let json = &answer.json;
    (
        ids,
        json["first_id"].clone(),
        json["last_id"].clone(),
        json["has_more"].clone(),
    )
}

fn ids(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|id| (*id).to_owned()).collect()
}

#[test]
fn lists_newest_first_with_exact_items() {
    let emulator = Emulator::builder()
        .seed(seeded("a", 100, true))
        .seed(seeded("b", 200, false))
        .build();

    let answer = get(&emulator, "/v1/organization/certificates");

    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.json,
        json!({"object": "list", "data": [
            {"object": "organization.certificate", "id": "b", "name": null, "active": false,
             "created_at": 200, "certificate_details": {}},
            {"object": "organization.certificate", "id": "a", "name": null, "active": true,
             "created_at": 100, "certificate_details": {}}],
            "first_id": "b", "last_id": "a", "has_more": false})
    );
}

#[test]
fn an_empty_list_has_null_cursors() {
    let answer = get(&Emulator::new(), "/v1/organization/certificates");
    assert_eq!(
        answer.json,
        json!({"object": "list", "data": [], "first_id": null, "last_id": null, "has_more": false})
    );
}

#[test]
fn pages_through_in_descending_order() {
    let emulator = five();
    let path = "/v1/organization/certificates";

    assert_eq!(
        page(&get(&emulator, &format!("{path}?limit=2"))),
        (ids(&["d", "c"]), json!("d"), json!("c"), json!(true))
    );
    assert_eq!(
        page(&get(&emulator, &format!("{path}?limit=2&after=c"))),
        (ids(&["b", "a"]), json!("b"), json!("a"), json!(true))
    );
    assert_eq!(
        page(&get(&emulator, &format!("{path}?limit=2&after=a"))),
        (ids(&["e"]), json!("e"), json!("e"), json!(false))
    );
    assert_eq!(
        page(&get(&emulator, &format!("{path}?after=e"))),
        (vec![], json!(null), json!(null), json!(false))
    );
}

#[test]
fn pages_through_in_ascending_order() {
    let emulator = five();
    let path = "/v1/organization/certificates?order=asc";

    assert_eq!(
        page(&get(&emulator, &format!("{path}&limit=3"))),
        (ids(&["e", "a", "b"]), json!("e"), json!("b"), json!(true))
    );
    assert_eq!(
        page(&get(&emulator, &format!("{path}&limit=3&after=b"))),
        (ids(&["c", "d"]), json!("c"), json!("d"), json!(false))
    );
    assert_eq!(
        page(&get(&emulator, &format!("{path}&limit=2&after=a"))),
        (ids(&["b", "c"]), json!("b"), json!("c"), json!(true))
    );
}

#[test]
fn twenty_is_the_default_page_size() {
    let mut builder = Emulator::builder();
    for n in 0..25 {
        builder = builder.seed(seeded(&format!("cert_{n:02}"), n, false));
    }
    let emulator = builder.build();

    let first = get(&emulator, "/v1/organization/certificates");
    let (page_ids, first_id, last_id, has_more) = page(&first);
    assert_eq!(page_ids.len(), 20);
    assert_eq!(
        (first_id, last_id, has_more),
        (json!("cert_24"), json!("cert_05"), json!(true))
    );

    let all = get(&emulator, "/v1/organization/certificates?limit=100");
    assert_eq!(page(&all).0.len(), 25);
    assert_eq!(all.json["has_more"], false);
}

#[test]
fn bad_paging_parameters_are_400s() {
    let emulator = five();
    for (query, expected) in [
        (
            "limit=0",
            error(
                "Invalid 'limit': integer below minimum value. Expected a value >= 1, but got 0 \
                 instead.",
                Some("limit"),
                Some("integer_below_min_value"),
            ),
        ),
        (
            "limit=101",
            error(
                "Invalid 'limit': integer above maximum value. Expected a value <= 100, but got \
                 101 instead.",
                Some("limit"),
                Some("integer_above_max_value"),
            ),
        ),
        (
            "order=sideways",
            error(
                "Invalid value: 'sideways'. Supported values are: 'asc' and 'desc'.",
                Some("order"),
                Some("invalid_value"),
            ),
        ),
        (
            "after=cert_gone",
            error(
                "Invalid 'after': no certificate has the id 'cert_gone'.",
                Some("after"),
                Some("invalid_value"),
            ),
        ),
    ] {
        for base in [
            "/v1/organization/certificates",
            "/v1/organization/projects/proj_1/certificates",
        ] {
            let answer = get(&emulator, &format!("{base}?{query}"));
            assert_eq!(
                (answer.status, &answer.json),
                (400, &expected),
                "{base}?{query}"
            );
        }
    }
}

#[test]
fn project_lists_show_the_state_in_that_project() {
    let emulator = five();

    let answer = get(
        &emulator,
        "/v1/organization/projects/proj_1/certificates?order=asc&limit=3",
    );
    assert_eq!(
        page(&answer),
        (ids(&["e", "a", "b"]), json!("e"), json!("b"), json!(true))
    );
    let shown: Vec<(Value, Value)> = answer.json["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["object"].clone(), c["active"].clone()))
        .collect();
    let project = json!("organization.project.certificate");
    assert_eq!(
        shown,
        [
            (project.clone(), json!(false)),
            (project.clone(), json!(false)),
            (project, json!(true))
        ]
    );

    let other = get(&emulator, "/v1/organization/projects/proj_2/certificates");
    assert!(other.json["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["active"] == false));
}
