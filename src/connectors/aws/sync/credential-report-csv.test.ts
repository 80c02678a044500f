import { describe, expect, test } from 'vitest';
import { parseCredentialReport, splitCsvLine } from './credential-report-csv.ts';

// AWS's columns, in AWS's order, as GetCredentialReport returns them.
const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const NO_KEY = 'false,N/A,N/A,N/A,N/A';
const NO_CERTS = 'false,N/A,false,N/A';

const report = (...rows: string[]) => [HEADER, ...rows].join('\n');

describe('parseCredentialReport', () => {
  test('the root row becomes root facts, not a user', () => {
    const parsed = parseCredentialReport(report(
      `<root_account>,arn:aws:iam::123456789012:root,2019-03-01T10:00:00+00:00,not_supported,2026-11-30T08:15:00+00:00,not_supported,not_supported,true,` +
        `true,2020-01-01T00:00:00+00:00,N/A,N/A,N/A,${NO_KEY},${NO_CERTS}`,
    ));
    expect(parsed.users.size).toBe(0);
    expect(parsed.root).toEqual({ mfaActive: true, accessKeysPresent: true, activeAccessKeys: 1, passwordLastUsed: '2026-11-30T08:15:00.000Z' });
  });

  test('a root user without keys, MFA or recorded sign-in', () => {
    const parsed = parseCredentialReport(report(
      `<root_account>,arn:aws:iam::123456789012:root,2019-03-01T10:00:00+00:00,not_supported,no_information,not_supported,not_supported,false,${NO_KEY},${NO_KEY},${NO_CERTS}`,
    ));
    expect(parsed.root).toEqual({ mfaActive: false, accessKeysPresent: false, activeAccessKeys: 0, passwordLastUsed: null });
  });

  test('a person with a password and MFA, and a machine with an active used key and an inactive unused one', () => {
    const parsed = parseCredentialReport(report(
      `alice,arn:aws:iam::123456789012:user/alice,2021-05-01T09:00:00+00:00,true,2026-12-01T12:00:00+00:00,2025-01-01T00:00:00+00:00,N/A,true,${NO_KEY},${NO_KEY},${NO_CERTS}`,
      `ci-bot,arn:aws:iam::123456789012:user/machines/ci-bot,2021-05-01T09:00:00+00:00,false,N/A,N/A,N/A,false,` +
        `true,2025-10-18T07:30:00+00:00,2026-12-01T06:00:00+00:00,eu-west-1,s3,` +
        `false,2026-02-01T00:00:00+00:00,N/A,N/A,N/A,${NO_CERTS}`,
    ));
    expect(parsed.users.get('arn:aws:iam::123456789012:user/alice')).toEqual({ passwordEnabled: true, passwordLastUsed: '2026-12-01T12:00:00.000Z', mfaActive: true, accessKeys: [] });
    expect(parsed.users.get('arn:aws:iam::123456789012:user/machines/ci-bot')).toEqual({
      passwordEnabled: false,
      passwordLastUsed: null,
      mfaActive: false,
      accessKeys: [
        { active: true, lastRotated: '2025-10-18T07:30:00.000Z', lastUsedDate: '2026-12-01T06:00:00.000Z', lastUsedService: 's3', lastUsedRegion: 'eu-west-1' },
        { active: false, lastRotated: '2026-02-01T00:00:00.000Z', lastUsedDate: null, lastUsedService: null, lastUsedRegion: null },
      ],
    });
  });

  test('a password never used since IAM began tracking (no_information) reads as no last use', () => {
    const parsed = parseCredentialReport(report(
      `old,arn:aws:iam::123456789012:user/old,2013-05-01T09:00:00+00:00,true,no_information,2013-05-01T09:00:00+00:00,N/A,false,${NO_KEY},${NO_KEY},${NO_CERTS}`,
    ));
    expect(parsed.users.get('arn:aws:iam::123456789012:user/old')).toMatchObject({ passwordEnabled: true, passwordLastUsed: null });
  });

  test('a user name with commas, unquoted in user and arn, still lines up with the columns', () => {
    const parsed = parseCredentialReport(report(
      `a,b,arn:aws:iam::123456789012:user/a,b,2021-05-01T09:00:00+00:00,false,N/A,N/A,N/A,true,${NO_KEY},${NO_KEY},${NO_CERTS}`,
    ));
    expect([...parsed.users.keys()]).toEqual(['arn:aws:iam::123456789012:user/a,b']);
    expect(parsed.users.get('arn:aws:iam::123456789012:user/a,b')).toMatchObject({ mfaActive: true, accessKeys: [] });
  });

  test('columns are found by name, so reordered or added columns still read; CRLF line ends too', () => {
    const csv = 'arn,mfa_active,user,new_column,access_key_1_active,access_key_1_last_rotated\r\narn:aws:iam::1:user/x,true,x,whatever,true,2024-01-01T00:00:00+00:00\r\n';
    expect(parseCredentialReport(csv).users.get('arn:aws:iam::1:user/x')).toEqual({
      passwordLastUsed: null,
      mfaActive: true,
      accessKeys: [{ active: true, lastRotated: '2024-01-01T00:00:00.000Z', lastUsedDate: null, lastUsedService: null, lastUsedRegion: null }],
    });
  });

  test('an empty report has no users and no root', () => {
    expect(parseCredentialReport(HEADER)).toEqual({ users: new Map() });
    expect(parseCredentialReport('')).toEqual({ users: new Map() });
  });
});

test('splitCsvLine reads quoted fields with commas and doubled quotes', () => {
  expect(splitCsvLine('a,"b,c","say ""hi""",')).toEqual(['a', 'b,c', 'say "hi"', '']);
});
