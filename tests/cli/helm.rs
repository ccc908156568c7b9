//! `otelctl helm install` against a recording fake helm and moto: the command contract
//! (order, flags, pinned versions, embedded values, what comes from AWS), repo handling,
//! the version gate, failures and dry runs.

use serde_json::Value;

use crate::harness::fake_helm::FakeHelm;
use crate::harness::{ACCOUNT, Sandbox, json, moto, unique};

const REGION: &str = "ap-southeast-2";

/// A cluster with a subnet in a VPC, and the app's ECR repository: (cluster, vpc, repo uri).
fn aws() -> (String, String, String, String) {
    let cluster = unique("helm");
    let (vpc, _) = moto().cluster_in_vpc(REGION, &cluster, "1.34", 9);
    let repo = unique("helm-repo");
    let uri = moto()
        .block_on(
            moto()
                .ecr_in(REGION)
                .create_repository()
                .repository_name(&repo)
                .send(),
        )
        .unwrap()
        .repository
        .and_then(|r| r.repository_uri)
        .unwrap();
    (cluster, vpc, repo, uri)
}

/// A sandbox whose kubeconfig's current context is `eks-test` (helm is pointed at it).
fn sandbox() -> Sandbox {
    let sb = Sandbox::new();
    sb.write(
        ".kube/config",
        "apiVersion: v1\nkind: Config\ncurrent-context: eks-test\n\
         clusters: [{name: c, cluster: {server: 'https://127.0.0.1:6443'}}]\n\
         contexts: [{name: eks-test, context: {cluster: c, user: u}}]\n\
         users: [{name: u, user: {token: t}}]\n",
    );
    sb
}

fn otelctl(sb: &Sandbox, helm: &FakeHelm, args: &[&str]) -> std::process::Output {
    sb.otelctl()
        .envs(helm.env())
        .args(["helm", "install", "--region", REGION])
        .args(args)
        .output()
        .unwrap()
}

fn upgrade<'a>(calls: &'a [Value], release: &str) -> &'a Value {
    calls
        .iter()
        .find(|c| c["argv"][0] == "upgrade" && c["argv"][2] == release)
        .unwrap_or_else(|| panic!("no upgrade of {release}"))
}

fn argv(call: &Value) -> Vec<String> {
    call["argv"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn install_all_runs_the_pinned_releases_in_order_with_what_aws_knows() {
    let (cluster, vpc, repo, uri) = aws();
    let sb = sandbox();
    sb.write("otelctl.toml", &format!("repository = \"{repo}\"\n"));
    let helm = FakeHelm::install(&sb);
    let out = otelctl(
        &sb,
        &helm,
        &[
            "all",
            "--cluster",
            &cluster,
            "--image-tag",
            "v2",
            "-o",
            "json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let argvs = helm.argvs();
    let upgrades: Vec<&str> = argvs
        .iter()
        .filter(|a| a.starts_with("upgrade"))
        .map(|a| a.split(' ').nth(2).unwrap())
        .collect();
    assert_eq!(
        upgrades,
        [
            "aws-load-balancer-controller",
            "jaeger",
            "otel-collector",
            "otel-demo"
        ]
    );
    assert_eq!(argvs[0], "version --short");
    for (name, url) in [
        ("eks", "https://aws.github.io/eks-charts"),
        (
            "jaegertracing",
            "https://jaegertracing.github.io/helm-charts",
        ),
        (
            "open-telemetry",
            "https://open-telemetry.github.io/opentelemetry-helm-charts",
        ),
    ] {
        assert!(
            argvs.contains(&format!("repo add {name} {url} --force-update")),
            "{argvs:#?}"
        );
        assert!(argvs.contains(&format!("repo update {name}")), "{argvs:#?}");
    }

    let calls = helm.calls();
    let alb = argv(upgrade(&calls, "aws-load-balancer-controller"));
    let alb_text = alb.join(" ");
    assert!(alb_text.contains(" --kube-context eks-test"), "{alb_text}");
    assert!(alb_text.starts_with(
        "upgrade --install aws-load-balancer-controller eks/aws-load-balancer-controller --namespace kube-system \
         --create-namespace --wait --timeout 600s --atomic --version 3.5.0 --values "
    ), "{alb_text}");
    for set in [
        format!("clusterName={cluster}"),
        format!("region={REGION}"),
        format!("vpcId={vpc}"),
        format!(
            r"serviceAccount.annotations.eks\.amazonaws\.com/role-arn=arn:aws:iam::{ACCOUNT}:role/AmazonEKSLoadBalancerControllerRole"
        ),
    ] {
        assert!(
            alb.windows(2).any(|w| w[0] == "--set" && w[1] == set),
            "{set} in {alb_text}"
        );
    }
    // The embedded values file, as helm read it.
    let jaeger = upgrade(&calls, "jaeger");
    let values: Vec<&str> = jaeger["values"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(values, [include_str!("../../assets/values/jaeger.yaml")]);
    assert!(
        argv(jaeger)
            .join(" ")
            .contains("jaegertracing/jaeger --namespace jaeger")
    );

    let app = upgrade(&calls, "otel-demo");
    let app_argv = argv(app);
    assert!(
        app_argv
            .windows(2)
            .any(|w| w[0] == "--set" && w[1] == format!("image.repository={uri}")),
        "{app_argv:?}"
    );
    assert!(
        app_argv
            .windows(2)
            .any(|w| w[0] == "--set-string" && w[1] == "image.tag=v2"),
        "{app_argv:?}"
    );
    assert!(!app_argv.contains(&"--version".to_owned()));
    let files: Vec<&str> = app["chart_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(
        files.contains(&"Chart.yaml") && files.contains(&"templates/deployment.yaml"),
        "{files:?}"
    );

    let report = json(&out);
    let statuses: Vec<&str> = report["releases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["deployed"; 4]);
    assert_eq!(report["releases"][1]["version"], "4.11.1");

    // A second run finds the pinned versions in helm's cache: no repo add or update.
    let before = helm.argvs().len();
    let again = otelctl(&sb, &helm, &["jaeger"]);
    assert!(again.status.success());
    let second: Vec<String> = helm.argvs()[before..].to_vec();
    assert!(
        second
            .iter()
            .all(|a| !a.starts_with("repo add") && !a.starts_with("repo update")),
        "{second:#?}"
    );
    assert!(
        second
            .iter()
            .any(|a| a.starts_with("upgrade --install jaeger"))
    );
}

#[test]
fn user_values_and_sets_come_after_the_embedded_ones() {
    let sb = sandbox();
    let helm = FakeHelm::install(&sb);
    let mine = sb.write("mine.yaml", "replicaCount: 1\n");
    let out = otelctl(
        &sb,
        &helm,
        &[
            "collector",
            "--set",
            "mode=daemonset",
            "-f",
            mine.to_str().unwrap(),
            "--version",
            "0.171.0",
            "--timeout",
            "2m",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let calls = helm.calls();
    let a = argv(upgrade(&calls, "otel-collector")).join(" ");
    let embedded = a.find("collector-values.yaml").unwrap();
    assert!(a.find(mine.to_str().unwrap()).unwrap() > embedded, "{a}");
    assert!(a.ends_with("--set mode=daemonset"), "{a}");
    assert!(
        a.contains("--timeout 120s") && a.contains("--version 0.171.0"),
        "{a}"
    );
}

#[test]
fn dry_run_prints_the_commands_and_runs_no_helm() {
    let sb = sandbox();
    let helm = FakeHelm::install(&sb);
    let out = otelctl(&sb, &helm, &["jaeger", "--dry-run"]);
    assert!(out.status.success());
    assert!(helm.calls().is_empty(), "{:?}", helm.argvs());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "helm repo add jaegertracing https://jaegertracing.github.io/helm-charts --force-update"
    );
    assert_eq!(lines[1], "helm repo update jaegertracing");
    assert!(lines[2].starts_with("helm upgrade --install jaeger jaegertracing/jaeger --namespace jaeger --create-namespace --wait --timeout 600s --atomic --version 4.11.1 --values "), "{text}");
}

#[test]
fn helm_is_required_at_a_recent_version() {
    let sb = sandbox();
    let helm = FakeHelm::install(&sb);
    let old = sb
        .otelctl()
        .envs(helm.env())
        .env("FAKE_HELM_VERSION", "v3.7.2+g663a896")
        .args(["helm", "install", "jaeger"])
        .output()
        .unwrap();
    assert_eq!(old.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&old.stderr).contains("helm 3.7.2 is older than 3.8"));
    assert!(helm.argvs().iter().all(|a| !a.starts_with("upgrade")));

    let missing = sb
        .otelctl()
        .env("PATH", sb.path("nothing"))
        .args(["helm", "install", "jaeger"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("helm is not on PATH"));
}

#[test]
fn a_failed_release_stops_the_run_with_helms_words() {
    let sb = sandbox();
    let helm = FakeHelm::install(&sb);
    let out = sb
        .otelctl()
        .envs(helm.env())
        .env("FAKE_HELM_FAIL", "jaeger")
        .args(["helm", "install", "jaeger"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("installing jaeger into namespace jaeger failed"),
        "{stderr}"
    );
    assert!(stderr.contains("context deadline exceeded"), "{stderr}");
}

#[test]
fn sets_for_all_releases_at_once_are_refused() {
    let sb = sandbox();
    let out = sb
        .otelctl()
        .args(["helm", "install", "all", "--set", "image.tag=v2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("apply to one release"));
}
