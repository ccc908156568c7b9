use std::collections::BTreeMap;

use super::*;
use crate::image::build::{BuildSpec, build};
use crate::image::oci::Platform;

fn spec(binary: &[u8]) -> BuildSpec<'_> {
    BuildSpec {
        binaries: vec![(Platform::linux("amd64"), binary)],
        args: vec!["serve".into()],
        labels: BTreeMap::new(),
        base: None,
    }
}

#[test]
fn a_built_layout_reads_back_verified() {
    let dir = tempfile::tempdir().unwrap();
    let built = build(&spec(b"binary"), dir.path()).unwrap();
    let image = read(dir.path()).unwrap();
    assert_eq!(image.root().digest.as_str(), built.digest);
    assert_eq!(image.blobs.len(), 2, "config and layer");
    assert_eq!(image.documents.len(), 1);
}

#[test]
fn same_input_same_digest_in_any_directory() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let x = build(&spec(b"binary"), a.path()).unwrap();
    let y = build(&spec(b"binary"), b.path()).unwrap();
    assert_eq!(x.digest, y.digest);
    let z = build(&spec(b"binarY"), b.path()).unwrap();
    assert_ne!(x.digest, z.digest);
}

#[test]
fn two_platforms_make_an_index_with_both() {
    let dir = tempfile::tempdir().unwrap();
    let spec = BuildSpec {
        binaries: vec![
            (Platform::linux("amd64"), &b"x86"[..]),
            (Platform::linux("arm64"), &b"arm"[..]),
        ],
        args: vec![],
        labels: BTreeMap::new(),
        base: None,
    };
    let built = build(&spec, dir.path()).unwrap();
    assert_eq!(built.media_type, oci::INDEX);
    let image = read(dir.path()).unwrap();
    assert_eq!(image.documents.len(), 3);
    assert_eq!(image.blobs.len(), 4);
    let index: Index = serde_json::from_slice(&image.root().bytes).unwrap();
    let platforms: Vec<String> = index
        .manifests
        .iter()
        .map(|m| m.platform.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(platforms, ["linux/amd64", "linux/arm64/v8"]);
}

#[test]
fn a_changed_blob_is_a_digest_mismatch() {
    let dir = tempfile::tempdir().unwrap();
    let built = build(&spec(b"binary"), dir.path()).unwrap();
    let layer = Digest::parse(&built.images[0].layer).unwrap();
    let path = dir.path().join("blobs/sha256").join(layer.hex());
    let mut bytes = fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    fs::write(&path, bytes).unwrap();
    assert!(matches!(
        read(dir.path()),
        Err(LayoutError::DigestMismatch { .. })
    ));
    fs::remove_file(&path).unwrap();
    assert!(matches!(
        read(dir.path()),
        Err(LayoutError::MissingBlob { .. })
    ));
}

#[test]
fn not_a_layout_and_corrupt_json() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(read(dir.path()), Err(LayoutError::NotALayout(_))));
    build(&spec(b"binary"), dir.path()).unwrap();
    fs::write(dir.path().join("index.json"), "{not json").unwrap();
    assert!(matches!(read(dir.path()), Err(LayoutError::Corrupt { .. })));
}
