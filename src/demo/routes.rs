//! The demo service's routes, each request traced as an HTTP server span.
//!
//! Span names and attributes follow the OpenTelemetry HTTP semantic conventions, and the
//! caller's W3C `traceparent` makes the server span its child, so a trace starts wherever
//! the request did (a browser, the ALB, `otelctl loadgen`).

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;
use http::{HeaderValue, Method, Request, Response, StatusCode, header};
use http_body_util::Full;
use opentelemetry::propagation::TextMapPropagator;
use opentelemetry::trace::noop::NoopTracer;
use opentelemetry::trace::{Span as _, SpanKind, Status, TraceContextExt, Tracer};
use opentelemetry::{Context, KeyValue};
use opentelemetry_http::HeaderExtractor;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::SdkTracer;

use super::State;
use super::peer::Peer;

/// The routes, as `http.route` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Index,
    Hello,
    Work,
    Healthz,
    Readyz,
    Metrics,
}

impl Route {
    /// Every route, for tests that must cover them all.
    #[cfg(test)]
    pub const ALL: [Route; 6] = [
        Route::Index,
        Route::Hello,
        Route::Work,
        Route::Healthz,
        Route::Readyz,
        Route::Metrics,
    ];

    pub fn of(path: &str) -> Option<Self> {
        Some(match path {
            "/" => Route::Index,
            "/api/hello" => Route::Hello,
            "/api/work" => Route::Work,
            "/healthz" => Route::Healthz,
            "/readyz" => Route::Readyz,
            "/metrics" => Route::Metrics,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Route::Index => "/",
            Route::Hello => "/api/hello",
            Route::Work => "/api/work",
            Route::Healthz => "/healthz",
            Route::Readyz => "/readyz",
            Route::Metrics => "/metrics",
        }
    }

    /// The server span's name, `{method} {route}` (static for GET, the common case).
    fn span_name(self, method: &Method) -> std::borrow::Cow<'static, str> {
        match (method, self) {
            (&Method::GET, Route::Index) => "GET /".into(),
            (&Method::GET, Route::Hello) => "GET /api/hello".into(),
            (&Method::GET, Route::Work) => "GET /api/work".into(),
            _ => format!("{method} {}", self.name()).into(),
        }
    }

    /// Probes and scrapes are not traced: they would bury the traces people look for.
    fn traced(self) -> bool {
        matches!(self, Route::Index | Route::Hello | Route::Work)
    }
}

type Reply = Response<Full<Bytes>>;

/// Answers one request. Never fails: errors are responses.
pub async fn handle<B>(
    req: Request<B>,
    state: Arc<State>,
    peer: Arc<Peer>,
) -> Result<Reply, Infallible> {
    let started = Instant::now();
    let route = Route::of(req.uri().path());
    let method = method_label(req.method());
    let too_large = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n > state.limits.max_body_bytes);

    let reply = match route {
        _ if too_large => text(StatusCode::PAYLOAD_TOO_LARGE, "request body too large\n"),
        _ if !matches!(*req.method(), Method::GET | Method::HEAD) => {
            let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
            r.headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            r
        }
        None => text(StatusCode::NOT_FOUND, "not found\n"),
        Some(route) if route.traced() => traced(&req, route, &state, &peer).await,
        Some(Route::Healthz) => text(StatusCode::OK, "ok\n"),
        Some(Route::Readyz) if state.is_ready() => text(StatusCode::OK, "ready\n"),
        Some(Route::Readyz) => text(StatusCode::SERVICE_UNAVAILABLE, "shutting down\n"),
        Some(_) => {
            let body = state.metrics.render(state.export.snapshot());
            let mut r = text(StatusCode::OK, body);
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; version=0.0.4"),
            );
            r
        }
    };
    let status = reply.status().as_u16();
    let route_label = route.map_or("unmatched", Route::name);
    state
        .metrics
        .record(route_label, method, status, started.elapsed());
    Ok(reply)
}

/// Runs a traced route inside its server span.
async fn traced<B>(req: &Request<B>, route: Route, state: &State, peer: &Peer) -> Reply {
    let started = Instant::now();
    // W3C trace context, read directly: no global lock on the hot path.
    let parent = TraceContextPropagator::new().extract(&HeaderExtractor(req.headers()));
    // The span is the SDK's own, held here rather than in a Context: no boxed span or
    // locked slot per request. Only /api/work's children need a Context, made below.
    let mut span = state
        .tracer
        .as_ref()
        .map(|tracer| server_span(tracer, req, route, peer, &parent));
    // With the SDK disabled, the caller's ids are the ones to show and log.
    let ids = match &span {
        Some(span) => span.span_context().clone(),
        None => parent.span().span_context().clone(),
    };
    let trace_id = ids.trace_id().to_string();

    let reply = match route {
        Route::Index => html(&state.page(&trace_id)),
        Route::Hello => json(
            StatusCode::OK,
            &Hello {
                message: format!("Hello from {}", state.service_name),
                service: &state.service_name,
                version: env!("CARGO_PKG_VERSION"),
                trace_id: &trace_id,
            },
        ),
        _ => match super::work::params(req.uri().query().unwrap_or("")) {
            Err(why) => json(StatusCode::BAD_REQUEST, &serde_json::json!({"error": why})),
            Ok(params) => {
                let cx = parent.with_remote_span_context(ids.clone());
                let outcome = match &state.tracer {
                    Some(tracer) => super::work::run(&cx, tracer, params).await,
                    None => super::work::run(&cx, &NoopTracer::new(), params).await,
                };
                if outcome.failed
                    && params.depth == 0
                    && let Some(span) = &mut span
                {
                    span.add_event("exception", super::work::exception());
                    span.set_status(Status::error(super::work::FAILURE));
                }
                let status = if outcome.failed {
                    StatusCode::INTERNAL_SERVER_ERROR
                } else {
                    StatusCode::OK
                };
                json(
                    status,
                    &serde_json::json!({"trace_id": trace_id, "depth": params.depth, "delay_ms": params.delay_ms, "failed": outcome.failed}),
                )
            }
        },
    };

    let status = reply.status().as_u16();
    if let Some(span) = &mut span {
        span.set_attribute(KeyValue::new(
            "http.response.status_code",
            i64::from(status),
        ));
        // Server spans: 5xx is an error, 4xx is the client's (semantic conventions).
        if status >= 500 {
            span.set_attribute(KeyValue::new("error.type", status.to_string()));
            span.set_status(Status::error(format!("HTTP {status}")));
        }
        span.end();
    }
    tracing::info!(
        trace_id = %trace_id,
        span_id = %ids.span_id(),
        method = %req.method(),
        path = %req.uri().path(),
        status,
        duration_ms = (started.elapsed().as_secs_f64() * 1e6).round() / 1e3,
        "request"
    );
    reply
}

/// Starts the HTTP server span, named and attributed by the semantic conventions.
fn server_span<B>(
    tracer: &SdkTracer,
    req: &Request<B>,
    route: Route,
    peer: &Peer,
    parent: &Context,
) -> opentelemetry_sdk::trace::Span {
    let mut attributes = Vec::with_capacity(12);
    attributes.extend([
        KeyValue::new("http.request.method", method_label(req.method())),
        // Routes match exactly, so the path is the route's own static name.
        KeyValue::new("url.path", route.name()),
        KeyValue::new("url.scheme", "http"),
        KeyValue::new("http.route", route.name()),
        KeyValue::new("client.address", peer.client_address.clone()),
        KeyValue::new("network.protocol.version", version_label(req.version())),
    ]);
    if let Some(query) = req.uri().query() {
        attributes.push(KeyValue::new("url.query", query.to_owned()));
    }
    let (host, agent) = peer.host_and_agent(req.headers());
    if let Some(host) = host {
        attributes.push(KeyValue::new("server.address", host.address));
        if let Some(port) = host.port {
            attributes.push(KeyValue::new("server.port", i64::from(port)));
        }
    }
    if let Some(agent) = agent {
        attributes.push(KeyValue::new("user_agent.original", agent));
    }
    tracer
        .span_builder(route.span_name(req.method()))
        .with_kind(SpanKind::Server)
        .with_attributes(attributes)
        .start_with_context(tracer, parent)
}

pub(super) fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        _ => "OTHER",
    }
}

fn version_label(version: http::Version) -> &'static str {
    match version {
        http::Version::HTTP_10 => "1.0",
        http::Version::HTTP_2 => "2",
        _ => "1.1",
    }
}

pub fn text(status: StatusCode, body: impl Into<Bytes>) -> Reply {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

/// `/api/hello`'s answer, serialized straight from the struct: no intermediate map.
#[derive(serde::Serialize)]
struct Hello<'a> {
    message: String,
    service: &'a str,
    version: &'static str,
    trace_id: &'a str,
}

fn json(status: StatusCode, value: &impl serde::Serialize) -> Reply {
    let mut body = serde_json::to_vec(value).unwrap_or_default();
    body.push(b'\n');
    let mut r = text(status, body);
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

fn html(page: &str) -> Reply {
    let mut r = text(StatusCode::OK, page.to_owned());
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip() {
        for r in Route::ALL {
            assert_eq!(Route::of(r.name()), Some(r));
        }
        assert_eq!(Route::of("/api/hello/"), None);
        assert!(!Route::Healthz.traced() && Route::Work.traced());
        assert_eq!(Route::Hello.span_name(&Method::GET), "GET /api/hello");
        assert_eq!(Route::Work.span_name(&Method::HEAD), "HEAD /api/work");
    }
}
