/**
 * A small report in the shape every evidence report has, with the names a real organisation brings:
 * several scripts, a long ARN, a comment with a line break, and a cell an attacker chose to be a formula.
 */
import type { Report, ReportTable } from '../../../src/evidence/report-model.ts';

export const NAMES = ['Ελένη Παπαδοπούλου', 'Дмитрий Соколов', '王小明', '佐藤 さくら', '김민수', 'Zoë Ångström-Łukasiewicz'] as const;
export const FORMULA = '=HYPERLINK("http://evil.example","click")';
export const LONG_ARN = 'arn:aws:sso:::permissionSet/ssoins-7223a5f0c1d2e3f4/ps-0123456789abcdef0123456789abcdef';

/** `rowCount` grants, the first ones naming each person of NAMES; rows are made on each read, never kept. */
export function grantsTable(rowCount: number): ReportTable {
  return {
    name: 'grants',
    title: 'Grants held on 2026-03-31',
    columns: [
      { key: 'principal', label: 'Principal', width: 2 },
      { key: 'account', label: 'Account', width: 1 },
      { key: 'entitlement', label: 'Entitlement', width: 3 },
      { key: 'via', label: 'Via', width: 1 },
      { key: 'since', label: 'Since (UTC)', width: 1.5 },
      { key: 'privileged', label: 'Privileged', width: 0.8 },
      { key: 'comment', label: 'Comment', width: 2 },
    ],
    async *rows() {
      for (let i = 0; i < rowCount; i++) {
        yield {
          principal: NAMES[i % NAMES.length]!,
          account: `1111222233${String(i % 100).padStart(2, '0')}`,
          entitlement: i === 0 ? LONG_ARN : `AdministratorAccess-${i}`,
          via: i % 3 === 0 ? 'group' : 'direct',
          since: new Date(Date.UTC(2026, 0, 1 + (i % 28), 9, 30)),
          privileged: i % 5 === 0,
          comment: i === 1 ? FORMULA : i === 2 ? 'first line\nsecond line, with "quotes"' : i === 3 ? null : `row ${i}`,
        };
      }
    },
  };
}

export function sampleReport(rowCount = 12): Report {
  return {
    kind: 'access_at',
    title: 'Access at a point in time',
    organisation: 'Example Org (o-abc123)',
    period: '2026-03-31 23:59:59 (UTC)',
    parameters: { at: '2026-03-31T23:59:59.000Z', connector: 1, filter: { type: 'sso_user' } },
    generatedBy: 'Ελένη Παπαδοπούλου',
    generatedAt: new Date('2026-04-01T08:15:00.000Z'),
    syncRunIds: [41, 42],
    summary: [
      { label: 'Grants', value: rowCount },
      { label: 'Principals', value: 6 },
      { label: 'Accounts', value: 108_000 },
      { label: 'Sync run used', value: '#42 (2026-03-31T22:00:00Z)' },
    ],
    tables: [
      grantsTable(rowCount),
      {
        name: 'population',
        title: 'Population per type',
        columns: [
          { key: 'type', label: 'Type' },
          { key: 'count', label: 'Count' },
        ],
        async *rows() {
          yield { type: 'sso_user', count: 1234 };
          yield { type: 'iam_user', count: 56 };
        },
      },
    ],
  };
}
