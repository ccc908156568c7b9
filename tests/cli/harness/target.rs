//! A load-test target: answers every request with a chosen status after a chosen delay,
//! and keeps each request's `traceparent` so tests can check them all.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::Full;

pub struct Target {
    pub url: String,
    traceparents: Arc<Mutex<Vec<String>>>,
    _runtime: tokio::runtime::Runtime,
}

impl Target {
    pub fn start(status: u16, delay: Duration) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let traceparents = Arc::new(Mutex::new(Vec::new()));
        let seen = traceparents.clone();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let url = format!("http://{}/work", listener.local_addr().unwrap());
        runtime.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let seen = seen.clone();
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
                            seen.lock().unwrap().push(tp);
                            tokio::time::sleep(delay).await;
                            let mut r =
                                hyper::Response::new(Full::new(bytes::Bytes::from_static(b"ok")));
                            *r.status_mut() = hyper::StatusCode::from_u16(status).unwrap();
                            Ok::<_, std::convert::Infallible>(r)
                        }
                    },
                );
                tokio::spawn(
                    hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service),
                );
            }
        });
        Self {
            url,
            traceparents,
            _runtime: runtime,
        }
    }

    pub fn traceparents(&self) -> Vec<String> {
        self.traceparents.lock().unwrap().clone()
    }
}
