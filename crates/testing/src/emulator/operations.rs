//! The ten operations of the spec, over the emulator's state.
//!
//! Organization and project scope share one list and one toggle: the scope decides
//! the `object` tags and which activity set is read or written, nothing else.

use std::collections::BTreeSet;

use openai_admin_types::{
    Certificate, CertificateDetails, CertificateObject, CursorPage, DeletedCertificate, Extra,
    ModifyCertificateRequest, Page, ToggleCertificatesRequest, UploadCertificateRequest,
};
use serde_json::Value;

use super::api_error::ApiError;
use super::routes::{Matched, Operation, Scope, Switch};
use super::state::State;
use super::{body, pem, query, x509};

/// The most ids one toggle takes, from the spec.
const MAX_TOGGLE_IDS: usize = 10;

/// Carries out a matched request and returns the 200 body, or the error to answer.
pub(crate) fn perform(
    state: &mut State,
    matched: &Matched,
    query: Option<&str>,
    body: &[u8],
) -> Result<Value, ApiError> {
    let id = matched.certificate_id.as_deref().unwrap_or_default();
    match matched.operation {
        Operation::List => list(state, &matched.scope, query),
        Operation::Upload => upload(state, body),
        Operation::Retrieve => retrieve(state, id, query),
        Operation::Modify => modify(state, id, body),
        Operation::Delete => delete(state, id),
        Operation::Toggle(switch) => toggle(state, &matched.scope, switch, body),
    }
}

fn list(state: &State, scope: &Scope, query: Option<&str>) -> Result<Value, ApiError> {
    let paging = query::list_query(query)?;
    let ordered = state.ordered(paging.order);

    let start = match &paging.after {
        None => 0,
        Some(after) => match ordered.iter().position(|c| &c.id == after) {
            Some(position) => position + 1,
            None => {
                return Err(ApiError::invalid(
                    "after",
                    "invalid_value",
                    format!("Invalid 'after': no certificate has the id '{after}'."),
                ))
            }
        },
    };
    let page: Vec<&Certificate> = ordered
        .iter()
        .skip(start)
        .take(paging.limit)
        .copied()
        .collect();

    let data = page.iter().map(|c| scoped(state, scope, c)).collect();
    Ok(to_json(&CursorPage {
        object: "list".to_owned(),
        data,
        first_id: page.first().map(|c| c.id.clone()),
        last_id: page.last().map(|c| c.id.clone()),
        has_more: start + page.len() < ordered.len(),
        extra: Extra::new(),
    }))
}

fn upload(state: &mut State, body: &[u8]) -> Result<Value, ApiError> {
    let request: UploadCertificateRequest = body::decode(body, body::UPLOAD)?;
    let invalid = |reason: &str| {
        ApiError::invalid(
            "certificate",
            "invalid_value",
            format!("Invalid 'certificate': {reason}."),
        )
    };
    let der = pem::certificate_der(&request.certificate).map_err(invalid)?;
    let validity = x509::validity(&der).map_err(invalid)?;

    if state.len() >= state.certificate_limit {
        return Err(ApiError::bad_request(format!(
            "The organization already has {} certificates, the most it may upload.",
            state.certificate_limit
        )));
    }

    let certificate = Certificate {
        object: CertificateObject::Certificate,
        id: state.issue_certificate_id(),
        name: request.name,
        active: None,
        created_at: state.now,
        certificate_details: CertificateDetails {
            valid_at: Some(validity.not_before),
            expires_at: Some(validity.not_after),
            content: Some(request.certificate),
            extra: Extra::new(),
        },
        extra: Extra::new(),
    };
    let answer = single(&certificate, false);
    state.insert(certificate);
    Ok(answer)
}

fn retrieve(state: &State, id: &str, query: Option<&str>) -> Result<Value, ApiError> {
    let content = query::includes_content(query)?;
    let certificate = known(state, id)?;
    Ok(single(certificate, content))
}

fn modify(state: &mut State, id: &str, body: &[u8]) -> Result<Value, ApiError> {
    known(state, id)?;
    let request: ModifyCertificateRequest = body::decode(body, body::MODIFY)?;

    let certificate = state.certificate_mut(id).expect("known just above");
    certificate.name = Some(request.name);
    Ok(single(certificate, false))
}

fn delete(state: &mut State, id: &str) -> Result<Value, ApiError> {
    known(state, id)?;
    if state.in_use(id) {
        return Err(ApiError::bad_request(format!(
            "Certificate '{id}' is active for the organization or a project. Deactivate it \
             everywhere before deleting it."
        )));
    }

    state.remove(id);
    Ok(to_json(&DeletedCertificate {
        object: "certificate.deleted".to_owned(),
        id: id.to_owned(),
        extra: Extra::new(),
    }))
}

/// Activates or deactivates every id, or none: an unknown id changes nothing.
fn toggle(
    state: &mut State,
    scope: &Scope,
    switch: Switch,
    body: &[u8],
) -> Result<Value, ApiError> {
    let request: ToggleCertificatesRequest = body::decode(body, body::TOGGLE)?;
    let ids = toggle_ids(request.certificate_ids)?;
    for id in &ids {
        if state.certificate(id).is_none() {
            return Err(ApiError::no_such_certificate("certificate_ids", id));
        }
    }

    let active = switch == Switch::Activate;
    for id in &ids {
        state.set_active(scope, id, active);
    }

    let data = ids
        .iter()
        .map(|id| scoped(state, scope, state.certificate(id).expect("checked above")))
        .collect();
    let object = match (scope, switch) {
        (Scope::Organization, Switch::Activate) => "organization.certificate.activation",
        (Scope::Organization, Switch::Deactivate) => "organization.certificate.deactivation",
        (Scope::Project(_), Switch::Activate) => "organization.project.certificate.activation",
        (Scope::Project(_), Switch::Deactivate) => "organization.project.certificate.deactivation",
    };
    Ok(to_json(&Page {
        object: object.to_owned(),
        data,
        extra: Extra::new(),
    }))
}

/// Checks the count and the ids of a toggle, and drops repeats (keeping the first).
fn toggle_ids(ids: Vec<String>) -> Result<Vec<String>, ApiError> {
    if ids.is_empty() {
        return Err(ApiError::invalid(
            "certificate_ids",
            "empty_array",
            "Invalid 'certificate_ids': empty array. Expected an array with minimum length 1, \
             but got an empty array instead."
                .to_owned(),
        ));
    }
    if ids.len() > MAX_TOGGLE_IDS {
        return Err(ApiError::invalid(
            "certificate_ids",
            "array_above_max_length",
            format!(
                "Invalid 'certificate_ids': array too long. Expected an array with maximum \
                 length {MAX_TOGGLE_IDS}, but got an array with length {} instead.",
                ids.len()
            ),
        ));
    }
    if let Some(index) = ids.iter().position(String::is_empty) {
        let param = format!("certificate_ids[{index}]");
        return Err(ApiError::invalid(
            param.clone(),
            "empty_string",
            format!(
                "Invalid '{param}': empty string. Expected a string with minimum length 1, \
                 but got an empty string instead."
            ),
        ));
    }

    let mut seen = BTreeSet::new();
    Ok(ids
        .into_iter()
        .filter(|id| seen.insert(id.clone()))
        .collect())
}

fn known<'a>(state: &'a State, id: &str) -> Result<&'a Certificate, ApiError> {
    state
        .certificate(id)
        .ok_or_else(|| ApiError::no_such_certificate("certificate_id", id))
}

/// A certificate as a list or toggle at `scope` shows it: with `active`, no content.
fn scoped(state: &State, scope: &Scope, certificate: &Certificate) -> Value {
    let mut shown = certificate.clone();
    shown.object = match scope {
        Scope::Organization => CertificateObject::OrganizationCertificate,
        Scope::Project(_) => CertificateObject::OrganizationProjectCertificate,
    };
    shown.active = Some(state.is_active(scope, &certificate.id));
    shown.certificate_details.content = None;
    certificate_json(&shown)
}

/// A certificate as upload, retrieve and modify show it: no `active`.
fn single(certificate: &Certificate, content: bool) -> Value {
    let mut shown = certificate.clone();
    if !content {
        shown.certificate_details.content = None;
    }
    certificate_json(&shown)
}

/// The spec requires `name` and lets it be `null`; the types crate leaves out a
/// `None` name, so it is put back here.
fn certificate_json(certificate: &Certificate) -> Value {
    let mut value = to_json(certificate);
    if let Value::Object(object) = &mut value {
        object.entry("name").or_insert(Value::Null);
    }
    value
}

fn to_json(value: &impl serde::Serialize) -> Value {
    serde_json::to_value(value).expect("the types crate's models serialize to JSON")
}
