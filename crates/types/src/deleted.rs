use serde::{Deserialize, Serialize};

use crate::Extra;

/// The answer to deleting a certificate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeletedCertificate {
    /// Always `certificate.deleted` today.
    pub object: String,
    /// The id of the certificate that was deleted.
    pub id: String,
    /// Fields this version does not know, kept for re-serialization.
    #[serde(flatten)]
    pub extra: Extra,
}
