//! The progress line of `list --all` and bulk toggles is drawn only on a terminal:
//! the tests' stderr is a pipe, so none of it may appear.

use openai_admin_testing::Emulator;

use crate::served::{Served, KEY, NOW};

/// `count` active certificates `cert_00`, `cert_01`, ...
fn numbered(count: usize) -> (Served, Vec<String>) {
    let ids: Vec<String> = (0..count).map(|i| format!("cert_{i:02}")).collect();
    let emulator = ids
        .iter()
        .fold(Emulator::builder().now(NOW).api_key(KEY), |builder, id| {
            builder.certificate(id, "edge", true)
        })
        .build();
    (Served::start(emulator), ids)
}

fn assert_no_progress(stderr: &str) {
    assert!(!stderr.contains('\r'), "{stderr:?}");
    assert!(!stderr.contains("batches "), "{stderr:?}");
    assert!(!stderr.contains(", certificates "), "{stderr:?}");
}

#[test]
fn bulk_toggles_draw_no_progress_on_a_pipe() {
    let (served, ids) = numbered(23);
    let mut args = vec!["certificates", "deactivate"];
    args.extend(ids.iter().map(String::as_str));

    let run = served.run(&args);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_no_progress(&run.stderr);
    assert_eq!(run.stderr.lines().count(), 3, "{:?}", run.stderr);
}

#[test]
fn list_all_draws_no_progress_on_a_pipe() {
    let (served, _) = numbered(5);

    let run = served.run(&["certificates", "list", "--all", "--limit", "2"]);

    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stderr, "pages: 3\n");
    assert_no_progress(&run.stderr);
}
