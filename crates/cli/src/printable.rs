//! Text from the API made safe to print on one terminal line.

use std::borrow::Cow;

/// `text` with every control character escaped (`\n`, `\t`, `\u{1b}`, ...), and the
/// invisible characters that reorder or hide text (bidirectional overrides and
/// isolates, zero-width characters).
///
/// Names and error messages come from the server. Printed raw, a newline would break
/// a table row or the one-line error, an escape sequence could rewrite the user's
/// terminal, and a right-to-left override could make a row read as something it is
/// not; escaped, all stay visible and harmless.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            escaped.extend(c.escape_default());
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
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
    fn text_reordering_characters_are_escaped() {
        assert_eq!(
            printable("cert\u{202E}gnp.exe\u{200B}"),
            "cert\\u{202e}gnp.exe\\u{200b}"
        );
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            printable("a\nb\tc\u{1b}[2Jd\u{7f}"),
            "a\\nb\\tc\\u{1b}[2Jd\\u{7f}"
        );
    }
}
