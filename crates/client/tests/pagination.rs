//! Walking a list page by page: cursors, empty pages, stalled cursors, the page cap.

mod support;

use openai_admin::{Error, ListParams};
use openai_admin_testing::ScriptedTransport;
use serde_json::{json, Value};
use support::client;

fn page(ids: &[&str], has_more: bool, last_id: Option<&str>) -> Value {
    let data: Vec<Value> = ids
        .iter()
        .map(|id| {
            json!({"object":"organization.certificate","id":id,"name":null,"active":true,
                         "created_at":1,"certificate_details":{}})
        })
        .collect();
    json!({"object":"list","data":data,"first_id":ids.first(),"last_id":last_id,"has_more":has_more})
}

fn queries(transport: &ScriptedTransport) -> Vec<Option<String>> {
    transport
        .requests()
        .iter()
        .map(|r| r.query().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn follows_last_id_while_has_more() {
    let transport = ScriptedTransport::new();
    transport
        .push_json(200, page(&["c1", "c2"], true, Some("c2")))
        .push_json(200, page(&["c3"], false, Some("c3")));
    let (client, _) = client(&transport);

    let all = client
        .organization()
        .certificates()
        .list_all(ListParams::new().limit(2))
        .collect()
        .await
        .unwrap();

    assert_eq!(
        all.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["c1", "c2", "c3"]
    );
    assert_eq!(
        queries(&transport),
        [Some("limit=2".into()), Some("limit=2&after=c2".into())]
    );
}

#[tokio::test]
async fn an_empty_page_with_more_is_not_the_end() {
    let transport = ScriptedTransport::new();
    transport
        .push_json(200, page(&["c1"], true, Some("c1")))
        .push_json(200, page(&[], true, Some("c5")))
        .push_json(200, page(&["c6"], false, Some("c6")));
    let (client, _) = client(&transport);

    let all = client
        .organization()
        .certificates()
        .list_all(ListParams::new())
        .collect()
        .await
        .unwrap();

    assert_eq!(
        all.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["c1", "c6"]
    );
    assert_eq!(
        queries(&transport),
        [None, Some("after=c1".into()), Some("after=c5".into())]
    );
}

#[tokio::test]
async fn a_cursor_that_does_not_move_is_an_error() {
    let transport = ScriptedTransport::new();
    transport
        .push_json(200, page(&["c1"], true, Some("c1")))
        .push_json(200, page(&["c1"], true, Some("c1")))
        .push_json(200, page(&["c1"], true, Some("c1")));
    let (client, _) = client(&transport);

    let mut pager = client
        .organization()
        .certificates()
        .list_all(ListParams::new());
    assert_eq!(pager.next().await.unwrap().unwrap().id, "c1");
    let error = pager.next().await.unwrap().unwrap_err();

    assert!(
        matches!(&error, Error::StalledCursor { cursor, pages: 2 } if cursor == "c1"),
        "{error:?}"
    );
    assert!(pager.next().await.is_none());
    assert_eq!(transport.requests().len(), 2);
}

#[tokio::test]
async fn the_page_cap_ends_the_walk() {
    let transport = ScriptedTransport::new();
    transport
        .push_json(200, page(&["c1"], true, Some("c1")))
        .push_json(200, page(&["c2"], true, Some("c2")))
        .push_json(200, page(&["c3"], false, Some("c3")));
    let (client, _) = client(&transport);

    let mut pager = client
        .organization()
        .certificates()
        .list_all(ListParams::new())
        .max_pages(2);
    let mut ids = Vec::new();
    while let Some(certificate) = pager.next().await {
        ids.push(certificate.unwrap().id);
    }

    assert_eq!(ids, ["c1", "c2"]);
    assert!(pager.stopped_at_page_cap());
    assert_eq!(pager.pages_fetched(), 2);
    assert_eq!(transport.remaining(), 1);
}

#[tokio::test]
async fn no_cursor_ends_the_walk() {
    let transport = ScriptedTransport::new();
    transport.push_json(200, page(&[], true, None));
    let (client, _) = client(&transport);

    let all = client
        .organization()
        .certificates()
        .list_all(ListParams::new())
        .collect()
        .await
        .unwrap();

    assert!(all.is_empty());
    assert_eq!(transport.requests().len(), 1);
}

#[tokio::test]
async fn starts_after_the_given_cursor_and_stops_on_an_error() {
    let transport = ScriptedTransport::new();
    transport
        .push_json(200, page(&["c4"], true, Some("c4")))
        .push_json(
            404,
            json!({"error":{"message":"gone","type":"invalid_request_error"}}),
        );
    let (client, _) = client(&transport);

    let params = ListParams::new().after("c3");
    let mut pager = client
        .organization()
        .project("proj_1")
        .certificates()
        .list_all(params);
    assert_eq!(pager.next().await.unwrap().unwrap().id, "c4");
    let error = pager.next().await.unwrap().unwrap_err();

    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert!(pager.next().await.is_none());
    assert_eq!(
        queries(&transport),
        [Some("after=c3".into()), Some("after=c4".into())]
    );
}
