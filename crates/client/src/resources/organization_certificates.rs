use openai_admin_types::{Certificate, Page};

use crate::resources::scope::{collect_ids, Scope, Toggle};
use crate::{Call, Client};

/// The organization's certificates: `client.organization().certificates()`.
#[derive(Debug, Clone)]
pub struct OrganizationCertificates {
    client: Client,
}

impl OrganizationCertificates {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// Deactivates 1 to 10 certificates for the whole organization, atomically.
    ///
    /// `POST /organization/certificates/deactivate`. Idempotent: deactivating an
    /// inactive certificate is not an error. The answer is a page of the certificates
    /// with their new state.
    ///
    /// # Errors
    ///
    /// Awaiting the call fails with [`crate::Error::Validation`] before anything is sent
    /// when `ids` is empty, has more than 10 ids, or holds an empty id; otherwise with any
    /// [`crate::Error`] of the exchange.
    pub fn deactivate<I, S>(&self, ids: I) -> Call<Page<Certificate>>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Scope::Organization.toggle(self.client.clone(), Toggle::Deactivate, collect_ids(ids))
    }

    /// Activates 1 to 10 certificates for the whole organization, atomically.
    ///
    /// `POST /organization/certificates/activate`. Idempotent, like
    /// [`deactivate`](Self::deactivate).
    ///
    /// # Errors
    ///
    /// As for [`deactivate`](Self::deactivate).
    pub fn activate<I, S>(&self, ids: I) -> Call<Page<Certificate>>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Scope::Organization.toggle(self.client.clone(), Toggle::Activate, collect_ids(ids))
    }
}
