import { expect, test } from 'vitest';
import { emailOf } from './iam-users.ts';

test.each([
  ['alice', [{ Key: 'email', Value: 'alice@example.com' }], 'alice@example.com'],
  ['alice', [{ Key: 'Email', Value: 'a@example.com' }], 'a@example.com'],
  ['alice', [{ Key: 'mail', Value: 'm@example.com' }], 'm@example.com'],
  ['bob@example.com', [{ Key: 'owner', Value: 'platform' }], 'bob@example.com'],
  ['bob@example.com', undefined, 'bob@example.com'],
  ['jenkins', [{ Key: 'owner', Value: 'platform' }], undefined],
  ['jenkins', undefined, undefined],
])('the email of %s with tags %j is %s', (userName, tags, email) => {
  expect(emailOf(userName, tags)).toBe(email);
});
