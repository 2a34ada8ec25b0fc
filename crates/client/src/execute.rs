//! Sending a prepared call and turning the answer into a value or an error.

use serde::de::DeserializeOwned;

use crate::client::Inner;
use crate::decode::decode;
use crate::request::{self, Prepared};
use crate::response::{request_id, Response};
use crate::status_error::api_error;
use crate::{Error, RequestOptions};

/// Sends `prepared` once and classifies the answer: 2xx is decoded as `T`, any other
/// status becomes an [`crate::ApiError`], and no answer becomes [`Error::Transport`].
pub(crate) async fn execute<T: DeserializeOwned>(
    client: &Inner,
    prepared: &Prepared,
    options: &RequestOptions,
) -> Result<Response<T>, Error> {
    let attempts = 1;
    let request = request::build(client, prepared, options);

    let response = client
        .transport
        .send(request)
        .await
        .map_err(|source| Error::Transport { source, attempts })?;

    let (parts, body) = response.into_parts();
    let request_id = request_id(&parts.headers);
    if !parts.status.is_success() {
        return Err(api_error(parts.status, request_id, &body, attempts).into());
    }

    let value = decode(parts.status, request_id.as_deref(), &body, attempts)?;
    Ok(Response { value, request_id, status: parts.status, headers: parts.headers })
}
