//! `-v` and `-vv`: the client's attempts logged on stderr, never a header, a body or
//! the key.

use openai_admin_testing::{fake_certificate_pem, Emulator};

use crate::served::{run_binary, three_active, Served, KEY, NOW};
use crate::status_server::{Answer, StatusServer};
use crate::temp_file::TempFile;

/// The lines of `stderr` that close an attempt's span: every event inside the span
/// names it too, but only its close has all its fields.
fn attempt_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|line| line.contains(" attempt{") && line.contains("::attempt_span: close "))
        .collect()
}

/// Fails if `stderr` has anything of a request's headers or body in it.
fn assert_no_headers_or_bodies(stderr: &str, body_parts: &[&str]) {
    let lower = stderr.to_ascii_lowercase();
    for header in ["authorization", "bearer", "content-type", "user-agent"] {
        assert!(!lower.contains(header), "{header} logged:\n{stderr}");
    }
    for part in body_parts {
        assert!(!stderr.contains(part), "{part} logged:\n{stderr}");
    }
}

#[test]
fn very_verbose_logs_the_attempt_and_no_header_body_or_key() {
    let served = Served::start(three_active());

    let run = served.run(&[
        "-vv",
        "certificates",
        "deactivate",
        "cert_edge_01",
        "cert_spare",
    ]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stdout.starts_with("ID  "), "{run:?}");
    let attempts = attempt_lines(&run.stderr);
    assert_eq!(attempts.len(), 1, "{}", run.stderr);
    for field in [
        "method=POST",
        "path=/organization/certificates/deactivate",
        "attempt=1",
        "status=200",
        "request_id=\"req_emu_0001\"",
    ] {
        assert!(attempts[0].contains(field), "{field}: {}", attempts[0]);
    }
    assert!(
        run.stderr.ends_with("\nrequest id: req_emu_0001\n"),
        "{run:?}"
    );
    // The body is {"certificate_ids":["cert_edge_01","cert_spare"]}; the run's
    // helper has already checked that the key is on neither stream.
    assert_no_headers_or_bodies(
        &run.stderr,
        &["certificate_ids", "cert_edge_01", "cert_spare"],
    );
    assert!(!served.emulator.is_active("cert_edge_01"));
}

#[test]
fn very_verbose_upload_logs_no_pem_and_no_name() {
    let served = Served::start(Emulator::builder().now(NOW).api_key(KEY).build());
    let pem_text = fake_certificate_pem(1_717_200_000, 1_780_272_000);
    let pem = TempFile::with("verbose.pem", &pem_text);

    let run = served.run(&[
        "-vv",
        "certificates",
        "upload",
        pem.path_str(),
        "--name",
        "edge-secret-name",
    ]);

    assert_eq!(run.code, Some(0), "{run:?}");
    let attempts = attempt_lines(&run.stderr);
    assert_eq!(attempts.len(), 1, "{}", run.stderr);
    assert!(attempts[0].contains("attempt=1"), "{}", attempts[0]);
    assert!(attempts[0].contains("status=200"), "{}", attempts[0]);
    let pem_line = pem_text.lines().nth(1).unwrap();
    assert_no_headers_or_bodies(
        &run.stderr,
        &["BEGIN CERTIFICATE", pem_line, "edge-secret-name"],
    );
}

#[test]
fn verbose_logs_each_retry_with_its_delay() {
    let server = StatusServer::start(vec![Answer {
        status: 503,
        retry_after_ms: 0,
    }]);

    let run = run_binary(
        &["-v", "--max-retries", "1", "certificates", "list"],
        &[
            ("OPENAI_ADMIN_KEY", KEY),
            ("OPENAI_BASE_URL", &server.base_url()),
        ],
    );

    assert_eq!(run.code, Some(1), "{run:?}");
    let attempts = attempt_lines(&run.stderr);
    assert_eq!(attempts.len(), 2, "{}", run.stderr);
    for field in [
        "method=GET",
        "path=/organization/certificates ",
        "attempt=1",
        "status=503",
        "request_id=\"req_script_1\"",
        "delay_ms=0",
    ] {
        assert!(attempts[0].contains(field), "{field}: {}", attempts[0]);
    }
    assert!(attempts[1].contains("attempt=2"), "{}", attempts[1]);
    assert!(attempts[1].contains("status=503"), "{}", attempts[1]);
    assert!(!attempts[1].contains("delay_ms"), "{}", attempts[1]);
    let retrying: Vec<&str> = run
        .stderr
        .lines()
        .filter(|line| {
            line.contains("retrying after 0ns: 503 Service Unavailable (server error): ")
        })
        .collect();
    assert_eq!(retrying.len(), 1, "{}", run.stderr);
    assert!(run
        .stderr
        .ends_with("error: 503 (server): The server had an error. [request id req_script_2] [after 2 attempts]\n"));
    assert_eq!(server.served(), 2);
}

#[test]
fn without_verbose_nothing_is_logged() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "deactivate", "cert_spare"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "request id: req_emu_0001\n");
}
