//! The OTLP span exporter: one request per batch, over HTTP/protobuf or gRPC.
//!
//! Ours rather than `opentelemetry-otlp`'s. That crate converts every span into
//! `opentelemetry-proto` structs before prost encodes them; on `otelctl serve`'s spans,
//! conversion plus encoding costs about 5 times what [`encode`] does for the same bytes
//! (`benches/export.rs`), more than the overhead budget of a whole traced request. The
//! endpoint, protocol, `OTEL_EXPORTER_OTLP_HEADERS` and `_TIMEOUT` rules are in
//! `config.rs`. Not supported: TLS endpoints, compression, and retries (which the crate
//! did not do by default either). The bytes on the wire are the ones prost writes.

mod body;
pub mod encode;

use std::time::Duration;

use bytes::{Buf as _, BufMut as _, Bytes};
use http::header::{CONTENT_TYPE, USER_AGENT};
use http::{HeaderMap, HeaderName, HeaderValue, Uri};
use http_body_util::{BodyExt as _, Full, Limited};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::error::{OTelSdkError, OTelSdkResult};
use opentelemetry_sdk::trace::{SpanData, SpanExporter};
use thiserror::Error;

use body::{Body, BodyPool};

use super::config::{Protocol, TelemetryConfig};
use crate::kube::client::error_text;

const AGENT: &str = concat!("otelctl/", env!("CARGO_PKG_VERSION"));
const GRPC_EXPORT: &str = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
/// How much of a refusal's body goes into the error message.
const ERROR_BODY_LIMIT: usize = 512;

#[derive(Debug, Error)]
pub enum ExporterError {
    #[error("`{0}` is not a valid URL")]
    Url(String),
    #[error("{0} endpoints are not supported; use the collector's plain http:// endpoint")]
    Scheme(String),
    #[error("header `{0}` is not a valid HTTP header name or value")]
    Header(String),
}

/// Sends finished spans to an OTLP collector.
#[derive(Debug)]
pub struct OtlpExporter {
    transport: Transport,
    /// The encoded `Resource` message, set by the provider before the first export.
    resource: Vec<u8>,
    schema_url: Option<String>,
    timeout: Duration,
    /// The body buffer, reused from one export to the next.
    bodies: BodyPool,
}

#[derive(Debug)]
enum Transport {
    Http {
        client: Box<Client<HttpConnector, Full<Bytes>>>,
        uri: Uri,
        headers: HeaderMap,
    },
    Grpc {
        channel: tonic::transport::Channel,
        metadata: tonic::metadata::MetadataMap,
    },
}

impl OtlpExporter {
    /// An exporter for `config`'s endpoint. Must be called inside a tokio runtime; it
    /// connects on the first export, so a collector that is not up yet is no error.
    pub fn new(config: &TelemetryConfig) -> Result<Self, ExporterError> {
        let uri: Uri = config
            .endpoint
            .parse()
            .map_err(|_| ExporterError::Url(config.endpoint.clone()))?;
        match uri.scheme_str() {
            Some("http") if uri.host().is_some() => {}
            Some(scheme @ "https") => return Err(ExporterError::Scheme(scheme.to_owned())),
            _ => return Err(ExporterError::Url(config.endpoint.clone())),
        }
        let mut headers = HeaderMap::new();
        for (key, value) in config.headers.pairs() {
            let name = HeaderName::from_bytes(key.as_bytes())
                .map_err(|_| ExporterError::Header(key.clone()))?;
            let mut value =
                HeaderValue::from_str(value).map_err(|_| ExporterError::Header(key.clone()))?;
            // Kept out of `Debug` output, and out of HTTP/2's header compression table.
            value.set_sensitive(true);
            headers.append(name, value);
        }
        let transport = match config.protocol {
            Protocol::HttpProtobuf => {
                let mut connector = HttpConnector::new();
                connector.set_nodelay(true);
                connector.set_connect_timeout(Some(config.timeout));
                headers.insert(
                    CONTENT_TYPE,
                    HeaderValue::from_static("application/x-protobuf"),
                );
                headers.insert(USER_AGENT, HeaderValue::from_static(AGENT));
                Transport::Http {
                    client: Box::new(Client::builder(TokioExecutor::new()).build(connector)),
                    uri,
                    headers,
                }
            }
            Protocol::Grpc => {
                let channel = tonic::transport::Endpoint::from(uri)
                    .user_agent(AGENT)
                    .map_err(|_| ExporterError::Header("user-agent".into()))?
                    .connect_timeout(config.timeout)
                    .tcp_nodelay(true)
                    .connect_lazy();
                Transport::Grpc {
                    channel,
                    metadata: tonic::metadata::MetadataMap::from_headers(headers),
                }
            }
        };
        Ok(Self {
            transport,
            resource: Vec::new(),
            schema_url: None,
            timeout: config.timeout,
            bodies: BodyPool::default(),
        })
    }

    async fn send(&self, body: Body) -> Result<(), String> {
        match &self.transport {
            Transport::Http {
                client,
                uri,
                headers,
            } => {
                let mut request = http::Request::post(uri.clone())
                    .body(Full::new(Bytes::from_owner(body)))
                    .map_err(|e| e.to_string())?;
                *request.headers_mut() = headers.clone();
                let response = client
                    .request(request)
                    .await
                    .map_err(|e| format!("{uri}: {}", error_text(&e)))?;
                let status = response.status();
                // Read the answer either way, so the connection can carry the next batch.
                let body = Limited::new(response.into_body(), 64 * 1024)
                    .collect()
                    .await
                    .map(|b| b.to_bytes())
                    .unwrap_or_default();
                if status.is_success() {
                    warn_if_rejected(&body);
                    Ok(())
                } else {
                    let text = String::from_utf8_lossy(&body);
                    Err(format!(
                        "the collector answered {status}: {}",
                        clip(text.trim())
                    ))
                }
            }
            Transport::Grpc { channel, metadata } => {
                let mut grpc = tonic::client::Grpc::new(channel.clone());
                grpc.ready().await.map_err(|e| error_text(&e))?;
                let mut request = tonic::Request::new(body);
                *request.metadata_mut() = metadata.clone();
                grpc.unary(
                    request,
                    http::uri::PathAndQuery::from_static(GRPC_EXPORT),
                    Raw,
                )
                .await
                .map(|answer| warn_if_rejected(answer.get_ref()))
                .map_err(|status| {
                    let mut why = format!("gRPC {:?}: {}", status.code(), clip(status.message()));
                    if let Some(cause) = std::error::Error::source(&status) {
                        why.push_str(": ");
                        why.push_str(&error_text(cause));
                    }
                    why
                })
            }
        }
    }
}

/// At most [`ERROR_BODY_LIMIT`] characters of a collector's words.
fn clip(text: &str) -> String {
    text.chars().take(ERROR_BODY_LIMIT).collect()
}

/// How many spans of an accepted export the collector still refused, and why: the
/// `partial_success` of its `ExportTraceServiceResponse`. `None` when it took them all
/// (an empty answer is an empty message) or when the answer is not protobuf.
fn rejected(answer: &[u8]) -> Option<(i64, String)> {
    use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceResponse;
    use prost::Message as _;
    let partial = ExportTraceServiceResponse::decode(answer)
        .ok()?
        .partial_success?;
    (partial.rejected_spans > 0 || !partial.error_message.is_empty())
        .then(|| (partial.rejected_spans, clip(&partial.error_message)))
}

fn warn_if_rejected(answer: &[u8]) {
    if let Some((spans, why)) = rejected(answer) {
        tracing::warn!(spans, reason = %why, "the collector refused part of an export");
    }
}

impl SpanExporter for OtlpExporter {
    async fn export(&self, batch: Vec<SpanData>) -> OTelSdkResult {
        if batch.is_empty() {
            return Ok(());
        }
        let mut body = self.bodies.buffer();
        encode::request(
            &mut body,
            &self.resource,
            self.schema_url.as_deref(),
            &batch,
        );
        drop(batch);
        let body = self.bodies.body(body);
        match tokio::time::timeout(self.timeout, self.send(body)).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(why)) => Err(OTelSdkError::InternalFailure(why)),
            Err(_) => Err(OTelSdkError::Timeout(self.timeout)),
        }
    }

    fn set_resource(&mut self, resource: &Resource) {
        self.resource = encode::resource(resource);
        self.schema_url = resource.schema_url().map(str::to_owned);
    }
}

/// A gRPC codec for a body that is already protobuf, and an answer left as bytes for
/// [`rejected`] to read.
#[derive(Debug, Clone, Copy)]
struct Raw;

impl tonic::codec::Codec for Raw {
    type Encode = Body;
    type Decode = Vec<u8>;
    type Encoder = Raw;
    type Decoder = Raw;

    fn encoder(&mut self) -> Raw {
        Raw
    }

    fn decoder(&mut self) -> Raw {
        Raw
    }
}

impl tonic::codec::Encoder for Raw {
    type Item = Body;
    type Error = tonic::Status;

    fn encode(
        &mut self,
        item: Body,
        dst: &mut tonic::codec::EncodeBuf<'_>,
    ) -> Result<(), tonic::Status> {
        dst.put_slice(item.as_ref());
        Ok(())
    }
}

impl tonic::codec::Decoder for Raw {
    type Item = Vec<u8>;
    type Error = tonic::Status;

    fn decode(
        &mut self,
        src: &mut tonic::codec::DecodeBuf<'_>,
    ) -> Result<Option<Vec<u8>>, tonic::Status> {
        Ok(Some(src.copy_to_bytes(src.remaining()).into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::telemetry::config::{BatchSettings, Headers, SamplerChoice};

    fn config(protocol: Protocol, endpoint: &str, headers: &[(&str, &str)]) -> TelemetryConfig {
        TelemetryConfig {
            disabled: false,
            protocol,
            endpoint: endpoint.into(),
            headers: Headers::new(
                headers
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .collect(),
            ),
            timeout: Duration::from_secs(1),
            service_name: "t".into(),
            resource: Vec::new(),
            sampler: SamplerChoice::AlwaysOn,
            batch: BatchSettings {
                max_queue_size: 8,
                scheduled_delay: Duration::from_secs(1),
                max_export_batch_size: 8,
                export_timeout: Duration::from_secs(1),
            },
        }
    }

    #[tokio::test]
    async fn endpoints_and_headers_are_checked_up_front() {
        let build = |p, e, h| OtlpExporter::new(&config(p, e, h)).map(drop);
        build(Protocol::HttpProtobuf, "http://c:4318/v1/traces", &[]).unwrap();
        build(Protocol::Grpc, "http://c:4317", &[("x-team", "a")]).unwrap();
        assert!(matches!(
            build(Protocol::Grpc, "https://c:4317", &[]),
            Err(ExporterError::Scheme(_))
        ));
        assert!(matches!(
            build(Protocol::HttpProtobuf, "http://", &[]),
            Err(ExporterError::Url(_))
        ));
        let err = build(Protocol::HttpProtobuf, "http://c", &[("bad key", "s3cret")]);
        assert!(matches!(&err, Err(ExporterError::Header(k)) if k == "bad key"));
        let err = build(Protocol::HttpProtobuf, "http://c", &[("k", "line\nbreak")]);
        assert!(matches!(&err, Err(ExporterError::Header(k)) if k == "k"));
        assert!(
            !format!("{err:?}").contains("break"),
            "a value is never shown"
        );
    }

    /// A collector that answers one export with `status` and `body`, and hands back the
    /// request it read.
    async fn collector(
        status: &'static str,
        body: &'static str,
    ) -> (String, tokio::task::JoinHandle<Vec<u8>>) {
        use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/v1/traces", listener.local_addr().unwrap());
        let served = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut request = Vec::new();
            let mut chunk = [0u8; 4096];
            loop {
                let n = stream.read(&mut chunk).await.unwrap();
                request.extend_from_slice(&chunk[..n]);
                let text = String::from_utf8_lossy(&request).to_lowercase();
                if let Some(end) = text.find("\r\n\r\n") {
                    let length: usize = text
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .map_or(0, |v| v.trim().parse().unwrap());
                    if request.len() >= end + 4 + length {
                        break;
                    }
                }
                assert!(n > 0, "the exporter hung up mid-request");
            }
            let answer = format!(
                "HTTP/1.1 {status}\r\ncontent-length: {}\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(answer.as_bytes()).await.unwrap();
            request
        });
        (url, served)
    }

    fn exporter(url: &str) -> OtlpExporter {
        let mut exporter = OtlpExporter::new(&config(
            Protocol::HttpProtobuf,
            url,
            &[("Authorization", "Bearer s3cret")],
        ))
        .unwrap();
        exporter.set_resource(&Resource::builder_empty().with_service_name("svc").build());
        exporter
    }

    fn spans() -> Vec<SpanData> {
        let scope = opentelemetry::InstrumentationScope::builder("otelctl").build();
        (0..3).map(|n| encode::tests::base(&scope, n)).collect()
    }

    #[tokio::test]
    async fn http_export_posts_protobuf_with_the_configured_headers() {
        use prost::Message as _;
        let (url, served) = collector("200 OK", "").await;
        exporter(&url).export(spans()).await.unwrap();
        let request = served.await.unwrap();
        let end = request.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&request[..end]).to_lowercase();
        assert!(head.starts_with("post /v1/traces http/1.1"), "{head}");
        for header in [
            "content-type: application/x-protobuf",
            "authorization: bearer s3cret",
            "user-agent: otelctl/",
        ] {
            assert!(head.contains(header), "{header} missing from {head}");
        }
        let sent =
            opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest::decode(
                &request[end + 4..],
            )
            .unwrap();
        let rs = &sent.resource_spans[0];
        assert_eq!(rs.scope_spans[0].spans.len(), 3);
        let service = &rs.resource.as_ref().unwrap().attributes[0];
        assert_eq!(service.key, "service.name");
    }

    #[tokio::test]
    async fn a_refusal_is_an_error_with_the_status_and_the_collectors_words() {
        let (url, served) = collector("503 Service Unavailable", "queue full").await;
        let err = exporter(&url).export(spans()).await.unwrap_err();
        served.await.unwrap();
        let text = err.to_string();
        assert!(
            text.contains("503") && text.contains("queue full"),
            "{text}"
        );
        assert!(!text.contains("s3cret"), "{text}");
    }

    #[test]
    fn a_partial_success_is_read_from_the_answer() {
        use opentelemetry_proto::tonic::collector::trace::v1::{
            ExportTracePartialSuccess, ExportTraceServiceResponse,
        };
        use prost::Message as _;
        let answer = |rejected_spans, error_message: &str| {
            ExportTraceServiceResponse {
                partial_success: Some(ExportTracePartialSuccess {
                    rejected_spans,
                    error_message: error_message.into(),
                }),
            }
            .encode_to_vec()
        };
        assert_eq!(
            rejected(&answer(7, "over quota")),
            Some((7, "over quota".to_owned()))
        );
        assert_eq!(rejected(&answer(0, "")), None);
        assert_eq!(rejected(b""), None, "an empty answer took everything");
        assert_eq!(rejected(b"\xff\xff"), None, "not protobuf: nothing to say");
    }

    #[tokio::test]
    async fn a_collector_that_never_answers_is_a_timeout() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/v1/traces", listener.local_addr().unwrap());
        let mut config = config(Protocol::HttpProtobuf, &url, &[]);
        config.timeout = Duration::from_millis(200);
        let exporter = OtlpExporter::new(&config).unwrap();
        let err = exporter.export(spans()).await.unwrap_err();
        assert!(matches!(err, OTelSdkError::Timeout(_)), "{err:?}");
        drop(listener);
    }
}
