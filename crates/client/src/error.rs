//! The one error type of the client, and the pieces it is made of.

use std::fmt;
use std::time::Duration;

use http::StatusCode;
use openai_admin_transport::TransportError;

pub use crate::validation::ValidationError;

/// Everything that can go wrong with a call.
///
/// Branch on the variant, or use the accessors that every variant answers:
/// [`Error::attempts`], [`Error::request_id`], [`Error::status`]. No variant ever holds
/// the admin key or a whole response body; bodies appear only as short snippets.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The arguments were rejected before anything was sent.
    #[error("invalid request: {0}")]
    Validation(#[from] ValidationError),
    /// The client could not be configured (missing key, bad base URL, bad header value).
    #[error("invalid configuration: {0}")]
    Config(#[from] ConfigError),
    /// The API answered with a status outside 2xx.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// No response was had: the exchange itself failed.
    #[error("{source} (after {attempts} attempt{s})", s = plural(*attempts))]
    Transport {
        /// What the transport reported for the last attempt.
        source: TransportError,
        /// How many attempts were made in all.
        attempts: u32,
    },
    /// A 2xx answer whose body is not what the operation returns.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// A list said it had more pages but gave the same cursor twice, so walking it
    /// further would loop.
    #[error("the list's cursor did not move past {cursor:?} (after {pages} pages)")]
    StalledCursor {
        /// The cursor that was returned again.
        cursor: String,
        /// How many pages had been fetched.
        pages: u32,
    },
    /// The call's total deadline was reached: an attempt in flight was cut off, or the
    /// next retry could not have finished in time.
    #[error("deadline of {deadline:?} reached after {attempts} attempt{s}{last}",
        s = plural(*attempts),
        last = last.as_ref().map(|last| format!("; last error: {last}")).unwrap_or_default())]
    Deadline {
        /// The deadline that was set.
        deadline: Duration,
        /// How many attempts were made (or started) in all.
        attempts: u32,
        /// The error of the last finished attempt, when one finished.
        last: Option<Box<Error>>,
    },
}

impl Error {
    /// How many attempts were made; 0 when nothing was sent.
    pub fn attempts(&self) -> u32 {
        match self {
            Self::Validation(_) | Self::Config(_) => 0,
            Self::Api(error) => error.attempts,
            Self::Transport { attempts, .. } => *attempts,
            Self::Decode(error) => error.attempts,
            Self::Deadline { attempts, .. } => *attempts,
            Self::StalledCursor { .. } => 1,
        }
    }

    /// The request id of the last response, when there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Api(error) => error.request_id.as_deref(),
            Self::Decode(error) => error.request_id.as_deref(),
            Self::Deadline {
                last: Some(last), ..
            } => last.request_id(),
            _ => None,
        }
    }

    /// The HTTP status of the last response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(error) => Some(error.status),
            Self::Decode(error) => Some(error.status),
            Self::Deadline {
                last: Some(last), ..
            } => last.status(),
            _ => None,
        }
    }

    /// Whether the call's total deadline was reached.
    pub fn is_deadline(&self) -> bool {
        matches!(self, Self::Deadline { .. })
    }

    /// Whether the last attempt timed out (the per-attempt timeout, not the deadline).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Transport { source, .. } if source.is_timeout())
    }

    /// Whether nothing was sent because the arguments or the configuration were invalid.
    pub fn is_usage(&self) -> bool {
        matches!(self, Self::Validation(_) | Self::Config(_))
    }
}

impl From<ApiError> for Error {
    fn from(error: ApiError) -> Self {
        Self::Api(Box::new(error))
    }
}

impl From<DecodeError> for Error {
    fn from(error: DecodeError) -> Self {
        Self::Decode(Box::new(error))
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The client could not be configured.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// No admin key was given, and `OPENAI_ADMIN_KEY` is unset or empty.
    #[error("no admin key: set OPENAI_ADMIN_KEY or pass one to the builder")]
    MissingAdminKey,
    /// The admin key cannot be sent in a header (it has control characters).
    #[error("the admin key contains characters that cannot be sent in a header")]
    InvalidAdminKey,
    /// The base URL is not an absolute `http` or `https` URL without query or fragment.
    #[error("invalid base URL {url:?}: {reason}")]
    InvalidBaseUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A configured header value cannot be sent (it has control characters).
    #[error("the value for header {name} cannot be sent in a header")]
    InvalidHeaderValue {
        /// The header's name.
        name: &'static str,
    },
    /// The per-attempt timeout is zero, which would fail every attempt.
    #[error("the timeout must be longer than zero")]
    ZeroTimeout,
    /// No transport was given and the `hyper` feature is off.
    #[error("no transport: pass one to the builder or enable the `hyper` feature")]
    MissingTransport,
    /// The default transport could not be built.
    #[error("the default transport could not be built: {0}")]
    Transport(String),
}

/// The broad class of an API error, from its HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 400: the request was malformed.
    BadRequest,
    /// 401: the key is missing, wrong or revoked.
    Authentication,
    /// 403: the key may not do this.
    PermissionDenied,
    /// 404: no such certificate or route.
    NotFound,
    /// 409: the request conflicts with the current state.
    Conflict,
    /// 422: the request was well-formed but not acceptable.
    Unprocessable,
    /// 429: too many requests.
    RateLimit,
    /// 5xx: the server failed.
    Server,
    /// Any other status outside 2xx.
    Other,
}

impl ApiErrorKind {
    /// The kind for a status outside 2xx.
    pub fn from_status(status: StatusCode) -> Self {
        match status.as_u16() {
            400 => Self::BadRequest,
            401 => Self::Authentication,
            403 => Self::PermissionDenied,
            404 => Self::NotFound,
            409 => Self::Conflict,
            422 => Self::Unprocessable,
            429 => Self::RateLimit,
            500..=599 => Self::Server,
            _ => Self::Other,
        }
    }

    /// A short lower-case name, such as `rate limit`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BadRequest => "bad request",
            Self::Authentication => "authentication",
            Self::PermissionDenied => "permission denied",
            Self::NotFound => "not found",
            Self::Conflict => "conflict",
            Self::Unprocessable => "unprocessable",
            Self::RateLimit => "rate limit",
            Self::Server => "server",
            Self::Other => "other",
        }
    }
}

impl fmt::Display for ApiErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The API answered with a status outside 2xx.
///
/// When the body had the usual `{"error": {...}}` shape, `message`, `error_type`,
/// `code` and `param` come from it. Otherwise (a bare string, JSON without an `error`
/// key, plain text, an HTML page, nothing) `message` is the best explanation that could
/// be found and `snippet` holds a short excerpt of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The class of error, from the status.
    pub kind: ApiErrorKind,
    /// A human explanation; empty when the body gave none.
    pub message: String,
    /// The API's error type, such as `invalid_request_error`.
    pub error_type: Option<String>,
    /// The API's error code, such as `invalid_api_key`.
    pub code: Option<String>,
    /// The request parameter the error is about.
    pub param: Option<String>,
    /// The `x-request-id` of the response.
    pub request_id: Option<String>,
    /// A short excerpt of a body that did not have the usual error shape.
    pub snippet: Option<String>,
    /// How many attempts were made in all.
    pub attempts: u32,
    /// The delay the server asked for before a retry (`retry-after-ms`, `retry-after`),
    /// when it asked. When it is longer than the policy's limit the client did not
    /// retry; wait this long before trying again.
    pub retry_after: Option<Duration>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({} error)", self.status, self.kind)?;
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        } else if let Some(snippet) = &self.snippet {
            write!(f, ": {snippet}")?;
        }
        if let Some(request_id) = &self.request_id {
            write!(f, " [request id {request_id}]")?;
        }
        if self.attempts > 1 {
            write!(f, " (after {} attempts)", self.attempts)?;
        }
        if let Some(delay) = self.retry_after {
            write!(f, " (server asks to retry after {delay:?})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// A 2xx answer whose body could not be decoded into the operation's result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeError {
    /// The HTTP status of the answer.
    pub status: StatusCode,
    /// The `x-request-id` of the answer.
    pub request_id: Option<String>,
    /// What the decoder objected to, with line and column.
    pub reason: String,
    /// A short excerpt of the body; `None` when it was empty.
    pub snippet: Option<String>,
    /// How many attempts were made in all.
    pub attempts: u32,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not decode the {} answer: {}",
            self.status, self.reason
        )?;
        match &self.snippet {
            Some(snippet) => write!(f, "; body starts {snippet:?}")?,
            None => f.write_str("; body is empty")?,
        }
        if let Some(request_id) = &self.request_id {
            write!(f, " [request id {request_id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}
