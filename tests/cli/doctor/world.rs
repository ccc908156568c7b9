//! A whole runbook deployment for doctor to look at: AWS in moto (VPC, subnets, an EKS
//! cluster and node group, the IAM OIDC provider and ALB role made by otelctl itself, an
//! image in ECR), the cluster's objects in the fake API server, and fake tools on PATH.
//!
//! `World::healthy` is what the runbook leaves behind when every step worked; tests break
//! one thing at a time, or many, and read doctor's verdicts.

use std::io::Write;

use base64::Engine;
use serde_json::{Value, json};

use crate::harness::kubeapi::KubeApi;
use crate::harness::{ACCOUNT, Sandbox, moto, unique};

pub const THUMBPRINT: &str = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";
pub const COLLECTOR_ENDPOINT: &str = "http://otel-collector.opentelemetry.svc.cluster.local:4317";

pub struct World {
    pub sb: Sandbox,
    pub kube: KubeApi,
    pub region: &'static str,
    pub cluster: String,
    pub arn: String,
    pub role: String,
    pub repository: String,
    /// (subnet id, CIDR) of the cluster's two subnets.
    pub subnets: Vec<(String, String)>,
}

fn run<T, E: std::fmt::Debug>(what: &str, f: impl std::future::Future<Output = Result<T, E>>) -> T {
    moto()
        .block_on(f)
        .unwrap_or_else(|e| panic!("{what}: {e:?}"))
}

impl World {
    /// Everything in place, in `region` (one region per world: moto gives every cluster of a
    /// region the same OIDC issuer).
    pub fn healthy(region: &'static str) -> World {
        let world = World::aws_only(region, "1.34", "10.0.1.0/24", true);
        world.seed_kube();
        world
    }

    /// The AWS side only: VPC, two public subnets, cluster and node group, ECR, and with
    /// `iam` the OIDC provider and ALB role.
    pub fn aws_only(region: &'static str, version: &str, first_cidr: &str, iam: bool) -> World {
        let sb = Sandbox::new();
        let ec2 = moto().ec2(region);
        let vpc = run(
            "create VPC",
            ec2.create_vpc().cidr_block("10.0.0.0/16").send(),
        )
        .vpc
        .and_then(|v| v.vpc_id)
        .unwrap();
        let mut subnets = Vec::new();
        for (cidr, az) in [(first_cidr, "a"), ("10.0.2.0/24", "b")] {
            let id = run(
                "create subnet",
                ec2.create_subnet()
                    .vpc_id(&vpc)
                    .cidr_block(cidr)
                    .availability_zone(format!("{region}{az}"))
                    .send(),
            )
            .subnet
            .and_then(|s| s.subnet_id)
            .unwrap();
            let tag = aws_sdk_ec2::types::Tag::builder()
                .key("kubernetes.io/role/elb")
                .value("1")
                .build();
            run(
                "tag subnet",
                ec2.create_tags().resources(&id).tags(tag).send(),
            );
            subnets.push((id, cidr.to_owned()));
        }
        let cluster = unique("doc");
        let eks = moto().eks(region);
        let ids: Vec<String> = subnets.iter().map(|(id, _)| id.clone()).collect();
        let vpc_config = aws_sdk_eks::types::VpcConfigRequest::builder()
            .set_subnet_ids(Some(ids.clone()))
            .build();
        let arn = run(
            "create cluster",
            eks.create_cluster()
                .name(&cluster)
                .version(version)
                .role_arn(format!("arn:aws:iam::{ACCOUNT}:role/eks-cluster"))
                .resources_vpc_config(vpc_config)
                .send(),
        )
        .cluster
        .and_then(|c| c.arn)
        .unwrap();
        run(
            "create node group",
            eks.create_nodegroup()
                .cluster_name(&cluster)
                .nodegroup_name("default")
                .set_subnets(Some(ids))
                .node_role(format!("arn:aws:iam::{ACCOUNT}:role/eks-node"))
                .send(),
        );
        let repository = unique("doc-repo");
        let ecr = moto().ecr_in(region);
        run(
            "create repository",
            ecr.create_repository().repository_name(&repository).send(),
        );
        let manifest = json!({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": 2,
                       "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},
            "layers": []});
        run(
            "put image",
            ecr.put_image()
                .repository_name(&repository)
                .image_tag("v1")
                .image_manifest(manifest.to_string())
                .send(),
        );
        let role = unique("doc-alb");
        sb.write(
            "otelctl.toml",
            &format!("cluster = \"{cluster}\"\nrepository = \"{repository}\"\n"),
        );
        let world = World {
            sb,
            kube: KubeApi::start(),
            region,
            cluster,
            arn,
            role,
            repository,
            subnets,
        };
        if iam {
            world.otelctl_ok(&["iam", "oidc", "--create", "--thumbprint", THUMBPRINT]);
            world.otelctl_ok(&["iam", "alb-role", "--create", "--role-name", &world.role]);
        }
        world.tools(&["helm", "kubectl", "docker", "terraform"]);
        world.terraform_state(&[
            "module.eks.aws_eks_cluster.this",
            "module.ecr.aws_ecr_repository.this",
            "module.irsa.aws_iam_role.alb_controller",
        ]);
        world
            .kube
            .kubeconfig(&world.sb.path(".kube/config"), "eks", &world.arn);
        world
    }

    fn otelctl_ok(&self, args: &[&str]) {
        let out = self
            .sb
            .otelctl()
            .args(args)
            .args(["--region", self.region])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "otelctl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Fake tools in `bin/`, the only directory on doctor's PATH.
    pub fn tools(&self, names: &[&str]) {
        let versions = [
            ("helm", "v3.16.2+g13654a5"),
            ("kubectl", "Client Version: v1.31.0"),
            ("docker", "27.3.1"),
        ];
        for name in names {
            if *name == "terraform" {
                continue;
            }
            let version = versions
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| *v)
                .unwrap();
            self.script(name, &format!("echo '{version}'\n"));
        }
    }

    /// Removes a fake tool.
    pub fn remove_tool(&self, name: &str) {
        let _ = std::fs::remove_file(self.sb.path(&format!("bin/{name}")));
    }

    /// A fake terraform whose state holds `addresses`, and a terraform/ directory.
    pub fn terraform_state(&self, addresses: &[&str]) {
        self.sb.write("terraform/main.tf", "# the root module\n");
        let lines: String = addresses.iter().map(|a| format!(" '{a}'")).collect();
        self.script(
            "terraform",
            &format!(
                "case \"$1\" in\n  version) echo 'Terraform v1.11.4';;\n  state) printf '%s\\n'{lines};;\nesac\n"
            ),
        );
    }

    fn script(&self, name: &str, body: &str) {
        let path = self
            .sb
            .write(&format!("bin/{name}"), &format!("#!/bin/sh\n{body}"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }

    pub fn role_arn(&self) -> String {
        format!("arn:aws:iam::{ACCOUNT}:role/{}", self.role)
    }

    pub fn image(&self, tag: &str) -> String {
        format!(
            "{ACCOUNT}.dkr.ecr.{}.amazonaws.com/{}:{tag}",
            self.region, self.repository
        )
    }

    /// What a healthy cluster holds after the runbook.
    pub fn seed_kube(&self) {
        let k = &self.kube;
        k.set_version("1", "34", "v1.34.1-eks-1");
        k.add_group("metrics.k8s.io", "v1beta1");
        k.add(node("node-a", "10.0.1.10", "m5.large", true));
        k.add(node("node-b", "10.0.2.10", "m5.large", true));
        for (ns, name, node) in [
            ("app", "otel-demo-7d9c-1", "node-a"),
            ("opentelemetry", "otel-collector-5f7-1", "node-a"),
            ("jaeger", "jaeger-0", "node-b"),
            ("kube-system", "aws-node-x1", "node-a"),
            ("kube-system", "aws-load-balancer-controller-1", "node-b"),
        ] {
            k.add(running_pod(ns, name, node));
        }
        k.add(aws_node(&[("WARM_ENI_TARGET", "1")]));
        k.add(deployment(
            "kube-system",
            "aws-load-balancer-controller",
            "public.ecr.aws/eks/aws-load-balancer-controller:v2.13.0",
            &[],
            2,
        ));
        k.add(service_account(
            "kube-system",
            "aws-load-balancer-controller",
            Some(&self.role_arn()),
        ));
        k.add(deployment(
            "app",
            "otel-demo",
            &self.image("v1"),
            &[("OTEL_EXPORTER_OTLP_ENDPOINT", COLLECTOR_ENDPOINT)],
            1,
        ));
        k.add(service(
            "opentelemetry",
            "otel-collector",
            &[4317, 4318, 13133],
        ));
        k.add(slice("opentelemetry", "otel-collector", true));
        k.add(service("jaeger", "jaeger", &[16686, 4317, 4318]));
        k.add(slice("jaeger", "jaeger", true));
        k.add(json!({"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": "otel-demo", "namespace": "app"},
            "spec": {"minReplicas": 2, "maxReplicas": 6,
                     "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "otel-demo"}}}));
        k.add(
            json!({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
            "metadata": {"name": "otel-demo", "namespace": "app",
                         "annotations": {"alb.ingress.kubernetes.io/scheme": "internet-facing"}},
            "spec": {"ingressClassName": "alb"}}),
        );
        for (ns, name, chart) in [
            ("app", "otel-demo", "otel-demo"),
            ("jaeger", "jaeger", "jaeger"),
            ("opentelemetry", "otel-collector", "opentelemetry-collector"),
            (
                "kube-system",
                "aws-load-balancer-controller",
                "aws-load-balancer-controller",
            ),
        ] {
            k.add(helm_secret(ns, name, chart, 1, "deployed"));
        }
    }

    /// `otelctl doctor -o json` with fake tools only on PATH; returns (exit code, report).
    pub fn doctor(&self, extra: &[&str]) -> (i32, Value) {
        let out = self.doctor_raw(&[&["-o", "json"], extra].concat());
        let code = out.status.code().unwrap_or(-1);
        (code, crate::harness::json(&out))
    }

    pub fn doctor_raw(&self, args: &[&str]) -> std::process::Output {
        self.sb
            .otelctl()
            .env("PATH", self.sb.path("bin"))
            .args([
                "doctor",
                "--region",
                self.region,
                "--alb-role-name",
                &self.role,
            ])
            .args(args)
            .output()
            .unwrap()
    }
}

/// The status of each check in a JSON report, by id.
pub fn statuses(report: &Value) -> std::collections::BTreeMap<String, String> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_owned(),
                c["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// One check of a JSON report.
pub fn check<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id} in {report:#}"))
}

/// One check's one-line summary.
pub fn summary<'a>(report: &'a Value, id: &str) -> &'a str {
    check(report, id)["summary"].as_str().unwrap_or_default()
}

pub fn node(name: &str, ip: &str, instance_type: &str, ready: bool) -> Value {
    json!({"apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": {"node.kubernetes.io/instance-type": instance_type}},
        "status": {"addresses": [{"type": "InternalIP", "address": ip}],
                   "conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" }}]}})
}

pub fn running_pod(ns: &str, name: &str, node: &str) -> Value {
    json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": ns},
        "spec": {"nodeName": node, "containers": [{"name": "main", "image": "x"}]},
        "status": {"phase": "Running", "containerStatuses": [{"name": "main", "ready": true, "restartCount": 0,
            "image": "x", "imageID": "", "state": {"running": {}}}]}})
}

pub fn aws_node(env: &[(&str, &str)]) -> Value {
    let env: Vec<Value> = env
        .iter()
        .map(|(k, v)| json!({"name": k, "value": v}))
        .collect();
    json!({"apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": {"name": "aws-node", "namespace": "kube-system"},
        "spec": {"selector": {"matchLabels": {"k8s-app": "aws-node"}},
                 "template": {"spec": {"containers": [{"name": "aws-node", "env": env}]}}}})
}

pub fn deployment(ns: &str, name: &str, image: &str, env: &[(&str, &str)], ready: i32) -> Value {
    let env: Vec<Value> = env
        .iter()
        .map(|(k, v)| json!({"name": k, "value": v}))
        .collect();
    json!({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "namespace": ns},
        "spec": {"replicas": ready.max(1), "selector": {"matchLabels": {"app": name}},
                 "template": {"spec": {"serviceAccountName": name,
                                       "containers": [{"name": "main", "image": image, "env": env}]}}},
        "status": {"replicas": ready.max(1), "readyReplicas": ready}})
}

pub fn service_account(ns: &str, name: &str, role: Option<&str>) -> Value {
    let annotations = role
        .map(|r| json!({"eks.amazonaws.com/role-arn": r}))
        .unwrap_or(json!({}));
    json!({"apiVersion": "v1", "kind": "ServiceAccount",
        "metadata": {"name": name, "namespace": ns, "annotations": annotations}})
}

pub fn service(ns: &str, name: &str, ports: &[i32]) -> Value {
    let ports: Vec<Value> = ports
        .iter()
        .map(|p| json!({"name": format!("p{p}"), "port": p}))
        .collect();
    json!({"apiVersion": "v1", "kind": "Service",
        "metadata": {"name": name, "namespace": ns}, "spec": {"ports": ports}})
}

pub fn slice(ns: &str, service: &str, ready: bool) -> Value {
    json!({"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
        "metadata": {"name": format!("{service}-abcde"), "namespace": ns,
                     "labels": {"kubernetes.io/service-name": service}},
        "addressType": "IPv4",
        "endpoints": [{"addresses": ["10.0.1.50"], "conditions": {"ready": ready}}]})
}

/// A Helm release Secret exactly as Helm stores it: JSON, gzip, base64 (and the API's own
/// base64 of Secret data on top).
pub fn helm_secret(ns: &str, name: &str, chart: &str, revision: u32, status: &str) -> Value {
    let record = json!({"name": name, "namespace": ns, "version": revision, "info": {"status": status},
        "chart": {"metadata": {"name": chart, "version": "1.2.3", "appVersion": "4.5.6"}}});
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(record.to_string().as_bytes()).unwrap();
    let b64 = base64::engine::general_purpose::STANDARD;
    let helm_text = b64.encode(gz.finish().unwrap());
    json!({"apiVersion": "v1", "kind": "Secret", "type": "helm.sh/release.v1",
        "metadata": {"name": format!("sh.helm.release.v1.{name}.v{revision}"), "namespace": ns,
                     "labels": {"owner": "helm", "name": name, "status": status, "version": revision.to_string()}},
        "data": {"release": b64.encode(helm_text)}})
}
