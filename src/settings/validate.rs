//! Validators for the values users type: region, cluster name, namespace, repository, role ARN.
//!
//! They are shared by clap (flags), the environment and `otelctl.toml`, so a bad value gets
//! the same explanation wherever it came from. Each returns the value back on success so it
//! can be used directly as a clap `value_parser`.

/// An AWS region code such as `us-east-1`, `us-gov-west-1` or `cn-north-1`.
pub fn region(value: &str) -> Result<String, String> {
    let parts: Vec<&str> = value.split('-').collect();
    let well_formed = parts.len() >= 3
        && parts[0].len() == 2
        && parts[0].bytes().all(|b| b.is_ascii_lowercase())
        && parts[1..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts
            .last()
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if well_formed {
        Ok(value.to_owned())
    } else {
        Err(format!(
            "`{value}` is not an AWS region code (expected something like us-east-1)"
        ))
    }
}

/// An EKS cluster name: 1–100 characters, letters, digits, `-` and `_`, starting with a
/// letter or digit (the CreateCluster constraint).
pub fn cluster_name(value: &str) -> Result<String, String> {
    let mut bytes = value.bytes();
    let ok = (1..=100).contains(&value.len())
        && bytes.next().is_some_and(|b| b.is_ascii_alphanumeric())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(value.to_owned())
    } else {
        Err(format!(
            "`{value}` is not a valid EKS cluster name (1-100 letters, digits, '-' or '_', \
             starting with a letter or digit)"
        ))
    }
}

/// A Kubernetes namespace: an RFC 1123 DNS label.
pub fn namespace(value: &str) -> Result<String, String> {
    let ok = (1..=63).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-');
    if ok {
        Ok(value.to_owned())
    } else {
        Err(format!(
            "`{value}` is not a valid namespace (at most 63 lowercase letters, digits or '-', \
             starting and ending with a letter or digit)"
        ))
    }
}

/// An ECR repository name: lowercase path components separated by `/`, each made of
/// alphanumeric runs joined by single `.`, `_` or `-`; 2–256 characters.
pub fn repository(value: &str) -> Result<String, String> {
    let component_ok = |c: &str| {
        !c.is_empty()
            && c.split(['.', '_', '-']).all(|run| {
                !run.is_empty()
                    && run
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
    };
    if (2..=256).contains(&value.len()) && value.split('/').all(component_ok) {
        Ok(value.to_owned())
    } else {
        Err(format!(
            "`{value}` is not a valid ECR repository name (lowercase letters and digits, \
             separated by '.', '_', '-' or '/')"
        ))
    }
}

/// An IAM role ARN: `arn:<partition>:iam::<12-digit account>:role/<path/name>`.
pub fn role_arn(value: &str) -> Result<String, String> {
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    let ok = parts.len() == 6
        && parts[0] == "arn"
        && parts[1].starts_with("aws")
        && parts[2] == "iam"
        && parts[3].is_empty()
        && parts[4].len() == 12
        && parts[4].bytes().all(|b| b.is_ascii_digit())
        && parts[5]
            .strip_prefix("role/")
            .is_some_and(|n| !n.is_empty());
    if ok {
        Ok(value.to_owned())
    } else {
        Err(format!(
            "`{value}` is not an IAM role ARN (expected arn:aws:iam::123456789012:role/NAME)"
        ))
    }
}

/// A duration such as `250ms`, `10s`, `2m` or `1h`; a bare number is seconds.
pub fn duration(value: &str) -> Result<std::time::Duration, String> {
    let v = value.trim();
    let split = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(v.len());
    let (number, unit) = v.split_at(split);
    let n: f64 = number
        .parse()
        .map_err(|_| format!("`{value}` is not a duration (try 500ms, 10s, 2m)"))?;
    let seconds = match unit {
        "ms" => n / 1000.0,
        "" | "s" => n,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        _ => {
            return Err(format!(
                "`{value}`: unknown unit `{unit}` (use ms, s, m or h)"
            ));
        }
    };
    if !seconds.is_finite() || !(0.0..=1e9).contains(&seconds) {
        return Err(format!("`{value}` is out of range"));
    }
    Ok(std::time::Duration::from_secs_f64(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        use std::time::Duration;
        assert_eq!(duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(duration("10s").unwrap(), Duration::from_secs(10));
        assert_eq!(duration("10").unwrap(), Duration::from_secs(10));
        assert_eq!(duration("1.5s").unwrap(), Duration::from_millis(1500));
        assert_eq!(duration("2m").unwrap(), Duration::from_secs(120));
        assert!(duration("ten").is_err());
        assert!(duration("5d").is_err());
        assert!(duration("").is_err());
    }

    #[test]
    fn regions() {
        for ok in [
            "us-east-1",
            "eu-central-2",
            "us-gov-west-1",
            "cn-north-1",
            "us-iso-east-1",
        ] {
            assert!(region(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "us-east",
            "US-EAST-1",
            "us east 1",
            "useast1",
            "u-east-1",
            "us--1",
        ] {
            assert!(region(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cluster_names() {
        assert!(cluster_name("opentelemetryproject-dev-eks").is_ok());
        assert!(cluster_name("a_1").is_ok());
        assert!(cluster_name("-a").is_err());
        assert!(cluster_name("").is_err());
        assert!(cluster_name("a.b").is_err());
        assert!(cluster_name(&"a".repeat(101)).is_err());
    }

    #[test]
    fn namespaces() {
        assert!(namespace("opentelemetry").is_ok());
        assert!(namespace("kube-system").is_ok());
        assert!(namespace("App").is_err());
        assert!(namespace("app-").is_err());
        assert!(namespace(&"a".repeat(64)).is_err());
    }

    #[test]
    fn repositories() {
        assert!(repository("opentelemetryproject/flask-hello").is_ok());
        assert!(repository("otel-demo").is_ok());
        assert!(repository("a/b.c_d").is_ok());
        assert!(repository("Flask").is_err());
        assert!(repository("a//b").is_err());
        assert!(repository("a-").is_err());
        assert!(repository("x").is_err());
    }

    #[test]
    fn role_arns() {
        assert!(role_arn("arn:aws:iam::123456789012:role/eks-admin").is_ok());
        assert!(role_arn("arn:aws-cn:iam::123456789012:role/path/x").is_ok());
        assert!(role_arn("arn:aws:iam::123456789012:user/bob").is_err());
        assert!(role_arn("arn:aws:iam::1234:role/x").is_err());
        assert!(role_arn("eks-admin").is_err());
    }
}
