import { expect, test } from 'vitest';
import { APP_ROLES } from '../../identity/index.ts';
import { accessFollowsRoleOrder, ADMINS, allows, OPERATORS, READERS, type Access } from './access.ts';

test.each<[string, Access]>([
  ['anyone', 'anyone'],
  ['signed-in', 'signed-in'],
  ['READERS', READERS],
  ['OPERATORS', OPERATORS],
  ['ADMINS', ADMINS],
])('the %s access lets every role above an allowed one in too, so the lower of two roles never gains a right', (_, access) => {
  expect(accessFollowsRoleOrder(access)).toBe(true);
});

test('an access that allowed the Auditor but not the Connector Administrator would break the order, and is named as such', () => {
  expect(accessFollowsRoleOrder(['auditor'])).toBe(false);
  for (const role of APP_ROLES) expect(allows(['auditor'], role)).toBe(role === 'auditor' || role === 'super_admin');
});
