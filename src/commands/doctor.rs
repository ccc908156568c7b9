//! `otelctl doctor`: settings → the check context → the engine → one report, as prose, JSON
//! or JUnit. Exits 1 when a check fails or errors.

use anyhow::{Result, bail};
use serde::Serialize;

use crate::cli::{DoctorArgs, OutputFormat};
use crate::doctor::checks::CHECKS;
use crate::doctor::{self, CheckError, Context, Options, Report, engine};
use crate::exit::UsageError;
use crate::kube::client;
use crate::output::{Human, Printer, Render};
use crate::settings::Settings;

#[derive(Serialize)]
struct Listing {
    checks: Vec<ListedCheck>,
}

#[derive(Serialize)]
struct ListedCheck {
    id: &'static str,
    title: &'static str,
    needs: &'static [&'static str],
}

impl Render for Listing {
    fn render(&self, out: &mut Human) {
        for c in &self.checks {
            let needs = if c.needs.is_empty() {
                String::new()
            } else {
                format!("  (needs {})", c.needs.join(", "))
            };
            out.line(format!("{:<24} {}{needs}", c.id, c.title));
        }
    }
}

fn options(settings: &Settings, args: &DoctorArgs) -> Options {
    let ns = &settings.namespaces;
    let pod_namespaces = if args.pod_namespaces.is_empty() {
        vec![
            ns.app.clone(),
            ns.collector.clone(),
            ns.jaeger.clone(),
            "kube-system".to_owned(),
        ]
    } else {
        args.pod_namespaces.clone()
    };
    Options {
        cluster: settings.cluster.clone(),
        pod_namespaces,
        app_namespace: ns.app.clone(),
        collector_namespace: ns.collector.clone(),
        jaeger_namespace: ns.jaeger.clone(),
        alb_role_name: args.alb_role_name.clone(),
        repository: settings.repository.clone(),
        terraform_dir: args.terraform_dir.clone(),
        timeout: args.timeout,
    }
}

/// The kubeconfig's target and a client, or the reason every `kube.*` check will report.
async fn kube_client(settings: &Settings) -> Result<(client::Target, kube::Client), CheckError> {
    let fail = |e: client::ClientError| CheckError {
        message: e.to_string(),
        remediation: Some("otelctl kubeconfig update".into()),
        not_found: false,
    };
    client::from_settings(&settings.kube).await.map_err(fail)
}

pub async fn run(settings: &Settings, printer: &Printer, args: &DoctorArgs) -> Result<()> {
    if args.list {
        let checks = CHECKS
            .iter()
            .map(|c| ListedCheck {
                id: c.id,
                title: c.title,
                needs: c.needs,
            })
            .collect();
        printer.result(&Listing { checks })?;
        return Ok(());
    }
    let selected =
        engine::select(CHECKS, &args.only, &args.skip).map_err(|e| UsageError(e.to_string()))?;
    let aws = crate::aws::load(&settings.aws).await;
    let region = crate::aws::region(&aws).ok();
    let kube = kube_client(settings).await;
    let ctx = Context::new(options(settings, args), aws, kube);

    let progress = printer.spinner(format!("Running {} checks", selected.len()));
    let finished = std::sync::atomic::AtomicUsize::new(0);
    let total = selected.len();
    let done = |r: &doctor::CheckResult| {
        let n = finished.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress.set_message(format!("{n}/{total} checks done (last: {})", r.id));
    };
    let results = engine::run(&ctx, CHECKS, &selected, &done).await;
    drop(progress);

    let report = Report::new(settings.cluster.clone(), region, results);
    match printer.format() {
        OutputFormat::Junit => {
            printer.raw(doctor::junit::render(&report, args.strict).as_bytes())?
        }
        _ => printer.result(&report)?,
    }
    let s = report.summary;
    if s.failed(args.strict) {
        let warn = if args.strict {
            format!(", {} warn", s.warn)
        } else {
            String::new()
        };
        bail!(
            "doctor found problems: {} fail, {} error{warn}",
            s.fail,
            s.error
        );
    }
    Ok(())
}
