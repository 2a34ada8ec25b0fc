//! What the emulator remembers: the certificates, where each is active, the clock,
//! the counters behind ids, and the log of requests served.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use openai_admin_types::{Certificate, CertificateObject};

use super::query::Order;
use super::routes::Scope;
use super::ServedRequest;

pub(crate) struct State {
    /// Every certificate as retrieve with content would show it: object
    /// `certificate`, no `active`, the PEM in `certificate_details.content`.
    certificates: BTreeMap<String, Certificate>,
    active_in_organization: BTreeSet<String>,
    active_in_projects: BTreeMap<String, BTreeSet<String>>,
    pub(crate) now: i64,
    pub(crate) api_key: Option<String>,
    pub(crate) certificate_limit: usize,
    pub(crate) served: Vec<ServedRequest>,
    issued_certificates: u64,
    issued_requests: u64,
}

impl State {
    pub(crate) fn new(now: i64, api_key: Option<String>, certificate_limit: usize) -> Self {
        Self {
            certificates: BTreeMap::new(),
            active_in_organization: BTreeSet::new(),
            active_in_projects: BTreeMap::new(),
            now,
            api_key,
            certificate_limit,
            served: Vec::new(),
            issued_certificates: 0,
            issued_requests: 0,
        }
    }

    pub(crate) fn certificate(&self, id: &str) -> Option<&Certificate> {
        self.certificates.get(id)
    }

    pub(crate) fn certificate_mut(&mut self, id: &str) -> Option<&mut Certificate> {
        self.certificates.get_mut(id)
    }

    pub(crate) fn len(&self) -> usize {
        self.certificates.len()
    }

    /// Stores `certificate` in its canonical form, replacing one with the same id.
    pub(crate) fn insert(&mut self, mut certificate: Certificate) {
        certificate.object = CertificateObject::Certificate;
        certificate.active = None;
        self.certificates
            .insert(certificate.id.clone(), certificate);
    }

    /// Forgets the certificate and where it was active.
    pub(crate) fn remove(&mut self, id: &str) -> Option<Certificate> {
        self.active_in_organization.remove(id);
        for active in self.active_in_projects.values_mut() {
            active.remove(id);
        }
        self.certificates.remove(id)
    }

    /// Every certificate, by `created_at` and then by id, in `order`.
    pub(crate) fn ordered(&self, order: Order) -> Vec<&Certificate> {
        let mut certificates: Vec<&Certificate> = self.certificates.values().collect();
        certificates.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
        if order == Order::Desc {
            certificates.reverse();
        }
        certificates
    }

    pub(crate) fn is_active(&self, scope: &Scope, id: &str) -> bool {
        match scope {
            Scope::Organization => self.active_in_organization.contains(id),
            Scope::Project(project) => self
                .active_in_projects
                .get(project)
                .is_some_and(|active| active.contains(id)),
        }
    }

    pub(crate) fn set_active(&mut self, scope: &Scope, id: &str, active: bool) {
        let set = match scope {
            Scope::Organization => &mut self.active_in_organization,
            Scope::Project(project) => self.active_in_projects.entry(project.clone()).or_default(),
        };
        if active {
            set.insert(id.to_owned());
        } else {
            set.remove(id);
        }
    }

    /// Whether the certificate is active for the organization or for any project.
    pub(crate) fn in_use(&self, id: &str) -> bool {
        self.active_in_organization.contains(id)
            || self
                .active_in_projects
                .values()
                .any(|active| active.contains(id))
    }

    /// The next `cert_emu_NNNN` that no certificate has.
    pub(crate) fn issue_certificate_id(&mut self) -> String {
        loop {
            self.issued_certificates += 1;
            let id = format!("cert_emu_{:04}", self.issued_certificates);
            if !self.certificates.contains_key(&id) {
                return id;
            }
        }
    }

    /// The next `req_emu_NNNN`.
    pub(crate) fn issue_request_id(&mut self) -> String {
        self.issued_requests += 1;
        format!("req_emu_{:04}", self.issued_requests)
    }
}

impl fmt::Debug for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Emulator")
            .field("certificates", &self.certificates.len())
            .field("requests_served", &self.served.len())
            .field("now", &self.now)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use openai_admin_types::CertificateDetails;

    use super::*;

    fn certificate(id: &str, created_at: i64) -> Certificate {
        Certificate {
            object: CertificateObject::OrganizationCertificate,
            id: id.to_owned(),
            name: None,
            active: Some(true),
            created_at,
            certificate_details: CertificateDetails::default(),
            extra: Default::default(),
        }
    }

    #[test]
    fn orders_by_created_at_then_id() {
        let mut state = State::new(0, None, 50);
        for (id, created_at) in [("b", 1), ("a", 1), ("c", 0)] {
            state.insert(certificate(id, created_at));
        }

        let ids = |order| {
            state
                .ordered(order)
                .iter()
                .map(|c| c.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(Order::Asc), ["c", "a", "b"]);
        assert_eq!(ids(Order::Desc), ["b", "a", "c"]);
    }

    #[test]
    fn stores_the_canonical_form() {
        let mut state = State::new(0, None, 50);
        state.insert(certificate("a", 0));
        let stored = state.certificate("a").unwrap();
        assert_eq!(
            (&stored.object, stored.active),
            (&CertificateObject::Certificate, None)
        );
    }

    #[test]
    fn activity_is_kept_per_scope_and_dropped_on_removal() {
        let mut state = State::new(0, None, 50);
        state.insert(certificate("a", 0));
        let project = Scope::Project("p".into());

        state.set_active(&project, "a", true);
        assert!(state.is_active(&project, "a"));
        assert!(!state.is_active(&Scope::Organization, "a"));
        assert!(!state.is_active(&Scope::Project("q".into()), "a"));
        assert!(state.in_use("a"));

        state.remove("a");
        assert!(!state.in_use("a"));
    }

    #[test]
    fn issued_ids_count_up_and_skip_taken_ones() {
        let mut state = State::new(0, None, 50);
        state.insert(certificate("cert_emu_0002", 0));

        assert_eq!(state.issue_certificate_id(), "cert_emu_0001");
        assert_eq!(state.issue_certificate_id(), "cert_emu_0003");
        assert_eq!(state.issue_request_id(), "req_emu_0001");
        assert_eq!(state.issue_request_id(), "req_emu_0002");
    }
}
