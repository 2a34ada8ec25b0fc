//! `--max-retries`, `--timeout` and `--deadline`, and what a failed call says about its
//! attempts. Nothing here waits: retried answers ask for `retry-after-ms: 0`, and the
//! deadline is reached because the server asks for a wait longer than it.

use crate::served::{run_binary, three_active, Served, KEY};
use crate::status_server::{Answer, StatusServer};

const NOW_PLEASE: Answer = Answer {
    status: 500,
    retry_after_ms: 0,
};

fn run_against(server: &StatusServer, args: &[&str]) -> crate::served::Run {
    run_binary(
        args,
        &[
            ("OPENAI_ADMIN_KEY", KEY),
            ("OPENAI_BASE_URL", &server.base_url()),
        ],
    )
}

#[test]
fn a_500_is_retried_twice_and_the_error_counts_three_attempts() {
    let server = StatusServer::start(vec![NOW_PLEASE]);

    let run = run_against(&server, &["certificates", "deactivate", "cert_a"]);

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: 500 (server): The server had an error. [request id req_script_3] \
         [after 3 attempts]\n"
    );
    assert_eq!(server.served(), 3);
}

#[test]
fn max_retries_0_makes_one_attempt() {
    let server = StatusServer::start(vec![NOW_PLEASE]);

    let run = run_against(
        &server,
        &["--max-retries", "0", "certificates", "list", "--all"],
    );

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(
        run.stderr,
        "error: 500 (server): The server had an error. [request id req_script_1]\n"
    );
    assert_eq!(server.served(), 1);
}

#[test]
fn max_retries_raises_the_number_of_attempts() {
    let server = StatusServer::start(vec![NOW_PLEASE]);

    let run = run_against(
        &server,
        &["certificates", "get", "cert_a", "--max-retries", "4"],
    );

    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stderr
            .ends_with(" [request id req_script_5] [after 5 attempts]\n"),
        "{run:?}"
    );
    assert_eq!(server.served(), 5);
}

#[test]
fn a_deadline_error_names_its_attempts_and_the_last_error() {
    // Two quick retries, then the server asks for 30 s, which would end past the 2 s
    // deadline: the client stops there without waiting.
    let server = StatusServer::start(vec![
        NOW_PLEASE,
        NOW_PLEASE,
        Answer {
            status: 500,
            retry_after_ms: 30_000,
        },
    ]);

    let run = run_against(
        &server,
        &[
            "--max-retries",
            "5",
            "--deadline",
            "2",
            "certificates",
            "activate",
            "cert_a",
        ],
    );

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(
        run.stderr,
        "error: deadline of 2s reached after 3 attempts; last error: 500 (server): The \
         server had an error. [request id req_script_3]\n"
    );
    assert_eq!(server.served(), 3);
}

#[test]
fn an_unreachable_server_with_no_retries_fails_at_once() {
    let served = Served::start(three_active());

    // Nothing listens on port 1 (binding it needs privileges), so the one attempt is
    // refused at once; with retries it would back off for real between attempts.
    let run = served.run_with(
        &[
            "--max-retries",
            "0",
            "certificates",
            "deactivate",
            "cert_spare",
        ],
        &[
            ("OPENAI_ADMIN_KEY", KEY),
            ("OPENAI_BASE_URL", "http://127.0.0.1:1/v1"),
        ],
    );

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("error: could not connect: "),
        "{run:?}"
    );
    assert!(!run.stderr.contains("attempts"), "{run:?}");
    assert_eq!(run.stderr.lines().count(), 1, "{run:?}");
    assert_eq!(served.emulator.requests_served(), 0);
}

#[test]
fn reliability_flags_leave_a_good_call_alone() {
    let served = Served::start(three_active());

    let run = served.run(&[
        "--max-retries",
        "1",
        "--timeout",
        "30",
        "--deadline",
        "60.5",
        "certificates",
        "deactivate",
        "cert_spare",
    ]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(!served.emulator.is_active("cert_spare"));
}
