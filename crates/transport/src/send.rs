use std::fmt::Debug;
use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;

use crate::TransportError;

/// Sends one buffered HTTP request and returns the buffered response.
///
/// Any status is an `Ok` response; an `Err` means the exchange itself failed and no
/// response was had. Implementations must not retry on their own beyond what is
/// invisible and always safe (such as hyper re-sending a request that a pooled
/// connection provably never took): the client's retry policy decides the rest.
///
/// The trait is object safe; the client stores an `Arc<dyn HttpSend>`. It is also
/// implemented for `&T`, `Box<T>` and `Arc<T>`, so a wrapper can hold its inner
/// transport however it likes and still be an `HttpSend` itself.
#[async_trait]
pub trait HttpSend: Send + Sync + Debug {
    /// Sends `request` and waits for the whole response body.
    ///
    /// # Errors
    ///
    /// Returns a [`TransportError`] when no complete response could be had: the
    /// connection could not be made, timed out, broke mid-exchange, or the body was
    /// larger than the transport accepts.
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError>;
}

#[async_trait]
impl<T: HttpSend + ?Sized> HttpSend for &T {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        (**self).send(request).await
    }
}

#[async_trait]
impl<T: HttpSend + ?Sized> HttpSend for Box<T> {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        (**self).send(request).await
    }
}

#[async_trait]
impl<T: HttpSend + ?Sized> HttpSend for Arc<T> {
    async fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        (**self).send(request).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Echo;

    #[async_trait]
    impl HttpSend for Echo {
        async fn send(
            &self,
            request: http::Request<Bytes>,
        ) -> Result<http::Response<Bytes>, TransportError> {
            Ok(http::Response::new(request.into_body()))
        }
    }

    async fn through(transport: &dyn HttpSend) -> Bytes {
        let request = http::Request::new(Bytes::from_static(b"ping"));
        transport.send(request).await.unwrap().into_body()
    }

    #[tokio::test]
    async fn wrappers_forward_to_the_inner_transport() {
        let shared: Arc<dyn HttpSend> = Arc::new(Echo);
        assert_eq!(through(&Echo).await, "ping");
        assert_eq!(through(&&Echo).await, "ping");
        assert_eq!(through(&Box::new(Echo)).await, "ping");
        assert_eq!(through(&shared).await, "ping");
    }
}
