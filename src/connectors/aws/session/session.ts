import type { IAMClient } from '@aws-sdk/client-iam';
import type { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import type { STSClient } from '@aws-sdk/client-sts';
import type { SyncContext } from '../../connector.ts';
import type { AwsConnectorConfig } from '../config.ts';

/**
 * What every AWS syncer works with: clients that share one refreshing credential cache and count
 * every call, the identity they act as, and IAM clients for member accounts on demand.
 */
export type AwsClients = {
  sts: STSClient;
  iam: IAMClient;
  organizations: OrganizationsClient;
  /** Present when Identity Center is configured; in its region. */
  sso?: SSOAdminClient;
  identityStore?: IdentitystoreClient;
};

export type AwsSession = {
  config: AwsConnectorConfig;
  /** Who the clients act as (GetCallerIdentity after AssumeRole). */
  caller: { accountId: string; arn: string };
  clients: AwsClients;
  /**
   * An IAM client acting in a member account through `config.crossAccountRoleName`, assumed on first use
   * and refreshed before its one-hour expiry; the management account's own client for its own id.
   */
  iamIn(accountId: string): Promise<IAMClient>;
  /** The SCIM bearer token, decrypted, when SCIM is configured. */
  scimToken?: string;
  /** Calls so far per operation (`iam:ListUsers`), with `throttled:<op>`, `server-error:<op>` and `network:<op>` counting retries by cause. */
  apiCalls(): Record<string, number>;
  /** Counts a call made outside the SDK (SCIM over fetch). */
  countCall(operation: string): void;
  close(): void;
};

/** What each resource-type syncer receives. */
export type AwsSyncInput = { session: AwsSession; ctx: SyncContext };
