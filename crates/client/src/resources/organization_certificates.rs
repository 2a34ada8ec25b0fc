//! Certificate calls that exist only at organization level.

use openai_admin_types::{
    Certificate, DeletedCertificate, ModifyCertificateRequest, UploadCertificateRequest,
};

use crate::operation::{self, Operation};
use crate::path::render;
use crate::request::Prepared;
use crate::resources::{Certificates, OrganizationScope};
use crate::{validation, Call};

impl Certificates<OrganizationScope> {
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
