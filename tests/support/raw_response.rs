//! HTTP/1.1 answers written out byte for byte, so a test can also write broken ones.

/// One HTTP/1.1 response as the bytes [`RawServer`](crate::RawServer) writes.
///
/// By default the response says `connection: close` and carries a `content-length`
/// that matches its body, so the client never reuses the connection it came on: a
/// test that wants a pooled connection asks for [`keep_alive`](Self::keep_alive). A
/// declared length that does not match the body ([`declared_length`](Self::declared_length))
/// makes a truncated answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    declared_length: Option<usize>,
    keep_alive: bool,
}

impl RawResponse {
    /// A response with `status`, no headers of its own and an empty body.
    pub fn new(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            declared_length: None,
            keep_alive: false,
        }
    }

    /// A response with `status` and `body` as JSON.
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Self::new(status)
            .header("content-type", "application/json")
            .body(body.to_string())
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// Declares `length` in `content-length` whatever the body's real length.
    pub fn declared_length(mut self, length: usize) -> Self {
        self.declared_length = Some(length);
        self
    }

    /// Leaves out `connection: close`, so the client may pool the connection.
    pub fn keep_alive(mut self) -> Self {
        self.keep_alive = true;
        self
    }

    /// The status line, the headers and the blank line that ends them.
    pub fn head(&self) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        let length = self.declared_length.unwrap_or(self.body.len());
        head.push_str(&format!("content-length: {length}\r\n"));
        if !self.keep_alive {
            head.push_str("connection: close\r\n");
        }
        head.push_str("\r\n");
        head.into_bytes()
    }

    /// The whole response: head and body.
    pub fn into_bytes(self) -> Vec<u8> {
        let mut bytes = self.head();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

impl From<RawResponse> for Vec<u8> {
    fn from(response: RawResponse) -> Self {
        response.into_bytes()
    }
}

fn reason(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or("Unknown")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_response_with_a_matching_length() {
        let bytes = RawResponse::new(502)
            .header("x-request-id", "req_1")
            .body("<html></html>")
            .into_bytes();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "HTTP/1.1 502 Bad Gateway\r\nx-request-id: req_1\r\ncontent-length: 13\r\n\
             connection: close\r\n\r\n<html></html>"
        );
    }

    #[test]
    fn a_truncated_keep_alive_response() {
        let bytes = RawResponse::new(200)
            .body("short")
            .declared_length(100)
            .keep_alive()
            .into_bytes();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nshort"
        );
    }
}
