//! `certificates list`: one page, paging by hand, `--all`, project scope, JSON.

use openai_admin_testing::Emulator;

use crate::served::{three_active, Served, CREATED, EXPIRES, KEY, NOW};

const HEADER: &str = "ID            NAME     ACTIVE  CREATED              EXPIRES\n";

fn row(id: &str, name: &str, active: bool) -> String {
    format!("{id:<12}  {name:<7}  {active:<6}  {CREATED}  {EXPIRES}\n")
}

#[test]
fn one_page_prints_the_table_newest_first() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "list"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        [
            HEADER.to_owned(),
            row("cert_spare", "spare", true),
            row("cert_edge_02", "edge-02", true),
            row("cert_edge_01", "edge-01", true),
        ]
        .concat()
    );
    assert_eq!(run.stderr, "request id: req_emu_0001\n");
    assert_eq!(served.emulator.served()[0].query, None);
}

#[test]
fn a_page_with_more_after_it_prints_the_cursor_to_continue_from() {
    let served = Served::start(three_active());

    let first = served.run(&["certificates", "list", "--limit", "2", "--order", "asc"]);
    let rest = served.run(&[
        "certificates",
        "list",
        "--limit",
        "2",
        "--order",
        "asc",
        "--after",
        "cert_edge_02",
    ]);

    assert_eq!(first.code, Some(0), "{first:?}");
    assert_eq!(
        first.stdout,
        [
            HEADER.to_owned(),
            row("cert_edge_01", "edge-01", true),
            row("cert_edge_02", "edge-02", true),
        ]
        .concat()
    );
    assert_eq!(
        first.stderr,
        "request id: req_emu_0001\nmore: --after cert_edge_02\n"
    );
    assert_eq!(rest.code, Some(0), "{rest:?}");
    assert_eq!(
        rest.stdout,
        "ID          NAME   ACTIVE  CREATED              EXPIRES\n\
         cert_spare  spare  true    2024-05-01 09:30:00  2025-05-01 09:30:00\n"
    );
    assert_eq!(rest.stderr, "request id: req_emu_0002\n");
    let served = served.emulator.served();
    assert_eq!(served[0].query.as_deref(), Some("limit=2&order=asc"));
    assert_eq!(
        served[1].query.as_deref(),
        Some("limit=2&after=cert_edge_02&order=asc")
    );
}

#[test]
fn all_walks_every_page_and_prints_one_table() {
    let served = Served::start(three_active());

    let run = served.run(&[
        "certificates",
        "list",
        "--all",
        "--limit",
        "1",
        "--order",
        "asc",
    ]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        [
            HEADER.to_owned(),
            row("cert_edge_01", "edge-01", true),
            row("cert_edge_02", "edge-02", true),
            row("cert_spare", "spare", true),
        ]
        .concat()
    );
    assert_eq!(run.stderr, "pages: 3\n");
    assert_eq!(served.emulator.requests_served(), 3);
}

#[test]
fn all_json_is_one_page_holding_every_certificate() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "list", "--all", "--limit", "2", "--json"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    let page: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(page["object"], "list");
    assert_eq!(page["has_more"], false);
    assert_eq!(page["first_id"], "cert_spare");
    assert_eq!(page["last_id"], "cert_edge_01");
    let ids: Vec<&str> = page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|certificate| certificate["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["cert_spare", "cert_edge_02", "cert_edge_01"]);
    assert!(page["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|certificate| certificate["active"] == true
            && certificate["object"] == "organization.certificate"));
    assert_eq!(run.stderr, "pages: 2\n");
}

#[test]
fn one_page_json_is_the_api_page() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "list", "--limit", "1", "--json"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    let page: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(page["object"], "list");
    assert_eq!(page["has_more"], true);
    assert_eq!(page["last_id"], "cert_spare");
    assert_eq!(page["data"][0]["created_at"], NOW);
    assert_eq!(
        run.stderr,
        "request id: req_emu_0001\nmore: --after cert_spare\n"
    );
}

#[test]
fn project_list_shows_the_state_in_that_project() {
    let emulator = Emulator::builder()
        .now(NOW)
        .api_key(KEY)
        .certificate("cert_org_only", "org", true)
        .certificate("cert_in_proj", "proj", false)
        .active_in_project("proj_1", "cert_in_proj")
        .build();
    let served = Served::start(emulator);

    let run = served.run(&[
        "certificates",
        "list",
        "--project",
        "proj_1",
        "--order",
        "asc",
    ]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "ID             NAME  ACTIVE  CREATED              EXPIRES\n\
             cert_in_proj   proj  true    {CREATED}  {EXPIRES}\n\
             cert_org_only  org   false   {CREATED}  {EXPIRES}\n"
        )
    );
    assert_eq!(
        served.emulator.served()[0].path,
        "/v1/organization/projects/proj_1/certificates"
    );
}

#[test]
fn all_prints_nothing_when_a_page_fails() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "list", "--all", "--after", "cert_gone"]);

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("error: 400 (bad request): "),
        "{run:?}"
    );
    assert!(
        run.stderr.ends_with(" [request id req_emu_0001]\n"),
        "{run:?}"
    );
}

#[test]
fn bad_paging_arguments_exit_2_and_send_nothing() {
    let served = Served::start(three_active());

    let cases: [(&[&str], Option<&str>); 5] = [
        (&["--order", "sideways"], None),
        (&["--limit", "-1"], None),
        (
            &["--limit", "0"],
            Some("error: invalid arguments: limit must be between 1 and 100, got 0; nothing was sent\n"),
        ),
        (
            &["--limit", "101", "--all"],
            Some("error: invalid arguments: limit must be between 1 and 100, got 101; nothing was sent\n"),
        ),
        (
            &["--after", ""],
            Some("error: invalid arguments: after must not be empty; nothing was sent\n"),
        ),
    ];
    for (extra, stderr) in cases {
        let mut args = vec!["certificates", "list"];
        args.extend(extra);

        let run = served.run(&args);

        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        if let Some(stderr) = stderr {
            assert_eq!(run.stderr, stderr, "{args:?}");
        }
    }
    assert_eq!(served.emulator.requests_served(), 0);
}
