use openai_admin_types::{Certificate, CursorPage, Page};

use crate::resources::scope::{collect_ids, Scope, Toggle};
use crate::DEFAULT_BULK_CONCURRENCY;
use crate::{bulk, BatchOutcome, Call, CertificatePager, Client, ListParams, ValidationError};

/// The organization's certificates as seen from one project:
/// `client.organization().project("proj_abc").certificates()`.
///
/// Certificates are uploaded, renamed and deleted at organization level; a project can
/// only list them and switch them on or off for itself. Every call checks the project
/// id first: an empty id, `.` or `..` fail it before anything is sent.
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

    /// One page of the certificates, with `active` saying whether each is active for
    /// this project.
    ///
    /// `GET /organization/projects/{project_id}/certificates`.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Validation`] before anything is sent when the project id is
    /// invalid, `limit` is outside 1 to 100 or `after` is empty; otherwise any
    /// [`crate::Error`] of the exchange.
    pub fn list(&self, params: ListParams) -> Call<CursorPage<Certificate>> {
        self.scope.list(self.client.clone(), &params)
    }

    /// Every certificate, page after page; see [`CertificatePager`].
    pub fn list_all(&self, params: ListParams) -> CertificatePager {
        CertificatePager::new(self.client.clone(), self.scope.clone(), params)
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

    /// Deactivates any number of certificates for this project, in batches of 10.
    /// **Atomicity holds only within a batch**; see
    /// [`OrganizationCertificates::bulk_deactivate`](crate::resources::OrganizationCertificates::bulk_deactivate).
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] before anything is sent when `ids` is empty or holds an
    /// empty id. Failures of single batches are in their [`BatchOutcome`].
    pub async fn bulk_deactivate<I, S>(&self, ids: I) -> Result<Vec<BatchOutcome>, ValidationError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        bulk::run(
            &self.client,
            &self.scope,
            Toggle::Deactivate,
            collect_ids(ids),
            DEFAULT_BULK_CONCURRENCY,
        )
        .await
    }

    /// Activates any number of certificates for this project, in batches of 10.
    ///
    /// # Errors
    ///
    /// As for [`bulk_deactivate`](Self::bulk_deactivate).
    pub async fn bulk_activate<I, S>(&self, ids: I) -> Result<Vec<BatchOutcome>, ValidationError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        bulk::run(
            &self.client,
            &self.scope,
            Toggle::Activate,
            collect_ids(ids),
            DEFAULT_BULK_CONCURRENCY,
        )
        .await
    }
}
