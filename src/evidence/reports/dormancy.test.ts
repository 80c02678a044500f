import { expect, test } from 'vitest';
import { identityFindings, unusedKeys } from './dormancy.ts';

const AT = new Date('2026-12-01T00:00:00Z');
const daysAgo = (n: number) => new Date(AT.getTime() - n * 86_400_000).toISOString();

test.each([
  ['an unmatched Identity Center user', { resourceType: 'sso_user', personId: null, personEmail: null, attributes: { status: 'ENABLED' } }, ['no_matching_person']],
  ['a disabled one with a person', { resourceType: 'sso_user', personId: 'p', personEmail: 'p@corp.example', attributes: { status: 'DISABLED' } }, ['disabled']],
  ['an Identity Center user with no status synced', { resourceType: 'sso_user', personId: 'p', personEmail: 'p@corp.example', attributes: {} }, []],
  ['an IAM user whose password and keys were never used', { resourceType: 'iam_user', personId: 'p', personEmail: 'p@corp.example', attributes: { passwordLastUsed: null, accessKeys: [] } }, ['never_used']],
  ['an IAM user whose person RRCU made from its user name alone (no email)', { resourceType: 'iam_user', personId: 'p', personEmail: null, attributes: {} }, ['user_name_only']],
  ['an IAM user whose credential facts were not synced (no finding from an unknown)', { resourceType: 'iam_user', personId: 'p', personEmail: 'p@corp.example', attributes: {} }, []],
  ['an IAM user with a key last used 120 days ago', { resourceType: 'iam_user', personId: 'p', personEmail: 'p@corp.example', attributes: { passwordLastUsed: daysAgo(1), accessKeys: [{ active: true, lastRotated: daysAgo(400), lastUsedDate: daysAgo(120) }] } }, ['access_key_unused']],
  ['an unmatched IAM user with a key made 100 days ago and never used', { resourceType: 'iam_user', personId: null, personEmail: null, attributes: { passwordLastUsed: null, accessKeys: [{ active: true, lastRotated: daysAgo(100), lastUsedDate: null }] } }, ['no_matching_person', 'never_used', 'access_key_unused']],
])('%s', (_name, identity, expected) => {
  expect(identityFindings(identity, AT, 90)).toEqual(expected);
});

test('a key is unused from N days on; an inactive key and one used within N days are not', () => {
  const attributes = { accessKeys: [
    { active: true, lastRotated: daysAgo(200), lastUsedDate: daysAgo(90) },
    { active: true, lastRotated: daysAgo(200), lastUsedDate: daysAgo(89) },
    { active: false, lastRotated: daysAgo(200), lastUsedDate: null },
  ] };
  expect(unusedKeys(attributes, AT, 90)).toEqual([attributes.accessKeys[0]]);
});
