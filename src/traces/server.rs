//! The network side of `otelctl traces`: OTLP in (gRPC, HTTP/protobuf, HTTP/JSON) and the
//! Jaeger-compatible query API out, all over one shared store.
//!
//! Bad input is answered, never fatal: malformed payloads get 400, oversized ones 413, and
//! the store's caps hold whatever arrives.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::{HeaderValue, Method, Request, Response, StatusCode, header};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::{
    TraceService, TraceServiceServer,
};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use prost::Message;
use tokio::net::TcpListener;

use super::jaeger;
use super::model::{self, parse_trace_id};
use super::store::Store;

/// The store every server shares.
pub type SharedStore = Arc<RwLock<Store>>;

/// Largest OTLP request accepted, over HTTP and gRPC.
pub const MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

/// The three listeners `traces` serves on.
pub struct Listeners {
    pub grpc: TcpListener,
    pub http: TcpListener,
    pub ui: TcpListener,
}

/// Where the servers ended up listening.
#[derive(Debug, Clone, Copy)]
pub struct Addresses {
    pub grpc: SocketAddr,
    pub http: SocketAddr,
    pub ui: SocketAddr,
}

impl Listeners {
    pub async fn bind(grpc: SocketAddr, http: SocketAddr, ui: SocketAddr) -> std::io::Result<Self> {
        let bind = |addr: SocketAddr| async move {
            TcpListener::bind(addr)
                .await
                .map_err(|e| std::io::Error::new(e.kind(), format!("cannot listen on {addr}: {e}")))
        };
        Ok(Self {
            grpc: bind(grpc).await?,
            http: bind(http).await?,
            ui: bind(ui).await?,
        })
    }

    /// Like [`Listeners::bind`], but an address already in use falls back to a free port on
    /// the same interface (for `otelctl demo`, which must start whatever else is running).
    pub async fn bind_preferring(
        grpc: SocketAddr,
        http: SocketAddr,
        ui: SocketAddr,
    ) -> std::io::Result<Self> {
        Ok(Self {
            grpc: bind_or_any(grpc).await?,
            http: bind_or_any(http).await?,
            ui: bind_or_any(ui).await?,
        })
    }

    pub fn addresses(&self) -> std::io::Result<Addresses> {
        Ok(Addresses {
            grpc: self.grpc.local_addr()?,
            http: self.http.local_addr()?,
            ui: self.ui.local_addr()?,
        })
    }
}

/// Binds `addr`, or a free port on its interface when `addr` is taken.
pub async fn bind_or_any(addr: SocketAddr) -> std::io::Result<TcpListener> {
    match TcpListener::bind(addr).await {
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            TcpListener::bind(SocketAddr::new(addr.ip(), 0)).await
        }
        other => other,
    }
}

/// Starts all three servers on the tokio runtime; they run until the process ends.
pub fn spawn(listeners: Listeners, store: SharedStore) {
    let grpc =
        TraceServiceServer::new(Grpc(store.clone())).max_decoding_message_size(MAX_REQUEST_BYTES);
    tokio::spawn(async move {
        let served = tonic::transport::Server::builder()
            .add_service(grpc)
            .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listeners.grpc))
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "the OTLP/gRPC server stopped");
        }
    });
    let otlp_store = store.clone();
    tokio::spawn(serve_http(listeners.http, move |req| {
        otlp_http(req, otlp_store.clone())
    }));
    tokio::spawn(serve_http(listeners.ui, move |req| {
        query_api(req, store.clone())
    }));
}

struct Grpc(SharedStore);

#[tonic::async_trait]
impl TraceService for Grpc {
    async fn export(
        &self,
        request: tonic::Request<ExportTraceServiceRequest>,
    ) -> Result<tonic::Response<ExportTraceServiceResponse>, tonic::Status> {
        let spans = model::spans_of(request.into_inner())
            .map_err(|e| tonic::Status::invalid_argument(e.to_string()))?;
        insert(&self.0, spans);
        Ok(tonic::Response::new(ExportTraceServiceResponse {
            partial_success: None,
        }))
    }
}

fn insert(store: &SharedStore, spans: Vec<model::Span>) {
    match store.write() {
        Ok(mut store) => store.insert(spans),
        Err(poisoned) => poisoned.into_inner().insert(spans),
    }
}

type Reply = Response<Full<Bytes>>;

async fn serve_http<F, Fut>(listener: TcpListener, handler: F)
where
    F: Fn(Request<Incoming>) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Reply> + Send + 'static,
{
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let handler = handler.clone();
        let service = service_fn(move |req| {
            let handler = handler.clone();
            async move { Ok::<_, Infallible>(handler(req).await) }
        });
        tokio::spawn(async move {
            let conn = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(std::time::Duration::from_secs(10))
                .serve_connection(TokioIo::new(stream), service);
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
        });
    }
}

fn reply(status: StatusCode, content_type: &'static str, body: impl Into<Bytes>) -> Reply {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

fn json_reply(status: StatusCode, value: &serde_json::Value) -> Reply {
    reply(status, "application/json", value.to_string())
}

/// OTLP/HTTP: `POST /v1/traces`, protobuf or JSON.
async fn otlp_http(req: Request<Incoming>, store: SharedStore) -> Reply {
    const TEXT: &str = "text/plain; charset=utf-8";
    if req.uri().path() != "/v1/traces" {
        return reply(
            StatusCode::NOT_FOUND,
            TEXT,
            "only /v1/traces is served here\n",
        );
    }
    if req.method() != Method::POST {
        return reply(StatusCode::METHOD_NOT_ALLOWED, TEXT, "POST only\n");
    }
    let json = match req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim())
    {
        Some("application/x-protobuf") => false,
        Some("application/json") => true,
        other => {
            return reply(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                TEXT,
                format!("content-type {other:?}: use application/x-protobuf or application/json\n"),
            );
        }
    };
    if req.headers().contains_key(header::CONTENT_ENCODING) {
        return reply(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            TEXT,
            "compressed bodies are not supported\n",
        );
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_REQUEST_BYTES) {
        return reply(StatusCode::PAYLOAD_TOO_LARGE, TEXT, "request too large\n");
    }
    let body = match Limited::new(req.into_body(), MAX_REQUEST_BYTES)
        .collect()
        .await
    {
        Ok(body) => body.to_bytes(),
        Err(_) => return reply(StatusCode::PAYLOAD_TOO_LARGE, TEXT, "request too large\n"),
    };
    let decoded = if json {
        serde_json::from_slice::<ExportTraceServiceRequest>(&body).map_err(|e| e.to_string())
    } else {
        ExportTraceServiceRequest::decode(body).map_err(|e| e.to_string())
    };
    let spans = decoded.and_then(|r| model::spans_of(r).map_err(|e| e.to_string()));
    match spans {
        Err(why) => reply(
            StatusCode::BAD_REQUEST,
            TEXT,
            format!("malformed OTLP request: {why}\n"),
        ),
        Ok(spans) => {
            insert(&store, spans);
            if json {
                reply(StatusCode::OK, "application/json", "{}")
            } else {
                let empty = ExportTraceServiceResponse {
                    partial_success: None,
                };
                reply(
                    StatusCode::OK,
                    "application/x-protobuf",
                    empty.encode_to_vec(),
                )
            }
        }
    }
}

fn now_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

/// A file of the embedded UI. Everything it loads comes from here: no CDN, nothing inline.
fn asset(content_type: &'static str, body: &'static str) -> Reply {
    let mut r = reply(StatusCode::OK, content_type, body);
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'"),
    );
    r
}

/// The Jaeger-compatible query API, and the UI that uses it.
async fn query_api(req: Request<Incoming>, store: SharedStore) -> Reply {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return json_reply(
            StatusCode::METHOD_NOT_ALLOWED,
            &jaeger::error(405, "GET only"),
        );
    }
    let path = req.uri().path();
    let query = req.uri().query().unwrap_or("");
    let store = match store.read() {
        Ok(store) => store,
        Err(poisoned) => poisoned.into_inner(),
    };
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        ["api", "services"] => {
            json_reply(StatusCode::OK, &jaeger::envelope(store.services().into()))
        }
        ["api", "services", service, "operations"] => {
            let service = percent_encoding::percent_decode_str(service).decode_utf8_lossy();
            json_reply(
                StatusCode::OK,
                &jaeger::envelope(store.operations(&service).into()),
            )
        }
        ["api", "traces"] => match jaeger::search_query(query, now_ns()) {
            Err(why) => json_reply(StatusCode::BAD_REQUEST, &jaeger::error(400, &why)),
            Ok(q) => {
                let traces: Vec<serde_json::Value> =
                    store.search(&q).iter().map(|t| jaeger::trace(t)).collect();
                json_reply(StatusCode::OK, &jaeger::envelope(traces.into()))
            }
        },
        ["api", "traces", id] => match parse_trace_id(id).and_then(|id| store.trace(&id)) {
            Some(spans) => json_reply(
                StatusCode::OK,
                &jaeger::envelope(vec![jaeger::trace(&spans)].into()),
            ),
            None => json_reply(
                StatusCode::NOT_FOUND,
                &jaeger::error(404, "trace not found"),
            ),
        },
        [""] => asset(
            "text/html; charset=utf-8",
            include_str!("../../assets/ui/index.html"),
        ),
        ["app.js"] => asset(
            "text/javascript; charset=utf-8",
            include_str!("../../assets/ui/app.js"),
        ),
        ["style.css"] => asset(
            "text/css; charset=utf-8",
            include_str!("../../assets/ui/style.css"),
        ),
        // Jaeger's UI path, so `loadgen --jaeger-url` links work here too.
        ["trace", id] if parse_trace_id(id).is_some() => {
            let mut r = reply(StatusCode::FOUND, "text/plain; charset=utf-8", "");
            if let Ok(location) = HeaderValue::from_str(&format!("/#/trace/{id}")) {
                r.headers_mut().insert(header::LOCATION, location);
            }
            r
        }
        ["api", "stats"] => json_reply(
            StatusCode::OK,
            &serde_json::to_value(store.stats()).unwrap_or_default(),
        ),
        _ => json_reply(StatusCode::NOT_FOUND, &jaeger::error(404, "not found")),
    }
}
