//! `otelctl doctor` against moto, the fake Kubernetes API server and fake tools: a healthy
//! runbook deployment passes every check; a broken one fails each check for its own reason;
//! prerequisites, AccessDenied, an unreachable API server, selection, exit codes and JUnit.

mod world;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::harness::kubeapi::KubeApi;
use crate::harness::moto::Moto;
use crate::harness::{Sandbox, refused_url};
use world::{
    COLLECTOR_ENDPOINT, World, aws_node, check, deployment, helm_secret, node, running_pod,
    service, service_account, slice, statuses, summary,
};

const ALL: usize = 25;

/// One healthy world, built once and only read by the tests that share it; they take
/// turns, so one test's request log holds only its own doctor run.
fn healthy() -> (&'static World, std::sync::MutexGuard<'static, ()>) {
    static WORLD: std::sync::OnceLock<World> = std::sync::OnceLock::new();
    static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let turn = TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    (WORLD.get_or_init(|| World::healthy("eu-north-1")), turn)
}

#[test]
fn doctor_passes_every_check_on_a_healthy_deployment() {
    let (w, _turn) = healthy();
    let (code, report) = w.doctor(&[]);
    let not_passing: BTreeMap<_, _> = statuses(&report)
        .into_iter()
        .filter(|(_, s)| s != "pass")
        .collect();
    assert!(not_passing.is_empty(), "{not_passing:?}\n{report:#}");
    assert_eq!(code, 0);
    assert_eq!(report["checks"].as_array().unwrap().len(), ALL);
    assert_eq!(report["cluster"], w.cluster.as_str());
    assert_eq!(report["region"], w.region);
    assert_eq!(
        report["summary"],
        json!({"pass": ALL, "warn": 0, "fail": 0, "skip": 0, "error": 0})
    );
    // The documented schema, field by field.
    let c = check(&report, "kube.context");
    for field in [
        "id",
        "title",
        "status",
        "summary",
        "details",
        "remediation",
        "duration_ms",
    ] {
        assert!(c.get(field).is_some(), "{field} missing from {c}");
    }
    assert!(c["summary"].as_str().unwrap().contains("by ARN"), "{c}");
    assert!(
        check(&report, "cni.node-capacity")["details"][0]
            .as_str()
            .unwrap()
            .contains("/29 pods")
    );
    assert!(summary(&report, "tools.helm").contains("3.16.2"));
}

#[test]
fn doctor_lists_each_kind_once_instead_of_getting_objects_one_by_one() {
    let (w, _turn) = healthy();
    let before = w.kube.requests().len();
    let (code, _) = w.doctor(&["--skip", "tools."]);
    assert_eq!(code, 0);
    let requests: Vec<String> = w.kube.requests()[before..].to_vec();
    let count = |prefix: &str| requests.iter().filter(|r| r.starts_with(prefix)).count();
    assert_eq!(count("GET /api/v1/pods"), 1, "{requests:#?}");
    assert_eq!(count("GET /api/v1/nodes"), 1, "{requests:#?}");
    assert_eq!(count("GET /apis/apps/v1/deployments"), 1, "{requests:#?}");
    assert_eq!(count("GET /api/v1/services"), 1, "{requests:#?}");
    // The only reads of single objects: the CNI daemonset and the controller's account.
    let mut singles: Vec<&String> = requests
        .iter()
        .filter(|r| r.contains("/namespaces/"))
        .collect();
    // Two checks read these concurrently: their order is not the point.
    singles.sort();
    assert_eq!(
        singles,
        [
            "GET /api/v1/namespaces/kube-system/serviceaccounts/aws-load-balancer-controller",
            "GET /apis/apps/v1/namespaces/kube-system/daemonsets/aws-node",
        ],
        "{requests:#?}"
    );
    assert!(
        requests
            .iter()
            .any(|r| r.contains("labelSelector=owner=helm")),
        "{requests:#?}"
    );
}

/// Everything the runbook's lessons warn about, at once.
fn broken() -> World {
    let w = World::aws_only("eu-west-3", "1.29", "10.0.1.0/28", false);
    // Subnet a: /28 has 11 usable addresses; take them all.
    let ec2 = crate::harness::moto().ec2(w.region);
    for _ in 0..11 {
        crate::harness::moto()
            .block_on(
                ec2.create_network_interface()
                    .subnet_id(&w.subnets[0].0)
                    .send(),
            )
            .unwrap();
    }
    w.remove_tool("helm");
    w.remove_tool("docker");
    w.terraform_state(&[]);
    w.kube
        .kubeconfig(&w.sb.path(".kube/config"), "kind", "kind-kind");
    let k = &w.kube;
    k.add(node("node-a", "10.0.1.10", "t3.medium", true));
    k.add(node("node-b", "10.0.2.10", "m5.large", false));
    for i in 0..16 {
        k.add(running_pod("load", &format!("filler-{i}"), "node-a"));
    }
    k.add(json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "otel-demo-pull", "namespace": "app"},
        "spec": {"nodeName": "node-b", "containers": [{"name": "main", "image": "x"}]},
        "status": {"phase": "Pending", "containerStatuses": [{"name": "main", "ready": false, "restartCount": 0,
            "image": "x", "imageID": "", "state": {"waiting": {"reason": "ImagePullBackOff"}}}]}}));
    k.add(json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "otel-demo-noip", "namespace": "app"},
        "spec": {"nodeName": "node-a", "containers": [{"name": "main", "image": "x"}]},
        "status": {"phase": "Pending", "containerStatuses": [{"name": "main", "ready": false, "restartCount": 0,
            "image": "x", "imageID": "", "state": {"waiting": {"reason": "ContainerCreating"}}}]}}));
    k.add(json!({"apiVersion": "v1", "kind": "Event",
        "metadata": {"name": "otel-demo-noip.1", "namespace": "app"},
        "involvedObject": {"kind": "Pod", "namespace": "app", "name": "otel-demo-noip"},
        "reason": "FailedCreatePodSandBox", "type": "Warning",
        "message": "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type=\"aws-cni\" name=\"aws-cni\" failed (add): add cmd: failed to assign an IP address to container"}));
    k.add(deployment(
        "kube-system",
        "aws-load-balancer-controller",
        "x",
        &[],
        1,
    ));
    k.add(service_account(
        "kube-system",
        "aws-load-balancer-controller",
        Some("arn:aws:iam::123456789012:role/someone-else"),
    ));
    k.add(deployment(
        "app",
        "otel-demo",
        &w.image("v9"),
        &[(
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "http://otel-collector.opentelemetry:4319",
        )],
        1,
    ));
    k.add(service("opentelemetry", "otel-collector", &[4317, 4318]));
    k.add(slice("opentelemetry", "otel-collector", true));
    k.add(json!({"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": "otel-demo", "namespace": "app"},
        "spec": {"maxReplicas": 6, "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "otel-demo"}}}));
    k.add(helm_secret("app", "otel-demo", "otel-demo", 1, "deployed"));
    k.add(helm_secret("jaeger", "jaeger", "jaeger", 1, "superseded"));
    k.add(helm_secret("jaeger", "jaeger", "jaeger", 2, "failed"));
    k.add(helm_secret(
        "opentelemetry",
        "otel-collector",
        "opentelemetry-collector",
        1,
        "deployed",
    ));
    w
}

#[test]
fn doctor_fails_each_check_of_a_broken_deployment_for_its_own_reason() {
    let w = broken();
    let (code, report) = w.doctor(&[]);
    assert_eq!(code, 1);
    let expected: BTreeMap<String, String> = [
        ("tools.helm", "fail"),
        ("tools.kubectl", "pass"),
        ("tools.docker", "warn"),
        ("tools.terraform", "pass"),
        ("aws.identity", "pass"),
        ("eks.cluster", "pass"),
        ("eks.version", "fail"),
        ("iam.oidc-provider", "fail"),
        ("iam.alb-controller-role", "fail"),
        ("ecr.image", "fail"),
        ("terraform.state", "fail"),
        ("kube.context", "fail"),
        ("kube.api", "pass"),
        ("kube.nodes", "fail"),
        ("kube.pods", "fail"),
        ("cni.subnet-ips", "fail"),
        ("cni.node-capacity", "warn"),
        ("cni.ip-assignment", "fail"),
        ("cni.config", "fail"),
        ("alb.controller", "fail"),
        ("helm.releases", "fail"),
        ("otel.collector", "pass"),
        ("otel.jaeger", "fail"),
        ("otel.app-endpoint", "fail"),
        ("hpa.metrics", "fail"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    assert_eq!(statuses(&report), expected, "{report:#}");

    // Each verdict names the problem and the fix.
    let text = |id: &str, field: &str| check(&report, id)[field].to_string();
    assert!(text("iam.oidc-provider", "remediation").contains("otelctl iam oidc --create"));
    assert!(
        text("iam.alb-controller-role", "remediation").contains("otelctl iam alb-role --create")
    );
    assert!(text("terraform.state", "details").contains(&format!(
        "import module.eks.aws_eks_cluster.this {}",
        w.cluster
    )));
    assert!(text("kube.context", "remediation").contains(&format!(
        "otelctl kubeconfig update --cluster {}",
        w.cluster
    )));
    assert!(
        text("kube.pods", "details").contains("app/otel-demo-pull: Pending: main ImagePullBackOff")
    );
    assert!(text("cni.subnet-ips", "details").contains(&format!("{} (", w.subnets[0].0)));
    assert!(text("cni.subnet-ips", "details").contains("0 free"));
    assert!(text("cni.ip-assignment", "details").contains(&format!(
        "app/otel-demo-noip on node-a, subnet {} (0 free)",
        w.subnets[0].0
    )));
    assert!(text("cni.node-capacity", "details").contains("node-a (t3.medium): 17/17 pods"));
    assert!(text("eks.version", "summary").contains("left extended support"));
    assert!(text("alb.controller", "details").contains("someone-else"));
    assert!(text("helm.releases", "details").contains("jaeger/jaeger: failed (revision 2"));
    assert!(text("otel.app-endpoint", "summary").contains("no port 4319"));
    assert!(text("hpa.metrics", "summary").contains("metrics-server"));
    assert!(text("ecr.image", "summary").contains(":v9 is not in the repository"));
    assert!(text("kube.nodes", "details").contains("node-b: not Ready"));

    // For people: grouped by area, each problem with its fix, a summary line last.
    let human = String::from_utf8(w.doctor_raw(&[]).stdout).unwrap();
    for heading in [
        "Tools\n",
        "AWS\n",
        "Kubernetes\n",
        "VPC CNI\n",
        "Load balancer\n",
        "Helm\n",
        "Tracing pipeline\n",
    ] {
        assert!(human.contains(heading), "{heading}{human}");
    }
    assert!(
        human.contains("    fix: otelctl iam oidc --create\n"),
        "{human}"
    );
    assert!(
        human.ends_with("25 checks: 6 pass, 2 warn, 17 fail, 0 error, 0 skipped\n"),
        "{human}"
    );

    // The same run as JUnit, read back by a JUnit library.
    let out = w.doctor_raw(&["-o", "junit"]);
    assert_eq!(out.status.code(), Some(1));
    let parsed = junit_counts(&out.stdout);
    assert_eq!(
        parsed,
        json!({"tests": ALL, "failures": 17, "errors": 0, "skipped": 0}),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let strict = junit_counts(&w.doctor_raw(&["-o", "junit", "--strict"]).stdout);
    assert_eq!(strict["failures"], 19);
}

/// Parses JUnit XML with junitparser (PyPI) and returns its counts.
fn junit_counts(xml: &[u8]) -> Value {
    let sb = Sandbox::new();
    let path = sb.path("doctor.xml");
    std::fs::write(&path, xml).unwrap();
    let script = "import json, sys\nfrom junitparser import JUnitXml, Failure, Error, Skipped\n\
xml = JUnitXml.fromfile(sys.argv[1])\n\
cases = [c for s in xml for c in s]\n\
kinds = lambda k: sum(1 for c in cases for r in c.result if isinstance(r, k))\n\
assert all(c.name and c.classname for c in cases)\n\
print(json.dumps({'tests': len(cases), 'failures': kinds(Failure), 'errors': kinds(Error), 'skipped': kinds(Skipped)}))\n";
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "junitparser: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_missing_cluster_fails_and_its_dependents_are_skipped_with_the_reason() {
    let (w, _turn) = healthy();
    let (code, report) = w.doctor(&["--cluster", "no-such-cluster", "--skip", "tools."]);
    assert_eq!(code, 1);
    let s = statuses(&report);
    assert_eq!(s["eks.cluster"], "fail");
    for id in [
        "eks.version",
        "iam.oidc-provider",
        "kube.context",
        "cni.subnet-ips",
        "alb.controller",
    ] {
        assert_eq!(s[id], "skip", "{id}");
        assert_eq!(
            check(&report, id)["summary"],
            "needs eks.cluster, which is fail"
        );
    }
    // What does not need the cluster still runs.
    assert_eq!(s["kube.pods"], "pass");
    assert_eq!(s["otel.collector"], "pass");
    assert!(summary(&report, "eks.cluster").contains("no-such-cluster"));
}

#[test]
fn access_denied_on_one_call_errors_only_the_checks_that_need_it() {
    // A moto of its own, enforcing IAM after the three calls that make the operator, who may
    // do anything but ecr:DescribeRepositories. (moto cannot verify signatures of EKS's
    // REST calls under enforcement, so the denied call is an ECR one.)
    let m = Moto::start(&[("INITIAL_NO_AUTH_ACTION_COUNT", "3")]);
    let policy = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Effect": "Deny", "Action": "ecr:DescribeRepositories", "Resource": "*"}]});
    let iam = m.iam();
    m.block_on(iam.create_user().user_name("operator").send())
        .unwrap();
    m.block_on(
        iam.put_user_policy()
            .user_name("operator")
            .policy_name("no-ecr-describe")
            .policy_document(policy.to_string())
            .send(),
    )
    .unwrap();
    let key = m
        .block_on(iam.create_access_key().user_name("operator").send())
        .unwrap()
        .access_key
        .unwrap();
    let api = KubeApi::start();
    let sb = Sandbox::new();
    api.kubeconfig(&sb.path(".kube/config"), "c", "c");
    api.add(node("node-a", "10.0.1.10", "m5.large", true));
    api.add(running_pod("app", "otel-demo-1", "node-a"));

    let out = sb
        .otelctl()
        .env("AWS_ENDPOINT_URL", &m.endpoint)
        .env("AWS_ACCESS_KEY_ID", &key.access_key_id)
        .env("AWS_SECRET_ACCESS_KEY", &key.secret_access_key)
        .args([
            "doctor",
            "-o",
            "json",
            "--only",
            "aws.identity,ecr.image,kube.",
        ])
        .args(["--skip", "kube.context"])
        .output()
        .unwrap();
    let report = crate::harness::json(&out);
    let s = statuses(&report);
    assert_eq!(s["ecr.image"], "error", "{report:#}");
    let ecr = check(&report, "ecr.image");
    assert!(
        ecr["summary"]
            .as_str()
            .unwrap()
            .contains("ecr:DescribeRepositories"),
        "{ecr}"
    );
    assert!(
        ecr["remediation"]
            .as_str()
            .unwrap()
            .contains("grant ecr:DescribeRepositories"),
        "{ecr}"
    );
    for id in ["aws.identity", "kube.api", "kube.nodes", "kube.pods"] {
        assert_eq!(s[id], "pass", "{id}: {report:#}");
    }
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn an_unreachable_api_server_is_an_error_at_once_not_a_hang() {
    let sb = Sandbox::new();
    let api = KubeApi::start();
    let path = sb.path(".kube/config");
    api.kubeconfig(&path, "gone", "gone");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace(&api.url(), &refused_url());
    std::fs::write(&path, text).unwrap();
    let started = Instant::now();
    let out = sb
        .otelctl()
        .args([
            "doctor",
            "--only",
            "kube.api,kube.nodes,kube.pods",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    let report = crate::harness::json(&out);
    let s = statuses(&report);
    assert_eq!(s["kube.api"], "error", "{report:#}");
    assert_eq!(s["kube.nodes"], "skip");
    assert!(
        check(&report, "kube.api")["remediation"]
            .as_str()
            .unwrap()
            .contains("reachable")
    );
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");

    // A server that accepts and never answers: the check's timeout ends it.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    api.kubeconfig(&path, "silent", "silent");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace(&api.url(), &url);
    std::fs::write(&path, text).unwrap();
    let started = Instant::now();
    let out = sb
        .otelctl()
        .args([
            "doctor",
            "--only",
            "kube.api",
            "--timeout",
            "2s",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    let report = crate::harness::json(&out);
    assert_eq!(check(&report, "kube.api")["summary"], "no answer within 2s");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn strict_counts_warnings_and_selection_filters_checks() {
    let sb = Sandbox::new();
    let helm = sb.write("bin/helm", "#!/bin/sh\necho v3.16.2\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&helm, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let run = |args: &[&str]| {
        sb.otelctl()
            .env("PATH", sb.path("bin"))
            .args(["doctor", "--only", "tools."])
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["-o", "json"]);
    let report = crate::harness::json(&out);
    assert_eq!(report["checks"].as_array().unwrap().len(), 4);
    assert_eq!(statuses(&report)["tools.helm"], "pass");
    assert_eq!(statuses(&report)["tools.docker"], "warn");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(run(&["--strict"]).status.code(), Some(1));
    let skipped = crate::harness::json(&run(&[
        "--skip",
        "tools.docker,tools.kubectl",
        "-o",
        "json",
    ]));
    assert_eq!(
        statuses(&skipped).keys().collect::<Vec<_>>(),
        ["tools.helm", "tools.terraform"]
    );
    // Human output: grouped, with the summary line and the fix for each problem.
    let human = String::from_utf8(run(&[]).stdout).unwrap();
    assert!(human.starts_with("Tools\n"), "{human}");
    assert!(human.contains("fix: install Docker"), "{human}");
    assert!(
        human.ends_with("4 checks: 1 pass, 3 warn, 0 fail, 0 error, 0 skipped\n"),
        "{human}"
    );
}

#[test]
fn bad_selections_and_formats_are_usage_errors() {
    let sb = Sandbox::new();
    let out = sb
        .otelctl()
        .args(["doctor", "--only", "cnii."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no check matches `cnii.`"));
    let out = sb
        .otelctl()
        .args(["whoami", "-o", "junit"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o junit is for `otelctl doctor`"));
    let out = sb
        .otelctl()
        .args(["doctor", "--list", "-o", "json"])
        .output()
        .unwrap();
    let list = crate::harness::json(&out);
    assert_eq!(list["checks"].as_array().unwrap().len(), ALL);
    assert_eq!(
        list["checks"][5],
        json!({"id": "eks.cluster", "title": "the EKS cluster is ACTIVE", "needs": ["aws.identity"]})
    );
}

#[test]
fn the_collector_endpoint_of_the_runbook_resolves() {
    // The seed's `--set otel.collectorEndpoint=` value, without a scheme, is accepted too.
    let api = KubeApi::start();
    let sb = Sandbox::new();
    api.kubeconfig(&sb.path(".kube/config"), "c", "c");
    api.add(service("opentelemetry", "otel-collector", &[4317, 4318]));
    api.add(slice("opentelemetry", "otel-collector", true));
    let bare = COLLECTOR_ENDPOINT.trim_start_matches("http://");
    api.add(deployment(
        "app",
        "flask-hello",
        "x",
        &[("OTEL_EXPORTER_OTLP_ENDPOINT", bare)],
        1,
    ));
    api.add(aws_node(&[]));
    let out = sb
        .otelctl()
        .args(["doctor", "--only", "otel.app-endpoint", "-o", "json"])
        .output()
        .unwrap();
    let report = crate::harness::json(&out);
    assert_eq!(statuses(&report)["otel.app-endpoint"], "pass", "{report:#}");
    assert_eq!(
        check(&report, "otel.app-endpoint")["summary"],
        "flask-hello → opentelemetry/otel-collector:4317"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn unusable_credentials_error_identity_and_skip_everything_that_needs_aws() {
    let sb = Sandbox::new();
    let out = sb
        .otelctl()
        .env("AWS_ENDPOINT_URL", refused_url())
        .args([
            "doctor",
            "--cluster",
            "c",
            "--only",
            "aws.,eks.,iam.",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    let report = crate::harness::json(&out);
    let s = statuses(&report);
    assert_eq!(s["aws.identity"], "error", "{report:#}");
    for id in [
        "eks.cluster",
        "eks.version",
        "iam.oidc-provider",
        "iam.alb-controller-role",
    ] {
        assert_eq!(s[id], "skip", "{id}");
    }
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_collector_without_ready_endpoints_fails_and_the_app_check_waits_for_it() {
    let api = KubeApi::start();
    let sb = Sandbox::new();
    api.kubeconfig(&sb.path(".kube/config"), "c", "c");
    api.add(service("opentelemetry", "otel-collector", &[4317, 4318]));
    api.add(slice("opentelemetry", "otel-collector", false));
    api.add(deployment(
        "app",
        "otel-demo",
        "x",
        &[("OTEL_EXPORTER_OTLP_ENDPOINT", COLLECTOR_ENDPOINT)],
        1,
    ));
    let out = sb
        .otelctl()
        .args(["doctor", "--only", "otel.", "-o", "json"])
        .output()
        .unwrap();
    let report = crate::harness::json(&out);
    let s = statuses(&report);
    assert_eq!(s["otel.collector"], "fail", "{report:#}");
    assert!(summary(&report, "otel.collector").contains("no ready endpoints"));
    assert_eq!(s["otel.app-endpoint"], "skip");
    assert_eq!(s["otel.jaeger"], "fail");
    assert_eq!(out.status.code(), Some(1));
}
