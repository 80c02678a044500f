/**
 * The one function that creates AWS clients: `createAwsSession` assumes the connector role once, shares
 * its credentials with every client, counts every HTTP attempt per operation, and opens IAM in member
 * accounts through the cross-account role on demand.
 */
import { IAMClient } from '@aws-sdk/client-iam';
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, MetadataBearer, MiddlewareStack } from '@smithy/types';
import type { RetryCause } from '../../connector.ts';
import { RrcuError } from '../../../core/errors.ts';
import type { AwsConnectorConfig } from '../config.ts';
import { assumeRole, roleArnIn, sharedCredentialCache } from './credentials.ts';
import { AWS_ERRORS, type Caller, classifyAwsError, crossAccountRoleUnavailable, isAccessDenied, isThrottlingError, roleNotAssumable } from '../errors.ts';
import { createRetryStrategy, ERROR_ATTEMPTS, THROTTLE_BUDGET_MS } from './retry-strategy.ts';
import type { AwsClients, AwsSession } from './session.ts';

export type AwsSessionOptions = {
  /** The SCIM bearer token, decrypted. */
  scimToken?: string;
  /** Who RRCU is before assuming the connector role; default: the SDK's default chain (instance/task role, profile, env). */
  baseCredentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Attempts per call failing with errors (5xx, network, timeouts; default 8). Throttled attempts do not count. */
  maxAttempts?: number;
  /** How long one call keeps retrying throttled answers (default 5 minutes). */
  throttleBudgetMs?: number;
  /** How long one HTTP attempt may take before it is abandoned and retried as a network error (default 30 s). */
  requestTimeoutMs?: number;
  /** The clock credential expiry is judged by (default Date.now); the simulator's when it runs on simulated time. */
  now?: () => number;
};

/** The IAM action prefix of each client's calls, so counts read like policy actions (`sso:ListInstances`). */
type ServicePrefix = 'sts' | 'iam' | 'organizations' | 'sso' | 'identitystore';

type CountedClient = { destroy(): void };

/**
 * Thirty seconds per HTTP attempt: AWS answers a list page in well under a second, so an attempt still
 * silent after 30 s is stalled (a dead connection, a hung proxy) and is abandoned and retried as a
 * network error instead of holding the sync for the SDK's 5-minute socket default.
 */
export const REQUEST_TIMEOUT_MS = 30_000;
/** Connecting takes milliseconds; a host that does not accept within 5 s is unreachable for this attempt. */
const CONNECTION_TIMEOUT_MS = 5_000;

/** Why an attempt was retried, as counted: `<cause>:<operation>`. */
/** The cause of a failed attempt, by AWS's error code (throttling answers 400 or 429 depending on the service). */
function retryCauseOf(error: unknown): RetryCause | undefined {
  if (isThrottlingError(error)) return 'throttled';
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  if (status === undefined) return 'network';
  return status >= 500 ? 'server-error' : undefined;
}

export type CallCounter = ReturnType<typeof createCallCounter>;

/**
 * Counts every HTTP attempt per operation (`iam:ListUsers`) and every retry by its cause
 * (`throttled:iam:ListUsers`, `server-error:…`, `network:…`). A connector keeps its counter across a
 * session that fails to open, so a sync refused at AssumeRole still shows that call.
 */
export function createCallCounter() {
  const counts = new Map<string, number>();
  const count = (operation: string): void => void counts.set(operation, (counts.get(operation) ?? 0) + 1);
  /**
   * Sits inside the retry middleware (finalizeRequest, low priority), so it sees every attempt, and
   * outside the deserializer, so a failed attempt arrives as the service's parsed error. The stack is
   * resolved once per `send`, so `retryCause` belongs to one call and its attempts: an attempt that
   * follows a failed one is a retry for that failure's cause.
   */
  const attach = <I extends object, O extends MetadataBearer>(client: { middlewareStack: MiddlewareStack<I, O> }, service: ServicePrefix) => {
    client.middlewareStack.add(
      (next, context) => {
        const operation = `${service}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`;
        let retryCause: RetryCause | undefined;
        return async (args) => {
          count(operation);
          if (retryCause) count(`${retryCause}:${operation}`);
          try {
            return await next(args);
          } catch (error) {
            retryCause = retryCauseOf(error);
            throw error;
          }
        };
      },
      { step: 'finalizeRequest', priority: 'low', name: 'rrcuCallCounter' },
    );
  };
  return { count, attach, snapshot: () => Object.fromEntries(counts) };
}

export async function createAwsSession(config: AwsConnectorConfig, options: AwsSessionOptions = {}, counter: CallCounter = createCallCounter()): Promise<AwsSession> {
  const now = options.now ?? Date.now;
  const budget = { errorAttempts: options.maxAttempts ?? ERROR_ATTEMPTS, throttleBudgetMs: options.throttleBudgetMs ?? THROTTLE_BUDGET_MS };
  const opened: CountedClient[] = [];
  const common = (region: string, credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider) => ({
    region,
    credentials,
    // Adaptive rate, throttling waited out for minutes, errors given a few attempts: see retry-strategy.ts.
    retryStrategy: createRetryStrategy(budget),
    maxAttempts: budget.errorAttempts,
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true, connectionTimeout: CONNECTION_TIMEOUT_MS },
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  });
  const track = <C extends CountedClient>(client: C): C => (opened.push(client), client);
  const close = () => opened.splice(0).forEach((client) => client.destroy());

  const base = options.baseCredentials ?? fromNodeProviderChain();
  let credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider = base;
  if (config.roleArn) {
    const roleArn = config.roleArn;
    const baseSts = track(new STSClient(common(config.region, base)));
    counter.attach(baseSts, 'sts');
    credentials = sharedCredentialCache(async () => {
      try {
        return await assumeRole(baseSts, { roleArn, externalId: config.externalId });
      } catch (error) {
        if (!isAccessDenied(error)) throw classifyAwsError(error, { action: 'sts:AssumeRole', config });
        throw roleNotAssumable(config, await callerArn(baseSts), error);
      }
    }, now);
  }

  const sts = track(new STSClient(common(config.region, credentials)));
  const iam = track(new IAMClient(common(config.region, credentials)));
  const organizations = track(new OrganizationsClient(common(config.region, credentials)));
  counter.attach(sts, 'sts');
  counter.attach(iam, 'iam');
  counter.attach(organizations, 'organizations');
  const clients: AwsClients = { sts, iam, organizations };
  if (config.identityCenterRegion) {
    clients.sso = track(new SSOAdminClient(common(config.identityCenterRegion, credentials)));
    clients.identityStore = track(new IdentitystoreClient(common(config.identityCenterRegion, credentials)));
    counter.attach(clients.sso, 'sso');
    counter.attach(clients.identityStore, 'identitystore');
  }

  let caller: Caller;
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    caller = { accountId: identity.Account ?? '', arn: identity.Arn ?? '' };
  } catch (error) {
    close();
    throw classifyAwsError(error, { action: 'sts:GetCallerIdentity', config });
  }

  const memberIam = new Map<string, Promise<IAMClient>>();
  const openMemberIam = async (accountId: string, roleName: string): Promise<IAMClient> => {
    const roleArn = roleArnIn(accountId, roleName, caller.arn);
    const memberCredentials = sharedCredentialCache(async () => {
      try {
        // No External ID: the cross-account role trusts the management account, not a third party.
        return await assumeRole(sts, { roleArn });
      } catch (error) {
        if (!isAccessDenied(error)) throw classifyAwsError(error, { action: 'sts:AssumeRole', config, caller });
        throw crossAccountRoleUnavailable(accountId, roleArn, caller, error);
      }
    }, now);
    // Assume now, so an account whose role is missing fails here, before its syncer starts.
    await memberCredentials();
    const client = track(new IAMClient(common(config.region, memberCredentials)));
    counter.attach(client, 'iam');
    return client;
  };

  return {
    config,
    caller,
    clients,
    ...(options.scimToken === undefined ? {} : { scimToken: options.scimToken }),
    iamIn(accountId) {
      if (accountId === caller.accountId) return Promise.resolve(iam);
      const roleName = config.crossAccountRoleName;
      if (!roleName) {
        return Promise.reject(
          new RrcuError(AWS_ERRORS.CROSS_ACCOUNT_NOT_CONFIGURED, `IAM of account ${accountId} was asked for, but no cross-account role name is set; RRCU acts only in ${caller.accountId}.`, {
            fix: 'Set the cross-account role name (e.g. OrganizationAccountAccessRole) in the connector settings to sync IAM in member accounts.',
          }),
        );
      }
      let client = memberIam.get(accountId);
      if (!client) {
        client = openMemberIam(accountId, roleName);
        memberIam.set(accountId, client);
        // A failed assumption is not cached: the next sync (or caller) tries again.
        client.catch(() => memberIam.delete(accountId));
      }
      return client;
    },
    apiCalls: counter.snapshot,
    countCall: counter.count,
    close,
  };
}

/** Who the base credentials are, for the trust policy in an error's fix; undefined when even that fails. */
async function callerArn(sts: STSClient): Promise<string | undefined> {
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } catch {
    return undefined;
  }
}
