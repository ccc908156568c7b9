//! `otelctl bootstrap` end to end against the stand-ins: moto (STS, EKS, IAM, ECR), the
//! real registry (image push), the fake API server (kubeconfig target, release Secrets,
//! rollouts, port-forwards), a fake helm that installs what a chart would, and for the
//! verification a real `otelctl serve` (the app's pod) exporting to a real `otelctl traces`
//! (Jaeger's pod), reached through port-forwards.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::harness::fake_helm::FakeHelm;
use crate::harness::kubeapi::KubeApi;
use crate::harness::registry::registry;
use crate::harness::served::Served;
use crate::harness::{Sandbox, moto, unique};
use crate::image::{AMD64, write_binary};

const THUMBPRINT: &str = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

struct Setup {
    sb: Sandbox,
    kube: KubeApi,
    helm: FakeHelm,
    region: &'static str,
    cluster: String,
    repository: String,
    role: String,
    _traces: crate::traces::Traces,
    _app: Served,
}

/// A new account (per region): a cluster with a subnet, nothing else; a kubeconfig whose
/// `fake` context reaches the fake API server; the pods' stand-ins running.
fn setup(region: &'static str) -> Setup {
    let cluster = unique("boot");
    moto().cluster_in_vpc(region, &cluster, "1.34", 7);
    let sb = Sandbox::new();
    let repository = unique("boot-repo");
    sb.write(
        "otelctl.toml",
        &format!("cluster = \"{cluster}\"\nrepository = \"{repository}\"\n"),
    );
    write_binary(
        &sb,
        "dist/otelctl",
        AMD64,
        format!("otelctl for {cluster}").as_bytes(),
    );

    let kube = KubeApi::start();
    kube.allow_anonymous();
    kube.kubeconfig(&sb.path(".kube/config"), "fake", "fake");
    let helm = FakeHelm::install(&sb);
    // What each chart leaves behind, for the fake helm to create.
    let ready = |ns: &str, name: &str, release: &str| deployment(ns, name, release);
    let objects: BTreeMap<&str, Value> = [
        (
            "aws-load-balancer-controller",
            json!([ready(
                "kube-system",
                "aws-load-balancer-controller",
                "aws-load-balancer-controller"
            )]),
        ),
        (
            "jaeger",
            json!([
                ready("jaeger", "jaeger", "jaeger"),
                service("jaeger", "jaeger", "jaeger", 16686, 16686),
                pod("jaeger", "jaeger-0", "jaeger", 16686)
            ]),
        ),
        (
            "otel-collector",
            json!([ready("opentelemetry", "otel-collector", "otel-collector")]),
        ),
        (
            "otel-demo",
            json!([
                ready("app", "otel-demo", "otel-demo"),
                service("app", "otel-demo", "otel-demo", 80, 8080),
                pod("app", "otel-demo-0", "otel-demo", 8080)
            ]),
        ),
    ]
    .into_iter()
    .collect();
    for (release, list) in &objects {
        sb.write(&format!("charts/{release}.json"), &list.to_string());
    }
    // The pods' stand-ins: the app exporting straight to a trace store with a Jaeger API.
    let traces = crate::traces::start(&sb, &[]);
    let app = traces.serve_into(&sb);
    kube.forward_port("app", "otel-demo-0", 8080, app.addr);
    kube.forward_port("jaeger", "jaeger-0", 16686, traces.api);
    Setup {
        sb,
        kube,
        helm,
        region,
        cluster,
        repository,
        role: unique("boot-alb"),
        _traces: traces,
        _app: app,
    }
}

impl Setup {
    fn bootstrap(&self, extra: &[&str], env: &[(&str, &str)]) -> std::process::Output {
        self.sb
            .otelctl()
            .envs(self.helm.env())
            .env("FAKE_HELM_KUBE", self.kube.url())
            .env("FAKE_HELM_OBJECTS", self.sb.path("charts"))
            .envs(env.iter().copied())
            .args(["bootstrap", "--region", self.region, "--context", "fake"])
            .args(["--registry", &registry().host, "--plain-http"])
            .args([
                "--thumbprint",
                THUMBPRINT,
                "--alb-role-name",
                &self.role,
                "--image-tag",
                "v1",
            ])
            .arg("--binary")
            .arg(self.sb.path("dist/otelctl"))
            .args(["--verify-timeout", "20s", "-o", "json"])
            .args(extra)
            .output()
            .unwrap()
    }
}

/// The final event of each step, from the JSON event stream.
fn outcomes(out: &std::process::Output) -> Vec<(String, String, String)> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .filter(|e| e["event"] != "start")
        .map(|e| {
            (
                e["step"].as_str().unwrap().to_owned(),
                e["event"].as_str().unwrap().to_owned(),
                e["detail"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn events(out: &std::process::Output) -> Vec<(String, String)> {
    outcomes(out).into_iter().map(|(s, e, _)| (s, e)).collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn a_fresh_run_does_every_step_and_a_second_run_skips_them() {
    let s = setup("ap-northeast-2");
    let first = s.bootstrap(&["--yes"], &[]);
    assert!(
        first.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&first.stdout),
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(
        events(&first),
        pairs(&[
            ("identity", "skipped"),
            ("ecr", "done"),
            ("image", "done"),
            ("kubeconfig", "done"),
            ("oidc", "done"),
            ("alb-role", "done"),
            ("alb-controller", "done"),
            ("jaeger", "done"),
            ("collector", "done"),
            ("app", "done"),
            ("rollout", "skipped"),
            ("verify", "done"),
        ])
    );
    let verify = outcomes(&first).pop().unwrap().2;
    assert!(verify.starts_with("5 of 5 traces in Jaeger "), "{verify}");
    // What the steps did, seen from outside.
    assert_eq!(
        registry()
            .requests(&s.repository)
            .iter()
            .filter(|r| r.method == "PUT" && r.path.contains("/manifests/v1"))
            .count(),
        1
    );
    let releases: Vec<String> = s
        .helm
        .argvs()
        .into_iter()
        .filter(|a| a.starts_with("upgrade"))
        .map(|a| a.split(' ').nth(2).unwrap().to_owned())
        .collect();
    assert_eq!(
        releases,
        [
            "aws-load-balancer-controller",
            "jaeger",
            "otel-collector",
            "otel-demo"
        ]
    );
    let kubeconfig = std::fs::read_to_string(s.sb.path(".kube/config")).unwrap();
    assert!(
        kubeconfig.contains(&format!("cluster/{}", s.cluster)),
        "{kubeconfig}"
    );

    let second = s.bootstrap(&[], &[]);
    assert!(
        second.status.success(),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    let again = outcomes(&second);
    assert_eq!(again.len(), 12);
    assert!(again.iter().all(|(_, e, _)| e == "skipped"), "{again:?}");
    // The first run's verification traces are in Jaeger: found, not sent again.
    assert!(
        again[11]
            .2
            .starts_with("a verification trace from the last hour"),
        "{again:?}"
    );
    let remeasured = s.bootstrap(&["--only", "verify", "--reverify"], &[]);
    assert!(
        remeasured.status.success(),
        "{}",
        String::from_utf8_lossy(&remeasured.stderr)
    );
    assert_eq!(events(&remeasured), pairs(&[("verify", "done")]));
    assert_eq!(
        s.helm
            .argvs()
            .iter()
            .filter(|a| a.starts_with("upgrade"))
            .count(),
        4,
        "no helm run the second time"
    );
}

#[test]
fn a_run_stopped_at_a_step_resumes_there() {
    let s = setup("ap-northeast-3");
    let failed = s.bootstrap(&["--yes"], &[("FAKE_HELM_FAIL", "otel-collector")]);
    assert_eq!(failed.status.code(), Some(1));
    let first = events(&failed);
    assert_eq!(
        first.last().unwrap(),
        &("collector".to_owned(), "failed".to_owned()),
        "{:?}",
        outcomes(&failed)
    );
    assert_eq!(
        first.iter().filter(|(_, e)| e == "done").count(),
        7,
        "{first:?}"
    );
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains("bootstrap stopped at step `collector`"),
        "{stderr}"
    );
    assert!(stderr.contains("context deadline exceeded"), "{stderr}");
    let line: Value = String::from_utf8_lossy(&failed.stdout)
        .lines()
        .last()
        .map(|l| serde_json::from_str(l).unwrap())
        .unwrap();
    assert!(
        line["remediation"]
            .as_str()
            .unwrap()
            .contains("otelctl doctor"),
        "{line}"
    );

    let resumed = s.bootstrap(&["--yes"], &[]);
    assert!(
        resumed.status.success(),
        "{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    let second = events(&resumed);
    let first_done = second.iter().position(|(_, e)| e == "done").unwrap();
    assert_eq!(second[first_done].0, "collector", "{second:?}");
    assert!(
        second[..first_done].iter().all(|(_, e)| e == "skipped"),
        "{second:?}"
    );
}

#[test]
fn dry_run_shows_the_plan_and_changes_nothing() {
    let s = setup("ap-southeast-1");
    let before = std::fs::read_to_string(s.sb.path(".kube/config")).unwrap();
    let out = s.bootstrap(&["--dry-run"], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plan = events(&out);
    assert_eq!(plan[0], ("identity".to_owned(), "skipped".to_owned()));
    for step in ["ecr", "image", "kubeconfig", "oidc", "alb-role"] {
        assert!(
            plan.contains(&(step.to_owned(), "would-change".to_owned())),
            "{step}: {plan:?}"
        );
    }
    let ecr = moto().ecr_in(s.region);
    let repo = moto().block_on(
        ecr.describe_repositories()
            .repository_names(&s.repository)
            .send(),
    );
    assert!(repo.is_err(), "no repository was created");
    assert!(s.helm.calls().is_empty(), "{:?}", s.helm.argvs());
    assert!(registry().requests(&s.repository).is_empty());
    assert_eq!(
        std::fs::read_to_string(s.sb.path(".kube/config")).unwrap(),
        before
    );
    let role = moto().block_on(moto().iam().get_role().role_name(&s.role).send());
    assert!(role.is_err(), "no role was created");
}

#[test]
fn changes_need_yes_without_a_terminal_and_steps_are_checked() {
    let s = setup("eu-south-1");
    let out = s.bootstrap(&[], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pass --yes"));
    let ecr = moto().ecr_in(s.region);
    assert!(
        moto()
            .block_on(
                ecr.describe_repositories()
                    .repository_names(&s.repository)
                    .send()
            )
            .is_err()
    );

    // With --terraform, infra comes second and is satisfied by an ACTIVE cluster.
    s.sb.write("terraform/main.tf", "# root module\n");
    let infra = s.bootstrap(
        &["--only", "infra,identity", "--terraform", "terraform"],
        &[],
    );
    assert!(
        infra.status.success(),
        "{}",
        String::from_utf8_lossy(&infra.stderr)
    );
    let seen = outcomes(&infra);
    assert_eq!(seen[1].0, "infra");
    assert_eq!(
        (seen[1].1.as_str(), seen[1].2.as_str()),
        (
            "skipped",
            format!("cluster {} is ACTIVE", s.cluster).as_str()
        )
    );

    // A dry run on an account without the cluster yet still shows the whole plan.
    let fresh = s.bootstrap(
        &[
            "--dry-run",
            "--terraform",
            "terraform",
            "--cluster",
            "not-yet",
        ],
        &[],
    );
    assert!(
        fresh.status.success(),
        "{}",
        String::from_utf8_lossy(&fresh.stderr)
    );
    let plan = outcomes(&fresh);
    assert_eq!(
        (plan[1].0.as_str(), plan[1].1.as_str()),
        ("infra", "would-change")
    );
    let kubeconfig = plan
        .iter()
        .find(|(step, _, _)| step == "kubeconfig")
        .unwrap();
    assert_eq!(kubeconfig.1, "would-change");
    assert!(
        kubeconfig.2.starts_with("checked after infra has run"),
        "{kubeconfig:?}"
    );
    assert_eq!(plan.len(), 13, "every step reported: {plan:?}");

    let unknown = s.bootstrap(&["--only", "imgae"], &[]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no step is named `imgae`"));
}

/// A deployment of a release, rolled out.
fn deployment(ns: &str, name: &str, release: &str) -> Value {
    json!({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "namespace": ns, "generation": 1,
                     "labels": {"app.kubernetes.io/instance": release}},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app.kubernetes.io/instance": release}}, "template": {}},
        "status": {"observedGeneration": 1, "replicas": 1, "updatedReplicas": 1, "readyReplicas": 1, "availableReplicas": 1}})
}

fn service(ns: &str, name: &str, release: &str, port: u16, target: u16) -> Value {
    json!({"apiVersion": "v1", "kind": "Service",
        "metadata": {"name": name, "namespace": ns, "labels": {"app.kubernetes.io/instance": release}},
        "spec": {"selector": {"app.kubernetes.io/instance": release}, "clusterIP": "10.100.0.20",
                 "ports": [{"name": "http", "port": port, "targetPort": target}]}})
}

/// A running, ready pod of a release listening on `port`.
fn pod(ns: &str, name: &str, release: &str, port: u16) -> Value {
    json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": ns, "labels": {"app.kubernetes.io/instance": release}},
        "spec": {"containers": [{"name": "main", "image": "x", "ports": [{"containerPort": port}]}]},
        "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}})
}
