use predicates::prelude::*;

use crate::harness::{ACCOUNT, Sandbox, json};

#[test]
fn prints_account_arn_user_and_region() {
    let sb = Sandbox::new();
    sb.otelctl()
        .arg("whoami")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("Account: {ACCOUNT}")))
        .stdout(predicate::str::contains(
            "ARN:     arn:aws:sts::123456789012:",
        ))
        .stdout(predicate::str::contains("Region:  us-east-1"));
}

#[test]
fn json_output_has_stable_fields() {
    let sb = Sandbox::new();
    let out = sb
        .otelctl()
        .args(["whoami", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v = json(&out);
    assert_eq!(v["account"], ACCOUNT);
    assert!(
        v["arn"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:sts::123456789012:")
    );
    assert!(!v["user_id"].as_str().unwrap().is_empty());
    assert_eq!(v["region"], "us-east-1");
}

#[test]
fn no_credentials_says_what_to_set_and_exits_3() {
    let sb = Sandbox::new();
    sb.otelctl()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .arg("whoami")
        .assert()
        .code(3)
        .stdout("")
        .stderr(predicate::str::contains("AWS_PROFILE"))
        .stderr(predicate::str::contains("aws sso login"))
        .stderr(predicate::str::contains("AWS_ACCESS_KEY_ID"));
}

#[test]
fn service_specific_endpoint_wins_over_the_global_one() {
    let sb = Sandbox::new();
    let dead_url = crate::harness::refused_url();
    sb.otelctl()
        .env("AWS_ENDPOINT_URL", &dead_url)
        .env("AWS_ENDPOINT_URL_STS", &crate::harness::moto().endpoint)
        .arg("whoami")
        .assert()
        .success()
        .stdout(predicate::str::contains(ACCOUNT));
}

#[test]
fn unreachable_endpoint_is_a_failure_not_a_hang_or_panic() {
    let sb = Sandbox::new();
    let dead_url = crate::harness::refused_url();
    sb.otelctl()
        .env("AWS_ENDPOINT_URL", &dead_url)
        .arg("whoami")
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("STS GetCallerIdentity"));
}

#[test]
fn no_region_anywhere_is_a_usage_error() {
    let sb = Sandbox::new();
    sb.otelctl()
        .env_remove("AWS_REGION")
        .arg("whoami")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--region"));
}

#[test]
fn profile_credentials_and_region_come_from_the_shared_files() {
    let sb = Sandbox::new();
    sb.write(
        ".aws/credentials",
        "[team]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = secret\n",
    );
    sb.write(".aws/config", "[profile team]\nregion = eu-west-1\n");
    let out = sb
        .otelctl()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env_remove("AWS_REGION")
        .args(["whoami", "--profile", "team", "-o", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    assert_eq!(v["region"], "eu-west-1");
    assert_eq!(v["profile"], "team");
    // The environment holds no keys, so success means the profile's keys were used
    // (moto answers every caller with the same user id, so that cannot tell).
}

/// A one-off STS endpoint speaking the real query-protocol wire format: it answers
/// `Throttling` to the first `throttled` requests, then the identity.
fn flaky_sts(throttled: usize) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::sync::atomic::Ordering;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(throttled + 1) {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
                if line == "\r\n" {
                    break;
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let n = counter.fetch_add(1, Ordering::SeqCst);
            let (status, xml) = if n < throttled {
                ("400 Bad Request", "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>".to_owned())
            } else {
                ("200 OK", "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws:iam::210987654321:user/patient</Arn><UserId>AIDAPATIENT</UserId><Account>210987654321</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>".to_owned())
            };
            let response = format!(
                "HTTP/1.1 {status}\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{xml}",
                xml.len()
            );
            stream.write_all(response.as_bytes()).unwrap();
        }
    });
    (url, seen)
}

#[test]
fn throttling_is_retried() {
    let (url, seen) = flaky_sts(2);
    let sb = Sandbox::new();
    sb.otelctl()
        .env("AWS_ENDPOINT_URL", &url)
        .arg("whoami")
        .assert()
        .success()
        .stdout(predicate::str::contains("210987654321"));
    assert_eq!(seen.load(std::sync::atomic::Ordering::SeqCst), 3);
}
