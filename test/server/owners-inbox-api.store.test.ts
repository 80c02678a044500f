import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { notify } from '../../src/notifications/index.ts';
import { appUsers, people, type AppRole } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { ADMINS, baseResources } from '../harness/inventory-fixtures.ts';
import { createConnectorRow, syncInventory } from '../harness/provisioning.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

describeStore('owners and the inbox over the API', (store) => {
  let t: TestServer;
  let connectorId: string;
  beforeAll(async () => {
    t = await startTestServer(store());
    connectorId = await createConnectorRow(store().db, `api-owners-${randomUUID().slice(0, 8)}`);
    await syncInventory(store().db, connectorId, baseResources());
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Headers of a token bound to a user of its own (the shared test tokens belong to no user, so read no inbox). */
  async function userWithToken(role: AppRole): Promise<{ userId: string; headers: { authorization: string } }> {
    const [user] = await store().db.insert(appUsers).values({ subject: `local:${randomUUID()}`, displayName: `${role} user`, role }).returning();
    const { token } = await t.app.identity.createApiToken({ name: `inbox ${randomUUID()}`, role }, { actor: 'system', userId: user!.id });
    return { userId: user!.id, headers: { authorization: `Bearer ${token}` } };
  }

  test('an administrator sets and removes an owner; bad input is a 400 naming the field, an unknown resource a 404', async () => {
    const admin = await t.as('connector_admin');
    const [person] = await store().db.insert(people).values({ displayName: 'Fay', email: `fay-${randomUUID().slice(0, 8)}@corp.example` }).returning();
    const missing = await t.server.inject({ method: 'POST', url: '/api/owners', headers: admin, payload: { connectorId, resourceType: 'sso_group', resourceId: ADMINS.externalId } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual([expect.objectContaining({ field: 'body.personId' })]);
    const badType = await t.server.inject({ method: 'POST', url: '/api/owners', headers: admin, payload: { connectorId, resourceType: 'iam_user', resourceId: 'x', personId: person!.id } });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.fields).toEqual([expect.objectContaining({ field: 'body.resourceType' })]);
    const unknown = await t.server.inject({ method: 'POST', url: '/api/owners', headers: admin, payload: { connectorId, resourceType: 'account', resourceId: '000000000000', personId: person!.id } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('RESOURCE_NOT_FOUND');

    const set = await t.server.inject({ method: 'POST', url: '/api/owners', headers: admin, payload: { connectorId, resourceType: 'sso_group', resourceId: ADMINS.externalId, email: person!.email } });
    expect(set.statusCode).toBe(201);
    const owner = set.json<{ id: string }>();
    const list = await t.server.inject({ method: 'GET', url: `/api/owners?connectorId=${connectorId}&resourceType=sso_group&resourceId=${ADMINS.externalId}`, headers: await t.as('auditor') });
    expect(list.json().items).toEqual([expect.objectContaining({ id: owner.id, source: 'rrcu', person: expect.objectContaining({ displayName: 'Fay' }) })]);
    const removed = await t.server.inject({ method: 'POST', url: `/api/owners/${owner.id}/remove`, headers: admin });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().removedAt).not.toBeNull();
    const history = await t.server.inject({ method: 'GET', url: `/api/owners?connectorId=${connectorId}&history=true`, headers: admin });
    expect(history.json().items.map((o: { id: string }) => o.id)).toContain(owner.id);
    const noConnector = await t.server.inject({ method: 'GET', url: `/api/owners?connectorId=${randomUUID()}`, headers: admin });
    expect(noConnector.statusCode).toBe(404);
  });

  test("a person reads and marks only their own inbox: another's notification is a 404", async () => {
    const ann = await userWithToken('person');
    const ben = await userWithToken('person');
    const sent = await notify(store().db, { kind: 'test.hello', recipient: { userId: ann.userId }, title: 'Hello Ann', link: '/me', dedupeKey: randomUUID() });
    const annInbox = await t.server.inject({ method: 'GET', url: '/api/me/inbox', headers: ann.headers });
    expect(annInbox.json()).toEqual({ unread: 1, items: [expect.objectContaining({ id: sent!.id, title: 'Hello Ann', link: '/me', readAt: null })] });
    expect((await t.server.inject({ method: 'GET', url: '/api/me/inbox', headers: ben.headers })).json()).toEqual({ unread: 0, items: [] });

    const bensTry = await t.server.inject({ method: 'POST', url: `/api/me/inbox/${sent!.id}/read`, headers: ben.headers });
    expect(bensTry.statusCode).toBe(404);
    expect((await t.server.inject({ method: 'GET', url: '/api/me/inbox?unread=true', headers: ann.headers })).json().items).toHaveLength(1);

    expect((await t.server.inject({ method: 'POST', url: `/api/me/inbox/${sent!.id}/read`, headers: ann.headers })).statusCode).toBe(200);
    expect((await t.server.inject({ method: 'GET', url: '/api/me/inbox', headers: ann.headers })).json().unread).toBe(0);
    await notify(store().db, { kind: 'test.hello', recipient: { userId: ann.userId }, title: 'Again', dedupeKey: randomUUID() });
    expect((await t.server.inject({ method: 'POST', url: '/api/me/inbox/read-all', headers: ann.headers })).json()).toEqual({ marked: 1 });
  });
});
