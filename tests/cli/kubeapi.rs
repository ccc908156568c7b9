//! The fake Kubernetes API server, driven through the real kube-rs client: if the fake
//! strays from the wire format, kube-rs fails to parse it here before a product test
//! gets a confusing answer.

use k8s_openapi::ByteString;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{Event, Node, Pod, Secret};
use kube::api::{Api, DeleteParams, DynamicObject, ListParams, LogParams, PostParams, WatchParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config, ResourceExt};
use serde_json::{Value, json};

use crate::harness::Sandbox;
use crate::harness::kubeapi::KubeApi;

const ARN: &str = "arn:aws:eks:us-east-1:123456789012:cluster/demo";

/// A kube client the way the product builds one: from the kubeconfig file.
async fn client(api: &KubeApi) -> Client {
    let sb = Sandbox::new();
    let path = sb.path(".kube/config");
    api.kubeconfig(&path, "demo", ARN);
    let kubeconfig = Kubeconfig::read_from(&path).unwrap();
    let config = Config::from_custom_kubeconfig(kubeconfig, &KubeConfigOptions::default())
        .await
        .unwrap();
    assert_eq!(
        config.cluster_url.to_string().trim_end_matches('/'),
        api.url()
    );
    Client::try_from(config).unwrap()
}

fn pod(ns: &str, name: &str, labels: Value, node: &str, phase: &str) -> Value {
    json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": ns, "labels": labels},
        "spec": {"nodeName": node, "containers": [{"name": "c", "image": "busybox"}]},
        "status": {"phase": phase},
    })
}

fn names<K: ResourceExt>(list: impl IntoIterator<Item = K>) -> Vec<String> {
    list.into_iter()
        .map(|o| format!("{}/{}", o.namespace().unwrap_or_default(), o.name_any()))
        .collect()
}

fn api_error(result: Result<impl std::fmt::Debug, kube::Error>) -> kube::core::Status {
    match result {
        Err(kube::Error::Api(status)) => *status,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn kubeapi_lists_pods_by_label_and_field_in_one_request() {
    let api = KubeApi::start();
    api.add(pod("otel", "a", json!({"app": "x"}), "n1", "Running"));
    api.add(pod("otel", "b", json!({"app": "x"}), "n2", "Running"));
    api.add(pod("otel", "c", json!({"app": "y"}), "n1", "Running"));
    api.add(pod("apps", "d", json!({"app": "x"}), "n1", "Pending"));
    let client = client(&api).await;

    let pods = Api::<Pod>::all(client.clone())
        .list(
            &ListParams::default()
                .labels("app=x")
                .fields("spec.nodeName=n1"),
        )
        .await
        .unwrap();
    assert_eq!(names(pods.items.clone()), ["apps/d", "otel/a"]);
    let phase = |p: &Pod| p.status.as_ref().unwrap().phase.clone().unwrap();
    assert_eq!(phase(&pods.items[1]), "Running");
    assert!(pods.items[0].metadata.creation_timestamp.is_some());
    assert!(pods.items[0].metadata.uid.is_some());

    let lists: Vec<String> = api
        .requests()
        .into_iter()
        .filter(|r| r.starts_with("GET /api/v1/"))
        .collect();
    assert_eq!(
        lists,
        ["GET /api/v1/pods?fieldSelector=spec.nodeName=n1&labelSelector=app=x"]
    );

    let in_otel = Api::<Pod>::namespaced(client.clone(), "otel")
        .list(&ListParams::default().fields("status.phase!=Pending,metadata.name!=b"))
        .await
        .unwrap();
    assert_eq!(names(in_otel), ["otel/a", "otel/c"]);
}

#[tokio::test]
async fn kubeapi_set_based_selectors_and_a_bad_one() {
    let api = KubeApi::start();
    api.add(pod(
        "ns",
        "prod",
        json!({"env": "prod", "tier": "api"}),
        "n1",
        "Running",
    ));
    api.add(pod(
        "ns",
        "stage",
        json!({"env": "staging", "tier": "web"}),
        "n1",
        "Running",
    ));
    api.add(pod(
        "ns",
        "canary",
        json!({"env": "prod", "canary": "1"}),
        "n1",
        "Running",
    ));
    api.add(pod("ns", "bare", json!({}), "n1", "Running"));
    let pods = Api::<Pod>::namespaced(client(&api).await, "ns");
    let select = |selector: &'static str| {
        let pods = pods.clone();
        async move {
            names(
                pods.list(&ListParams::default().labels(selector))
                    .await
                    .unwrap(),
            )
        }
    };
    assert_eq!(
        select("env in (prod,staging),!canary").await,
        ["ns/prod", "ns/stage"]
    );
    assert_eq!(select("env notin (prod)").await, ["ns/bare", "ns/stage"]);
    assert_eq!(
        select("tier!=web").await,
        ["ns/bare", "ns/canary", "ns/prod"]
    );
    assert_eq!(select("canary").await, ["ns/canary"]);
    assert_eq!(select("env==prod,tier=api").await, ["ns/prod"]);

    let status = api_error(
        pods.list(&ListParams::default().labels("env in (prod"))
            .await,
    );
    assert_eq!((status.code, status.reason.as_str()), (400, "BadRequest"));
}

#[tokio::test]
async fn kubeapi_events_by_involved_object() {
    let api = KubeApi::start();
    for (name, pod, reason, kind) in [
        ("e1", "p1", "BackOff", "Warning"),
        ("e2", "p1", "Scheduled", "Normal"),
        ("e3", "p2", "BackOff", "Warning"),
    ] {
        api.add(json!({
            "apiVersion": "v1", "kind": "Event",
            "metadata": {"name": name, "namespace": "otel"},
            "involvedObject": {"kind": "Pod", "name": pod, "namespace": "otel"},
            "reason": reason, "type": kind, "message": "m",
        }));
    }
    let events = Api::<Event>::all(client(&api).await)
        .list(
            &ListParams::default()
                .fields("involvedObject.kind=Pod,involvedObject.name=p1,type=Warning"),
        )
        .await
        .unwrap();
    assert_eq!(names(events.items.clone()), ["otel/e1"]);
    assert_eq!(events.items[0].reason.as_deref(), Some("BackOff"));
}

#[tokio::test]
async fn kubeapi_nodes_are_cluster_scoped() {
    let api = KubeApi::start();
    for name in ["ip-10-0-1-1.ec2.internal", "ip-10-0-2-2.ec2.internal"] {
        api.add(json!({
            "apiVersion": "v1", "kind": "Node",
            "metadata": {"name": name, "labels": {"eks.amazonaws.com/nodegroup": "ng"}},
            "status": {"nodeInfo": {"kubeletVersion": "v1.33.5-eks-113cf36"}},
        }));
    }
    api.add(json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "otel"}}));
    let client = client(&api).await;
    let nodes = Api::<Node>::all(client.clone())
        .list(&ListParams::default().labels("eks.amazonaws.com/nodegroup=ng"))
        .await
        .unwrap();
    assert_eq!(
        names(nodes),
        ["/ip-10-0-1-1.ec2.internal", "/ip-10-0-2-2.ec2.internal"]
    );
    let node = Api::<Node>::all(client.clone())
        .get("ip-10-0-2-2.ec2.internal")
        .await
        .unwrap();
    let info = node.status.unwrap().node_info.unwrap();
    assert_eq!(info.kubelet_version, "v1.33.5-eks-113cf36");
    let ns = Api::<k8s_openapi::api::core::v1::Namespace>::all(client)
        .get("otel")
        .await;
    assert_eq!(ns.unwrap().name_any(), "otel");
}

#[tokio::test]
async fn kubeapi_deployments_by_namespace_and_404() {
    let api = KubeApi::start();
    for (ns, name) in [("otel", "collector"), ("otel", "jaeger"), ("shop", "cart")] {
        api.add(json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": name, "namespace": ns},
            "spec": {"replicas": 2, "selector": {"matchLabels": {"app": name}}, "template": {}},
            "status": {"readyReplicas": 1},
        }));
    }
    let client = client(&api).await;
    let otel = Api::<Deployment>::namespaced(client.clone(), "otel");
    assert_eq!(
        names(otel.list(&ListParams::default()).await.unwrap()),
        ["otel/collector", "otel/jaeger"]
    );
    let all = Api::<Deployment>::all(client.clone())
        .list(&ListParams::default())
        .await;
    assert_eq!(all.unwrap().items.len(), 3);
    let jaeger = otel.get("jaeger").await.unwrap();
    assert_eq!(jaeger.status.unwrap().ready_replicas, Some(1));

    let status = api_error(otel.get("cart").await);
    assert_eq!((status.code, status.reason.as_str()), (404, "NotFound"));
    assert_eq!(status.message, "deployments.apps \"cart\" not found");
    assert!(status.is_not_found());
    assert!(otel.get_opt("nope").await.unwrap().is_none());
}

#[tokio::test]
async fn kubeapi_lists_page_with_continue_and_items_carry_no_kind() {
    let api = KubeApi::start();
    for i in 0..5 {
        api.add(pod("otel", &format!("p{i}"), json!({}), "n1", "Running"));
    }
    let client = client(&api).await;
    let pods = Api::<Pod>::all(client.clone());
    let (mut seen, mut token) = (Vec::new(), None::<String>);
    loop {
        let mut params = ListParams::default().limit(2);
        if let Some(t) = &token {
            params = params.continue_token(t);
        }
        let page = pods.list(&params).await.unwrap();
        assert!(page.items.len() <= 2);
        seen.extend(names(page.items));
        token = page.metadata.continue_.filter(|t| !t.is_empty());
        if token.is_none() {
            break;
        }
    }
    assert_eq!(
        seen,
        ["otel/p0", "otel/p1", "otel/p2", "otel/p3", "otel/p4"]
    );

    let raw = client
        .request_text(
            http::Request::get("/api/v1/namespaces/otel/pods")
                .body(vec![])
                .unwrap(),
        )
        .await
        .unwrap();
    let list: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(
        (list["kind"].as_str(), list["apiVersion"].as_str()),
        (Some("PodList"), Some("v1"))
    );
    assert!(list["metadata"]["resourceVersion"].is_string());
    assert!(list["items"][0].get("kind").is_none(), "{raw}");
}

#[tokio::test]
async fn kubeapi_serves_version() {
    let api = KubeApi::start();
    let client = client(&api).await;
    let default = client.apiserver_version().await.unwrap();
    assert_eq!(
        (default.major.as_str(), default.minor.as_str()),
        ("1", "33")
    );
    api.set_version("1", "29+", "v1.29.15-eks-b707fbb");
    let version = client.apiserver_version().await.unwrap();
    assert_eq!(version.minor, "29+");
    assert_eq!(version.git_version, "v1.29.15-eks-b707fbb");
    assert_eq!(version.platform, "linux/amd64");
}

#[tokio::test]
async fn kubeapi_discovery_sees_builtin_installed_and_custom_groups() {
    let api = KubeApi::start();
    let client = client(&api).await;

    let apps = kube::discovery::group(&client, "apps").await.unwrap();
    let (deployments, caps) = apps.recommended_kind("Deployment").unwrap();
    assert_eq!(
        (
            deployments.plural.as_str(),
            deployments.api_version.as_str()
        ),
        ("deployments", "apps/v1")
    );
    assert_eq!(caps.scope, kube::discovery::Scope::Namespaced);
    assert!(caps.supports_operation(kube::discovery::verbs::LIST));
    let core = kube::discovery::group(&client, "").await.unwrap();
    let (_, nodes) = core.recommended_kind("Node").unwrap();
    assert_eq!(nodes.scope, kube::discovery::Scope::Cluster);
    let (_, pods) = core.recommended_kind("Pod").unwrap();
    assert_eq!(pods.subresources.len(), 1, "pods/log");

    // metrics-server is not installed until the test says so.
    assert!(
        kube::discovery::group(&client, "metrics.k8s.io")
            .await
            .is_err()
    );
    api.add_group("metrics.k8s.io", "v1beta1");
    let metrics = kube::discovery::group(&client, "metrics.k8s.io")
        .await
        .unwrap();
    assert_eq!(metrics.preferred_version(), Some("v1beta1"));
    let (node_metrics, caps) = metrics.recommended_kind("NodeMetrics").unwrap();
    assert_eq!(node_metrics.plural, "nodes");
    assert!(!caps.supports_operation(kube::discovery::verbs::CREATE));

    // A kind the table does not know is served like a CRD.
    api.add(json!({
        "apiVersion": "opentelemetry.io/v1beta1", "kind": "OpenTelemetryCollector",
        "metadata": {"name": "otel", "namespace": "otel"}, "spec": {"mode": "deployment"},
    }));
    let discovery = kube::Discovery::new(client.clone()).run().await.unwrap();
    let gvk =
        kube::api::GroupVersionKind::gvk("opentelemetry.io", "v1beta1", "OpenTelemetryCollector");
    let (collectors, _) = discovery.resolve_gvk(&gvk).unwrap();
    let list = Api::<DynamicObject>::all_with(client, &collectors)
        .list(&ListParams::default())
        .await
        .unwrap();
    assert_eq!(list.items[0].data["spec"]["mode"], "deployment");
    assert!(discovery.has_group("apiregistration.k8s.io"));
    assert!(discovery.has_group("metrics.k8s.io"));
}

#[tokio::test]
async fn kubeapi_creates_reads_and_deletes() {
    let api = KubeApi::start();
    let client = client(&api).await;
    let secrets = Api::<Secret>::namespaced(client.clone(), "otel");
    let mut secret = Secret::default();
    secret.metadata.name = Some("token".into());
    secret.data = Some([("key".to_string(), ByteString(b"s3cr\0t".to_vec()))].into());
    let created = secrets
        .create(&PostParams::default(), &secret)
        .await
        .unwrap();
    assert!(created.metadata.uid.is_some());
    assert_eq!(created.namespace().as_deref(), Some("otel"));
    let read = secrets.get("token").await.unwrap();
    assert_eq!(read.data.unwrap()["key"].0, b"s3cr\0t");
    assert_eq!(api.objects("Secret")[0]["data"]["key"], "czNjcgB0");

    let again = api_error(secrets.create(&PostParams::default(), &secret).await);
    assert_eq!((again.code, again.reason.as_str()), (409, "AlreadyExists"));

    let jobs = Api::<Job>::namespaced(client, "otel");
    let mut job = Job::default();
    job.metadata.generate_name = Some("otelctl-doctor-".into());
    let job = jobs.create(&PostParams::default(), &job).await.unwrap();
    let name = job.name_any();
    assert!(
        name.starts_with("otelctl-doctor-") && name.len() == 20,
        "{name}"
    );
    assert_eq!(api.objects("Job")[0]["metadata"]["name"], name.as_str());
    let posts: Vec<String> = api
        .requests()
        .into_iter()
        .filter(|r| r.starts_with("POST"))
        .collect();
    assert_eq!(
        posts,
        [
            "POST /api/v1/namespaces/otel/secrets",
            "POST /api/v1/namespaces/otel/secrets",
            "POST /apis/batch/v1/namespaces/otel/jobs"
        ]
    );

    jobs.delete(&name, &DeleteParams::default()).await.unwrap();
    assert!(api.objects("Job").is_empty());
    assert_eq!(api_error(jobs.get(&name).await).code, 404);
}

#[tokio::test]
async fn kubeapi_serves_pod_logs() {
    let api = KubeApi::start();
    api.add(pod("otel", "worker", json!({}), "n1", "Succeeded"));
    api.set_log("otel", "worker", "starting\n{\"ok\":true}\n{\"spans\":3}\n");
    let pods = Api::<Pod>::namespaced(client(&api).await, "otel");
    let all = pods.logs("worker", &LogParams::default()).await.unwrap();
    assert_eq!(all, "starting\n{\"ok\":true}\n{\"spans\":3}\n");
    let last = LogParams {
        tail_lines: Some(1),
        ..Default::default()
    };
    assert_eq!(pods.logs("worker", &last).await.unwrap(), "{\"spans\":3}\n");
    assert_eq!(api_error(pods.logs("gone", &last).await).code, 404);
}

#[tokio::test]
async fn kubeapi_refuses_watch_and_strangers() {
    let api = KubeApi::start();
    let client = client(&api).await;
    let pods = Api::<Pod>::all(client);
    let watch = api_error(pods.watch(&WatchParams::default(), "0").await.map(|_| ()));
    assert_eq!(
        (watch.code, watch.reason.as_str()),
        (405, "MethodNotAllowed")
    );

    let mut anonymous = Config::new(api.url().parse().unwrap());
    let stranger = Api::<Pod>::all(Client::try_from(anonymous.clone()).unwrap());
    let status = api_error(stranger.list(&ListParams::default()).await);
    assert_eq!((status.code, status.reason.as_str()), (401, "Unauthorized"));
    anonymous.auth_info.token = Some("not-the-token".to_string().into());
    let wrong = Client::try_from(anonymous).unwrap();
    assert_eq!(api_error(wrong.apiserver_version().await).code, 401);
}

#[test]
fn kubeapi_lets_tokenless_clients_in_only_when_told() {
    let api = KubeApi::start();
    let addr: std::net::SocketAddr = api.url().trim_start_matches("http://").parse().unwrap();
    let get = || {
        crate::harness::served::request(
            addr,
            "GET /api/v1/nodes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .status
    };
    assert_eq!(get(), 401);
    api.allow_anonymous();
    assert_eq!(get(), 200);
}
