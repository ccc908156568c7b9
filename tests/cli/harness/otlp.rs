//! A real OTLP receiver for the tests: OTLP/gRPC (opentelemetry-proto's tonic service) and
//! OTLP/HTTP protobuf on `/v1/traces`, both on loopback, keeping every span it is sent.
//!
//! It is deliberately not otelctl's own receiver: spans the product exports are checked by
//! an independent decoder of the wire format.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::BodyExt;
use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::{
    TraceService, TraceServiceServer,
};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use opentelemetry_proto::tonic::common::v1::any_value::Value;
use prost::Message;

/// One span as received, flattened for assertions.
#[derive(Debug, Clone)]
pub struct ReceivedSpan {
    pub trace_id: String,
    pub span_id: String,
    pub parent_span_id: String,
    pub name: String,
    /// OTLP SpanKind: 2 = server, 3 = client, 1 = internal.
    pub kind: i32,
    pub attributes: HashMap<String, String>,
    pub resource: HashMap<String, String>,
    /// OTLP status code: 0 unset, 1 ok, 2 error.
    pub status_code: i32,
    pub events: Vec<String>,
}

#[derive(Default)]
struct Store {
    spans: Vec<ReceivedSpan>,
    /// Request headers (gRPC metadata or HTTP headers) of every export.
    headers: Vec<HashMap<String, String>>,
}

pub struct Receiver {
    pub grpc: SocketAddr,
    pub http: SocketAddr,
    store: Arc<Mutex<Store>>,
    _runtime: tokio::runtime::Runtime,
}

fn text(value: Option<&opentelemetry_proto::tonic::common::v1::AnyValue>) -> String {
    match value.and_then(|v| v.value.as_ref()) {
        Some(Value::StringValue(s)) => s.clone(),
        Some(Value::IntValue(i)) => i.to_string(),
        Some(Value::BoolValue(b)) => b.to_string(),
        Some(Value::DoubleValue(d)) => d.to_string(),
        other => format!("{other:?}"),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn record(
    store: &Mutex<Store>,
    request: ExportTraceServiceRequest,
    headers: HashMap<String, String>,
) {
    let mut store = store.lock().unwrap();
    store.headers.push(headers);
    for rs in request.resource_spans {
        let resource: HashMap<String, String> = rs
            .resource
            .map(|r| {
                r.attributes
                    .iter()
                    .map(|kv| (kv.key.clone(), text(kv.value.as_ref())))
                    .collect()
            })
            .unwrap_or_default();
        for ss in rs.scope_spans {
            for span in ss.spans {
                store.spans.push(ReceivedSpan {
                    trace_id: hex(&span.trace_id),
                    span_id: hex(&span.span_id),
                    parent_span_id: hex(&span.parent_span_id),
                    name: span.name,
                    kind: span.kind,
                    attributes: span
                        .attributes
                        .iter()
                        .map(|kv| (kv.key.clone(), text(kv.value.as_ref())))
                        .collect(),
                    resource: resource.clone(),
                    status_code: span.status.map_or(0, |s| s.code),
                    events: span.events.into_iter().map(|e| e.name).collect(),
                });
            }
        }
    }
}

struct Grpc(Arc<Mutex<Store>>);

#[tonic::async_trait]
impl TraceService for Grpc {
    async fn export(
        &self,
        request: tonic::Request<ExportTraceServiceRequest>,
    ) -> Result<tonic::Response<ExportTraceServiceResponse>, tonic::Status> {
        let headers = request
            .metadata()
            .iter()
            .filter_map(|kv| match kv {
                tonic::metadata::KeyAndValueRef::Ascii(k, v) => {
                    Some((k.to_string(), v.to_str().ok()?.to_owned()))
                }
                tonic::metadata::KeyAndValueRef::Binary(..) => None,
            })
            .collect();
        record(&self.0, request.into_inner(), headers);
        Ok(tonic::Response::new(ExportTraceServiceResponse {
            partial_success: None,
        }))
    }
}

impl Receiver {
    pub fn start() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let store = Arc::new(Mutex::new(Store::default()));
        let (grpc, http) = runtime.block_on(async {
            let grpc_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let http_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addrs = (
                grpc_listener.local_addr().unwrap(),
                http_listener.local_addr().unwrap(),
            );
            let service = TraceServiceServer::new(Grpc(store.clone()));
            tokio::spawn(
                tonic::transport::Server::builder()
                    .add_service(service)
                    .serve_with_incoming(tonic::transport::server::TcpIncoming::from(
                        grpc_listener,
                    )),
            );
            tokio::spawn(serve_http(http_listener, store.clone()));
            addrs
        });
        Self {
            grpc,
            http,
            store,
            _runtime: runtime,
        }
    }

    pub fn grpc_url(&self) -> String {
        format!("http://{}", self.grpc)
    }

    pub fn http_url(&self) -> String {
        format!("http://{}", self.http)
    }

    pub fn spans(&self) -> Vec<ReceivedSpan> {
        self.store.lock().unwrap().spans.clone()
    }

    pub fn export_headers(&self) -> Vec<HashMap<String, String>> {
        self.store.lock().unwrap().headers.clone()
    }

    /// Waits until at least `n` spans arrived (or `timeout` passed) and returns them all.
    pub fn wait_for(&self, n: usize, timeout: Duration) -> Vec<ReceivedSpan> {
        let started = Instant::now();
        loop {
            let spans = self.spans();
            if spans.len() >= n || started.elapsed() > timeout {
                return spans;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

async fn serve_http(listener: tokio::net::TcpListener, store: Arc<Mutex<Store>>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let store = store.clone();
        let service =
            hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                let store = store.clone();
                async move {
                    let ok =
                        req.method() == hyper::Method::POST && req.uri().path() == "/v1/traces";
                    let headers = req
                        .headers()
                        .iter()
                        .filter_map(|(k, v)| Some((k.to_string(), v.to_str().ok()?.to_owned())))
                        .collect();
                    let body = req.into_body().collect().await.map(|b| b.to_bytes());
                    let status = match (ok, body) {
                        (true, Ok(bytes)) => match ExportTraceServiceRequest::decode(bytes) {
                            Ok(request) => {
                                record(&store, request, headers);
                                200
                            }
                            Err(_) => 400,
                        },
                        _ => 404,
                    };
                    let mut response =
                        hyper::Response::new(http_body_util::Full::new(bytes::Bytes::from(
                            ExportTraceServiceResponse {
                                partial_success: None,
                            }
                            .encode_to_vec(),
                        )));
                    *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap();
                    response.headers_mut().insert(
                        "content-type",
                        hyper::header::HeaderValue::from_static("application/x-protobuf"),
                    );
                    Ok::<_, std::convert::Infallible>(response)
                }
            });
        tokio::spawn(
            hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service),
        );
    }
}

/// A collector that accepts connections and never answers: exports hang until they time
/// out. The listener lives as long as the test process.
pub fn black_hole() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().take(64) {
            held.push(stream);
        }
    });
    url
}
