//! Configuration and usage errors: exit 2, nothing sent.

use crate::served::{three_active, Served, KEY};

#[test]
fn base_url_flag_overrides_the_environment() {
    let served = Served::start(three_active());
    let base_url = served.base_url();

    // Nothing listens on port 1; the flag must win over the variable.
    let run = served.run_with(
        &[
            "--base-url",
            &base_url,
            "certificates",
            "deactivate",
            "cert_spare",
        ],
        &[
            ("OPENAI_ADMIN_KEY", KEY),
            ("OPENAI_BASE_URL", "http://127.0.0.1:1/v1"),
        ],
    );

    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(!served.emulator.is_active("cert_spare"));
}

#[test]
fn wrong_key_exits_1_with_an_authentication_error() {
    let served = Served::start(three_active());

    let run = served.run_with(
        &["certificates", "list"],
        &[("OPENAI_ADMIN_KEY", "sk-admin-some-other-fake-key")],
    );

    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(
        run.stderr.starts_with("error: 401 (authentication): "),
        "{run:?}"
    );
    assert!(
        !run.stderr.contains("sk-admin-some-other-fake-key"),
        "{run:?}"
    );
}

#[test]
fn missing_admin_key_exits_2_and_sends_nothing() {
    let served = Served::start(three_active());

    let run = served.run_with(&["certificates", "deactivate", "cert_spare"], &[]);

    assert_eq!(run.code, Some(2), "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: no admin key: set OPENAI_ADMIN_KEY (it is never read from a flag); nothing \
         was sent\n"
    );
    assert_eq!(served.emulator.requests_served(), 0);
}

#[test]
fn invalid_base_url_exits_2_and_sends_nothing() {
    let served = Served::start(three_active());

    let run = served.run(&[
        "--base-url",
        "ftp://127.0.0.1/v1",
        "certificates",
        "activate",
        "c",
    ]);

    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.starts_with("error: invalid configuration: "),
        "{run:?}"
    );
    assert_eq!(served.emulator.requests_served(), 0);
}

#[test]
fn usage_errors_exit_2_and_send_nothing() {
    let served = Served::start(three_active());

    for args in [
        &["certificates", "deactivate"][..],
        &[
            "certificates",
            "deactivate",
            "--admin-key",
            KEY,
            "cert_spare",
        ],
        &["certificates", "rotate", "cert_spare"],
        &["certificates", "get"],
        &["certificates", "rename", "cert_spare"],
        &["certificates", "delete", "--project", "p", "cert_spare"],
        &["--timeout", "-1", "certificates", "list"],
        &["--timeout", "0", "certificates", "list"],
        &["--deadline", "NaN", "certificates", "list"],
        &["--deadline", "soon", "certificates", "list"],
        &["--max-retries", "-1", "certificates", "list"],
        &[],
    ] {
        let run = served.run(args);
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert_eq!(run.stdout, "", "{args:?}");
    }
    assert_eq!(served.emulator.requests_served(), 0);
}

#[test]
fn a_negative_deadline_is_refused_with_a_reason() {
    let served = Served::start(three_active());

    let run = served.run(&["certificates", "list", "--deadline=-2"]);

    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.starts_with(
            "error: invalid value '-2' for '--deadline <SECONDS>': must be more than 0 \
             seconds, got -2"
        ),
        "{run:?}"
    );
}
