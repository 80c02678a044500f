import type { PolicyDocument } from './inline-policy.ts';
import type { TrustPolicy } from './trust-policy.ts';

/** A Terraform configuration creating the connector role, as the alternative to the console steps. */
export function terraformModule(options: { roleName: string; trust: TrustPolicy; policy: PolicyDocument }): string {
  const trust = structuredClone(options.trust);
  const externalId = trust.Statement[0].Condition.StringEquals['sts:ExternalId'];
  trust.Statement[0].Condition.StringEquals['sts:ExternalId'] = '${var.external_id}';
  const hcl = (value: unknown) => JSON.stringify(value, null, 2).replace(/"\$\{var\.external_id\}"/, 'var.external_id').replace(/\n/g, '\n  ');
  return `variable "external_id" {
  description = "The External ID RRCU shows for this connector"
  type        = string
  default     = ${JSON.stringify(externalId)}
}

resource "aws_iam_role" "rrcu" {
  name = ${JSON.stringify(options.roleName)}
  assume_role_policy = jsonencode(${hcl(trust)})
}

resource "aws_iam_role_policy" "rrcu" {
  name = "RRCUPermissions"
  role = aws_iam_role.rrcu.id
  policy = jsonencode(${hcl(options.policy)})
}

output "role_arn" {
  description = "Paste this into RRCU as the connector's role ARN"
  value       = aws_iam_role.rrcu.arn
}
`;
}
