variable "cluster_name" {
  description = "EKS cluster name (otelctl's --cluster / OTELCTL_CLUSTER)."
  type        = string
}

variable "region" {
  description = "AWS region (otelctl's --region / AWS_REGION)."
  type        = string
}

variable "kubernetes_version" {
  description = "EKS Kubernetes version."
  type        = string
  default     = "1.31"
}

variable "vpc_cidr" {
  description = "VPC CIDR. A /16 leaves room for /19 private subnets (see modules/vpc)."
  type        = string
  default     = "10.0.0.0/16"
}

variable "availability_zones" {
  description = "How many AZs to spread subnets over."
  type        = number
  default     = 3
}

variable "enable_prefix_delegation" {
  description = "VPC CNI prefix delegation: /28 prefixes per ENI slot, far more pods per node."
  type        = bool
  default     = true
}

variable "node_instance_types" {
  description = "Managed node group instance types."
  type        = list(string)
  default     = ["t3.large"]
}

variable "node_count" {
  description = "Desired (and minimum) nodes."
  type        = number
  default     = 2
}

variable "repository" {
  description = "ECR repository for the demo image (otelctl.toml's `repository`)."
  type        = string
  default     = "otel-demo"
}

variable "alb_role_name" {
  description = "IAM role of the AWS Load Balancer Controller."
  type        = string
  default     = "AmazonEKSLoadBalancerControllerRole"
}
