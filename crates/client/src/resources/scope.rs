//! What organization and project certificates share: one code path, two path prefixes.

use openai_admin_types::{Certificate, CursorPage, Page, ToggleCertificatesRequest};

use crate::operation::{self, Operation};
use crate::path::render;
use crate::request::Prepared;
use crate::{validation, Call, Client, ListParams, ValidationError};

/// Where certificates are switched on and off.
#[derive(Debug, Clone)]
pub(crate) enum Scope {
    Organization,
    Project(String),
}

/// Which way a toggle switches.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Toggle {
    Activate,
    Deactivate,
}

impl Scope {
    fn toggle_operation(&self, toggle: Toggle) -> &'static Operation {
        match (self, toggle) {
            (Self::Organization, Toggle::Activate) => &operation::ACTIVATE_ORGANIZATION,
            (Self::Organization, Toggle::Deactivate) => &operation::DEACTIVATE_ORGANIZATION,
            (Self::Project(_), Toggle::Activate) => &operation::ACTIVATE_PROJECT,
            (Self::Project(_), Toggle::Deactivate) => &operation::DEACTIVATE_PROJECT,
        }
    }

    fn list_operation(&self) -> &'static Operation {
        match self {
            Self::Organization => &operation::LIST_ORGANIZATION,
            Self::Project(_) => &operation::LIST_PROJECT,
        }
    }

    /// One page of this scope's certificates.
    pub(crate) fn list(
        &self,
        client: Client,
        params: &ListParams,
    ) -> Call<CursorPage<Certificate>> {
        let operation = self.list_operation();
        let prepared = self
            .path(operation)
            .and_then(|path| params.apply(Prepared::new(operation, path)));
        Call::new(client, prepared)
    }

    /// The path of `operation` in this scope, its ids escaped.
    pub(crate) fn path(&self, operation: &'static Operation) -> Result<String, ValidationError> {
        match self {
            Self::Organization => render(operation.path, &[]),
            Self::Project(project_id) => render(operation.path, &[("project_id", project_id)]),
        }
    }

    /// An activate or deactivate call for `ids`, checked before anything is sent.
    pub(crate) fn toggle(
        &self,
        client: Client,
        toggle: Toggle,
        ids: Vec<String>,
    ) -> Call<Page<Certificate>> {
        let operation = self.toggle_operation(toggle);
        let prepared = validation::certificate_ids(&ids).and_then(|()| {
            let body = ToggleCertificatesRequest {
                certificate_ids: ids,
            };
            Ok(Prepared::new(operation, self.path(operation)?).with_json(&body))
        });
        Call::new(client, prepared)
    }
}

/// Collects caller-given ids into owned strings.
pub(crate) fn collect_ids<I, S>(ids: I) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    ids.into_iter().map(Into::into).collect()
}
