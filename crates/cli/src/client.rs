//! The client the commands talk through, configured from the environment and flags.

use openai_admin::{Client, ClientBuilder, ConfigError};

use crate::args::GlobalArgs;

/// A client from `OPENAI_*` variables, with `--base-url` and `--organization` taking
/// precedence over `OPENAI_BASE_URL` and `OPENAI_ORG_ID`.
///
/// There is no flag for the admin key (it would be visible in `ps` and shell history)
/// nor for the project header (`--project` is kept free for project-scoped commands).
pub fn build(global: &GlobalArgs) -> Result<Client, ConfigError> {
    let mut builder = ClientBuilder::from_env();
    if let Some(url) = &global.base_url {
        builder = builder.base_url(url.as_str());
    }
    if let Some(organization) = &global.organization {
        builder = builder.organization(organization.as_str());
    }
    builder.build()
}
