import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Simulator } from '../../src/aws-sim/index.ts';
import { startTestSimulator } from '../harness/aws-sim.ts';

type ScimList = {
  schemas: string[];
  totalResults?: number;
  itemsPerPage: number;
  startIndex?: number;
  nextCursor?: string;
  Resources: { id: string; userName?: string; displayName?: string; active?: boolean; meta: { resourceType: string } }[];
};

describe('SCIM over HTTP', () => {
  let sim: Simulator;
  let base: string;

  beforeAll(async () => {
    sim = await startTestSimulator({ seed: { users: 25 } });
    base = `${sim.endpoint}${sim.world.rrcu.scimPath}`;
  });
  afterAll(() => sim.stop());

  function get(path: string, token = sim.world.rrcu.scimToken) {
    return fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  }

  test('a bad or missing bearer token is 401 with a SCIM error body', async () => {
    const bad = await get('/Users', 'not-a-token');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    const missing = await fetch(`${base}/Users`);
    expect(missing.status).toBe(401);
  });

  test('GetUser reports the user with active from the Identity Store status and the enterprise extension; unknown ids are 404', async () => {
    const user = [...sim.world.state.identityCenter!.users.values()][2]!;
    user.status = 'DISABLED';
    const res = await get(`/Users/${user.userId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: user.userId,
      userName: user.userName,
      displayName: user.displayName,
      active: false,
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      meta: { resourceType: 'User' },
      name: { givenName: user.name.givenName, familyName: user.name.familyName },
      title: user.title,
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
        department: user.enterprise!.department, costCenter: user.enterprise!.costCenter, employeeNumber: user.enterprise!.employeeNumber,
        manager: { value: user.enterprise!.manager },
      },
    });
    user.status = 'ENABLED';
    expect(((await (await get(`/Users/${user.userId}`)).json()) as { active: boolean }).active).toBe(true);
    const missing = await get('/Users/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ status: '404' });
  });

  test('ListUsers filters by userName eq', async () => {
    const user = [...sim.world.state.identityCenter!.users.values()][5]!;
    const res = await get(`/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}`);
    const body = (await res.json()) as ScimList;
    expect(body).toMatchObject({ totalResults: 1, itemsPerPage: 1, startIndex: 1, schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'] });
    expect(body.Resources.map((r) => r.id)).toEqual([user.userId]);
    const none = (await (await get(`/Users?filter=${encodeURIComponent('userName eq "nobody@example.com"')}`)).json()) as ScimList;
    expect(none).toMatchObject({ totalResults: 0, Resources: [] });
    expect((await get(`/Users?filter=${encodeURIComponent('title eq "x"')}`)).status).toBe(400);
  });

  test('without a cursor ListUsers answers one page of count; with one it pages to the end by nextCursor', async () => {
    const single = (await (await get('/Users?count=10')).json()) as ScimList;
    expect(single).toMatchObject({ totalResults: 25, itemsPerPage: 10, startIndex: 1 });
    expect(single.nextCursor).toBeUndefined();

    const ids: string[] = [];
    let cursor = '';
    let pages = 0;
    for (;;) {
      const page = (await (await get(`/Users?count=10&cursor=${encodeURIComponent(cursor)}`)).json()) as ScimList;
      pages += 1;
      ids.push(...page.Resources.map((r) => r.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(25);
    expect((await get('/Users?count=101')).status).toBe(400);
  });

  test('groups list and resolve by displayName', async () => {
    const group = [...sim.world.state.identityCenter!.groups.values()][0]!;
    const list = (await (await get(`/Groups?filter=${encodeURIComponent(`displayName eq "${group.displayName}"`)}`)).json()) as ScimList;
    expect(list.Resources.map((r) => r.id)).toEqual([group.groupId]);
    const one = (await (await get(`/Groups/${group.groupId}`)).json()) as Record<string, unknown>;
    expect(one).toMatchObject({ id: group.groupId, displayName: group.displayName, meta: { resourceType: 'Group' } });
  });
});
