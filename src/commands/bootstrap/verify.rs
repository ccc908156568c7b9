//! The runbook's promise, measured: "traces appear in Jaeger within seconds". Requests with
//! trace ids chosen here go through the app (port-forward), then Jaeger's query API (also a
//! port-forward) is polled until every one of those traces is there.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

use super::steps::Ctx;
use crate::kube::forward;
use crate::telemetry::traceparent;

type Http = Client<hyper_util::client::legacy::connect::HttpConnector, Empty<bytes::Bytes>>;

/// The User-Agent of verification requests: the app records it on its server spans
/// (`user_agent.original`), so a later run can find a past verification in Jaeger.
const USER_AGENT: &str = concat!("otelctl-bootstrap/", env!("CARGO_PKG_VERSION"));
/// The app's service name in Jaeger (the chart's default OTEL_SERVICE_NAME).
const APP_SERVICE: &str = "otel-demo";

/// One GET, headers and body, within 10 s.
async fn get(http: &Http, url: &str, traceparent: Option<&str>) -> Result<(u16, bytes::Bytes)> {
    let mut req = hyper::Request::get(url).header("user-agent", USER_AGENT);
    if let Some(tp) = traceparent {
        req = req.header("traceparent", tp);
    }
    let req = req.body(Empty::new())?;
    let exchange = async {
        let response = http.request(req).await?;
        let status = response.status().as_u16();
        let body = response.into_body().collect().await?.to_bytes();
        anyhow::Ok((status, body))
    };
    tokio::time::timeout(Duration::from_secs(10), exchange)
        .await
        .with_context(|| format!("no answer from {url} within 10s"))?
}

/// Whether Jaeger's `/api/traces/{id}` answer holds the trace. Pure.
pub fn trace_found(status: u16, body: &[u8]) -> bool {
    status == 200
        && serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|v| v["data"].as_array().map(|d| !d.is_empty()))
            .unwrap_or(false)
}

/// A verification of the last hour, found in Jaeger (through a port-forward), if any.
pub async fn earlier(ctx: &mut Ctx<'_>) -> Result<Option<String>> {
    let client = ctx.kube().await?;
    let jaeger_ns = ctx.settings.namespaces.jaeger.clone();
    let jaeger = forward::resolve(&client, &jaeger_ns, Some(16686), "jaeger").await?;
    let jaeger = forward::start(client, jaeger, ([127, 0, 0, 1], 0).into()).await?;
    let http: Http = Client::builder(TokioExecutor::new()).build_http();
    let tags = format!("{{\"user_agent.original\":\"{USER_AGENT}\"}}");
    let url = format!(
        "http://{}/api/traces?service={APP_SERVICE}&lookback=1h&limit=1&tags={}",
        jaeger.local,
        percent_encoding::utf8_percent_encode(&tags, percent_encoding::NON_ALPHANUMERIC)
    );
    let (status, body) = get(&http, &url, None).await?;
    Ok(trace_found(status, &body).then(|| {
        "a verification trace from the last hour is in Jaeger (--reverify measures again)"
            .to_owned()
    }))
}

pub async fn run(ctx: &mut Ctx<'_>) -> Result<String> {
    let client = ctx.kube().await?;
    let ns = &ctx.settings.namespaces;
    let local: SocketAddr = ([127, 0, 0, 1], 0).into();
    let app = forward::resolve(&client, &ns.app, None, "otel-demo").await?;
    let jaeger = forward::resolve(&client, &ns.jaeger, Some(16686), "jaeger").await?;
    let app = forward::start(client.clone(), app, local).await?;
    let jaeger = forward::start(client, jaeger, local).await?;
    let http: Http = Client::builder(TokioExecutor::new()).build_http();

    let ids: Vec<u128> = (0..ctx.args.requests)
        .map(|_| fastrand::u128(1..))
        .collect();
    for id in &ids {
        let url = format!("http://{}/api/hello", app.local);
        let header = traceparent(*id, fastrand::u64(1..), true);
        let header = std::str::from_utf8(&header).unwrap_or_default();
        let (status, _) = get(&http, &url, Some(header)).await?;
        if status != 200 {
            bail!(
                "the app answered {status} through the port-forward to {}",
                app.target.pod
            );
        }
    }
    let sent = Instant::now();
    let deadline = sent + ctx.args.verify_timeout;
    let mut missing = ids.clone();
    let mut last_error = None;
    loop {
        let mut still = Vec::new();
        for id in missing {
            if Instant::now() >= deadline {
                still.push(id);
                continue;
            }
            let url = format!("http://{}/api/traces/{id:032x}", jaeger.local);
            match get(&http, &url, None).await {
                Ok((status, body)) if trace_found(status, &body) => {}
                Ok(_) => still.push(id),
                Err(e) => {
                    last_error = Some(format!("{e:#}"));
                    still.push(id);
                }
            }
        }
        missing = still;
        if missing.is_empty() {
            return Ok(format!(
                "{} of {} traces in Jaeger {:.1} s after they were sent",
                ids.len(),
                ids.len(),
                sent.elapsed().as_secs_f64()
            ));
        }
        if Instant::now() >= deadline {
            let reason = last_error
                .map(|e| format!("; Jaeger's query API failed: {e}"))
                .unwrap_or_default();
            bail!(
                "{} of {} traces not in Jaeger after {:?} (e.g. {:032x}){reason}",
                missing.len(),
                ids.len(),
                ctx.args.verify_timeout,
                missing[0]
            );
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traceparents_are_w3c_and_jaeger_answers_are_read() {
        assert_eq!(
            std::str::from_utf8(&traceparent(0xab, 0xcd, true)).unwrap(),
            "00-000000000000000000000000000000ab-00000000000000cd-01"
        );
        assert!(trace_found(
            200,
            br#"{"data":[{"traceID":"ab","spans":[]}]}"#
        ));
        assert!(!trace_found(200, br#"{"data":[]}"#));
        assert!(!trace_found(
            404,
            br#"{"data":null,"errors":[{"code":404}]}"#
        ));
        assert!(!trace_found(200, b"not json"));
    }
}
