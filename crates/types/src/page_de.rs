//! Decoding [`Page`] and [`CursorPage`] field by field, so the certificates in `data`
//! are decoded straight from the input rather than through a buffer.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

use crate::fields::{required, set, Key, Keys};
use crate::{CursorPage, Extra, Page};

const PAGE_FIELDS: &[&str] = &["object", "data"];
const CURSOR_PAGE_FIELDS: &[&str] = &["object", "data", "first_id", "last_id", "has_more"];

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(PageVisitor(PhantomData))
    }
}

struct PageVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for PageVisitor<T> {
    type Value = Page<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a page object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
        let (mut object, mut data) = (None, None);
        let mut extra = Extra::new();

        while let Some(key) = map.next_key_seed(Keys(PAGE_FIELDS))? {
            match key {
                Key::Known("object") => set(&mut object, "object", &mut map)?,
                Key::Known(_) => set(&mut data, "data", &mut map)?,
                Key::Other(name) => {
                    extra.insert(name, map.next_value()?);
                }
            }
        }

        Ok(Page {
            object: required(object, "object")?,
            data: required(data, "data")?,
            extra,
        })
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for CursorPage<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(CursorPageVisitor(PhantomData))
    }
}

struct CursorPageVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for CursorPageVisitor<T> {
    type Value = CursorPage<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list page object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CursorPage<T>, A::Error> {
        let (mut object, mut data, mut has_more) = (None, None, None);
        let mut first_id: Option<Option<String>> = None;
        let mut last_id: Option<Option<String>> = None;
        let mut extra = Extra::new();

        while let Some(key) = map.next_key_seed(Keys(CURSOR_PAGE_FIELDS))? {
            match key {
                Key::Known("object") => set(&mut object, "object", &mut map)?,
                Key::Known("data") => set(&mut data, "data", &mut map)?,
                Key::Known("first_id") => set(&mut first_id, "first_id", &mut map)?,
                Key::Known("last_id") => set(&mut last_id, "last_id", &mut map)?,
                Key::Known(_) => set(&mut has_more, "has_more", &mut map)?,
                Key::Other(name) => {
                    extra.insert(name, map.next_value()?);
                }
            }
        }

        Ok(CursorPage {
            object: required(object, "object")?,
            data: required(data, "data")?,
            first_id: first_id.flatten(),
            last_id: last_id.flatten(),
            has_more: required(has_more, "has_more")?,
            extra,
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::{CursorPage, Page};

    #[test]
    fn unknown_page_fields_are_kept_sorted_by_name() {
        let body = r#"{"zeta":1,"object":"list","data":[],"has_more":false,"alpha":{"b":2}}"#;
        let page: CursorPage<serde_json::Value> = serde_json::from_str(body).unwrap();
        let kept: Vec<&str> = page.extra.keys().map(String::as_str).collect();
        assert_eq!(kept, ["alpha", "zeta"]);
        assert_eq!(page.extra["alpha"], json!({"b": 2}));
    }

    #[test]
    fn a_page_needs_object_and_data() {
        let error = serde_json::from_str::<Page<u8>>(r#"{"object":"x"}"#).unwrap_err();
        assert_eq!(
            error.to_string(),
            "missing field `data` at line 1 column 14"
        );
        let error = serde_json::from_str::<Page<u8>>(r#"{"object":"x","data":{}}"#).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: map, expected a sequence at line 1 column 21"
        );
    }
}
