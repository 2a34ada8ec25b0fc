use std::error::Error as StdError;
use std::fmt;

/// Why an exchange produced no response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (refused, unreachable, DNS, TLS handshake, connect
    /// timeout). The request provably never reached the server, so even a request that
    /// is not idempotent may be sent again.
    Connect,
    /// The exchange took longer than allowed after the connection was made. The server
    /// may have acted on the request.
    Timeout,
    /// The connection broke mid-exchange: reset, closed early, a truncated body. The
    /// server may have acted on the request.
    Io,
    /// The response body was larger than the transport accepts. Reading stopped at the
    /// limit; the body was never buffered whole.
    BodyTooLarge,
    /// Anything else, such as a request the transport could not encode.
    Other,
}

impl TransportErrorKind {
    fn describe(self) -> &'static str {
        match self {
            Self::Connect => "could not connect",
            Self::Timeout => "timed out",
            Self::Io => "connection failed mid-exchange",
            Self::BodyTooLarge => "response body too large",
            Self::Other => "transport failure",
        }
    }
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

type BoxError = Box<dyn StdError + Send + Sync>;

/// A failed exchange: a [`TransportErrorKind`], a short message, and the underlying
/// cause as an opaque source.
///
/// The HTTP library's own error types never appear in this API; reach them, if you
/// must, through [`std::error::Error::source`]. Messages never contain request
/// headers or bodies, so they cannot leak credentials.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<BoxError>,
}

impl TransportError {
    /// A new error of `kind` with a short human message.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// Attaches the underlying cause.
    pub fn with_source(mut self, source: impl Into<BoxError>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// What kind of failure this was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The short message, without the kind's description.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether no connection could be made, so the request never reached the server.
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }

    /// Whether the exchange timed out.
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportErrorKind::Timeout
    }

    /// Whether the response body was over the size limit.
    pub fn is_body_too_large(&self) -> bool {
        self.kind == TransportErrorKind::BodyTooLarge
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{}: {}", self.kind, self.message)
        }
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn StdError + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_kind_and_message() {
        let error = TransportError::new(TransportErrorKind::Connect, "127.0.0.1:9: refused");
        assert_eq!(error.to_string(), "could not connect: 127.0.0.1:9: refused");
        assert!(error.is_connect());
        assert!(!error.is_timeout());
    }

    #[test]
    fn source_is_reachable() {
        let cause = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset");
        let error = TransportError::new(TransportErrorKind::Io, "").with_source(cause);
        assert_eq!(error.to_string(), "connection failed mid-exchange");
        assert_eq!(error.source().unwrap().to_string(), "reset");
    }
}
