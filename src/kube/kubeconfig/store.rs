//! Which kubeconfig file to write, and writing it so nothing is ever half-written or lost.
//!
//! The file is chosen like the aws CLI chooses it. The update reads, merges and writes
//! under an exclusive lock on a sidecar file, and the write is a temp file in the same
//! directory renamed over the original, so a crash leaves either the old file or the new
//! one and concurrent updates of different clusters all land.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::document::{self, Change};
use super::{EksEntry, KubeconfigError};

/// How long to wait for another otelctl updating the same file.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// Picks the file: `--kubeconfig`; else from `KUBECONFIG` (split on the OS path separator)
/// the first file that already holds the cluster, else its first entry; else
/// `~/.kube/config`.
pub fn select(
    flag: Option<&Path>,
    kubeconfig_env: Option<&str>,
    home: Option<&Path>,
    holds_cluster: impl Fn(&Path) -> bool,
) -> Result<PathBuf, KubeconfigError> {
    if let Some(path) = flag {
        return Ok(path.to_owned());
    }
    if let Some(list) = kubeconfig_env {
        let paths: Vec<PathBuf> = std::env::split_paths(list)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        if let Some(found) = paths.iter().find(|p| holds_cluster(p)) {
            return Ok(found.clone());
        }
        if let Some(first) = paths.into_iter().next() {
            return Ok(first);
        }
    }
    home.map(|h| h.join(".kube").join("config"))
        .ok_or(KubeconfigError::NoHome)
}

/// Whether the file at `path` exists, parses, and has a cluster entry named `name`.
pub fn file_holds_cluster(path: &Path, name: &str) -> bool {
    fs::read_to_string(path)
        .ok()
        .and_then(|text| document::parse(&path.display().to_string(), &text).ok())
        .is_some_and(|doc| document::has_cluster(&doc, name))
}

/// The outcome of an update.
#[derive(Debug)]
pub struct Updated {
    /// The file written (symlinks resolved), or that would be written.
    pub path: PathBuf,
    pub change: Change,
    /// The merged document with credentials redacted, for `--dry-run` previews.
    pub preview: Option<String>,
}

/// Merges `entry` into the kubeconfig at `path`. With `dry_run`, nothing is written and the
/// merged document (credentials redacted) is returned instead.
pub fn update(path: &Path, entry: &EksEntry, dry_run: bool) -> Result<Updated, KubeconfigError> {
    let path = resolve_symlink(path)?;
    if dry_run {
        let mut doc = read(&path)?;
        let change = document::merge(&mut doc, entry);
        let preview = document::render(&document::redacted(&doc));
        return Ok(Updated {
            path,
            change,
            preview: Some(preview),
        });
    }
    let dir = parent_dir(&path);
    fs::create_dir_all(&dir).map_err(io_err("create directory", &dir))?;
    let _lock = Lock::acquire(&lock_path(&path))?;
    let mut doc = read(&path)?;
    let change = document::merge(&mut doc, entry);
    write_atomic(&path, document::render(&doc).as_bytes())?;
    Ok(Updated {
        path,
        change,
        preview: None,
    })
}

/// The command the exec stanza runs: plain `otelctl` when that name on PATH is this very
/// binary (so the file works on other machines too), else this binary's absolute path.
pub fn plugin_command(current_exe: &Path, path_var: Option<&std::ffi::OsStr>) -> String {
    let own = fs::canonicalize(current_exe).unwrap_or_else(|_| current_exe.to_owned());
    let name = format!("otelctl{}", std::env::consts::EXE_SUFFIX);
    let on_path = path_var
        .map(|p| std::env::split_paths(p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|dir| dir.join(&name))
        .find(|candidate| candidate.is_file());
    match on_path.and_then(|p| fs::canonicalize(p).ok()) {
        Some(found) if found == own => "otelctl".to_owned(),
        _ => own.display().to_string(),
    }
}

/// The current document; a missing file is an empty one.
fn read(path: &Path) -> Result<serde_yaml::Mapping, KubeconfigError> {
    match fs::read_to_string(path) {
        Ok(text) => document::parse(&path.display().to_string(), &text),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(serde_yaml::Mapping::new()),
        Err(e) => Err(io_err("read", path)(e)),
    }
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), KubeconfigError> {
    let dir = parent_dir(path);
    // NamedTempFile is created with mode 0600 on Unix, which is what a kubeconfig needs.
    let mut tmp = tempfile::Builder::new()
        .prefix(".otelctl-kubeconfig-")
        .tempfile_in(&dir)
        .map_err(io_err("create a temporary file in", &dir))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(io_err("write", tmp.path()))?;
    tmp.persist(path)
        .map_err(|e| io_err("replace", path)(e.error))?;
    Ok(())
}

/// Follows a symlinked kubeconfig so the rename replaces its target, not the link.
fn resolve_symlink(path: &Path) -> Result<PathBuf, KubeconfigError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(io_err("follow the symlink", path))
        }
        _ => Ok(path.to_owned()),
    }
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// `~/.kube/config` → `~/.kube/.config.otelctl.lock`. Not kubectl's `config.lock`: kubectl
/// treats that file's mere existence as a held lock, and ours outlives each run.
fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kubeconfig".into());
    parent_dir(path).join(format!(".{name}.otelctl.lock"))
}

/// An exclusive advisory lock, released when dropped (or when the process dies).
struct Lock(File);

impl Lock {
    fn acquire(path: &Path) -> Result<Self, KubeconfigError> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(io_err("open the lock file", path))?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Self(file)),
                Err(TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(KubeconfigError::LockTimeout {
                        path: path.to_owned(),
                        seconds: LOCK_WAIT.as_secs(),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(io_err("lock", path)(e)),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

fn io_err(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> KubeconfigError {
    let path = path.to_owned();
    move |source| KubeconfigError::Io {
        action,
        path,
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_wins() {
        let picked = select(
            Some(Path::new("/x/cfg")),
            Some("/a:/b"),
            Some(Path::new("/h")),
            |_| true,
        );
        assert_eq!(picked.unwrap(), PathBuf::from("/x/cfg"));
    }

    #[test]
    fn kubeconfig_env_prefers_the_file_holding_the_cluster() {
        let list = std::env::join_paths(["/a/config", "/b/config", "/c/config"]).unwrap();
        let list = list.to_str().unwrap();
        let holds_b = |p: &Path| p == Path::new("/b/config");
        assert_eq!(
            select(None, Some(list), None, holds_b).unwrap(),
            PathBuf::from("/b/config")
        );
        assert_eq!(
            select(None, Some(list), None, |_| false).unwrap(),
            PathBuf::from("/a/config")
        );
    }

    #[test]
    fn default_is_home_kube_config() {
        let picked = select(None, None, Some(Path::new("/home/u")), |_| false).unwrap();
        assert_eq!(picked, Path::new("/home/u").join(".kube").join("config"));
        assert!(matches!(
            select(None, None, None, |_| false),
            Err(KubeconfigError::NoHome)
        ));
    }

    #[test]
    fn lock_file_is_hidden_beside_the_config_and_not_kubectls() {
        assert_eq!(
            lock_path(Path::new("/home/u/.kube/config")),
            PathBuf::from("/home/u/.kube/.config.otelctl.lock")
        );
        assert_eq!(
            lock_path(Path::new("config")),
            PathBuf::from("./.config.otelctl.lock")
        );
    }

    #[test]
    fn plugin_command_is_absolute_when_not_on_path() {
        let exe = std::env::current_exe().unwrap();
        let cmd = plugin_command(&exe, Some(std::ffi::OsStr::new("")));
        assert!(Path::new(&cmd).is_absolute(), "{cmd}");
    }
}
