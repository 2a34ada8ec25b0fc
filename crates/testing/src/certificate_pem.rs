use crate::base64;
use crate::calendar::DateTime;

const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OBJECT_IDENTIFIER: u8 = 0x06;
const UTF8_STRING: u8 = 0x0c;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
const VERSION: u8 = 0xa0;

const ECDSA_WITH_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
const EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const PRIME256V1: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const COMMON_NAME: &[u8] = &[0x55, 0x04, 0x03];

/// A PEM certificate, shaped like X.509, whose validity runs from `valid_at` to
/// `expires_at` (unix seconds), for uploading to the [`Emulator`](crate::Emulator).
///
/// The emulator reads the validity window of what it is given, so an upload of this
/// PEM answers with exactly these `valid_at` and `expires_at`. The certificate is a
/// fake: its key and signature are filler and nothing signed it, so the real API would
/// refuse it. Times from 1950 to 2049 are written as UTCTime and others as
/// GeneralizedTime, as RFC 5280 asks.
///
/// ```
/// let pem = openai_admin_testing::fake_certificate_pem(1_700_000_000, 1_731_536_000);
/// assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\n"));
/// assert!(pem.ends_with("\n-----END CERTIFICATE-----\n"));
/// ```
///
/// # Panics
///
/// Panics when either time falls outside the years 0 to 9999, which X.509 cannot write.
pub fn fake_certificate_pem(valid_at: i64, expires_at: i64) -> String {
    let der = certificate_der(valid_at, expires_at);
    let base64 = base64::encode(&der);

    let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in base64.as_bytes().chunks(64) {
        pem.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        pem.push('\n');
    }
    pem.push_str("-----END CERTIFICATE-----\n");
    pem
}

fn certificate_der(valid_at: i64, expires_at: i64) -> Vec<u8> {
    let signature_algorithm = tlv(SEQUENCE, &tlv(OBJECT_IDENTIFIER, ECDSA_WITH_SHA256));
    let name = tlv(
        SEQUENCE,
        &tlv(
            SET,
            &tlv(
                SEQUENCE,
                &[
                    tlv(OBJECT_IDENTIFIER, COMMON_NAME),
                    tlv(UTF8_STRING, b"openai-admin-testing"),
                ]
                .concat(),
            ),
        ),
    );
    let validity = tlv(SEQUENCE, &[time(valid_at), time(expires_at)].concat());
    let key_algorithm = tlv(
        SEQUENCE,
        &[
            tlv(OBJECT_IDENTIFIER, EC_PUBLIC_KEY),
            tlv(OBJECT_IDENTIFIER, PRIME256V1),
        ]
        .concat(),
    );
    let mut point = vec![0x00, 0x04];
    point.extend([0x01; 64]);
    let public_key = tlv(SEQUENCE, &[key_algorithm, tlv(BIT_STRING, &point)].concat());

    let tbs = tlv(
        SEQUENCE,
        &[
            tlv(VERSION, &tlv(INTEGER, &[0x02])),
            tlv(INTEGER, &[0x01]),
            signature_algorithm.clone(),
            name.clone(),
            validity,
            name,
            public_key,
        ]
        .concat(),
    );
    let signature = [
        &[0x00][..],
        &tlv(SEQUENCE, &[tlv(INTEGER, &[1]), tlv(INTEGER, &[1])].concat()),
    ]
    .concat();

    tlv(
        SEQUENCE,
        &[tbs, signature_algorithm, tlv(BIT_STRING, &signature)].concat(),
    )
}

fn time(unix: i64) -> Vec<u8> {
    let t = DateTime::from_unix(unix);
    let clock = format!(
        "{:02}{:02}{:02}{:02}{:02}Z",
        t.month, t.day, t.hour, t.minute, t.second
    );

    match t.year {
        1950..=2049 => tlv(UTC_TIME, format!("{:02}{clock}", t.year % 100).as_bytes()),
        0..=9999 => tlv(GENERALIZED_TIME, format!("{:04}{clock}", t.year).as_bytes()),
        year => panic!("year {year} of unix time {unix} cannot be written in X.509"),
    }
}

/// One DER element: tag, definite length, content.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut element = vec![tag];
    let length = content.len();
    if length < 0x80 {
        element.push(length as u8);
    } else {
        let bytes = length.to_be_bytes();
        let significant = &bytes[bytes.iter().take_while(|&&b| b == 0).count()..];
        element.push(0x80 | significant.len() as u8);
        element.extend_from_slice(significant);
    }
    element.extend_from_slice(content);
    element
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_use_the_short_form_below_128_and_the_long_form_above() {
        assert_eq!(tlv(INTEGER, &[7]), [0x02, 0x01, 0x07]);
        assert_eq!(&tlv(SEQUENCE, &[0; 200])[..3], [0x30, 0x81, 200]);
        assert_eq!(&tlv(SEQUENCE, &[0; 300])[..4], [0x30, 0x82, 0x01, 0x2c]);
    }

    #[test]
    fn times_switch_to_generalized_time_in_2050() {
        assert_eq!(time(1_700_000_000), tlv(UTC_TIME, b"231114221320Z"));
        assert_eq!(
            time(2_524_608_000),
            tlv(GENERALIZED_TIME, b"20500101000000Z")
        );
        assert_eq!(
            time(-631_152_001),
            tlv(GENERALIZED_TIME, b"19491231235959Z")
        );
    }

    #[test]
    fn pem_lines_are_64_characters() {
        let pem = fake_certificate_pem(0, 1);
        let lines: Vec<&str> = pem.lines().collect();

        assert_eq!(lines.first(), Some(&"-----BEGIN CERTIFICATE-----"));
        assert_eq!(lines.last(), Some(&"-----END CERTIFICATE-----"));
        let body = &lines[1..lines.len() - 1];
        assert!(body[..body.len() - 1].iter().all(|line| line.len() == 64));
        assert_eq!(
            base64::decode(&body.concat()).unwrap(),
            certificate_der(0, 1)
        );
    }

    #[test]
    #[should_panic(expected = "cannot be written in X.509")]
    fn years_past_9999_are_refused() {
        fake_certificate_pem(0, 253_402_300_800);
    }
}
