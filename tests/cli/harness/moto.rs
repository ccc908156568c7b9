//! One `moto_server` per test binary, on a free loopback port, seeded through the AWS APIs.
//!
//! moto is started under a small Python guardian that stops it when our stdin closes, i.e.
//! when the test process exits however it exits, so no server outlives the run.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use aws_config::BehaviorVersion;
use aws_credential_types::Credentials;

use super::REGION;

const GUARDIAN: &str = "import subprocess, sys\n\
p = subprocess.Popen(['moto_server', '-H', '127.0.0.1', '-p', sys.argv[1]],\n\
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n\
sys.stdin.read()\n\
p.terminate()\n\
p.wait()\n";

pub struct Moto {
    pub endpoint: String,
    _guardian: Mutex<(Child, ChildStdin)>,
    runtime: tokio::runtime::Runtime,
    config: aws_config::SdkConfig,
}

/// The shared moto server, started on first use.
pub fn moto() -> &'static Moto {
    static MOTO: OnceLock<Moto> = OnceLock::new();
    MOTO.get_or_init(Moto::start)
}

impl Moto {
    fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("find a free port")
            .port();
        let mut child = Command::new("python3")
            .args(["-c", GUARDIAN, &port.to_string()])
            .stdin(Stdio::piped())
            .spawn()
            .expect("start python3 (run the README's test command, which installs moto)");
        let stdin = child.stdin.take().expect("guardian stdin");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("moto_server exited with {status}: is moto[server] installed?");
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "moto_server did not listen on {port} within 60s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let endpoint = format!("http://127.0.0.1:{port}");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let config = runtime.block_on(
            aws_config::defaults(BehaviorVersion::latest())
                .region(aws_config::Region::new(REGION))
                .endpoint_url(&endpoint)
                .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
                .load(),
        );
        Self {
            endpoint,
            _guardian: Mutex::new((child, stdin)),
            runtime,
            config,
        }
    }

    /// Creates an EKS cluster in moto and returns its ARN.
    pub fn create_cluster(&self, name: &str) -> String {
        let client = aws_sdk_eks::Client::new(&self.config);
        let vpc = aws_sdk_eks::types::VpcConfigRequest::builder()
            .subnet_ids("subnet-12345678")
            .build();
        let out = self
            .runtime
            .block_on(
                client
                    .create_cluster()
                    .name(name)
                    .role_arn(format!("arn:aws:iam::{}:role/eks-cluster", super::ACCOUNT))
                    .resources_vpc_config(vpc)
                    .send(),
            )
            .expect("seed an EKS cluster in moto");
        out.cluster.and_then(|c| c.arn).expect("cluster ARN")
    }

    /// Describes a cluster as the test sees it (endpoint, CA data).
    pub fn cluster(&self, name: &str) -> aws_sdk_eks::types::Cluster {
        let client = aws_sdk_eks::Client::new(&self.config);
        self.runtime
            .block_on(client.describe_cluster().name(name).send())
            .expect("describe the seeded cluster")
            .cluster
            .expect("cluster")
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        if let Ok(mut guard) = self._guardian.lock() {
            let _ = guard.1.write_all(b"stop");
        }
    }
}
