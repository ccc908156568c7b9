//! Human rendering: a tiny document builder that commands fill and the Printer writes.
//!
//! Keeping it a builder (not `println!`) keeps printing in one place and lets colour be
//! decided once, by the Printer.

use std::fmt::Write as _;

use console::Style;

/// Something that can describe itself for people.
pub trait Render {
    fn render(&self, out: &mut Human);
}

/// A document for people: aligned key/value blocks and plain lines.
pub struct Human {
    text: String,
    color: bool,
}

impl Human {
    pub fn new(color: bool) -> Self {
        Self {
            text: String::new(),
            color,
        }
    }

    /// A line of text.
    pub fn line(&mut self, line: impl AsRef<str>) {
        self.text.push_str(line.as_ref());
        self.text.push('\n');
    }

    /// A block of `key: value` pairs with the values aligned.
    pub fn pairs(&mut self, pairs: &[(&str, &str)]) {
        let width = pairs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        let key_style = self.style(Style::new().bold());
        for (key, value) in pairs {
            let padded = format!("{key}:{:pad$}", "", pad = width - key.len());
            let _ = writeln!(self.text, "{} {value}", key_style.apply_to(padded));
        }
    }

    /// A success line, marked and green when colour is on.
    pub fn ok(&mut self, line: impl AsRef<str>) {
        let mark = self.style(Style::new().green().bold()).apply_to("✓");
        let _ = writeln!(self.text, "{mark} {}", line.as_ref());
    }

    /// A problem line, marked and red when colour is on.
    pub fn fail(&mut self, line: impl AsRef<str>) {
        let mark = self.style(Style::new().red().bold()).apply_to("✗");
        let _ = writeln!(self.text, "{mark} {}", line.as_ref());
    }

    /// A warning line, marked and yellow when colour is on.
    pub fn warn(&mut self, line: impl AsRef<str>) {
        let mark = self.style(Style::new().yellow().bold()).apply_to("!");
        let _ = writeln!(self.text, "{mark} {}", line.as_ref());
    }

    /// A line for something not done, marked and dimmed when colour is on.
    pub fn skipped(&mut self, line: impl AsRef<str>) {
        let style = self.style(Style::new().dim());
        let _ = writeln!(
            self.text,
            "{}",
            style.apply_to(format!("- {}", line.as_ref()))
        );
    }

    /// A section heading, bold when colour is on.
    pub fn heading(&mut self, line: impl AsRef<str>) {
        let style = self.style(Style::new().bold());
        let _ = writeln!(self.text, "{}", style.apply_to(line.as_ref()));
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn style(&self, style: Style) -> Style {
        if self.color {
            style.force_styling(true)
        } else {
            Style::new().force_styling(false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_aligned() {
        let mut h = Human::new(false);
        h.pairs(&[("Account", "123"), ("ARN", "arn:x")]);
        assert_eq!(h.as_str(), "Account: 123\nARN:     arn:x\n");
    }

    #[test]
    fn no_escape_codes_without_colour() {
        let mut h = Human::new(false);
        h.ok("done");
        h.pairs(&[("k", "v")]);
        assert!(!h.as_str().contains('\u{1b}'));
    }
}
