import {
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountAuthorizationDetailsCommand,
  GetCredentialReportCommand,
  GetRoleCommand,
  IAMClient,
  ListAccessKeysCommand,
  paginateGetAccountAuthorizationDetails,
  type EntityType,
  type GetAccountAuthorizationDetailsCommandOutput,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportGroundTruth, type GroundTruth, type Simulator } from '../../src/aws-sim/index.ts';
import { asConnector } from '../harness/connector-credentials.ts';
import { asAdmin, startTestSimulator } from '../harness/aws-sim.ts';

let sim: Simulator;
let admin: IAMClient;
let truth: GroundTruth;
const management = () => truth.accounts.find((a) => a.id === truth.managementAccountId)!;
const decode = (doc: string | undefined) => JSON.parse(decodeURIComponent(doc ?? '')) as unknown;

beforeAll(async () => {
  sim = await startTestSimulator({ seed: { seed: 12, accounts: 3, iamUsersPerAccount: 8, iamDetailAccess: true } });
  admin = new IAMClient(asAdmin(sim));
  truth = exportGroundTruth(sim.world.state);
});
afterAll(async () => {
  admin.destroy();
  await sim.stop();
});

type Details = GetAccountAuthorizationDetailsCommandOutput;

async function allDetails(client: IAMClient, pageSize: number, Filter?: EntityType[]) {
  const out = {
    users: [] as NonNullable<Details['UserDetailList']>, groups: [] as NonNullable<Details['GroupDetailList']>,
    roles: [] as NonNullable<Details['RoleDetailList']>, policies: [] as NonNullable<Details['Policies']>, pages: 0,
  };
  for await (const page of paginateGetAccountAuthorizationDetails({ client, pageSize }, { ...(Filter ? { Filter } : {}) })) {
    out.pages += 1;
    out.users.push(...(page.UserDetailList ?? []));
    out.groups.push(...(page.GroupDetailList ?? []));
    out.roles.push(...(page.RoleDetailList ?? []));
    out.policies.push(...(page.Policies ?? []));
  }
  return out;
}

describe('GetAccountAuthorizationDetails', () => {
  test('pages through every user, group, role and policy of the account, with their policies as the ground truth holds them', async () => {
    const iam = management().iam;
    const details = await allDetails(admin, 7);
    const awsManagedAttached = new Set([...iam.users, ...iam.groups, ...iam.roles].flatMap((p) => p.attachedPolicyArns).filter((arn) => arn.startsWith('arn:aws:iam::aws:')));
    expect(details.pages).toBe(Math.ceil((iam.users.length + iam.groups.length + iam.roles.length + iam.policies.length + awsManagedAttached.size) / 7));

    expect(details.users.map((u) => u.Arn).sort()).toEqual(iam.users.map((u) => u.arn).sort());
    for (const u of iam.users) {
      const got = details.users.find((d) => d.Arn === u.arn)!;
      expect(got.GroupList?.sort()).toEqual(iam.groups.filter((g) => g.members.includes(u.userName)).map((g) => g.groupName).sort());
      expect(got.AttachedManagedPolicies?.map((p) => p.PolicyArn).sort()).toEqual([...u.attachedPolicyArns].sort());
      expect((got.UserPolicyList ?? []).map((p) => ({ policyName: p.PolicyName, document: decode(p.PolicyDocument) }))).toEqual(u.inlinePolicies);
    }
    expect(details.groups.map((g) => g.Arn).sort()).toEqual(iam.groups.map((g) => g.arn).sort());
    for (const g of iam.groups) {
      const got = details.groups.find((d) => d.Arn === g.arn)!;
      expect(got.AttachedManagedPolicies?.map((p) => p.PolicyArn).sort()).toEqual([...g.attachedPolicyArns].sort());
      expect((got.GroupPolicyList ?? []).map((p) => ({ policyName: p.PolicyName, document: decode(p.PolicyDocument) }))).toEqual(g.inlinePolicies);
    }
    expect(details.roles.map((r) => r.Arn).sort()).toEqual(iam.roles.map((r) => r.arn).sort());
    for (const r of iam.roles) {
      const got = details.roles.find((d) => d.Arn === r.arn)!;
      expect(decode(got.AssumeRolePolicyDocument)).toEqual(r.assumeRolePolicyDocument);
      expect(got.InstanceProfileList).toEqual([]);
      expect(got.AttachedManagedPolicies?.map((p) => p.PolicyArn).sort()).toEqual([...r.attachedPolicyArns].sort());
      expect((got.RolePolicyList ?? []).map((p) => ({ policyName: p.PolicyName, document: decode(p.PolicyDocument) }))).toEqual(r.inlinePolicies);
      expect(got.RoleLastUsed?.LastUsedDate?.toISOString()).toBe(r.lastUsed?.date);
      expect(got.RoleLastUsed?.Region).toBe(r.lastUsed?.region);
    }
    const customer = details.policies.filter((p) => !p.Arn!.startsWith('arn:aws:iam::aws:'));
    expect(customer.map((p) => p.Arn).sort()).toEqual(iam.policies.map((p) => p.arn).sort());
    for (const p of iam.policies) {
      const got = customer.find((d) => d.Arn === p.arn)!;
      expect(got).toMatchObject({ PolicyName: p.policyName, DefaultVersionId: p.defaultVersionId, IsAttachable: true });
      const version = got.PolicyVersionList?.find((v) => v.IsDefaultVersion);
      expect(version?.VersionId).toBe(p.defaultVersionId);
      expect(decode(version?.Document)).toEqual(p.document);
    }
    const awsManaged = details.policies.filter((p) => p.Arn!.startsWith('arn:aws:iam::aws:'));
    expect(new Set(awsManaged.map((p) => p.Arn))).toEqual(awsManagedAttached);
    expect(awsManaged.every((p) => (p.AttachmentCount ?? 0) > 0 && p.PolicyVersionList?.[0]?.IsDefaultVersion)).toBe(true);
  });

  test('Filter returns only the entity types named', async () => {
    const iam = management().iam;
    const local = await allDetails(admin, 100, ['LocalManagedPolicy']);
    expect(local.users.length + local.groups.length + local.roles.length).toBe(0);
    expect(local.policies.map((p) => p.Arn).sort()).toEqual(iam.policies.map((p) => p.arn).sort());
    const roles = await allDetails(admin, 100, ['Role', 'AWSManagedPolicy']);
    expect(roles.users.length + roles.groups.length).toBe(0);
    expect(roles.roles).toHaveLength(iam.roles.length);
    expect(roles.policies.every((p) => p.Arn!.startsWith('arn:aws:iam::aws:policy/'))).toBe(true);
    await expect(admin.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Users' as EntityType] }))).rejects.toMatchObject({ name: 'ValidationError' });
  });

  test('the connector role may call it when its policy allows it; with the guide\'s policy alone it is denied', async () => {
    const allowed = new IAMClient(asConnector(sim));
    expect((await allowed.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1 }))).IsTruncated).toBe(true);
    allowed.destroy();
    const guideOnly = await startTestSimulator({ seed: { seed: 12, accounts: 1, iamUsersPerAccount: 2 } });
    const denied = new IAMClient(asConnector(guideOnly));
    try {
      await expect(denied.send(new GetAccountAuthorizationDetailsCommand({}))).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
      await expect(denied.send(new GenerateCredentialReportCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    } finally {
      denied.destroy();
      await guideOnly.stop();
    }
  });
});

describe('credential report', () => {
  test('is absent until generated, STARTED then COMPLETE, and lists root and every user as the ground truth has them', async () => {
    await expect(admin.send(new GetCredentialReportCommand({}))).rejects.toMatchObject({ name: 'CredentialReportNotPresentException', $metadata: { httpStatusCode: 410 } });
    expect((await admin.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
    await expect(admin.send(new GetCredentialReportCommand({}))).rejects.toMatchObject({ name: 'CredentialReportNotReadyException', $metadata: { httpStatusCode: 404 } });
    expect((await admin.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
    const report = await admin.send(new GetCredentialReportCommand({}));
    expect(report.ReportFormat).toBe('text/csv');
    expect(report.GeneratedTime).toBeInstanceOf(Date);
    const [header, ...lines] = Buffer.from(report.Content!).toString('utf8').split('\n');
    expect(header).toBe('user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,'
      + 'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,'
      + 'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,'
      + 'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [header!.split(',')[i]!, v])));
    const time = (iso: string | undefined) => (iso ? iso.replace(/\.\d{3}Z$/, '+00:00') : 'N/A');
    const account = management();
    expect(rows[0]).toMatchObject({ user: '<root_account>', arn: `arn:aws:iam::${account.id}:root`, password_enabled: 'not_supported', mfa_active: String(account.iam.root?.mfaActive ?? true) });
    expect(rows.slice(1).map((r) => r.user)).toEqual(account.iam.users.map((u) => u.userName).sort());
    for (const u of account.iam.users) {
      const row = rows.find((r) => r.user === u.userName)!;
      const [k1, k2] = u.accessKeys;
      expect(row).toMatchObject({
        arn: u.arn, user_creation_time: time(u.createDate), password_enabled: String(u.password !== undefined),
        password_last_changed: time(u.password?.lastChanged), mfa_active: String(u.mfaActive),
        access_key_1_active: String(k1?.status === 'Active'), access_key_1_last_rotated: time(k1?.createDate),
        access_key_1_last_used_date: time(k1?.lastUsed?.date), access_key_1_last_used_service: k1?.lastUsed?.serviceName ?? 'N/A',
        access_key_2_active: String(k2?.status === 'Active'), cert_1_active: 'false',
      });
    }
  });

});

describe('access keys', () => {
  test('ListAccessKeys and GetAccessKeyLastUsed answer each seeded key with its age and last use', async () => {
    const users = truth.accounts.find((a) => a.id === truth.managementAccountId)!.iam.users.filter((u) => u.accessKeys.length > 0);
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) {
      const listed = await admin.send(new ListAccessKeysCommand({ UserName: u.userName }));
      expect(listed.AccessKeyMetadata?.map((k) => ({ id: k.AccessKeyId, status: k.Status, created: k.CreateDate?.toISOString() })))
        .toEqual(u.accessKeys.map((k) => ({ id: k.accessKeyId, status: k.status, created: k.createDate })));
      for (const k of u.accessKeys) {
        const used = await admin.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: k.accessKeyId }));
        expect(used.UserName).toBe(u.userName);
        expect(used.AccessKeyLastUsed).toEqual(k.lastUsed
          ? { LastUsedDate: new Date(k.lastUsed.date), Region: k.lastUsed.region, ServiceName: k.lastUsed.serviceName }
          : { Region: 'N/A', ServiceName: 'N/A' });
      }
    }
  });

  test('GetRole reports when the role was last used', async () => {
    const role = management().iam.roles.find((r) => r.lastUsed)!;
    const got = await admin.send(new GetRoleCommand({ RoleName: role.roleName }));
    expect(got.Role?.RoleLastUsed).toEqual({ LastUsedDate: new Date(role.lastUsed!.date), Region: role.lastUsed!.region });
  });
});

describe('rate limits', () => {
  test('the new reads draw on the IAM budget and answer Throttling once it is spent', async () => {
    sim.setRateLimits({ iam: { ratePerSecond: 0.001, burst: 2 } });
    try {
      await admin.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1 }));
      await admin.send(new GenerateCredentialReportCommand({}));
      await expect(admin.send(new GetCredentialReportCommand({}))).rejects.toMatchObject({ name: 'Throttling' });
    } finally {
      sim.setRateLimits(false);
    }
  });
});

// Last: it moves the simulated clock hours ahead.
describe('credential report expiry', () => {
  test('an expired report is ReportExpired; a new one polled with GetCredentialReport alone is ready a few seconds after it started', async () => {
    // Moving the clock hours ahead makes signatures look stale: this client corrects its skew, as the SDK does.
    const later = new IAMClient(asAdmin(sim, { maxAttempts: 2 }));
    sim.advanceClock(5 * 3600_000);
    await expect(later.send(new GetCredentialReportCommand({}))).rejects.toMatchObject({ name: 'CredentialReportExpiredException', $metadata: { httpStatusCode: 410 } });
    expect((await later.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
    sim.advanceClock(3_000);
    expect((await later.send(new GetCredentialReportCommand({}))).Content?.length).toBeGreaterThan(0);
    later.destroy();
  });
});
