import { describe, expect, test } from 'vitest';
import { SimFixtureError } from './errors.ts';
import { exportFixture, worldFromFixture } from './fixture.ts';
import { exportGroundTruth, seedWorld } from './seed.ts';

const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function errorOf(fixture: unknown): Error {
  try {
    worldFromFixture(fixture);
  } catch (e) {
    return e as Error;
  }
  throw new Error('worldFromFixture accepted the fixture');
}

describe('worldFromFixture', () => {
  test('export → fixture → export gives the same ground truth, and the same keys', () => {
    const world = seedWorld({ seed: 11, accounts: 15, users: 60, groups: 8, permissionSets: 9, identityCenterRegion: 'eu-central-1' });
    const fixture = viaJson(exportFixture(world));
    const again = worldFromFixture(fixture);
    expect(viaJson(exportGroundTruth(again.state))).toEqual(viaJson(exportGroundTruth(world.state)));
    expect(again.rrcu).toEqual(world.rrcu);
    expect(again.admin).toEqual(world.admin);
    expect([...again.state.accessKeys.values()]).toEqual([...world.state.accessKeys.values()]);
    expect(again.state.identityCenter?.scimTokens).toEqual(world.state.identityCenter?.scimTokens);
    expect([...again.state.awsManagedPolicies.values()].map((p) => p.attachmentCount))
      .toEqual([...world.state.awsManagedPolicies.values()].map((p) => p.attachmentCount));
  });

  test('a lone account without Identity Center round-trips too', () => {
    const world = seedWorld({ organizations: false, identityCenterRegion: null });
    const again = worldFromFixture(viaJson(exportFixture(world)));
    expect(again.state.organization).toBeNull();
    expect(exportGroundTruth(again.state)).toEqual(exportGroundTruth(world.state));
  });

  test('a wrongly shaped fixture is refused with the path of the bad value', () => {
    const fixture = viaJson(exportFixture(seedWorld()));
    (fixture.accounts[2] as { id: string }).id = '12345';
    const e = errorOf(fixture);
    expect(e).toBeInstanceOf(SimFixtureError);
    expect((e as SimFixtureError).fix).toContain('exportFixture()');
    expect(e.message).toContain('accounts[2].id: an account id is 12 digits');
  });

  test('a fixture whose references point nowhere is refused with the path of the reference', () => {
    const fixture = viaJson(exportFixture(seedWorld()));
    const ic = fixture.identityCenter as NonNullable<typeof fixture.identityCenter>;
    (ic.memberships as { userId: string }[])[1] = { ...(ic.memberships as { userId: string }[])[1], userId: 'no-such-user' } as never;
    const group = fixture.accounts[1]?.iam.groups?.[0] as { members: string[] };
    group.members = ['nobody'];
    const manager = (ic.users as { enterprise?: { manager?: string } }[]).find((u) => u.enterprise?.manager)!;
    manager.enterprise!.manager = 'left-the-company';
    const e = errorOf(fixture);
    expect(e.message).toContain('identityCenter.memberships[1].userId: no Identity Center user no-such-user');
    expect(e.message).toMatch(/identityCenter\.users\[\d+\]\.enterprise\.manager: no Identity Center user left-the-company/);
    expect(e.message).toContain('accounts[1].iam.groups[0].members[0]: no IAM user nobody');
  });

  test('effective assignments that the assignments do not give are refused', () => {
    const fixture = viaJson(exportFixture(seedWorld()));
    const rows = fixture.effectiveAssignments as { via: string | null }[];
    rows[0] = { ...rows[0], via: 'made-up-group' } as never;
    expect(errorOf(fixture).message).toContain('effectiveAssignments[0]');
  });

  test('a short hand-written fixture is filled in with AWS\'s defaults', () => {
    const world = worldFromFixture({
      managementAccountId: '111111111111',
      organization: { id: 'o-abcdefghij', rootId: 'r-ab12', ous: [{ id: 'ou-ab12-prod0001', name: 'Production', parentId: 'r-ab12' }] },
      accounts: [
        { id: '111111111111', name: 'management', email: 'aws@corp.example', joinedTimestamp: '2024-01-01T00:00:00Z', parentId: 'r-ab12', iam: {
          roles: [{ roleName: 'RRCUIntegration', roleId: 'AROAAAAAAAAAAAAAAAAAA', createDate: '2025-01-01T00:00:00Z',
            assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:user/rrcu' }, Action: 'sts:AssumeRole' }] } }],
        } },
        { id: '333333333333', name: 'payments-prod', email: 'aws+payments-prod@corp.example', joinedTimestamp: '2024-02-01T00:00:00Z', parentId: 'ou-ab12-prod0001', iam: {
          users: [{ userName: 'alice', userId: 'AIDAAAAAAAAAAAAAAAAAA', createDate: '2024-03-01T00:00:00Z' }],
          groups: [{ groupName: 'Admins', groupId: 'AGPAAAAAAAAAAAAAAAAAA', createDate: '2024-03-01T00:00:00Z', members: ['alice'], attachedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }],
        } },
        { id: '222222222222', name: 'rrcu-host', email: 'aws@rrcu.example', joinedTimestamp: '2024-01-01T00:00:00Z', parentId: '', outsideOrganization: true, iam: {
          users: [{ userName: 'rrcu', userId: 'AIDABBBBBBBBBBBBBBBBB', createDate: '2024-03-01T00:00:00Z' }],
        } },
      ],
      identityCenter: null,
      rrcu: { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'a'.repeat(40), arn: 'arn:aws:iam::222222222222:user/rrcu',
        connectorRoleArn: 'arn:aws:iam::111111111111:role/RRCUIntegration', externalId: 'x', scimToken: '', scimPath: '' },
      admin: { accessKeyId: 'AKIABBBBBBBBBBBBBBBB', secretAccessKey: 'b'.repeat(40) },
    });
    const alice = world.state.accounts.get('333333333333')?.iam.users.get('alice');
    expect(alice?.arn).toBe('arn:aws:iam::333333333333:user/alice');
    expect([...(alice?.groups ?? [])]).toEqual(['Admins']);
    expect(world.state.accounts.get('333333333333')?.status).toBe('ACTIVE');
    expect(world.state.awsManagedPolicies.get('arn:aws:iam::aws:policy/AdministratorAccess')?.attachmentCount).toBe(1);
    expect(exportGroundTruth(world.state).accounts[1]?.ouPath).toBe('Production');
    expect(world.state.accessKeys.get('AKIAAAAAAAAAAAAAAAAA')).toMatchObject({ accountId: '222222222222', kind: 'user', principalName: 'rrcu' });
  });
});
