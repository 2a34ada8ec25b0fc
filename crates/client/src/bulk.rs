//! Activating or deactivating any number of certificates, ten at a time.

use openai_admin_types::{Certificate, Page};

use crate::bounded::run_bounded;
use crate::resources::scope::{Scope, Toggle};
use crate::{validation, Client, Error, Response, ValidationError, MAX_CERTIFICATE_IDS};

/// How many batches run at once unless told otherwise.
pub const DEFAULT_BULK_CONCURRENCY: usize = 4;

/// The outcome of one batch of a bulk call: the ids it carried, and its page or error.
#[derive(Debug)]
#[non_exhaustive]
pub struct BatchOutcome {
    /// The ids of this batch, at most ten, in the order given.
    pub ids: Vec<String>,
    /// The answer for this batch.
    pub result: Result<Response<Page<Certificate>>, Error>,
}

/// Splits `ids` into batches of ten and runs them with at most `concurrency` at once.
///
/// Every id is checked first: one empty id refuses the whole bulk call before anything
/// is sent. Each batch is atomic on its own; across batches there is no atomicity.
pub(crate) async fn run(
    client: &Client,
    scope: &Scope,
    toggle: Toggle,
    ids: Vec<String>,
    concurrency: usize,
) -> Result<Vec<BatchOutcome>, ValidationError> {
    if ids.is_empty() {
        return Err(ValidationError::NoCertificateIds);
    }
    if let Some(index) = ids.iter().position(|id| id.trim().is_empty()) {
        return Err(ValidationError::EmptyId {
            param: format!("certificate_ids[{index}]"),
        });
    }

    let batches: Vec<Vec<String>> = ids
        .chunks(MAX_CERTIFICATE_IDS)
        .map(<[String]>::to_vec)
        .collect();
    for batch in &batches {
        validation::certificate_ids(batch)?;
    }
    let calls = batches
        .iter()
        .map(|batch| {
            let call = scope.toggle(client.clone(), toggle, batch.clone());
            Box::pin(std::future::IntoFuture::into_future(call)) as _
        })
        .collect();

    let results = run_bounded(calls, concurrency).await;
    Ok(batches
        .into_iter()
        .zip(results)
        .map(|(ids, result)| BatchOutcome { ids, result })
        .collect())
}
