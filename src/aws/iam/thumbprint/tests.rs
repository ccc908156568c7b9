//! A real TLS server on loopback with a root → intermediate → leaf chain: the thumbprint
//! must be the SHA-1 of the last certificate presented (the intermediate), as eksctl does.

use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

use super::*;

fn ca_params(name: &str) -> CertificateParams {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, name);
    params
}

struct Chain {
    root: CertificateDer<'static>,
    intermediate: CertificateDer<'static>,
    leaf: CertificateDer<'static>,
    leaf_key: PrivateKeyDer<'static>,
}

fn chain() -> Chain {
    let root =
        CertifiedIssuer::self_signed(ca_params("test root"), KeyPair::generate().unwrap()).unwrap();
    let intermediate = CertifiedIssuer::signed_by(
        ca_params("test intermediate"),
        KeyPair::generate().unwrap(),
        &root,
    )
    .unwrap();
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["localhost".to_owned()])
        .unwrap()
        .signed_by(&leaf_key, &intermediate)
        .unwrap();
    Chain {
        root: root.der().clone(),
        intermediate: intermediate.der().clone(),
        leaf: leaf.der().clone(),
        leaf_key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der())),
    }
}

async fn serve(chain: &Chain) -> u16 {
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(
        vec![chain.leaf.clone(), chain.intermediate.clone()],
        chain.leaf_key.clone_key(),
    )
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            if let Ok(mut tls) = acceptor.accept(tcp).await {
                let _ = tls.shutdown().await;
            }
        }
    });
    port
}

fn sha1_hex(der: &[u8]) -> String {
    aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY, der)
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn thumbprint_is_the_sha1_of_the_last_presented_certificate() {
    let chain = chain();
    let port = serve(&chain).await;
    let mut roots = RootCertStore::empty();
    roots.add(chain.root.clone()).unwrap();
    let got = issuer_thumbprint(&format!("https://localhost:{port}/id/ABC"), roots)
        .await
        .unwrap();
    assert_eq!(got, sha1_hex(&chain.intermediate));
    assert_ne!(got, sha1_hex(&chain.leaf));
    assert_eq!(got.len(), 40);
}

#[tokio::test]
async fn an_untrusted_issuer_is_refused_with_advice() {
    let chain = chain();
    let port = serve(&chain).await;
    let err = issuer_thumbprint(
        &format!("https://localhost:{port}/id/ABC"),
        RootCertStore::empty(),
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("--thumbprint"), "{err}");
}

#[tokio::test]
async fn an_unreachable_issuer_says_to_pass_the_thumbprint() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let err = issuer_thumbprint(
        &format!("https://127.0.0.1:{port}/id/X"),
        RootCertStore::empty(),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, ThumbprintError::Unreachable { .. }));
    assert!(err.to_string().contains("--thumbprint"));
}

#[test]
fn urls_and_manual_thumbprints() {
    assert_eq!(
        host_port("https://oidc.eks.us-east-1.amazonaws.com/id/X").unwrap(),
        ("oidc.eks.us-east-1.amazonaws.com".into(), 443)
    );
    assert_eq!(
        host_port("https://localhost:8443/id").unwrap(),
        ("localhost".into(), 8443)
    );
    assert!(host_port("http://x/").is_err());
    assert_eq!(
        parse_thumbprint("9E:99:A4:8A:99:60:B1:49:26:BB:7F:3B:02:E2:2D:A2:B0:AB:72:80").unwrap(),
        "9e99a48a9960b14926bb7f3b02e22da2b0ab7280"
    );
    assert!(parse_thumbprint("abc").is_err());
}
