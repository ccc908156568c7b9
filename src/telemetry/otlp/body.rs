//! Request bodies whose buffer comes back for the next export.
//!
//! A batch of `otelctl serve`'s spans encodes to about 200 KB. Allocated afresh for each
//! export, that buffer is memory the kernel has to fault in and zero again (2 MiB at a
//! time where transparent huge pages are on), and growing it copies what was written:
//! under load, about a tenth of the export thread's CPU (`perf` on the batch thread).
//! One buffer, handed back when the transport drops the body, costs nothing once warm.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// The largest buffer kept between exports (the spare is kept for the life of the
/// exporter, at the size of the largest body so far up to this): a bigger one is freed.
pub const KEEP_AT_MOST: usize = 4 << 20;

/// Holds the spare buffer between exports.
#[derive(Default)]
pub struct BodyPool {
    spare: Arc<Mutex<Vec<u8>>>,
    /// The last body's size, for a buffer made while the spare is still out.
    last_len: AtomicUsize,
}

impl BodyPool {
    /// An empty buffer: the spare one when it is back; otherwise a new one about the size
    /// of the last body (the spare stays out while a timed-out send still holds it).
    pub fn buffer(&self) -> Vec<u8> {
        let mut buffer = std::mem::take(&mut *lock(&self.spare));
        if buffer.capacity() == 0 {
            let last = self.last_len.load(Ordering::Relaxed);
            return Vec::with_capacity(last + last / 8);
        }
        buffer.clear();
        buffer
    }

    /// Wraps an encoded request; its buffer returns here when the body is dropped.
    pub fn body(&self, bytes: Vec<u8>) -> Body {
        self.last_len.store(bytes.len(), Ordering::Relaxed);
        Body {
            bytes,
            home: Arc::clone(&self.spare),
        }
    }
}

impl std::fmt::Debug for BodyPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BodyPool")
            .field("spare_capacity", &lock(&self.spare).capacity())
            .finish()
    }
}

/// An encoded request on its way out.
pub struct Body {
    bytes: Vec<u8>,
    home: Arc<Mutex<Vec<u8>>>,
}

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Body")
            .field("len", &self.bytes.len())
            .finish()
    }
}

impl Drop for Body {
    fn drop(&mut self) {
        let capacity = self.bytes.capacity();
        if capacity > KEEP_AT_MOST {
            return;
        }
        let mut spare = lock(&self.home);
        // Keep the larger of the two: the next batch is likely as big as this one.
        if spare.capacity() < capacity {
            *spare = std::mem::take(&mut self.bytes);
        }
    }
}

fn lock(spare: &Mutex<Vec<u8>>) -> std::sync::MutexGuard<'_, Vec<u8>> {
    // The guarded value is a plain buffer, valid whatever a panicking holder left in it.
    spare.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_body_hands_its_buffer_to_the_next_export() {
        let pool = BodyPool::default();
        let mut first = pool.buffer();
        first.extend_from_slice(&[7; 1000]);
        let address = first.as_ptr();
        let body = pool.body(first);
        assert_eq!(body.as_ref(), &[7; 1000][..]);

        // Still in flight: the next export gets a buffer of its own, sized like the last.
        let meanwhile = pool.buffer();
        assert!(meanwhile.capacity() >= 1000, "{}", meanwhile.capacity());
        assert_ne!(meanwhile.as_ptr(), address);
        drop(body);

        let again = pool.buffer();
        assert!(again.is_empty(), "the buffer comes back cleared");
        assert!(again.capacity() >= 1000);
        assert_eq!(
            again.as_ptr(),
            address,
            "the same allocation, not a new one"
        );
    }

    #[test]
    fn the_larger_buffer_is_kept_and_a_huge_one_is_not() {
        let pool = BodyPool::default();
        let small = pool.body(Vec::with_capacity(100));
        let large = pool.body(Vec::with_capacity(10_000));
        drop(large);
        drop(small);
        assert!(pool.buffer().capacity() >= 10_000);

        drop(pool.body(Vec::with_capacity(KEEP_AT_MOST + 1)));
        assert!(pool.buffer().capacity() < KEEP_AT_MOST);
    }

    #[test]
    fn debug_output_leaves_the_bytes_out() {
        let pool = BodyPool::default();
        let body = pool.body(b"secret-ish span data".to_vec());
        assert_eq!(format!("{body:?}"), "Body { len: 20 }");
        drop(body);
        assert_eq!(format!("{pool:?}"), "BodyPool { spare_capacity: 20 }");
    }
}
