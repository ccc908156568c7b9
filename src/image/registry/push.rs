//! Pushing a verified image: every blob the registry lacks goes up in parallel (HEAD first,
//! so a second push sends none), then the manifests, the one the tag names last, so the tag
//! never points at an image whose blobs are not all there. When the tag already names the
//! image, one HEAD is the whole push.

use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::RegistryError;
use super::body::Source;
use super::client::{Client, retrying};
use crate::image::Digest;
use crate::image::layout::{Blob, Image};

/// Hooks for showing a push as it goes (progress bars); all default to nothing.
pub trait Observer: Send + Sync {
    /// A blob will be uploaded (it is not in the registry).
    fn uploading(&self, _digest: &Digest, _size: u64) {}
    /// Bytes of that blob sent so far (from 0 again on a retry).
    fn sent(&self, _digest: &Digest, _bytes: u64) {}
    /// The blob is in the registry: `uploaded` false means it was there already.
    fn done(&self, _digest: &Digest, _uploaded: bool) {}
}

/// What a push did.
#[derive(Debug, Clone, Serialize)]
pub struct Pushed {
    /// The digest the tag points at.
    pub digest: String,
    pub media_type: String,
    pub blobs_uploaded: usize,
    pub blobs_skipped: usize,
    pub bytes_uploaded: u64,
    pub manifests: usize,
    pub millis: u128,
}

/// Pushes `image` to `repo:tag`, at most `jobs` blobs at a time.
pub async fn push(
    client: Arc<Client>,
    image: &Image,
    repo: &str,
    tag: &str,
    jobs: usize,
    observer: Arc<dyn Observer>,
) -> Result<Pushed, RegistryError> {
    let started = Instant::now();
    let root = image.root();
    // The tag already names this image: the registry accepted its manifest, so it has every
    // blob, and there is nothing to send.
    if client.manifest_digest(repo, tag).await?.as_deref() == Some(root.digest.as_str()) {
        return Ok(Pushed {
            digest: root.digest.to_string(),
            media_type: root.media_type.clone(),
            blobs_uploaded: 0,
            blobs_skipped: image.blobs.len(),
            bytes_uploaded: 0,
            manifests: 0,
            millis: started.elapsed().as_millis(),
        });
    }
    let limit = Arc::new(Semaphore::new(jobs.max(1)));
    let mut tasks = JoinSet::new();
    for blob in image.blobs.iter().cloned() {
        let (client, limit, observer, repo) = (
            client.clone(),
            limit.clone(),
            observer.clone(),
            repo.to_owned(),
        );
        tasks.spawn(async move {
            let _permit = limit.acquire_owned().await.expect("never closed");
            push_blob(&client, &repo, &blob, observer)
                .await
                .map(|up| (up, blob.size))
        });
    }
    let (mut uploaded, mut skipped, mut bytes) = (0, 0, 0);
    while let Some(joined) = tasks.join_next().await {
        let outcome = joined.map_err(|e| RegistryError::Protocol(format!("upload task: {e}")));
        match outcome.and_then(|r| r) {
            Ok((true, size)) => {
                uploaded += 1;
                bytes += size;
            }
            Ok((false, _)) => skipped += 1,
            Err(e) => {
                tasks.abort_all();
                return Err(e);
            }
        }
    }
    for doc in &image.documents {
        let reference = if doc.digest == root.digest {
            tag.to_owned()
        } else {
            doc.digest.to_string()
        };
        let answered = client
            .put_manifest(repo, &reference, &doc.media_type, &doc.bytes)
            .await?;
        if let Some(answered) = answered.filter(|a| a != doc.digest.as_str()) {
            return Err(RegistryError::Protocol(format!(
                "the registry stored {reference} as {answered}, but its digest is {}",
                doc.digest
            )));
        }
    }
    Ok(Pushed {
        digest: root.digest.to_string(),
        media_type: root.media_type.clone(),
        blobs_uploaded: uploaded,
        blobs_skipped: skipped,
        bytes_uploaded: bytes,
        manifests: image.documents.len(),
        millis: started.elapsed().as_millis(),
    })
}

/// HEAD, then (if missing) the upload, retried as a whole on a transient failure.
async fn push_blob(
    client: &Client,
    repo: &str,
    blob: &Blob,
    observer: Arc<dyn Observer>,
) -> Result<bool, RegistryError> {
    if client.has_blob(repo, &blob.digest).await? {
        observer.done(&blob.digest, false);
        return Ok(false);
    }
    observer.uploading(&blob.digest, blob.size);
    let digest = blob.digest.clone();
    let progress = observer.clone();
    let body = Source::File {
        path: blob.path.clone(),
        size: blob.size,
        on_sent: Arc::new(move |n| progress.sent(&digest, n)),
    };
    retrying(|| client.upload_blob(repo, &blob.digest, &body)).await?;
    observer.done(&blob.digest, true);
    Ok(true)
}
