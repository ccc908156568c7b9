//! The docker CLI, for the two things that need it: `image build --dockerfile` (a
//! Dockerfile build is Docker's job) and `image push --docker-image` (an image that lives in
//! a Docker engine). otelctl never runs `docker login`: it reads `docker save` output and
//! pushes it itself, so no registry password reaches Docker's config file.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use flate2::Compression;
use flate2::write::GzEncoder;
use serde::Deserialize;

use super::Digest;
use super::digest::{self, HashingWriter};
use super::layout::{LayoutError, LayoutWriter};
use super::oci::{self, Descriptor, Manifest, Platform};

#[derive(Debug, thiserror::Error)]
pub enum DockerError {
    #[error(
        "docker was not found on PATH, and `{0}` needs the docker CLI and a Docker engine.\n  \
         Without Docker, build the otelctl image daemonless and push it:\n    \
         otelctl image build --layout ./image\n    \
         otelctl image push --from ./image --repository NAME --tag TAG"
    )]
    NotFound(&'static str),
    #[error("`docker {args}` failed ({status})")]
    Failed { args: String, status: String },
    #[error("cannot run docker: {0}")]
    Spawn(io::Error),
    #[error("the `docker save` output is not usable: {0}")]
    BadSave(String),
    #[error(transparent)]
    Layout(#[from] LayoutError),
    #[error("cannot read the `docker save` output: {0}")]
    Io(#[from] io::Error),
}

/// The docker executable on PATH, if any.
pub fn find() -> Option<PathBuf> {
    let exe = if cfg!(windows) {
        "docker.exe"
    } else {
        "docker"
    };
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(exe))
        .find(|p| p.is_file())
}

async fn run(docker: &Path, args: &[OsString]) -> Result<(), DockerError> {
    tracing::debug!(?args, "running docker");
    // Docker's own output is progress, not otelctl's result: it goes to stderr.
    let status = tokio::process::Command::new(docker)
        .args(args)
        .stdin(Stdio::null())
        .stdout(io::stderr())
        .status()
        .await
        .map_err(DockerError::Spawn)?;
    if status.success() {
        Ok(())
    } else {
        Err(DockerError::Failed {
            args: args
                .iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" "),
            status: status.to_string(),
        })
    }
}

/// `docker buildx build --load` when buildx is installed, else `docker build`. Returns the
/// arguments it ran.
pub async fn build(
    dockerfile: &Path,
    context: &Path,
    tag: &str,
    platforms: &[Platform],
) -> Result<Vec<String>, DockerError> {
    let docker = find().ok_or(DockerError::NotFound("image build --dockerfile"))?;
    let buildx = tokio::process::Command::new(&docker)
        .args(["buildx", "version"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .await
        .is_ok_and(|s| s.success());
    let mut args: Vec<OsString> = if buildx {
        vec!["buildx".into(), "build".into(), "--load".into()]
    } else {
        vec!["build".into()]
    };
    args.extend(["--tag".into(), tag.into(), "--file".into()]);
    args.push(dockerfile.into());
    if !platforms.is_empty() {
        let list: Vec<String> = platforms
            .iter()
            .map(|p| format!("{}/{}", p.os, p.architecture))
            .collect();
        args.extend(["--platform".into(), list.join(",").into()]);
    }
    args.push(context.into());
    run(&docker, &args).await?;
    Ok(args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect())
}

/// `docker save` of `image` into a file in `dir`.
pub async fn save(image: &str, dir: &Path) -> Result<PathBuf, DockerError> {
    let docker = find().ok_or(DockerError::NotFound("image push --docker-image"))?;
    let out = dir.join("docker-save.tar");
    let args: Vec<OsString> = vec![
        "save".into(),
        "--output".into(),
        out.clone().into(),
        image.into(),
    ];
    run(&docker, &args).await?;
    Ok(out)
}

/// One entry of `docker save`'s manifest.json.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SaveEntry {
    config: String,
    #[serde(default)]
    repo_tags: Vec<String>,
    layers: Vec<String>,
}

/// Turns `docker save` output (the classic format and Docker 25+'s both carry
/// manifest.json) into an OCI layout with gzip layers, checking every layer against the
/// config's diff_ids.
pub fn import_save(tarball: &Path, image: &str, layout: &Path) -> Result<(), DockerError> {
    let unpacked = tempfile::tempdir()?;
    tar::Archive::new(fs::File::open(tarball)?).unpack(unpacked.path())?;
    let root = unpacked.path();
    let entries: Vec<SaveEntry> = serde_json::from_slice(&fs::read(root.join("manifest.json"))?)
        .map_err(|e| DockerError::BadSave(format!("manifest.json: {e}")))?;
    let entry = match entries
        .iter()
        .position(|e| e.repo_tags.iter().any(|t| t == image))
    {
        Some(i) => &entries[i],
        None if entries.len() == 1 => &entries[0],
        None => {
            return Err(DockerError::BadSave(format!(
                "it holds {} images and none is tagged {image}",
                entries.len()
            )));
        }
    };
    let inside = |name: &str| -> Result<PathBuf, DockerError> {
        let path = root.join(name);
        match path.canonicalize() {
            Ok(p) if p.starts_with(root.canonicalize()?) => Ok(p),
            _ => Err(DockerError::BadSave(format!("{name} is missing"))),
        }
    };
    let config_bytes = fs::read(inside(&entry.config)?)?;
    let config: serde_json::Value = serde_json::from_slice(&config_bytes)
        .map_err(|e| DockerError::BadSave(format!("the image config: {e}")))?;
    let diff_ids: Vec<&str> = config["rootfs"]["diff_ids"]
        .as_array()
        .map(|a| a.iter().filter_map(|d| d.as_str()).collect())
        .unwrap_or_default();
    if diff_ids.len() != entry.layers.len() {
        return Err(DockerError::BadSave(format!(
            "the config lists {} layers and the archive has {}",
            diff_ids.len(),
            entry.layers.len()
        )));
    }
    let writer = LayoutWriter::create(layout)?;
    let mut layers = Vec::new();
    for (name, expected) in entry.layers.iter().zip(diff_ids) {
        let path = inside(name)?;
        let mut magic = [0u8; 2];
        let gzipped =
            fs::File::open(&path)?.read_exact(&mut magic).is_ok() && magic == [0x1f, 0x8b];
        let (digest, diff_id, size) = if gzipped {
            let (digest, size) = digest::of_reader(fs::File::open(&path)?)?;
            let (diff_id, _) =
                digest::of_reader(flate2::read::GzDecoder::new(fs::File::open(&path)?))?;
            fs::copy(&path, writer.blob_path(&digest))?;
            (digest, diff_id, size)
        } else {
            writer.put_streamed(
                |out| {
                    let gzip = GzEncoder::new(HashingWriter::new(out), Compression::default());
                    let mut tee = HashingWriter::new(gzip);
                    io::copy(&mut fs::File::open(&path)?, &mut tee)?;
                    let (gzip, diff_id, _) = tee.finish();
                    let (out, digest, size) = gzip.finish()?.finish();
                    Ok((out, (digest, diff_id, size)))
                },
                |(digest, _, _)| digest.clone(),
            )?
        };
        if diff_id.as_str() != expected {
            return Err(DockerError::Layout(LayoutError::DigestMismatch {
                path,
                expected: Digest::parse(expected).map_err(LayoutError::from)?,
                actual: diff_id,
            }));
        }
        layers.push(Descriptor::new(oci::LAYER_GZIP, &digest, size));
    }
    let config_desc = writer.put(oci::CONFIG, &config_bytes)?;
    let manifest = Manifest {
        schema_version: 2,
        media_type: Some(oci::MANIFEST.to_owned()),
        config: config_desc,
        layers,
        annotations: Default::default(),
    };
    let root = writer.put(oci::MANIFEST, &oci::to_bytes(&manifest))?;
    writer.finish(root)?;
    Ok(())
}
