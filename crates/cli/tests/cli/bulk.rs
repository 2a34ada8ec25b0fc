//! `activate` and `deactivate` with more than 10 ids: batches of 10, each reported.

use openai_admin_testing::Emulator;

use crate::served::{run_binary, Served, CREATED, EXPIRES, KEY, NOW};
use crate::status_server::{Answer, StatusServer};

/// `count` certificates `cert_00`, `cert_01`, ... named `edge-00`, ..., all `active`.
fn numbered(count: usize, active: bool) -> (Emulator, Vec<String>) {
    let ids: Vec<String> = (0..count).map(|i| format!("cert_{i:02}")).collect();
    let builder = Emulator::builder().now(NOW).api_key(KEY);
    let emulator = ids
        .iter()
        .fold(builder, |builder, id| {
            builder.certificate(id, id.replace("cert", "edge"), active)
        })
        .build();
    (emulator, ids)
}

/// The table of `ids`, all with the state `active`, as the toggle answers print it.
fn table(ids: &[&str], active: bool) -> String {
    let mut table = "ID       NAME     ACTIVE  CREATED              EXPIRES\n".to_owned();
    for id in ids {
        let name = id.replace("cert", "edge");
        table += &format!("{id}  {name}  {active:<6}  {CREATED}  {EXPIRES}\n");
    }
    table
}

/// The stderr lines with their request ids taken out, and the request ids sorted:
/// batches run concurrently, so which batch the emulator answered first varies.
fn without_request_ids(stderr: &str) -> (Vec<String>, Vec<String>) {
    let mut request_ids = Vec::new();
    let lines = stderr
        .lines()
        .map(|line| match line.split_once(" [request id ") {
            Some((head, tail)) => {
                request_ids.push(tail.trim_end_matches(']').to_owned());
                head.to_owned()
            }
            None => line.to_owned(),
        })
        .collect();
    request_ids.sort();
    (lines, request_ids)
}

fn args<'a>(command: &[&'a str], ids: &'a [String]) -> Vec<&'a str> {
    let mut args = command.to_vec();
    args.extend(ids.iter().map(String::as_str));
    args
}

#[test]
fn twenty_three_ids_go_in_three_batches() {
    let (emulator, ids) = numbered(23, true);
    let served = Served::start(emulator);

    let run = served.run(&args(&["certificates", "deactivate"], &ids));

    assert_eq!(run.code, Some(0), "{run:?}");
    let all: Vec<&str> = ids.iter().map(String::as_str).collect();
    assert_eq!(run.stdout, table(&all, false));
    let (lines, request_ids) = without_request_ids(&run.stderr);
    assert_eq!(
        lines,
        [
            "batch 1 of 3 (10 ids): deactivated",
            "batch 2 of 3 (10 ids): deactivated",
            "batch 3 of 3 (3 ids): deactivated",
        ]
    );
    assert_eq!(
        request_ids,
        ["req_emu_0001", "req_emu_0002", "req_emu_0003"]
    );
    assert_eq!(served.emulator.requests_served(), 3);
    assert!(ids.iter().all(|id| !served.emulator.is_active(id)));
}

#[test]
fn a_failed_batch_exits_1_and_names_the_ids_it_left_unchanged() {
    let (emulator, mut ids) = numbered(23, true);
    ids[15] = "cert_missing".to_owned();
    let served = Served::start(emulator);

    let run = served.run(&args(&["certificates", "deactivate"], &ids));

    assert_eq!(run.code, Some(1), "{run:?}");
    let changed: Vec<&str> = ids[..10]
        .iter()
        .chain(&ids[20..])
        .map(String::as_str)
        .collect();
    assert_eq!(run.stdout, table(&changed, false));
    let (lines, request_ids) = without_request_ids(&run.stderr);
    assert_eq!(
        lines,
        [
            "batch 1 of 3 (10 ids): deactivated",
            "batch 2 of 3 (10 ids): not deactivated: 404 (not found): No certificate found \
             with id 'cert_missing'. [code not_found] [param certificate_ids]",
            "batch 3 of 3 (3 ids): deactivated",
            "error: 1 of 3 batches failed; not deactivated: cert_10 cert_11 cert_12 cert_13 \
             cert_14 cert_missing cert_16 cert_17 cert_18 cert_19",
        ]
    );
    assert_eq!(
        request_ids,
        ["req_emu_0001", "req_emu_0002", "req_emu_0003"]
    );
    assert_eq!(run.stderr.matches("error:").count(), 1);
    for (index, id) in (0..23).map(|i| (i, format!("cert_{i:02}"))) {
        let in_failed_batch = (10..20).contains(&index);
        assert_eq!(served.emulator.is_active(&id), in_failed_batch, "{id}");
    }
}

#[test]
fn bulk_json_is_one_document_with_every_batch() {
    let (emulator, mut ids) = numbered(12, false);
    ids[11] = "cert_missing".to_owned();
    let served = Served::start(emulator);

    let run = served.run(&args(&["certificates", "activate", "--json"], &ids));

    assert_eq!(run.code, Some(1), "{run:?}");
    let document: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let batches = document["batches"].as_array().unwrap();
    assert_eq!(batches.len(), 2);
    assert_eq!(batches[0]["ids"].as_array().unwrap().len(), 10);
    assert_eq!(batches[0]["state"], "done");
    assert_eq!(
        batches[0]["result"]["object"],
        "organization.certificate.activation"
    );
    assert_eq!(batches[0]["result"]["data"].as_array().unwrap().len(), 10);
    assert_eq!(
        batches[1]["ids"],
        serde_json::json!(["cert_10", "cert_missing"])
    );
    assert_eq!(batches[1]["state"], "unchanged");
    let error = batches[1]["result"].as_str().unwrap();
    assert!(error.starts_with("404 (not found): "), "{error}");
    assert!(batches[1]["request_id"]
        .as_str()
        .unwrap()
        .starts_with("req_emu_"));
    assert!(run
        .stderr
        .ends_with("error: 1 of 2 batches failed; not activated: cert_10 cert_missing\n"));
    assert!(served.emulator.is_active("cert_09"));
    assert!(!served.emulator.is_active("cert_10"));
}

#[test]
fn project_bulk_uses_the_project_routes() {
    let (emulator, ids) = numbered(12, false);
    let served = Served::start(emulator);

    let run = served.run(&args(
        &["certificates", "activate", "--project", "proj_1"],
        &ids,
    ));

    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(ids
        .iter()
        .all(|id| served.emulator.is_active_in_project("proj_1", id)));
    assert!(ids.iter().all(|id| !served.emulator.is_active(id)));
    assert!(served
        .emulator
        .served()
        .iter()
        .all(|request| request.path == "/v1/organization/projects/proj_1/certificates/activate"));
    assert_eq!(served.emulator.requests_served(), 2);
}

#[test]
fn an_empty_id_among_many_exits_2_and_sends_nothing() {
    let (emulator, mut ids) = numbered(11, true);
    ids[10] = String::new();
    let served = Served::start(emulator);

    let run = served.run(&args(&["certificates", "deactivate"], &ids));

    assert_eq!(run.code, Some(2), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: invalid arguments: certificate_ids[10] must not be empty; nothing was sent\n"
    );
    assert_eq!(served.emulator.requests_served(), 0);
}

#[test]
fn batches_that_fail_without_a_refusal_are_named_as_unknown() {
    let server = StatusServer::start(vec![Answer {
        status: 503,
        retry_after_ms: 0,
    }]);
    let ids: Vec<String> = (0..11).map(|i| format!("cert_{i:02}")).collect();

    let run = run_binary(
        &args(&["--max-retries", "0", "certificates", "deactivate"], &ids),
        &[
            ("OPENAI_ADMIN_KEY", KEY),
            ("OPENAI_BASE_URL", &server.base_url()),
        ],
    );

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    let (lines, request_ids) = without_request_ids(&run.stderr);
    assert_eq!(
        lines,
        [
            "batch 1 of 2 (10 ids): outcome unknown: 503 (server): The server had an error.",
            "batch 2 of 2 (1 id): outcome unknown: 503 (server): The server had an error.",
            "error: 2 of 2 batches failed; may or may not be deactivated (check with list): \
             cert_00 cert_01 cert_02 cert_03 cert_04 cert_05 cert_06 cert_07 cert_08 cert_09 \
             cert_10",
        ]
    );
    assert_eq!(request_ids, ["req_script_1", "req_script_2"]);
    assert_eq!(server.served(), 2);
}
