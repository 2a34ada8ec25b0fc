//! The rustls client configuration: which roots are trusted, with which crypto.
//!
//! The ring provider is passed in explicitly rather than installed process-wide,
//! so building a transport never depends on, nor changes, global state, and
//! cannot panic when another crate picked a different default provider.

use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};

use crate::{TransportError, TransportErrorKind};

/// Parses every certificate in `pem` and checks that each can serve as a trust
/// anchor.
pub(super) fn parse_roots(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, TransportError> {
    let certificates = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| other("root certificates are not valid PEM").with_source(error))?;
    if certificates.is_empty() {
        return Err(other("no certificate found in the PEM input"));
    }

    let mut check = RootCertStore::empty();
    for certificate in &certificates {
        check.add(certificate.clone()).map_err(|error| {
            other("a root certificate cannot be used as a trust anchor").with_source(error)
        })?;
    }
    Ok(certificates)
}

/// A client configuration trusting the webpki roots when `built_in_roots` is set,
/// plus `extra_roots`. ALPN is left empty: the connector fills it in.
pub(super) fn client_config(
    built_in_roots: bool,
    extra_roots: &[CertificateDer<'static>],
) -> Result<ClientConfig, TransportError> {
    let mut roots = RootCertStore::empty();
    if built_in_roots {
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    }
    for certificate in extra_roots {
        roots.add(certificate.clone()).map_err(|error| {
            other("a root certificate cannot be used as a trust anchor").with_source(error)
        })?;
    }
    if roots.is_empty() {
        return Err(other(
            "no trust anchors: built-in roots are off and none were added",
        ));
    }

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| other("TLS protocol versions unavailable").with_source(error))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(config)
}

fn other(message: &str) -> TransportError {
    TransportError::new(TransportErrorKind::Other, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ca_pem() -> String {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params.self_signed(&key).unwrap().pem()
    }

    #[test]
    fn every_certificate_in_the_pem_is_kept() {
        let pem = format!("{}{}", ca_pem(), ca_pem());
        assert_eq!(parse_roots(pem.as_bytes()).unwrap().len(), 2);
    }

    #[test]
    fn pem_without_certificates_is_refused() {
        let error = parse_roots(b"not a certificate").unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::Other);
        assert_eq!(error.message(), "no certificate found in the PEM input");
    }

    #[test]
    fn a_certificate_that_is_not_der_is_refused() {
        let pem = "-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n";
        let error = parse_roots(pem.as_bytes()).unwrap_err();
        assert_eq!(
            error.message(),
            "a root certificate cannot be used as a trust anchor"
        );
    }

    #[test]
    fn no_roots_at_all_is_an_error() {
        let error = client_config(false, &[]).unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::Other);
    }

    #[test]
    fn extra_roots_alone_are_enough() {
        let roots = parse_roots(ca_pem().as_bytes()).unwrap();
        let config = client_config(false, &roots).unwrap();
        assert!(config.alpn_protocols.is_empty());
    }
}
