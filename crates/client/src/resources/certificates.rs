//! Certificate calls shared by organization and project scope: one impl, two scopes.

use std::fmt;
use std::marker::PhantomData;

use openai_admin_types::{Certificate, CursorPage, Page};

use crate::resources::scope::{collect_ids, Scope, Toggle};
use crate::{Bulk, Call, CertificatePager, Client, ListParams};

/// Marks [`Certificates`] at organization level: every certificate operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrganizationScope {}

/// Marks [`Certificates`] of one project: list, activate and deactivate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectScope {}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::OrganizationScope {}
    impl Sealed for super::ProjectScope {}
}

/// The two scopes of [`Certificates`], [`OrganizationScope`] and [`ProjectScope`].
/// Sealed: the scopes are the API's.
pub trait CertificateScope: sealed::Sealed {}

impl CertificateScope for OrganizationScope {}

impl CertificateScope for ProjectScope {}

/// The organization's certificates in one scope.
///
/// `client.organization().certificates()` is [`OrganizationCertificates`], with every
/// operation; `client.organization().project("proj_abc").certificates()` is
/// [`ProjectCertificates`], which can only list certificates and switch them on or off
/// for that project (uploads, renames and deletes are organization-wide). In project
/// scope `active` means active in that project, and every call checks the project id
/// first: an empty id, `.` or `..` fail it before anything is sent.
pub struct Certificates<S> {
    pub(crate) client: Client,
    pub(crate) scope: Scope,
    scope_kind: PhantomData<fn() -> S>,
}

impl<S> Certificates<S> {
    fn new(client: Client, scope: Scope) -> Self {
        Self {
            client,
            scope,
            scope_kind: PhantomData,
        }
    }
}

impl<S> Clone for Certificates<S> {
    fn clone(&self) -> Self {
        Self::new(self.client.clone(), self.scope.clone())
    }
}

impl<S> fmt::Debug for Certificates<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Certificates")
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

/// Certificates at organization level: every operation.
pub type OrganizationCertificates = Certificates<OrganizationScope>;

/// Certificates as seen from one project: list, activate, deactivate.
pub type ProjectCertificates = Certificates<ProjectScope>;

impl OrganizationCertificates {
    pub(crate) fn for_organization(client: Client) -> Self {
        Self::new(client, Scope::Organization)
    }
}

impl ProjectCertificates {
    pub(crate) fn for_project(client: Client, project_id: String) -> Self {
        Self::new(client, Scope::Project(project_id))
    }
}

impl<S: CertificateScope> Certificates<S> {
    /// One page of certificates.
    ///
    /// `GET /organization/certificates`, or
    /// `GET /organization/projects/{project_id}/certificates` in project scope. With
    /// [`ListParams::new`] no query is sent and the API's defaults apply (20 per page,
    /// newest first).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Validation`] before anything is sent when `limit` is outside 1 to
    /// 100 or `after` is empty; otherwise any [`crate::Error`] of the exchange.
    pub fn list(&self, params: ListParams) -> Call<CursorPage<Certificate>> {
        self.scope.list(self.client.clone(), &params)
    }

    /// Every certificate, page after page; see [`CertificatePager`].
    pub fn list_all(&self, params: ListParams) -> CertificatePager {
        CertificatePager::new(self.client.clone(), self.scope.clone(), params)
    }

    /// Deactivates 1 to 10 certificates in this scope, atomically.
    ///
    /// `POST /organization/certificates/deactivate`, or
    /// `POST /organization/projects/{project_id}/certificates/deactivate`. Idempotent:
    /// deactivating an inactive certificate is not an error. The answer is a page of the
    /// certificates with their new state.
    ///
    /// # Errors
    ///
    /// Awaiting the call fails with [`crate::Error::Validation`] before anything is sent
    /// when `ids` is empty, has more than 10 ids, or holds an empty id; otherwise with any
    /// [`crate::Error`] of the exchange.
    pub fn deactivate<I, S2>(&self, ids: I) -> Call<Page<Certificate>>
    where
        I: IntoIterator<Item = S2>,
        S2: Into<String>,
    {
        self.toggle(Toggle::Deactivate, collect_ids(ids))
    }

    /// Activates 1 to 10 certificates in this scope, atomically; the counterpart of
    /// [`deactivate`](Self::deactivate), with the same rules.
    ///
    /// # Errors
    ///
    /// As for [`deactivate`](Self::deactivate).
    pub fn activate<I, S2>(&self, ids: I) -> Call<Page<Certificate>>
    where
        I: IntoIterator<Item = S2>,
        S2: Into<String>,
    {
        self.toggle(Toggle::Activate, collect_ids(ids))
    }

    /// Deactivates any number of certificates, in batches of 10; see [`Bulk`].
    ///
    /// **Atomicity holds only within a batch**: if one batch fails, the others may
    /// still have succeeded. Awaiting the [`Bulk`] returns every outcome, in batch
    /// order, with its ids, so a caller can retry exactly the batches that failed.
    ///
    /// # Errors
    ///
    /// Awaiting it gives a [`crate::ValidationError`] before anything is sent when `ids`
    /// is empty or holds an empty id. Failures of single batches are in their
    /// [`crate::BatchOutcome`].
    pub fn bulk_deactivate<I, S2>(&self, ids: I) -> Bulk
    where
        I: IntoIterator<Item = S2>,
        S2: Into<String>,
    {
        Bulk::new(
            self.client.clone(),
            self.scope.clone(),
            Toggle::Deactivate,
            collect_ids(ids),
        )
    }

    /// Activates any number of certificates, in batches of 10; see
    /// [`bulk_deactivate`](Self::bulk_deactivate).
    ///
    /// # Errors
    ///
    /// As for [`bulk_deactivate`](Self::bulk_deactivate).
    pub fn bulk_activate<I, S2>(&self, ids: I) -> Bulk
    where
        I: IntoIterator<Item = S2>,
        S2: Into<String>,
    {
        Bulk::new(
            self.client.clone(),
            self.scope.clone(),
            Toggle::Activate,
            collect_ids(ids),
        )
    }

    fn toggle(&self, toggle: Toggle, ids: Vec<String>) -> Call<Page<Certificate>> {
        self.scope.toggle(self.client.clone(), toggle, ids)
    }
}
