import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { grantsAt } from '../../../src/access/index.ts';
import { startSimulator, exportGroundTruth, type Simulator } from '../../../src/aws-sim/index.ts';
import type { AwsSessionOptions } from '../../../src/connectors/aws/session/clients.ts';
import type { AwsConnectorConfig } from '../../../src/connectors/aws/config.ts';
import { createAwsConnector } from '../../../src/connectors/aws/index.ts';
import { isRrcuError } from '../../../src/core/errors.ts';
import { snapshotItems, syncRuns, type Db, type Store } from '../../../src/store/index.ts';
import { RESUME_WITHIN_MS, summarizeApiCalls, runSync, toSyncRunView } from '../../../src/sync/index.ts';
import { describeStore, freshStore } from '../../harness/store-test.ts';
import { createTestConnector } from '../../harness/inventory-fixtures.ts';
import { expectedGrants, observed } from '../../../harness/ground-truth-grants.ts';
import { configFor } from '../../../harness/sim-session.ts';

/**
 * Whole syncs against the simulator while it misbehaves as AWS does on a bad day: a sustained throttle
 * storm, stalled requests, 5xx answers and dropped connections, a refused AssumeRole, and an outage
 * longer than the retries, after which the next sync resumes the failed run from what it staged.
 * Each sync that succeeds ends in the simulator's exact ground truth.
 */
const SEED = { seed: 23, accounts: 2, users: 8, groups: 3, permissionSets: 2 };

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: SEED, rateLimits: false });
});
afterAll(async () => {
  await sim?.stop();
});

const connectorOn = (options: AwsSessionOptions = {}, config: Partial<AwsConnectorConfig> = {}) =>
  createAwsConnector(configFor(sim, config), { baseCredentials: { ...sim.world.rrcu }, scimToken: sim.world.rrcu.scimToken, now: () => sim.now(), ...options });

async function expectGroundTruth(db: Db, connectorId: string) {
  expect(observed(await grantsAt(db, { connectorId }))).toEqual(expectedGrants(exportGroundTruth(sim.world.state), true));
}

/** Retries are an AWS-client matter: these run on one engine. */
describe('AWS sync under faults', () => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore('pglite');
  });
  afterAll(async () => {
    sim.clearFaults();
    await store?.close();
  });

  test('a sustained 50% throttle storm on every API is waited out: the sync succeeds with the exact ground truth, the throttled retries counted', async () => {
    const connectorId = await createTestConnector(store.db);
    sim.injectFault({ operation: '*', kind: 'throttle', count: Infinity, rate: 0.5 });
    const connector = connectorOn();
    try {
      const outcome = await runSync(store.db, connectorId, connector, { actor: 'test' });
      expect(outcome.run.status).toBe('succeeded');
      const calls = summarizeApiCalls(outcome.run.apiCalls);
      // A storm, not a blip: a throttled retry for every few calls.
      expect(calls.retries.throttled).toBeGreaterThan(calls.total / 4);
      process.stdout.write(`50% throttle storm: ${calls.total} attempts, ${calls.retries.throttled} throttled retries\n`);
    } finally {
      sim.clearFaults();
      await connector.close();
    }
    await expectGroundTruth(store.db, connectorId);
    // Its length is the SDK's backoff in real time (random: 38–51 s in the last CI runs), not our speed: a budget
    // past vitest's 60 s default, so a slow draw does not time out and leave the storm running into the next test.
  }, 240_000);

  test('a stalled request is abandoned at the request timeout and retried; retries after stalls, 5xx and dropped connections are counted by cause in the run', async () => {
    const connectorId = await createTestConnector(store.db);
    sim.injectFault([
      // Far longer than the (shortened) request timeout: without one, the sync would just wait.
      { operation: 'iam:ListUsers', kind: 'delay', delayMs: 10_000, count: 1 },
      { operation: 'identitystore:ListUsers', kind: 'server-error', status: 503, count: 2 },
      { operation: 'sso:ListPermissionSets', kind: 'drop', count: 1 },
    ]);
    const connector = connectorOn({ requestTimeoutMs: 1_000 });
    try {
      const outcome = await runSync(store.db, connectorId, connector, { actor: 'test' });
      const view = toSyncRunView(outcome.run, 'faulty');
      expect(view.apiCalls.retries).toEqual({ throttled: 0, serverError: 2, network: 2 });
      const retriesOf = (operation: string) => view.apiCalls.operations.find((o) => o.operation === operation)?.retries;
      expect(retriesOf('iam:ListUsers')).toMatchObject({ network: 1 });
      expect(retriesOf('identitystore:ListUsers')).toMatchObject({ serverError: 2 });
      expect(retriesOf('sso:ListPermissionSets')).toMatchObject({ network: 1 });
    } finally {
      sim.clearFaults();
      await connector.close();
    }
    await expectGroundTruth(store.db, connectorId);
  });

  test('a sync refused at AssumeRole records the STS calls it made', async () => {
    const connectorId = await createTestConnector(store.db);
    const connector = connectorOn({}, { externalId: 'not-the-external-id' });
    const error = await runSync(store.db, connectorId, connector, { actor: 'test' }).catch((e: unknown) => e);
    await connector.close();
    expect(isRrcuError(error, 'ROLE_NOT_ASSUMABLE')).toBe(true);
    const [run] = await store.db.query.syncRuns.findMany({ where: (r, { eq }) => eq(r.connectorId, connectorId) });
    expect(run).toMatchObject({ status: 'failed', error: { code: 'ROLE_NOT_ASSUMABLE' } });
    expect(run!.apiCalls['sts:AssumeRole']).toBeGreaterThanOrEqual(1);
  });
});

describeStore('a sync that failed on a transient cause', (store) => {
  test('is resumed by the next sync from its staged items: same run, fewer AWS calls than a fresh sync, the exact ground truth', async () => {
    const { db } = store();
    // What a fresh sync of this world costs.
    const fresh = connectorOn();
    await runSync(db, await createTestConnector(db), fresh, { actor: 'test' });
    const freshCalls = summarizeApiCalls(fresh.apiCalls()).total;
    await fresh.close();

    const connectorId = await createTestConnector(db);
    // An outage of the account-assignment listing longer than the error retries: the stages before it are staged.
    sim.injectFault({ operation: 'sso:ListAccountAssignments', kind: 'server-error', status: 503, count: Infinity });
    const first = connectorOn();
    const failure = await runSync(db, connectorId, first, { actor: 'test' }).catch((e: unknown) => e);
    sim.clearFaults();
    await first.close();
    expect(isRrcuError(failure, 'AWS_ERROR')).toBe(true);
    const [failed] = await db.query.syncRuns.findMany({ where: (r, { eq }) => eq(r.connectorId, connectorId) });
    expect(failed).toMatchObject({ status: 'failed', checkpoint: { resumable: true } });
    expect(failed!.checkpoint!.done).toEqual(expect.arrayContaining(['accounts', 'permission-sets', 'sso-users']));

    const second = connectorOn();
    const outcome = await runSync(db, connectorId, second, { actor: 'test' });
    const resumedCalls = summarizeApiCalls(second.apiCalls()).total;
    await second.close();
    expect(outcome).toMatchObject({ resumed: true, run: { id: failed!.id, status: 'succeeded', checkpoint: null } });
    expect(outcome.run.warnings.map((w) => w.code)).toContain('RESUMED_AFTER_FAILURE');
    expect(resumedCalls).toBeLessThan(freshCalls);
    process.stdout.write(`resumed pass: ${resumedCalls} AWS calls; a fresh sync: ${freshCalls}\n`);
    await expectGroundTruth(db, connectorId);
  });

  test('a resumed run lists its unfinished stages from scratch: an IAM group membership removed after a failure mid-stage is absent, the exact ground truth', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    // Each member account reads its IAM with GetAccountAuthorizationDetails and yields its groups and their
    // memberships before its credential report's GetCredentialReport (only its users wait for the report), so
    // that call failing fails a member account's IAM stage after staging its group memberships. The management
    // account does not call it under the guide's policy (report denied, keys read one by one): it may finish.
    sim.injectFault({ operation: 'iam:GetCredentialReport', kind: 'server-error', count: Infinity });
    const first = connectorOn({ maxAttempts: 1 });
    await runSync(db, connectorId, first, { actor: 'test', batchSize: 1 }).catch(() => undefined);
    sim.clearFaults();
    await first.close();
    const [failed] = await db.query.syncRuns.findMany({ where: (r, { eq }) => eq(r.connectorId, connectorId) });
    expect(failed!.checkpoint?.resumable).toBe(true);
    const staged = await db.select().from(snapshotItems).where(eq(snapshotItems.syncRunId, failed!.id));
    const isStaged = (groupArn: string, userArn: string) => staged.some((i) => i.kind === 'grant' && i.key.includes(groupArn) && i.key.includes(userArn));
    // A membership staged by an IAM stage the failure left unfinished (a member account's).
    const unfinished = [...sim.world.state.accounts.values()].filter((a) => a.id !== sim.world.state.managementAccountId && !failed!.checkpoint!.done.includes(`iam:${a.id}`));
    const memberships = unfinished.flatMap(({ iam }) => [...iam.groups.values()].flatMap((group) => [...group.members].map((userName) => ({ group, member: iam.users.get(userName)! }))));
    const found = memberships.find(({ group, member }) => isStaged(group.arn, member.arn));
    expect(found).toBeDefined();
    const { group, member } = found!;
    // Removed in AWS between the failure and the resume.
    group.members.delete(member.userName);
    member.groups.delete(group.groupName);

    const second = connectorOn();
    const outcome = await runSync(db, connectorId, second, { actor: 'test' });
    await second.close();
    expect(outcome).toMatchObject({ resumed: true, run: { id: failed!.id, status: 'succeeded' } });
    await expectGroundTruth(db, connectorId);
  });

  test('a failed run started more than a day ago is not resumed, however recently it failed: the next sync starts over and discards what it staged', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    sim.injectFault({ operation: 'sso:ListAccountAssignments', kind: 'server-error', count: Infinity });
    const first = connectorOn({ maxAttempts: 1 });
    await runSync(db, connectorId, first, { actor: 'test' }).catch(() => undefined);
    sim.clearFaults();
    await first.close();
    const [failed] = await db.query.syncRuns.findMany({ where: (r, { eq }) => eq(r.connectorId, connectorId) });
    expect(failed!.checkpoint?.resumable).toBe(true);
    // Started more than a day ago, though it failed just now: a run that keeps failing is not resumed forever.
    await db.update(syncRuns).set({ startedAt: new Date(Date.now() - RESUME_WITHIN_MS - 60_000) }).where(eq(syncRuns.id, failed!.id));

    const connector = connectorOn();
    const outcome = await runSync(db, connectorId, connector, { actor: 'test' });
    await connector.close();
    expect(outcome.resumed).toBe(false);
    expect(outcome.run.id).not.toBe(failed!.id);
    expect(await db.select().from(snapshotItems).where(eq(snapshotItems.syncRunId, failed!.id))).toEqual([]);
    await expectGroundTruth(db, connectorId);
  });

  test('a sync that failed on a permanent cause keeps nothing, and the next sync starts over', async () => {
    const { db } = store();
    const connectorId = await createTestConnector(db);
    const refused = connectorOn({}, { externalId: 'not-the-external-id' });
    await runSync(db, connectorId, refused, { actor: 'test' }).catch(() => undefined);
    await refused.close();
    const connector = connectorOn();
    const outcome = await runSync(db, connectorId, connector, { actor: 'test' });
    await connector.close();
    expect(outcome.resumed).toBe(false);
    await expectGroundTruth(db, connectorId);
  });
});
