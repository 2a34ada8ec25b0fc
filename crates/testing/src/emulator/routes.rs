//! The route table: which method and path is which operation of the spec.
//!
//! Routing looks at the path only. Everything up to the first `organization` segment
//! is a base path and is skipped, so `/v1/organization/...`, `/organization/...` and
//! `/any/prefix/organization/...` all route alike. The path is split on `/` *before*
//! percent-decoding: literal segments are compared as sent, and only the captured ids
//! are decoded. So `%2F` inside an id stays inside that id (`a%2Fb` is the one id
//! `a/b`), and an encoded `..%2Fadmin_api_keys` is an odd certificate id, never a
//! path to another route.

use http::Method;
use percent_encoding::percent_decode_str;

/// Which way a toggle switches certificates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Switch {
    Activate,
    Deactivate,
}

/// An operation of the spec, apart from its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operation {
    List,
    Upload,
    Retrieve,
    Modify,
    Delete,
    Toggle(Switch),
}

/// Where a list or a toggle looks: the organization, or one project in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scope {
    Organization,
    Project(String),
}

#[derive(Debug, Clone, Copy)]
enum Segment {
    Literal(&'static str),
    CertificateId,
    ProjectId,
}

use Segment::{CertificateId, Literal, ProjectId};

struct Route {
    method: Method,
    /// The segments after `organization`.
    segments: &'static [Segment],
    operation: Operation,
    /// The spec's `operationId`.
    operation_id: &'static str,
}

const CERTIFICATES: &[Segment] = &[Literal("certificates")];
const ACTIVATE: &[Segment] = &[Literal("certificates"), Literal("activate")];
const DEACTIVATE: &[Segment] = &[Literal("certificates"), Literal("deactivate")];
const ONE: &[Segment] = &[Literal("certificates"), CertificateId];
const PROJECT: &[Segment] = &[Literal("projects"), ProjectId, Literal("certificates")];
const PROJECT_ACTIVATE: &[Segment] = &[
    Literal("projects"),
    ProjectId,
    Literal("certificates"),
    Literal("activate"),
];
const PROJECT_DEACTIVATE: &[Segment] = &[
    Literal("projects"),
    ProjectId,
    Literal("certificates"),
    Literal("deactivate"),
];

/// Literal routes come before the `{certificate_id}` routes they overlap with, so
/// `POST .../certificates/activate` is the toggle and not a rename of `activate`.
static ROUTES: [Route; 10] = [
    route(
        Method::GET,
        CERTIFICATES,
        Operation::List,
        "listOrganizationCertificates",
    ),
    route(
        Method::POST,
        CERTIFICATES,
        Operation::Upload,
        "uploadCertificate",
    ),
    route(
        Method::POST,
        ACTIVATE,
        Operation::Toggle(Switch::Activate),
        "activateOrganizationCertificates",
    ),
    route(
        Method::POST,
        DEACTIVATE,
        Operation::Toggle(Switch::Deactivate),
        "deactivateOrganizationCertificates",
    ),
    route(Method::GET, ONE, Operation::Retrieve, "getCertificate"),
    route(Method::POST, ONE, Operation::Modify, "modifyCertificate"),
    route(Method::DELETE, ONE, Operation::Delete, "deleteCertificate"),
    route(
        Method::GET,
        PROJECT,
        Operation::List,
        "listProjectCertificates",
    ),
    route(
        Method::POST,
        PROJECT_ACTIVATE,
        Operation::Toggle(Switch::Activate),
        "activateProjectCertificates",
    ),
    route(
        Method::POST,
        PROJECT_DEACTIVATE,
        Operation::Toggle(Switch::Deactivate),
        "deactivateProjectCertificates",
    ),
];

const fn route(
    method: Method,
    segments: &'static [Segment],
    operation: Operation,
    operation_id: &'static str,
) -> Route {
    Route {
        method,
        segments,
        operation,
        operation_id,
    }
}

/// A request matched to an operation, with its decoded path parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Matched {
    pub(crate) operation: Operation,
    pub(crate) operation_id: &'static str,
    pub(crate) scope: Scope,
    pub(crate) certificate_id: Option<String>,
}

/// What the route table says about a method and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolution {
    Matched(Matched),
    /// The path exists but not with this method; `allow` lists the methods it takes.
    WrongMethod {
        allow: String,
    },
    NoRoute,
}

/// Finds the operation for `method` and `path` (the URI's path, still encoded).
pub(crate) fn resolve(method: &Method, path: &str) -> Resolution {
    let segments: Vec<&str> = path.split('/').collect();
    let Some(start) = segments
        .iter()
        .position(|segment| *segment == "organization")
    else {
        return Resolution::NoRoute;
    };
    let segments = &segments[start + 1..];

    let mut allow: Vec<&str> = Vec::new();
    for route in &ROUTES {
        let Some(captures) = capture(route.segments, segments) else {
            continue;
        };
        if route.method == method {
            return Resolution::Matched(Matched {
                operation: route.operation,
                operation_id: route.operation_id,
                scope: captures.project.map_or(Scope::Organization, Scope::Project),
                certificate_id: captures.certificate,
            });
        }
        if !allow.contains(&route.method.as_str()) {
            allow.push(route.method.as_str());
        }
    }

    if allow.is_empty() {
        Resolution::NoRoute
    } else {
        Resolution::WrongMethod {
            allow: allow.join(", "),
        }
    }
}

#[derive(Default)]
struct Captures {
    certificate: Option<String>,
    project: Option<String>,
}

fn capture(pattern: &[Segment], segments: &[&str]) -> Option<Captures> {
    if pattern.len() != segments.len() {
        return None;
    }

    let mut captures = Captures::default();
    for (expected, &raw) in pattern.iter().zip(segments) {
        match expected {
            Literal(literal) if *literal == raw => {}
            Literal(_) => return None,
            _ if raw.is_empty() => return None,
            CertificateId => captures.certificate = Some(decode(raw)),
            ProjectId => captures.project = Some(decode(raw)),
        }
    }
    Some(captures)
}

/// Percent-decodes one path segment. Bytes that are not UTF-8 become U+FFFD, which
/// no id the emulator hands out contains, so such an id is simply unknown.
fn decode(raw: &str) -> String {
    percent_decode_str(raw).decode_utf8_lossy().into_owned()
}

/// Every route as (method, path template, operationId), for checking against the spec.
#[cfg(test)]
pub(crate) fn table() -> Vec<(Method, String, &'static str)> {
    ROUTES
        .iter()
        .map(|route| {
            let path: String = route
                .segments
                .iter()
                .map(|segment| match segment {
                    Literal(literal) => format!("/{literal}"),
                    CertificateId => "/{certificate_id}".to_owned(),
                    ProjectId => "/{project_id}".to_owned(),
                })
                .collect();
            (
                route.method.clone(),
                format!("/organization{path}"),
                route.operation_id,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matched(method: Method, path: &str) -> Matched {
        match resolve(&method, path) {
            Resolution::Matched(matched) => matched,
            other => panic!("{method} {path} did not match: {other:?}"),
        }
    }

    #[test]
    fn any_base_path_before_organization_routes_alike() {
        for path in [
            "/organization/certificates",
            "/v1/organization/certificates",
            "/proxy/openai/v1/organization/certificates",
        ] {
            assert_eq!(
                matched(Method::GET, path).operation_id,
                "listOrganizationCertificates"
            );
        }
        assert_eq!(
            resolve(&Method::GET, "/v1/certificates"),
            Resolution::NoRoute
        );
    }

    #[test]
    fn literal_segments_win_over_ids_but_only_when_sent_literally() {
        let toggle = matched(Method::POST, "/v1/organization/certificates/activate");
        assert_eq!(toggle.operation, Operation::Toggle(Switch::Activate));

        let rename = matched(Method::POST, "/v1/organization/certificates/activat%65");
        assert_eq!(rename.operation, Operation::Modify);
        assert_eq!(rename.certificate_id.as_deref(), Some("activate"));
    }

    #[test]
    fn ids_are_decoded_after_splitting() {
        for (raw, id) in [
            ("a%2Fb", "a/b"),
            ("..%2Fadmin_api_keys", "../admin_api_keys"),
            ("cert%20one%3F%23", "cert one?#"),
            ("caf%C3%A9", "café"),
            ("%FF", "\u{fffd}"),
            ("..", ".."),
        ] {
            let path = format!("/v1/organization/certificates/{raw}");
            let retrieve = matched(Method::GET, &path);
            assert_eq!(retrieve.operation, Operation::Retrieve, "{raw}");
            assert_eq!(retrieve.certificate_id.as_deref(), Some(id), "{raw}");
        }
    }

    #[test]
    fn project_routes_capture_the_project() {
        let list = matched(
            Method::GET,
            "/v1/organization/projects/proj%2F1/certificates",
        );
        assert_eq!(
            (list.operation, list.scope),
            (Operation::List, Scope::Project("proj/1".into()))
        );

        let off = matched(
            Method::POST,
            "/organization/projects/p/certificates/deactivate",
        );
        assert_eq!(off.operation_id, "deactivateProjectCertificates");
    }

    #[test]
    fn unknown_paths_and_wrong_methods_are_told_apart() {
        for path in [
            "/v1/organization/certificates/",
            "/v1/organization/certificates/a/b",
            "/v1/organization/certificates/../admin_api_keys",
            "/v1/organization/projects//certificates",
            "/v1/organization/admin_api_keys",
        ] {
            assert_eq!(resolve(&Method::GET, path), Resolution::NoRoute, "{path}");
        }
        assert_eq!(
            resolve(&Method::PUT, "/v1/organization/certificates/activate"),
            Resolution::WrongMethod {
                allow: "POST, GET, DELETE".into()
            }
        );
        assert_eq!(
            resolve(
                &Method::GET,
                "/v1/organization/projects/p/certificates/activate"
            ),
            Resolution::WrongMethod {
                allow: "POST".into()
            }
        );
    }
}
