use openai_admin_types::{
    Certificate, CursorPage, DeletedCertificate, ModifyCertificateRequest, Page,
    UploadCertificateRequest,
};

use crate::operation::{self, Operation};
use crate::path::render;
use crate::request::Prepared;
use crate::resources::scope::{collect_ids, Scope, Toggle};
use crate::{bulk, validation, BatchOutcome, Call, CertificatePager, Client, ListParams};
use crate::{ValidationError, DEFAULT_BULK_CONCURRENCY};

/// The organization's certificates: `client.organization().certificates()`.
#[derive(Debug, Clone)]
pub struct OrganizationCertificates {
    client: Client,
}

impl OrganizationCertificates {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// One page of the organization's certificates.
    ///
    /// `GET /organization/certificates`. With [`ListParams::new`] no query is sent and
    /// the API's defaults apply (20 per page, newest first).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Validation`] before anything is sent when `limit` is outside 1 to
    /// 100 or `after` is empty; otherwise any [`crate::Error`] of the exchange.
    pub fn list(&self, params: ListParams) -> Call<CursorPage<Certificate>> {
        Scope::Organization.list(self.client.clone(), &params)
    }

    /// Every certificate of the organization, page after page; see
    /// [`CertificatePager`].
    pub fn list_all(&self, params: ListParams) -> CertificatePager {
        CertificatePager::new(self.client.clone(), Scope::Organization, params)
    }

    /// Uploads a certificate in PEM format, with an optional name. It starts inactive.
    ///
    /// `POST /organization/certificates`. Not idempotent: after an unclear outcome (a
    /// timeout, a dropped connection, a 5xx) it is not sent again, because the first
    /// upload may have succeeded; it is retried only when the connection could not
    /// even be made. Opt in to more with
    /// [`RequestOptions::retry_non_idempotent`](crate::RequestOptions::retry_non_idempotent).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Validation`] before anything is sent when the PEM or the name is
    /// empty; otherwise any [`crate::Error`] of the exchange.
    pub fn upload(&self, pem: impl Into<String>, name: Option<String>) -> Call<Certificate> {
        let body = UploadCertificateRequest {
            certificate: pem.into(),
            name,
        };
        let prepared = validation::required("certificate", &body.certificate)
            .and_then(|()| {
                body.name
                    .as_deref()
                    .map_or(Ok(()), |name| validation::required("name", name))
            })
            .map(|()| {
                Prepared::new(&operation::UPLOAD, operation::UPLOAD.path.to_owned())
                    .with_json(&body)
            });
        Call::new(self.client.clone(), prepared)
    }

    /// One certificate, without its PEM content.
    ///
    /// `GET /organization/certificates/{certificate_id}`.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Validation`] before anything is sent when the id is empty, `.`
    /// or `..`; otherwise any [`crate::Error`] of the exchange.
    pub fn retrieve(&self, certificate_id: &str) -> Call<Certificate> {
        self.by_id(&operation::RETRIEVE, certificate_id, |prepared| prepared)
    }

    /// One certificate with its PEM content (`include[]=content`, as the official SDKs
    /// send it).
    ///
    /// # Errors
    ///
    /// As for [`retrieve`](Self::retrieve).
    pub fn retrieve_with_content(&self, certificate_id: &str) -> Call<Certificate> {
        self.by_id(&operation::RETRIEVE, certificate_id, |prepared| {
            prepared.with_query("include[]", "content")
        })
    }

    /// Renames a certificate.
    ///
    /// `POST /organization/certificates/{certificate_id}` with `{"name": ...}`.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Validation`] before anything is sent when the id is empty, `.`
    /// or `..`, or the name is empty; otherwise any [`crate::Error`] of the exchange.
    pub fn modify(&self, certificate_id: &str, name: impl Into<String>) -> Call<Certificate> {
        let body = ModifyCertificateRequest { name: name.into() };
        if let Err(error) = validation::required("name", &body.name) {
            return Call::new(self.client.clone(), Err(error));
        }
        self.by_id(&operation::MODIFY, certificate_id, |prepared| {
            prepared.with_json(&body)
        })
    }

    /// Deletes a certificate.
    ///
    /// `DELETE /organization/certificates/{certificate_id}`.
    ///
    /// # Errors
    ///
    /// As for [`retrieve`](Self::retrieve).
    pub fn delete(&self, certificate_id: &str) -> Call<DeletedCertificate> {
        self.by_id(&operation::DELETE, certificate_id, |prepared| prepared)
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

    /// Deactivates any number of certificates, in batches of 10 run
    /// [`DEFAULT_BULK_CONCURRENCY`] at a time.
    ///
    /// **Atomicity holds only within a batch**: if one batch fails, the others may
    /// still have succeeded. Every outcome is returned, in batch order, with its ids, so
    /// a caller can retry exactly the batches that failed.
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
        self.bulk(
            Toggle::Deactivate,
            collect_ids(ids),
            DEFAULT_BULK_CONCURRENCY,
        )
        .await
    }

    /// Activates any number of certificates in batches of 10; see
    /// [`bulk_deactivate`](Self::bulk_deactivate).
    ///
    /// # Errors
    ///
    /// As for [`bulk_deactivate`](Self::bulk_deactivate).
    pub async fn bulk_activate<I, S>(&self, ids: I) -> Result<Vec<BatchOutcome>, ValidationError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.bulk(Toggle::Activate, collect_ids(ids), DEFAULT_BULK_CONCURRENCY)
            .await
    }

    /// As [`bulk_deactivate`](Self::bulk_deactivate) with `concurrency` batches in flight.
    ///
    /// # Errors
    ///
    /// As for [`bulk_deactivate`](Self::bulk_deactivate).
    pub async fn bulk_deactivate_with_concurrency(
        &self,
        ids: Vec<String>,
        concurrency: usize,
    ) -> Result<Vec<BatchOutcome>, ValidationError> {
        self.bulk(Toggle::Deactivate, ids, concurrency).await
    }

    async fn bulk(
        &self,
        toggle: Toggle,
        ids: Vec<String>,
        concurrency: usize,
    ) -> Result<Vec<BatchOutcome>, ValidationError> {
        bulk::run(&self.client, &Scope::Organization, toggle, ids, concurrency).await
    }

    fn by_id<T>(
        &self,
        operation: &'static Operation,
        certificate_id: &str,
        finish: impl FnOnce(Prepared) -> Prepared,
    ) -> Call<T> {
        let prepared = render(operation.path, &[("certificate_id", certificate_id)])
            .map(|path| finish(Prepared::new(operation, path)));
        Call::new(self.client.clone(), prepared)
    }
}
