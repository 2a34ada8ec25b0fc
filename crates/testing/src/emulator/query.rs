//! The query parameters of list and retrieve.
//!
//! Queries are read as `application/x-www-form-urlencoded`: `+` is a space and `%XX`
//! is a byte. A parameter given twice takes its last value, and parameters an
//! operation does not know are ignored.

use percent_encoding::percent_decode_str;

use super::api_error::ApiError;

/// The default and the bounds of `limit`, from the spec.
const DEFAULT_LIMIT: i64 = 20;
const MAX_LIMIT: i64 = 100;

/// Which way a list runs, by `created_at` and then by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    Asc,
    Desc,
}

/// The paging parameters of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListQuery {
    pub(crate) limit: usize,
    pub(crate) after: Option<String>,
    pub(crate) order: Order,
}

/// Reads `limit` (1 to 100, default 20), `after` (empty means absent) and `order`
/// (`asc` or `desc`, default `desc`).
pub(crate) fn list_query(query: Option<&str>) -> Result<ListQuery, ApiError> {
    let mut list = ListQuery {
        limit: DEFAULT_LIMIT as usize,
        after: None,
        order: Order::Desc,
    };

    for (key, value) in pairs(query) {
        match key.as_str() {
            "limit" => list.limit = limit(&value)?,
            "after" => list.after = Some(value).filter(|after| !after.is_empty()),
            "order" => list.order = order(&value)?,
            _ => {}
        }
    }
    Ok(list)
}

/// Whether retrieve was asked for the PEM content, by `include[]=content` or
/// `include=content`.
pub(crate) fn includes_content(query: Option<&str>) -> Result<bool, ApiError> {
    let mut content = false;
    for (key, value) in pairs(query) {
        if key != "include" && key != "include[]" {
            continue;
        }
        if value != "content" {
            return Err(unsupported("include", &value, "'content'"));
        }
        content = true;
    }
    Ok(content)
}

fn limit(value: &str) -> Result<usize, ApiError> {
    let Ok(limit) = value.parse::<i64>() else {
        return Err(ApiError::invalid(
            "limit",
            "invalid_type",
            format!("Invalid type for 'limit': expected an integer, but got '{value}' instead."),
        ));
    };

    if limit < 1 {
        return Err(ApiError::invalid(
            "limit",
            "integer_below_min_value",
            format!(
                "Invalid 'limit': integer below minimum value. Expected a value >= 1, \
                 but got {limit} instead."
            ),
        ));
    }
    if limit > MAX_LIMIT {
        return Err(ApiError::invalid(
            "limit",
            "integer_above_max_value",
            format!(
                "Invalid 'limit': integer above maximum value. Expected a value <= \
                 {MAX_LIMIT}, but got {limit} instead."
            ),
        ));
    }
    Ok(limit as usize)
}

fn order(value: &str) -> Result<Order, ApiError> {
    match value {
        "asc" => Ok(Order::Asc),
        "desc" => Ok(Order::Desc),
        other => Err(unsupported("order", other, "'asc' and 'desc'")),
    }
}

fn unsupported(param: &str, value: &str, supported: &str) -> ApiError {
    ApiError::invalid(
        param,
        "invalid_value",
        format!("Invalid value: '{value}'. Supported values are: {supported}."),
    )
}

fn pairs(query: Option<&str>) -> Vec<(String, String)> {
    query
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (form_decode(key), form_decode(value))
        })
        .collect()
}

fn form_decode(text: &str) -> String {
    percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(query: &str) -> ListQuery {
        list_query(Some(query)).unwrap()
    }

    #[test]
    fn defaults_to_twenty_newest_first() {
        let expected = ListQuery {
            limit: 20,
            after: None,
            order: Order::Desc,
        };
        assert_eq!(list_query(None).unwrap(), expected);
        assert_eq!(list("after=&other=1"), expected);
    }

    #[test]
    fn reads_every_paging_parameter_decoded() {
        assert_eq!(
            list("limit=100&order=asc&after=cert%2Fa+b"),
            ListQuery {
                limit: 100,
                after: Some("cert/a b".into()),
                order: Order::Asc
            }
        );
        assert_eq!(list("limit=3&limit=1").limit, 1);
    }

    #[test]
    fn limits_outside_one_to_a_hundred_are_refused() {
        for (value, code, message) in [
            (
                "0",
                "integer_below_min_value",
                "Invalid 'limit': integer below minimum value. Expected a value >= 1, \
                 but got 0 instead.",
            ),
            (
                "101",
                "integer_above_max_value",
                "Invalid 'limit': integer above maximum value. Expected a value <= 100, \
                 but got 101 instead.",
            ),
            (
                "ten",
                "invalid_type",
                "Invalid type for 'limit': expected an integer, but got 'ten' instead.",
            ),
        ] {
            let error = list_query(Some(&format!("limit={value}"))).unwrap_err();
            assert_eq!(
                (
                    error.status.as_u16(),
                    error.param.as_deref(),
                    error.code,
                    error.message.as_str()
                ),
                (400, Some("limit"), Some(code), message)
            );
        }
    }

    #[test]
    fn order_must_be_asc_or_desc() {
        let error = list_query(Some("order=newest")).unwrap_err();
        assert_eq!(error.param.as_deref(), Some("order"));
        assert_eq!(
            error.message,
            "Invalid value: 'newest'. Supported values are: 'asc' and 'desc'."
        );
    }

    #[test]
    fn include_takes_both_spellings_and_only_content() {
        assert!(!includes_content(None).unwrap());
        assert!(includes_content(Some("include[]=content")).unwrap());
        assert!(includes_content(Some("include%5B%5D=content")).unwrap());
        assert!(includes_content(Some("include=content")).unwrap());

        let error = includes_content(Some("include[]=key")).unwrap_err();
        assert_eq!(error.param.as_deref(), Some("include"));
        assert_eq!(
            error.message,
            "Invalid value: 'key'. Supported values are: 'content'."
        );
    }
}
