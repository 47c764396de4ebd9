//! Reading a request body whole, up to a limit, with the two ways it can
//! fail told apart so that each dialect answers them in its own shape.

use axum::body::{Body, to_bytes};
use bytes::Bytes;
use http_body_util::LengthLimitError;

/// Why a body could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    /// It is longer than the limit.
    #[error("the body is larger than {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The connection failed while it was read.
    #[error("the body could not be read")]
    Unreadable,
}

/// The whole body, or why not: at most `limit` bytes are ever held.
pub async fn read_body(body: Body, limit: usize) -> Result<Bytes, BodyError> {
    to_bytes(body, limit).await.map_err(|err| {
        if err.into_inner().is::<LengthLimitError>() {
            BodyError::TooLarge { limit }
        } else {
            BodyError::Unreadable
        }
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[tokio::test]
    async fn a_body_up_to_the_limit_reads_and_one_past_it_does_not() {
        let read = read_body(Body::from("12345"), 5).await.unwrap();
        assert_eq!(&read[..], b"12345");
        let refused = read_body(Body::from("123456"), 5).await;
        assert_eq!(refused, Err(BodyError::TooLarge { limit: 5 }));
    }

    #[tokio::test]
    async fn a_failing_stream_is_unreadable() {
        let failing = futures_util::stream::iter([
            Ok(Bytes::from_static(b"part")),
            Err(std::io::Error::other("reset")),
        ]);
        let read = read_body(Body::from_stream(failing), 100).await;
        assert_eq!(read, Err(BodyError::Unreadable));
    }
}
