module "vpc" {
  source = "./modules/vpc"

  name                     = var.cluster_name
  cidr                     = var.vpc_cidr
  availability_zones       = var.availability_zones
  enable_prefix_delegation = var.enable_prefix_delegation
}

module "eks" {
  source = "./modules/eks"

  cluster_name             = var.cluster_name
  kubernetes_version       = var.kubernetes_version
  subnet_ids               = module.vpc.private_subnet_ids
  node_instance_types      = var.node_instance_types
  node_count               = var.node_count
  enable_prefix_delegation = var.enable_prefix_delegation
}

module "irsa" {
  source = "./modules/irsa"

  role_name         = var.alb_role_name
  oidc_provider_arn = module.eks.oidc_provider_arn
  oidc_issuer       = module.eks.oidc_issuer
}

module "ecr" {
  source = "./modules/ecr"

  name = var.repository
}
