import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REPORT_PRODUCERS } from '../../../src/evidence/reports/index.ts';
import type { Report, ReportCell } from '../../../src/evidence/report-model.ts';
import { reportJsonSchema, writeCsv, writeJson, writePdf } from '../../../src/evidence/writers/index.ts';
import { describeStore } from '../../harness/store-test.ts';
import { holdersOf, inventoryOf } from '../../requests/people.ts';
import { startRequestWorld, type RequestWorld } from '../../requests/request-world.ts';
import { collector } from '../writers/collect.ts';

const MINUTE = 60_000;
const BY = { actor: 'cli:auditor', name: 'Auditor' };

async function rowsOf(report: Report, table: string): Promise<Record<string, ReportCell>[]> {
  const rows: Record<string, ReportCell>[] = [];
  for await (const row of report.tables.find((t) => t.name === table)!.rows()) rows.push(row);
  return rows;
}

/** Report 4 on requests made through the real service against the simulator: approved and removed, denied, break-glass. */
describeStore('evidence report jit_access', (store) => {
  let w: RequestWorld;
  const db = () => store().db;
  beforeAll(async () => {
    w = await startRequestWorld(store(), { name: 'On-call', justificationRequired: true, breakGlass: { allowed: true } });
  }, 120_000);
  afterAll(async () => {
    await w?.world.stop();
  });

  test('requests of the period with their decisions, removals with task, AWS request id and observing sync; break-glass apart; figures in the PDF, CSV parsed, JSON valid', async () => {
    const { world, requests, people, approver, clock, as, settle } = w;
    const from = new Date(clock.now.getTime() - MINUTE);
    const { accounts, permissionSets } = await inventoryOf(db(), world.connector.id);
    const ps = permissionSets[0]!;
    const key = (a: string) => `account:${a}#${ps.arn}`;
    const first = await holdersOf(db(), world.connector.id, [key(accounts[0]!.id)]);
    const third = await holdersOf(db(), world.connector.id, [key(accounts[2]!.id)]);
    const asker = people.find((x) => x !== approver && !first.has(x.userId))!;
    const glass = people.find((x) => x !== approver && x !== asker && !third.has(x.userId))!;
    const denied = people.find((x) => x !== approver && x !== asker && x !== glass)!;

    const one = await requests.submit({ connector: world.connector.id, entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [accounts[0]!.id] }, justification: 'INC-7 debugging', ticket: 'INC-7' }, as(asker));
    await requests.approve(one.request.id, { comment: 'go ahead' }, as(approver));
    expect((await settle(one.request.id, 'grantTask')).status).toBe('active');
    const two = await requests.submit({ connector: world.connector.id, entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [accounts[1]!.id] }, justification: 'curious' }, as(denied));
    await requests.deny(two.request.id, { comment: 'no' }, as(approver));
    const three = await requests.submit({ connector: world.connector.id, entitlement: { kind: 'permission_set', permissionSet: ps.name, accounts: [accounts[2]!.id] }, justification: 'outage, nobody answers', breakGlass: true }, as(glass));
    expect((await settle(three.request.id, 'grantTask')).status).toBe('active');
    // The first expires: its revoke task removes the assignment, and the next sync observes it.
    clock.now = new Date(clock.now.getTime() + 61 * MINUTE);
    await requests.tick(clock.now);
    const ended = await settle(one.request.id, 'revokeTask');
    expect(ended.targets[0]!.status).toBe('removed');
    await world.sync();

    const p = REPORT_PRODUCERS.jit_access.parameters.parse({ connectorId: world.connector.id, from: from.toISOString(), to: new Date(clock.now.getTime() + MINUTE).toISOString() });
    const report = await REPORT_PRODUCERS.jit_access.produce(db(), p, BY, new Date(clock.now.getTime() + 2 * MINUTE));
    const figure = (label: string) => report.summary.find((s) => s.label === label)?.value;
    expect([figure('Requests'), figure('Approved'), figure('Denied'), figure('Break-glass')]).toEqual([3, 2, 1, 1]);
    expect(String(figure('Median time to approve'))).toMatch(/\d+ (s|min|h)$/);

    const rows = await rowsOf(report, 'requests');
    expect(rows.map((r) => r.id)).toEqual([one.request.id, two.request.id, three.request.id]);
    expect(rows[0]).toMatchObject({ requester: expect.any(String), justification: 'INC-7 debugging', ticket: 'INC-7', policy: 'On-call (v1)', status: 'expired', endReason: 'expired' });
    expect(String(rows[0]!.decisions)).toMatch(/approved at .*: go ahead/);
    expect(rows[0]!.activeAt).toBeInstanceOf(Date);
    expect(String(rows[1]!.decisions)).toMatch(/denied at .*: no/);
    const removals = await rowsOf(report, 'removals');
    // The break-glass request's hour ended too: each ended target has its row.
    expect(removals.map((r) => r.requestId).sort()).toEqual([one.request.id, three.request.id]);
    expect(removals.filter((r) => r.requestId === one.request.id)).toEqual([expect.objectContaining({ requestId: one.request.id, targetStatus: 'removed', taskId: ended.targets[0]!.revokeTask!.id, taskOutcome: 'applied', verified: true, observedRunId: expect.any(Number) })]);
    const removal = removals.find((r) => r.requestId === one.request.id)!;
    expect(removal.awsRequestId).toBeTruthy();
    expect(report.syncRunIds).toContain(removal.observedRunId);
    expect((await rowsOf(report, 'break_glass')).map((r) => r.id)).toEqual([three.request.id]);

    // CSV parsed back; JSON through its published schema; the PDF's summary read by pdftotext.
    const csv = collector();
    await writeCsv(report.tables[0], csv.out);
    const parsed = parse((await csv.bytes).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(parsed.map((r) => Number(r.id))).toEqual([one.request.id, two.request.id, three.request.id]);
    expect(parsed[2]!.breakGlass).toBe('true');
    const chunks: Buffer[] = [];
    await writeJson(report, new Writable({ write(c: Buffer, _e, done) { chunks.push(c); done(); } }));
    const json = reportJsonSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    expect(json.tables.removals!.rows).toHaveLength(removals.length);
    const dir = await mkdtemp(join(tmpdir(), 'jit-pdf-'));
    try {
      const file = join(dir, 'report.pdf');
      await writePdf(report, createWriteStream(file), { dataDigest: '0'.repeat(64) });
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toMatch(/Requests\s+3/);
      expect(text).toMatch(/Break-glass\s+1/);
      expect(text).toMatch(/Denied\s+1/);
      expect(text).toContain('Break-glass uses');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
