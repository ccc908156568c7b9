//! Integration tests: the real `otelctl` binary against real stand-ins (see `harness`).

mod harness;

mod bootstrap;
mod cli;
mod completions;
mod demo;
mod doctor;
mod ecr;
mod helm;
mod iam;
mod image;
mod infra;
mod kubeapi;
mod kubeconfig;
mod loadgen;
mod port_forward;
mod serve;
mod settings;
mod token;
mod traces;
mod ui;
mod whoami;
