//! An OCI image layout on disk (`oci-layout`, `index.json`, `blobs/sha256/…`): what
//! `image build` writes and `image push --from` reads.
//!
//! Reading is also verifying: every blob the image needs must be there, with the size its
//! descriptor says and a sha256 equal to its name, before a single byte is pushed.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::digest::{self, Digest};
use super::oci::{self, Descriptor, Index, Manifest};

const OCI_LAYOUT: &str = "{\"imageLayoutVersion\":\"1.0.0\"}";

/// What is wrong with a layout.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    #[error("{0} is not an OCI image layout (no oci-layout or index.json file)")]
    NotALayout(PathBuf),
    #[error("{path} is not valid JSON for an OCI {what}: {source}")]
    Corrupt {
        path: PathBuf,
        what: &'static str,
        source: serde_json::Error,
    },
    #[error("{0}")]
    Unsupported(String),
    #[error("blob {digest} is missing from {dir}")]
    MissingBlob { digest: String, dir: PathBuf },
    #[error("blob {digest} is {actual} bytes, but its descriptor says {expected}")]
    SizeMismatch {
        digest: String,
        expected: u64,
        actual: u64,
    },
    #[error("digest mismatch: {path} should have sha256 {expected} but has {actual}")]
    DigestMismatch {
        path: PathBuf,
        expected: Digest,
        actual: Digest,
    },
    #[error(transparent)]
    BadDigest(#[from] digest::BadDigest),
    #[error("cannot read or write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> LayoutError + '_ {
    move |source| LayoutError::Io {
        path: path.to_owned(),
        source,
    }
}

/// A layout being written.
pub struct LayoutWriter {
    dir: PathBuf,
}

impl LayoutWriter {
    /// Creates (or reuses) a layout directory.
    pub fn create(dir: &Path) -> Result<Self, LayoutError> {
        let blobs = dir.join("blobs").join("sha256");
        fs::create_dir_all(&blobs).map_err(io_err(&blobs))?;
        let marker = dir.join("oci-layout");
        fs::write(&marker, OCI_LAYOUT).map_err(io_err(&marker))?;
        Ok(Self {
            dir: dir.to_owned(),
        })
    }

    pub fn blob_path(&self, digest: &Digest) -> PathBuf {
        self.dir.join("blobs").join("sha256").join(digest.hex())
    }

    /// Writes a document or small blob and returns its descriptor.
    pub fn put(&self, media_type: &str, bytes: &[u8]) -> Result<Descriptor, LayoutError> {
        let digest = Digest::of(bytes);
        let path = self.blob_path(&digest);
        fs::write(&path, bytes).map_err(io_err(&path))?;
        Ok(Descriptor::new(media_type, &digest, bytes.len() as u64))
    }

    /// Streams a blob whose digest is known only at the end: `write` gets a file to fill
    /// and returns the digest, which then names the file.
    pub fn put_streamed<T>(
        &self,
        write: impl FnOnce(io::BufWriter<fs::File>) -> io::Result<(io::BufWriter<fs::File>, T)>,
        digest_of: impl FnOnce(&T) -> Digest,
    ) -> Result<T, LayoutError> {
        let tmp = self
            .dir
            .join("blobs")
            .join(format!(".tmp-{}", std::process::id()));
        let file = fs::File::create(&tmp).map_err(io_err(&tmp))?;
        let (mut writer, value) = write(io::BufWriter::new(file)).map_err(io_err(&tmp))?;
        writer.flush().map_err(io_err(&tmp))?;
        drop(writer);
        let path = self.blob_path(&digest_of(&value));
        fs::rename(&tmp, &path).map_err(io_err(&path))?;
        Ok(value)
    }

    /// Writes `index.json` pointing at the image (a manifest or an index).
    pub fn finish(self, root: Descriptor) -> Result<PathBuf, LayoutError> {
        let path = self.dir.join("index.json");
        fs::write(&path, oci::to_bytes(&Index::new(vec![root]))).map_err(io_err(&path))?;
        Ok(self.dir)
    }
}

/// A blob to push, verified.
#[derive(Debug, Clone)]
pub struct Blob {
    pub digest: Digest,
    pub size: u64,
    pub path: PathBuf,
}

/// A manifest or index to push, with its exact bytes.
#[derive(Debug, Clone)]
pub struct Document {
    pub digest: Digest,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

/// Everything an image push sends, verified, in order: blobs (configs and layers, each
/// once), then documents with children before the index that names them.
#[derive(Debug, Clone)]
pub struct Image {
    pub blobs: Vec<Blob>,
    pub documents: Vec<Document>,
}

impl Image {
    /// The document the tag points at.
    pub fn root(&self) -> &Document {
        self.documents.last().expect("an image has a root document")
    }
}

/// Reads and fully verifies the one image in a layout.
pub fn read(dir: &Path) -> Result<Image, LayoutError> {
    let index_path = dir.join("index.json");
    if !dir.join("oci-layout").is_file() || !index_path.is_file() {
        return Err(LayoutError::NotALayout(dir.to_owned()));
    }
    let bytes = fs::read(&index_path).map_err(io_err(&index_path))?;
    let index: Index = parse(&index_path, "index", &bytes)?;
    let root = match index.manifests.as_slice() {
        [one] => one.clone(),
        [] => {
            return Err(LayoutError::Unsupported(format!(
                "{} lists no image",
                index_path.display()
            )));
        }
        many => {
            return Err(LayoutError::Unsupported(format!(
                "{} lists {} images; push needs a layout with exactly one",
                index_path.display(),
                many.len()
            )));
        }
    };
    let mut image = Image {
        blobs: Vec::new(),
        documents: Vec::new(),
    };
    collect(dir, &root, &mut image, 0)?;
    for blob in &image.blobs {
        verify_file(blob)?;
    }
    Ok(image)
}

fn parse<'a, T: serde::Deserialize<'a>>(
    path: &Path,
    what: &'static str,
    bytes: &'a [u8],
) -> Result<T, LayoutError> {
    serde_json::from_slice(bytes).map_err(|source| LayoutError::Corrupt {
        path: path.to_owned(),
        what,
        source,
    })
}

fn blob_path(dir: &Path, digest: &Digest) -> PathBuf {
    dir.join("blobs").join("sha256").join(digest.hex())
}

/// Reads a document, checks it, and collects what it names (depth-first, children first).
fn collect(dir: &Path, desc: &Descriptor, image: &mut Image, depth: u8) -> Result<(), LayoutError> {
    let digest = Digest::parse(&desc.digest)?;
    let path = blob_path(dir, &digest);
    let bytes = fs::read(&path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => LayoutError::MissingBlob {
            digest: desc.digest.clone(),
            dir: dir.to_owned(),
        },
        _ => LayoutError::Io {
            path: path.clone(),
            source: e,
        },
    })?;
    check(&path, &digest, desc.size, bytes.len() as u64, &bytes)?;
    if oci::is_index(&desc.media_type) && depth == 0 {
        let index: Index = parse(&path, "index", &bytes)?;
        for child in &index.manifests {
            collect(dir, child, image, depth + 1)?;
        }
    } else if oci::is_manifest(&desc.media_type) {
        let manifest: Manifest = parse(&path, "manifest", &bytes)?;
        for blob in std::iter::once(&manifest.config).chain(&manifest.layers) {
            let digest = Digest::parse(&blob.digest)?;
            if !image.blobs.iter().any(|b| b.digest == digest) {
                image.blobs.push(Blob {
                    path: blob_path(dir, &digest),
                    digest,
                    size: blob.size,
                });
            }
        }
    } else {
        return Err(LayoutError::Unsupported(format!(
            "{} has media type {:?}, which is not an image manifest or index",
            desc.digest, desc.media_type
        )));
    }
    image.documents.push(Document {
        digest,
        media_type: desc.media_type.clone(),
        bytes,
    });
    Ok(())
}

fn check(
    path: &Path,
    expected: &Digest,
    size: u64,
    actual_size: u64,
    bytes: &[u8],
) -> Result<(), LayoutError> {
    if size != actual_size {
        return Err(LayoutError::SizeMismatch {
            digest: expected.to_string(),
            expected: size,
            actual: actual_size,
        });
    }
    let actual = Digest::of(bytes);
    if &actual != expected {
        return Err(LayoutError::DigestMismatch {
            path: path.to_owned(),
            expected: expected.clone(),
            actual,
        });
    }
    Ok(())
}

/// Hashes a blob file and compares it with its name and descriptor.
fn verify_file(blob: &Blob) -> Result<(), LayoutError> {
    let file = fs::File::open(&blob.path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => LayoutError::MissingBlob {
            digest: blob.digest.to_string(),
            dir: blob.path.parent().unwrap_or(&blob.path).to_owned(),
        },
        _ => LayoutError::Io {
            path: blob.path.clone(),
            source: e,
        },
    })?;
    let (actual, len) = digest::of_reader(file).map_err(io_err(&blob.path))?;
    if len != blob.size {
        return Err(LayoutError::SizeMismatch {
            digest: blob.digest.to_string(),
            expected: blob.size,
            actual: len,
        });
    }
    if actual != blob.digest {
        return Err(LayoutError::DigestMismatch {
            path: blob.path.clone(),
            expected: blob.digest.clone(),
            actual,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
