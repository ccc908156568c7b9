//! otelctl: stand up, diagnose and demo distributed tracing on AWS EKS.
//!
//! `main` only wires things: parse, resolve settings, run the command on a tokio runtime,
//! and turn an error into one message and a documented exit code.

mod aws;
mod bootstrap;
mod cli;
mod commands;
mod demo;
mod doctor;
mod exit;
mod helm;
mod image;
mod infra;
mod kube;
mod loadgen;
mod output;
mod settings;
mod shutdown;
mod telemetry;
mod traces;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use crate::exit::Exit;
use crate::output::Printer;
use crate::settings::{ProcessEnv, Terminal};

fn main() -> ExitCode {
    output::install_panic_hook(Exit::Unexpected as i32);
    let cli = cli::Cli::parse();
    let terminal = Terminal {
        stdout: std::io::stdout().is_terminal(),
        stderr: std::io::stderr().is_terminal(),
    };
    let settings = match settings::load(&cli.global, &ProcessEnv, terminal) {
        Ok(settings) => settings,
        Err(err) => {
            Printer::fallback().error(&err.into());
            return Exit::Usage.into();
        }
    };
    output::init_logging(&settings.output, cli.command.is_long_running());
    let printer = Printer::new(settings.output);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            printer.error(&anyhow::Error::new(err).context("cannot start the async runtime"));
            return Exit::Unexpected.into();
        }
    };
    match runtime.block_on(commands::run(cli.command, &settings, &printer)) {
        Ok(()) => Exit::Ok.into(),
        Err(err) => {
            printer.error(&err);
            exit::classify(&err).into()
        }
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
