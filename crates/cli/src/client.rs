//! The client the commands talk through, configured from the environment and flags.

use openai_admin::{Client, ClientBuilder, ConfigError};

use crate::args::GlobalArgs;

/// A client from `OPENAI_*` variables, with `--base-url` and `--organization` taking
/// precedence over `OPENAI_BASE_URL` and `OPENAI_ORG_ID`, and `--max-retries`,
/// `--timeout` and `--deadline` over the client's defaults.
///
/// There is no flag for the admin key (it would be visible in `ps` and shell history)
/// nor for the project header (`--project` is kept for project-scoped commands).
pub fn build(global: &GlobalArgs) -> Result<Client, ConfigError> {
    let mut builder = ClientBuilder::from_env();
    if let Some(url) = &global.base_url {
        builder = builder.base_url(url.as_str());
    }
    if let Some(organization) = &global.organization {
        builder = builder.organization(organization.as_str());
    }
    if let Some(max_retries) = global.max_retries {
        builder = builder.max_retries(max_retries);
    }
    if let Some(timeout) = global.timeout {
        builder = builder.timeout(timeout);
    }
    if let Some(deadline) = global.deadline {
        builder = builder.deadline(deadline);
    }
    builder.build()
}
