//! The Kubernetes Job `loadgen --in-cluster` runs: N pods of the otelctl image, each a
//! `loadgen --worker INDEX/N` sending its share of the load. Pure: the spec is data built
//! from the user's flags, unit-tested here and checked against the fake API server.
//!
//! One pod template serves every pod of a Job, so the args cannot differ per pod. They
//! carry the run's totals (`-n`, `--rate`) and `--worker $(JOB_COMPLETION_INDEX)/N`; each
//! worker takes its own share ([`super::workers::requests_share`]). The index comes from
//! the Indexed Job's completion-index annotation, through the downward API.

use k8s_openapi::api::batch::v1::Job;
use serde_json::json;

use crate::cli::LoadgenArgs;

/// `app.kubernetes.io/name` of every loadgen Job and pod.
pub const APP_NAME: &str = "otelctl-loadgen";
/// The label that ties a run's Job and pods together.
pub const RUN_LABEL: &str = "otelctl/run-id";
/// The worker container's name (for its log).
pub const CONTAINER: &str = "loadgen";
/// A finished Job (and its pods' logs) stays this long for `--keep-job`, then Kubernetes
/// removes it.
pub const TTL_SECONDS: i32 = 3600;
/// What the image runs as (`image build`'s distroless `nonroot`).
const USER_ID: i64 = 65532;

/// What the Job needs beyond the worker's args.
#[derive(Debug, Clone)]
pub struct JobRequest {
    pub namespace: String,
    pub run_id: String,
    pub image: String,
    pub workers: u32,
    /// The worker command line after the image's entrypoint (`loadgen …`).
    pub args: Vec<String>,
    /// Kubernetes stops the Job (and marks it failed) after this many seconds.
    pub deadline_seconds: i64,
}

/// `key=value` selecting a run's Job and pods.
pub fn selector(run_id: &str) -> String {
    format!("{RUN_LABEL}={run_id}")
}

/// The batch/v1 Job for a run.
pub fn spec(req: &JobRequest) -> Job {
    let labels = json!({
        "app.kubernetes.io/name": APP_NAME,
        "app.kubernetes.io/managed-by": "otelctl",
        RUN_LABEL: req.run_id,
    });
    let job = json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {
            "generateName": format!("{APP_NAME}-"),
            "namespace": req.namespace,
            "labels": labels,
        },
        "spec": {
            "parallelism": req.workers,
            "completions": req.workers,
            "completionMode": "Indexed",
            // One try per worker: a retried worker would send its share twice.
            "backoffLimit": 0,
            "ttlSecondsAfterFinished": TTL_SECONDS,
            "activeDeadlineSeconds": req.deadline_seconds,
            "template": {
                "metadata": {"labels": labels},
                "spec": {
                    "restartPolicy": "Never",
                    "automountServiceAccountToken": false,
                    "enableServiceLinks": false,
                    "securityContext": {
                        "runAsNonRoot": true,
                        "runAsUser": USER_ID,
                        "runAsGroup": USER_ID,
                        "seccompProfile": {"type": "RuntimeDefault"},
                    },
                    "containers": [{
                        "name": CONTAINER,
                        "image": req.image,
                        "args": req.args,
                        "env": [
                            {"name": "JOB_COMPLETION_INDEX", "valueFrom": {"fieldRef": {
                                "fieldPath": "metadata.annotations['batch.kubernetes.io/job-completion-index']",
                            }}},
                            {"name": "NO_COLOR", "value": "1"},
                        ],
                        "resources": {
                            "requests": {"cpu": "500m", "memory": "128Mi"},
                            "limits": {"cpu": "2", "memory": "512Mi"},
                        },
                        "securityContext": {
                            "allowPrivilegeEscalation": false,
                            "readOnlyRootFilesystem": true,
                            "capabilities": {"drop": ["ALL"]},
                        },
                    }],
                },
            },
        },
    });
    serde_json::from_value(job)
        .unwrap_or_else(|e| unreachable!("the Job literal matches batch/v1 Job: {e}"))
}

/// A duration as `loadgen` parses it back, to the millisecond.
fn duration(d: std::time::Duration) -> String {
    format!("{}ms", d.as_millis())
}

/// The worker's command line: the user's load flags with the run's totals, worker mode
/// and JSON output. Not passed on: `--fail-on` and `--jaeger-url` (applied to the merged
/// report here) and the in-cluster flags. `body` is the request body as text (a
/// `--body-file` is read here, as the pods cannot see this machine's files).
pub fn worker_args(args: &LoadgenArgs, body: Option<&str>, workers: u32) -> Vec<String> {
    let mut out: Vec<String> = vec!["loadgen".into(), args.url.to_string()];
    let mut flag = |name: &str, value: String| {
        out.push(name.into());
        out.push(value);
    };
    flag("--concurrency", args.concurrency.to_string());
    if let Some(rate) = args.rate {
        flag("--rate", rate.to_string());
    }
    if let Some(n) = args.requests {
        flag("--requests", n.to_string());
    }
    if let Some(d) = args.duration {
        flag("--duration", duration(d));
    }
    flag("--method", args.method.to_string());
    for (name, value) in &args.headers {
        flag(
            "--header",
            format!("{name}: {}", String::from_utf8_lossy(value.as_bytes())),
        );
    }
    if let Some(body) = body {
        flag("--body", body.to_owned());
    }
    flag("--timeout", duration(args.timeout));
    flag("--warmup", duration(args.warmup));
    flag("--sample-rate", args.sample_rate.to_string());
    if let Some(endpoint) = &args.otlp_endpoint {
        flag("--otlp-endpoint", endpoint.clone());
    }
    flag("--worker", format!("$(JOB_COMPLETION_INDEX)/{workers}"));
    flag("--output", "json".into());
    if args.http2 {
        out.push("--http2".into());
    }
    if args.insecure {
        out.push("--insecure".into());
    }
    out.push("--quiet".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use clap::Parser;

    fn parse(args: &[&str]) -> LoadgenArgs {
        let cli = Cli::try_parse_from([&["otelctl", "loadgen"], args].concat()).unwrap();
        match cli.command {
            Command::Loadgen(a) => a,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_worker_gets_the_load_flags_with_totals_and_worker_mode() {
        let args = parse(&[
            "--in-cluster",
            "--workers",
            "3",
            "-n",
            "1000",
            "-r",
            "100",
            "-c",
            "4",
            "-H",
            "X-Team: a",
            "--fail-on",
            "p99>1s",
            "--jaeger-url",
            "http://j",
            "--http2",
            "http://app.app.svc/api/work?depth=2",
        ]);
        let a = worker_args(&args, Some("{}"), 3);
        let line = a.join(" ");
        assert!(line.starts_with("loadgen http://app.app.svc/api/work?depth=2 "));
        for part in [
            "--concurrency 4",
            "--rate 100",
            "--requests 1000",
            "--header x-team: a",
            "--body {}",
            "--timeout 10000ms",
            "--warmup 0ms",
            "--worker $(JOB_COMPLETION_INDEX)/3",
            "--output json",
            "--http2",
            "--quiet",
        ] {
            assert!(line.contains(part), "{part} in {line}");
        }
        for absent in [
            "--fail-on",
            "--jaeger-url",
            "--in-cluster",
            "--workers",
            "--duration",
        ] {
            assert!(!line.contains(absent), "{absent} in {line}");
        }
        // The worker's args parse as a worker's command line.
        let mut back = a.clone();
        let i = back.iter().position(|x| x.starts_with("$(")).unwrap();
        back[i] = "2/3".into();
        let worker = parse(&back[1..].iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(worker.worker, Some((2, 3)));
        assert_eq!((worker.requests, worker.rate), (Some(1000), Some(100.0)));
    }

    #[test]
    fn the_job_runs_n_indexed_non_root_pods_once() {
        let job = spec(&JobRequest {
            namespace: "load".into(),
            run_id: "r1".into(),
            image: "123.dkr.ecr.us-east-1.amazonaws.com/otel-demo:0.1.0".into(),
            workers: 5,
            args: vec!["loadgen".into(), "http://x/".into()],
            deadline_seconds: 900,
        });
        let v = serde_json::to_value(&job).unwrap();
        assert_eq!(v["metadata"]["generateName"], "otelctl-loadgen-");
        assert_eq!(v["metadata"]["namespace"], "load");
        assert_eq!(v["metadata"]["labels"]["otelctl/run-id"], "r1");
        let s = &v["spec"];
        assert_eq!(
            (s["parallelism"].as_i64(), s["completions"].as_i64()),
            (Some(5), Some(5))
        );
        assert_eq!(s["completionMode"], "Indexed");
        assert_eq!(s["backoffLimit"], 0);
        assert_eq!(s["ttlSecondsAfterFinished"], TTL_SECONDS);
        assert_eq!(s["activeDeadlineSeconds"], 900);
        let pod = &s["template"]["spec"];
        assert_eq!(s["template"]["metadata"]["labels"], v["metadata"]["labels"]);
        assert_eq!(pod["restartPolicy"], "Never");
        assert_eq!(pod["securityContext"]["runAsNonRoot"], true);
        let c = &pod["containers"][0];
        assert_eq!(
            c["image"],
            "123.dkr.ecr.us-east-1.amazonaws.com/otel-demo:0.1.0"
        );
        assert_eq!(c["args"], json!(["loadgen", "http://x/"]));
        assert_eq!(c["env"][0]["name"], "JOB_COMPLETION_INDEX");
        assert_eq!(c["securityContext"]["allowPrivilegeEscalation"], false);
        assert_eq!(c["resources"]["limits"]["memory"], "512Mi");
        assert_eq!(selector("r1"), "otelctl/run-id=r1");
    }
}
