//! `otelctl port-forward` through the fake API server's pods/portforward WebSocket to a real
//! `otelctl serve` standing in for the pod: real bytes both ways, and the ready pod chosen.

use serde_json::json;

use crate::harness::Sandbox;
use crate::harness::kubeapi::KubeApi;
use crate::harness::served::{Served, request};

fn app_pod(name: &str, ready: bool) -> serde_json::Value {
    json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": "app", "labels": {"app.kubernetes.io/name": "otel-demo"}},
        "spec": {"containers": [{"name": "app", "image": "x", "ports": [{"name": "http", "containerPort": 8080}]}]},
        "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" }}]}})
}

#[test]
fn port_forward_reaches_the_ready_pod_behind_the_service() {
    let sb = Sandbox::new();
    let mut backend_cmd = sb.command();
    backend_cmd.env("OTEL_SDK_DISABLED", "true");
    let backend = Served::start(backend_cmd, &[]);

    let api = KubeApi::start();
    api.kubeconfig(
        &sb.path(".kube/config"),
        "eks",
        "arn:aws:eks:us-east-1:123456789012:cluster/dev",
    );
    api.add(json!({"apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "otel-demo", "namespace": "app"},
        "spec": {"selector": {"app.kubernetes.io/name": "otel-demo"}, "clusterIP": "10.100.0.10",
                 "ports": [{"name": "http", "port": 80, "targetPort": "http"}]}}));
    api.add(app_pod("otel-demo-a", false));
    api.add(app_pod("otel-demo-b", true));
    api.forward_port("app", "otel-demo-b", 8080, backend.addr);

    let mut cmd = sb.command();
    cmd.args(["port-forward", "app", "--local-port", "0"]);
    let (forward, line) = Served::spawn(cmd, "forwarding http://");
    let local: std::net::SocketAddr = line
        .trim_start_matches("forwarding http://")
        .split(';')
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    for _ in 0..2 {
        let reply = request(
            local,
            "GET /api/hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(reply.status, 200, "{reply:?}");
        assert!(reply.body.contains("Hello from otel-demo"), "{reply:?}");
    }
    let forwards: Vec<String> = api
        .requests()
        .into_iter()
        .filter(|r| r.contains("/portforward"))
        .collect();
    assert_eq!(
        forwards,
        vec!["GET /api/v1/namespaces/app/pods/otel-demo-b/portforward?ports=8080"; 2],
        "one stream per connection, to the ready pod and its named port"
    );
    let (status, _) = forward.terminate();
    assert!(status.success(), "{status:?}");
}

#[test]
fn port_forward_says_what_is_missing() {
    let sb = Sandbox::new();
    let api = KubeApi::start();
    api.kubeconfig(&sb.path(".kube/config"), "eks", "c");
    let out = sb
        .otelctl()
        .args(["port-forward", "jaeger"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "not found");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no service in namespace jaeger exposes port 16686"),
        "{stderr}"
    );

    api.add(json!({"apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "jaeger", "namespace": "jaeger"},
        "spec": {"selector": {"app": "jaeger"}, "ports": [{"port": 16686}]}}));
    let out = sb
        .otelctl()
        .args(["port-forward", "jaeger"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("service jaeger/jaeger selects no ready pod"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(4), "not found");
}
