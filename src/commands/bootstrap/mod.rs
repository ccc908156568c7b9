//! `otelctl bootstrap`: runs the plan of [`crate::bootstrap`], each step checking before it
//! acts, and reports every step event (a board of lines for people, one JSON object per
//! event with `-o json`). The steps themselves are in [`steps`]; they reuse the other
//! commands' domain code and run them with a silent printer.

mod steps;
mod verify;

use std::io::IsTerminal;
use std::time::Instant;

use anyhow::{Result, bail};

use crate::bootstrap::{self, Check, Event, StepEvent};
use crate::cli::{BootstrapArgs, OutputFormat};
use crate::exit::UsageError;
use crate::output::{Human, Printer, Render, StepBoard};
use crate::settings::Settings;

use steps::Ctx;

#[derive(serde::Serialize)]
struct Summary {
    steps: Vec<StepEvent>,
}

impl Render for Summary {
    fn render(&self, out: &mut Human) {
        for e in &self.steps {
            let line = format!("{:<15} {}", e.step, e.detail);
            match e.event {
                Event::Done => out.ok(line),
                Event::Skipped => out.skipped(format!("{line} (already done)")),
                Event::WouldChange => out.warn(format!("{line} (would change)")),
                Event::Failed => out.fail(line),
                Event::Start => {}
            }
            if let Some(fix) = &e.remediation {
                out.line(format!("    fix: {fix}"));
            }
        }
    }
}

/// Asks once before the first change, unless --yes; refuses without a terminal to ask on.
fn confirm(
    settings: &Settings,
    printer: &Printer,
    board: &StepBoard,
    step: &str,
    change: &str,
) -> Result<()> {
    if settings.assume_yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        bail!(UsageError(format!(
            "bootstrap would change things ({step}: {change}); pass --yes to run without \
             asking, or --dry-run to see the whole plan"
        )));
    }
    let question =
        format!("bootstrap will make changes, starting with {step}: {change}\nContinue? [y/N]");
    let answer = board.suspend(|| printer.ask(&question))?;
    if matches!(answer.as_str(), "y" | "Y" | "yes") {
        Ok(())
    } else {
        bail!(UsageError("stopped: nothing was changed".into()))
    }
}

pub async fn run(settings: &Settings, printer: &Printer, args: &BootstrapArgs) -> Result<()> {
    let plan = bootstrap::plan(args.terraform.is_some(), &args.only, &args.skip)
        .map_err(|e| UsageError(e.to_string()))?;
    super::require_cluster(settings)?;
    let json = printer.format() == OutputFormat::Json;
    let titles: Vec<String> = plan
        .iter()
        .map(|id| format!("{id}: {}", bootstrap::title(id)))
        .collect();
    let board = printer.step_board(&titles);
    let mut ctx = Ctx::new(settings, printer, args, plan.clone()).await?;
    let mut events: Vec<StepEvent> = Vec::new();
    let mut confirmed = false;
    let mut first_change: Option<&str> = None;
    for (i, id) in plan.iter().copied().enumerate() {
        let started = Instant::now();
        let emit =
            |event: Event, detail: String, remediation: Option<String>| -> Result<StepEvent> {
                let e = StepEvent {
                    step: id,
                    event,
                    detail,
                    remediation,
                    elapsed_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
                };
                if json {
                    printer.json_line(&e)?;
                }
                Ok(e)
            };
        emit(Event::Start, bootstrap::title(id).to_owned(), None)?;
        board.start(i, format!("{id}: checking"));
        let outcome = match steps::check(&mut ctx, id).await {
            Ok(Check::Satisfied(detail)) => Ok((Event::Skipped, detail)),
            Ok(Check::Needed(change)) if args.dry_run => {
                first_change.get_or_insert(id);
                Ok((Event::WouldChange, change))
            }
            // In a dry run, a step after one that would change things may not be checkable
            // yet (no cluster before infra, no kubeconfig entry before kubeconfig).
            Err(e) if args.dry_run && first_change.is_some() => Ok((
                Event::WouldChange,
                format!(
                    "checked after {} has run (cannot check yet: {e:#})",
                    first_change.unwrap_or_default()
                ),
            )),
            Ok(Check::Needed(change)) => {
                if !confirmed && steps::changes(id) {
                    confirm(settings, printer, &board, id, &change)?;
                    confirmed = true;
                }
                board.start(i, format!("{id}: {change}"));
                steps::act(&mut ctx, id)
                    .await
                    .map(|detail| (Event::Done, detail))
            }
            Err(e) => Err(e),
        };
        match outcome {
            Ok((event, detail)) => {
                let mark = match event {
                    Event::Done => "✓",
                    Event::WouldChange => "!",
                    _ => "-",
                };
                board.finish(i, format!("{mark} {id}: {detail}"));
                events.push(emit(event, detail, None)?);
            }
            Err(err) => {
                let fix = steps::remediation(id).to_owned();
                board.finish(i, format!("✗ {id}: {err:#}"));
                events.push(emit(Event::Failed, format!("{err:#}"), Some(fix.clone()))?);
                if !json {
                    printer.result(&Summary { steps: events })?;
                }
                return Err(err.context(format!("bootstrap stopped at step `{id}`; fix: {fix}")));
            }
        }
    }
    drop(board);
    if !json {
        printer.result(&Summary { steps: events })?;
    }
    if args.dry_run {
        printer.note("dry run: nothing was changed");
    }
    Ok(())
}
