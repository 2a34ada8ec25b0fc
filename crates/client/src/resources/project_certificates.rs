use openai_admin_types::{Certificate, Page};

use crate::resources::scope::{collect_ids, Scope, Toggle};
use crate::{Call, Client};

/// The organization's certificates as seen from one project:
/// `client.organization().project("proj_abc").certificates()`.
///
/// Certificates are uploaded, renamed and deleted at organization level; a project can
/// only list them and switch them on or off for itself.
#[derive(Debug, Clone)]
pub struct ProjectCertificates {
    client: Client,
    scope: Scope,
}

impl ProjectCertificates {
    pub(crate) fn new(client: Client, project_id: String) -> Self {
        Self {
            client,
            scope: Scope::Project(project_id),
        }
    }

    /// Deactivates 1 to 10 certificates for this project, atomically.
    ///
    /// `POST /organization/projects/{project_id}/certificates/deactivate`. Idempotent.
    ///
    /// # Errors
    ///
    /// Awaiting the call fails with [`crate::Error::Validation`] before anything is sent
    /// when the project id is empty, `.` or `..`, or when `ids` is empty, has more than
    /// 10 ids, or holds an empty id; otherwise with any [`crate::Error`] of the exchange.
    pub fn deactivate<I, S>(&self, ids: I) -> Call<Page<Certificate>>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scope
            .toggle(self.client.clone(), Toggle::Deactivate, collect_ids(ids))
    }

    /// Activates 1 to 10 certificates for this project, atomically.
    ///
    /// `POST /organization/projects/{project_id}/certificates/activate`. Idempotent.
    ///
    /// # Errors
    ///
    /// As for [`deactivate`](Self::deactivate).
    pub fn activate<I, S>(&self, ids: I) -> Call<Page<Certificate>>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scope
            .toggle(self.client.clone(), Toggle::Activate, collect_ids(ids))
    }
}
