//! The endpoints, grouped the way the API's paths are.

mod certificates;
mod organization;
mod organization_certificates;
pub(crate) mod scope;

pub use certificates::{
    CertificateScope, Certificates, OrganizationCertificates, OrganizationScope,
    ProjectCertificates, ProjectScope,
};
pub use organization::{Organization, Project};
