//! Hand-written decoding for the hot models, which keep unknown fields without the
//! buffering that `#[serde(flatten)]` costs.
//!
//! A derived `Deserialize` with a flattened map first collects the whole object, every
//! nested value included, into serde's internal buffer, and only then decodes the known
//! fields from it. For a page of certificates that doubles the work. These visitors read
//! each key once: a known field is decoded in place, anything else goes to `extra`.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

/// A map key: one of the model's field names, or a name to keep in `extra`.
pub(crate) enum Key {
    Known(&'static str),
    Other(String),
}

/// Reads a [`Key`], matching it against `names` without allocating for known names.
pub(crate) struct Keys(pub(crate) &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Keys {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Keys {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
        Ok(match self.0.iter().find(|known| **known == name) {
            Some(known) => Key::Known(known),
            None => Key::Other(name.to_owned()),
        })
    }
}

/// Stores a field's value, refusing a second occurrence as derived decoders do.
pub(crate) fn set<'de, A: MapAccess<'de>, T: de::Deserialize<'de>>(
    slot: &mut Option<T>,
    name: &'static str,
    map: &mut A,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// A required field's value, or the error naming it.
pub(crate) fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| de::Error::missing_field(name))
}
