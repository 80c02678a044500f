/**
 * Identity Store (JSON 1.1, target prefix `AWSIdentityStore`): the users, groups and group
 * memberships of the Identity Center instance.
 *
 * Every call names an `IdentityStoreId`; it must be the instance's, and the request must be signed
 * for the instance's region: elsewhere AWS has no such identity store (`ResourceNotFoundException`
 * with `ResourceType: IDENTITY_STORE`).
 */
import type { ServiceDefinition } from '../../service.ts';
import { groupOperations } from './groups.ts';
import { membershipOperations } from './memberships.ts';
import { userOperations } from './users.ts';

export const identityStoreService: ServiceDefinition = {
  name: 'identitystore',
  operations: { ...userOperations, ...groupOperations, ...membershipOperations },
};
