//! How a worker's requests reach the target: plain `http://` over HTTP/1.1 through the lean
//! client in [`super::h1`], everything else (`https://`, `--http2`, targets on several
//! hosts) through hyper's pooled client with rustls.

use std::sync::Arc;

use bytes::Bytes;
use http::{HeaderValue, Request, Uri, header};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use super::engine::Plan;
use super::h1::{self, wire::Template};
use super::stats::ErrorKind;

pub const USER_AGENT: &str = concat!("otelctl-loadgen/", env!("CARGO_PKG_VERSION"));

type HttpClient = Client<hyper_rustls::HttpsConnector<HttpConnector>, Full<Bytes>>;

/// What workers share to build their transports.
#[derive(Clone)]
pub enum Shared {
    Hyper(Box<HttpClient>),
    /// One rendered request per target.
    Lean(Arc<[Template]>),
}

impl Shared {
    pub fn new(plan: &Plan) -> Result<Self, rustls::Error> {
        if lean_fits(plan) {
            let templates = plan
                .targets
                .iter()
                .map(|uri| {
                    Template::new(
                        &plan.method,
                        uri,
                        &plan.headers,
                        plan.body.len(),
                        USER_AGENT,
                    )
                })
                .collect();
            return Ok(Shared::Lean(templates));
        }
        let mut http = HttpConnector::new();
        http.set_nodelay(true);
        http.enforce_http(false);
        let tls = super::tls::client_config(plan.insecure)?;
        let builder = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http();
        let connector = if plan.http2 {
            builder.enable_http2().wrap_connector(http)
        } else {
            builder.enable_http1().wrap_connector(http)
        };
        Ok(Shared::Hyper(Box::new(
            Client::builder(TokioExecutor::new())
                .pool_max_idle_per_host(plan.concurrency)
                .http2_only(plan.http2)
                .build(connector),
        )))
    }

    /// A worker's own transport.
    pub fn transport(&self, plan: &Plan) -> Transport {
        match self {
            Shared::Hyper(client) => Transport::Hyper(client.as_ref().clone()),
            Shared::Lean(templates) => Transport::Lean {
                connection: h1::Connection::new(&plan.targets[0]),
                templates: templates.clone(),
                out: Vec::new(),
            },
        }
    }
}

/// The lean client takes HTTP/1.1 to one plain-http host.
fn lean_fits(plan: &Plan) -> bool {
    let Some(first) = plan.targets.first() else {
        return false;
    };
    !plan.http2
        && plan
            .targets
            .iter()
            .all(|t| t.scheme_str() == Some("http") && t.authority() == first.authority())
}

pub enum Transport {
    Hyper(HttpClient),
    Lean {
        connection: h1::Connection,
        templates: Arc<[Template]>,
        /// The request being sent, rendered in place.
        out: Vec<u8>,
    },
}

impl Transport {
    /// Sends the plan's request to target number `index` with this traceparent; returns
    /// the status and the body's size.
    pub async fn exchange(
        &mut self,
        plan: &Plan,
        index: usize,
        traceparent: &[u8; 55],
    ) -> Result<(u16, u64), ErrorKind> {
        match self {
            Transport::Lean {
                connection,
                templates,
                out,
            } => {
                let template = &templates[index];
                template.render(traceparent, &plan.body, out);
                connection.exchange(out, template).await
            }
            Transport::Hyper(client) => {
                let request = hyper_request(plan, &plan.targets[index], traceparent)?;
                let response = client.request(request).await.map_err(|e| {
                    if e.is_connect() {
                        ErrorKind::Connect
                    } else {
                        ErrorKind::Other
                    }
                })?;
                let status = response.status().as_u16();
                let body = response
                    .into_body()
                    .collect()
                    .await
                    .map_err(|_| ErrorKind::Other)?;
                Ok((status, body.to_bytes().len() as u64))
            }
        }
    }
}

fn hyper_request(
    plan: &Plan,
    target: &Uri,
    traceparent: &[u8; 55],
) -> Result<Request<Full<Bytes>>, ErrorKind> {
    let mut request = Request::builder()
        .method(plan.method.clone())
        .uri(target.clone());
    let mut agent = true;
    for (name, value) in &plan.headers {
        agent &= *name != header::USER_AGENT;
        if name.as_str() != "traceparent" {
            request = request.header(name, value);
        }
    }
    if agent {
        request = request.header(header::USER_AGENT, USER_AGENT);
    }
    let traceparent = HeaderValue::from_bytes(traceparent).map_err(|_| ErrorKind::Other)?;
    request
        .header("traceparent", traceparent)
        .body(Full::new(plan.body.clone()))
        .map_err(|_| ErrorKind::Other)
}
