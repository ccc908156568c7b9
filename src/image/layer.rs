//! One reproducible layer: a gzipped tar whose bytes depend only on the files in it.
//!
//! Every entry has mtime 0, uid/gid 0 and no user or group names; files are mode 0555
//! (read and execute for everyone, so the non-root user can run them, and nobody can change
//! them), directories 0755. The gzip header carries no time or file name. The same files
//! therefore always give the same `diff_id` (sha256 of the tar) and digest (sha256 of the
//! gzip stream).

use std::collections::BTreeSet;
use std::io::{self, Write};

use flate2::Compression;
use flate2::write::GzEncoder;

use super::Digest;
use super::digest::HashingWriter;

/// A file to put in a layer.
pub struct LayerFile<'a> {
    /// Path inside the image, without the leading `/`.
    pub path: &'a str,
    pub contents: &'a [u8],
}

/// What a written layer is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layer {
    /// sha256 of the gzip stream: the blob's name.
    pub digest: Digest,
    /// sha256 of the uncompressed tar: what the config's `rootfs.diff_ids` lists.
    pub diff_id: Digest,
    /// Bytes of the gzip stream.
    pub size: u64,
}

pub const FILE_MODE: u32 = 0o555;
pub const DIR_MODE: u32 = 0o755;

/// Writes the layer holding `files` (and their parent directories) to `out`.
pub fn write<W: Write>(files: &[LayerFile<'_>], out: W) -> io::Result<(W, Layer)> {
    let compressed = HashingWriter::new(out);
    let gzip = GzEncoder::new(compressed, Compression::default());
    let mut tar = tar::Builder::new(HashingWriter::new(gzip));
    let mut dirs = BTreeSet::new();
    for file in files {
        let parts: Vec<&str> = file.path.split('/').collect();
        for depth in 1..parts.len() {
            let dir = format!("{}/", parts[..depth].join("/"));
            if dirs.insert(dir.clone()) {
                let header = header(tar::EntryType::Directory, DIR_MODE, 0);
                tar.append_data(&mut header.clone(), &dir, io::empty())?;
            }
        }
        let mut header = header(
            tar::EntryType::Regular,
            FILE_MODE,
            file.contents.len() as u64,
        );
        tar.append_data(&mut header, file.path, file.contents)?;
    }
    let (gzip, diff_id, _) = tar.into_inner()?.finish();
    let (out, digest, size) = gzip.finish()?.finish();
    Ok((
        out,
        Layer {
            digest,
            diff_id,
            size,
        },
    ))
}

fn header(kind: tar::EntryType, mode: u32, size: u64) -> tar::Header {
    let mut h = tar::Header::new_ustar();
    h.set_entry_type(kind);
    h.set_mode(mode);
    h.set_size(size);
    h.set_mtime(0);
    h.set_uid(0);
    h.set_gid(0);
    h
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn layer(contents: &[u8]) -> (Vec<u8>, Layer) {
        write(
            &[LayerFile {
                path: "usr/local/bin/otelctl",
                contents,
            }],
            Vec::new(),
        )
        .unwrap()
    }

    #[test]
    fn same_files_same_bytes_and_digests() {
        let (a, la) = layer(b"binary");
        let (b, lb) = layer(b"binary");
        assert_eq!(a, b);
        assert_eq!(la, lb);
        assert_eq!(la.digest, Digest::of(&a));
        assert_eq!(la.size, a.len() as u64);
        assert_ne!(layer(b"binarY").1.digest, la.digest);
    }

    #[test]
    fn entries_are_pinned_and_diff_id_is_the_tar() {
        let (gz, layer) = layer(b"#!binary");
        let mut tar_bytes = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut tar_bytes)
            .unwrap();
        assert_eq!(layer.diff_id, Digest::of(&tar_bytes));
        let mut archive = tar::Archive::new(&tar_bytes[..]);
        let entries: Vec<(String, u32, u64, u64, u64, bool)> = archive
            .entries()
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let h = e.header();
                (
                    e.path().unwrap().display().to_string(),
                    h.mode().unwrap(),
                    h.mtime().unwrap(),
                    h.uid().unwrap(),
                    h.gid().unwrap(),
                    h.entry_type().is_dir(),
                )
            })
            .collect();
        assert_eq!(
            entries,
            vec![
                ("usr/".into(), 0o755, 0, 0, 0, true),
                ("usr/local/".into(), 0o755, 0, 0, 0, true),
                ("usr/local/bin/".into(), 0o755, 0, 0, 0, true),
                ("usr/local/bin/otelctl".into(), 0o555, 0, 0, 0, false),
            ]
        );
        // gzip header: no mtime (bytes 4..8), no file name flag.
        assert_eq!(&gz[4..8], &[0, 0, 0, 0]);
        assert_eq!(gz[3] & 0x08, 0);
    }
}
