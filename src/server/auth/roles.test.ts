import { expect, test } from 'vitest';
import { accessFollowsRoleOrder, ADMINS, allows, APP_ROLES, lowerRole, OPERATORS, READERS, rolesAbove, type Access } from './roles.ts';

test.each([
  ['super_admin', 'person', 'person'],
  ['person', 'super_admin', 'person'],
  ['super_admin', 'connector_admin', 'connector_admin'],
  ['connector_admin', 'auditor', 'auditor'],
  ['auditor', 'connector_admin', 'auditor'],
  ['auditor', 'auditor', 'auditor'],
] as const)('a %s token of a creator who is now %s acts as %s', (token, creator, effective) => {
  expect(lowerRole(token, creator)).toBe(effective);
});

test('the roles above a role are the ones a demotion to it takes away', () => {
  expect(rolesAbove('person')).toEqual(['auditor', 'connector_admin', 'super_admin']);
  expect(rolesAbove('connector_admin')).toEqual(['super_admin']);
  expect(rolesAbove('super_admin')).toEqual([]);
});

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
