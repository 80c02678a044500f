import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, test } from 'vitest';
import { people, queryRows, type Db } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';
import { createConnectorRow } from '../harness/provisioning.ts';

describeStore('access request approvals are append-only (migration 0016)', (store) => {
  const db = (): Db => store().db;
  // Drizzle wraps the database's error; the trigger's message is in its cause.
  const refusal = (statement: ReturnType<typeof sql>) => db().execute(statement).then(() => 'accepted', (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message));
  let requestId: number;
  let approver: string;

  beforeAll(async () => {
    const connectorId = await createConnectorRow(db(), `requests-${randomUUID().slice(0, 8)}`);
    const suffix = randomUUID().slice(0, 8);
    const [p] = await db().insert(people).values({ displayName: 'Rita', email: `rita-${suffix}@corp.example` }).returning();
    const [a] = await db().insert(people).values({ displayName: 'Otto', email: `otto-${suffix}@corp.example` }).returning();
    approver = a!.id;
    const [r] = await queryRows<{ id: number | string }>(db(), sql`
      insert into access_requests (connector_id, requester_person_id, requester_actor, principal_type, principal_id, entitlement, entitlement_text, policy_version, policy_name, policy, duration_minutes, pending_until)
      values (${connectorId}, ${p!.id}, 'user:rita', 'sso_user', 'u-1', '{}'::jsonb, 'ReadOnlyAccess on dev', 1, 'Dev', '{}'::jsonb, 60, now() + interval '1 day') returning id`);
    requestId = Number(r!.id);
    await db().execute(sql`insert into access_request_approvals (request_id, step, approver_person_id, actor, decision, comment) values (${requestId}, 1, ${approver}, 'user:otto', 'approve', 'ok')`);
  });

  test('an approval refuses UPDATE, DELETE and TRUNCATE, and a second decision by the same person', async () => {
    expect(await refusal(sql`update access_request_approvals set decision = 'deny' where request_id = ${requestId}`)).toBe('access_request_approvals is append-only: UPDATE is not allowed');
    expect(await refusal(sql`delete from access_request_approvals where request_id = ${requestId}`)).toBe('access_request_approvals is append-only: DELETE is not allowed');
    expect(await refusal(sql`truncate access_request_approvals cascade`)).toBe('access_request_approvals is append-only: TRUNCATE is not allowed');
    expect(await refusal(sql`insert into access_request_approvals (request_id, step, approver_person_id, actor, decision) values (${requestId}, 1, ${approver}, 'user:otto', 'approve')`)).toMatch(/duplicate key|unique/);
    const [kept] = await queryRows<{ decision: string; n: number }>(db(), sql`select max(decision) as decision, count(*)::int as n from access_request_approvals where request_id = ${requestId}`);
    expect(kept).toEqual({ decision: 'approve', n: 1 });
  });
});
