//! Command-line flags, environment and `otelctl.toml`, resolved into plain settings.
//!
//! Precedence is flag > environment > file > default, decided here once, before any
//! network I/O, so every command sees the same answer and the rules are unit-tested
//! without touching the machine. `load` is the only function that reads anything.

pub mod file;
pub mod validate;

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::cli::{GlobalArgs, OutputFormat};

/// Default namespaces, as in the runbook.
pub const DEFAULT_APP_NAMESPACE: &str = "app";
pub const DEFAULT_COLLECTOR_NAMESPACE: &str = "opentelemetry";
pub const DEFAULT_JAEGER_NAMESPACE: &str = "jaeger";
/// Default ECR repository for the demo image.
pub const DEFAULT_REPOSITORY: &str = "otel-demo";

/// Everything a command needs to know about how it was asked to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub aws: AwsSettings,
    /// The EKS cluster, when one was named anywhere.
    pub cluster: Option<String>,
    pub kube: KubeSettings,
    pub namespaces: Namespaces,
    pub repository: String,
    pub output: OutputSettings,
    /// `--yes`: never prompt.
    pub assume_yes: bool,
    /// The configuration file that was read, if any.
    pub config_file: Option<PathBuf>,
}

/// What the AWS SDK is told beyond its own default chain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AwsSettings {
    /// `None` leaves the region to the SDK's chain (profile, IMDS).
    pub region: Option<String>,
    /// `None` leaves the profile to the SDK's chain (`default`).
    pub profile: Option<String>,
}

/// Kubernetes client configuration inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KubeSettings {
    /// `--kubeconfig`.
    pub kubeconfig: Option<PathBuf>,
    /// `KUBECONFIG` as given (an OS path list).
    pub kubeconfig_env: Option<String>,
    /// The user's home directory, for `~/.kube/config`.
    pub home: Option<PathBuf>,
    /// `--context`.
    pub context: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namespaces {
    pub app: String,
    pub collector: String,
    pub jaeger: String,
}

/// How results, progress and logs are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputSettings {
    pub format: OutputFormat,
    pub verbosity: u8,
    pub quiet: bool,
    pub color_stdout: bool,
    pub color_stderr: bool,
    /// Progress bars and spinners on stderr.
    pub progress: bool,
}

/// Whether stdout and stderr are terminals; measured by the caller.
#[derive(Debug, Clone, Copy, Default)]
pub struct Terminal {
    pub stdout: bool,
    pub stderr: bool,
}

#[derive(Debug, Error)]
pub enum SettingsError {
    #[error("{}:{line}:{column}: {message}", path.display())]
    File {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("cannot read configuration file {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("environment variable {name}: {reason}")]
    Env { name: &'static str, reason: String },
}

/// Read access to environment variables, so resolution can be tested with a map.
pub trait Env {
    fn var(&self, name: &str) -> Option<String>;
}

/// The real process environment. Empty values count as unset.
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
}

/// Reads the configuration file (if any) and resolves everything. The edge of this module.
pub fn load(
    args: &GlobalArgs,
    env: &dyn Env,
    terminal: Terminal,
) -> Result<Settings, SettingsError> {
    let named = args
        .config
        .clone()
        .or_else(|| env.var("OTELCTL_CONFIG").map(PathBuf::from));
    let cwd = std::env::current_dir().ok();
    let config_dir = dirs::config_dir();
    let location = file::locate(named, cwd.as_deref(), config_dir.as_deref(), Path::is_file);
    let (path, contents) = match location {
        file::Location::None => (None, file::FileSettings::default()),
        file::Location::Explicit(path) | file::Location::Discovered(path) => {
            let text = std::fs::read_to_string(&path).map_err(|source| SettingsError::Read {
                path: path.clone(),
                source,
            })?;
            let parsed = file::parse(&path, &text)?;
            (Some(path), parsed)
        }
    };
    let mut settings = resolve(args, env, &contents, terminal)?;
    settings.config_file = path;
    settings.kube.home = dirs::home_dir();
    Ok(settings)
}

/// Merges flags, environment and file into settings. Pure.
pub fn resolve(
    args: &GlobalArgs,
    env: &dyn Env,
    file: &file::FileSettings,
    terminal: Terminal,
) -> Result<Settings, SettingsError> {
    let from_env = |name: &'static str, check: fn(&str) -> Result<String, String>| {
        env.var(name)
            .map(|v| check(&v).map_err(|reason| SettingsError::Env { name, reason }))
            .transpose()
    };
    let region = match &args.region {
        Some(r) => Some(r.clone()),
        None => from_env("AWS_REGION", validate::region)?
            .or(from_env("AWS_DEFAULT_REGION", validate::region)?)
            .or_else(|| file.region.clone()),
    };
    let cluster = match &args.cluster {
        Some(c) => Some(c.clone()),
        None => {
            from_env("OTELCTL_CLUSTER", validate::cluster_name)?.or_else(|| file.cluster.clone())
        }
    };
    let profile = args.profile.clone().or_else(|| env.var("AWS_PROFILE"));

    let color_enabled = !args.no_color && env.var("NO_COLOR").is_none();
    let in_ci = env
        .var("CI")
        .is_some_and(|v| !matches!(v.to_ascii_lowercase().as_str(), "false" | "0"));

    let ns = &file.namespaces;
    Ok(Settings {
        aws: AwsSettings { region, profile },
        cluster,
        kube: KubeSettings {
            kubeconfig: args.kubeconfig.clone(),
            kubeconfig_env: env.var("KUBECONFIG"),
            home: None,
            context: args.context.clone(),
        },
        namespaces: Namespaces {
            app: ns
                .app
                .clone()
                .unwrap_or_else(|| DEFAULT_APP_NAMESPACE.into()),
            collector: ns
                .collector
                .clone()
                .unwrap_or_else(|| DEFAULT_COLLECTOR_NAMESPACE.into()),
            jaeger: ns
                .jaeger
                .clone()
                .unwrap_or_else(|| DEFAULT_JAEGER_NAMESPACE.into()),
        },
        repository: file
            .repository
            .clone()
            .unwrap_or_else(|| DEFAULT_REPOSITORY.into()),
        output: OutputSettings {
            format: args.output.unwrap_or_default(),
            verbosity: args.verbose,
            quiet: args.quiet,
            color_stdout: color_enabled && terminal.stdout,
            color_stderr: color_enabled && terminal.stderr,
            progress: terminal.stderr && !args.quiet && !in_ci,
        },
        assume_yes: args.yes,
        config_file: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct MapEnv(HashMap<&'static str, &'static str>);
    impl Env for MapEnv {
        fn var(&self, name: &str) -> Option<String> {
            self.0.get(name).map(|v| v.to_string())
        }
    }
    fn env(pairs: &[(&'static str, &'static str)]) -> MapEnv {
        MapEnv(pairs.iter().copied().collect())
    }
    const TTY: Terminal = Terminal {
        stdout: true,
        stderr: true,
    };

    fn file_with_cluster_and_region() -> file::FileSettings {
        file::FileSettings {
            cluster: Some("from-file".into()),
            region: Some("eu-west-1".into()),
            ..Default::default()
        }
    }

    #[test]
    fn defaults_when_nothing_is_given() {
        let s = resolve(&GlobalArgs::default(), &env(&[]), &Default::default(), TTY).unwrap();
        assert_eq!(s.cluster, None);
        assert_eq!(s.aws, AwsSettings::default());
        assert_eq!(s.namespaces.app, "app");
        assert_eq!(s.namespaces.collector, "opentelemetry");
        assert_eq!(s.namespaces.jaeger, "jaeger");
        assert_eq!(s.repository, DEFAULT_REPOSITORY);
        assert_eq!(s.output.format, OutputFormat::Human);
        assert!(s.output.progress && s.output.color_stdout);
    }

    #[test]
    fn flag_beats_env_beats_file() {
        let f = file_with_cluster_and_region();
        let e = env(&[("OTELCTL_CLUSTER", "from-env"), ("AWS_REGION", "us-west-2")]);
        let flags = GlobalArgs {
            cluster: Some("from-flag".into()),
            region: Some("ap-south-1".into()),
            ..Default::default()
        };
        let s = resolve(&flags, &e, &f, TTY).unwrap();
        assert_eq!(s.cluster.as_deref(), Some("from-flag"));
        assert_eq!(s.aws.region.as_deref(), Some("ap-south-1"));

        let s = resolve(&GlobalArgs::default(), &e, &f, TTY).unwrap();
        assert_eq!(s.cluster.as_deref(), Some("from-env"));
        assert_eq!(s.aws.region.as_deref(), Some("us-west-2"));

        let s = resolve(&GlobalArgs::default(), &env(&[]), &f, TTY).unwrap();
        assert_eq!(s.cluster.as_deref(), Some("from-file"));
        assert_eq!(s.aws.region.as_deref(), Some("eu-west-1"));
    }

    #[test]
    fn aws_region_beats_aws_default_region() {
        let e = env(&[
            ("AWS_DEFAULT_REGION", "us-west-1"),
            ("AWS_REGION", "us-west-2"),
        ]);
        let s = resolve(&GlobalArgs::default(), &e, &Default::default(), TTY).unwrap();
        assert_eq!(s.aws.region.as_deref(), Some("us-west-2"));
        let e = env(&[("AWS_DEFAULT_REGION", "us-west-1")]);
        let s = resolve(&GlobalArgs::default(), &e, &Default::default(), TTY).unwrap();
        assert_eq!(s.aws.region.as_deref(), Some("us-west-1"));
    }

    #[test]
    fn bad_env_value_is_an_error_naming_the_variable() {
        let e = env(&[("OTELCTL_CLUSTER", "bad name")]);
        let err = resolve(&GlobalArgs::default(), &e, &Default::default(), TTY).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("environment variable OTELCTL_CLUSTER")
        );
    }

    #[test]
    fn file_namespaces_and_repository_override_defaults() {
        let f = file::FileSettings {
            repository: Some("team/demo".into()),
            namespaces: file::FileNamespaces {
                collector: Some("otel".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let s = resolve(&GlobalArgs::default(), &env(&[]), &f, TTY).unwrap();
        assert_eq!(s.repository, "team/demo");
        assert_eq!(s.namespaces.collector, "otel");
        assert_eq!(s.namespaces.app, "app");
    }

    #[test]
    fn progress_hidden_when_quiet_ci_or_not_a_tty() {
        let quiet = GlobalArgs {
            quiet: true,
            ..Default::default()
        };
        let none = file::FileSettings::default();
        assert!(
            !resolve(&quiet, &env(&[]), &none, TTY)
                .unwrap()
                .output
                .progress
        );
        let ci = env(&[("CI", "true")]);
        assert!(
            !resolve(&GlobalArgs::default(), &ci, &none, TTY)
                .unwrap()
                .output
                .progress
        );
        let ci_off = env(&[("CI", "false")]);
        assert!(
            resolve(&GlobalArgs::default(), &ci_off, &none, TTY)
                .unwrap()
                .output
                .progress
        );
        let pipe = Terminal::default();
        assert!(
            !resolve(&GlobalArgs::default(), &env(&[]), &none, pipe)
                .unwrap()
                .output
                .progress
        );
    }

    #[test]
    fn colour_off_with_flag_no_color_or_pipe() {
        let none = file::FileSettings::default();
        let flag = GlobalArgs {
            no_color: true,
            ..Default::default()
        };
        assert!(
            !resolve(&flag, &env(&[]), &none, TTY)
                .unwrap()
                .output
                .color_stderr
        );
        let nc = env(&[("NO_COLOR", "1")]);
        assert!(
            !resolve(&GlobalArgs::default(), &nc, &none, TTY)
                .unwrap()
                .output
                .color_stdout
        );
        let half = Terminal {
            stdout: false,
            stderr: true,
        };
        let s = resolve(&GlobalArgs::default(), &env(&[]), &none, half).unwrap();
        assert!(!s.output.color_stdout && s.output.color_stderr);
    }

    #[test]
    fn profile_flag_beats_env() {
        let e = env(&[("AWS_PROFILE", "env-profile")]);
        let s = resolve(&GlobalArgs::default(), &e, &Default::default(), TTY).unwrap();
        assert_eq!(s.aws.profile.as_deref(), Some("env-profile"));
        let flags = GlobalArgs {
            profile: Some("flag-profile".into()),
            ..Default::default()
        };
        let s = resolve(&flags, &e, &Default::default(), TTY).unwrap();
        assert_eq!(s.aws.profile.as_deref(), Some("flag-profile"));
    }
}
