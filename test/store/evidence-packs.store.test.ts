import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { queryRows } from '../../src/store/index.ts';
import { describeStore } from '../harness/store-test.ts';

/** Evidence packs, their zips and the signing key are evidence: the database keeps them as the service writes them (migration 0015). */
describeStore('evidence packs are append-only and only move forward', (store) => {
  const db = () => store().db;
  // Drizzle wraps the database's error; the trigger's message is in its cause.
  const refusal = (statement: ReturnType<typeof sql>) => db().execute(statement).then(() => 'accepted', (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message));
  const newPack = async () => (await queryRows<{ id: string }>(db(), sql`insert into evidence_packs (kind, parameters, made_by) values ('access_at', '{"at":"2026-01-01"}'::jsonb, 'cli:test') returning id`))[0]!.id;

  test('a pack goes queued → running → done, its progress only up; what was asked for never changes', async () => {
    const id = await newPack();
    expect(await refusal(sql`update evidence_packs set status = 'running', progress = 10 where id = ${id}`)).toBe('accepted');
    expect(await refusal(sql`update evidence_packs set progress = 5 where id = ${id}`)).toBe('evidence_packs only moves forward: progress 10 → 5 is not allowed');
    expect(await refusal(sql`update evidence_packs set status = 'queued' where id = ${id}`)).toBe('evidence_packs only moves forward: status running → queued is not allowed');
    expect(await refusal(sql`update evidence_packs set kind = 'campaign' where id = ${id}`)).toBe('evidence_packs keeps what was asked for: kind, parameters, made_by and made_at never change');
    expect(await refusal(sql`update evidence_packs set parameters = '{}'::jsonb where id = ${id}`)).toBe('evidence_packs keeps what was asked for: kind, parameters, made_by and made_at never change');
    expect(await refusal(sql`update evidence_packs set status = 'done', progress = 100, sha256 = 'ab', size = 2, finished_at = now() where id = ${id}`)).toBe('accepted');
    expect(await refusal(sql`update evidence_packs set status = 'failed' where id = ${id}`)).toBe('evidence_packs only moves forward: status done → failed is not allowed');
    expect(await refusal(sql`update evidence_packs set sha256 = 'cd' where id = ${id}`)).toBe('evidence_packs: a finished pack never changes');
  });

  test('packs, their zips and the signing key refuse DELETE and TRUNCATE; zips and the key refuse UPDATE', async () => {
    const id = await newPack();
    await db().execute(sql`insert into evidence_pack_files (pack_id, zip) values (${id}, '\\x504b'::bytea)`);
    await db().execute(sql`insert into evidence_signing_keys (name, algorithm, public_key_pem, fingerprint, private_key_sealed) values ('guard-test', 'ed25519', 'pem', 'fp', 'sealed')`);
    expect(await refusal(sql`delete from evidence_packs where id = ${id}`)).toBe('evidence_packs is append-only: DELETE is not allowed');
    expect(await refusal(sql`update evidence_pack_files set zip = '\\x00'::bytea where pack_id = ${id}`)).toBe('evidence_pack_files is append-only: UPDATE is not allowed');
    expect(await refusal(sql`delete from evidence_pack_files where pack_id = ${id}`)).toBe('evidence_pack_files is append-only: DELETE is not allowed');
    expect(await refusal(sql`update evidence_signing_keys set private_key_sealed = 'x' where name = 'guard-test'`)).toBe('evidence_signing_keys is append-only: UPDATE is not allowed');
    expect(await refusal(sql`delete from evidence_signing_keys where name = 'guard-test'`)).toBe('evidence_signing_keys is append-only: DELETE is not allowed');
    for (const table of ['evidence_packs', 'evidence_pack_files', 'evidence_signing_keys']) {
      expect(await refusal(sql`truncate ${sql.raw(table)} cascade`)).toBe(`${table} is append-only: TRUNCATE is not allowed`);
    }
    const [kept] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from evidence_pack_files where pack_id = ${id}`);
    expect(kept).toEqual({ n: 1 });
  });
});
