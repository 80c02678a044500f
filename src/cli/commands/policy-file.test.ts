import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isRrcuError } from '../../core/errors.ts';
import { parsePolicies, readPolicyFile } from './policy-file.ts';

const policy = (name: string) => ({
  name,
  connector: 'sim',
  requestable: [{ kind: 'permission_set', permissionSet: 'ReadOnly', accounts: '*' }],
  eligibility: { everyone: true },
  approvalSteps: [{ approvers: [{ kind: 'manager' }] }],
  maxDurationMinutes: 240,
  defaultDurationMinutes: 60,
});

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(isRrcuError(e), String(e)).toBe(true);
  return (e as Error).message;
}

describe('policy files', () => {
  test('YAML: one policy per document, or an array in a document; times stay text (YAML 1.2, not sexagesimal)', async () => {
    const yaml = `# checked into git
name: Prod read-only
connector: sim
requestable:
  - kind: permission_set
    permissionSet: ReadOnly
    accounts: ["111111111111", payments-prod]
eligibility: { ssoGroups: [Engineers] }
approvalSteps:
  - approvers: [{ kind: owner }, { kind: rrcu_role, role: connector_admin }]
    approvals: 2
maxDurationMinutes: 480
defaultDurationMinutes: 60
autoApproval:
  - window: { timeZone: Europe/Berlin, from: 08:00, to: 18:00 }
---
- ${JSON.stringify(policy('A'))}
- ${JSON.stringify(policy('B'))}
---
`;
    const found = await parsePolicies('policies.yaml', yaml, 'yaml');
    expect(found.map((f) => f.where)).toEqual(['policies.yaml, document 1', 'policies.yaml, document 2, policy 1', 'policies.yaml, document 2, policy 2']);
    expect(found[0]!.document).toMatchObject({
      name: 'Prod read-only',
      requestable: [{ accounts: ['111111111111', 'payments-prod'] }],
      autoApproval: [{ window: { from: '08:00', to: '18:00' } }],
    });
  });

  test('JSON: an object or an array; a single policy is named by the file alone', async () => {
    expect((await parsePolicies('p.json', JSON.stringify(policy('A')), 'json')).map((f) => f.where)).toEqual(['p.json']);
    expect((await parsePolicies('p.json', JSON.stringify([policy('A'), policy('B')]), 'json')).map((f) => f.document.name)).toEqual(['A', 'B']);
    expect(await refusal(parsePolicies('p.json', '{"name": ', 'json'))).toMatch(/^p\.json is not valid JSON/);
  });

  test('a wrong field anywhere refuses the whole file, naming the place, the policy and the field', async () => {
    const bad = { ...policy('Broken'), defaultDurationMinutes: 600 };
    const message = await refusal(parsePolicies('p.json', JSON.stringify([policy('Fine'), bad]), 'json'));
    expect(message).toContain('No policy was applied');
    expect(message).toContain('p.json, policy 2 ("Broken"): defaultDurationMinutes: is longer than maxDurationMinutes');
    expect(await refusal(parsePolicies('p.yaml', 'name: [unclosed\n', 'yaml'))).toMatch(/^p\.yaml is not valid YAML \(line \d+, column \d+\)/);
    expect(await refusal(parsePolicies('p.yaml', '# nothing here\n', 'yaml'))).toContain('holds no policy');
  });

  test('the file is read by its extension: .json as JSON, anything else as YAML; a missing file is named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rrcu-policy-file-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(policy('A')));
    // JSON is YAML too: a .yml file of it reads the same.
    writeFileSync(join(dir, 'b.yml'), JSON.stringify(policy('B')));
    expect((await readPolicyFile(join(dir, 'a.json')))[0]!.document.name).toBe('A');
    expect((await readPolicyFile(join(dir, 'b.yml')))[0]!.document.name).toBe('B');
    expect(await refusal(readPolicyFile(join(dir, 'missing.yaml')))).toContain(`Cannot read ${join(dir, 'missing.yaml')}`);
  });
});
