//! Activating or deactivating any number of certificates, ten at a time.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;

use openai_admin_types::{Certificate, Page};

use crate::bounded::run_bounded;
use crate::resources::scope::{Scope, Toggle};
use crate::{Client, Error, Response, ValidationError, MAX_CERTIFICATE_IDS};

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

type OnBatch = Box<dyn FnMut(&BatchOutcome) + Send>;

/// A bulk activate or deactivate, sent when awaited.
///
/// The ids are split into batches of ten, which run with at most
/// [`concurrency`](Self::concurrency) in flight ([`DEFAULT_BULK_CONCURRENCY`] unless
/// set). Every id is checked first: an empty list or an empty id refuses the whole call
/// before anything is sent. **Each batch is atomic on its own; across batches there is
/// no atomicity**: when one batch fails, others may have succeeded. The outcomes come
/// back in batch order, each with its ids, so a caller can retry exactly the batches
/// that failed.
///
/// ```no_run
/// # async fn run(client: openai_admin::Client, ids: Vec<String>) -> Result<(), openai_admin::ValidationError> {
/// let outcomes = client
///     .organization()
///     .certificates()
///     .bulk_deactivate(ids)
///     .concurrency(2)
///     .on_batch(|outcome| eprintln!("{} ids: {}", outcome.ids.len(), outcome.result.is_ok()))
///     .await?;
/// # Ok(()) }
/// ```
#[must_use = "a bulk call does nothing until it is awaited"]
pub struct Bulk {
    client: Client,
    scope: Scope,
    toggle: Toggle,
    ids: Vec<String>,
    concurrency: usize,
    on_batch: Option<OnBatch>,
}

impl Bulk {
    pub(crate) fn new(client: Client, scope: Scope, toggle: Toggle, ids: Vec<String>) -> Self {
        Self {
            client,
            scope,
            toggle,
            ids,
            concurrency: DEFAULT_BULK_CONCURRENCY,
            on_batch: None,
        }
    }

    /// How many batches may be in flight at once (at least 1).
    pub fn concurrency(mut self, batches: usize) -> Self {
        self.concurrency = batches.max(1);
        self
    }

    /// Calls `hook` with each batch's outcome as soon as that batch is answered, in the
    /// order they are answered: for progress reports.
    pub fn on_batch(mut self, hook: impl FnMut(&BatchOutcome) + Send + 'static) -> Self {
        self.on_batch = Some(Box::new(hook));
        self
    }

    async fn run(self) -> Result<Vec<BatchOutcome>, ValidationError> {
        if self.ids.is_empty() {
            return Err(ValidationError::NoCertificateIds);
        }
        if let Some(index) = self.ids.iter().position(|id| id.trim().is_empty()) {
            return Err(ValidationError::EmptyId {
                param: format!("certificate_ids[{index}]"),
            });
        }

        let batches = self.ids.chunks(MAX_CERTIFICATE_IDS).map(|batch| {
            let ids = batch.to_vec();
            let call = self
                .scope
                .toggle(self.client.clone(), self.toggle, ids.clone());
            Box::pin(async move {
                BatchOutcome {
                    ids,
                    result: call.await,
                }
            }) as _
        });
        let mut on_batch = self.on_batch;
        let mut hook = |outcome: &BatchOutcome| {
            if let Some(hook) = &mut on_batch {
                hook(outcome);
            }
        };

        Ok(run_bounded(batches.collect(), self.concurrency, &mut hook).await)
    }
}

impl IntoFuture for Bulk {
    type Output = Result<Vec<BatchOutcome>, ValidationError>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

impl fmt::Debug for Bulk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Bulk")
            .field("scope", &self.scope)
            .field("toggle", &self.toggle)
            .field("ids", &self.ids.len())
            .field("concurrency", &self.concurrency)
            .field("on_batch", &self.on_batch.is_some())
            .finish_non_exhaustive()
    }
}
