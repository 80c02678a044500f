/**
 * IAM, per the caller's account: users, groups, roles, managed and inline policies, account aliases,
 * SAML providers, access keys, the credential report and the account's authorization details. Each
 * handler authorizes with the resource ARN AWS uses for the action before it looks anything up, so a
 * caller without permission learns nothing from NoSuchEntity.
 */
import type { ServiceDefinition } from '../../service.ts';
import { accessKeyOperations } from './access-keys.ts';
import { accountOperations } from './account.ts';
import { getAccountAuthorizationDetails } from './authorization-details.ts';
import { credentialReportOperations } from './credential-report.ts';
import { groupOperations } from './groups.ts';
import { inlinePolicyOperations } from './inline-policies.ts';
import { managedPolicyOperations } from './managed-policies.ts';
import { roleOperations } from './roles.ts';
import { userOperations } from './users.ts';

export const iamService: ServiceDefinition = {
  name: 'iam',
  operations: {
    ...userOperations,
    ...groupOperations,
    ...roleOperations,
    ...managedPolicyOperations,
    ...inlinePolicyOperations,
    ...accountOperations,
    ...accessKeyOperations,
    ...credentialReportOperations,
    GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
  },
};
