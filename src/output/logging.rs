//! Diagnostic logging (`-v`, `RUST_LOG`) through `tracing`, always to stderr.
//!
//! Logs are for whoever debugs a run; they never mix with results on stdout. By default
//! only otelctl's own warnings show; `-v` adds otelctl's debug lines and the AWS SDK's
//! info, `-vv` everything at debug, `-vvv` trace. `RUST_LOG` replaces all of that.

use tracing_subscriber::EnvFilter;

use crate::settings::OutputSettings;

/// The filter used when `RUST_LOG` is not set.
fn default_filter(settings: &OutputSettings) -> &'static str {
    match (settings.quiet, settings.verbosity) {
        (true, _) => "off",
        (false, 0) => "otelctl=warn",
        (false, 1) => "otelctl=debug,aws_config=info",
        (false, 2) => "debug",
        (false, _) => "trace",
    }
}

/// Installs the global subscriber. Safe to call once per process.
pub fn init_logging(settings: &OutputSettings) {
    let filter = EnvFilter::try_from_env("RUST_LOG")
        .unwrap_or_else(|_| EnvFilter::new(default_filter(settings)));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(settings.color_stderr)
        .with_target(settings.verbosity > 1)
        .try_init();
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
    fn verbosity_maps_to_filters() {
        assert_eq!(default_filter(&s(0, false)), "otelctl=warn");
        assert_eq!(
            default_filter(&s(1, false)),
            "otelctl=debug,aws_config=info"
        );
        assert_eq!(default_filter(&s(2, false)), "debug");
        assert_eq!(default_filter(&s(5, false)), "trace");
        assert_eq!(default_filter(&s(0, true)), "off");
    }
}
