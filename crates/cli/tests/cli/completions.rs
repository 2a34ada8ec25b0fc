//! `completions <SHELL>`: a script on stdout, with no key and nothing sent.

use crate::served::{three_active, Served};

#[test]
fn completions_bash_prints_a_script_without_a_key() {
    let served = Served::start(three_active());

    // No OPENAI_ADMIN_KEY: completions build no client.
    let run = served.run_with(&["completions", "bash"], &[]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "");
    assert!(run.stdout.contains("openai-admin"), "{}", run.stdout);
    assert!(run.stdout.contains("deactivate"), "{}", run.stdout);
    assert!(run.stdout.contains("complete -F"), "{}", run.stdout);
    assert_eq!(served.emulator.requests_served(), 0);
}

#[test]
fn every_shell_is_accepted_and_others_are_usage_errors() {
    let served = Served::start(three_active());

    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = served.run_with(&["completions", shell], &[]);
        assert_eq!(run.code, Some(0), "{shell}: {run:?}");
        assert!(run.stdout.contains("deactivate"), "{shell}");
    }

    let run = served.run_with(&["completions", "tcsh"], &[]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("error: invalid value 'tcsh' for '<SHELL>'"),
        "{}",
        run.stderr
    );
}
