//! Diagnostic logging (`-v`, `RUST_LOG`) through `tracing`, always to stderr.
//!
//! Logs are for whoever debugs a run; they never mix with results on stdout. By default
//! only otelctl's own warnings show; `-v` adds otelctl's debug lines and the AWS SDK's
//! info, `-vv` everything at debug, `-vvv` trace. `RUST_LOG` replaces all of that.

use tracing_subscriber::EnvFilter;

use crate::settings::OutputSettings;

/// The filter used when `RUST_LOG` is not set.
fn default_filter(settings: &OutputSettings, long_running: bool) -> &'static str {
    match (settings.quiet, settings.verbosity) {
        (true, _) => "off",
        (false, 0) if long_running => "otelctl=info",
        (false, 0) => "otelctl=warn",
        (false, 1) => "otelctl=debug,aws_config=info",
        (false, 2) => "debug",
        (false, _) => "trace",
    }
}

/// Targets whose trace events are always dropped, whatever `-v` or `RUST_LOG` ask: at trace
/// they print HTTP bodies and signing inputs, and those carry secrets (ECR passwords,
/// assumed-role keys).
const SECRET_BEARING_TARGETS: [&str; 5] = [
    "aws_smithy_runtime",
    "aws_smithy_runtime_api",
    "aws_sigv4",
    "hyper",
    "h2",
];

/// Whether an event may be logged at all: never a trace event of a secret-bearing target.
fn secret_safe(meta: &tracing::Metadata<'_>) -> bool {
    *meta.level() != tracing::Level::TRACE
        || !SECRET_BEARING_TARGETS
            .iter()
            .any(|t| meta.target() == *t || meta.target().starts_with(&format!("{t}::")))
}

/// Installs the global subscriber. Safe to call once per process.
pub fn init_logging(settings: &OutputSettings, long_running: bool) {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::{Layer, filter};

    let env_filter = EnvFilter::try_from_env("RUST_LOG")
        .unwrap_or_else(|_| EnvFilter::new(default_filter(settings, long_running)));
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(settings.color_stderr)
        .with_target(settings.verbosity > 1)
        .with_filter(env_filter)
        .with_filter(filter::filter_fn(secret_safe));
    let _ = tracing_subscriber::registry().with(layer).try_init();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::OutputFormat;

    fn s(verbosity: u8, quiet: bool) -> OutputSettings {
        OutputSettings {
            format: OutputFormat::Human,
            verbosity,
            quiet,
            color_stdout: false,
            color_stderr: false,
            progress: false,
        }
    }

    #[test]
    fn trace_of_http_internals_is_never_logged() {
        use tracing::Level;
        use tracing::callsite::Identifier;
        use tracing::metadata::{Kind, Metadata};

        struct Site;
        impl tracing::callsite::Callsite for Site {
            fn set_interest(&self, _: tracing::subscriber::Interest) {}
            fn metadata(&self) -> &Metadata<'_> {
                unreachable!()
            }
        }
        static SITE: Site = Site;
        let meta = |target: &'static str, level: Level| {
            Metadata::new(
                "e",
                target,
                level,
                None,
                None,
                None,
                tracing::field::FieldSet::new(&[], Identifier(&SITE)),
                Kind::EVENT,
            )
        };
        assert!(!secret_safe(&meta(
            "aws_smithy_runtime::client::orchestrator::http",
            Level::TRACE
        )));
        assert!(!secret_safe(&meta("hyper", Level::TRACE)));
        assert!(secret_safe(&meta(
            "aws_smithy_runtime::client",
            Level::DEBUG
        )));
        assert!(secret_safe(&meta("otelctl::aws", Level::TRACE)));
        assert!(secret_safe(&meta("hyperfine_lookalike", Level::TRACE)));
    }

    #[test]
    fn verbosity_maps_to_filters() {
        assert_eq!(default_filter(&s(0, false), false), "otelctl=warn");
        assert_eq!(default_filter(&s(0, false), true), "otelctl=info");
        assert_eq!(
            default_filter(&s(1, false), false),
            "otelctl=debug,aws_config=info"
        );
        assert_eq!(default_filter(&s(2, false), false), "debug");
        assert_eq!(default_filter(&s(5, false), false), "trace");
        assert_eq!(default_filter(&s(0, true), true), "off");
    }
}
