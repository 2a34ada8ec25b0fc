use std::fmt;
use std::sync::{Arc, Mutex};

use openai_admin_types::{Certificate, CertificateDetails, CertificateObject, Extra};

use super::routes::Scope;
use super::state::State;
use super::Emulator;
use crate::fake_certificate_pem;

/// The emulator's clock before anyone sets it: 2023-11-14T22:13:20Z.
pub const DEFAULT_NOW: i64 = 1_700_000_000;

/// How many certificates an organization may upload, from the spec.
pub const DEFAULT_CERTIFICATE_LIMIT: usize = 50;

/// How long a certificate seeded with [`EmulatorBuilder::certificate`] is valid.
const SEEDED_VALIDITY: i64 = 365 * 86_400;

/// Sets up an [`Emulator`]: its clock, its key, and the certificates it starts with.
///
/// ```
/// use openai_admin_testing::Emulator;
///
/// let emulator = Emulator::builder()
///     .now(1_800_000_000)
///     .api_key("sk-admin-test")
///     .certificate("cert_a", "Primary", true)
///     .certificate("cert_b", "Backup", false)
///     .active_in_project("proj_1", "cert_b")
///     .build();
///
/// assert!(emulator.is_active("cert_a"));
/// assert!(emulator.is_active_in_project("proj_1", "cert_b"));
/// assert_eq!(emulator.certificate("cert_b").unwrap().created_at, 1_800_000_000);
/// ```
#[derive(Clone)]
pub struct EmulatorBuilder {
    now: i64,
    api_key: Option<String>,
    certificate_limit: usize,
    seeds: Vec<Seed>,
    project_activations: Vec<(String, String)>,
}

/// A certificate to start with, and whether it is active for the organization.
#[derive(Clone)]
enum Seed {
    /// Made at `build`, once the clock is known.
    Named {
        id: String,
        name: String,
        active: bool,
    },
    Given {
        certificate: Certificate,
        active: bool,
    },
}

impl Seed {
    fn into_certificate(self, now: i64) -> (Certificate, bool) {
        match self {
            Self::Given {
                certificate,
                active,
            } => (certificate, active),
            Self::Named { id, name, active } => {
                let expires_at = now + SEEDED_VALIDITY;
                let certificate = Certificate {
                    object: CertificateObject::Certificate,
                    id,
                    name: Some(name),
                    active: None,
                    created_at: now,
                    certificate_details: CertificateDetails {
                        valid_at: Some(now),
                        expires_at: Some(expires_at),
                        content: Some(fake_certificate_pem(now, expires_at)),
                        extra: Extra::new(),
                    },
                    extra: Extra::new(),
                };
                (certificate, active)
            }
        }
    }
}

impl EmulatorBuilder {
    pub(crate) fn new() -> Self {
        Self {
            now: DEFAULT_NOW,
            api_key: None,
            certificate_limit: DEFAULT_CERTIFICATE_LIMIT,
            seeds: Vec::new(),
            project_activations: Vec::new(),
        }
    }

    /// Sets the clock, in unix seconds ([`DEFAULT_NOW`] unless set). Uploads take their
    /// `created_at` from it, and so do certificates seeded with
    /// [`certificate`](Self::certificate), whenever in the chain this is called.
    pub fn now(mut self, unix_seconds: i64) -> Self {
        self.now = unix_seconds;
        self
    }

    /// Accepts only `Authorization: Bearer <key>`; any other key gets a 401. Without
    /// this, any non-empty bearer token is accepted.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// How many certificates the organization may hold before uploads get a 400
    /// ([`DEFAULT_CERTIFICATE_LIMIT`] unless set). Seeds may go over it.
    pub fn certificate_limit(mut self, limit: usize) -> Self {
        self.certificate_limit = limit;
        self
    }

    /// Seeds a certificate named `name`, created now, valid from now for 365 days,
    /// whose content is a [`fake_certificate_pem`] of that window; `active` is its
    /// state for the organization. A later seed with the same id replaces this one.
    pub fn certificate(
        mut self,
        id: impl Into<String>,
        name: impl Into<String>,
        active: bool,
    ) -> Self {
        self.seeds.push(Seed::Named {
            id: id.into(),
            name: name.into(),
            active,
        });
        self
    }

    /// Seeds `certificate` as given: its id, name, `created_at`, details and unknown
    /// fields are kept, `object` is ignored, and `active` (absent meaning `false`) is its
    /// state for the organization. A later seed with the same id replaces this one.
    pub fn seed(mut self, certificate: Certificate) -> Self {
        let active = certificate.active.unwrap_or(false);
        self.seeds.push(Seed::Given {
            certificate,
            active,
        });
        self
    }

    /// Marks a seeded certificate active in `project`; every other pair of project and
    /// certificate starts inactive.
    pub fn active_in_project(mut self, project: impl Into<String>, id: impl Into<String>) -> Self {
        self.project_activations.push((project.into(), id.into()));
        self
    }

    /// The emulator, holding the seeds.
    ///
    /// # Panics
    ///
    /// Panics when [`active_in_project`](Self::active_in_project) names a certificate
    /// that was not seeded, since the test would otherwise check something unintended.
    pub fn build(self) -> Emulator {
        let mut state = State::new(self.now, self.api_key, self.certificate_limit);

        for seed in self.seeds {
            let (certificate, active) = seed.into_certificate(self.now);
            let id = certificate.id.clone();
            state.remove(&id);
            state.insert(certificate);
            state.set_active(&Scope::Organization, &id, active);
        }

        for (project, id) in self.project_activations {
            assert!(
                state.certificate(&id).is_some(),
                "active_in_project({project:?}, {id:?}) names a certificate that was not seeded"
            );
            state.set_active(&Scope::Project(project), &id, true);
        }

        Emulator {
            state: Arc::new(Mutex::new(state)),
        }
    }
}

impl fmt::Debug for EmulatorBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmulatorBuilder")
            .field("now", &self.now)
            .field("requires_api_key", &self.api_key.is_some())
            .field("certificate_limit", &self.certificate_limit)
            .field("seeds", &self.seeds.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_certificates_take_the_clock_whenever_it_is_set() {
        let emulator = Emulator::builder()
            .certificate("cert_a", "A", false)
            .now(86_400)
            .build();

        let seeded = emulator.certificate("cert_a").unwrap();
        assert_eq!(seeded.created_at, 86_400);
        assert_eq!(seeded.certificate_details.valid_at, Some(86_400));
        assert_eq!(
            seeded.certificate_details.expires_at,
            Some(86_400 + 365 * 86_400)
        );
        assert_eq!(
            seeded.certificate_details.content,
            Some(fake_certificate_pem(86_400, 86_400 + 365 * 86_400))
        );
    }

    #[test]
    fn full_seeds_keep_their_fields_and_later_seeds_replace_earlier() {
        let body = serde_json::json!({"object": "organization.certificate", "id": "cert_x",
            "name": null, "active": true, "created_at": 5,
            "certificate_details": {"valid_at": 1, "expires_at": 9}, "fingerprint": "ab"});
        let certificate: Certificate = serde_json::from_value(body).unwrap();

        let emulator = Emulator::builder()
            .certificate("cert_x", "replaced", false)
            .seed(certificate)
            .build();

        let stored = emulator.certificate("cert_x").unwrap();
        assert_eq!((stored.name, stored.created_at), (None, 5));
        assert_eq!(stored.extra["fingerprint"], "ab");
        assert!(emulator.is_active("cert_x"));
    }

    #[test]
    #[should_panic(expected = "names a certificate that was not seeded")]
    fn project_activation_of_an_unseeded_certificate_is_a_mistake() {
        Emulator::builder()
            .active_in_project("proj", "cert_missing")
            .build();
    }

    #[test]
    fn debug_hides_the_key() {
        let builder = Emulator::builder().api_key("sk-secret");
        assert_eq!(
            format!("{builder:?}"),
            "EmulatorBuilder { now: 1700000000, requires_api_key: true, \
             certificate_limit: 50, seeds: 0 }"
        );
    }
}
