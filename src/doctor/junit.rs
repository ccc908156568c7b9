//! `-o junit`: one testcase per check, so Jenkins and GitHub Actions show doctor like tests.
//!
//! The shape follows the JUnit XML that Jenkins' JUnit plugin reads: `testsuites` >
//! `testsuite` > `testcase` with `failure`, `error` or `skipped`. Failures carry the
//! remediation in their body; warnings are failures only with `--strict`.

use std::fmt::Write as _;

use super::{Report, Status};

/// Escapes text for XML attributes and content.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and newline are not allowed in XML 1.0.
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// The report as JUnit XML. Pure.
pub fn render(report: &Report, strict: bool) -> String {
    let checks = &report.checks;
    let total_ms: u64 = checks.iter().map(|c| c.duration_ms).sum();
    let failures = checks
        .iter()
        .filter(|c| c.status == Status::Fail || (strict && c.status == Status::Warn))
        .count();
    let errors = report.summary.error;
    let skipped = report.summary.skip;
    let suite = match &report.cluster {
        Some(cluster) => format!("otelctl doctor ({cluster})"),
        None => "otelctl doctor".to_owned(),
    };
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let counts = format!(
        "tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\" time=\"{:.3}\"",
        checks.len(),
        total_ms as f64 / 1000.0
    );
    let _ = writeln!(xml, "<testsuites name=\"{}\" {counts}>", escape(&suite));
    let _ = writeln!(xml, "  <testsuite name=\"{}\" {counts}>", escape(&suite));
    for c in checks {
        let area = c.id.split('.').next().unwrap_or_default();
        let _ = write!(
            xml,
            "    <testcase classname=\"doctor.{}\" name=\"{}\" time=\"{:.3}\">",
            escape(area),
            escape(c.id),
            c.duration_ms as f64 / 1000.0
        );
        let mut body = c.details.join("\n");
        if let Some(fix) = &c.remediation {
            if !body.is_empty() {
                body.push('\n');
            }
            body.push_str("remediation: ");
            body.push_str(fix);
        }
        let element = match c.status {
            Status::Fail => Some("failure"),
            Status::Warn if strict => Some("failure"),
            Status::Error => Some("error"),
            _ => None,
        };
        match (element, c.status) {
            (Some(tag), status) => {
                let _ = write!(
                    xml,
                    "\n      <{tag} message=\"{}\" type=\"{}\">{}</{tag}>\n    ",
                    escape(&c.summary),
                    status.as_str(),
                    escape(&body)
                );
            }
            (None, Status::Skip) => {
                let _ = write!(
                    xml,
                    "\n      <skipped message=\"{}\"/>\n    ",
                    escape(&c.summary)
                );
            }
            (None, _) => {
                let mut out = format!("{}: {}", c.status.as_str(), c.summary);
                if !body.is_empty() {
                    out.push('\n');
                    out.push_str(&body);
                }
                let _ = write!(
                    xml,
                    "\n      <system-out>{}</system-out>\n    ",
                    escape(&out)
                );
            }
        }
        xml.push_str("</testcase>\n");
    }
    xml.push_str("  </testsuite>\n</testsuites>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::CheckResult;

    fn check(id: &'static str, status: Status) -> CheckResult {
        CheckResult {
            id,
            title: "t",
            status,
            summary: "subnet <a> & \"b\"".into(),
            details: vec!["d1".into()],
            remediation: Some("otelctl iam oidc --create".into()),
            duration_ms: 1500,
        }
    }

    #[test]
    fn statuses_map_to_junit_elements_and_text_is_escaped() {
        let report = Report::new(
            Some("dev".into()),
            None,
            vec![
                check("cni.subnet-ips", Status::Fail),
                check("kube.api", Status::Error),
                check("helm.releases", Status::Skip),
                check("tools.docker", Status::Warn),
                check("aws.identity", Status::Pass),
            ],
        );
        let xml = render(&report, false);
        assert!(
            xml.contains("tests=\"5\" failures=\"1\" errors=\"1\" skipped=\"1\" time=\"7.500\"")
        );
        assert!(xml.contains("<failure message=\"subnet &lt;a&gt; &amp; &quot;b&quot;\" type=\"fail\">d1\nremediation: otelctl iam oidc --create</failure>"));
        assert!(xml.contains("<error message="));
        assert!(xml.contains("<skipped message="));
        assert!(xml.contains("classname=\"doctor.cni\" name=\"cni.subnet-ips\" time=\"1.500\""));
        assert_eq!(xml.matches("<failure").count(), 1);
        assert_eq!(render(&report, true).matches("<failure").count(), 2);
    }
}
