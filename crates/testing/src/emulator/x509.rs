//! Reading the validity window of an X.509 certificate with a small DER walk.
//!
//! Only the path to `tbsCertificate.validity` is followed (RFC 5280, section 4.1):
//! the elements before it are checked for their tag and skipped, and nothing after it
//! is parsed beyond the outer structure. Signatures, extensions and keys are not
//! looked at, so a structurally sound fake passes.

use crate::calendar::DateTime;

const SEQUENCE: u8 = 0x30;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
const EXPLICIT_VERSION: u8 = 0xa0;

const NOT_X509: &str = "the decoded bytes are not a DER-encoded X.509 certificate";
const BAD_TIME: &str = "the certificate's validity times are not valid UTCTime or GeneralizedTime";

/// When a certificate starts and stops being valid, in unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Validity {
    pub(crate) not_before: i64,
    pub(crate) not_after: i64,
}

/// The validity window of the certificate in `der`, or why it cannot be read.
pub(crate) fn validity(der: &[u8]) -> Result<Validity, &'static str> {
    let mut outer = Reader(der);
    let mut certificate = Reader(outer.expect(SEQUENCE)?);
    outer.finish()?;

    let mut tbs = Reader(certificate.expect(SEQUENCE)?);
    certificate.expect(SEQUENCE)?;
    certificate.expect(BIT_STRING)?;
    certificate.finish()?;

    if tbs.0.first() == Some(&EXPLICIT_VERSION) {
        tbs.element()?;
    }
    tbs.expect(INTEGER)?;
    tbs.expect(SEQUENCE)?;
    tbs.expect(SEQUENCE)?;
    let mut window = Reader(tbs.expect(SEQUENCE)?);

    let not_before = time(window.element()?)?;
    let not_after = time(window.element()?)?;
    window.finish()?;
    Ok(Validity {
        not_before,
        not_after,
    })
}

/// The bytes not yet read of one DER element's content.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    /// The next element's tag and content.
    fn element(&mut self) -> Result<(u8, &'a [u8]), &'static str> {
        let (&tag, rest) = self.0.split_first().ok_or(NOT_X509)?;
        let (&first, mut rest) = rest.split_first().ok_or(NOT_X509)?;

        let length = match first {
            0..=0x7f => usize::from(first),
            // 0x80 is the indefinite length, which DER forbids.
            0x81..=0x84 => {
                let count = usize::from(first & 0x7f);
                if rest.len() < count {
                    return Err(NOT_X509);
                }
                let (bytes, after) = rest.split_at(count);
                rest = after;
                bytes
                    .iter()
                    .fold(0usize, |length, &b| length << 8 | usize::from(b))
            }
            _ => return Err(NOT_X509),
        };

        if rest.len() < length {
            return Err(NOT_X509);
        }
        let (content, after) = rest.split_at(length);
        self.0 = after;
        Ok((tag, content))
    }

    /// The next element's content, which must carry `tag`.
    fn expect(&mut self, tag: u8) -> Result<&'a [u8], &'static str> {
        match self.element()? {
            (found, content) if found == tag => Ok(content),
            _ => Err(NOT_X509),
        }
    }

    fn finish(self) -> Result<(), &'static str> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(NOT_X509)
        }
    }
}

/// A UTCTime (`YYMMDDHHMMSSZ`, years 1950–2049) or GeneralizedTime (`YYYYMMDDHHMMSSZ`)
/// as unix seconds. DER requires the seconds and the `Z`, so nothing else is accepted.
fn time((tag, content): (u8, &[u8])) -> Result<i64, &'static str> {
    let (year, rest) = match (tag, content.len()) {
        (UTC_TIME, 13) => {
            let short = digits(&content[..2])?;
            (
                if short >= 50 {
                    1900 + short
                } else {
                    2000 + short
                },
                &content[2..],
            )
        }
        (GENERALIZED_TIME, 15) => (digits(&content[..4])?, &content[4..]),
        _ => return Err(BAD_TIME),
    };
    if rest[10] != b'Z' {
        return Err(BAD_TIME);
    }

    let field = |at: usize| digits(&rest[at..at + 2]).map(|value| value as u32);
    let date = DateTime {
        year,
        month: field(0)?,
        day: field(2)?,
        hour: field(4)?,
        minute: field(6)?,
        second: field(8)?,
    };
    date.to_unix().ok_or(BAD_TIME)
}

fn digits(text: &[u8]) -> Result<i64, &'static str> {
    text.iter().try_fold(0i64, |value, &c| match c {
        b'0'..=b'9' => Ok(value * 10 + i64::from(c - b'0')),
        _ => Err(BAD_TIME),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::pem::certificate_der;
    use crate::fake_certificate_pem;

    #[test]
    fn reads_back_the_window_of_a_fake_in_both_time_forms() {
        for (valid_at, expires_at) in [
            (1_700_000_000, 1_731_536_000),
            (-631_152_000, 4_102_444_800),
            (0, 253_402_300_799),
        ] {
            let der = certificate_der(&fake_certificate_pem(valid_at, expires_at)).unwrap();
            assert_eq!(
                validity(&der),
                Ok(Validity {
                    not_before: valid_at,
                    not_after: expires_at
                })
            );
        }
    }

    #[test]
    fn reads_a_certificate_made_by_openssl() {
        // Made once by `openssl req -x509 -newkey ec -pkeyopt
        // ec_paramgen_curve:prime256v1 -nodes -subj /CN=emulator -days 30` (OpenSSL 3.0);
        // its key was thrown away. notBefore 2026-12-03T22:22:35Z, notAfter
        // 2027-01-02T22:22:35Z.
        let der = certificate_der(OPENSSL_PEM).unwrap();
        assert_eq!(
            validity(&der),
            Ok(Validity {
                not_before: 1_796_336_555,
                not_after: 1_798_928_555
            })
        );
    }

    #[test]
    fn refuses_what_is_not_a_certificate() {
        let der = certificate_der(&fake_certificate_pem(0, 1)).unwrap();
        let mut trailing = der.clone();
        trailing.push(0);
        let mut truncated = der.clone();
        truncated.pop();

        for bytes in [
            &b"foobar"[..],
            &[],
            &[0x30, 0x80, 0, 0],
            &trailing,
            &truncated,
        ] {
            assert_eq!(validity(bytes), Err(NOT_X509), "{bytes:?}");
        }
    }

    #[test]
    fn refuses_impossible_times() {
        for (tag, text) in [
            (UTC_TIME, &b"230230000000Z"[..]),
            (UTC_TIME, b"2302280000Z"),
            (UTC_TIME, b"23022800000+0"),
            (GENERALIZED_TIME, b"2023022800000Z"),
            (GENERALIZED_TIME, b"20230228000000.5Z"),
            (0x04, b"230228000000Z"),
        ] {
            assert_eq!(time((tag, text)), Err(BAD_TIME), "{text:?}");
        }
        assert_eq!(time((UTC_TIME, b"500101000000Z")), Ok(-631_152_000));
    }

    const OPENSSL_PEM: &str = "\
        -----BEGIN CERTIFICATE-----\n\
        MIIBezCCASGgAwIBAgIUSRBypdMNBGSIGDf7v/Edug0By8YwCgYIKoZIzj0EAwIw\n\
        EzERMA8GA1UEAwwIZW11bGF0b3IwHhcNMjYxMjAzMjIyMjM1WhcNMjcwMTAyMjIy\n\
        MjM1WjATMREwDwYDVQQDDAhlbXVsYXRvcjBZMBMGByqGSM49AgEGCCqGSM49AwEH\n\
        A0IABDSi9poSnGzUbEqK6rgqPbXD9HbTDSjSJtUWCuPFqWdCMdSAd51zvo7gxyXh\n\
        q07mCGNBj8fpNEKPuZIjYBfM/F6jUzBRMB0GA1UdDgQWBBQrtLDcEGcgmYAwyQkr\n\
        5BCChWr0ZDAfBgNVHSMEGDAWgBQrtLDcEGcgmYAwyQkr5BCChWr0ZDAPBgNVHRMB\n\
        Af8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIDD3gLLIuSNhkji0tP8ckzH5b/oi\n\
        3ho05RusxuFgB30YAiEA4gLCvvJCOZp5kqPLnQQqZK5gER5h3+vCI4yG9ZQO7pU=\n\
        -----END CERTIFICATE-----\n";
}
