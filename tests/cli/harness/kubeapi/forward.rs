//! The pods/portforward subresource over WebSocket, as the API server speaks it to clients
//! that ask for `v4.channel.k8s.io`: one connection per forwarded port, data on channel 0,
//! errors on channel 1, and each channel opened by a frame holding the port (u16, LE).
//!
//! Behind a "pod port" is a real local socket the test names, so what travels through the
//! forward is real traffic to a real server.

use std::net::SocketAddr;

use futures_util::{SinkExt, StreamExt};
use http_body_util::Full;
use hyper::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::Role;

const PROTOCOL: &str = "v4.channel.k8s.io";

/// `(namespace, pod)` from `/api/v1/namespaces/<ns>/pods/<pod>/portforward`.
pub(super) fn target(path: &str) -> Option<(String, String)> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        ["api", "v1", "namespaces", ns, "pods", pod, "portforward"] => {
            Some(((*ns).to_owned(), (*pod).to_owned()))
        }
        _ => None,
    }
}

/// Accepts the upgrade and, once upgraded, pumps between the WebSocket and `backend`.
pub(super) fn accept(
    req: hyper::Request<hyper::body::Incoming>,
    port: u16,
    backend: SocketAddr,
) -> hyper::Response<Full<bytes::Bytes>> {
    let key = req
        .headers()
        .get("sec-websocket-key")
        .map(|k| tungstenite::handshake::derive_accept_key(k.as_bytes()))
        .unwrap_or_default();
    let offered = req
        .headers()
        .get("sec-websocket-protocol")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .split(',')
        .any(|p| p.trim() == PROTOCOL);
    if !offered {
        let mut refused = hyper::Response::new(Full::new(bytes::Bytes::from_static(
            b"only v4.channel.k8s.io is served",
        )));
        *refused.status_mut() = StatusCode::BAD_REQUEST;
        return refused;
    }
    tokio::spawn(async move {
        let Ok(upgraded) = hyper::upgrade::on(req).await else {
            return;
        };
        let io = hyper_util::rt::TokioIo::new(upgraded);
        let ws = tokio_tungstenite::WebSocketStream::from_raw_socket(io, Role::Server, None).await;
        pump(ws, port, backend).await;
    });
    let mut response = hyper::Response::new(Full::new(bytes::Bytes::new()));
    *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let headers = response.headers_mut();
    headers.insert("upgrade", "websocket".parse().unwrap());
    headers.insert("connection", "Upgrade".parse().unwrap());
    headers.insert("sec-websocket-accept", key.parse().unwrap());
    headers.insert("sec-websocket-protocol", PROTOCOL.parse().unwrap());
    response
}

async fn pump<S>(ws: tokio_tungstenite::WebSocketStream<S>, port: u16, backend: SocketAddr)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let (mut sink, mut stream) = ws.split();
    let [lo, hi] = port.to_le_bytes();
    for channel in [0u8, 1] {
        if sink
            .send(Message::binary(vec![channel, lo, hi]))
            .await
            .is_err()
        {
            return;
        }
    }
    let tcp = match tokio::net::TcpStream::connect(backend).await {
        Ok(tcp) => tcp,
        Err(e) => {
            let mut error = vec![1u8];
            error.extend(format!("error forwarding port {port}: {e}").into_bytes());
            let _ = sink.send(Message::binary(error)).await;
            let _ = sink.close().await;
            return;
        }
    };
    let (mut from_pod, mut to_pod) = tcp.into_split();
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        tokio::select! {
            message = stream.next() => match message {
                Some(Ok(Message::Binary(bytes))) if bytes.first() == Some(&0) => {
                    if to_pod.write_all(&bytes[1..]).await.is_err() {
                        break;
                    }
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
            read = from_pod.read(&mut buf) => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let mut frame = Vec::with_capacity(n + 1);
                    frame.push(0u8);
                    frame.extend_from_slice(&buf[..n]);
                    if sink.send(Message::binary(frame)).await.is_err() {
                        break;
                    }
                }
            },
        }
    }
    let _ = sink.close().await;
}
