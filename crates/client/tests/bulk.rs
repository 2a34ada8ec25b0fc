//! Bulk toggles: batches of ten, every outcome reported, nothing sent for bad input.

mod support;

use openai_admin_testing::ScriptedTransport;
use serde_json::json;
use support::{client, deactivation};

fn ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("cert_{i:02}")).collect()
}

#[tokio::test]
async fn splits_into_batches_of_ten_and_reports_each() {
    let transport = ScriptedTransport::new();
    transport
        .push_json(200, deactivation(&["x"]))
        .push_json(
            404,
            json!({"error":{"message":"No such certificate","type":"invalid_request_error"}}),
        )
        .push_json(200, deactivation(&["y"]));
    let (client, _) = client(&transport);

    let outcomes = client
        .organization()
        .certificates()
        .bulk_deactivate(ids(25))
        .concurrency(1)
        .await
        .unwrap();

    let sizes: Vec<usize> = outcomes.iter().map(|o| o.ids.len()).collect();
    assert_eq!(sizes, [10, 10, 5]);
    assert_eq!(outcomes[1].ids.first().map(String::as_str), Some("cert_10"));
    assert!(outcomes[0].result.is_ok());
    assert_eq!(
        outcomes[1]
            .result
            .as_ref()
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(404)
    );
    assert!(outcomes[2].result.is_ok());

    let bodies: Vec<usize> = transport
        .requests()
        .iter()
        .map(|r| {
            r.json().unwrap()["certificate_ids"]
                .as_array()
                .unwrap()
                .len()
        })
        .collect();
    assert_eq!(bodies, [10, 10, 5]);
}

#[tokio::test]
async fn an_empty_id_anywhere_refuses_the_whole_call() {
    let transport = ScriptedTransport::new();
    let (client, _) = client(&transport);
    let mut list = ids(15);
    list[12] = String::new();

    let error = client
        .organization()
        .certificates()
        .bulk_deactivate(list)
        .await
        .unwrap_err();

    assert_eq!(error.to_string(), "certificate_ids[12] must not be empty");
    assert!(transport.requests().is_empty());
}

#[tokio::test]
async fn project_bulk_activate_uses_the_project_route() {
    let transport = ScriptedTransport::new();
    transport
        .push_json(200, deactivation(&["x"]))
        .push_json(200, deactivation(&["y"]));
    let (client, _) = client(&transport);

    let outcomes = client
        .organization()
        .project("proj_1")
        .certificates()
        .bulk_activate(ids(11))
        .await
        .unwrap();

    assert_eq!(outcomes.len(), 2);
    let paths: Vec<String> = transport
        .requests()
        .iter()
        .map(|r| r.path().to_owned())
        .collect();
    assert_eq!(
        paths,
        ["/v1/organization/projects/proj_1/certificates/activate"; 2]
    );
}

#[tokio::test]
async fn the_hook_sees_every_batch_as_it_is_answered() {
    let transport = ScriptedTransport::new();
    transport
        .push_json(200, deactivation(&["x"]))
        .push_json(
            404,
            json!({"error":{"message":"No such certificate","type":"invalid_request_error"}}),
        )
        .push_json(200, deactivation(&["y"]));
    let (client, _) = client(&transport);
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = seen.clone();

    let outcomes = client
        .organization()
        .certificates()
        .bulk_deactivate(ids(21))
        .concurrency(1)
        .on_batch(move |outcome| {
            record
                .lock()
                .unwrap()
                .push((outcome.ids.len(), outcome.result.is_ok()))
        })
        .await
        .unwrap();

    assert_eq!(*seen.lock().unwrap(), [(10, true), (10, false), (1, true)]);
    assert_eq!(outcomes.len(), 3);
}
