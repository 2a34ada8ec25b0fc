/// The most bytes of a body that an error message quotes.
pub(crate) const SNIPPET_LIMIT: usize = 256;

/// A short, printable excerpt of a response body for error messages.
///
/// Takes at most [`SNIPPET_LIMIT`] bytes, never splits a UTF-8 character, replaces
/// invalid UTF-8, folds runs of whitespace (so an HTML page reads as one line) and marks
/// a cut with `…`. Returns `None` for an empty or all-whitespace body.
pub(crate) fn snippet(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let mut out = String::with_capacity(SNIPPET_LIMIT.min(text.len()) + 3);
    let mut pending_space = false;
    let mut truncated = false;

    for ch in text.chars() {
        if ch.is_whitespace() || ch.is_control() {
            pending_space = !out.is_empty();
            continue;
        }
        let needed = ch.len_utf8() + usize::from(pending_space);
        if out.len() + needed > SNIPPET_LIMIT {
            truncated = true;
            break;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(ch);
    }

    if out.is_empty() {
        return None;
    }
    if truncated {
        out.push('…');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_blank_bodies_have_no_snippet() {
        assert_eq!(snippet(b""), None);
        assert_eq!(snippet(b" \r\n\t "), None);
    }

    #[test]
    fn whitespace_is_folded() {
        assert_eq!(
            snippet(b"<html>\r\n  <body>Bad   Gateway</body>\n</html>\n").as_deref(),
            Some("<html> <body>Bad Gateway</body> </html>")
        );
    }

    #[test]
    fn long_bodies_are_cut_on_a_character_boundary() {
        let body = "é".repeat(1000);
        let cut = snippet(body.as_bytes()).unwrap();
        assert_eq!(cut, format!("{}…", "é".repeat(SNIPPET_LIMIT / 2)));
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        assert_eq!(
            snippet(b"ok\xff\xfe").as_deref(),
            Some("ok\u{fffd}\u{fffd}")
        );
    }
}
