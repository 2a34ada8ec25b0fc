//! The parameters of a certificate list.

use std::fmt;

use crate::request::Prepared;
use crate::{validation, ValidationError};

/// The order of a list, by creation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListOrder {
    /// Oldest first.
    Asc,
    /// Newest first; the API's default.
    Desc,
}

impl ListOrder {
    /// The value sent as `order`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Asc => "asc",
            Self::Desc => "desc",
        }
    }
}

impl fmt::Display for ListOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What to ask of a list: page size, cursor and order. Unset fields are not sent, so
/// the API's defaults apply (20 per page, newest first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListParams {
    /// Objects per page, 1 to 100.
    pub limit: Option<u32>,
    /// Start after the object with this id.
    pub after: Option<String>,
    /// The order by creation time.
    pub order: Option<ListOrder>,
}

impl ListParams {
    /// The API's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Objects per page, 1 to 100.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Start after the object with this id.
    pub fn after(mut self, after: impl Into<String>) -> Self {
        self.after = Some(after.into());
        self
    }

    /// The order by creation time.
    pub fn order(mut self, order: ListOrder) -> Self {
        self.order = Some(order);
        self
    }

    /// Checks the parameters and adds them to `prepared` as its query.
    pub(crate) fn apply(&self, mut prepared: Prepared) -> Result<Prepared, ValidationError> {
        if let Some(limit) = self.limit {
            validation::limit(limit)?;
            prepared = prepared.with_query("limit", limit.to_string());
        }
        if let Some(after) = &self.after {
            if after.trim().is_empty() {
                return Err(ValidationError::EmptyId {
                    param: "after".into(),
                });
            }
            prepared = prepared.with_query("after", after.clone());
        }
        if let Some(order) = self.order {
            prepared = prepared.with_query("order", order.as_str());
        }
        Ok(prepared)
    }
}
