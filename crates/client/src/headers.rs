//! The headers every request carries, built once per client.

use http::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, USER_AGENT};

use crate::config::{Config, USER_AGENT as USER_AGENT_VALUE};
use crate::ConfigError;

static ORGANIZATION: HeaderName = HeaderName::from_static("openai-organization");
static PROJECT: HeaderName = HeaderName::from_static("openai-project");

/// `Authorization`, `Accept`, `User-Agent`, and the organization and project headers
/// when configured. The authorization value is marked sensitive, so HTTP libraries that
/// honour the flag keep it out of their own logs and HPACK tables.
pub(crate) fn default_headers(config: &Config) -> Result<HeaderMap, ConfigError> {
    let mut headers = HeaderMap::with_capacity(5);

    let mut authorization = HeaderValue::try_from(format!("Bearer {}", config.admin_key.expose()))
        .map_err(|_| ConfigError::InvalidAdminKey)?;
    authorization.set_sensitive(true);
    headers.insert(AUTHORIZATION, authorization);

    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    headers.insert(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE));

    for (name, label, value) in [
        (&ORGANIZATION, "OpenAI-Organization", &config.organization),
        (&PROJECT, "OpenAI-Project", &config.project),
    ] {
        if let Some(value) = value {
            let value = HeaderValue::try_from(value.as_str())
                .map_err(|_| ConfigError::InvalidHeaderValue { name: label })?;
            headers.insert(name.clone(), value);
        }
    }

    Ok(headers)
}
