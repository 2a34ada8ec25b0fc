//! A call that has been described but not yet sent.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::execute::execute;
use crate::request::Prepared;
use crate::{Client, Error, RequestOptions, Response, ValidationError};

/// One API call, sent when awaited.
///
/// Arguments were checked when the call was made; if they were invalid, awaiting it
/// returns [`Error::Validation`] and nothing is sent. Before awaiting, per-call
/// settings can be added:
///
/// ```no_run
/// # async fn run(client: openai_admin::Client) -> Result<(), openai_admin::Error> {
/// let page = client
///     .organization()
///     .certificates()
///     .deactivate(["cert_abc"])
///     .header("x-incident", "INC-42")
///     .await?;
/// # Ok(()) }
/// ```
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<T> {
    client: Client,
    prepared: Result<Prepared, ValidationError>,
    options: Result<RequestOptions, ValidationError>,
    output: PhantomData<fn() -> T>,
}

impl<T> Call<T> {
    pub(crate) fn new(client: Client, prepared: Result<Prepared, ValidationError>) -> Self {
        Self {
            client,
            prepared,
            options: Ok(RequestOptions::default()),
            output: PhantomData,
        }
    }

    /// Replaces this call's settings.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = Ok(options);
        self
    }

    /// The longest one attempt may take.
    pub fn timeout(self, timeout: Duration) -> Self {
        self.map_options(|options| options.timeout(timeout))
    }

    /// How many retries may follow the first attempt.
    pub fn max_retries(self, max_retries: u32) -> Self {
        self.map_options(|options| options.max_retries(max_retries))
    }

    /// The longest the whole call may take, all attempts and waits included.
    pub fn deadline(self, deadline: Duration) -> Self {
        self.map_options(|options| options.deadline(deadline))
    }

    /// Adds a header; an invalid one makes the call fail with a validation error.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.options = self.options.and_then(|options| options.header(name, value));
        self
    }

    /// Adds a query parameter after the operation's own.
    pub fn query(self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.map_options(|options| options.query(key, value))
    }

    fn map_options(mut self, change: impl FnOnce(RequestOptions) -> RequestOptions) -> Self {
        self.options = self.options.map(change);
        self
    }
}

impl<T: DeserializeOwned + Send + 'static> IntoFuture for Call<T> {
    type Output = Result<Response<T>, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let prepared = self.prepared?;
            let options = self.options?;
            execute(&self.client.inner, &prepared, &options).await
        })
    }
}

impl<T> fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("prepared", &self.prepared)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}
