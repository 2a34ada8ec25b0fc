use crate::resources::{OrganizationCertificates, ProjectCertificates};
use crate::Client;

/// The organization's endpoints: `client.organization()`.
#[derive(Debug, Clone)]
pub struct Organization {
    client: Client,
}

impl Organization {
    pub(crate) fn new(client: Client) -> Self {
        Self { client }
    }

    /// The certificates uploaded to the organization.
    pub fn certificates(&self) -> OrganizationCertificates {
        OrganizationCertificates::for_organization(self.client.clone())
    }

    /// One project of the organization, by id.
    ///
    /// The id is checked when a call is made: an empty id, `.` or `..` fail that call
    /// with a validation error before anything is sent.
    pub fn project(&self, project_id: impl Into<String>) -> Project {
        Project {
            client: self.client.clone(),
            project_id: project_id.into(),
        }
    }
}

/// One project's endpoints: `client.organization().project("proj_abc")`.
#[derive(Debug, Clone)]
pub struct Project {
    client: Client,
    project_id: String,
}

impl Project {
    /// The project's id, as given.
    pub fn id(&self) -> &str {
        &self.project_id
    }

    /// The organization's certificates as seen from this project.
    pub fn certificates(&self) -> ProjectCertificates {
        ProjectCertificates::for_project(self.client.clone(), self.project_id.clone())
    }
}
