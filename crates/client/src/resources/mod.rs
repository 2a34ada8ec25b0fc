//! The endpoints, grouped the way the API's paths are.

mod organization;
mod organization_certificates;
mod project_certificates;
pub(crate) mod scope;

pub use organization::{Organization, Project};
pub use organization_certificates::OrganizationCertificates;
pub use project_certificates::ProjectCertificates;
