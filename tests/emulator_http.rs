//! The client over the hyper transport against the emulator on a loopback socket: the
//! whole certificate family, end to end over real HTTP.

use openai_admin::{Client, Error, ListOrder, ListParams};
use openai_admin_testing::{fake_certificate_pem, Emulator, EmulatorServer};

const KEY: &str = "sk-admin-emulator-test-key";

async fn start() -> (EmulatorServer, Client) {
    let emulator = Emulator::builder()
        .certificate("cert_abc", "Edge", true)
        .certificate("cert_def", "Backup", true)
        .certificate("cert_ghi", "Old", false)
        .build();
    let server = EmulatorServer::start(emulator).await.unwrap();
    let client = Client::builder()
        .admin_key(KEY)
        .base_url(server.base_url())
        .build()
        .unwrap();
    (server, client)
}

#[tokio::test]
async fn deactivate_over_real_http() {
    let (server, client) = start().await;

    let page = client
        .organization()
        .certificates()
        .deactivate(["cert_abc", "cert_def"])
        .await
        .unwrap();

    assert_eq!(page.object, "organization.certificate.deactivation");
    let states: Vec<(&str, Option<bool>)> = page
        .data
        .iter()
        .map(|c| (c.id.as_str(), c.active))
        .collect();
    assert_eq!(
        states,
        [("cert_abc", Some(false)), ("cert_def", Some(false))]
    );
    assert_eq!(page.request_id.as_deref(), Some("req_emu_0001"));
    assert!(!server.emulator().is_active("cert_abc"));
    assert!(!server.emulator().is_active("cert_def"));

    server.shutdown().await;
}

#[tokio::test]
async fn an_unknown_id_is_a_typed_404_and_changes_nothing() {
    let (server, client) = start().await;

    let error = client
        .organization()
        .certificates()
        .deactivate(["cert_abc", "cert_nope"])
        .await
        .unwrap_err();

    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status, 404);
    assert_eq!(api.code.as_deref(), Some("not_found"));
    assert_eq!(api.param.as_deref(), Some("certificate_ids"));
    assert_eq!(api.attempts, 1);
    assert!(api
        .request_id
        .as_deref()
        .is_some_and(|id| id.starts_with("req_emu_")));
    assert!(server.emulator().is_active("cert_abc"));

    server.shutdown().await;
}

#[tokio::test]
async fn a_wrong_key_is_an_authentication_error() {
    let emulator = Emulator::builder()
        .api_key("sk-admin-right")
        .certificate("cert_a", "A", true)
        .build();
    let server = EmulatorServer::start(emulator).await.unwrap();
    let client = Client::builder()
        .admin_key("sk-admin-wrong")
        .base_url(server.base_url())
        .build()
        .unwrap();

    let error = client
        .organization()
        .certificates()
        .deactivate(["cert_a"])
        .await
        .unwrap_err();

    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (api.status.as_u16(), api.kind),
        (401, openai_admin::ApiErrorKind::Authentication)
    );
    assert!(!error.to_string().contains("sk-admin-wrong"));

    server.shutdown().await;
}

#[tokio::test]
async fn upload_list_rename_retrieve_delete() {
    let (server, client) = start().await;
    let certificates = client.organization().certificates();

    server.emulator().advance(60);
    let pem = fake_certificate_pem(1_700_000_000, 1_800_000_000);
    let uploaded = certificates
        .upload(pem.clone(), Some("New".into()))
        .await
        .unwrap();
    assert_eq!(uploaded.name.as_deref(), Some("New"));
    assert_eq!(uploaded.active, None);
    assert_eq!(uploaded.certificate_details.valid_at, Some(1_700_000_000));
    assert_eq!(uploaded.certificate_details.expires_at, Some(1_800_000_000));

    let renamed = certificates.modify(&uploaded.id, "Renamed").await.unwrap();
    assert_eq!(renamed.name.as_deref(), Some("Renamed"));

    let with_content = certificates
        .retrieve_with_content(&uploaded.id)
        .await
        .unwrap();
    assert_eq!(
        with_content.certificate_details.content.as_deref(),
        Some(pem.as_str())
    );
    let without = certificates.retrieve(&uploaded.id).await.unwrap();
    assert_eq!(without.certificate_details.content, None);

    let all = certificates
        .list_all(ListParams::new().limit(1).order(ListOrder::Asc))
        .collect()
        .await
        .unwrap();
    let ids: Vec<&str> = all.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        ["cert_abc", "cert_def", "cert_ghi", uploaded.id.as_str()]
    );

    let deleted = certificates.delete(&uploaded.id).await.unwrap();
    assert_eq!(
        (deleted.object.as_str(), deleted.id.as_str()),
        ("certificate.deleted", uploaded.id.as_str())
    );
    assert_eq!(server.emulator().certificate(&uploaded.id), None);

    server.shutdown().await;
}

#[tokio::test]
async fn project_activation_is_tracked_per_project() {
    let (server, client) = start().await;
    let project = client.organization().project("proj_1").certificates();

    project.activate(["cert_ghi"]).await.unwrap();

    let listed = project.list(ListParams::new()).await.unwrap();
    let ghi = listed.data.iter().find(|c| c.id == "cert_ghi").unwrap();
    assert_eq!(ghi.active, Some(true));
    assert!(server.emulator().is_active_in_project("proj_1", "cert_ghi"));
    assert!(!server.emulator().is_active_in_project("proj_2", "cert_ghi"));
    assert!(!server.emulator().is_active("cert_ghi"));

    server.shutdown().await;
}

#[tokio::test]
async fn hostile_ids_reach_no_other_route() {
    let (server, client) = start().await;

    for id in [
        "../admin_api_keys/key_abc",
        "cert?x=1",
        "cert#x",
        "a/b",
        "my cert",
        "zertifikat-ä",
    ] {
        let error = client
            .organization()
            .certificates()
            .retrieve(id)
            .await
            .unwrap_err();
        assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{id}");
    }
    let served = server.emulator().served();
    assert!(
        served
            .iter()
            .all(|r| r.operation_id == Some("getCertificate")),
        "{served:?}"
    );

    server.shutdown().await;
}

#[tokio::test]
async fn bulk_deactivate_over_real_http() {
    let mut builder = Emulator::builder();
    let ids: Vec<String> = (0..23).map(|i| format!("cert_{i:02}")).collect();
    for id in &ids {
        builder = builder.certificate(id, "bulk", true);
    }
    let server = EmulatorServer::start(builder.build()).await.unwrap();
    let client = Client::builder()
        .admin_key(KEY)
        .base_url(server.base_url())
        .build()
        .unwrap();

    let outcomes = client
        .organization()
        .certificates()
        .bulk_deactivate(ids.clone())
        .await
        .unwrap();

    assert_eq!(
        outcomes.iter().map(|o| o.ids.len()).collect::<Vec<_>>(),
        [10, 10, 3]
    );
    assert!(outcomes.iter().all(|o| o.result.is_ok()));
    assert!(ids.iter().all(|id| !server.emulator().is_active(id)));

    server.shutdown().await;
}
