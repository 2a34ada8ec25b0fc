//! Text from the API made safe to print on one terminal line.

use std::borrow::Cow;

/// `text` with every control character escaped (`\n`, `\t`, `\u{1b}`, ...).
///
/// Names and error messages come from the server. Printed raw, a newline would break
/// a table row or the one-line error, and an escape sequence could rewrite the
/// user's terminal; escaped, both stay visible and harmless.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            escaped.extend(c.escape_default());
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(
            printable("edge-01 ünïcode"),
            Cow::Borrowed("edge-01 ünïcode")
        ));
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            printable("a\nb\tc\u{1b}[2Jd\u{7f}"),
            "a\\nb\\tc\\u{1b}[2Jd\\u{7f}"
        );
    }
}
