//! `otelctl loadgen --in-cluster` against the fake API server. The fake runs no pods, so the
//! test plays the kubelet: once the Job is created it adds the Job's pods, finished, with
//! logs that are real worker reports — made by running `otelctl loadgen --worker i/N`
//! against a local target — so the merge is tested on what workers really print.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::harness::kubeapi::KubeApi;
use crate::harness::served::Served;
use crate::harness::target::Target;
use crate::harness::{Sandbox, json};

const NS: &str = "load";
const IMAGE: &str = "123456789012.dkr.ecr.us-east-1.amazonaws.com/otel-demo:test";

/// One worker's real report: `otelctl loadgen --worker index/of …` with its stdout as
/// the pod's log (after a line of stderr noise, as logs mix both).
fn worker_log(sb: &Sandbox, index: u32, of: u32, args: &[&str]) -> String {
    let out = sb
        .otelctl()
        .args([
            "loadgen",
            "-o",
            "json",
            "--worker",
            &format!("{index}/{of}"),
        ])
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    format!(
        "2025-01-01T00:00:00Z WARN otelctl: noise on stderr\n{}",
        String::from_utf8_lossy(&out.stdout)
    )
}

/// What a pod of the Job looks like when the kubelet is done with it.
struct Finished {
    phase: &'static str,
    log: String,
}

/// Waits for the Job, then adds one finished pod per entry with the Job's template
/// labels and completion index, and sets its log. Returns the Job as created.
fn play_kubelet(api: &KubeApi, pods: Vec<Finished>) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    let job = loop {
        if let Some(job) = api.objects("Job").into_iter().next() {
            break job;
        }
        assert!(Instant::now() < deadline, "no Job was created");
        std::thread::sleep(Duration::from_millis(50));
    };
    let name = job["metadata"]["name"].as_str().unwrap().to_owned();
    let ns = job["metadata"]["namespace"].as_str().unwrap().to_owned();
    let labels = job["spec"]["template"]["metadata"]["labels"].clone();
    for (i, pod) in pods.into_iter().enumerate() {
        let pod_name = format!("{name}-{i}-x7k2p");
        let exit_code = i32::from(pod.phase != "Succeeded");
        api.add(json!({"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": pod_name, "namespace": ns, "labels": labels,
                "annotations": {"batch.kubernetes.io/job-completion-index": i.to_string()}},
            "spec": job["spec"]["template"]["spec"],
            "status": {"phase": pod.phase, "containerStatuses": [{
                "name": "loadgen", "image": IMAGE, "imageID": "", "ready": false, "restartCount": 0,
                "state": {"terminated": {"exitCode": exit_code,
                    "reason": if exit_code == 0 { "Completed" } else { "Error" }}}}]}}));
        api.set_log(&ns, &pod_name, &pod.log);
    }
    job
}

/// A sandbox whose kubeconfig reaches a fresh fake API server.
fn cluster() -> (Sandbox, KubeApi) {
    let sb = Sandbox::new();
    let api = KubeApi::start();
    api.kubeconfig(
        &sb.path(".kube/config"),
        "eks",
        "arn:aws:eks:us-east-1:123456789012:cluster/dev",
    );
    (sb, api)
}

/// Runs `otelctl loadgen --in-cluster …` while the kubelet thread finishes the pods.
fn run_in_cluster(
    sb: &Sandbox,
    api: &KubeApi,
    pods: Vec<Finished>,
    args: &[&str],
) -> (std::process::Output, Value) {
    std::thread::scope(|s| {
        let kubelet = s.spawn(|| play_kubelet(api, pods));
        let out = sb
            .otelctl()
            .args([
                "loadgen",
                "--in-cluster",
                "--image",
                IMAGE,
                "--namespace",
                NS,
            ])
            .args(args)
            .timeout(Duration::from_secs(90))
            .output()
            .unwrap();
        (out, kubelet.join().unwrap())
    })
}

fn keys(v: &Value) -> Vec<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn workers_reports_merge_into_one_report_and_the_job_is_deleted() {
    let target = Target::start(200, Duration::ZERO);
    let sb = Sandbox::new();
    let load = ["-n", "301", "-r", "600", "-c", "2", target.url.as_str()];
    let logs: Vec<String> = (0..3).map(|i| worker_log(&sb, i, 3, &load)).collect();
    let workers: Vec<Value> = logs
        .iter()
        .map(|l| serde_json::from_str(&l[l.find('{').unwrap()..]).unwrap())
        .collect();
    let counts: Vec<u64> = workers
        .iter()
        .map(|w| w["summary"]["requests"].as_u64().unwrap())
        .collect();
    assert_eq!(
        counts,
        [101, 100, 100],
        "-n shared, the remainder to the first"
    );
    assert!(workers.iter().all(|w| w["rate"] == 200.0), "--rate shared");

    let (sb, api) = cluster();
    let pods = logs
        .into_iter()
        .map(|log| Finished {
            phase: "Succeeded",
            log,
        })
        .collect();
    let mut args = vec!["--workers", "3", "--fail-on", "error_rate>1%", "-o", "json"];
    args.extend(load);
    let (out, job) = run_in_cluster(&sb, &api, pods, &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");

    // The Job as created.
    let spec = &job["spec"];
    assert_eq!(
        job["metadata"]["labels"]["app.kubernetes.io/name"],
        "otelctl-loadgen"
    );
    assert!(
        job["metadata"]["name"]
            .as_str()
            .unwrap()
            .starts_with("otelctl-loadgen-")
    );
    let run_id = job["metadata"]["labels"]["otelctl/run-id"]
        .as_str()
        .unwrap();
    assert!(!run_id.is_empty());
    assert_eq!(
        spec["template"]["metadata"]["labels"],
        job["metadata"]["labels"]
    );
    assert_eq!(
        (&spec["parallelism"], &spec["completions"]),
        (&json!(3), &json!(3))
    );
    assert_eq!(spec["completionMode"], "Indexed");
    assert_eq!(spec["backoffLimit"], 0);
    assert!(spec["ttlSecondsAfterFinished"].as_i64().unwrap() > 0);
    let pod = &spec["template"]["spec"];
    assert_eq!(pod["restartPolicy"], "Never");
    assert_eq!(pod["securityContext"]["runAsNonRoot"], true);
    let container = &pod["containers"][0];
    assert_eq!(container["image"], IMAGE);
    let container_args: Vec<&str> = container["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    let line = container_args.join(" ");
    for part in [
        "loadgen ",
        "--rate 600",
        "--requests 301",
        "--concurrency 2",
        "--worker $(JOB_COMPLETION_INDEX)/3",
        "--output json",
        &target.url,
    ] {
        assert!(line.contains(part), "`{part}` in {line}");
    }
    assert!(
        !line.contains("--fail-on"),
        "thresholds apply to the merge: {line}"
    );

    // The merged report: the sum of the workers', shaped like a one-machine report.
    let merged = json(&out);
    let s = &merged["summary"];
    let sum = |path: &[&str]| -> u64 {
        workers
            .iter()
            .map(|w| path.iter().fold(w, |v, k| &v[*k]).as_u64().unwrap_or(0))
            .sum()
    };
    assert_eq!(s["requests"], 301);
    assert_eq!(s["requests"].as_u64(), Some(sum(&["summary", "requests"])));
    assert_eq!(
        s["statuses"]["200"].as_u64(),
        Some(sum(&["summary", "statuses", "200"]))
    );
    assert_eq!(s["bytes"].as_u64(), Some(sum(&["summary", "bytes"])));
    assert_eq!(merged["concurrency"], 6, "all workers' connections");
    assert_eq!(merged["rate"], 600.0);
    let max = |field: &str| {
        workers
            .iter()
            .map(|w| w["summary"]["latency_ms"][field].as_f64().unwrap())
            .fold(f64::MIN, f64::max)
    };
    let min_of_mins = workers
        .iter()
        .map(|w| w["summary"]["latency_ms"]["min"].as_f64().unwrap())
        .fold(f64::MAX, f64::min);
    assert_eq!(s["latency_ms"]["max"].as_f64(), Some(max("max")));
    assert_eq!(s["latency_ms"]["min"].as_f64(), Some(min_of_mins));
    let p50 = s["latency_ms"]["p50"].as_f64().unwrap();
    assert!(min_of_mins <= p50 && p50 <= max("p50"), "{p50}");
    let slowest = workers
        .iter()
        .map(|w| {
            w["summary"]["slowest_traces"][0]["latency_ms"]
                .as_f64()
                .unwrap()
        })
        .fold(f64::MIN, f64::max);
    assert_eq!(
        s["slowest_traces"][0]["latency_ms"].as_f64(),
        Some(slowest),
        "the slowest request of any worker"
    );
    let histogram: u64 = merged["histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .sum();
    assert_eq!(histogram, 301);
    assert_eq!(merged["thresholds"][0]["violated"], false);
    assert!(merged.get("worker").is_none());

    let single = json(
        &sb.otelctl()
            .args(["loadgen", "-n", "5", "-o", "json", "--fail-on", "p99>1h"])
            .arg(&target.url)
            .output()
            .unwrap(),
    );
    assert_eq!(keys(&merged), keys(&single), "the same report shape");
    assert_eq!(keys(s), keys(&single["summary"]));

    // Created, polled, logs read, deleted.
    let name = job["metadata"]["name"].as_str().unwrap();
    assert!(api.objects("Job").is_empty(), "the Job is deleted");
    let requests = api.requests();
    assert!(
        requests.contains(&format!(
            "DELETE /apis/batch/v1/namespaces/{NS}/jobs/{name}"
        )),
        "{requests:#?}"
    );
    assert!(
        requests.iter().any(
            |r| r.starts_with(&format!("GET /api/v1/namespaces/{NS}/pods?"))
                && r.contains(&format!("labelSelector=otelctl/run-id={run_id}"))
        ),
        "{requests:#?}"
    );
    let logs_read = requests.iter().filter(|r| r.contains("/log?")).count();
    assert_eq!(logs_read, 3, "{requests:#?}");
}

#[test]
fn fail_on_judges_the_merged_result_and_keep_job_keeps_it() {
    let ok = Target::start(200, Duration::ZERO);
    let failing = Target::start(503, Duration::ZERO);
    let sb = Sandbox::new();
    // Each worker alone is under 50% errors or over it; together a third fail.
    let pods = vec![
        Finished {
            phase: "Succeeded",
            log: worker_log(&sb, 0, 3, &["-n", "60", &failing.url]),
        },
        Finished {
            phase: "Succeeded",
            log: worker_log(&sb, 1, 3, &["-n", "60", &ok.url]),
        },
        Finished {
            phase: "Succeeded",
            log: worker_log(&sb, 2, 3, &["-n", "60", &ok.url]),
        },
    ];
    let (sb, api) = cluster();
    let (out, _) = run_in_cluster(
        &sb,
        &api,
        pods,
        &[
            "--workers",
            "3",
            "-n",
            "60",
            "--keep-job",
            "--fail-on",
            "error_rate>30%,error_rate>40%",
            "-o",
            "json",
            &ok.url,
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("thresholds violated: error_rate>30%"),
        "{stderr}"
    );
    let report = json(&out);
    assert_eq!(report["summary"]["requests"], 60);
    assert_eq!(report["summary"]["statuses"]["503"], 20);
    let violated: Vec<&Value> = report["thresholds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["violated"])
        .collect();
    assert_eq!(violated, [&json!(true), &json!(false)]);
    assert_eq!(api.objects("Job").len(), 1, "--keep-job");
    assert!(
        stderr.contains("kept Job load/otelctl-loadgen-"),
        "{stderr}"
    );
}

#[test]
fn a_failed_worker_or_a_log_that_is_no_report_is_a_clear_error() {
    let target = Target::start(200, Duration::ZERO);
    let sb = Sandbox::new();
    let good = worker_log(&sb, 0, 2, &["-n", "10", &target.url]);

    let (sb, api) = cluster();
    let pods = vec![
        Finished {
            phase: "Succeeded",
            log: good.clone(),
        },
        Finished {
            phase: "Failed",
            log: "error: cannot set up the HTTP client\n  caused by: boom\n".into(),
        },
    ];
    let (out, job) = run_in_cluster(
        &sb,
        &api,
        pods,
        &["--workers", "2", "-n", "10", &target.url],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let name = job["metadata"]["name"].as_str().unwrap();
    assert!(
        stderr.contains(&format!(
            "worker pod {name}-1-x7k2p failed (Error, exit code 1)"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("caused by: boom"),
        "the end of its log: {stderr}"
    );
    assert!(api.objects("Job").is_empty(), "deleted after a failure too");

    let (sb, api) = cluster();
    let pods = vec![
        Finished {
            phase: "Succeeded",
            log: good,
        },
        Finished {
            phase: "Succeeded",
            log: "thread 'main' panicked at src/main.rs:1:1\n".into(),
        },
    ];
    let (out, job) = run_in_cluster(
        &sb,
        &api,
        pods,
        &["--workers", "2", "-n", "10", &target.url],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let name = job["metadata"]["name"].as_str().unwrap();
    assert!(
        stderr.contains(&format!(
            "the log of worker pod {name}-1-x7k2p holds no worker report"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("panicked at src/main.rs"), "{stderr}");
    assert!(api.objects("Job").is_empty());
}

#[test]
fn bad_in_cluster_input_is_a_usage_error() {
    let sb = Sandbox::new();
    let url = "http://127.0.0.1:1/";
    for (args, says) in [
        (
            vec!["--in-cluster", "--workers", "0", "-n", "5", url],
            "--workers",
        ),
        (vec!["--workers", "2", "-n", "5", url], "--in-cluster"),
        (
            vec!["--in-cluster", "--workers", "3", "-n", "2", url],
            "fewer requests than --workers 3",
        ),
        (
            vec!["--in-cluster", "-n", "5", "--image", "x", url],
            "--in-cluster needs a Kubernetes cluster",
        ),
    ] {
        let out = sb.otelctl().arg("loadgen").args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn ctrl_c_or_sigterm_while_waiting_deletes_the_job() {
    let (sb, api) = cluster();
    let mut cmd = sb.command();
    cmd.args([
        "loadgen",
        "--in-cluster",
        "--image",
        IMAGE,
        "--namespace",
        NS,
    ])
    .args(["--workers", "2", "-z", "1m", "http://127.0.0.1:1/"]);
    let (waiting, line) = Served::spawn(cmd, "workers: ");
    assert_eq!(line, "workers: 0 done, 0 running, 0 pending of 2");
    assert_eq!(api.objects("Job").len(), 1);
    let (status, stderr) = waiting.terminate();
    assert_eq!(status.code(), Some(1), "{stderr:?}");
    assert!(
        stderr
            .iter()
            .any(|l| l.contains("interrupted; Job load/otelctl-loadgen-")),
        "{stderr:?}"
    );
    assert!(api.objects("Job").is_empty(), "the workers are stopped");
}
