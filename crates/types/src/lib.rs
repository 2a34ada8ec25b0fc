//! Serde models of the OpenAI Admin API's certificate endpoints.
//!
//! This crate holds the data and nothing else: no HTTP, no I/O, no async. Depend on it
//! alone when you receive these objects some other way (a webhook relay, a cache, a
//! recorded fixture) or when you want to share them between services without pulling in
//! a client. The `openai-admin` crate uses these same types for every call it makes, and
//! the `openai-admin-testing` emulator uses them for every answer it gives.
//!
//! Every model is forward compatible:
//!
//! - optional fields decode from an absent key *and* from `null` to `None`;
//! - an `object` value this version does not know decodes to
//!   [`CertificateObject::Other`], keeping the raw string;
//! - fields this version does not know are kept in `extra` and written back out
//!   unchanged when the value is serialized again.
//!
//! ```
//! use openai_admin_types::{Certificate, CertificateObject, Page};
//!
//! let body = r#"{"object":"organization.certificate.deactivation","data":[
//!     {"object":"organization.certificate","id":"cert_abc","name":null,"active":false,
//!      "created_at":1234567,"certificate_details":{"valid_at":12345667,"expires_at":12345678},
//!      "fingerprint":"ab:cd"}]}"#;
//! let page: Page<Certificate> = serde_json::from_str(body)?;
//!
//! let certificate = &page.data[0];
//! assert_eq!(certificate.object, CertificateObject::OrganizationCertificate);
//! assert_eq!(certificate.name, None);
//! assert_eq!(certificate.active, Some(false));
//! assert_eq!(certificate.certificate_details.expires_at, Some(12345678));
//! assert_eq!(certificate.extra["fingerprint"], "ab:cd");
//! # Ok::<(), serde_json::Error>(())
//! ```

mod certificate;
mod deleted;
mod error_body;
mod object;
mod page;
mod request;

pub use certificate::{Certificate, CertificateDetails};
pub use deleted::DeletedCertificate;
pub use error_body::{ApiErrorBody, ApiErrorObject};
pub use object::CertificateObject;
pub use page::{CursorPage, Page};
pub use request::{ModifyCertificateRequest, ToggleCertificatesRequest, UploadCertificateRequest};

/// Fields of an object that this version of the crate does not know, with their values
/// exactly as received, written back out on serialization (sorted by name, as
/// `serde_json::Map` keeps them).
pub type Extra = serde_json::Map<String, serde_json::Value>;
