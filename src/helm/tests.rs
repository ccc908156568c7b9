use super::*;

fn facts() -> Facts {
    Facts {
        cluster: Some("otel-dev".into()),
        region: Some("us-east-1".into()),
        vpc_id: Some("vpc-1".into()),
        alb_role_arn: Some(
            "arn:aws:iam::123456789012:role/AmazonEKSLoadBalancerControllerRole".into(),
        ),
        image_repository: Some("123456789012.dkr.ecr.us-east-1.amazonaws.com/otel-demo".into()),
        image_tag: Some("1.0".into()),
    }
}

fn ns() -> Namespaces {
    Namespaces {
        app: "app".into(),
        collector: "opentelemetry".into(),
        jaeger: "jaeger".into(),
    }
}

fn pin(target: &str) -> Pin {
    pins().into_iter().find(|p| p.target == target).unwrap()
}

#[test]
fn pins_are_in_install_order_with_their_values_embedded() {
    let targets: Vec<String> = pins().into_iter().map(|p| p.target).collect();
    assert_eq!(targets, ["alb-controller", "jaeger", "collector", "app"]);
    for p in pins().iter().filter(|p| !p.embedded()) {
        assert!(
            values_file(p).is_some(),
            "{} has no embedded values",
            p.target
        );
        assert!(
            p.version.chars().all(|c| c.is_ascii_digit() || c == '.'),
            "{}",
            p.version
        );
    }
    assert!(pin("app").embedded());
}

#[test]
fn every_file_of_the_app_chart_is_embedded() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/charts/otel-demo");
    let mut on_disk = Vec::new();
    for dir in [root.clone(), root.join("templates")] {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            if entry.path().is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(&root)
                    .unwrap()
                    .display()
                    .to_string();
                on_disk.push(rel);
            }
        }
    }
    on_disk.sort();
    let mut embedded: Vec<String> = APP_CHART.iter().map(|(n, _)| (*n).to_owned()).collect();
    embedded.sort();
    assert_eq!(embedded, on_disk);
    let dir = tempfile::tempdir().unwrap();
    let chart = write_app_chart(dir.path()).unwrap();
    assert!(chart.join("templates/deployment.yaml").is_file());
}

#[test]
fn the_controller_and_the_app_get_what_they_need_from_aws() {
    let alb = required_values(&pin("alb-controller"), &facts(), &ns()).unwrap();
    assert_eq!(
        alb,
        [
            "--set",
            "clusterName=otel-dev",
            "--set",
            "region=us-east-1",
            "--set",
            "vpcId=vpc-1",
            "--set",
            r"serviceAccount.annotations.eks\.amazonaws\.com/role-arn=arn:aws:iam::123456789012:role/AmazonEKSLoadBalancerControllerRole",
        ]
    );
    let app = required_values(&pin("app"), &facts(), &ns()).unwrap();
    assert_eq!(
        app,
        [
            "--set",
            "image.repository=123456789012.dkr.ecr.us-east-1.amazonaws.com/otel-demo",
            "--set-string",
            "image.tag=1.0",
        ]
    );
    assert!(
        required_values(&pin("jaeger"), &Facts::default(), &ns())
            .unwrap()
            .is_empty()
    );
    let missing = required_values(
        &pin("alb-controller"),
        &Facts {
            vpc_id: None,
            ..facts()
        },
        &ns(),
    );
    assert!(matches!(
        missing,
        Err(PlanError::Missing {
            what: "the cluster's VPC",
            ..
        })
    ));
}

#[test]
fn upgrade_is_atomic_waits_and_lets_the_user_win() {
    let user = Overrides {
        set: vec!["replicaCount=3".into()],
        values: vec!["mine.yaml".into()],
        version: None,
        timeout: "5m".into(),
        kube: vec!["--kube-context".into(), "eks".into()],
    };
    let args = upgrade_args(
        &pin("jaeger"),
        "jaeger",
        "jaegertracing/jaeger",
        Some(Path::new("/tmp/v.yaml")),
        vec![],
        &user,
    );
    let text = args.join(" ");
    assert_eq!(
        text,
        "upgrade --install jaeger jaegertracing/jaeger --namespace jaeger --create-namespace --wait \
         --timeout 5m --atomic --version 4.11.1 --values /tmp/v.yaml --kube-context eks --values mine.yaml \
         --set replicaCount=3"
    );
    let pinned = Overrides {
        version: Some("4.12.0".into()),
        ..user
    };
    assert!(
        upgrade_args(&pin("jaeger"), "jaeger", "j/j", None, vec![], &pinned)
            .join(" ")
            .contains("--version 4.12.0")
    );
    // The embedded chart has no repository version to pin.
    assert!(
        !upgrade_args(&pin("app"), "app", "/tmp/otel-demo", None, vec![], &pinned)
            .contains(&"--version".to_owned())
    );
}

#[test]
fn versions_are_found_and_compared() {
    assert_eq!(version_in("v3.16.2+g13654a5\n").as_deref(), Some("3.16.2"));
    assert_eq!(
        version_in("Terraform v1.11.4\non linux_amd64").as_deref(),
        Some("1.11.4")
    );
    assert_eq!(
        version_in("Client Version: v1.31.0\nKustomize Version: v5.4.2").as_deref(),
        Some("1.31.0")
    );
    assert_eq!(version_in("27.3.1\n").as_deref(), Some("27.3.1"));
    assert_eq!(version_in("command not found"), None);
    assert_eq!(parse_minor("3.16.2"), Some((3, 16)));
    assert!(parse_minor("3.7.0").unwrap() < MIN_HELM);
    assert!(parse_minor("4.0.0").unwrap() > MIN_HELM);
}

#[test]
fn the_settings_namespaces_carry_into_the_releases_and_their_endpoints() {
    let custom = Namespaces {
        app: "shop".into(),
        collector: "otel".into(),
        jaeger: "tracing".into(),
    };
    assert_eq!(namespace(&pin("app"), &custom), "shop");
    assert_eq!(namespace(&pin("alb-controller"), &custom), "kube-system");
    let app = required_values(&pin("app"), &facts(), &custom)
        .unwrap()
        .join(" ");
    assert!(
        app.contains(
            "--set otel.collectorEndpoint=http://otel-collector.otel.svc.cluster.local:4317"
        ),
        "{app}"
    );
    let collector = required_values(&pin("collector"), &facts(), &custom)
        .unwrap()
        .join(" ");
    assert_eq!(
        collector,
        "--set config.exporters.otlp_grpc/jaeger.endpoint=jaeger.tracing.svc.cluster.local:4317"
    );
    assert!(
        required_values(&pin("collector"), &facts(), &ns())
            .unwrap()
            .is_empty()
    );
}
