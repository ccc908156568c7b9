//! The checked-in completion scripts must match what the binary generates.
//! Regenerate them with `scripts/update-completions.sh`.

use crate::harness::Sandbox;

const SHELLS: [(&str, &str); 5] = [
    ("bash", "otelctl.bash"),
    ("zsh", "_otelctl"),
    ("fish", "otelctl.fish"),
    ("powershell", "_otelctl.ps1"),
    ("elvish", "otelctl.elv"),
];

#[test]
fn checked_in_completions_are_current() {
    let sb = Sandbox::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for (shell, file) in SHELLS {
        let out = sb.otelctl().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        assert!(!out.stdout.is_empty());
        let checked_in = std::fs::read(dir.join(file)).unwrap_or_else(|e| {
            panic!("completions/{file}: {e}; run scripts/update-completions.sh")
        });
        assert!(
            checked_in == out.stdout,
            "completions/{file} is stale: run scripts/update-completions.sh"
        );
    }
}

#[test]
fn bash_completion_knows_every_command() {
    let sb = Sandbox::new();
    let out = sb.otelctl().args(["completions", "bash"]).output().unwrap();
    let script = String::from_utf8(out.stdout).unwrap();
    for word in [
        "whoami",
        "kubeconfig",
        "token",
        "completions",
        "--region",
        "--dry-run",
    ] {
        assert!(script.contains(word), "{word} missing");
    }
}
