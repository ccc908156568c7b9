//! The load generator engine, shared by `otelctl demo` (and the `loadgen` command as it
//! grows): trace-aware HTTP load with HDR latency statistics.

pub mod engine;
pub mod stats;
pub mod thresholds;
mod tls;
