//! The rustls client configuration: which roots are trusted, with which crypto,
//! and which certificate, if any, the client presents.
//!
//! The ring provider is passed in explicitly rather than installed process-wide,
//! so building a transport never depends on, nor changes, global state, and
//! cannot panic when another crate picked a different default provider.

use std::sync::Arc;

use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::sign::{CertifiedKey, SingleCertAndKey};
use rustls::{ClientConfig, RootCertStore};

use crate::{TransportError, TransportErrorKind};

/// Which roots to trust.
pub(super) struct Trust<'a> {
    /// The webpki roots compiled in.
    pub(super) built_in: bool,
    /// The platform's store; only read with the `native-roots` feature.
    pub(super) native: bool,
    pub(super) extra: &'a [CertificateDer<'static>],
}

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

/// Parses a client certificate chain (leaf first) and its private key, and
/// checks that the key is usable and belongs to the leaf. Messages name the
/// problem, never the key.
pub(super) fn parse_identity(
    cert_chain_pem: &[u8],
    key_pem: &[u8],
) -> Result<Arc<CertifiedKey>, TransportError> {
    let chain = CertificateDer::pem_slice_iter(cert_chain_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| other("client certificate chain is not valid PEM").with_source(error))?;
    if chain.is_empty() {
        return Err(other("no certificate found in the client certificate PEM"));
    }
    let key = PrivateKeyDer::from_pem_slice(key_pem)
        .map_err(|error| other("no private key found in the key PEM").with_source(error))?;

    let identity = CertifiedKey::from_der(chain, key, &provider()).map_err(|error| {
        other("client key is unusable or does not match the certificate").with_source(error)
    })?;
    Ok(Arc::new(identity))
}

/// A client configuration trusting `trust`, presenting `identity` when a server
/// asks for a certificate. ALPN is left empty: the connector fills it in.
pub(super) fn client_config(
    trust: &Trust<'_>,
    identity: Option<Arc<CertifiedKey>>,
) -> Result<ClientConfig, TransportError> {
    let mut roots = RootCertStore::empty();
    if trust.built_in {
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    }
    if trust.native {
        add_native_roots(&mut roots);
    }
    for certificate in trust.extra {
        roots.add(certificate.clone()).map_err(|error| {
            other("a root certificate cannot be used as a trust anchor").with_source(error)
        })?;
    }
    if roots.is_empty() {
        return Err(other(if trust.native {
            "no trust anchors: built-in roots are off, the platform has none, \
             and none were added"
        } else {
            "no trust anchors: built-in roots are off and none were added"
        }));
    }

    let builder = ClientConfig::builder_with_provider(Arc::new(provider()))
        .with_safe_default_protocol_versions()
        .map_err(|error| other("TLS protocol versions unavailable").with_source(error))?
        .with_root_certificates(roots);
    Ok(match identity {
        Some(identity) => {
            builder.with_client_cert_resolver(Arc::new(SingleCertAndKey::from(identity)))
        }
        None => builder.with_no_client_auth(),
    })
}

/// Adds what the platform's store holds. Certificates rustls cannot use are
/// skipped, and so is a store that cannot be read: an empty result is caught
/// by the check for no trust anchors at all.
#[cfg(feature = "native-roots")]
fn add_native_roots(roots: &mut RootCertStore) {
    let found = rustls_native_certs::load_native_certs();
    roots.add_parsable_certificates(found.certs);
}

#[cfg(not(feature = "native-roots"))]
fn add_native_roots(_roots: &mut RootCertStore) {}

fn provider() -> CryptoProvider {
    rustls::crypto::ring::default_provider()
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

    fn trust<'a>(extra: &'a [CertificateDer<'static>]) -> Trust<'a> {
        Trust {
            built_in: false,
            native: false,
            extra,
        }
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
        let error = client_config(&trust(&[]), None).unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::Other);
    }

    #[test]
    fn extra_roots_alone_are_enough() {
        let roots = parse_roots(ca_pem().as_bytes()).unwrap();
        let config = client_config(&trust(&roots), None).unwrap();
        assert!(config.alpn_protocols.is_empty());
        assert!(!config.client_auth_cert_resolver.has_certs());
    }

    #[test]
    fn an_identity_is_offered_to_servers() {
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec!["client".to_owned()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        let identity = parse_identity(cert.pem().as_bytes(), key.serialize_pem().as_bytes());

        let roots = parse_roots(ca_pem().as_bytes()).unwrap();
        let config = client_config(&trust(&roots), Some(identity.unwrap())).unwrap();
        assert!(config.client_auth_cert_resolver.has_certs());
    }

    #[test]
    fn an_identity_needs_a_certificate_and_its_own_key() {
        let key = rcgen::KeyPair::generate().unwrap();
        let other_key = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec!["client".to_owned()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        let message = |chain: &str, key: &str| {
            parse_identity(chain.as_bytes(), key.as_bytes())
                .unwrap_err()
                .message()
                .to_owned()
        };

        assert_eq!(
            message("", &key.serialize_pem()),
            "no certificate found in the client certificate PEM"
        );
        assert_eq!(
            message(&cert.pem(), "no key here"),
            "no private key found in the key PEM"
        );
        assert_eq!(
            message(&cert.pem(), &other_key.serialize_pem()),
            "client key is unusable or does not match the certificate"
        );
    }

    #[cfg(feature = "native-roots")]
    #[test]
    fn native_roots_alone_build_or_report_that_there_are_none() {
        let native = Trust {
            built_in: false,
            native: true,
            extra: &[],
        };
        match client_config(&native, None) {
            Ok(config) => assert!(config.alpn_protocols.is_empty()),
            Err(error) => assert_eq!(
                error.message(),
                "no trust anchors: built-in roots are off, the platform has none, \
                 and none were added"
            ),
        }
    }
}
