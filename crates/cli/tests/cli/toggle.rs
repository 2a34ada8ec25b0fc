//! `activate` and `deactivate` with 1 to 10 ids, for the organization and a project.

use openai_admin_testing::Emulator;

use crate::served::{three_active, Served, CREATED, EXPIRES, KEY, NOW};

#[test]
fn deactivate_prints_a_table_on_stdout_and_the_request_id_on_stderr() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "deactivate", "cert_edge_01", "cert_edge_02"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "ID            NAME     ACTIVE  CREATED              EXPIRES\n\
             cert_edge_01  edge-01  false   {CREATED}  {EXPIRES}\n\
             cert_edge_02  edge-02  false   {CREATED}  {EXPIRES}\n"
        )
    );
    assert_eq!(run.stderr, "request id: req_emu_0001\n");
    assert!(!served.emulator.is_active("cert_edge_01"));
    assert!(!served.emulator.is_active("cert_edge_02"));
    assert!(served.emulator.is_active("cert_spare"));
    assert_eq!(served.emulator.requests_served(), 1);
}

#[test]
fn activate_turns_certificates_back_on() {
    let emulator = Emulator::builder()
        .now(NOW)
        .api_key(KEY)
        .certificate("cert_a", "a", false)
        .build();
    let served = Served::start(emulator);

    let run = served.run(&["certificates", "activate", "cert_a"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "ID      NAME  ACTIVE  CREATED              EXPIRES\n\
             cert_a  a     true    {CREATED}  {EXPIRES}\n"
        )
    );
    assert!(served.emulator.is_active("cert_a"));
}

#[test]
fn json_prints_the_api_object() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "deactivate", "cert_spare", "--json"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    let page: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(page["object"], "organization.certificate.deactivation");
    assert_eq!(page["data"].as_array().unwrap().len(), 1);
    assert_eq!(page["data"][0]["id"], "cert_spare");
    assert_eq!(page["data"][0]["active"], false);
    assert_eq!(page["data"][0]["created_at"], NOW);
    assert_eq!(run.stderr, "request id: req_emu_0001\n");
    assert!(!served.emulator.is_active("cert_spare"));
}

#[test]
fn ten_ids_go_in_one_request() {
    let builder = Emulator::builder().now(NOW).api_key(KEY);
    let ids: Vec<String> = (0..10).map(|i| format!("cert_{i:02}")).collect();
    let emulator = ids
        .iter()
        .fold(builder, |builder, id| builder.certificate(id, "n", true))
        .build();
    let served = Served::start(emulator);
    let mut args = vec!["certificates", "deactivate"];
    args.extend(ids.iter().map(String::as_str));

    let run = served.run(&args);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout.lines().count(), 11);
    assert_eq!(run.stderr, "request id: req_emu_0001\n");
    assert_eq!(served.emulator.requests_served(), 1);
    assert!(ids.iter().all(|id| !served.emulator.is_active(id)));
}

fn in_a_project() -> Emulator {
    Emulator::builder()
        .now(NOW)
        .api_key(KEY)
        .certificate("cert_a", "a", true)
        .certificate("cert_b", "b", false)
        .active_in_project("proj_1", "cert_a")
        .build()
}

#[test]
fn project_deactivate_switches_only_the_project() {
    let served = Served::start(in_a_project());

    let run = served.run(&[
        "certificates",
        "deactivate",
        "--project",
        "proj_1",
        "cert_a",
    ]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "ID      NAME  ACTIVE  CREATED              EXPIRES\n\
             cert_a  a     false   {CREATED}  {EXPIRES}\n"
        )
    );
    assert_eq!(run.stderr, "request id: req_emu_0001\n");
    assert!(!served.emulator.is_active_in_project("proj_1", "cert_a"));
    assert!(served.emulator.is_active("cert_a"));
    assert_eq!(
        served.emulator.served()[0].path,
        "/v1/organization/projects/proj_1/certificates/deactivate"
    );
}

#[test]
fn project_activate_switches_only_the_project() {
    let served = Served::start(in_a_project());

    let run = served.run(&[
        "certificates",
        "activate",
        "cert_b",
        "--project",
        "proj_2",
        "--json",
    ]);

    assert_eq!(run.code, Some(0), "{run:?}");
    let page: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        page["object"],
        "organization.project.certificate.activation"
    );
    assert_eq!(
        page["data"][0]["object"],
        "organization.project.certificate"
    );
    assert_eq!(page["data"][0]["active"], true);
    assert!(served.emulator.is_active_in_project("proj_2", "cert_b"));
    assert!(!served.emulator.is_active_in_project("proj_1", "cert_b"));
    assert!(!served.emulator.is_active("cert_b"));
}

#[test]
fn unknown_id_exits_1_with_status_kind_message_and_request_id() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "deactivate", "cert_edge_01", "cert_missing"]);

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: 404 (not found): No certificate found with id 'cert_missing'. \
         [code not_found] [param certificate_ids] [request id req_emu_0001]\n"
    );
    assert!(served.emulator.is_active("cert_edge_01"));
}
