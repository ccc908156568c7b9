//! `otelctl infra` with a recording fake `terraform` on PATH, and moto as AWS: the command
//! contract, and the 409-loop check against state fixtures with and without the cluster.

use std::path::PathBuf;

use predicates::prelude::*;

use crate::harness::{Sandbox, moto, unique};

const FAKE: &str = r#"#!/bin/sh
echo "$*" >> "$FAKE_TF_LOG"
if [ "$1 $2" = "state list" ]; then cat "$FAKE_TF_STATE" 2>/dev/null; exit 0; fi
exit "${FAKE_TF_EXIT:-0}"
"#;

struct Fake {
    log: PathBuf,
    state: PathBuf,
    bin: PathBuf,
}

fn fake_terraform(sb: &Sandbox, state: &str) -> Fake {
    let bin = sb.write("fakebin/terraform", FAKE);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::create_dir_all(sb.path("terraform")).unwrap();
    Fake {
        log: sb.path("terraform.log"),
        state: sb.write("state.txt", state),
        bin: sb.path("fakebin"),
    }
}

fn infra(sb: &Sandbox, fake: &Fake, cluster: &str, args: &[&str]) -> assert_cmd::Command {
    let path = std::env::join_paths(
        std::iter::once(fake.bin.clone())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let mut cmd = sb.otelctl();
    cmd.env("PATH", path)
        .env("FAKE_TF_LOG", &fake.log)
        .env("FAKE_TF_STATE", &fake.state)
        .args(["infra"])
        .args(args)
        .args(["--cluster", cluster]);
    cmd
}

fn calls(fake: &Fake) -> Vec<String> {
    std::fs::read_to_string(&fake.log)
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn apply_refuses_when_the_cluster_is_in_aws_but_not_in_the_state() {
    let sb = Sandbox::new();
    let name = unique("drift");
    moto().create_cluster(&name);
    let fake = fake_terraform(&sb, "module.vpc.aws_vpc.this\n");
    infra(&sb, &fake, &name, &["apply"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("409 ResourceInUseException"))
        .stderr(predicate::str::contains(format!(
            "terraform import module.eks.aws_eks_cluster.this {name}"
        )));
    assert_eq!(
        calls(&fake),
        ["state list"],
        "nothing but the state was touched"
    );
}

#[test]
fn apply_runs_when_the_state_has_the_cluster() {
    let sb = Sandbox::new();
    let name = unique("nodrift");
    moto().create_cluster(&name);
    let fake = fake_terraform(
        &sb,
        "module.eks.aws_eks_cluster.this\nmodule.vpc.aws_vpc.this\n",
    );
    infra(&sb, &fake, &name, &["apply", "--yes"])
        .assert()
        .success();
    let expected = format!(
        "apply -input=false -auto-approve -var cluster_name={name} -var region=us-east-1 -var repository=otel-demo"
    );
    assert_eq!(calls(&fake), ["state list".to_owned(), expected]);
}

#[test]
fn import_and_auto_import_run_the_exact_commands() {
    let sb = Sandbox::new();
    let name = unique("import");
    moto().create_cluster(&name);
    let fake = fake_terraform(&sb, "");
    let vars = format!("-var cluster_name={name} -var region=us-east-1 -var repository=otel-demo");
    infra(&sb, &fake, &name, &["import"]).assert().success();
    assert_eq!(
        calls(&fake),
        [
            "state list".to_owned(),
            format!("import -input=false {vars} module.eks.aws_eks_cluster.this {name}")
        ]
    );

    std::fs::remove_file(&fake.log).unwrap();
    infra(&sb, &fake, &name, &["apply", "--auto-import"])
        .assert()
        .success();
    let log = calls(&fake);
    assert_eq!(log.len(), 3, "{log:?}");
    assert!(log[1].starts_with("import "));
    assert_eq!(log[2], format!("apply -input=false {vars}"));
}

#[test]
fn dry_run_prints_the_commands_and_runs_none() {
    let sb = Sandbox::new();
    let name = unique("dryinfra");
    moto().create_cluster(&name);
    let fake = fake_terraform(&sb, "");
    infra(&sb, &fake, &name, &["apply", "--auto-import", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "terraform import -input=false -var cluster_name={name}"
        )))
        .stdout(predicate::str::contains("terraform apply -input=false"));
    assert_eq!(
        calls(&fake),
        ["state list"],
        "only the read-only state list ran"
    );
}

#[test]
fn terraform_failure_is_ours_and_a_missing_terraform_is_explained() {
    let sb = Sandbox::new();
    let name = unique("tffail");
    let fake = fake_terraform(&sb, "");
    infra(&sb, &fake, &name, &["plan"])
        .env("FAKE_TF_EXIT", "3")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`terraform plan` exited with status 3",
        ));
    sb.otelctl()
        .env("PATH", "/nonexistent")
        .args(["infra", "init", "--dir", "."])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("install Terraform"));
}
