import { expect, test } from 'vitest';
import { reportJsonSchema, reportJsonSchemaDocument, writeJson } from '../../../src/evidence/writers/index.ts';
import { collector } from './collect.ts';
import { FORMULA, NAMES, sampleReport } from './sample-report.ts';

test('writes the report as JSON that its schema accepts, tables keyed by name, dates in ISO 8601 UTC', async () => {
  const { out, bytes } = collector();
  await writeJson(sampleReport(12), out);
  const json: unknown = JSON.parse((await bytes).toString('utf8'));
  const report = reportJsonSchema.parse(json);
  expect(Object.keys(json as object)).toEqual(['kind', 'title', 'organisation', 'period', 'parameters', 'generatedBy', 'generatedAt', 'syncRunIds', 'summary', 'tables']);
  expect(report).toMatchObject({
    kind: 'access_at',
    generatedBy: NAMES[0],
    generatedAt: '2026-04-01T08:15:00.000Z',
    syncRunIds: [41, 42],
    parameters: { at: '2026-03-31T23:59:59.000Z', connector: 1, filter: { type: 'sso_user' } },
    summary: [{ label: 'Grants', value: 12 }, { label: 'Principals', value: 6 }, { label: 'Accounts', value: 108_000 }, { label: 'Sync run used', value: '#42 (2026-03-31T22:00:00Z)' }],
  });
  expect(Object.keys(report.tables)).toEqual(['grants', 'population']);
  const grants = report.tables.grants!;
  expect(grants.columns.map((c) => c.key)).toEqual(['principal', 'account', 'entitlement', 'via', 'since', 'privileged', 'comment']);
  expect(grants.rows).toHaveLength(12);
  expect(grants.rows.map((r) => r.principal).slice(0, 6)).toEqual([...NAMES]);
  expect(grants.rows[0]).toMatchObject({ since: '2026-01-01T09:30:00.000Z', privileged: true });
  // JSON is not a spreadsheet: the value is kept as it was.
  expect(grants.rows[1]!.comment).toBe(FORMULA);
  expect(grants.rows[3]!.comment).toBeNull();
  for (const row of grants.rows) expect(Object.keys(row)).toEqual(grants.columns.map((c) => c.key));
  expect(report.tables.population!.rows).toEqual([{ type: 'sso_user', count: 1234 }, { type: 'iam_user', count: 56 }]);
});

test('the schema refuses what is not a report, and is published as a JSON Schema document', () => {
  expect(reportJsonSchema.safeParse({ kind: 'access_at' }).success).toBe(false);
  const document = reportJsonSchemaDocument();
  expect(document).toMatchObject({ type: 'object', required: expect.arrayContaining(['kind', 'tables', 'generatedAt']) });
  expect(JSON.stringify(document)).toContain('"campaign"');
});

test('streams rows: a 20,000-row table reads its rows once and comes out whole', async () => {
  const report = sampleReport(20_000);
  let reads = 0;
  const [grants, ...rest] = report.tables;
  const { out, bytes } = collector();
  await writeJson({ ...report, tables: [{ ...grants, rows: () => (reads++, grants.rows()) }, ...rest] }, out);
  const parsed = reportJsonSchema.parse(JSON.parse((await bytes).toString('utf8')));
  expect(reads).toBe(1);
  expect(parsed.tables.grants!.rows).toHaveLength(20_000);
});
