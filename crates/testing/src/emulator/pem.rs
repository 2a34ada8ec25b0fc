//! Finding the certificate inside an uploaded PEM text.

use crate::base64;

const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
const END: &str = "-----END CERTIFICATE-----";

/// The DER bytes of the first certificate in `pem`, or why there is none.
///
/// Text before the BEGIN line and after the END line is ignored, as PEM allows;
/// whitespace between them is ignored, and what is left must be padded base64.
pub(crate) fn certificate_der(pem: &str) -> Result<Vec<u8>, &'static str> {
    let start = pem
        .find(BEGIN)
        .ok_or("there is no -----BEGIN CERTIFICATE----- line")?;
    let after_begin = &pem[start + BEGIN.len()..];
    let end = after_begin
        .find(END)
        .ok_or("there is no -----END CERTIFICATE----- line")?;

    let base64: String = after_begin[..end]
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if base64.is_empty() {
        return Err("there is nothing between the BEGIN and END lines");
    }
    base64::decode(&base64).ok_or("the text between the BEGIN and END lines is not base64")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_base64_across_lines_and_ignores_surrounding_text() {
        let pem = "subject=CN=x\n-----BEGIN CERTIFICATE-----\r\nZm9v\r\nYmFy\r\n\
                   -----END CERTIFICATE-----\ntrailing";
        assert_eq!(certificate_der(pem).unwrap(), b"foobar");
    }

    #[test]
    fn explains_each_kind_of_garbage() {
        for (pem, reason) in [
            ("hello", "there is no -----BEGIN CERTIFICATE----- line"),
            (
                "-----BEGIN CERTIFICATE-----\nZm9v\n",
                "there is no -----END CERTIFICATE----- line",
            ),
            (
                "-----BEGIN CERTIFICATE-----\n \n-----END CERTIFICATE-----",
                "there is nothing between the BEGIN and END lines",
            ),
            (
                "-----BEGIN CERTIFICATE-----\nMIIDeT...\n-----END CERTIFICATE-----",
                "the text between the BEGIN and END lines is not base64",
            ),
            (
                "-----END CERTIFICATE-----\nZm9v\n-----BEGIN CERTIFICATE-----",
                "there is no -----END CERTIFICATE----- line",
            ),
        ] {
            assert_eq!(certificate_der(pem), Err(reason), "{pem:?}");
        }
    }
}
