//! Turning hyper's failures into [`TransportError`]s.
//!
//! The kind is what the client's retry policy branches on, so it must be right:
//! `Connect` only when the request provably never left, `Other` when the request
//! itself was unusable, `Timeout` or `Io` when the server may have seen it. The
//! message names the origin and a short cause, never a header or a body; hyper's
//! own error stays reachable as the source.

use std::error::Error as StdError;
use std::fmt;
use std::io;

use http::Uri;

use super::connector::ProxyFailure;
use crate::{TransportError, TransportErrorKind};

/// The `host:port` a request was aimed at, for messages. The userinfo part of a
/// URI can hold a password, so it is left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Origin(String);

impl Origin {
    pub(super) fn of(uri: &Uri) -> Self {
        let host = uri.host().unwrap_or_default();
        let default_port = if uri.scheme_str() == Some("https") {
            443
        } else {
            80
        };
        Self(format!("{host}:{}", uri.port_u16().unwrap_or(default_port)))
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Rejects a URI the connector could not use, before anything is sent. Without this
/// check a missing or foreign scheme would surface from the connector and look like
/// a failure to connect, which the client would retry.
pub(super) fn check_target(uri: &Uri) -> Result<(), TransportError> {
    match uri.scheme_str() {
        Some("http" | "https") => {}
        Some(_) => return Err(other("unsupported URI scheme; use http or https")),
        None => {
            return Err(other(
                "request URI is not absolute; it needs a scheme and a host",
            ))
        }
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err(other("request URI has no host"));
    }
    Ok(())
}

fn other(message: &str) -> TransportError {
    TransportError::new(TransportErrorKind::Other, message)
}

/// Maps a failure of the legacy client to send a request or read its head.
pub(super) fn from_send(
    error: hyper_util::client::legacy::Error,
    origin: &Origin,
) -> TransportError {
    let refusal = client_certificate_refusal(&error);
    let kind = if error.is_connect() || refusal.is_some() {
        TransportErrorKind::Connect
    } else if error.source().is_none() || chain_has(&error, hyper::Error::is_user) {
        // The legacy client raises its own refusals (an HTTP version or method it
        // cannot send) without a source; hyper flags the rest as user errors.
        TransportErrorKind::Other
    } else if is_timeout(&error) {
        TransportErrorKind::Timeout
    } else {
        TransportErrorKind::Io
    };
    let cause = match (refusal, error.source()) {
        (Some(refusal), _) => refusal,
        (None, Some(_)) => cause(&error),
        (None, None) => "request cannot be sent",
    };
    let message = match chain(&error).find_map(|e| e.downcast_ref::<ProxyFailure>()) {
        Some(failure) => format!("{origin} via proxy {}: {cause}", failure.proxy),
        None => format!("{origin}: {cause}"),
    };
    TransportError::new(kind, message).with_source(error)
}

/// Maps a failure while reading the response body.
pub(super) fn from_body(error: hyper::Error, origin: &Origin) -> TransportError {
    let kind = if is_timeout(&error) {
        TransportErrorKind::Timeout
    } else {
        TransportErrorKind::Io
    };
    let message = format!("{origin}: reading the response body: {}", cause(&error));
    TransportError::new(kind, message).with_source(error)
}

/// The server's refusal of the client certificate, if that is what ended the
/// exchange.
///
/// With TLS 1.3 the client counts the handshake as done before the server has
/// checked the client's certificate, so a refusal arrives as an alert on the
/// first read, after the request was written. The server's TLS layer refused
/// the session before passing any request on, so the request provably never
/// reached the server: the failure is `Connect`, like any failed handshake.
/// Over HTTP/2 only the alert's text survives (h2 keeps an I/O error's kind and
/// message, not the error itself), so rustls's text for it is matched too.
fn client_certificate_refusal(error: &(dyn StdError + 'static)) -> Option<&'static str> {
    chain(error).find_map(|e| {
        let alert = match e.downcast_ref::<rustls::Error>() {
            Some(rustls::Error::AlertReceived(alert)) => format!("{alert:?}"),
            Some(_) => return None,
            None => {
                let text = e.downcast_ref::<io::Error>()?.to_string();
                text.strip_prefix("received fatal alert: ")?.to_owned()
            }
        };
        match alert.as_str() {
            "CertificateRequired" => Some("server requires a client certificate"),
            // A decrypt_error is sent only in a handshake; once the server
            // has the client's Finished, it means a bad signature on or by
            // the client's certificate.
            "BadCertificate"
            | "UnsupportedCertificate"
            | "CertificateRevoked"
            | "CertificateExpired"
            | "CertificateUnknown"
            | "UnknownCA"
            | "AccessDenied"
            | "DecryptError" => Some("server refused the client certificate"),
            _ => None,
        }
    })
}

/// Whether the failure was a timeout anywhere down the chain.
fn is_timeout(error: &(dyn StdError + 'static)) -> bool {
    chain_has(error, hyper::Error::is_timeout)
        || chain(error).any(|e| io_kind(e) == Some(io::ErrorKind::TimedOut))
}

fn chain_has(error: &(dyn StdError + 'static), test: fn(&hyper::Error) -> bool) -> bool {
    chain(error)
        .filter_map(|e| e.downcast_ref::<hyper::Error>())
        .any(test)
}

/// The error and its causes. An `io::Error` wrapping another error reports that
/// error's source, skipping the error itself, so it is stepped into explicitly:
/// that is where rustls's reason for a failed handshake sits.
fn chain<'a>(
    error: &'a (dyn StdError + 'static),
) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(error), |e| cause_of(*e))
}

fn cause_of<'a>(error: &'a (dyn StdError + 'static)) -> Option<&'a (dyn StdError + 'static)> {
    match error
        .downcast_ref::<io::Error>()
        .and_then(io::Error::get_ref)
    {
        Some(inner) => Some(inner),
        None => error.source(),
    }
}

fn io_kind(error: &(dyn StdError + 'static)) -> Option<io::ErrorKind> {
    error.downcast_ref::<io::Error>().map(io::Error::kind)
}

/// A short description of the root cause, from a fixed vocabulary so that nothing
/// a server sent can end up in the message.
fn cause(error: &(dyn StdError + 'static)) -> &'static str {
    for e in chain(error) {
        if let Some(refusal) = e.downcast_ref::<ProxyFailure>().and_then(|f| f.refusal) {
            return refusal;
        }
        if e.is::<rustls::Error>() {
            return "TLS handshake failed";
        }
        if let Some(cause) = io_kind(e).and_then(io_cause) {
            return cause;
        }
        if let Some(hyper_error) = e.downcast_ref::<hyper::Error>() {
            if let Some(cause) = hyper_cause(hyper_error) {
                return cause;
            }
        }
    }
    "failed"
}

fn io_cause(kind: io::ErrorKind) -> Option<&'static str> {
    Some(match kind {
        io::ErrorKind::ConnectionRefused => "connection refused",
        io::ErrorKind::ConnectionReset => "connection reset",
        io::ErrorKind::ConnectionAborted => "connection aborted",
        io::ErrorKind::BrokenPipe => "connection closed while writing",
        io::ErrorKind::UnexpectedEof => "connection closed early",
        io::ErrorKind::TimedOut => "timed out",
        _ => return None,
    })
}

fn hyper_cause(error: &hyper::Error) -> Option<&'static str> {
    Some(if error.is_incomplete_message() {
        "connection closed before the message was complete"
    } else if error.is_parse() {
        "malformed HTTP response"
    } else if error.is_timeout() {
        "timed out"
    } else if error.is_user() {
        "request cannot be sent"
    } else if error.is_closed() || error.is_canceled() {
        "connection closed"
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(uri: &str) -> Option<TransportErrorKind> {
        check_target(&uri.parse().unwrap()).err().map(|e| e.kind())
    }

    #[test]
    fn absolute_http_and_https_uris_pass() {
        assert_eq!(kind_of("http://127.0.0.1:8080/v1/x"), None);
        assert_eq!(kind_of("https://localhost/v1/x"), None);
    }

    #[test]
    fn relative_or_foreign_uris_are_other() {
        assert_eq!(
            kind_of("/v1/organization/certificates"),
            Some(TransportErrorKind::Other)
        );
        assert_eq!(
            kind_of("ftp://127.0.0.1/file"),
            Some(TransportErrorKind::Other)
        );
    }

    #[test]
    fn origin_has_default_port_and_no_userinfo() {
        let origin = |uri: &str| Origin::of(&uri.parse().unwrap()).to_string();
        assert_eq!(origin("https://user:secret@localhost/x"), "localhost:443");
        assert_eq!(origin("http://127.0.0.1/x"), "127.0.0.1:80");
        assert_eq!(origin("http://127.0.0.1:9/x"), "127.0.0.1:9");
    }

    #[test]
    fn timeout_is_found_below_the_top() {
        let inner = io::Error::new(io::ErrorKind::TimedOut, "slow");
        let outer = TransportError::new(TransportErrorKind::Io, "").with_source(inner);
        assert!(is_timeout(&outer));
        assert_eq!(cause(&outer), "timed out");
    }

    #[test]
    fn a_refused_client_certificate_is_found_as_error_or_as_text() {
        let alert = rustls::Error::AlertReceived(rustls::AlertDescription::CertificateRequired);
        let typed = io::Error::new(io::ErrorKind::InvalidData, alert.clone());
        let text = io::Error::new(io::ErrorKind::InvalidData, alert.to_string());
        for error in [typed, text] {
            assert_eq!(
                client_certificate_refusal(&error),
                Some("server requires a client certificate")
            );
        }

        let unknown_ca = rustls::Error::AlertReceived(rustls::AlertDescription::UnknownCA);
        assert_eq!(
            client_certificate_refusal(&unknown_ca),
            Some("server refused the client certificate")
        );
        let other = rustls::Error::AlertReceived(rustls::AlertDescription::DecodeError);
        assert_eq!(client_certificate_refusal(&other), None);
    }

    #[test]
    fn tls_failure_is_named_through_nested_io_errors() {
        let tls = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        let inner = io::Error::new(io::ErrorKind::InvalidData, tls);
        let error = io::Error::other(inner);
        assert_eq!(cause(&error), "TLS handshake failed");
    }
}
