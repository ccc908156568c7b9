//! Container images without Docker: a ko-style OCI image of the otelctl binary itself
//! (`otelctl image build`), and a push to any OCI distribution registry, ECR first
//! (`otelctl image push`).
//!
//! Everything that decides bytes (tar entries, JSON documents, digests, the layout on disk) is
//! pure and unit-tested here; the network is in [`registry`], and the docker CLI, where a
//! user asks for it, in [`docker`].

pub mod base;
pub mod build;
pub mod digest;
pub mod docker;
pub mod elf;
pub mod layer;
pub mod layout;
pub mod oci;
pub mod registry;

pub use digest::Digest;
