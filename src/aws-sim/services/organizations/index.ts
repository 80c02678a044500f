/**
 * AWS Organizations (JSON 1.1, target prefix `AWSOrganizationsV20161128`): the organisation, its
 * root, OUs and accounts, and asynchronous CreateAccount.
 *
 * Who may call what follows AWS: DescribeOrganization works from any account in the organisation;
 * everything else here needs the management account (a member gets `AccessDeniedException`
 * "You don't have permissions to access this resource.", as AWS answers it); an account outside any
 * organisation gets `AWSOrganizationsNotInUseException`.
 */
import type { ServiceDefinition } from '../../service.ts';
import { organizationReadOperations } from './reads.ts';
import { organizationWriteOperations } from './writes.ts';

export const organizationsService: ServiceDefinition = {
  name: 'organizations',
  operations: { ...organizationReadOperations, ...organizationWriteOperations },
};
