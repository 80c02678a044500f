import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startJobEngine, type JobEngine } from '../../src/jobs/index.ts';
import { inboxOf, markAllRead, markRead, notify, unreadCount, type Reader } from '../../src/notifications/index.ts';
import { createProvisioningService, PROVISIONING_QUEUE_SPECS, runProvisioningTask } from '../../src/provisioning/index.ts';
import { AWS_ERRORS } from '../../src/connectors/index.ts';
import { RrcuError } from '../../src/core/errors.ts';
import { appUsers, notifications, people, type AppRole, type Db } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { ADMINS, BOB, baseResources } from '../harness/inventory-fixtures.ts';
import { connectorRecords, createConnectorRow, scriptedProvisioner, syncInventory } from '../harness/provisioning.ts';

async function createUser(db: Db, role: AppRole, email: string | null = null): Promise<Reader> {
  const [user] = await db.insert(appUsers).values({ subject: `local:${randomUUID()}`, displayName: 'Test user', email, role }).returning();
  return { userId: user!.id, email, role };
}

describeStore('notifications: the outbox and the inbox', (store) => {
  const db = () => store().db;

  test('a notification is written in the caller\'s transaction: rolled back with it, and a dedupe key notifies once', async () => {
    const reader = await createUser(db(), 'person');
    const key = `test.rolled_back:${randomUUID()}`;
    await expect(
      db().transaction(async (tx) => {
        await notify(tx, { kind: 'test.rolled_back', recipient: { userId: reader.userId }, title: 'Never seen', dedupeKey: key });
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect(await inboxOf(db(), reader)).toEqual([]);

    const once = `test.once:${randomUUID()}`;
    const first = await db().transaction((tx) => notify(tx, { kind: 'test.once', recipient: { userId: reader.userId }, title: 'Once', link: '/tasks', dedupeKey: once }));
    const again = await db().transaction((tx) => notify(tx, { kind: 'test.once', recipient: { userId: reader.userId }, title: 'Once', dedupeKey: once }));
    expect(first).toMatchObject({ kind: 'test.once', title: 'Once', link: '/tasks' });
    expect(again).toBeUndefined();
    expect((await inboxOf(db(), reader)).map((n) => n.title)).toEqual(['Once']);
  });

  test('an inbox holds what is addressed to the user, to the person with their email, and to their role; nobody else\'s', async () => {
    const email = `dana-${randomUUID().slice(0, 8)}@corp.example`;
    const [person] = await db().insert(people).values({ displayName: 'Dana', email }).returning();
    const dana = await createUser(db(), 'auditor', email);
    const other = await createUser(db(), 'auditor');
    const admin = await createUser(db(), 'super_admin');
    const tag = randomUUID();
    await notify(db(), { kind: 'test.to_user', recipient: { userId: dana.userId }, title: 'to user', dedupeKey: `u:${tag}` });
    await notify(db(), { kind: 'test.to_person', recipient: { personId: person!.id }, title: 'to person', dedupeKey: `p:${tag}` });
    await notify(db(), { kind: 'test.to_role', recipient: { role: 'auditor' }, title: `to auditors ${tag}`, dedupeKey: `r:${tag}` });
    await notify(db(), { kind: 'test.to_user', recipient: { userId: other.userId }, title: 'to the other', dedupeKey: `o:${tag}` });

    expect((await inboxOf(db(), dana)).map((n) => n.title).sort()).toEqual([`to auditors ${tag}`, 'to person', 'to user']);
    expect((await inboxOf(db(), other)).map((n) => n.title).sort()).toEqual([`to auditors ${tag}`, 'to the other']);
    // A Super Administrator may do what every role may, so what goes to a role reaches them too.
    expect((await inboxOf(db(), admin)).map((n) => n.title)).toContain(`to auditors ${tag}`);
    expect(await unreadCount(db(), dana)).toBe(3);

    const [toOther] = await db().select().from(notifications).where(eq(notifications.dedupeKey, `o:${tag}`));
    await expect(markRead(db(), dana, toOther!.id)).rejects.toMatchObject({ code: 'NOTIFICATION_NOT_FOUND' });
  });

  test('reading is per user: a broadcast read by one auditor stays unread for another; mark all read counts what it marked', async () => {
    const a = await createUser(db(), 'connector_admin');
    const b = await createUser(db(), 'connector_admin');
    const tag = randomUUID();
    const sent = await notify(db(), { kind: 'test.broadcast', recipient: { role: 'connector_admin' }, title: `broadcast ${tag}`, dedupeKey: `b:${tag}` });
    await markRead(db(), a, sent!.id);
    await markRead(db(), a, sent!.id);
    expect((await inboxOf(db(), a)).find((n) => n.id === sent!.id)?.readAt).not.toBeNull();
    expect((await inboxOf(db(), b)).find((n) => n.id === sent!.id)?.readAt).toBeNull();
    expect((await inboxOf(db(), a, { unreadOnly: true })).map((n) => n.id)).not.toContain(sent!.id);

    const unread = await unreadCount(db(), b);
    expect(unread).toBeGreaterThan(0);
    expect(await markAllRead(db(), b)).toBe(unread);
    expect(await unreadCount(db(), b)).toBe(0);
    expect(await markAllRead(db(), b)).toBe(0);
  });

  test('a recipient is exactly one of person, user and role, and a link is a path of the app', async () => {
    const reader = await createUser(db(), 'person');
    await expect(notify(db(), { kind: 'test.bad', recipient: { userId: reader.userId }, title: 'x', link: 'https://evil.example/', dedupeKey: randomUUID() })).rejects.toThrow(/path of the web app/);
    await expect(notify(db(), { kind: 'test.bad', recipient: { userId: reader.userId }, title: 'x', link: '//evil.example/', dedupeKey: randomUUID() })).rejects.toThrow(/path of the web app/);
    await expect(notify(db(), { kind: 'nodots', recipient: { userId: reader.userId }, title: 'x', dedupeKey: randomUUID() })).rejects.toThrow(/dotted/);
  });
});

describeStore('notifications: a failed provisioning task tells the Connector Administrators and whoever asked for it', (store) => {
  let engine: JobEngine;
  let connectorId: string;
  beforeAll(async () => {
    engine = await startJobEngine(store(), { supervise: false, queues: PROVISIONING_QUEUE_SPECS });
    connectorId = await createConnectorRow(store().db, 'notify-failed');
    await syncInventory(store().db, connectorId, [...baseResources()]);
  });
  afterAll(async () => {
    await engine.stop({ graceful: false });
  });

  test('the Connector Administrators and the requester find the failure in their inbox, linked to the tasks, once however often the job is delivered', async () => {
    const db = store().db;
    const requester = await createUser(db, 'person');
    const administrator = await createUser(db, 'connector_admin');
    const fake = scriptedProvisioner({
      apply: async () => {
        throw new RrcuError(AWS_ERRORS.ACTION_DENIED, 'AWS refused identitystore:CreateGroupMembership.', { fix: 'Allow it in the role RRCU assumes.' });
      },
    });
    const service = createProvisioningService({ db, jobs: engine, provisioners: fake.pool, connectors: connectorRecords(db) });
    const { task } = await service.requestGrant({ connector: connectorId, entitlement: `member of Admins`, principal: BOB.externalId, actor: `user:${requester.userId}` });
    expect(task.target.entitlement.resourceExternalId).toBe(ADMINS.externalId);
    expect(await runProvisioningTask({ db, provisioners: fake.pool }, task.id, { retryCount: 0, retryLimit: 0 })).toMatchObject({ status: 'failed' });
    await runProvisioningTask({ db, provisioners: fake.pool }, task.id, { retryCount: 1, retryLimit: 0 });

    for (const reader of [requester, administrator]) {
      const inbox = (await inboxOf(db, reader)).filter((n) => n.kind === 'provisioning.task_failed');
      expect(inbox).toHaveLength(1);
      expect(inbox[0]).toMatchObject({ kind: 'provisioning.task_failed', link: '/tasks', readAt: null });
      expect(inbox[0]!.title).toMatch(/^Could not grant member of Admins for /);
      expect(inbox[0]!.body).toContain('AWS refused identitystore:CreateGroupMembership.');
    }
  });

  test('a requester who is a Connector Administrator is told once, as one of them', async () => {
    const db = store().db;
    const requester = await createUser(db, 'connector_admin');
    const fake = scriptedProvisioner({ apply: async () => { throw new RrcuError(AWS_ERRORS.ACTION_DENIED, 'Denied.', { fix: 'Allow it.' }); } });
    const service = createProvisioningService({ db, jobs: engine, provisioners: fake.pool, connectors: connectorRecords(db) });
    const { task } = await service.requestGrant({ connector: connectorId, entitlement: `member of Admins`, principal: 'u-carol', actor: `user:${requester.userId}` });
    await runProvisioningTask({ db, provisioners: fake.pool }, task.id, { retryCount: 0, retryLimit: 0 });
    const sent = await db.select().from(notifications).where(eq(notifications.dedupeKey, `provisioning.task_failed:${task.id}:connector_admin`));
    expect(sent.map((n) => n.recipientRole)).toEqual(['connector_admin']);
    expect(await db.select().from(notifications).where(eq(notifications.dedupeKey, `provisioning.task_failed:${task.id}`))).toEqual([]);
  });

  test('a task asked for from the CLI tells the Connector Administrators alone (no user asked)', async () => {
    const db = store().db;
    const before = (await db.select().from(notifications)).length;
    const fake = scriptedProvisioner({ apply: async () => { throw new RrcuError(AWS_ERRORS.ACTION_DENIED, 'Denied.', { fix: 'Allow it.' }); } });
    const service = createProvisioningService({ db, jobs: engine, provisioners: fake.pool, connectors: connectorRecords(db) });
    const { task } = await service.requestGrant({ connector: connectorId, entitlement: `member of Admins`, principal: 'u-carol', actor: 'cli:test' });
    expect(await runProvisioningTask({ db, provisioners: fake.pool }, task.id, { retryCount: 0, retryLimit: 0 })).toMatchObject({ status: 'failed' });
    const all = await db.select().from(notifications);
    expect(all).toHaveLength(before + 1);
    const sent = all.filter((n) => n.payload.taskId === task.id);
    expect(sent.map((n) => [n.kind, n.recipientRole, n.recipientUserId, n.recipientPersonId])).toEqual([['provisioning.task_failed', 'connector_admin', null, null]]);
  });
});
