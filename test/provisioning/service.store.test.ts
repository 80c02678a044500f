import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { entitlementKey, type InventoryItem } from '../../src/core/inventory-items.ts';
import { startJobEngine, type JobEngine } from '../../src/jobs/index.ts';
import { createProvisioningService, getTask, PROVISIONING_QUEUES, PROVISIONING_QUEUE_SPECS } from '../../src/provisioning/index.ts';
import { queryRows } from '../../src/store/index.ts';
import { rejects } from '../harness/rejects.ts';
import { describeStore } from '../harness/store-test.ts';
import { ADMINS, ADMIN_ON_ACCOUNT, ALICE, BOB, CAROL, MEMBER_OF_ADMINS, PS_ADMIN, baseResources, grantItem } from '../harness/inventory-fixtures.ts';
import { connectorRecords, createConnectorRow, scriptedProvisioner, syncInventory } from '../harness/provisioning.ts';

const DEV = { resourceType: 'account', externalId: '444455556666' };
const ROLE = { resourceType: 'iam_role', externalId: 'arn:aws:iam::111122223333:role/deploy' };
const inventory = (): InventoryItem[] => [
  ...baseResources(),
  { kind: 'resource', ...DEV, displayName: 'payments-dev' },
  { kind: 'resource', ...ROLE, displayName: 'deploy' },
  { kind: 'entitlement', resource: DEV, slug: PS_ADMIN, displayName: 'AdministratorAccess', attributes: { permissionSetArn: PS_ADMIN } },
  grantItem(ADMIN_ON_ACCOUNT, CAROL),
  grantItem(ADMIN_ON_ACCOUNT, ADMINS),
  grantItem(MEMBER_OF_ADMINS, ALICE),
];

describeStore('provisioning requests', (store) => {
  let engine: JobEngine;
  let connectorId: string;
  const fake = scriptedProvisioner();
  const service = () => createProvisioningService({ db: store().db, jobs: engine, provisioners: fake.pool, connectors: connectorRecords(store().db) });

  beforeAll(async () => {
    engine = await startJobEngine(store(), { supervise: false, queues: PROVISIONING_QUEUE_SPECS });
    connectorId = await createConnectorRow(store().db, 'prov-requests');
    await syncInventory(store().db, connectorId, inventory());
  });
  afterAll(async () => {
    await engine.stop({ graceful: false });
  });

  test('a grant named by readable names becomes a pending task with its audit event and its job, written together', async () => {
    const { task, existing } = await service().requestGrant({ connector: 'prov-requests', entitlement: 'AdministratorAccess on payments-prod', principal: 'bob@corp.example', reason: 'on call', actor: 'cli:test' });
    expect(existing).toBe(false);
    expect(task).toMatchObject({ action: 'grant', status: 'pending', trigger: 'manual', reason: 'on call', entitlementKey: ADMIN_ON_ACCOUNT, principalExternalId: BOB.externalId, attempts: 0 });
    expect(task.target).toMatchObject({ resourceDisplayName: 'payments-prod', entitlement: { displayName: 'AdministratorAccess' }, principal: { displayName: 'bob@corp.example' } });
    const events = await queryRows<{ type: string; data: Record<string, unknown> }>(store().db, sql`select type, data from audit_events where subject = ${`provisioning_task:${task.id}`}`);
    expect(events).toEqual([{ type: 'provisioning.requested', data: expect.objectContaining({ action: 'grant', entitlement: 'AdministratorAccess on payments-prod', principalName: 'bob@corp.example', reason: 'on call' }) }]);
    const [job] = await engine.boss.findJobs(PROVISIONING_QUEUES.accountAssignment, { id: task.id });
    expect(job).toMatchObject({ id: task.id, data: { taskId: task.id }, state: 'created' });
  });

  test('a task carries what the last sync saw of the access (heldAtLastSync), so the provisioner may skip reading AWS first', async () => {
    const own = await createConnectorRow(store().db, 'prov-held');
    await syncInventory(store().db, own, inventory());
    const fresh = await service().requestGrant({ connector: own, entitlement: 'AdministratorAccess on payments-dev', principal: CAROL.externalId, actor: 'cli:test' });
    expect(fresh.task.target.heldAtLastSync).toBe(false);
    const held = await service().requestGrant({ connector: own, entitlement: ADMIN_ON_ACCOUNT, principal: CAROL.externalId, actor: 'cli:test' });
    expect(held.task.target.heldAtLastSync).toBe(true);
    const [admins] = await queryRows<{ id: number }>(store().db, sql`select id from grants where connector_id = ${own} and principal_external_id = ${ADMINS.externalId} and via_external_id is null and seen_to is null`);
    const byId = await service().requestRevoke({ connector: own, grantId: Number(admins!.id), actor: 'cli:test' });
    expect(byId.task.target.heldAtLastSync).toBe(true);
    const byName = await service().requestRevoke({ connector: own, entitlement: 'AdministratorAccess on payments-dev', principal: BOB.externalId, actor: 'cli:test' });
    expect(byName.task.target.heldAtLastSync).toBe(false);
  });

  test('asking again for the same change returns the open task; the opposite change is refused while it is open', async () => {
    const first = await service().requestGrant({ connector: connectorId, entitlement: 'member of Admins', principal: BOB.externalId, actor: 'cli:test' });
    const again = await service().requestGrant({ connector: connectorId, entitlement: 'Admins', principal: 'bob@corp.example', actor: 'cli:test' });
    expect(again).toEqual({ task: first.task, existing: true });
    await rejects(service().requestRevoke({ connector: connectorId, entitlement: MEMBER_OF_ADMINS, principal: BOB.externalId, actor: 'cli:test' }), 'TASK_IN_PROGRESS', new RegExp(first.task.id));
  });

  test('a revoke by grant id carries the grant and its attributes; a grant held through a group says how to remove it', async () => {
    const [direct] = await queryRows<{ id: number }>(store().db, sql`select id from grants where connector_id = ${connectorId} and principal_external_id = ${CAROL.externalId} and seen_to is null`);
    const { task } = await service().requestRevoke({ connector: connectorId, grantId: Number(direct!.id), trigger: 'review', triggerRef: 'review-7', actor: 'cli:test' });
    expect(task).toMatchObject({ action: 'revoke', trigger: 'review', triggerRef: 'review-7', entitlementKey: ADMIN_ON_ACCOUNT, principalExternalId: CAROL.externalId });
    expect(task.target.grantId).toBe(Number(direct!.id));
    const [inherited] = await queryRows<{ id: number }>(store().db, sql`select id from grants where connector_id = ${connectorId} and principal_external_id = ${ALICE.externalId} and via_external_id is not null`);
    await rejects(service().requestRevoke({ connector: connectorId, grantId: Number(inherited!.id), actor: 'cli:test' }), 'GRANT_INHERITED', /through group Admins/);
  });

  test('many revokes at once: each answered in order (task, the same open task, or its refusal), tasks, audit events and jobs written together', async () => {
    const own = await createConnectorRow(store().db, 'prov-batch');
    await syncInventory(store().db, own, inventory());
    const grantOf = async (principal: string, via: 'direct' | 'via') => {
      const [row] = await queryRows<{ id: number }>(store().db, sql`
        select id from grants where connector_id = ${own} and principal_external_id = ${principal} and seen_to is null
          and via_external_id is ${via === 'direct' ? sql`null` : sql`not null`} order by id limit 1`);
      return Number(row!.id);
    };
    const revoke = (grantId: number, ref: string) => ({ connector: own, grantId, trigger: 'review' as const, triggerRef: ref, actor: 'cli:test' });
    const carol = await grantOf(CAROL.externalId, 'direct');
    const admins = await grantOf(ADMINS.externalId, 'direct');
    const answers = await service().requestRevokes([revoke(carol, 'a'), revoke(await grantOf(ALICE.externalId, 'via'), 'b'), revoke(carol, 'c'), revoke(admins, 'd'), revoke(987_654_321, 'e')]);
    expect(answers.map((a) => (a instanceof Error ? (a as { code?: string }).code : a.existing))).toEqual([false, 'GRANT_INHERITED', true, false, 'NOT_FOUND']);
    const [first, , again, fourth] = answers as { task: { id: string; triggerRef: string | null; target: { grantId?: number } } }[];
    expect(again!.task.id).toBe(first!.task.id);
    expect([first!.task.target.grantId, fourth!.task.target.grantId]).toEqual([carol, admins]);
    const ids = [first!.task.id, fourth!.task.id];
    const events = await queryRows<{ subject: string }>(store().db, sql`select subject from audit_events where type = 'provisioning.requested' and subject in (${sql.join(ids.map((id) => sql`${`provisioning_task:${id}`}`), sql`, `)}) order by seq`);
    expect(events.map((e) => e.subject)).toEqual(ids.map((id) => `provisioning_task:${id}`));
    for (const id of ids) expect(await engine.boss.findJobs(PROVISIONING_QUEUES.accountAssignment, { id })).toHaveLength(1);
    // Asked again later, the open task answers.
    const [later] = await service().requestRevokes([revoke(carol, 'f')]);
    expect(later).toEqual({ task: expect.objectContaining({ id: first!.task.id }), existing: true });
  });

  test('many grants at once: each answered in order (task, the same open task, or its refusal), tasks, audit events and jobs written together', async () => {
    const own = await createConnectorRow(store().db, 'prov-batch-grants');
    await syncInventory(store().db, own, inventory());
    const grant = (entitlement: string, principal: string) => ({ connector: own, entitlement, principal, trigger: 'request' as const, triggerRef: 'request:1', actor: 'cli:test' });
    const answers = await service().requestGrants([
      grant('AdministratorAccess on payments-dev', BOB.externalId),
      grant('PowerUser on payments-prod', BOB.externalId),
      grant('AdministratorAccess on payments-dev', 'bob@corp.example'),
      grant('AdministratorAccess on payments-prod', ROLE.externalId),
      grant('member of Admins', BOB.externalId),
      { connector: own, entitlement: '', principal: BOB.externalId, actor: 'cli:test' },
    ]);
    expect(answers.map((a) => (a instanceof Error ? (a as { code?: string }).code : a.existing))).toEqual([false, 'NOT_FOUND', true, 'NOT_PROVISIONABLE', false, 'INVALID_INPUT']);
    const [first, , again, , member] = answers as { task: { id: string; action: string; triggerRef: string | null; target: { heldAtLastSync?: boolean } } }[];
    expect(again!.task.id).toBe(first!.task.id);
    expect(first!.task).toMatchObject({ action: 'grant', triggerRef: 'request:1', target: { heldAtLastSync: false } });
    const ids = [first!.task.id, member!.task.id];
    const events = await queryRows<{ subject: string }>(store().db, sql`select subject from audit_events where type = 'provisioning.requested' and subject in (${sql.join(ids.map((id) => sql`${`provisioning_task:${id}`}`), sql`, `)}) order by seq`);
    expect(events.map((e) => e.subject)).toEqual(ids.map((id) => `provisioning_task:${id}`));
    expect(await engine.boss.findJobs(PROVISIONING_QUEUES.accountAssignment, { id: first!.task.id })).toHaveLength(1);
    expect(await engine.boss.findJobs(PROVISIONING_QUEUES.membership, { id: member!.task.id })).toHaveLength(1);
    // The single grant is the same path: asked again, the open task answers.
    expect(await service().requestGrant(grant('AdministratorAccess on payments-dev', BOB.externalId))).toEqual({ task: expect.objectContaining({ id: first!.task.id }), existing: true });
  });

  test('unknown names are NOT_FOUND quoting what was given; ambiguous ones list the candidates', async () => {
    await rejects(service().requestGrant({ connector: connectorId, entitlement: 'PowerUser on payments-prod', principal: 'bob', actor: 'cli:test' }), 'NOT_FOUND', /"PowerUser on payments-prod"/);
    await rejects(service().requestGrant({ connector: connectorId, entitlement: 'member of Admins', principal: 'nobody@corp.example', actor: 'cli:test' }), 'NOT_FOUND', /"nobody@corp.example"/);
    await rejects(
      service().requestGrant({ connector: connectorId, entitlement: 'AdministratorAccess', principal: 'bob@corp.example', actor: 'cli:test' }),
      'AMBIGUOUS',
      /2 entitlements .*AdministratorAccess on payments-dev .*AdministratorAccess on payments-prod/,
    );
    const { task } = await service().requestGrant({ connector: connectorId, entitlement: 'AdministratorAccess', resource: 'payments-dev', principal: 'Admins', actor: 'cli:test' });
    expect(task).toMatchObject({ entitlementKey: entitlementKey(DEV, PS_ADMIN), principalTypeId: 'sso_group' });
  });

  test('what the connector cannot change is refused at request time, with no task written', async () => {
    const before = await queryRows<{ n: number }>(store().db, sql`select count(*)::int as n from provisioning_tasks`);
    await rejects(service().requestGrant({ connector: connectorId, entitlement: 'AdministratorAccess on payments-prod', principal: ROLE.externalId, actor: 'cli:test' }), 'NOT_PROVISIONABLE', /IAM role/);
    const after = await queryRows<{ n: number }>(store().db, sql`select count(*)::int as n from provisioning_tasks`);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(await getTask(store().db, 'not-a-uuid')).toBeUndefined();
  });

  test('an IAM role named as the entitlement gets the connector’s refusal, not "no entitlement matches … sync first"', async () => {
    // The role was synced; it is a resource, not an entitlement, and the connector says why it cannot be granted.
    await rejects(service().requestGrant({ connector: connectorId, entitlement: ROLE.externalId, principal: 'bob@corp.example', actor: 'cli:test' }), 'NOT_PROVISIONABLE', /IAM role cannot be given deploy/);
    await rejects(service().requestRevoke({ connector: connectorId, entitlement: 'deploy', principal: 'bob@corp.example', actor: 'cli:test' }), 'NOT_PROVISIONABLE', /IAM role cannot be removed from deploy/);
    // A name that is nothing synced is still NOT_FOUND.
    await rejects(service().requestGrant({ connector: connectorId, entitlement: 'arn:aws:iam::111122223333:role/never-synced', principal: 'bob', actor: 'cli:test' }), 'NOT_FOUND', /No entitlement matches/);
  });
});
