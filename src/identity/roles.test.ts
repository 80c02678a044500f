import { expect, test } from 'vitest';
import { lowerRole, rolesAbove } from './roles.ts';

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
