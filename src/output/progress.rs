//! Spinners for anything that waits on the network.
//!
//! They draw on stderr only when someone is watching a terminal; in CI, pipes and `-q`
//! they are hidden, so logs stay clean.

use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A spinner that clears itself when dropped.
pub struct Spinner {
    bar: ProgressBar,
}

impl Spinner {
    pub(super) fn new(visible: bool, message: String) -> Self {
        let bar = if visible {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner:.cyan} {msg} {elapsed:.dim}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        } else {
            ProgressBar::hidden()
        };
        bar.set_message(message);
        Self { bar }
    }

    /// Changes what the spinner says.
    pub fn set_message(&self, message: impl Into<String>) {
        self.bar.set_message(message.into());
    }

    /// Whether the spinner is drawn (false in CI, pipes and with `-q`).
    pub fn is_visible(&self) -> bool {
        !self.bar.is_hidden()
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// A set of byte-progress bars drawn together (one per layer of a push), hidden like
/// spinners when nobody watches a terminal.
pub struct Bars {
    multi: MultiProgress,
    visible: bool,
}

impl Bars {
    pub(super) fn new(visible: bool) -> Self {
        let target = if visible {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        Self {
            multi: MultiProgress::with_draw_target(target),
            visible,
        }
    }

    /// A new bar of `len` bytes.
    pub fn bar(&self, len: u64, message: impl Into<String>) -> Bar {
        let bar = if self.visible {
            let bar = self.multi.add(ProgressBar::new(len));
            bar.set_style(
                ProgressStyle::with_template(
                    "{msg} [{bar:30.cyan/dim}] {bytes}/{total_bytes} {bytes_per_sec}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
        bar.set_message(message.into());
        Bar(bar)
    }
}

/// One byte-progress bar.
#[derive(Clone)]
pub struct Bar(ProgressBar);

impl Bar {
    pub fn set_position(&self, bytes: u64) {
        self.0.set_position(bytes);
    }

    /// Leaves the bar full with a closing message.
    pub fn finish(&self, message: impl Into<String>) {
        self.0.finish_with_message(message.into());
    }
}

/// One line per step of a plan (bootstrap), each pending, then spinning, then finished
/// with a mark and what happened; hidden like spinners when nobody watches a terminal.
pub struct StepBoard {
    multi: MultiProgress,
    lines: Vec<ProgressBar>,
}

impl StepBoard {
    pub(super) fn new(visible: bool, titles: &[String]) -> Self {
        let target = if visible {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let multi = MultiProgress::with_draw_target(target);
        let style = ProgressStyle::with_template("  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let lines = titles
            .iter()
            .map(|t| {
                let line = multi.add(ProgressBar::new_spinner());
                line.set_style(style.clone());
                line.set_message(format!("· {t}"));
                line.tick();
                line
            })
            .collect();
        Self { multi, lines }
    }

    /// Runs `f` with the lines cleared (a prompt), then draws them again.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.multi.suspend(f)
    }

    /// Step `i` is running.
    pub fn start(&self, i: usize, message: String) {
        if let Some(line) = self.lines.get(i) {
            line.set_style(
                ProgressStyle::with_template("{spinner:.cyan} {msg} {elapsed:.dim}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            line.set_message(message);
            line.enable_steady_tick(Duration::from_millis(100));
        }
    }

    /// Step `i` ended: its line keeps `message`.
    pub fn finish(&self, i: usize, message: String) {
        if let Some(line) = self.lines.get(i) {
            line.set_style(
                ProgressStyle::with_template("{msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            line.finish_with_message(message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_spinner_stays_hidden() {
        assert!(!Spinner::new(false, "x".into()).is_visible());
    }
}
