output "role_arn" {
  value = aws_iam_role.alb_controller.arn
}
