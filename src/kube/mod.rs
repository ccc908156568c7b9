//! Kubernetes access: kubeconfig files and the EKS token exec plugin.

pub mod kubeconfig;
pub mod token;
