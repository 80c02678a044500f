import type { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { paginateListInstances, type SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { isRrcuError, RrcuError } from '../../../core/errors.ts';
import { AWS_ERRORS, classifyAwsError, identityCenterAmbiguous, identityCenterNotEnabled } from '../errors.ts';
import type { IdentityCenterInstance } from '../resource-types.ts';
import type { AwsSession, AwsSyncInput } from '../session/session.ts';

/**
 * Calls in flight against Identity Center. The SSO Admin and Identity Store APIs draw on one budget of
 * about 20 requests per second per account, and a call takes 50–200 ms, so four in flight already
 * reach that rate; more would only buy throttling errors that the SDK's adaptive retry then backs
 * off from.
 */
export const IDENTITY_CENTER_CONCURRENCY = 4;

/** Identity Center pages hold at most 100 items (Identity Store and SSO Admin alike). */
export const IDENTITY_CENTER_PAGE_SIZE = 100;

/** The clients for Identity Center; the session only creates them when a region is configured. */
export function identityCenterClients(session: AwsSession): { sso: SSOAdminClient; identityStore: IdentitystoreClient; region: string } {
  const { sso, identityStore } = session.clients;
  const region = session.config.identityCenterRegion;
  if (!sso || !identityStore || !region) {
    throw new RrcuError(AWS_ERRORS.IDENTITY_CENTER_NOT_CONFIGURED, 'IAM Identity Center is not configured for this AWS connector, so its users, groups and assignments cannot be synced.', {
      fix: 'Set identityCenterRegion in the connector settings to the region where IAM Identity Center is enabled.',
    });
  }
  return { sso, identityStore, region };
}

/**
 * The Identity Center instance of the configured region. ListInstances answers with the instances
 * the caller's account can see in that region: none means Identity Center is not enabled there (or
 * the role is in an account that neither owns it nor is its delegated administrator).
 */
export async function findIdentityCenterInstance(input: AwsSyncInput): Promise<IdentityCenterInstance> {
  const { sso, region } = identityCenterClients(input.session);
  input.ctx.progress({ stage: 'identity-center', detail: `looking for the IAM Identity Center instance in ${region}` });
  const instances: { instanceArn: string; identityStoreId: string }[] = [];
  for await (const page of pagesOf(input.session, paginateListInstances({ client: sso }, {}), 'sso:ListInstances')) {
    for (const instance of page.Instances ?? []) {
      // An instance being created or deleted has no usable identity store yet (or any more).
      if (instance.Status !== undefined && instance.Status !== 'ACTIVE') continue;
      if (instance.InstanceArn && instance.IdentityStoreId) instances.push({ instanceArn: instance.InstanceArn, identityStoreId: instance.IdentityStoreId });
    }
  }
  if (instances.length === 0) throw identityCenterNotEnabled(region);
  if (instances.length > 1) throw identityCenterAmbiguous(region, instances.length);
  return { ...instances[0]!, region };
}

/** The pages of an SDK paginator, with a failure turned into RRCU's error naming `action`. */
export async function* pagesOf<T>(session: AwsSession, pages: AsyncIterable<T>, action: string): AsyncGenerator<T, void> {
  const iterator = pages[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<T>;
    try {
      next = await iterator.next();
    } catch (error) {
      throw classifyAwsError(error, { action, config: session.config, caller: session.caller });
    }
    if (next.done) return;
    yield next.value;
  }
}

/** One AWS call, with a failure turned into RRCU's error naming `action`. */
export async function callAws<T>(session: AwsSession, action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw classifyAwsError(error, { action, config: session.config, caller: session.caller });
  }
}

/**
 * Whether AWS answered that the thing asked about no longer exists: a group or permission set deleted
 * between being listed and being read. The sync goes on without it; the next sync no longer lists it.
 */
export function isGone(error: unknown): boolean {
  const e = isRrcuError(error) ? error.cause : error;
  return e instanceof Error && e.name === 'ResourceNotFoundException';
}
