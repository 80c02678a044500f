/**
 * Where the connector's AWS credentials come from: the role the user set up, assumed with the External
 * ID, and the cross-account role in member accounts, each behind one refreshing cache that every client
 * shares.
 */
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export const ROLE_SESSION_NAME = 'rrcu-sync';
/** One hour: the most AWS allows for a role assumed by another role session (role chaining). */
export const ROLE_SESSION_SECONDS = 3600;
/** Fetch new credentials this long before the old ones expire, so no call is signed with a dying key. */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * A credential provider the SDK clients use as is: `memoized` tells them not to wrap it in a cache of
 * their own, so every client draws on this one and a session assumes its role once, not once per client.
 */
export type SharedCredentials = AwsCredentialIdentityProvider & { memoized: true };

/**
 * Caches what `fetch` returns until ~5 minutes before it expires; concurrent callers share one fetch in
 * flight, and a failed fetch is tried again on the next call. `now` is the clock expiry is judged by.
 */
export function sharedCredentialCache(fetch: () => Promise<AwsCredentialIdentity>, now: () => number = Date.now): SharedCredentials {
  let current: AwsCredentialIdentity | undefined;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (c: AwsCredentialIdentity) => !c.expiration || c.expiration.getTime() - now() > REFRESH_BEFORE_EXPIRY_MS;
  const provider = async (): Promise<AwsCredentialIdentity> => {
    if (current && fresh(current)) return current;
    inFlight ??= fetch()
      .then((credentials) => (current = credentials))
      .finally(() => (inFlight = undefined));
    return inFlight;
  };
  return Object.assign(provider, { memoized: true as const });
}

/** Temporary credentials of `roleArn`, asked of STS by whoever `sts` signs as. */
export async function assumeRole(sts: STSClient, params: { roleArn: string; externalId?: string }): Promise<AwsCredentialIdentity> {
  const { Credentials: c } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: params.roleArn,
      RoleSessionName: ROLE_SESSION_NAME,
      DurationSeconds: ROLE_SESSION_SECONDS,
      ...(params.externalId === undefined ? {} : { ExternalId: params.externalId }),
    }),
  );
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`STS AssumeRole of ${params.roleArn} answered without credentials`);
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    ...(c.SessionToken === undefined ? {} : { sessionToken: c.SessionToken }),
    ...(c.Expiration === undefined ? {} : { expiration: c.Expiration }),
  };
}

/** `arn:aws:iam::<id>:role/<name>` in the partition of `sameAs` (an ARN of the caller). */
export function roleArnIn(accountId: string, roleName: string, sameAs: string): string {
  const partition = /^arn:([^:]+):/.exec(sameAs)?.[1] ?? 'aws';
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}
