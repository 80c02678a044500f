import type { PolicyDocument } from './inline-policy.ts';
import type { TrustPolicy } from './trust-policy.ts';

/** A CloudFormation template (JSON) creating the connector role. */
export function cloudFormationTemplate(options: { roleName: string; trust: TrustPolicy; policy: PolicyDocument }): string {
  const trust = structuredClone(options.trust);
  const externalId = trust.Statement[0].Condition.StringEquals['sts:ExternalId'];
  (trust.Statement[0].Condition.StringEquals as Record<string, unknown>)['sts:ExternalId'] = { Ref: 'ExternalId' };
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'The IAM role RRCU assumes to read (and, when allowed, change) access in this account',
    Parameters: { ExternalId: { Type: 'String', Default: externalId, Description: 'The External ID RRCU shows for this connector' } },
    Resources: {
      RRCURole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: options.roleName,
          AssumeRolePolicyDocument: trust,
          Policies: [{ PolicyName: 'RRCUPermissions', PolicyDocument: options.policy }],
        },
      },
    },
    Outputs: { RoleArn: { Description: "Paste this into RRCU as the connector's role ARN", Value: { 'Fn::GetAtt': ['RRCURole', 'Arn'] } } },
  };
  return `${JSON.stringify(template, null, 2)}\n`;
}
