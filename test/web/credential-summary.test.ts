import { expect, test } from 'vitest';
import { credentialSummary, daysAgo } from '../../web/src/access/credential-summary.ts';

const NOW = Date.parse('2026-12-04T12:00:00.000Z');
const daysBefore = (n: number) => new Date(NOW - n * 86_400_000).toISOString();

test('an IAM user with MFA, a used password and two keys: MFA, last sign-in, key count, the latest use and the oldest rotation', () => {
  const summary = credentialSummary({
    mfaActive: true,
    passwordEnabled: true,
    passwordLastUsed: '2026-12-01T08:00:00.000Z',
    accessKeys: [
      { active: true, lastRotated: daysBefore(412), lastUsedDate: daysBefore(3), lastUsedService: 's3', lastUsedRegion: 'eu-west-1' },
      { active: false, lastRotated: daysBefore(30), lastUsedDate: daysBefore(20), lastUsedService: 'ec2', lastUsedRegion: 'eu-west-1' },
    ],
  }, NOW);
  expect(summary[0]).toBe('MFA: on');
  expect(summary[1]).toMatch(/^password last used: .*2026/);
  expect(summary[2]).toBe('access keys: 2 (1 active, last used 3 days ago via s3; oldest rotated 412 days ago)');
});

test('a machine user: no console password, MFA off, one key never used', () => {
  expect(credentialSummary({
    mfaActive: false, passwordEnabled: false, passwordLastUsed: null,
    accessKeys: [{ active: true, lastRotated: daysBefore(1), lastUsedDate: null, lastUsedService: null, lastUsedRegion: null }],
  }, NOW)).toEqual(['MFA: off', 'no console password', 'access keys: 1 (1 active, never used; rotated 1 day ago)']);
});

test('what the sync could not read is left out: keys only (the report denied), or nothing', () => {
  expect(credentialSummary({ passwordLastUsed: null, accessKeys: [] }, NOW)).toEqual(['password last used: never', 'access keys: none']);
  expect(credentialSummary({}, NOW)).toEqual([]);
});

test('daysAgo counts whole days', () => {
  expect([daysAgo(daysBefore(0), NOW), daysAgo(daysBefore(1.5), NOW), daysAgo(daysBefore(412), NOW)]).toEqual(['today', '1 day ago', '412 days ago']);
});
