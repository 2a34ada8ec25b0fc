//! Reading a response body into memory, but never more of it than a cap.
//!
//! The client needs the whole body to decode it, so the transport buffers it; the
//! cap keeps a broken or hostile server from making that buffer unbounded. A body
//! that declares a length over the cap is refused before any of it is read, and
//! one that turns out longer (chunked, or an HTTP/2 stream without a length) is
//! dropped on the frame that crosses the cap. Dropping an unfinished body closes
//! its connection instead of returning it to the pool.

use std::pin::pin;

use bytes::{Bytes, BytesMut};
use http_body_util::BodyExt;
use hyper::body::Body;

use super::failure::{self, Origin};
use crate::{TransportError, TransportErrorKind};

/// Why a body could not be read whole.
#[derive(Debug)]
pub(super) enum BodyError<E> {
    /// The body declared, or reached, more than `limit` bytes.
    TooLarge { limit: usize, declared: Option<u64> },
    /// The body's own stream failed.
    Read(E),
}

impl BodyError<hyper::Error> {
    pub(super) fn into_transport_error(self, origin: &Origin) -> TransportError {
        match self {
            Self::TooLarge {
                limit,
                declared: Some(declared),
            } => TransportError::new(
                TransportErrorKind::BodyTooLarge,
                format!("{origin}: response declares {declared} bytes, over the limit of {limit}"),
            ),
            Self::TooLarge {
                limit,
                declared: None,
            } => TransportError::new(
                TransportErrorKind::BodyTooLarge,
                format!("{origin}: response body exceeds the limit of {limit} bytes"),
            ),
            Self::Read(error) => failure::from_body(error, origin),
        }
    }
}

/// Reads `body` to its end, failing as soon as it is known to exceed `limit` bytes.
/// Trailers are ignored: nothing in the API uses them.
pub(super) async fn read_capped<B>(body: B, limit: usize) -> Result<Bytes, BodyError<B::Error>>
where
    B: Body<Data = Bytes>,
{
    let mut body = pin!(body);

    // For HTTP/1.1 and HTTP/2 alike hyper reports a declared Content-Length as the
    // lower bound of the size hint.
    let declared = body.size_hint().lower();
    if declared > limit as u64 {
        return Err(BodyError::TooLarge {
            limit,
            declared: Some(declared),
        });
    }

    let mut buffer = BytesMut::with_capacity(declared as usize);
    while let Some(frame) = body.frame().await {
        let Ok(data) = frame.map_err(BodyError::Read)?.into_data() else {
            continue;
        };
        if data.len() > limit - buffer.len() {
            return Err(BodyError::TooLarge {
                limit,
                declared: None,
            });
        }
        buffer.extend_from_slice(&data);
    }
    Ok(buffer.freeze())
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::convert::Infallible;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use http_body_util::Full;
    use hyper::body::{Frame, SizeHint};

    use super::*;

    /// A body of fixed chunks that counts how many it handed out, with an
    /// optional declared length.
    struct Chunks {
        chunks: VecDeque<Bytes>,
        declared: Option<u64>,
        polled: usize,
    }

    impl Chunks {
        fn new(chunks: &[&'static str], declared: Option<u64>) -> Self {
            let chunks = chunks
                .iter()
                .map(|c| Bytes::from_static(c.as_bytes()))
                .collect();
            Self {
                chunks,
                declared,
                polled: 0,
            }
        }
    }

    impl Body for Chunks {
        type Data = Bytes;
        type Error = Infallible;

        fn poll_frame(
            mut self: Pin<&mut Self>,
            _cx: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
            self.polled += 1;
            Poll::Ready(self.chunks.pop_front().map(|chunk| Ok(Frame::data(chunk))))
        }

        fn size_hint(&self) -> SizeHint {
            self.declared
                .map_or_else(SizeHint::new, SizeHint::with_exact)
        }
    }

    fn too_large<E>(result: Result<Bytes, BodyError<E>>) -> Option<(usize, Option<u64>)> {
        match result {
            Err(BodyError::TooLarge { limit, declared }) => Some((limit, declared)),
            _ => None,
        }
    }

    #[tokio::test]
    async fn a_body_of_exactly_the_limit_is_read_whole() {
        let body = Chunks::new(&["ab", "cd", "e"], None);
        assert_eq!(read_capped(body, 5).await.unwrap(), "abcde");
    }

    #[tokio::test]
    async fn an_empty_body_under_a_zero_limit_is_fine() {
        assert_eq!(read_capped(Full::new(Bytes::new()), 0).await.unwrap(), "");
    }

    #[tokio::test]
    async fn a_declared_length_over_the_limit_is_refused_unread() {
        let mut body = Chunks::new(&["abcdef"], Some(6));
        assert_eq!(
            too_large(read_capped(&mut body, 5).await),
            Some((5, Some(6)))
        );
        assert_eq!(body.polled, 0);
    }

    #[tokio::test]
    async fn reading_stops_at_the_chunk_that_crosses_the_limit() {
        let mut body = Chunks::new(&["abc", "def", "ghi"], None);
        assert_eq!(too_large(read_capped(&mut body, 5).await), Some((5, None)));
        assert_eq!(body.polled, 2);
        assert_eq!(body.chunks.len(), 1);
    }
}
