//! A load-test target: answers every request with a chosen status after a chosen delay,
//! and keeps each request's `traceparent` and HTTP version so tests can check them all.
//! It speaks HTTP/1.1 in the clear, HTTP/2 with prior knowledge (h2c), or HTTP/1.1 over
//! TLS with a self-signed certificate.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::Full;

/// How the target talks.
#[derive(Clone, Copy, PartialEq)]
pub enum Flavor {
    Http1,
    H2c,
    /// HTTP/1.1 over TLS, with a certificate no client trusts.
    Tls,
}

pub struct Target {
    pub url: String,
    seen: Arc<Mutex<Vec<(String, http::Version)>>>,
    _runtime: tokio::runtime::Runtime,
}

type Seen = Arc<Mutex<Vec<(String, http::Version)>>>;

impl Target {
    pub fn start(status: u16, delay: Duration) -> Self {
        Self::serve(status, delay, Flavor::Http1)
    }

    pub fn serve(status: u16, delay: Duration, flavor: Flavor) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let seen: Seen = Arc::default();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let scheme = if flavor == Flavor::Tls {
            "https"
        } else {
            "http"
        };
        let url = format!("{scheme}://{}/work", listener.local_addr().unwrap());
        let tls = (flavor == Flavor::Tls).then(acceptor);
        let recorded = seen.clone();
        runtime.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let seen = recorded.clone();
                let service = hyper::service::service_fn(
                    move |req: hyper::Request<hyper::body::Incoming>| {
                        let seen = seen.clone();
                        async move {
                            let tp = req
                                .headers()
                                .get("traceparent")
                                .and_then(|v| v.to_str().ok())
                                .unwrap_or("")
                                .to_owned();
                            seen.lock().unwrap().push((tp, req.version()));
                            tokio::time::sleep(delay).await;
                            let mut r =
                                hyper::Response::new(Full::new(bytes::Bytes::from_static(b"ok")));
                            *r.status_mut() = hyper::StatusCode::from_u16(status).unwrap();
                            Ok::<_, std::convert::Infallible>(r)
                        }
                    },
                );
                let tls = tls.clone();
                tokio::spawn(async move {
                    match (flavor, tls) {
                        (Flavor::H2c, _) => {
                            let _ = hyper::server::conn::http2::Builder::new(
                                hyper_util::rt::TokioExecutor::new(),
                            )
                            .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                            .await;
                        }
                        (Flavor::Tls, Some(tls)) => {
                            if let Ok(stream) = tls.accept(stream).await {
                                let _ = hyper::server::conn::http1::Builder::new()
                                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                                    .await;
                            }
                        }
                        _ => {
                            let _ = hyper::server::conn::http1::Builder::new()
                                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                                .await;
                        }
                    }
                });
            }
        });
        Self {
            url,
            seen,
            _runtime: runtime,
        }
    }

    pub fn traceparents(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|(tp, _)| tp.clone())
            .collect()
    }

    /// The HTTP version of every request seen.
    pub fn versions(&self) -> Vec<http::Version> {
        self.seen.lock().unwrap().iter().map(|(_, v)| *v).collect()
    }
}

/// A TLS acceptor with a fresh self-signed certificate for 127.0.0.1.
fn acceptor() -> tokio_rustls::TlsAcceptor {
    let key = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let cert = key.cert.der().clone();
    let private =
        rustls::pki_types::PrivateKeyDer::try_from(key.signing_key.serialize_der()).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![cert], private)
    .unwrap();
    tokio_rustls::TlsAcceptor::from(Arc::new(config))
}
