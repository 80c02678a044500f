import { describe, expect, test } from 'vitest';
import { referenceInlinePolicy } from '../../../aws-sim/index.ts';
import { AWS_ACTIONS } from '../actions.ts';
import { setupDocuments } from './index.ts';
import { policyLineFor } from '../errors.ts';
import { inlinePolicy } from './inline-policy.ts';
import { trustedPrincipalFor } from './trust-policy.ts';

const ALL = { organizations: true, identityCenterRegion: 'eu-west-1', crossAccountRoleName: 'OrganizationAccountAccessRole' } as const;

function actionsOf(doc: { Statement: { Action?: string | string[] }[] | { Action?: string | string[] } }): Set<string> {
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : s.Action ? [s.Action] : [])));
}

describe('the generated inline policy', () => {
  test("every required action is one the setup guide's policy grants (cross-account IAM aside, which the guide lacks)", () => {
    const guide = actionsOf(referenceInlinePolicy);
    const outside = AWS_ACTIONS.filter((a) => a.required && a.use !== 'cross-account' && !guide.has(a.action)).map((a) => a.action);
    expect(outside).toEqual([]);
  });

  test("with every feature on, it grants everything the guide's policy grants", () => {
    const generated = actionsOf(inlinePolicy(ALL));
    expect([...actionsOf(referenceInlinePolicy)].filter((a) => !generated.has(a))).toEqual([]);
  });

  test('keeps the guide’s narrow resources for Identity Center roles and SAML providers', () => {
    const byId = Object.fromEntries(inlinePolicy(ALL).Statement.map((s) => [s.Sid, s]));
    expect(byId.AccessToSSOProvisionedRoles?.Resource).toBe('arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*');
    expect(byId.AccessToSSOSAMLProviders?.Resource).toBe('arn:aws:iam::*:saml-provider/AWSSSO_*_DO_NOT_DELETE');
    expect(byId.RRCUCrossAccountIAM).toEqual({ Sid: 'RRCUCrossAccountIAM', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: 'arn:aws:iam::*:role/OrganizationAccountAccessRole' });
  });

  test('leaves out the services of features that are off', () => {
    const actions = [...actionsOf(inlinePolicy({ organizations: false, identityCenterRegion: undefined, crossAccountRoleName: undefined }))];
    expect(actions.filter((a) => /^(organizations|sso|identitystore|sts):/.test(a))).toEqual([]);
    expect(actions).toContain('iam:ListUsers');
  });

  test('names the statement to add a denied action to', () => {
    // The statement names are those of the policy RRCU generates, so the fix points at what the user pasted.
    const sids = new Set(inlinePolicy(ALL).Statement.map((s) => s.Sid));
    for (const action of ['sso:ListAccountAssignments', 'sso:CreateAccountAssignment', 'iam:CreateRole', 'iam:ListPolicies']) {
      const sid = /"([A-Za-z]+)" statement/.exec(policyLineFor(action, ALL))?.[1];
      expect(sids.has(sid!)).toBe(true);
    }
  });
});

describe('setup documents', () => {
  const config = { ...ALL, externalId: 'x'.repeat(32), region: 'us-east-1' };

  test('the trust policy names the identity RRCU runs as and requires the External ID', () => {
    const docs = setupDocuments(config, 'arn:aws:sts::702124331416:assumed-role/rrcu-task/i-0abc');
    expect(docs.trustPolicy.Statement[0]).toEqual({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::702124331416:role/rrcu-task' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'x'.repeat(32) } },
    });
    expect(trustedPrincipalFor('arn:aws:iam::702124331416:user/rrcu')).toBe('arn:aws:iam::702124331416:user/rrcu');
  });

  test('Terraform and CloudFormation carry the same trust and policy, with the External ID as a parameter', () => {
    const docs = setupDocuments(config, 'arn:aws:iam::702124331416:user/rrcu');
    expect(docs.terraform).toContain('"sts:ExternalId": var.external_id');
    expect(docs.terraform).toContain(`default     = "${'x'.repeat(32)}"`);
    expect(docs.terraform).toContain('"iam:ListUsers"');
    const cfn = JSON.parse(docs.cloudFormation) as { Resources: { RRCURole: { Properties: { Policies: { PolicyDocument: unknown }[]; AssumeRolePolicyDocument: { Statement: { Condition: unknown }[] } } } } };
    expect(cfn.Resources.RRCURole.Properties.Policies[0]!.PolicyDocument).toEqual(docs.inlinePolicy);
    expect(cfn.Resources.RRCURole.Properties.AssumeRolePolicyDocument.Statement[0]!.Condition).toEqual({ StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } });
  });
});
