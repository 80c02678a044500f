import { mergeConcurrent } from '../../core/concurrency.ts';
import { isRrcuError } from '../../core/errors.ts';
import type { Connector, SyncContext, SyncEvent } from '../connector.ts';
import { syncAccountAssignments } from './sync/account-assignments.ts';
import { syncAccounts } from './sync/accounts.ts';
import { createAwsSession, createCallCounter, type AwsSessionOptions, type CallCounter } from './session/clients.ts';
import type { AwsConnectorConfig } from './config.ts';
import { syncIam } from './sync/iam.ts';
import { findIdentityCenterInstance } from './sync/identity-center.ts';
import { createAwsProvisioner } from './provision/provisioner.ts';
import { permissionSetEntitlement, referencesCustomerPolicies, type AccountPolicies } from './sync/permission-set-entitlements.ts';
import { syncPermissionSets } from './sync/permission-sets.ts';
import { AWS_RESOURCE_TYPES, type AccountInfo, type IdentityCenterInstance, type PermissionSetInfo } from './resource-types.ts';
import type { AwsSession } from './session/session.ts';
import { countSsoGroups, syncSsoGroups } from './sync/sso-groups.ts';
import { syncSsoUsers } from './sync/sso-users.ts';

// The AWS connector's surface: what the connector records, the doors, provisioning and tests use of it.
export { awsConnectorConfigSchema, awsConnectorSecretsSchema, awsConfigFields, DEFAULT_CROSS_ACCOUNT_ROLE, type AwsConnectorConfig, type AwsConnectorSecrets } from './config.ts';
export { connectorSetup, setupDocuments, type ConnectorSetup, type SetupDocuments } from './setup/index.ts';
export { actionsInUse, inlinePolicy } from './setup/inline-policy.ts';
export { testAwsConnection, type ConnectionCheck, type ConnectionTestResult } from './setup/test-connection.ts';
export { AWS_ACTIONS, type ActionSpec } from './actions.ts';
export { AWS_ERRORS, isThrottlingError } from './errors.ts';
export { AWS_RESOURCE_TYPES } from './resource-types.ts';
export { isAwsScimEndpoint } from './sync/scim.ts';
export { assessPrivileged, PRIVILEGED_AWS_MANAGED_POLICIES, type PolicyToAssess, type PrivilegedVerdict } from './sync/privileged.ts';
export { createAwsSession, type AwsSessionOptions } from './session/clients.ts';
export { ASSIGNMENT_OPERATIONS_IN_FLIGHT, createAwsProvisioner, type AwsProvisioner, type ProvisionTuning } from './provision/provisioner.ts';
export type { AwsSession } from './session/session.ts';

/** Member accounts whose IAM is read at once; each has its own IAM rate limit. */
const IAM_ACCOUNTS_IN_PARALLEL = 8;

/**
 * The AWS connector: assumes the connector role once per sync and lists the accounts and Identity
 * Center's permission sets, then, side by side, the rest of Identity Center (users, groups with members,
 * account assignments) and IAM of the management account and, with cross-account IAM on, of every
 * active member account.
 *
 * Each stage ends with a checkpoint. A stage a previous attempt stored is not yielded again; the small
 * ones whose results later stages need (accounts, permission sets, users) are listed again without
 * storing, groups are only counted, and the expensive ones (assignments per account, IAM per account)
 * are skipped.
 */
export function createAwsConnector(config: AwsConnectorConfig, options: AwsSessionOptions = {}): Connector {
  let session: AwsSession | undefined;
  // Per sync, and outside the session: a sync whose session fails to open (AssumeRole refused) still counts its calls.
  let calls: CallCounter | undefined;
  return {
    kind: 'aws',
    resourceTypes: AWS_RESOURCE_TYPES,
    apiCalls: () => calls?.snapshot() ?? {},
    provisioner: () => createAwsProvisioner(config, options),
    async close() {
      session?.close();
    },
    async *sync(ctx: SyncContext) {
      ctx.progress({ stage: 'connecting', detail: config.roleArn ?? 'default credentials' });
      session?.close();
      calls = createCallCounter();
      session = await createAwsSession(config, options, calls);
      const input = { session, ctx };

      // The accounts (Organizations) and the permission sets (Identity Center) side by side: each waits on its own
      // service's rate limit, and Identity Center's 20 calls/s set the sync's floor, so it starts at once instead of
      // after the accounts' few seconds. Permission sets come before the rest: cheap, and IAM needs their ARNs to
      // link the roles Identity Center creates.
      let accounts: AccountInfo[] = [];
      let instance: IdentityCenterInstance | undefined;
      let permissionSets: PermissionSetInfo[] = [];
      yield* mergeConcurrent(
        [
          async function* () {
            accounts = yield* stage(ctx, 'accounts', syncAccounts(input));
          },
          async function* () {
            instance = config.identityCenterRegion ? await findIdentityCenterInstance(input) : undefined;
            if (instance) permissionSets = yield* stage(ctx, 'permission-sets', syncPermissionSets(input, instance));
          },
        ],
        2,
      );
      // A permission set referencing customer managed policies is judged on each account with that account's
      // documents, which its IAM stage reads: there that stage yields those entitlements, before its checkpoint,
      // and the assignments stage leaves them out. Each entitlement then has one stage on a fresh run and a
      // resumed one alike, whichever of the two stages an earlier attempt finished.
      const iamRead = iamAccounts(accounts, session);
      const judgedInIam = new Set(iamRead.map((a) => a.id).filter((id) => accounts.some((a) => a.id === id)));
      const customerPolicies = (accountId: string) => (judgedInIam.has(accountId) ? undefined : unreadPolicies(accounts.find((a) => a.id === accountId), input.session));
      const identityCenter = async function* (): AsyncGenerator<SyncEvent, void> {
        if (!instance) return;
        const users = yield* stage(ctx, 'sso-users', syncSsoUsers(input, instance));
        const groups = ctx.isDone('sso-groups') ? { count: await countSsoGroups(input, instance) } : yield* stage(ctx, 'sso-groups', syncSsoGroups(input, instance));
        yield* syncAccountAssignments(input, instance, accounts, permissionSets, { users: users.count, groups: groups.count }, customerPolicies);
      };

      const iamOptions = { permissionSetArns: new Map(permissionSets.map((p) => [p.name, p.arn])), organisationAccountIds: new Set(accounts.map((a) => a.id)) };
      const referencing = permissionSets.filter(referencesCustomerPolicies);
      const iamOf = (account: AccountInfo) =>
        async function* (): AsyncGenerator<SyncEvent, void> {
          const marker = `iam:${account.id}`;
          let policies: AccountPolicies;
          try {
            policies = yield* inStageAll(syncIam(input, account, iamOptions), marker);
          } catch (e) {
            // One member account's role missing (or the account suspended) must not cost the whole sync.
            if (!isRrcuError(e, 'CROSS_ACCOUNT_ROLE_UNAVAILABLE')) throw e;
            ctx.warn({ code: e.code, message: e.message, ...(e.fix ? { fix: e.fix } : {}), feature: `IAM of account ${account.id}` });
            policies = { read: false, why: "the cross-account role could not be assumed in this account" };
          }
          if (judgedInIam.has(account.id)) for (const ps of referencing) yield inStage(permissionSetEntitlement(account.id, ps, policies), marker);
          yield { kind: 'checkpoint', marker };
        };
      const pending = iamRead.filter((a) => !ctx.isDone(`iam:${a.id}`));
      // Identity Center and IAM have separate rate limits, and IAM's are per account: Identity Center runs
      // alongside the IAM of several accounts. Each source yields its checkpoints after its own items,
      // which is all the runner needs.
      yield* mergeConcurrent([identityCenter, ...pending.map(iamOf)], 1 + IAM_ACCOUNTS_IN_PARALLEL);
    },
  };
}

/** The management account's IAM always; member accounts' only with cross-account IAM on, and only active ones. */
function iamAccounts(accounts: AccountInfo[], session: AwsSession): AccountInfo[] {
  const own = accounts.find((a) => a.id === session.caller.accountId) ?? { id: session.caller.accountId, name: session.caller.accountId, status: 'ACTIVE' };
  if (!session.config.crossAccountRoleName) return [own];
  return [own, ...accounts.filter((a) => a.id !== own.id && a.status === 'ACTIVE')];
}

/**
 * Why an account's customer managed policies are not read by this sync (iamAccounts leaves it out), for
 * the reasons of the permission sets that reference some.
 */
function unreadPolicies(account: AccountInfo | undefined, session: AwsSession): AccountPolicies {
  if (!session.config.crossAccountRoleName) return { read: false, why: "cross-account IAM is off, so this account's IAM is not read" };
  return { read: false, why: `the account is ${account?.status.toLowerCase() ?? 'unknown'}, so its IAM is not read` };
}

/** Yields a syncer's items tagged with the checkpoint that completes them; returns what it returns. */
async function* inStageAll<R>(work: AsyncGenerator<SyncEvent, R>, marker: string): AsyncGenerator<SyncEvent, R> {
  for (;;) {
    const next = await work.next();
    if (next.done) return next.value;
    yield inStage(next.value, marker);
  }
}

/**
 * Runs a stage, yielding its items and a checkpoint; when a previous attempt stored it, only its
 * return value is wanted, so its items are dropped.
 */
async function* stage<R>(ctx: SyncContext, marker: string, work: AsyncGenerator<SyncEvent, R>): AsyncGenerator<SyncEvent, R> {
  const done = ctx.isDone(marker);
  for (;;) {
    const next = await work.next();
    if (next.done) {
      if (!done) yield { kind: 'checkpoint', marker };
      return next.value;
    }
    if (!done) yield inStage(next.value, marker);
  }
}

/** An item tagged with the checkpoint that completes it (see StagedItem). */
export function inStage(event: SyncEvent, marker: string): SyncEvent {
  return event.kind === 'checkpoint' ? event : { ...event, stage: marker };
}
