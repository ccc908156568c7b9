# The names otelctl reads: `otelctl kubeconfig update --cluster`, `iam alb-role --role-name`,
# `image push --repository`.

output "cluster_name" {
  value = module.eks.cluster_name
}

output "region" {
  value = var.region
}

output "alb_controller_role_arn" {
  value = module.irsa.role_arn
}

output "repository_url" {
  value = module.ecr.repository_url
}

output "vpc_id" {
  value = module.vpc.vpc_id
}
