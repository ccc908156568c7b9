//! Request bodies: small documents from memory, and blobs streamed from disk with a count
//! of the bytes sent so far (for a progress bar), so a layer is never loaded whole.

use std::io;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Empty, Full};
use hyper::body::{Body, Frame, SizeHint};
use tokio::io::{AsyncRead, ReadBuf};

pub type RequestBody = BoxBody<Bytes, io::Error>;

/// Called with the bytes of a blob sent so far (from 0 again on a retry).
pub type OnSent = Arc<dyn Fn(u64) + Send + Sync>;

/// A body that can be made again for a retry.
#[derive(Clone)]
pub enum Source {
    Empty,
    Bytes(Bytes),
    File {
        path: PathBuf,
        size: u64,
        on_sent: OnSent,
    },
}

impl Source {
    pub fn len(&self) -> u64 {
        match self {
            Source::Empty => 0,
            Source::Bytes(b) => b.len() as u64,
            Source::File { size, .. } => *size,
        }
    }

    pub async fn open(&self) -> io::Result<RequestBody> {
        Ok(match self {
            Source::Empty => Empty::new().map_err(|never| match never {}).boxed(),
            Source::Bytes(b) => Full::new(b.clone()).map_err(|never| match never {}).boxed(),
            Source::File {
                path,
                size,
                on_sent,
            } => {
                on_sent(0);
                FileBody {
                    file: tokio::fs::File::open(path).await?,
                    remaining: *size,
                    sent: 0,
                    buf: vec![0; CHUNK],
                    on_sent: on_sent.clone(),
                }
                .boxed()
            }
        })
    }
}

const CHUNK: usize = 256 * 1024;

struct FileBody {
    file: tokio::fs::File,
    remaining: u64,
    sent: u64,
    buf: Vec<u8>,
    on_sent: OnSent,
}

impl Body for FileBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        let this = self.get_mut();
        if this.remaining == 0 {
            return Poll::Ready(None);
        }
        let want = this
            .buf
            .len()
            .min(usize::try_from(this.remaining).unwrap_or(CHUNK));
        let mut read = ReadBuf::new(&mut this.buf[..want]);
        ready!(Pin::new(&mut this.file).poll_read(cx, &mut read))?;
        let n = read.filled().len();
        if n == 0 {
            return Poll::Ready(Some(Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the blob file is shorter than its descriptor says",
            ))));
        }
        let chunk = Bytes::copy_from_slice(read.filled());
        this.remaining -= n as u64;
        this.sent += n as u64;
        (this.on_sent)(this.sent);
        Poll::Ready(Some(Ok(Frame::data(chunk))))
    }

    fn is_end_stream(&self) -> bool {
        self.remaining == 0
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.remaining)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, Ordering};

    use super::*;

    #[tokio::test]
    async fn a_file_body_streams_all_bytes_and_counts_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("blob");
        let data: Vec<u8> = (0..(CHUNK * 2 + 17)).map(|i| i as u8).collect();
        std::fs::write(&path, &data).unwrap();
        let seen = Arc::new(AtomicU64::new(0));
        let counter = seen.clone();
        let source = Source::File {
            path,
            size: data.len() as u64,
            on_sent: Arc::new(move |n| counter.store(n, Ordering::Relaxed)),
        };
        let body = source.open().await.unwrap();
        assert_eq!(body.size_hint().exact(), Some(data.len() as u64));
        let collected = body.collect().await.unwrap().to_bytes();
        assert_eq!(&collected[..], &data[..]);
        assert_eq!(seen.load(Ordering::Relaxed), data.len() as u64);
    }
}
