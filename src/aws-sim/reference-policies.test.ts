import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  connectorInlinePolicy, crossAccountStatement, referenceInlinePolicy, terraformInlinePolicy, trustPolicyFor,
} from './reference-policies.ts';
import { CONNECTOR_POLICY_NAME, CONNECTOR_ROLE_NAME, seedWorld } from './seed.ts';
import type { PolicyStatement } from './state.ts';

/** The setup guide the policies are transcribed from; it lives beside the repository (`../shared`), not in it. */
const GUIDE = fileURLToPath(new URL('../../../shared/reference/000_20162540c6e7717c.txt', import.meta.url));

/** The JSON text that follows `marker` in the guide, up to its balancing brace. */
function jsonAfter(text: string, marker: string): unknown {
  const start = text.indexOf('{', text.indexOf(marker));
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth === 0) return JSON.parse(text.slice(start, i + 1));
  }
  throw new Error(`no JSON after ${marker}`);
}

const actions = (statements: PolicyStatement[]) => statements.flatMap((s) => [s.Action ?? []].flat());

describe.skipIf(!existsSync(GUIDE))('transcription of the setup guide', () => {
  const guide = existsSync(GUIDE) ? readFileSync(GUIDE, 'utf8') : '';

  test('the reference inline policy is the guide\'s console policy, verbatim', () => {
    expect(referenceInlinePolicy).toEqual(jsonAfter(guide, 'paste the following policy into the editor'));
    expect(JSON.stringify(referenceInlinePolicy)).toBe(JSON.stringify(jsonAfter(guide, 'paste the following policy into the editor')));
  });

  test('the Terraform variant is the policy of the guide\'s Terraform script, verbatim', () => {
    expect(terraformInlinePolicy).toEqual(jsonAfter(guide, ' policy = jsonencode('));
  });

  test('the trust policy has the guide\'s shape with our principal and External ID', () => {
    const guideTrust = jsonAfter(guide, 'into the Trust Policy JSON editor');
    const ours = trustPolicyFor('arn:aws:iam::765656841499:role/ConductorOneService', 'EXTERNAL_ID_FROM_C1_INTEGRATIONS_PAGE');
    expect(ours).toEqual(guideTrust);
  });
});

describe('connector policies', () => {
  test('the Terraform variant lacks identitystore:GetGroupMembershipId and differs in nothing else', () => {
    const ref = actions(referenceInlinePolicy.Statement as PolicyStatement[]);
    const tf = actions(terraformInlinePolicy.Statement as PolicyStatement[]);
    expect(ref).toContain('identitystore:GetGroupMembershipId');
    expect(tf).not.toContain('identitystore:GetGroupMembershipId');
    expect(ref.filter((a) => a !== 'identitystore:GetGroupMembershipId')).toEqual(tf);
  });

  test('the seeded connector role carries the guide\'s policy, plus only the cross-account statement', () => {
    const policyOf = (w: ReturnType<typeof seedWorld>) =>
      w.state.accounts.get(w.state.managementAccountId)?.iam.roles.get(CONNECTOR_ROLE_NAME)?.inlinePolicies.get(CONNECTOR_POLICY_NAME);
    expect(policyOf(seedWorld({ crossAccountAccess: false }))).toEqual(referenceInlinePolicy);
    expect(policyOf(seedWorld({ crossAccountAccess: false, connectorPolicy: 'terraform' }))).toEqual(terraformInlinePolicy);
    const withCross = policyOf(seedWorld({ crossAccountRoleName: 'OrgReader' }));
    expect(withCross?.Statement).toEqual([...(referenceInlinePolicy.Statement as PolicyStatement[]), {
      Sid: 'RRCUCrossAccountIAM', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/OrgReader',
    }]);
    expect(crossAccountStatement('OrgReader')).toEqual((withCross?.Statement as PolicyStatement[]).at(-1));
  });

  test('building the connector policy leaves the guide\'s text untouched', () => {
    const before = JSON.stringify(referenceInlinePolicy);
    const built = connectorInlinePolicy('reference', 'X');
    (built.Statement as PolicyStatement[]).pop();
    (built.Statement as PolicyStatement[]).push({ Effect: 'Deny', Action: '*' });
    expect(JSON.stringify(referenceInlinePolicy)).toBe(before);
  });
});
