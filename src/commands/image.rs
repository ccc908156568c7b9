//! `otelctl image build` and `otelctl image push`: the seed's Docker Desktop, `docker
//! login`, build, tag and push, with no Docker daemon and no password on disk.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::aws::ecr::{self, RepositorySettings, Secret};
use crate::aws::{self};
use crate::cli::{ImageBuildArgs, ImagePushArgs};
use crate::exit::UsageError;
use crate::image::build::{self, BuildSpec, Built};
use crate::image::registry::auth::Credentials;
use crate::image::registry::push::{self, Observer, Pushed};
use crate::image::registry::{Client, Login, Target};
use crate::image::{Digest, base, docker, elf, layout, oci::Platform};
use crate::output::{Bar, Bars, Human, Printer, Render};
use crate::settings::Settings;

const MUSL_HINT: &str = "build a static one with `rustup target add x86_64-unknown-linux-musl && \
     cargo build --release --target x86_64-unknown-linux-musl` and pass \
     --binary target/x86_64-unknown-linux-musl/release/otelctl";

impl Render for Built {
    fn render(&self, out: &mut Human) {
        out.ok(format!(
            "built {} in {}",
            self.digest,
            self.layout.display()
        ));
        let command = [self.entrypoint.clone(), self.cmd.clone()]
            .concat()
            .join(" ");
        out.pairs(&[("entrypoint", &command), ("user", &self.user)]);
        for image in &self.images {
            out.line(format!(
                "  {}  manifest {}  layer {} ({} bytes)",
                image.platform, image.manifest, image.layer, image.layer_size
            ));
        }
    }
}

/// Reads the binaries to put in the image, each with the platform its ELF header names.
fn binaries(args: &ImageBuildArgs) -> Result<Vec<(Platform, PathBuf, Vec<u8>)>> {
    let paths = if args.binary.is_empty() {
        let me = std::env::current_exe().context("cannot find the running otelctl binary")?;
        let bytes = std::fs::read(&me).with_context(|| format!("cannot read {}", me.display()))?;
        if let Err(why) = elf::static_arch(&bytes) {
            return Err(UsageError(format!(
                "this otelctl ({}) cannot go into a scratch image: it is {why}; {MUSL_HINT}",
                me.display()
            ))
            .into());
        }
        return Ok(vec![(platform_of(&bytes)?, me, bytes)]);
    } else {
        &args.binary
    };
    paths
        .iter()
        .map(|path| {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            let platform = platform_of(&bytes).map_err(|why| {
                UsageError(format!(
                    "{} cannot go into the image: {why}",
                    path.display()
                ))
            })?;
            Ok((platform, path.clone(), bytes))
        })
        .collect()
}

fn platform_of(bytes: &[u8]) -> Result<Platform, elf::ElfError> {
    elf::static_arch(bytes).map(|arch| Platform::linux(arch.as_str()))
}

/// Pairs each wanted platform with its binary.
fn match_platforms(
    wanted: &[Platform],
    found: Vec<(Platform, PathBuf, Vec<u8>)>,
) -> Result<Vec<(Platform, Vec<u8>)>, UsageError> {
    let mut seen = Vec::<&Platform>::new();
    for (p, path, _) in &found {
        if seen.contains(&p) {
            return Err(UsageError(format!(
                "two binaries are for {p} ({} is one): give one --binary per platform",
                path.display()
            )));
        }
        seen.push(p);
    }
    if wanted.is_empty() {
        return Ok(found.into_iter().map(|(p, _, b)| (p, b)).collect());
    }
    let mut found: HashMap<Platform, Vec<u8>> = found.into_iter().map(|(p, _, b)| (p, b)).collect();
    wanted
        .iter()
        .map(|p| {
            found.remove(p).map(|b| (p.clone(), b)).ok_or_else(|| {
                UsageError(format!(
                    "--platform {p} needs a static {} otelctl binary: pass it with --binary",
                    p.architecture
                ))
            })
        })
        .collect()
}

pub async fn build(printer: &Printer, args: &ImageBuildArgs) -> Result<()> {
    if let Some(dockerfile) = &args.dockerfile {
        return docker_build(printer, args, dockerfile).await;
    }
    let layout = args
        .layout
        .clone()
        .expect("clap requires --layout or --dockerfile");
    let binaries = match_platforms(&args.platform, binaries(args)?)?;
    let cmd: Vec<String> = args
        .entrypoint_args
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let base_dir = args.base.strip_prefix("oci:").map(PathBuf::from);
    let spinner = printer.spinner(format!("Building the image into {}", layout.display()));
    let built = tokio::task::spawn_blocking(move || -> Result<Built> {
        let base = match &base_dir {
            Some(dir) => Some(
                base::open(dir)
                    .with_context(|| format!("cannot use {} as the base", dir.display()))?,
            ),
            None => None,
        };
        let spec = BuildSpec {
            binaries: binaries.iter().map(|(p, b)| (p.clone(), &b[..])).collect(),
            args: cmd,
            labels: build::default_labels(env!("CARGO_PKG_VERSION")),
            base: base.as_ref(),
        };
        build::build(&spec, &layout).context("cannot build the image")
    })
    .await??;
    drop(spinner);
    printer.result(&built)?;
    Ok(())
}

#[derive(Serialize)]
struct DockerBuilt {
    tag: String,
    dockerfile: PathBuf,
    command: String,
}

impl Render for DockerBuilt {
    fn render(&self, out: &mut Human) {
        out.ok(format!("built {} with `{}`", self.tag, self.command));
    }
}

async fn docker_build(printer: &Printer, args: &ImageBuildArgs, dockerfile: &Path) -> Result<()> {
    let tag = args
        .tag
        .clone()
        .expect("clap requires --tag with --dockerfile");
    let context = args.context.clone().unwrap_or_else(|| {
        dockerfile
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_owned()
    });
    let argv = docker::build(dockerfile, &context, &tag, &args.platform).await?;
    printer.result(&DockerBuilt {
        tag,
        dockerfile: dockerfile.to_owned(),
        command: format!("docker {}", argv.join(" ")),
    })?;
    Ok(())
}

#[derive(Serialize)]
struct PushReport {
    /// `host/repository:tag`.
    reference: String,
    digest: String,
    /// `host/repository@digest`: what to deploy to be exact.
    pinned: String,
    registry: String,
    repository: String,
    tag: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    repository_created: Option<bool>,
    dry_run: bool,
    /// What the upload did (absent with --dry-run).
    #[serde(rename = "upload", skip_serializing_if = "Option::is_none")]
    pushed: Option<Pushed>,
    blobs: usize,
    bytes: u64,
}

impl Render for PushReport {
    fn render(&self, out: &mut Human) {
        match &self.pushed {
            Some(p) => {
                if self.repository_created == Some(true) {
                    out.ok(format!("created repository {}", self.repository));
                }
                out.ok(format!("pushed {}", self.reference));
                out.pairs(&[
                    ("digest", &self.digest),
                    ("pinned", &self.pinned),
                    (
                        "blobs",
                        &format!(
                            "{} uploaded ({} bytes), {} already there",
                            p.blobs_uploaded, p.bytes_uploaded, p.blobs_skipped
                        ),
                    ),
                ]);
            }
            None => {
                out.line(format!("would push {} to {}", self.digest, self.reference));
                out.line(format!(
                    "  {} blobs, {} bytes at most",
                    self.blobs, self.bytes
                ));
            }
        }
    }
}

/// Progress bars, one per uploaded blob.
struct BarsObserver {
    bars: Bars,
    open: Mutex<HashMap<Digest, Bar>>,
}

impl Observer for BarsObserver {
    fn uploading(&self, digest: &Digest, size: u64) {
        let bar = self.bars.bar(size, short(digest));
        self.open
            .lock()
            .expect("not poisoned")
            .insert(digest.clone(), bar);
    }
    fn sent(&self, digest: &Digest, bytes: u64) {
        if let Some(bar) = self.open.lock().expect("not poisoned").get(digest) {
            bar.set_position(bytes);
        }
    }
    fn done(&self, digest: &Digest, uploaded: bool) {
        if uploaded && let Some(bar) = self.open.lock().expect("not poisoned").remove(digest) {
            bar.finish(format!("{} pushed", short(digest)));
        }
    }
}

fn short(digest: &Digest) -> String {
    digest.hex()[..12].to_owned()
}

fn read_password() -> Result<Secret> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("cannot read the password from stdin")?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        bail!(UsageError("--password-stdin read an empty password".into()));
    }
    Ok(Secret::new(password))
}

/// Where a push goes and how it logs in, when the registry is the account's ECR (or
/// `--registry` with the ECR password, as the tests' registry takes it).
pub(super) struct Connection {
    pub target: Target,
    pub credentials: Option<Credentials>,
    pub login: Option<Login>,
    /// Whether the ECR repository had to be created.
    pub created: bool,
}

/// Ensures the ECR repository and gets the registry password (never written anywhere).
pub(super) async fn connect_ecr(
    settings: &Settings,
    printer: &Printer,
    repository: &str,
    target: Option<Target>,
) -> Result<Connection> {
    let config = aws::load(&settings.aws).await;
    aws::region(&config)?;
    let client = aws_sdk_ecr::Client::new(&config);
    let _spinner = printer.spinner(format!("Ensuring ECR repository {repository}"));
    let (ensured, auth) = tokio::join!(
        ecr::ensure_repository(&client, repository, RepositorySettings::default()),
        ecr::authorization(&client)
    );
    let (_, created) =
        ensured.with_context(|| format!("cannot ensure ECR repository {repository}"))?;
    let auth = auth.context("cannot get the ECR registry password")?;
    let target = target.unwrap_or_else(|| Target {
        host: auth
            .endpoint
            .trim_start_matches("https://")
            .trim_end_matches('/')
            .to_owned(),
        plain_http: false,
    });
    let login: Login = Arc::new(move || {
        let client = client.clone();
        Box::pin(async move {
            let auth = ecr::authorization(&client).await?;
            Ok(Credentials {
                username: auth.username,
                password: auth.password,
            })
        })
    });
    let credentials = Credentials {
        username: auth.username,
        password: auth.password,
    };
    Ok(Connection {
        target,
        credentials: Some(credentials),
        login: Some(login),
        created,
    })
}

pub async fn push(settings: &Settings, printer: &Printer, args: &ImagePushArgs) -> Result<()> {
    let repository = args
        .repository
        .clone()
        .unwrap_or_else(|| settings.repository.clone());
    let target = match &args.registry {
        Some(registry) => Some(Target::parse(registry, args.plain_http).map_err(UsageError)?),
        None if args.plain_http => {
            bail!(UsageError(
                "--plain-http is only for a loopback --registry (ECR is always https)".into()
            ))
        }
        None => None,
    };
    let given = match &args.username {
        Some(username) => Some(Credentials {
            username: username.clone(),
            password: tokio::task::spawn_blocking(read_password).await??,
        }),
        None => None,
    };

    let staging = tempfile::tempdir().context("cannot create a temporary directory")?;
    let dir = match (&args.from, &args.docker_image) {
        (Some(dir), _) => dir.clone(),
        (None, Some(name)) => {
            let _spinner = printer.spinner(format!("Reading {name} from Docker"));
            let tarball = docker::save(name, staging.path()).await?;
            let dir = staging.path().join("layout");
            let (image, out) = (name.clone(), dir.clone());
            tokio::task::spawn_blocking(move || docker::import_save(&tarball, &image, &out))
                .await?
                .with_context(|| format!("cannot read `docker save {name}`"))?;
            dir
        }
        (None, None) => unreachable!("clap requires --from or --docker-image"),
    };
    let image = {
        let _spinner = printer.spinner(format!("Verifying {}", dir.display()));
        let read_dir = dir.clone();
        tokio::task::spawn_blocking(move || layout::read(&read_dir))
            .await?
            .with_context(|| format!("cannot push {}: nothing was pushed", dir.display()))?
    };
    let root = image.root().digest.to_string();
    let blobs = image.blobs.len();
    let bytes = image.blobs.iter().map(|b| b.size).sum();

    let (target, credentials, login, created) = match given {
        Some(credentials) => (
            target.expect("clap: --username requires --registry"),
            Some(credentials),
            None,
            None,
        ),
        None if args.dry_run => (
            target.unwrap_or_else(|| Target {
                host: "ECR".into(),
                plain_http: false,
            }),
            None,
            None,
            None,
        ),
        None => {
            let c = connect_ecr(settings, printer, &repository, target).await?;
            (c.target, c.credentials, c.login, Some(c.created))
        }
    };
    let reference = format!("{}/{repository}:{}", target.host, args.tag);
    let mut report = PushReport {
        pinned: format!("{}/{repository}@{root}", target.host),
        reference: reference.clone(),
        digest: root,
        registry: target.host.clone(),
        repository: repository.clone(),
        tag: args.tag.clone(),
        repository_created: created,
        dry_run: args.dry_run,
        pushed: None,
        blobs,
        bytes,
    };
    if !args.dry_run {
        let client = Arc::new(Client::new(&target, credentials, login)?);
        let observer = Arc::new(BarsObserver {
            bars: printer.bars(),
            open: Mutex::new(HashMap::new()),
        });
        let pushed = push::push(
            client,
            &image,
            &repository,
            &args.tag,
            args.jobs.into(),
            observer,
        )
        .await
        .with_context(|| format!("cannot push {reference}"))?;
        report.pushed = Some(pushed);
    }
    printer.result(&report)?;
    Ok(())
}
