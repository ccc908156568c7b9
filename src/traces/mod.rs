//! `otelctl traces`: a small Jaeger on one machine.
//!
//! An OTLP receiver (gRPC, HTTP/protobuf, HTTP/JSON), a bounded in-memory trace store, and
//! the Jaeger query API, so the pipeline can be seen working without a cluster, and so
//! `otelctl demo` has somewhere to send its spans.

pub mod jaeger;
pub mod model;
pub mod server;
pub mod store;
pub mod waterfall;
