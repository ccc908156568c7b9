//! Spinners for anything that waits on the network.
//!
//! They draw on stderr only when someone is watching a terminal; in CI, pipes and `-q`
//! they are hidden, so logs stay clean.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_spinner_stays_hidden() {
        assert!(!Spinner::new(false, "x".into()).is_visible());
    }
}
