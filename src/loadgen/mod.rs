//! The load generator engine, shared by `otelctl demo` and `otelctl loadgen`: trace-aware
//! HTTP load with HDR latency statistics, run here or as a Job of worker pods.

pub mod engine;
mod h1;
pub mod in_cluster;
pub mod job;
pub mod stats;
pub mod thresholds;
mod tls;
mod transport;
pub mod workers;
