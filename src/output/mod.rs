//! The one place that writes to the terminal.
//!
//! Results go to stdout, as prose or as one JSON document; progress, notes, warnings and
//! errors go to stderr, so `otelctl ... -o json | jq` always gets clean JSON. Commands hand
//! the [`Printer`] data; nothing else in the crate prints.

mod human;
mod logging;
mod progress;

use std::io::{self, BufRead, Write};

use serde::Serialize;

use crate::cli::OutputFormat;
use crate::settings::OutputSettings;

pub use human::{Human, Render};
pub use logging::init_logging;
pub use progress::{Bar, Bars, Spinner, StepBoard};

/// Writes results to stdout and everything else to stderr, in the chosen format.
pub struct Printer {
    settings: OutputSettings,
    /// Results go nowhere: for commands run as steps of another (bootstrap), whose own
    /// report is the output.
    discard: bool,
}

impl Printer {
    pub fn new(settings: OutputSettings) -> Self {
        console::set_colors_enabled(settings.color_stdout);
        console::set_colors_enabled_stderr(settings.color_stderr);
        Self {
            settings,
            discard: false,
        }
    }

    /// A printer for before settings are known (errors while resolving them).
    pub fn fallback() -> Self {
        let tty = console::Term::stderr().is_term();
        Self::new(OutputSettings {
            format: OutputFormat::Human,
            verbosity: 0,
            quiet: false,
            color_stdout: false,
            color_stderr: tty && std::env::var_os("NO_COLOR").is_none(),
            progress: false,
        })
    }

    /// Prints a command's result: rendered for people, or as JSON with `-o json`.
    pub fn result<T: Serialize + Render>(&self, value: &T) -> io::Result<()> {
        match self.settings.format {
            OutputFormat::Human => {
                let mut doc = Human::new(self.settings.color_stdout);
                value.render(&mut doc);
                self.stdout(doc.as_str().as_bytes())
            }
            // Only doctor has a JUnit form, and it asks for it with `format()`; commands
            // refuse `-o junit` before they run.
            OutputFormat::Json | OutputFormat::Junit => self.json(value),
        }
    }

    /// The output format chosen, for commands that render more than one way.
    pub fn format(&self) -> OutputFormat {
        self.settings.format
    }

    /// Prints a value as pretty JSON whatever the format (machine protocols like
    /// ExecCredential).
    pub fn json<T: Serialize + ?Sized>(&self, value: &T) -> io::Result<()> {
        let mut text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
        text.push('\n');
        self.stdout(text.as_bytes())
    }

    /// Writes bytes to stdout unchanged (generated files, YAML previews).
    pub fn raw(&self, bytes: &[u8]) -> io::Result<()> {
        self.stdout(bytes)
    }

    /// A note for people on stderr; hidden with `-q`.
    pub fn note(&self, message: impl AsRef<str>) {
        if !self.settings.quiet {
            eprintln!("{}", message.as_ref());
        }
    }

    /// Prints an error once, with its chain of causes (each only when it adds something).
    pub fn error(&self, err: &anyhow::Error) {
        let label = console::style("error:").red().bold().for_stderr();
        let mut text = format!("{label} {err}");
        let mut previous = err.to_string();
        for cause in err.chain().skip(1) {
            let cause = cause.to_string();
            if !previous.contains(&cause) {
                text.push_str(&format!("\n  caused by: {cause}"));
            }
            previous = cause;
        }
        eprintln!("{text}");
    }

    /// A spinner on stderr, shown only on a terminal and without `-q` or `CI`.
    pub fn spinner(&self, message: impl Into<String>) -> Spinner {
        Spinner::new(self.settings.progress, message.into())
    }

    /// Byte-progress bars on stderr, shown only when spinners are.
    pub fn bars(&self) -> Bars {
        Bars::new(self.settings.progress)
    }

    /// One line per step of a plan, on stderr when someone watches a terminal.
    pub fn step_board(&self, titles: &[String]) -> StepBoard {
        StepBoard::new(self.settings.progress, titles)
    }

    /// Asks on stderr and reads one line of the answer from stdin.
    pub fn ask(&self, question: &str) -> io::Result<String> {
        let mut err = io::stderr().lock();
        write!(err, "{question} ")?;
        err.flush()?;
        let mut answer = String::new();
        io::stdin().lock().read_line(&mut answer)?;
        Ok(answer.trim().to_owned())
    }

    /// One JSON object on one line: an event of a stream (`-o json` of bootstrap).
    pub fn json_line<T: Serialize + ?Sized>(&self, value: &T) -> io::Result<()> {
        let mut text = serde_json::to_string(value).map_err(io::Error::other)?;
        text.push('\n');
        self.stdout(text.as_bytes())
    }

    /// A printer that shows nothing: no results, notes, spinners or bars.
    pub fn sink(&self) -> Printer {
        Printer {
            settings: OutputSettings {
                quiet: true,
                progress: false,
                ..self.settings
            },
            discard: true,
        }
    }

    fn stdout(&self, bytes: &[u8]) -> io::Result<()> {
        if self.discard {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        let written = out.write_all(bytes).and_then(|()| out.flush());
        match written {
            // A closed pipe (`otelctl ... | head`) is the reader's choice, not our failure.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}

/// Makes a panic a short bug report and the documented exit code, instead of Rust's 101.
pub fn install_panic_hook(exit_code: i32) {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default(info);
        eprintln!("otelctl hit a bug; please report it with the command you ran and this message");
        std::process::exit(exit_code);
    }));
}
