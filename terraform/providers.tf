provider "aws" {
  region = var.region

  default_tags {
    tags = {
      "app.kubernetes.io/managed-by" = "terraform"
      project                        = var.cluster_name
    }
  }
}
