//! The one table of every API operation the client performs.

use http::Method;

/// One API operation: how it is sent and whether it may be repeated safely.
///
/// The client builds every request from this table, and the retry policy reads
/// `idempotent` from it, so a new operation is described in exactly one place.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Operation {
    /// The `operationId` in OpenAI's OpenAPI document.
    pub id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path below the base URL, with `{name}` placeholders for ids.
    pub path: &'static str,
    /// Whether sending it twice has the same effect as sending it once, so that it may
    /// be retried after an unclear outcome.
    pub idempotent: bool,
}

const fn op(id: &'static str, method: Method, path: &'static str, idempotent: bool) -> Operation {
    Operation {
        id,
        method,
        path,
        idempotent,
    }
}

pub(crate) static LIST_ORGANIZATION: Operation = op(
    "listOrganizationCertificates",
    Method::GET,
    "/organization/certificates",
    true,
);
pub(crate) static UPLOAD: Operation = op(
    "uploadCertificate",
    Method::POST,
    "/organization/certificates",
    false,
);
pub(crate) static RETRIEVE: Operation = op(
    "getCertificate",
    Method::GET,
    "/organization/certificates/{certificate_id}",
    true,
);
pub(crate) static MODIFY: Operation = op(
    "modifyCertificate",
    Method::POST,
    "/organization/certificates/{certificate_id}",
    true,
);
pub(crate) static DELETE: Operation = op(
    "deleteCertificate",
    Method::DELETE,
    "/organization/certificates/{certificate_id}",
    true,
);
pub(crate) static ACTIVATE_ORGANIZATION: Operation = op(
    "activateOrganizationCertificates",
    Method::POST,
    "/organization/certificates/activate",
    true,
);
pub(crate) static DEACTIVATE_ORGANIZATION: Operation = op(
    "deactivateOrganizationCertificates",
    Method::POST,
    "/organization/certificates/deactivate",
    true,
);
pub(crate) static LIST_PROJECT: Operation = op(
    "listProjectCertificates",
    Method::GET,
    "/organization/projects/{project_id}/certificates",
    true,
);
pub(crate) static ACTIVATE_PROJECT: Operation = op(
    "activateProjectCertificates",
    Method::POST,
    "/organization/projects/{project_id}/certificates/activate",
    true,
);
pub(crate) static DEACTIVATE_PROJECT: Operation = op(
    "deactivateProjectCertificates",
    Method::POST,
    "/organization/projects/{project_id}/certificates/deactivate",
    true,
);

static ALL: [&Operation; 10] = [
    &LIST_ORGANIZATION,
    &UPLOAD,
    &RETRIEVE,
    &MODIFY,
    &DELETE,
    &ACTIVATE_ORGANIZATION,
    &DEACTIVATE_ORGANIZATION,
    &LIST_PROJECT,
    &ACTIVATE_PROJECT,
    &DEACTIVATE_PROJECT,
];

/// Every operation this client performs, each with a method on the client.
pub fn operations() -> &'static [&'static Operation] {
    &ALL
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_routes_are_unique() {
        let mut ids: Vec<_> = ALL.iter().map(|op| op.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ALL.len());

        let mut routes: Vec<_> = ALL.iter().map(|op| (op.method.as_str(), op.path)).collect();
        routes.sort_unstable();
        routes.dedup();
        assert_eq!(routes.len(), ALL.len());
    }

    #[test]
    fn only_upload_is_not_idempotent() {
        let not_idempotent: Vec<_> = ALL
            .iter()
            .filter(|op| !op.idempotent)
            .map(|op| op.id)
            .collect();
        assert_eq!(not_idempotent, ["uploadCertificate"]);
    }
}
