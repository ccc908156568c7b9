//! The token is checked against every rule aws-iam-authenticator applies on the server
//! (pkg/token Verify): prefix, encoding, scheme, host, path, allowed and unique query keys,
//! action, the signed cluster header and the expiry.

use super::*;

const ALLOWED_KEYS: [&str; 9] = [
    "action",
    "version",
    "x-amz-algorithm",
    "x-amz-credential",
    "x-amz-date",
    "x-amz-expires",
    "x-amz-security-token",
    "x-amz-signature",
    "x-amz-signedheaders",
];

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The server's checks, re-stated. Returns the decoded query pairs when the token passes.
fn authenticator_verify(token: &str, region: &str) -> Result<Vec<(String, String)>, String> {
    if token.len() > 4096 {
        return Err("token too long".into());
    }
    let encoded = token
        .strip_prefix("k8s-aws-v1.")
        .ok_or("missing k8s-aws-v1. prefix")?;
    if encoded.contains('=') || encoded.contains('+') || encoded.contains('/') {
        return Err("not unpadded base64url".into());
    }
    let url = String::from_utf8(URL_SAFE_NO_PAD.decode(encoded).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let uri: http::Uri = url
        .parse()
        .map_err(|e: http::uri::InvalidUri| e.to_string())?;
    if uri.scheme_str() != Some("https") {
        return Err(format!("scheme {:?} is not https", uri.scheme_str()));
    }
    let host = uri.host().ok_or("no host")?;
    let partition_ok = host == "sts.amazonaws.com" || host == sts_host(region);
    if !partition_ok {
        return Err(format!("host {host} is not an STS host of the partition"));
    }
    if uri.path() != "/" {
        return Err(format!("path {} is not /", uri.path()));
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    for pair in uri.query().ok_or("no query")?.split('&') {
        let (k, v) = pair.split_once('=').ok_or("query pair without =")?;
        let key = k.to_ascii_lowercase();
        if !ALLOWED_KEYS.contains(&key.as_str()) {
            return Err(format!("query key {k} is not allowed"));
        }
        if pairs.iter().any(|(existing, _)| *existing == key) {
            return Err(format!("duplicate query key {k}"));
        }
        pairs.push((key, percent_decode(v)));
    }
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    if get("action") != Some("GetCallerIdentity") {
        return Err("action is not GetCallerIdentity".into());
    }
    let signed = get("x-amz-signedheaders").ok_or("no X-Amz-SignedHeaders")?;
    if !signed.split(';').any(|h| h == "x-k8s-aws-id") {
        return Err(format!("x-k8s-aws-id is not signed: {signed}"));
    }
    let expires: u64 = get("x-amz-expires")
        .ok_or("no X-Amz-Expires")?
        .parse()
        .map_err(|_| "X-Amz-Expires is not a number")?;
    if expires > 900 {
        return Err(format!("X-Amz-Expires {expires} exceeds 900"));
    }
    if get("x-amz-date").is_none_or(|d| d.len() != 16 || !d.ends_with('Z')) {
        return Err("X-Amz-Date missing or malformed".into());
    }
    Ok(pairs)
}

fn creds(session: Option<&str>) -> Credentials {
    Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        session.map(str::to_owned),
        None,
        "test",
    )
}

fn at(secs: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
}

#[test]
fn token_passes_the_authenticator_rules() {
    let t = token("otel-dev", "us-east-1", &creds(None), at(1_790_000_000)).unwrap();
    let pairs = authenticator_verify(&t, "us-east-1").unwrap();
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).unwrap().1.clone();
    assert_eq!(get("x-amz-expires"), "60");
    assert_eq!(get("version"), "2011-06-15");
    assert!(get("x-amz-credential").starts_with("AKIDEXAMPLE/"));
    assert!(get("x-amz-credential").ends_with("/us-east-1/sts/aws4_request"));
    assert_eq!(get("x-amz-signature").len(), 64);
}

#[test]
fn session_token_is_carried_once() {
    let t = token("c", "eu-west-1", &creds(Some("SESSION")), at(1_790_000_000)).unwrap();
    let pairs = authenticator_verify(&t, "eu-west-1").unwrap();
    let tokens: Vec<_> = pairs
        .iter()
        .filter(|(k, _)| k == "x-amz-security-token")
        .collect();
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0].1, "SESSION");
}

#[test]
fn china_and_iso_regions_use_their_partition_host() {
    assert_eq!(sts_host("cn-north-1"), "sts.cn-north-1.amazonaws.com.cn");
    assert_eq!(sts_host("us-gov-west-1"), "sts.us-gov-west-1.amazonaws.com");
    assert_eq!(sts_host("us-iso-east-1"), "sts.us-iso-east-1.c2s.ic.gov");
    assert_eq!(
        sts_host("us-isob-east-1"),
        "sts.us-isob-east-1.sc2s.sgov.gov"
    );
    let t = token("c", "cn-north-1", &creds(None), at(1_790_000_000)).unwrap();
    authenticator_verify(&t, "cn-north-1").unwrap();
}

#[test]
fn the_signature_binds_the_cluster_and_the_time() {
    let now = at(1_790_000_000);
    let a = token("a", "us-east-1", &creds(None), now).unwrap();
    let b = token("b", "us-east-1", &creds(None), now).unwrap();
    let a_later = token("a", "us-east-1", &creds(None), at(1_790_000_060)).unwrap();
    assert_ne!(a, b);
    assert_ne!(a, a_later);
    assert_eq!(a, token("a", "us-east-1", &creds(None), now).unwrap());
}

#[test]
fn verifier_rejects_what_the_server_rejects() {
    let good = token("c", "us-east-1", &creds(None), at(1_790_000_000)).unwrap();
    let url = String::from_utf8(URL_SAFE_NO_PAD.decode(&good[11..]).unwrap()).unwrap();
    let wrap = |u: String| format!("k8s-aws-v1.{}", URL_SAFE_NO_PAD.encode(u));
    assert!(authenticator_verify(&good[3..], "us-east-1").is_err());
    assert!(authenticator_verify(&wrap(url.replace("https", "http")), "us-east-1").is_err());
    assert!(authenticator_verify(&wrap(url.replace("/?", "/x?")), "us-east-1").is_err());
    assert!(authenticator_verify(&wrap(format!("{url}&Action=Other")), "us-east-1").is_err());
    assert!(authenticator_verify(&wrap(format!("{url}&Foo=1")), "us-east-1").is_err());
    assert!(
        authenticator_verify(&wrap(url.replace("Expires=60", "Expires=901")), "us-east-1").is_err()
    );
    assert!(authenticator_verify(&good, "eu-west-1").is_err());
}

#[test]
fn exec_credential_expires_in_fourteen_minutes() {
    let cred = exec_credential("tok".into(), DEFAULT_EXEC_API_VERSION.into(), at(0));
    assert_eq!(cred.status.expiration_timestamp, "1970-01-01T00:14:00Z");
    let json = serde_json::to_value(&cred).unwrap();
    assert_eq!(json["kind"], "ExecCredential");
    assert_eq!(json["apiVersion"], "client.authentication.k8s.io/v1beta1");
    assert_eq!(json["status"]["token"], "tok");
    assert!(json["spec"].as_object().unwrap().is_empty());
}

#[test]
fn exec_api_version_follows_kubernetes_exec_info() {
    let v1 = r#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"interactive":false}}"#;
    assert_eq!(
        exec_api_version(Some(v1)),
        "client.authentication.k8s.io/v1"
    );
    assert_eq!(exec_api_version(None), DEFAULT_EXEC_API_VERSION);
    assert_eq!(exec_api_version(Some("not json")), DEFAULT_EXEC_API_VERSION);
    assert_eq!(
        exec_api_version(Some(r#"{"apiVersion":"v1"}"#)),
        DEFAULT_EXEC_API_VERSION
    );
}
