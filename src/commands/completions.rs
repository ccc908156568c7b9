//! `otelctl completions SHELL`: the shell completion script, generated from the CLI itself.

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::output::Printer;

pub fn run(printer: &Printer, args: &CompletionsArgs) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "otelctl", &mut script);
    printer.raw(&script)?;
    Ok(())
}
