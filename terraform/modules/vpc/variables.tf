variable "name" {
  type = string
}

variable "cidr" {
  type = string
}

variable "availability_zones" {
  type = number
}

variable "enable_prefix_delegation" {
  description = "Recorded here so subnet sizing and the CNI setting are decided together (see main.tf)."
  type        = bool
}
