//! The client handle and its builder.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::HeaderMap;
use openai_admin_transport::HttpSend;

use crate::clock::{Clock, TokioClock};
use crate::config::{self, Config, DEFAULT_TIMEOUT};
use crate::headers::default_headers;
use crate::resources::Organization;
use crate::{AdminKey, BaseUrl, ConfigError, RetryPolicy};

/// A handle on the OpenAI Admin API.
///
/// Cheap to clone: clones share one configuration and one transport (and so one
/// connection pool). Build it from the environment with [`Client::from_env`] or with
/// [`Client::builder`]; reach the endpoints through [`Client::organization`].
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) config: Config,
    pub(crate) headers: HeaderMap,
    pub(crate) transport: Arc<dyn HttpSend>,
    pub(crate) clock: Arc<dyn Clock>,
}

impl Client {
    /// A builder with nothing set.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from `OPENAI_ADMIN_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID`
    /// and `OPENAI_PROJECT_ID`, over the default hyper transport.
    ///
    /// # Errors
    ///
    /// [`ConfigError::MissingAdminKey`] when `OPENAI_ADMIN_KEY` is unset or empty, and
    /// any error of [`ClientBuilder::build`].
    pub fn from_env() -> Result<Self, ConfigError> {
        ClientBuilder::from_env().build()
    }

    /// The organization's endpoints.
    pub fn organization(&self) -> Organization {
        Organization::new(self.clone())
    }

    /// The settings this client was built with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.inner.config)
            .field("transport", &self.inner.transport)
            .field("clock", &self.inner.clock)
            .finish()
    }
}

/// Builds a [`Client`]. Its `Debug` never shows the key.
#[derive(Default)]
pub struct ClientBuilder {
    admin_key: Option<AdminKey>,
    base_url: Option<String>,
    organization: Option<String>,
    project: Option<String>,
    transport: Option<Arc<dyn HttpSend>>,
    clock: Option<Arc<dyn Clock>>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    deadline: Option<Duration>,
    retry: RetryPolicy,
}

impl ClientBuilder {
    /// A builder filled from `OPENAI_ADMIN_KEY`, `OPENAI_BASE_URL`, `OPENAI_ORG_ID` and
    /// `OPENAI_PROJECT_ID`; empty variables count as unset. Later calls override them.
    pub fn from_env() -> Self {
        Self::from_lookup(&|name| std::env::var(name).ok())
    }

    pub(crate) fn from_lookup(lookup: &dyn Fn(&str) -> Option<String>) -> Self {
        Self {
            admin_key: config::non_empty(lookup, config::ENV_ADMIN_KEY).map(AdminKey::new),
            base_url: config::non_empty(lookup, config::ENV_BASE_URL),
            organization: config::non_empty(lookup, config::ENV_ORGANIZATION),
            project: config::non_empty(lookup, config::ENV_PROJECT),
            ..Self::default()
        }
    }

    /// The admin key, sent as `Authorization: Bearer <key>`.
    pub fn admin_key(mut self, key: impl Into<AdminKey>) -> Self {
        self.admin_key = Some(key.into());
        self
    }

    /// The base URL, `https://api.openai.com/v1` by default. A path prefix is kept.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Sends `OpenAI-Organization: <id>` with every request; an empty or blank id sends
    /// nothing.
    pub fn organization(mut self, id: impl Into<String>) -> Self {
        self.organization = Some(id.into());
        self
    }

    /// Sends `OpenAI-Project: <id>` with every request; an empty or blank id sends
    /// nothing.
    pub fn project(mut self, id: impl Into<String>) -> Self {
        self.project = Some(id.into());
        self
    }

    /// Sends every request through `transport` instead of the default one.
    pub fn transport(self, transport: impl HttpSend + 'static) -> Self {
        self.shared_transport(Arc::new(transport))
    }

    /// Sends every request through a transport that is shared with other code.
    pub fn shared_transport(mut self, transport: Arc<dyn HttpSend>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// The longest one attempt may take, 600 s by default. A timed-out attempt of an
    /// idempotent operation is retried.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The longest a connection may take to open, 5 s by default. Applies to the
    /// default transport only; a transport of your own has its own settings.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The longest a whole call may take, all attempts and waits included. None by
    /// default.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// How many retries may follow the first attempt, 2 by default.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.retry.max_retries = max_retries;
        self
    }

    /// Replaces the whole retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The source of time for timeouts, deadlines and backoff; [`TokioClock`] by
    /// default. Tests pass a [`crate::ManualClock`].
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// Checks the settings and builds the client.
    ///
    /// # Errors
    ///
    /// A [`ConfigError`] when the key is missing or cannot be sent, the base URL is
    /// invalid, a header value cannot be sent, or no transport is available.
    pub fn build(self) -> Result<Client, ConfigError> {
        let admin_key = self.admin_key.filter(|key| !key.is_empty());
        let config = Config {
            admin_key: admin_key.ok_or(ConfigError::MissingAdminKey)?,
            base_url: match &self.base_url {
                Some(url) => BaseUrl::parse(url)?,
                None => BaseUrl::default(),
            },
            organization: self.organization.filter(|id| !id.trim().is_empty()),
            project: self.project.filter(|id| !id.trim().is_empty()),
            timeout: match self.timeout {
                Some(timeout) if timeout.is_zero() => return Err(ConfigError::ZeroTimeout),
                Some(timeout) => timeout,
                None => DEFAULT_TIMEOUT,
            },
            deadline: self.deadline,
            retry: self.retry,
        };
        let headers = default_headers(&config)?;
        let transport = match self.transport {
            Some(transport) => transport,
            None => default_transport(self.connect_timeout)?,
        };
        let clock = self.clock.unwrap_or_else(|| Arc::new(TokioClock));

        Ok(Client {
            inner: Arc::new(Inner {
                config,
                headers,
                transport,
                clock,
            }),
        })
    }
}

#[cfg(feature = "hyper")]
fn default_transport(connect_timeout: Option<Duration>) -> Result<Arc<dyn HttpSend>, ConfigError> {
    let mut builder = openai_admin_transport::HyperTransport::builder();
    if let Some(timeout) = connect_timeout {
        builder = builder.connect_timeout(timeout);
    }
    let transport = builder
        .build()
        .map_err(|error| ConfigError::Transport(error.to_string()))?;
    Ok(Arc::new(transport))
}

#[cfg(not(feature = "hyper"))]
fn default_transport(_connect_timeout: Option<Duration>) -> Result<Arc<dyn HttpSend>, ConfigError> {
    Err(ConfigError::MissingTransport)
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("admin_key", &self.admin_key)
            .field("base_url", &self.base_url)
            .field("organization", &self.organization)
            .field("project", &self.project)
            .field("transport", &self.transport)
            .field("clock", &self.clock)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("deadline", &self.deadline)
            .field("retry", &self.retry)
            .finish()
    }
}
