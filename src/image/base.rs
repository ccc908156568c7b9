//! A base image under the otelctl layer, taken from a local OCI layout (`--base oci:DIR`,
//! e.g. written by `skopeo copy docker://gcr.io/distroless/static:nonroot oci:DIR`), for
//! images that want CA certificates or a shell. Its blobs are verified like a push's and
//! copied into the new layout; nothing is fetched from a registry.

use std::fs;
use std::path::{Path, PathBuf};

use super::Digest;
use super::layout::{self, Image, LayoutError};
use super::oci::{self, Descriptor, Index, Manifest, Platform};

/// The parts of a base image the build stacks on.
#[derive(Debug, Clone)]
pub struct BaseImage {
    /// Layer descriptors (OCI media types) and where their blobs are.
    pub layers: Vec<(Descriptor, PathBuf)>,
    pub diff_ids: Vec<String>,
    /// The base's environment, kept under the image's own.
    pub env: Vec<String>,
}

/// A verified base layout.
pub struct BaseLayout {
    dir: PathBuf,
    image: Image,
}

/// Reads and verifies the layout named by `--base oci:DIR`.
pub fn open(dir: &Path) -> Result<BaseLayout, LayoutError> {
    Ok(BaseLayout {
        dir: dir.to_owned(),
        image: layout::read(dir)?,
    })
}

fn unsupported(message: String) -> LayoutError {
    LayoutError::Unsupported(message)
}

impl BaseLayout {
    /// The base for one platform.
    pub fn for_platform(&self, platform: &Platform) -> Result<BaseImage, LayoutError> {
        let root = self.image.root();
        let manifest_doc = if oci::is_index(&root.media_type) {
            let index: Index =
                serde_json::from_slice(&root.bytes).map_err(|source| LayoutError::Corrupt {
                    path: self.dir.clone(),
                    what: "index",
                    source,
                })?;
            let wanted = index
                .manifests
                .iter()
                .find(|d| {
                    d.platform.as_ref().is_some_and(|p| {
                        p.os == platform.os && p.architecture == platform.architecture
                    })
                })
                .ok_or_else(|| {
                    unsupported(format!(
                        "the base in {} has no {platform} image",
                        self.dir.display()
                    ))
                })?;
            self.image
                .documents
                .iter()
                .find(|d| d.digest.as_str() == wanted.digest)
                .expect("layout::read collected every child manifest")
        } else {
            root
        };
        let manifest: Manifest =
            serde_json::from_slice(&manifest_doc.bytes).map_err(|source| LayoutError::Corrupt {
                path: self.dir.clone(),
                what: "manifest",
                source,
            })?;
        let config_path = self.blob(&manifest.config.digest)?;
        let config: serde_json::Value =
            serde_json::from_slice(&fs::read(&config_path).map_err(|source| LayoutError::Io {
                path: config_path.clone(),
                source,
            })?)
            .map_err(|source| LayoutError::Corrupt {
                path: config_path,
                what: "config",
                source,
            })?;
        if config["architecture"].as_str() != Some(platform.architecture.as_str()) {
            return Err(unsupported(format!(
                "the base in {} is for {}, not {platform}",
                self.dir.display(),
                config["architecture"]
                    .as_str()
                    .unwrap_or("an unknown architecture")
            )));
        }
        let strings = |v: &serde_json::Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        let diff_ids = strings(&config["rootfs"]["diff_ids"]);
        if diff_ids.len() != manifest.layers.len() {
            return Err(unsupported(format!(
                "the base in {} lists {} layers and {} diff_ids",
                self.dir.display(),
                manifest.layers.len(),
                diff_ids.len()
            )));
        }
        let layers = manifest
            .layers
            .iter()
            .map(|l| {
                let mut d = l.clone();
                d.media_type = oci_layer_type(&l.media_type)?;
                d.annotations.clear();
                Ok((d, self.blob(&l.digest)?))
            })
            .collect::<Result<_, LayoutError>>()?;
        Ok(BaseImage {
            layers,
            diff_ids,
            env: strings(&config["config"]["Env"]),
        })
    }

    fn blob(&self, digest: &str) -> Result<PathBuf, LayoutError> {
        let digest = Digest::parse(digest)?;
        Ok(self.dir.join("blobs").join("sha256").join(digest.hex()))
    }
}

/// The OCI media type of a layer (Docker's names the same bytes differently).
fn oci_layer_type(media_type: &str) -> Result<String, LayoutError> {
    match media_type {
        oci::LAYER_GZIP | "application/vnd.docker.image.rootfs.diff.tar.gzip" => {
            Ok(oci::LAYER_GZIP.to_owned())
        }
        "application/vnd.oci.image.layer.v1.tar"
        | "application/vnd.oci.image.layer.v1.tar+zstd" => Ok(media_type.to_owned()),
        other => Err(unsupported(format!(
            "the base has a layer of media type {other:?}, which otelctl does not stack on"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::image::build::{BuildSpec, build};

    fn spec<'a>(binary: &'a [u8], base: Option<&'a BaseLayout>) -> BuildSpec<'a> {
        BuildSpec {
            binaries: vec![(Platform::linux("amd64"), binary)],
            args: vec!["serve".into()],
            labels: BTreeMap::new(),
            base,
        }
    }

    #[test]
    fn the_binary_layer_goes_on_top_of_the_base_layers() {
        let base_dir = tempfile::tempdir().unwrap();
        let base_built = build(&spec(b"pretend base", None), base_dir.path()).unwrap();
        let base = open(base_dir.path()).unwrap();
        let out = tempfile::tempdir().unwrap();
        let built = build(&spec(b"binary", Some(&base)), out.path()).unwrap();
        let image = layout::read(out.path()).unwrap();
        let manifest: Manifest = serde_json::from_slice(&image.root().bytes).unwrap();
        assert_eq!(manifest.layers.len(), 2);
        assert_eq!(manifest.layers[0].digest, base_built.images[0].layer);
        assert_eq!(manifest.layers[1].digest, built.images[0].layer);
        let config_path = out
            .path()
            .join("blobs/sha256")
            .join(Digest::parse(&manifest.config.digest).unwrap().hex());
        let config: serde_json::Value =
            serde_json::from_slice(&fs::read(config_path).unwrap()).unwrap();
        assert_eq!(
            config["rootfs"]["diff_ids"],
            serde_json::json!([base_built.images[0].diff_id, built.images[0].diff_id])
        );
    }

    #[test]
    fn a_base_without_the_platform_is_refused() {
        let base_dir = tempfile::tempdir().unwrap();
        build(&spec(b"pretend base", None), base_dir.path()).unwrap();
        let base = open(base_dir.path()).unwrap();
        assert!(base.for_platform(&Platform::linux("arm64")).is_err());
    }
}
