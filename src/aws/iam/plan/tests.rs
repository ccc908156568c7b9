use super::*;

const ISSUER: &str = "https://oidc.eks.us-east-1.amazonaws.com/id/ABC";

fn cluster() -> ClusterIdentity<'static> {
    ClusterIdentity {
        issuer: ISSUER,
        partition: "aws",
        account: "123456789012",
    }
}

fn names() -> AlbRoleNames<'static> {
    AlbRoleNames {
        role: policy::ALB_ROLE_NAME,
        policy: policy::ALB_POLICY_NAME,
    }
}

fn calls(a: &Assessment) -> Vec<&'static str> {
    a.steps.iter().map(Step::call).collect()
}

fn complete() -> AlbRoleState {
    let provider = cluster().provider_arn();
    let policy_arn =
        "arn:aws:iam::123456789012:policy/AWSLoadBalancerControllerIAMPolicy".to_owned();
    AlbRoleState {
        provider_exists: true,
        role: Some(Role {
            name: policy::ALB_ROLE_NAME.into(),
            arn: "arn:aws:iam::123456789012:role/AmazonEKSLoadBalancerControllerRole".into(),
            trust: policy::trust_policy(&provider, ISSUER, policy::ALB_SERVICE_ACCOUNT),
        }),
        attached: vec![(policy::ALB_POLICY_NAME.into(), policy_arn.clone())],
        policy: Some(ManagedPolicy {
            arn: policy_arn,
            document: serde_json::from_str(policy::ALB_CONTROLLER_POLICY).unwrap(),
        }),
    }
}

#[test]
fn nothing_to_do_when_everything_is_right() {
    let a = assess_alb_role(&complete(), &names(), &cluster());
    assert_eq!(a, Assessment::default());
}

#[test]
fn absent_everything_plans_policy_role_attach_in_order() {
    let state = AlbRoleState {
        provider_exists: true,
        role: None,
        attached: vec![],
        policy: None,
    };
    let a = assess_alb_role(&state, &names(), &cluster());
    assert_eq!(
        calls(&a),
        ["iam:CreatePolicy", "iam:CreateRole", "iam:AttachRolePolicy"]
    );
    assert!(a.blocked.is_none());
    match &a.steps[2] {
        Step::AttachRolePolicy { policy_arn, .. } => {
            assert_eq!(
                policy_arn,
                "arn:aws:iam::123456789012:policy/AWSLoadBalancerControllerIAMPolicy"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn missing_provider_blocks() {
    let mut state = complete();
    state.provider_exists = false;
    let a = assess_alb_role(&state, &names(), &cluster());
    assert!(a.blocked.unwrap().contains("otelctl iam oidc --create"));
    assert_eq!(a.findings[0].field, "OpenIDConnectProvider");
}

#[test]
fn a_policy_missing_actions_gets_a_new_version_and_the_actions_are_listed() {
    let mut state = complete();
    state.policy.as_mut().unwrap().document = serde_json::json!({"Statement": [
        {"Effect": "Allow", "Action": ["ec2:*", "elasticloadbalancing:*"], "Resource": "*"}
    ]});
    let a = assess_alb_role(&state, &names(), &cluster());
    assert_eq!(calls(&a), ["iam:CreatePolicyVersion"]);
    assert!(
        a.missing_actions
            .contains(&"acm:ListCertificates".to_owned())
    );
    assert!(a.findings[0].found.ends_with("missing"));
}

#[test]
fn a_role_for_another_cluster_gains_a_statement_and_keeps_the_old_one() {
    let mut state = complete();
    let other_issuer = "https://oidc.eks.us-east-1.amazonaws.com/id/OTHER";
    let other_provider = policy::oidc_provider_arn("aws", "123456789012", other_issuer);
    state.role.as_mut().unwrap().trust =
        policy::trust_policy(&other_provider, other_issuer, policy::ALB_SERVICE_ACCOUNT);
    let a = assess_alb_role(&state, &names(), &cluster());
    assert_eq!(calls(&a), ["iam:UpdateAssumeRolePolicy"]);
    let Step::UpdateAssumeRolePolicy {
        policy_document, ..
    } = &a.steps[0]
    else {
        unreachable!()
    };
    assert_eq!(policy_document["Statement"].as_array().unwrap().len(), 2);
    assert_eq!(
        policy_document["Statement"][0]["Principal"]["Federated"],
        other_provider.as_str()
    );
    assert!(
        policy::check_trust(
            policy_document,
            &cluster().provider_arn(),
            ISSUER,
            policy::ALB_SERVICE_ACCOUNT
        )
        .is_empty()
    );
}

#[test]
fn an_unattached_policy_is_attached() {
    let mut state = complete();
    state.attached = vec![(
        "ReadOnly".into(),
        "arn:aws:iam::aws:policy/ReadOnlyAccess".into(),
    )];
    let a = assess_alb_role(&state, &names(), &cluster());
    assert_eq!(calls(&a), ["iam:AttachRolePolicy"]);
    assert_eq!(a.findings[0].found, "ReadOnly");
}

#[test]
fn oidc_absent_plans_a_create_with_the_thumbprint() {
    let a = assess_oidc(
        ISSUER,
        None,
        Some("9e99a48a9960b14926bb7f3b02e22da2b0ab7280"),
    );
    assert_eq!(calls(&a), ["iam:CreateOpenIDConnectProvider"]);
    let a = assess_oidc(ISSUER, None, None);
    assert!(a.steps.is_empty());
    assert!(a.blocked.unwrap().contains("--thumbprint"));
}

#[test]
fn oidc_without_the_sts_audience_gets_it_added() {
    let p = OidcProvider {
        arn: cluster().provider_arn(),
        client_ids: vec!["other".into()],
        thumbprints: vec![],
    };
    assert_eq!(
        calls(&assess_oidc(ISSUER, Some(&p), None)),
        ["iam:AddClientIDToOpenIDConnectProvider"]
    );
    let ok = OidcProvider {
        client_ids: vec!["sts.amazonaws.com".into()],
        ..p
    };
    assert_eq!(assess_oidc(ISSUER, Some(&ok), None), Assessment::default());
}
