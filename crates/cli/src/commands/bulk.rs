//! More than 10 ids: batches of 10, each reported on its own.
//!
//! Each batch is atomic; the batches together are not. So the command says, batch by
//! batch, what happened, and when one failed it names the ids that were left as they
//! were. Only a 4xx refusal proves that a batch changed nothing; after a timeout, a
//! 5xx or an undecodable answer the batch may have been applied, and its ids are
//! named as unknown rather than as unchanged.
//!
//! Text: stdout has one table of every certificate the successful batches returned;
//! stderr has one line per batch, then one `error:` line if any failed:
//!
//! ```text
//! batch 1 of 3 (10 ids): deactivated [request id req_1]
//! batch 2 of 3 (10 ids): not deactivated: 404 (not found): ... [request id req_2]
//! batch 3 of 3 (3 ids): deactivated [request id req_3]
//! error: 1 of 3 batches failed; not deactivated: cert_10 cert_11 ...
//! ```
//!
//! JSON (`--json`): one document on stdout, `{"batches": [...]}`, each batch
//! `{"ids", "request_id", "state", "result"}` where `state` is `done`, `unchanged` or
//! `unknown` and `result` is the API's page (`done`) or the error line (otherwise).
//! The stderr lines are the same as for text.
//!
//! On a terminal a `batches 2/3` progress line counts the batches answered while
//! they run; it is cleared before the lines above are printed.

use std::sync::{Arc, Mutex};

use openai_admin::resources::{CertificateScope, Certificates};
use openai_admin::{BatchOutcome, Error, ValidationError, MAX_CERTIFICATE_IDS};
use serde_json::{json, Value};

use crate::commands::toggle::Toggle;
use crate::exit::{self, Status};
use crate::output::{self, certificates_table, Format};
use crate::printable::printable;
use crate::progress::{batches_line, ProgressTo};

/// What is known of one batch after its call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// The call succeeded.
    Done,
    /// The API refused the batch with a 4xx, so none of its ids changed.
    Unchanged,
    /// The call failed in a way that does not say whether the batch was applied.
    Unknown,
}

impl State {
    fn of(outcome: &BatchOutcome) -> Self {
        match &outcome.result {
            Ok(_) => Self::Done,
            Err(Error::Api(api)) if api.status.is_client_error() => Self::Unchanged,
            Err(_) => Self::Unknown,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Unchanged => "unchanged",
            Self::Unknown => "unknown",
        }
    }
}

/// Switches `ids` in batches of 10 and reports every batch; exits 1 if any failed.
pub async fn run<S: CertificateScope>(
    certificates: &Certificates<S>,
    toggle: Toggle,
    ids: Vec<String>,
    format: Format,
    progress: ProgressTo,
) -> Status {
    let outcomes = match send(certificates, toggle, ids, progress).await {
        Ok(outcomes) => outcomes,
        Err(validation) => return exit::error(&Error::Validation(validation)),
    };

    let lines: Vec<String> = outcomes
        .iter()
        .enumerate()
        .map(|(index, outcome)| batch_line(toggle, index + 1, outcomes.len(), outcome))
        .collect();
    let any_done = outcomes.iter().any(|outcome| outcome.result.is_ok());

    // Text prints no table when no batch succeeded, as a failed call prints nothing.
    // The batch lines are printed whatever happens: the requests were sent.
    let body = match format {
        Format::Json => json_body(&outcomes),
        Format::Text if any_done => Ok(text(&outcomes)),
        Format::Text => Ok(String::new()),
    };
    let printed = match body {
        Ok(body) => output::emit(&body, &lines),
        Err(status) => {
            output::emit("", &lines);
            status
        }
    };

    match summary(toggle, &outcomes) {
        Some(summary) => exit::failure(&summary),
        None => printed,
    }
}

/// Sends the batches through the client's bulk helper, counting the answered ones on a
/// progress line, which is cleared before anything else is printed.
async fn send<S: CertificateScope>(
    certificates: &Certificates<S>,
    toggle: Toggle,
    ids: Vec<String>,
    progress: ProgressTo,
) -> Result<Vec<BatchOutcome>, ValidationError> {
    let total = ids.len().div_ceil(MAX_CERTIFICATE_IDS);
    let progress = Arc::new(Mutex::new(progress.start()));
    let drawn = progress.clone();
    let mut answered = 0;
    lock(&progress).show(&batches_line(answered, total));

    let bulk = match toggle {
        Toggle::Activate => certificates.bulk_activate(ids),
        Toggle::Deactivate => certificates.bulk_deactivate(ids),
    };
    let outcomes = bulk
        .on_batch(move |_| {
            answered += 1;
            lock(&drawn).show(&batches_line(answered, total));
        })
        .await;

    lock(&progress).clear();
    outcomes
}

fn lock<T>(progress: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    progress
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// `batch 2 of 3 (10 ids): deactivated [request id ..]`, or what went wrong.
fn batch_line(toggle: Toggle, number: usize, total: usize, outcome: &BatchOutcome) -> String {
    let count = outcome.ids.len();
    let s = if count == 1 { "" } else { "s" };
    let head = format!("batch {number} of {total} ({count} id{s})");
    match (&outcome.result, State::of(outcome)) {
        (Ok(response), _) => format!(
            "{head}: {} [request id {}]",
            toggle.done(),
            response
                .request_id
                .as_deref()
                .map_or_else(output::none, |id| printable(id).into_owned())
        ),
        (Err(error), State::Unchanged) => {
            format!("{head}: not {}: {}", toggle.done(), exit::describe(error))
        }
        (Err(error), _) => format!("{head}: outcome unknown: {}", exit::describe(error)),
    }
}

/// The table of every certificate the successful batches returned, in batch order.
fn text(outcomes: &[BatchOutcome]) -> String {
    let certificates: Vec<_> = outcomes
        .iter()
        .filter_map(|outcome| outcome.result.as_ref().ok())
        .flat_map(|response| response.data.iter().cloned())
        .collect();
    certificates_table(&certificates)
}

/// The `--json` document as text, or the failure already reported.
fn json_body(outcomes: &[BatchOutcome]) -> Result<String, Status> {
    let document = document(outcomes)
        .map_err(|error| exit::failure(&format!("could not print the answer as JSON: {error}")))?;
    output::json(&document)
}

/// The `--json` document of every batch.
fn document(outcomes: &[BatchOutcome]) -> Result<Value, serde_json::Error> {
    let batches = outcomes
        .iter()
        .map(|outcome| {
            let (request_id, result) = match &outcome.result {
                Ok(response) => (
                    response.request_id.as_deref(),
                    serde_json::to_value(&response.value)?,
                ),
                Err(error) => (error.request_id(), Value::String(exit::describe(error))),
            };
            Ok(json!({
                "ids": outcome.ids,
                "request_id": request_id,
                "state": State::of(outcome).as_str(),
                "result": result,
            }))
        })
        .collect::<Result<Vec<Value>, serde_json::Error>>()?;
    Ok(json!({ "batches": batches }))
}

/// The one `error:` reason when any batch failed: how many, and which ids were left
/// unchanged or are in an unknown state.
fn summary(toggle: Toggle, outcomes: &[BatchOutcome]) -> Option<String> {
    let ids_in = |state: State| -> Vec<String> {
        outcomes
            .iter()
            .filter(|outcome| State::of(outcome) == state)
            .flat_map(|outcome| &outcome.ids)
            .map(|id| printable(id).into_owned())
            .collect()
    };
    let failed = outcomes
        .iter()
        .filter(|outcome| outcome.result.is_err())
        .count();
    if failed == 0 {
        return None;
    }

    let mut summary = format!("{failed} of {} batches failed", outcomes.len());
    let unchanged = ids_in(State::Unchanged);
    if !unchanged.is_empty() {
        summary.push_str(&format!("; not {}: {}", toggle.done(), unchanged.join(" ")));
    }
    let unknown = ids_in(State::Unknown);
    if !unknown.is_empty() {
        summary.push_str(&format!(
            "; may or may not be {} (check with list): {}",
            toggle.done(),
            unknown.join(" ")
        ));
    }
    Some(summary)
}
