//! What a client is configured with, from the environment or a builder.

use std::time::Duration;

use crate::{AdminKey, BaseUrl, RetryPolicy};

/// The default longest time one attempt may take, as in the official SDKs.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);

/// The variable the admin key is read from.
pub const ENV_ADMIN_KEY: &str = "OPENAI_ADMIN_KEY";
/// The variable the base URL is read from.
pub const ENV_BASE_URL: &str = "OPENAI_BASE_URL";
/// The variable the organization id (`OpenAI-Organization` header) is read from.
pub const ENV_ORGANIZATION: &str = "OPENAI_ORG_ID";
/// The variable the project id (`OpenAI-Project` header) is read from.
pub const ENV_PROJECT: &str = "OPENAI_PROJECT_ID";

/// The `User-Agent` every request carries.
pub const USER_AGENT: &str = concat!("openai-admin/", env!("CARGO_PKG_VERSION"));

/// A client's settings. Its `Debug` shows everything but the key.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// The admin key sent as a bearer token.
    pub admin_key: AdminKey,
    /// The base URL operation paths are appended to.
    pub base_url: BaseUrl,
    /// Sent as `OpenAI-Organization` when set.
    pub organization: Option<String>,
    /// Sent as `OpenAI-Project` when set.
    pub project: Option<String>,
    /// The longest one attempt may take; [`DEFAULT_TIMEOUT`] unless set.
    pub timeout: Duration,
    /// The longest a whole call may take, all attempts and waits included; none unless
    /// set.
    pub deadline: Option<Duration>,
    /// When and how often to retry.
    pub retry: RetryPolicy,
}

/// Reads a variable through `lookup`, treating an empty or blank value as unset.
pub(crate) fn non_empty(lookup: &dyn Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    lookup(name)
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}
