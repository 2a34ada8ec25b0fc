//! Ids that try to leave their path segment never put a request on another route.

mod support;

use openai_admin_testing::{ScriptedResponse, ScriptedTransport};
use serde_json::json;
use support::client;

const HOSTILE: [(&str, &str); 7] = [
    ("../admin_api_keys/key_abc", "..%2Fadmin_api_keys%2Fkey_abc"),
    ("cert?x=1", "cert%3Fx%3D1"),
    ("cert#x", "cert%23x"),
    ("a/b", "a%2Fb"),
    ("my cert", "my%20cert"),
    ("zertifikat-ä", "zertifikat-%C3%A4"),
    ("%2e%2e", "%252e%252e"),
];

#[tokio::test]
async fn certificate_ids_stay_in_their_segment() {
    for (id, escaped) in HOSTILE {
        let transport = ScriptedTransport::new();
        let answer = json!({"object":"certificate.deleted","id":id});
        transport.push(ScriptedResponse::json(200, &answer));
        let (client, _) = client(&transport);

        client
            .organization()
            .certificates()
            .delete(id)
            .await
            .unwrap();

        let request = &transport.requests()[0];
        assert_eq!(
            request.path(),
            format!("/v1/organization/certificates/{escaped}"),
            "{id}"
        );
        assert_eq!(request.query(), None, "{id}");
    }
}

#[tokio::test]
async fn project_ids_stay_in_their_segment() {
    for (id, escaped) in HOSTILE {
        let transport = ScriptedTransport::new();
        let answer =
            json!({"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false});
        transport.push(ScriptedResponse::json(200, &answer));
        let (client, _) = client(&transport);

        let params = openai_admin::ListParams::new();
        client
            .organization()
            .project(id)
            .certificates()
            .list(params)
            .await
            .unwrap();

        let request = &transport.requests()[0];
        assert_eq!(
            request.path(),
            format!("/v1/organization/projects/{escaped}/certificates"),
            "{id}"
        );
        assert_eq!(request.query(), None, "{id}");
    }
}

#[tokio::test]
async fn dot_segments_are_refused_for_every_id_in_a_path() {
    let transport = ScriptedTransport::new();
    let (client, _) = client(&transport);
    let certificates = client.organization().certificates();

    for id in [".", ".."] {
        assert!(certificates.retrieve(id).await.unwrap_err().is_usage());
        assert!(certificates.modify(id, "n").await.unwrap_err().is_usage());
        assert!(certificates.delete(id).await.unwrap_err().is_usage());
        let project = client.organization().project(id).certificates();
        assert!(project.deactivate(["cert_a"]).await.unwrap_err().is_usage());
    }
    assert!(transport.requests().is_empty());
}
