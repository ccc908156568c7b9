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
    MOTO.get_or_init(|| Moto::start(&[]))
}

/// A second moto that enforces IAM, and the keys of a user that may do nothing.
pub struct Restricted {
    pub moto: Moto,
    pub access_key_id: String,
    pub secret_access_key: String,
}

/// moto with IAM enforcement on after its first two calls, which create the user.
pub fn restricted() -> &'static Restricted {
    static RESTRICTED: OnceLock<Restricted> = OnceLock::new();
    RESTRICTED.get_or_init(|| {
        let moto = Moto::start(&[("INITIAL_NO_AUTH_ACTION_COUNT", "2")]);
        let iam = moto.iam();
        moto.block_on(iam.create_user().user_name("no-permissions").send())
            .expect("create the restricted user");
        let key = moto
            .block_on(iam.create_access_key().user_name("no-permissions").send())
            .expect("create the restricted user's key")
            .access_key
            .expect("access key");
        Restricted {
            access_key_id: key.access_key_id,
            secret_access_key: key.secret_access_key,
            moto,
        }
    })
}

impl Moto {
    /// A moto server of the test's own, with moto's environment settings (e.g.
    /// INITIAL_NO_AUTH_ACTION_COUNT to turn IAM enforcement on).
    pub fn start(env: &[(&str, &str)]) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("find a free port")
            .port();
        let mut child = Command::new("python3")
            .args(["-c", GUARDIAN, &port.to_string()])
            .envs(env.iter().copied())
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

    /// Creates an EKS cluster in moto (in the default region) and returns its ARN.
    pub fn create_cluster(&self, name: &str) -> String {
        self.create_cluster_in(REGION, name)
    }

    /// Creates an EKS cluster in `region`. moto gives every cluster of a region the same
    /// OIDC issuer, so tests that need an issuer of their own use a region of their own.
    pub fn create_cluster_in(&self, region: &str, name: &str) -> String {
        let client = self.eks(region);
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

    /// A VPC (`10.N.0.0/16`) with one subnet (`10.N.1.0/24`) and an EKS cluster of
    /// `version` on it, in `region`: (vpc id, subnet id).
    pub fn cluster_in_vpc(
        &self,
        region: &str,
        name: &str,
        version: &str,
        n: u8,
    ) -> (String, String) {
        let ec2 = self.ec2(region);
        let vpc = self
            .block_on(ec2.create_vpc().cidr_block(format!("10.{n}.0.0/16")).send())
            .expect("create a VPC")
            .vpc
            .and_then(|v| v.vpc_id)
            .expect("VPC id");
        let subnet = self
            .block_on(
                ec2.create_subnet()
                    .vpc_id(&vpc)
                    .cidr_block(format!("10.{n}.1.0/24"))
                    .send(),
            )
            .expect("create a subnet")
            .subnet
            .and_then(|s| s.subnet_id)
            .expect("subnet id");
        let cfg = aws_sdk_eks::types::VpcConfigRequest::builder()
            .subnet_ids(&subnet)
            .build();
        self.block_on(
            self.eks(region)
                .create_cluster()
                .name(name)
                .version(version)
                .role_arn(format!("arn:aws:iam::{}:role/eks", super::ACCOUNT))
                .resources_vpc_config(cfg)
                .send(),
        )
        .expect("create a cluster");
        (vpc, subnet)
    }

    /// Runs a future on the harness's runtime (seeding and reading state back).
    pub fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    pub fn iam(&self) -> aws_sdk_iam::Client {
        aws_sdk_iam::Client::new(&self.config)
    }

    pub fn ecr(&self) -> aws_sdk_ecr::Client {
        aws_sdk_ecr::Client::new(&self.config)
    }

    pub fn eks(&self, region: &str) -> aws_sdk_eks::Client {
        let config = aws_sdk_eks::config::Builder::from(&self.config)
            .region(aws_config::Region::new(region.to_owned()))
            .build();
        aws_sdk_eks::Client::from_conf(config)
    }

    pub fn ec2(&self, region: &str) -> aws_sdk_ec2::Client {
        let config = aws_sdk_ec2::config::Builder::from(&self.config)
            .region(aws_config::Region::new(region.to_owned()))
            .build();
        aws_sdk_ec2::Client::from_conf(config)
    }

    pub fn ecr_in(&self, region: &str) -> aws_sdk_ecr::Client {
        let config = aws_sdk_ecr::config::Builder::from(&self.config)
            .region(aws_config::Region::new(region.to_owned()))
            .build();
        aws_sdk_ecr::Client::from_conf(config)
    }

    /// Describes a cluster as the test sees it (endpoint, CA data).
    pub fn cluster(&self, name: &str) -> aws_sdk_eks::types::Cluster {
        self.cluster_in(REGION, name)
    }

    pub fn cluster_in(&self, region: &str, name: &str) -> aws_sdk_eks::types::Cluster {
        let client = self.eks(region);
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
