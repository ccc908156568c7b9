//! The kinds the fake serves: one table of group, version, kind, plural, scope, as the
//! real API server's discovery documents them.

/// One served resource.
#[derive(Debug, Clone)]
pub struct Kind {
    pub group: String,
    pub version: String,
    pub kind: String,
    pub plural: String,
    pub namespaced: bool,
    pub short_names: Vec<String>,
    /// Served only once a test adds the group or one of its objects (metrics-server, CRDs).
    pub addon: bool,
}

impl Kind {
    /// `v1`, `apps/v1`.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.clone()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// The `details.kind`/message prefix of a `Status`: `pods`, `deployments.apps`.
    pub fn qualified(&self) -> String {
        if self.group.is_empty() {
            self.plural.clone()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }

    pub fn verbs(&self) -> &'static [&'static str] {
        if self.group == "metrics.k8s.io" {
            &["get", "list"]
        } else {
            &[
                "create",
                "delete",
                "deletecollection",
                "get",
                "list",
                "patch",
                "update",
                "watch",
            ]
        }
    }

    /// A kind the table does not know (a CRD's): plural by the usual rule, scoped by
    /// whether the first object had a namespace.
    pub fn custom(group: &str, version: &str, kind: &str, namespaced: bool) -> Kind {
        let lower = kind.to_lowercase();
        let plural = if lower.ends_with('s') {
            format!("{lower}es")
        } else if let Some(stem) = lower.strip_suffix('y') {
            format!("{stem}ies")
        } else {
            format!("{lower}s")
        };
        Kind {
            group: group.into(),
            version: version.into(),
            kind: kind.into(),
            plural,
            namespaced,
            short_names: Vec::new(),
            addon: true,
        }
    }
}

/// (apiVersion, kind, plural, namespaced, short names)
const TABLE: &[(&str, &str, &str, bool, &[&str])] = &[
    ("v1", "Node", "nodes", false, &["no"]),
    ("v1", "Namespace", "namespaces", false, &["ns"]),
    ("v1", "Pod", "pods", true, &["po"]),
    ("v1", "Event", "events", true, &["ev"]),
    ("v1", "Service", "services", true, &["svc"]),
    ("v1", "Endpoints", "endpoints", true, &["ep"]),
    ("v1", "Secret", "secrets", true, &[]),
    ("v1", "ServiceAccount", "serviceaccounts", true, &["sa"]),
    ("v1", "ConfigMap", "configmaps", true, &["cm"]),
    ("apps/v1", "Deployment", "deployments", true, &["deploy"]),
    ("apps/v1", "DaemonSet", "daemonsets", true, &["ds"]),
    ("apps/v1", "ReplicaSet", "replicasets", true, &["rs"]),
    ("apps/v1", "StatefulSet", "statefulsets", true, &["sts"]),
    (
        "discovery.k8s.io/v1",
        "EndpointSlice",
        "endpointslices",
        true,
        &[],
    ),
    (
        "autoscaling/v2",
        "HorizontalPodAutoscaler",
        "horizontalpodautoscalers",
        true,
        &["hpa"],
    ),
    (
        "networking.k8s.io/v1",
        "Ingress",
        "ingresses",
        true,
        &["ing"],
    ),
    ("batch/v1", "Job", "jobs", true, &[]),
    (
        "apiregistration.k8s.io/v1",
        "APIService",
        "apiservices",
        false,
        &[],
    ),
    // metrics-server's aggregated API: absent until a test installs it.
    ("metrics.k8s.io/v1beta1", "NodeMetrics", "nodes", false, &[]),
    ("metrics.k8s.io/v1beta1", "PodMetrics", "pods", true, &[]),
];

/// Splits an apiVersion into (group, version): `v1` is the core group `""`.
pub fn split_api_version(api_version: &str) -> (&str, &str) {
    api_version.rsplit_once('/').unwrap_or(("", api_version))
}

pub fn builtin() -> Vec<Kind> {
    TABLE
        .iter()
        .map(|&(api_version, kind, plural, namespaced, short)| {
            let (group, version) = split_api_version(api_version);
            Kind {
                group: group.into(),
                version: version.into(),
                kind: kind.into(),
                plural: plural.into(),
                namespaced,
                short_names: short.iter().map(|s| s.to_string()).collect(),
                addon: group == "metrics.k8s.io",
            }
        })
        .collect()
}
