//! Kubernetes access: kubeconfig files, the EKS token exec plugin, a client built from the
//! kubeconfig, and Helm's release records read straight from the API.

pub mod client;
pub mod forward;
pub mod helm;
pub mod kubeconfig;
pub mod token;
