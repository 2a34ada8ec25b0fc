//! One certificate at a time: `get`, `upload`, `rename`, `delete`.

use openai_admin_testing::{fake_certificate_pem, Emulator};

use crate::served::{three_active, Served, CREATED, EXPIRES, KEY, NOW};
use crate::temp_file::TempFile;

/// 2024-06-01 00:00:00 and 2026-06-01 00:00:00 UTC: the window of uploaded PEMs.
const VALID_AT: i64 = 1_717_200_000;
const EXPIRES_AT: i64 = 1_780_272_000;

fn edge_01_details() -> String {
    format!(
        "id:        cert_edge_01\n\
         name:      edge-01\n\
         created:   {CREATED}\n\
         valid at:  {CREATED}\n\
         expires:   {EXPIRES}\n"
    )
}

#[test]
fn get_prints_the_details() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "get", "cert_edge_01"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, edge_01_details());
    assert_eq!(run.stderr, "request id: req_emu_0001\n");
    assert_eq!(served.emulator.served()[0].query, None);
}

#[test]
fn get_content_prints_the_pem_after_the_details() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "get", "cert_edge_01", "--content"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    let pem = fake_certificate_pem(NOW, NOW + 365 * 86_400);
    assert_eq!(run.stdout, format!("{}\n{pem}", edge_01_details()));
    assert_eq!(
        served.emulator.served()[0].query.as_deref(),
        Some("include%5B%5D=content")
    );
}

#[test]
fn get_content_json_has_the_pem() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "get", "cert_edge_01", "--content", "--json"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    let certificate: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(certificate["id"], "cert_edge_01");
    assert_eq!(certificate["object"], "certificate");
    assert_eq!(
        certificate["certificate_details"]["content"],
        fake_certificate_pem(NOW, NOW + 365 * 86_400)
    );
}

#[test]
fn get_of_an_unknown_id_exits_1() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "get", "cert_nope"]);

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: 404 (not found): No certificate found with id 'cert_nope'. [code not_found] \
         [param certificate_id] [request id req_emu_0001]\n"
    );
}

#[test]
fn upload_sends_the_file_and_prints_the_new_certificate() {
    let served = Served::start(Emulator::builder().now(NOW).api_key(KEY).build());
    let pem = TempFile::with("edge.pem", &fake_certificate_pem(VALID_AT, EXPIRES_AT));

    let run = served.run(&[
        "certificates",
        "upload",
        pem.path_str(),
        "--name",
        "edge-03",
    ]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "id:        cert_emu_0001\n\
             name:      edge-03\n\
             created:   {CREATED}\n\
             valid at:  2024-06-01 00:00:00\n\
             expires:   2026-06-01 00:00:00\n"
        )
    );
    assert_eq!(run.stderr, "request id: req_emu_0001\n");
    let uploaded = served.emulator.certificate("cert_emu_0001").unwrap();
    assert_eq!(uploaded.name.as_deref(), Some("edge-03"));
    assert_eq!(
        uploaded.certificate_details.content,
        Some(fake_certificate_pem(VALID_AT, EXPIRES_AT))
    );
    assert!(!served.emulator.is_active("cert_emu_0001"));
}

#[test]
fn upload_without_a_name_and_as_json() {
    let served = Served::start(Emulator::builder().now(NOW).api_key(KEY).build());
    let pem = TempFile::with("unnamed.pem", &fake_certificate_pem(VALID_AT, EXPIRES_AT));

    let run = served.run(&["certificates", "upload", pem.path_str(), "--json"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    let certificate: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(certificate["id"], "cert_emu_0001");
    assert_eq!(certificate["name"], serde_json::Value::Null);
    assert_eq!(certificate["certificate_details"]["expires_at"], EXPIRES_AT);
}

#[test]
fn upload_of_a_missing_file_exits_2_and_sends_nothing() {
    let served = Served::start(three_active());
    let missing = std::env::temp_dir().join(format!(
        "openai-admin-cli-test-{}-missing.pem",
        std::process::id()
    ));
    let missing = missing.to_str().unwrap();

    let run = served.run(&["certificates", "upload", missing]);

    assert_eq!(run.code, Some(2), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "error: could not read PEM file {missing}: No such file or directory (os error 2); \
             nothing was sent\n"
        )
    );
    assert_eq!(served.emulator.requests_served(), 0);
}

#[test]
fn upload_of_an_empty_file_exits_2_and_sends_nothing() {
    let served = Served::start(three_active());
    let empty = TempFile::with("empty.pem", "");

    let run = served.run(&["certificates", "upload", empty.path_str()]);

    assert_eq!(run.code, Some(2), "{run:?}");
    assert_eq!(
        run.stderr,
        "error: invalid arguments: certificate must not be empty; nothing was sent\n"
    );
    assert_eq!(served.emulator.requests_served(), 0);
}

#[test]
fn upload_of_something_that_is_not_a_certificate_exits_1() {
    let served = Served::start(three_active());
    let text = TempFile::with("notes.txt", "not a certificate\n");

    let run = served.run(&["certificates", "upload", text.path_str()]);

    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stderr
            .starts_with("error: 400 (bad request): Invalid 'certificate': "),
        "{run:?}"
    );
    assert_eq!(served.emulator.certificates().len(), 3);
}

#[test]
fn rename_prints_the_renamed_certificate() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "rename", "cert_edge_01", "edge-01-old"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "id:        cert_edge_01\n\
             name:      edge-01-old\n\
             created:   {CREATED}\n\
             valid at:  {CREATED}\n\
             expires:   {EXPIRES}\n"
        )
    );
    assert_eq!(run.stderr, "request id: req_emu_0001\n");
    assert_eq!(
        served
            .emulator
            .certificate("cert_edge_01")
            .unwrap()
            .name
            .as_deref(),
        Some("edge-01-old")
    );
}

#[test]
fn rename_to_an_empty_name_exits_2_and_sends_nothing() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "rename", "cert_edge_01", " "]);

    assert_eq!(run.code, Some(2), "{run:?}");
    assert_eq!(
        run.stderr,
        "error: invalid arguments: name must not be empty; nothing was sent\n"
    );
    assert_eq!(served.emulator.requests_served(), 0);
}

fn one_inactive() -> Emulator {
    Emulator::builder()
        .now(NOW)
        .api_key(KEY)
        .certificate("cert_old", "old", false)
        .certificate("cert_live", "live", true)
        .build()
}

#[test]
fn delete_prints_what_was_deleted() {
    let served = Served::start(one_inactive());

    let run = served.run(&["certificates", "delete", "cert_old"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, "deleted cert_old\n");
    assert_eq!(run.stderr, "request id: req_emu_0001\n");
    assert!(served.emulator.certificate("cert_old").is_none());
}

#[test]
fn delete_json_is_the_api_object() {
    let served = Served::start(one_inactive());

    let run = served.run(&["certificates", "delete", "cert_old", "--json"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    let deleted: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        deleted,
        serde_json::json!({"object": "certificate.deleted", "id": "cert_old"})
    );
}

#[test]
fn delete_of_an_active_certificate_exits_1_and_keeps_it() {
    let served = Served::start(one_inactive());

    let run = served.run(&["certificates", "delete", "cert_live"]);

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("error: 400 (bad request): Certificate 'cert_live' is active"),
        "{run:?}"
    );
    assert!(served.emulator.certificate("cert_live").is_some());
}
