//! `otelctl.toml`: where it is looked for and what it may say.
//!
//! The file gives a team shared defaults (cluster, region, namespaces, repository). A typo in
//! it must not be silently ignored, so unknown keys and bad values are errors that name the
//! file, the key and the line.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{SettingsError, validate};

/// The file name looked for in the current directory and in the user's config directory.
pub const FILE_NAME: &str = "otelctl.toml";

/// Where the configuration comes from, decided before anything is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// Named by `--config` or `OTELCTL_CONFIG`: it must exist.
    Explicit(PathBuf),
    /// Found by looking in the usual places.
    Discovered(PathBuf),
    /// No file: defaults only.
    None,
}

/// Picks the configuration file: the named one, else `./otelctl.toml`, else
/// `<config dir>/otelctl/otelctl.toml`, else none.
pub fn locate(
    named: Option<PathBuf>,
    cwd: Option<&Path>,
    config_dir: Option<&Path>,
    exists: impl Fn(&Path) -> bool,
) -> Location {
    if let Some(path) = named {
        return Location::Explicit(path);
    }
    let candidates = [
        cwd.map(|d| d.join(FILE_NAME)),
        config_dir.map(|d| d.join("otelctl").join(FILE_NAME)),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| exists(p))
        .map_or(Location::None, Location::Discovered)
}

/// The values a configuration file may set; every one is optional.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileSettings {
    pub cluster: Option<String>,
    pub region: Option<String>,
    pub repository: Option<String>,
    pub namespaces: FileNamespaces,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileNamespaces {
    pub app: Option<String>,
    pub collector: Option<String>,
    pub jaeger: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    cluster: Option<Spanned<String>>,
    region: Option<Spanned<String>>,
    repository: Option<Spanned<String>>,
    namespaces: Option<RawNamespaces>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNamespaces {
    app: Option<Spanned<String>>,
    collector: Option<Spanned<String>>,
    jaeger: Option<Spanned<String>>,
}

/// Parses and validates the text of a configuration file. `path` is only used in errors.
pub fn parse(path: &Path, text: &str) -> Result<FileSettings, SettingsError> {
    let error_at = |span: Option<Range<usize>>, message: String| {
        let (line, column) = span.map_or((1, 1), |s| line_column(text, s.start));
        SettingsError::File {
            path: path.to_owned(),
            line,
            column,
            message,
        }
    };
    let raw: Raw = toml::from_str(text).map_err(|e| {
        error_at(
            e.span(),
            e.message().replace("unknown field", "unknown key"),
        )
    })?;

    let check = |key: &str,
                 value: Option<Spanned<String>>,
                 validator: fn(&str) -> Result<String, String>| {
        value
            .map(|v| {
                let span = v.span();
                validator(v.get_ref()).map_err(|why| error_at(Some(span), format!("{key}: {why}")))
            })
            .transpose()
    };
    let ns = raw.namespaces.unwrap_or(RawNamespaces {
        app: None,
        collector: None,
        jaeger: None,
    });
    Ok(FileSettings {
        cluster: check("cluster", raw.cluster, validate::cluster_name)?,
        region: check("region", raw.region, validate::region)?,
        repository: check("repository", raw.repository, validate::repository)?,
        namespaces: FileNamespaces {
            app: check("namespaces.app", ns.app, validate::namespace)?,
            collector: check("namespaces.collector", ns.collector, validate::namespace)?,
            jaeger: check("namespaces.jaeger", ns.jaeger, validate::namespace)?,
        },
    })
}

/// 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> PathBuf {
        PathBuf::from("/etc/team/otelctl.toml")
    }

    #[test]
    fn full_file_parses() {
        let text = "cluster = \"otel-dev\"\nregion = \"eu-west-1\"\nrepository = \"team/otel-demo\"\n\
                    [namespaces]\napp = \"shop\"\ncollector = \"otel\"\njaeger = \"tracing\"\n";
        let s = parse(&p(), text).unwrap();
        assert_eq!(s.cluster.as_deref(), Some("otel-dev"));
        assert_eq!(s.region.as_deref(), Some("eu-west-1"));
        assert_eq!(s.repository.as_deref(), Some("team/otel-demo"));
        assert_eq!(s.namespaces.app.as_deref(), Some("shop"));
        assert_eq!(s.namespaces.collector.as_deref(), Some("otel"));
        assert_eq!(s.namespaces.jaeger.as_deref(), Some("tracing"));
    }

    #[test]
    fn empty_file_is_all_defaults() {
        assert_eq!(parse(&p(), "").unwrap(), FileSettings::default());
    }

    #[test]
    fn unknown_key_names_file_key_and_line() {
        let err = parse(&p(), "cluster = \"a\"\n\nregoin = \"us-east-1\"\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("/etc/team/otelctl.toml:3:1:"), "{msg}");
        assert!(msg.contains("unknown key `regoin`"), "{msg}");
    }

    #[test]
    fn unknown_nested_key_is_rejected() {
        let msg = parse(&p(), "[namespaces]\napp = \"a\"\ncolector = \"b\"\n")
            .unwrap_err()
            .to_string();
        assert!(msg.contains(":3:"), "{msg}");
        assert!(msg.contains("colector"), "{msg}");
    }

    #[test]
    fn bad_value_names_key_and_line() {
        let msg = parse(&p(), "cluster = \"ok\"\nregion = \"us east 1\"\n")
            .unwrap_err()
            .to_string();
        assert!(msg.starts_with("/etc/team/otelctl.toml:2:10:"), "{msg}");
        assert!(msg.contains("region:"), "{msg}");
        assert!(msg.contains("us east 1"), "{msg}");
    }

    #[test]
    fn wrong_type_is_rejected_with_line() {
        let msg = parse(&p(), "\ncluster = 42\n").unwrap_err().to_string();
        assert!(msg.contains(":2:"), "{msg}");
    }

    #[test]
    fn named_file_wins_then_cwd_then_config_dir() {
        let cwd = Path::new("/work");
        let cfg = Path::new("/home/u/.config");
        let all = |_: &Path| true;
        let none = |_: &Path| false;
        assert_eq!(
            locate(Some("x.toml".into()), Some(cwd), Some(cfg), none),
            Location::Explicit("x.toml".into())
        );
        assert_eq!(
            locate(None, Some(cwd), Some(cfg), all),
            Location::Discovered("/work/otelctl.toml".into())
        );
        let only_cfg = |p: &Path| p.starts_with(cfg);
        assert_eq!(
            locate(None, Some(cwd), Some(cfg), only_cfg),
            Location::Discovered("/home/u/.config/otelctl/otelctl.toml".into())
        );
        assert_eq!(locate(None, Some(cwd), Some(cfg), none), Location::None);
    }
}
