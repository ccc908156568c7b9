//! The ko-style build: the otelctl binary as the only file of an image, written as an OCI
//! layout, one manifest per platform and an index when there is more than one.
//!
//! Nothing here reads the clock, the environment or the file system beyond the inputs, so
//! the same binaries and options always give the same digests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Digest;
use super::base::BaseLayout;
use super::layer::{self, LayerFile};
use super::layout::{LayoutError, LayoutWriter};
use super::oci::{self, Descriptor, History, ImageConfig, Manifest, Platform, RootFs, RunConfig};

/// Where the binary lives in the image.
pub const BINARY_PATH: &str = "usr/local/bin/otelctl";
/// The user the image runs as: distroless's `nonroot`, which needs no /etc/passwd entry.
pub const USER: &str = "65532:65532";

/// What to build.
pub struct BuildSpec<'a> {
    /// One binary per platform, in the order the index lists them.
    pub binaries: Vec<(Platform, &'a [u8])>,
    /// Arguments after the binary (`serve`), as the image's `Cmd`.
    pub args: Vec<String>,
    pub labels: BTreeMap<String, String>,
    /// Layers to put under the binary's (`--base oci:DIR`); `None` is scratch.
    pub base: Option<&'a BaseLayout>,
}

/// What was built, per platform.
#[derive(Debug, Clone, Serialize)]
pub struct PlatformImage {
    pub platform: String,
    pub manifest: String,
    pub config: String,
    pub layer: String,
    pub diff_id: String,
    pub layer_size: u64,
}

/// The result of a build.
#[derive(Debug, Clone, Serialize)]
pub struct Built {
    pub layout: PathBuf,
    /// The digest a tag will point at: the index, or the manifest for one platform.
    pub digest: String,
    pub media_type: String,
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    pub user: String,
    pub images: Vec<PlatformImage>,
}

/// The labels every image gets: where its source is and which version built it.
pub fn default_labels(version: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        (
            "org.opencontainers.image.source".to_owned(),
            env!("CARGO_PKG_REPOSITORY").to_owned(),
        ),
        (
            "org.opencontainers.image.version".to_owned(),
            version.to_owned(),
        ),
        (
            "org.opencontainers.image.title".to_owned(),
            "otelctl".to_owned(),
        ),
    ])
}

/// Builds the image into `layout`.
pub fn build(spec: &BuildSpec<'_>, layout: &Path) -> Result<Built, LayoutError> {
    let writer = LayoutWriter::create(layout)?;
    let entrypoint = vec![format!("/{BINARY_PATH}")];
    let mut manifests = Vec::new();
    let mut images = Vec::new();
    for (platform, binary) in &spec.binaries {
        let files = [LayerFile {
            path: BINARY_PATH,
            contents: binary,
        }];
        let base = match spec.base {
            Some(base) => Some(base.for_platform(platform)?),
            None => None,
        };
        let mut layers = Vec::new();
        let mut diff_ids = Vec::new();
        let mut env = vec!["PATH=/usr/local/bin:/usr/bin:/bin".to_owned()];
        if let Some(base) = &base {
            for (desc, path) in &base.layers {
                let digest = Digest::parse(&desc.digest)?;
                let to = writer.blob_path(&digest);
                std::fs::copy(path, &to).map_err(|source| LayoutError::Io { path: to, source })?;
                layers.push(desc.clone());
            }
            diff_ids.extend(base.diff_ids.iter().cloned());
            env.extend(base.env.iter().filter(|e| !e.starts_with("PATH=")).cloned());
        }
        let layer = writer.put_streamed(|out| layer::write(&files, out), |l| l.digest.clone())?;
        layers.push(Descriptor::new(oci::LAYER_GZIP, &layer.digest, layer.size));
        diff_ids.push(layer.diff_id.to_string());
        let config = ImageConfig {
            created: oci::EPOCH.to_owned(),
            architecture: platform.architecture.clone(),
            os: platform.os.clone(),
            variant: platform.variant.clone(),
            config: RunConfig {
                user: USER.to_owned(),
                entrypoint: entrypoint.clone(),
                cmd: spec.args.clone(),
                env,
                working_dir: "/".to_owned(),
                exposed_ports: BTreeMap::from([("8080/tcp".to_owned(), Default::default())]),
                labels: spec.labels.clone(),
            },
            rootfs: RootFs {
                kind: "layers".to_owned(),
                diff_ids,
            },
            history: vec![History {
                created: oci::EPOCH.to_owned(),
                created_by: "otelctl image build".to_owned(),
            }],
        };
        let config_desc = writer.put(oci::CONFIG, &oci::to_bytes(&config))?;
        let manifest = Manifest {
            schema_version: 2,
            media_type: Some(oci::MANIFEST.to_owned()),
            config: config_desc.clone(),
            layers,
            annotations: BTreeMap::new(),
        };
        let mut manifest_desc = writer.put(oci::MANIFEST, &oci::to_bytes(&manifest))?;
        images.push(PlatformImage {
            platform: platform.to_string(),
            manifest: manifest_desc.digest.clone(),
            config: config_desc.digest,
            layer: layer.digest.to_string(),
            diff_id: layer.diff_id.to_string(),
            layer_size: layer.size,
        });
        manifest_desc.platform = Some(platform.clone());
        manifests.push(manifest_desc);
    }
    let root = if manifests.len() == 1 {
        manifests.remove(0)
    } else {
        writer.put(oci::INDEX, &oci::to_bytes(&oci::Index::new(manifests)))?
    };
    let digest = root.digest.clone();
    let media_type = root.media_type.clone();
    debug_assert!(Digest::parse(&digest).is_ok());
    let layout = writer.finish(root)?;
    Ok(Built {
        layout,
        digest,
        media_type,
        entrypoint,
        cmd: spec.args.clone(),
        user: USER.to_owned(),
        images,
    })
}
