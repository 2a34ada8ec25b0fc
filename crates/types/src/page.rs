use serde::{Deserialize, Serialize};

use crate::Extra;

/// A plain page of objects, as the toggle endpoints (activate, deactivate) return it.
///
/// It has no cursor: the whole answer is in `data`. `object` names the result, such as
/// `organization.certificate.deactivation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The result type, such as `organization.certificate.activation`.
    pub object: String,
    /// The objects on this page.
    pub data: Vec<T>,
    /// Fields this version does not know, kept for re-serialization.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A page of a cursor-paginated list, as the list endpoints return it.
///
/// Ask for the next page with `after = last_id` while `has_more` is true. A page can be
/// empty and still have more after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CursorPage<T> {
    /// Always `list` today.
    pub object: String,
    /// The objects on this page.
    pub data: Vec<T>,
    /// The id of the first object on this page, if any.
    #[serde(default)]
    pub first_id: Option<String>,
    /// The id of the last object on this page: the cursor for the next page.
    #[serde(default)]
    pub last_id: Option<String>,
    /// Whether more objects follow this page.
    pub has_more: bool,
    /// Fields this version does not know, kept for re-serialization.
    #[serde(flatten)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn toggle_page_has_no_cursor_fields() {
        let page: Page<serde_json::Value> = serde_json::from_value(
            json!({"object":"organization.certificate.activation","data":[1]}),
        )
        .unwrap();
        assert_eq!(page.object, "organization.certificate.activation");
        assert_eq!(page.data, vec![json!(1)]);
        assert!(page.extra.is_empty());
    }

    #[test]
    fn cursor_page_decodes_null_cursors() {
        let page: CursorPage<serde_json::Value> = serde_json::from_value(
            json!({"object":"list","data":[],"first_id":null,"last_id":null,"has_more":true}),
        )
        .unwrap();
        assert_eq!(
            (page.first_id, page.last_id, page.has_more),
            (None, None, true)
        );
        assert!(page.data.is_empty());
    }

    #[test]
    fn cursor_page_requires_has_more() {
        let body = json!({"object":"list","data":[]});
        assert!(serde_json::from_value::<CursorPage<serde_json::Value>>(body).is_err());
    }

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
