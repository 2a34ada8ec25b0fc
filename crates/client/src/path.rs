//! Placing caller-given ids into URL paths without ever changing the route.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::ValidationError;

/// Everything but RFC 3986's unreserved characters is escaped, so `/`, `?`, `#`, `%`,
/// spaces and non-ASCII can never end a segment, start a query or a fragment, or be
/// read as an escape.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Query keys and values are escaped the same way.
pub(crate) const QUERY: &AsciiSet = SEGMENT;

/// Escapes `value` as exactly one path segment.
///
/// Rejects an empty (or all-whitespace) value, `.` and `..`, which would drop or climb a
/// segment however they were escaped, since URL normalisation decodes neither.
pub(crate) fn segment(param: &'static str, value: &str) -> Result<String, ValidationError> {
    if value.trim().is_empty() {
        return Err(ValidationError::EmptyId {
            param: param.to_owned(),
        });
    }
    if value == "." || value == ".." {
        return Err(ValidationError::DotSegment {
            param,
            value: value.to_owned(),
        });
    }
    Ok(utf8_percent_encode(value, SEGMENT).to_string())
}

/// Escapes a query key or value.
pub(crate) fn query_component(value: &str) -> String {
    utf8_percent_encode(value, QUERY).to_string()
}

/// Fills the `{name}` placeholders of a path template with escaped segments.
pub(crate) fn render(
    template: &'static str,
    params: &[(&'static str, &str)],
) -> Result<String, ValidationError> {
    let mut path = String::with_capacity(template.len() + 16);
    let mut rest = template;

    while let Some(open) = rest.find('{') {
        let close = open
            + rest[open..]
                .find('}')
                .expect("path templates close every brace");
        let name = &rest[open + 1..close];
        let (param, value) = params
            .iter()
            .find(|(param, _)| *param == name)
            .expect("every placeholder of a path template has a parameter");

        path.push_str(&rest[..open]);
        path.push_str(&segment(param, value)?);
        rest = &rest[close + 1..];
    }

    path.push_str(rest);
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(id: &str) -> String {
        segment("certificate_id", id).unwrap()
    }

    #[test]
    fn hostile_ids_stay_one_segment() {
        assert_eq!(
            escaped("../admin_api_keys/key_abc"),
            "..%2Fadmin_api_keys%2Fkey_abc"
        );
        assert_eq!(escaped("cert?x=1"), "cert%3Fx%3D1");
        assert_eq!(escaped("cert#x"), "cert%23x");
        assert_eq!(escaped("a/b"), "a%2Fb");
        assert_eq!(escaped("my cert"), "my%20cert");
        assert_eq!(escaped("zertifikat-ä"), "zertifikat-%C3%A4");
        assert_eq!(escaped("100%"), "100%25");
        assert_eq!(escaped("a\\b"), "a%5Cb");
        assert_eq!(escaped("cert_abc-1.2~x"), "cert_abc-1.2~x");
    }

    #[test]
    fn dot_segments_and_empty_ids_are_rejected() {
        assert_eq!(
            segment("certificate_id", ".."),
            Err(ValidationError::DotSegment {
                param: "certificate_id",
                value: "..".into()
            })
        );
        assert_eq!(
            segment("certificate_id", "."),
            Err(ValidationError::DotSegment {
                param: "certificate_id",
                value: ".".into()
            })
        );
        assert_eq!(
            segment("project_id", ""),
            Err(ValidationError::EmptyId {
                param: "project_id".into()
            })
        );
        assert_eq!(segment("project_id", "...").unwrap(), "...");
    }

    #[test]
    fn render_fills_every_placeholder() {
        let path = render(
            "/organization/projects/{project_id}/certificates/{certificate_id}",
            &[("project_id", "proj 1"), ("certificate_id", "a/b")],
        )
        .unwrap();
        assert_eq!(path, "/organization/projects/proj%201/certificates/a%2Fb");
        assert_eq!(
            render("/organization/certificates", &[]).unwrap(),
            "/organization/certificates"
        );
    }
}
