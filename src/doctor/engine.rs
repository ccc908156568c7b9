//! The check engine: selection by id or prefix, prerequisites, concurrency and timeouts.
//!
//! Every selected check (and any check it needs) becomes one shared future; a check first
//! awaits the futures of the checks it needs, so independent checks run at the same time and
//! a failed prerequisite turns its dependents into `skip` with the reason.

use std::collections::{BTreeSet, HashMap};
use std::time::Instant;

use futures_util::FutureExt;
use futures_util::future::{BoxFuture, Shared};

use super::{CheckError, CheckResult, Context, Outcome, Status};

/// The function behind a check.
pub type CheckFn = for<'a> fn(&'a Context) -> BoxFuture<'a, Result<Outcome, CheckError>>;

/// A check: its stable id, title, the ids it needs to have passed, and how to run it.
pub struct Check {
    pub id: &'static str,
    pub title: &'static str,
    pub needs: &'static [&'static str],
    pub run: CheckFn,
}

/// A `--only`/`--skip` pattern that matches no check.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("no check matches `{0}`; `otelctl doctor --list` shows the ids")]
pub struct UnknownPattern(pub String);

/// Whether `pattern` selects `id`: the id itself, or a prefix ending at a dot (`cni.`, `cni`).
pub fn matches(pattern: &str, id: &str) -> bool {
    let prefix = pattern.trim_end_matches('.');
    id == pattern
        || id
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// The ids to report, in registry order. Pure.
pub fn select(
    checks: &[Check],
    only: &[String],
    skip: &[String],
) -> Result<Vec<&'static str>, UnknownPattern> {
    for pattern in only.iter().chain(skip) {
        if !checks.iter().any(|c| matches(pattern, c.id)) {
            return Err(UnknownPattern(pattern.clone()));
        }
    }
    Ok(checks
        .iter()
        .filter(|c| only.is_empty() || only.iter().any(|p| matches(p, c.id)))
        .filter(|c| !skip.iter().any(|p| matches(p, c.id)))
        .map(|c| c.id)
        .collect())
}

/// The selected ids plus everything they need, transitively. Pure.
fn with_prerequisites(checks: &[Check], selected: &[&'static str]) -> BTreeSet<&'static str> {
    let by_id: HashMap<&str, &Check> = checks.iter().map(|c| (c.id, c)).collect();
    let mut needed: BTreeSet<&'static str> = BTreeSet::new();
    let mut stack: Vec<&'static str> = selected.to_vec();
    while let Some(id) = stack.pop() {
        if needed.insert(id)
            && let Some(check) = by_id.get(id)
        {
            stack.extend(check.needs.iter().copied());
        }
    }
    needed
}

fn skipped(check: &Check, summary: String) -> CheckResult {
    CheckResult {
        id: check.id,
        title: check.title,
        status: Status::Skip,
        summary,
        details: Vec::new(),
        remediation: None,
        duration_ms: 0,
    }
}

/// Runs the selected checks (and their prerequisites) concurrently; returns the selected
/// results in registry order. `done` is told of each selected check as it finishes.
pub async fn run(
    ctx: &Context,
    checks: &'static [Check],
    selected: &[&'static str],
    done: &(dyn Fn(&CheckResult) + Sync),
) -> Vec<CheckResult> {
    let needed = with_prerequisites(checks, selected);
    let mut futures: HashMap<&'static str, Shared<BoxFuture<'_, CheckResult>>> = HashMap::new();
    // The registry lists every check after the checks it needs, so one pass suffices.
    for check in checks.iter().filter(|c| needed.contains(c.id)) {
        let deps: Vec<_> = check
            .needs
            .iter()
            .filter_map(|d| futures.get(d).cloned().map(|f| (*d, f)))
            .collect();
        let report = selected.contains(&check.id);
        let future = async move {
            let result = run_one(ctx, check, deps).await;
            if report {
                done(&result);
            }
            result
        };
        futures.insert(check.id, future.boxed().shared());
    }
    let all: Vec<_> = selected
        .iter()
        .filter_map(|id| futures.get(id).cloned())
        .collect();
    futures_util::future::join_all(all).await
}

async fn run_one(
    ctx: &Context,
    check: &Check,
    deps: Vec<(&'static str, Shared<BoxFuture<'_, CheckResult>>)>,
) -> CheckResult {
    for (dep, future) in deps {
        let result = future.await;
        if !result.status.satisfies() {
            return skipped(
                check,
                format!("needs {dep}, which is {}", result.status.as_str()),
            );
        }
    }
    let started = Instant::now();
    let timeout = ctx.opts.timeout;
    let outcome = match tokio::time::timeout(timeout, (check.run)(ctx)).await {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(err)) => {
            let outcome = Outcome::error(err.message);
            match err.remediation {
                Some(fix) => outcome.fix(fix),
                None => outcome,
            }
        }
        Err(_) => Outcome::error(format!("no answer within {timeout:?}"))
            .fix("check connectivity to the API, or raise --timeout"),
    };
    CheckResult {
        id: check.id,
        title: check.title,
        status: outcome.status,
        summary: outcome.summary,
        details: outcome.details,
        remediation: outcome.remediation,
        duration_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noop(_: &Context) -> BoxFuture<'_, Result<Outcome, CheckError>> {
        async { Ok(Outcome::pass("ok")) }.boxed()
    }

    static CHECKS: [Check; 4] = [
        Check {
            id: "aws.identity",
            title: "",
            needs: &[],
            run: noop,
        },
        Check {
            id: "eks.cluster",
            title: "",
            needs: &["aws.identity"],
            run: noop,
        },
        Check {
            id: "cni.subnet-ips",
            title: "",
            needs: &["eks.cluster"],
            run: noop,
        },
        Check {
            id: "cni.config",
            title: "",
            needs: &[],
            run: noop,
        },
    ];

    #[test]
    fn patterns_match_ids_and_dotted_prefixes() {
        assert!(matches("cni.", "cni.config"));
        assert!(matches("cni", "cni.config"));
        assert!(matches("cni.config", "cni.config"));
        assert!(!matches("cn", "cni.config"));
        assert!(!matches("cni.con", "cni.config"));
    }

    #[test]
    fn only_and_skip_select_in_registry_order() {
        let ids = select(
            &CHECKS,
            &["cni.".into(), "aws.identity".into()],
            &["cni.config".into()],
        );
        assert_eq!(ids.unwrap(), vec!["aws.identity", "cni.subnet-ips"]);
        assert_eq!(select(&CHECKS, &[], &[]).unwrap().len(), 4);
        assert_eq!(
            select(&CHECKS, &["nope".into()], &[]),
            Err(UnknownPattern("nope".into()))
        );
    }

    #[test]
    fn prerequisites_are_pulled_in_transitively() {
        let needed = with_prerequisites(&CHECKS, &["cni.subnet-ips"]);
        assert_eq!(
            needed.into_iter().collect::<Vec<_>>(),
            vec!["aws.identity", "cni.subnet-ips", "eks.cluster"]
        );
    }
}
