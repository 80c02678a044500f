/**
 * SSO Admin (JSON 1.1, target prefix `SWBExternalService`), the Identity Center administration API:
 * the instance, permission sets and their policies, account assignments and provisioning.
 */
import type { ServiceDefinition } from '../../service.ts';
import { accountAssignmentOperations } from './account-assignments.ts';
import { permissionSetOperations } from './permission-sets.ts';

export const ssoAdminService: ServiceDefinition = {
  name: 'sso',
  operations: { ...permissionSetOperations, ...accountAssignmentOperations },
};
