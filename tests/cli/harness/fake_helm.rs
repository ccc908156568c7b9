//! A recording fake `helm` for the command contract: every call's argv, its KUBECONFIG, and
//! the contents of every `--values` file (read at call time: otelctl deletes them after)
//! go to a JSON-lines log. It keeps repositories in a state file like helm's repo cache.
//!
//! Behaviour from the environment: FAKE_HELM_VERSION (what `version --short` says),
//! FAKE_HELM_FAIL (a release whose upgrade fails the way helm does), and FAKE_HELM_KUBE (a
//! fake API server's URL, taking anonymous requests): an upgrade then creates the release's
//! Helm Secret there, plus the objects in FAKE_HELM_OBJECTS/<release>.json, as a chart would.

use std::path::PathBuf;

use serde_json::Value;

use super::Sandbox;

const SCRIPT: &str = r#"
import json, os, sys
args = sys.argv[1:]
log, state = os.environ["FAKE_HELM_LOG"], os.environ["FAKE_HELM_STATE"]
values = {}
for i, a in enumerate(args[:-1]):
    if a in ("--values", "-f"):
        try:
            values[args[i + 1]] = open(args[i + 1]).read()
        except OSError as e:
            values[args[i + 1]] = "unreadable: %s" % e
chart_files = []
if args[:2] == ["upgrade", "--install"] and os.path.isdir(args[3]):
    for root, _, files in os.walk(args[3]):
        chart_files += [os.path.relpath(os.path.join(root, f), args[3]) for f in files]
with open(log, "a") as f:
    f.write(json.dumps({"argv": args, "kubeconfig": os.environ.get("KUBECONFIG"),
                        "values": values, "chart_files": sorted(chart_files)}) + "\n")
try:
    repos = json.load(open(state))
except OSError:
    repos = {}
def save():
    json.dump(repos, open(state, "w"))
PATHS = {"Secret": "api/v1", "Pod": "api/v1", "Service": "api/v1", "Deployment": "apis/apps/v1"}
def install(release, ns):
    """What a chart leaves in the cluster: Helm's release Secret (the values given with
    --set/--set-string as its config) and FAKE_HELM_OBJECTS/<release>.json."""
    import base64, gzip, urllib.request, urllib.error
    config = {}
    for i, a in enumerate(args[:-1]):
        if a in ("--set", "--set-string") and "\\" not in args[i + 1]:
            key, _, value = args[i + 1].partition("=")
            node = config
            parts = key.split(".")
            for p in parts[:-1]:
                node = node.setdefault(p, {})
            node[parts[-1]] = value
    version = args[args.index("--version") + 1] if "--version" in args else "0.1.0"
    record = {"name": release, "namespace": ns, "version": 1, "info": {"status": "deployed"},
              "chart": {"metadata": {"name": args[3].rstrip("/").split("/")[-1], "version": version,
                                     "appVersion": "fake"}}, "config": config}
    packed = base64.b64encode(gzip.compress(json.dumps(record).encode())).decode()
    objects = [{"apiVersion": "v1", "kind": "Secret", "type": "helm.sh/release.v1",
                "metadata": {"name": "sh.helm.release.v1.%s.v1" % release, "namespace": ns,
                             "labels": {"owner": "helm", "name": release, "status": "deployed", "version": "1"}},
                "data": {"release": base64.b64encode(packed.encode()).decode()}}]
    extra = os.path.join(os.environ.get("FAKE_HELM_OBJECTS", ""), release + ".json")
    if os.path.exists(extra):
        objects += json.load(open(extra))
    for obj in objects:
        kind, name = obj["kind"], obj["metadata"]["name"]
        base = "%s/%s/namespaces/%s/%ss" % (os.environ["FAKE_HELM_KUBE"], PATHS[kind], ns, kind.lower())
        try:
            urllib.request.urlopen(urllib.request.Request(base + "/" + name, method="DELETE"))
        except urllib.error.HTTPError:
            pass
        request = urllib.request.Request(base, data=json.dumps(obj).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request)

if args[:2] == ["version", "--short"]:
    print(os.environ.get("FAKE_HELM_VERSION", "v3.16.2+g13654a5"))
elif args[:2] == ["repo", "list"]:
    if not repos:
        print("Error: no repositories to show", file=sys.stderr)
        sys.exit(1)
    print(json.dumps([{"name": n, "url": r["url"]} for n, r in repos.items()]))
elif args[:2] == ["repo", "add"]:
    repos[args[2]] = {"url": args[3], "updated": False}
    save()
    print('"%s" has been added to your repositories' % args[2])
elif args[:2] == ["repo", "update"]:
    for n in args[2:] or list(repos):
        repos[n]["updated"] = True
    save()
    print("Update Complete. Happy Helming!")
elif args[:2] == ["search", "repo"]:
    name = args[2].split("/")[0]
    found = repos.get(name, {}).get("updated")
    version = args[args.index("--version") + 1]
    print(json.dumps([{"name": args[2], "version": version}] if found else []))
elif args[:2] == ["upgrade", "--install"]:
    release = args[2]
    print("Release \"%s\" does not exist. Installing it now." % release)
    if os.environ.get("FAKE_HELM_FAIL") == release:
        print("Error: release %s failed, and has been uninstalled due to atomic being set: "
              "context deadline exceeded" % release, file=sys.stderr)
        sys.exit(1)
    ns = args[args.index("--namespace") + 1]
    if os.environ.get("FAKE_HELM_KUBE"):
        install(release, ns)
    print("NAME: %s\nNAMESPACE: %s\nSTATUS: deployed\nREVISION: 1" % (release, ns))
else:
    print("fake helm: unexpected %r" % args, file=sys.stderr)
    sys.exit(2)
"#;

pub struct FakeHelm {
    pub log: PathBuf,
    pub state: PathBuf,
    /// The directory holding `helm`, to put first on PATH.
    pub bin: PathBuf,
}

impl FakeHelm {
    /// Writes `bin/helm` in the sandbox.
    pub fn install(sb: &Sandbox) -> FakeHelm {
        let python = which("python3");
        let path = sb.write("bin/helm", &format!("#!{}\n{SCRIPT}", python.display()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        FakeHelm {
            log: sb.path("helm-calls.jsonl"),
            state: sb.path("helm-repos.json"),
            bin: sb.path("bin"),
        }
    }

    /// `PATH` with the fake first, then the test's own PATH.
    pub fn path(&self) -> std::ffi::OsString {
        let mut dirs = vec![self.bin.clone()];
        dirs.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        std::env::join_paths(dirs).unwrap()
    }

    pub fn env(&self) -> Vec<(&'static str, std::ffi::OsString)> {
        vec![
            ("PATH", self.path()),
            ("FAKE_HELM_LOG", self.log.clone().into_os_string()),
            ("FAKE_HELM_STATE", self.state.clone().into_os_string()),
        ]
    }

    /// Every call so far.
    pub fn calls(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// Every call's argv joined by spaces.
    pub fn argvs(&self) -> Vec<String> {
        self.calls()
            .iter()
            .map(|c| {
                c["argv"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }
}

fn which(program: &str) -> PathBuf {
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|d| d.join(program))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{program} is not on PATH"))
}
