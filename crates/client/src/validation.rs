//! Checks on arguments, made before anything is sent.

/// The most certificate ids one activate or deactivate call accepts.
pub const MAX_CERTIFICATE_IDS: usize = 10;

/// Arguments that were rejected before any I/O.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValidationError {
    /// An activate or deactivate call was given no ids.
    #[error("certificate_ids must not be empty")]
    NoCertificateIds,
    /// An activate or deactivate call was given more ids than the API accepts.
    #[error("certificate_ids has {count} ids; at most {max} are accepted per call")]
    TooManyCertificateIds {
        /// How many were given.
        count: usize,
        /// The limit, [`MAX_CERTIFICATE_IDS`].
        max: usize,
    },
    /// An id was empty (or only whitespace).
    #[error("{param} must not be empty")]
    EmptyId {
        /// Which parameter, such as `certificate_ids[2]` or `certificate_id`.
        param: String,
    },
    /// A required text argument, such as the PEM of an upload, was empty.
    #[error("{param} must not be empty")]
    MissingValue {
        /// Which parameter, such as `certificate` or `name`.
        param: &'static str,
    },
    /// An id that goes into a URL path is `.` or `..`, which would change the route.
    #[error("{param} must not be {value:?}")]
    DotSegment {
        /// Which parameter, such as `certificate_id`.
        param: &'static str,
        /// The id as given.
        value: String,
    },
    /// A numeric argument is outside the range the API accepts.
    #[error("{param} must be between {min} and {max}, got {value}")]
    OutOfRange {
        /// Which parameter, such as `limit`.
        param: &'static str,
        /// The value given.
        value: i64,
        /// The least accepted value.
        min: i64,
        /// The greatest accepted value.
        max: i64,
    },
    /// The ids and query make a URL longer than an HTTP request line can carry.
    #[error("the request URL would be {length} bytes long, more than can be sent")]
    UrlTooLong {
        /// The length the URL would have had.
        length: usize,
    },
    /// An extra header given in the request options cannot be sent.
    #[error("header {name:?} cannot be sent: {reason}")]
    InvalidHeader {
        /// The header name as given.
        name: String,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// Checks that a required text argument is not empty or blank.
pub(crate) fn required(param: &'static str, value: &str) -> Result<(), ValidationError> {
    match value.trim().is_empty() {
        true => Err(ValidationError::MissingValue { param }),
        false => Ok(()),
    }
}

/// Checks a list's page size: 1 to 100.
pub(crate) fn limit(limit: u32) -> Result<(), ValidationError> {
    match limit {
        1..=100 => Ok(()),
        _ => Err(ValidationError::OutOfRange {
            param: "limit",
            value: limit.into(),
            min: 1,
            max: 100,
        }),
    }
}

/// Checks the ids of an activate or deactivate call: 1 to 10, none empty.
pub(crate) fn certificate_ids(ids: &[String]) -> Result<(), ValidationError> {
    if ids.is_empty() {
        return Err(ValidationError::NoCertificateIds);
    }
    if ids.len() > MAX_CERTIFICATE_IDS {
        return Err(ValidationError::TooManyCertificateIds {
            count: ids.len(),
            max: MAX_CERTIFICATE_IDS,
        });
    }
    match ids.iter().position(|id| id.trim().is_empty()) {
        Some(index) => Err(ValidationError::EmptyId {
            param: format!("certificate_ids[{index}]"),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("cert_{i}")).collect()
    }

    #[test]
    fn accepts_one_to_ten() {
        assert_eq!(certificate_ids(&ids(1)), Ok(()));
        assert_eq!(certificate_ids(&ids(10)), Ok(()));
    }

    #[test]
    fn rejects_none_and_eleven() {
        assert_eq!(certificate_ids(&[]), Err(ValidationError::NoCertificateIds));
        assert_eq!(
            certificate_ids(&ids(11)),
            Err(ValidationError::TooManyCertificateIds { count: 11, max: 10 })
        );
    }

    #[test]
    fn rejects_an_empty_id_by_position() {
        let mut list = ids(3);
        list[2] = " ".into();
        let error = certificate_ids(&list).unwrap_err();
        assert_eq!(
            error,
            ValidationError::EmptyId {
                param: "certificate_ids[2]".into()
            }
        );
        assert_eq!(error.to_string(), "certificate_ids[2] must not be empty");
    }
}
