use std::fmt;

/// An OpenAI admin key, kept out of every `Debug`, `Display`, error and log.
///
/// The only way to read the key back is [`AdminKey::expose`], which the client calls
/// once per request to fill the `Authorization` header (itself marked sensitive).
#[derive(Clone, PartialEq, Eq)]
pub struct AdminKey(String);

impl AdminKey {
    /// Wraps a key. Surrounding whitespace is trimmed, as it is never part of a key.
    pub fn new(key: impl Into<String>) -> Self {
        let key = key.into();
        match key.trim() {
            trimmed if trimmed.len() == key.len() => Self(key),
            trimmed => Self(trimmed.to_owned()),
        }
    }

    /// The key itself. Do not log what this returns.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the key is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for AdminKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AdminKey(<redacted>)")
    }
}

impl From<String> for AdminKey {
    fn from(key: String) -> Self {
        Self::new(key)
    }
}

impl From<&str> for AdminKey {
    fn from(key: &str) -> Self {
        Self::new(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_key() {
        let key = AdminKey::new("sk-admin-secret-value");
        assert_eq!(format!("{key:?}"), "AdminKey(<redacted>)");
        assert_eq!(format!("{key:#?}"), "AdminKey(<redacted>)");
        assert_eq!(key.expose(), "sk-admin-secret-value");
    }

    #[test]
    fn surrounding_whitespace_is_trimmed() {
        assert_eq!(AdminKey::new("  key\n").expose(), "key");
        assert!(AdminKey::new(" ").is_empty());
    }
}
