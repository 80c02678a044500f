/**
 * "Test connection": assumes the connector role as a sync would, then makes the cheapest real call of
 * every read action the configured features use, so a user learns what their policy allows before a
 * sync tells them the hard way. Writes are not tried: a test must not change AWS.
 */
import { mapConcurrent } from '../../../core/concurrency.ts';
import { isRrcuError, type RrcuError } from '../../../core/errors.ts';
import type { ActionSpec } from '../actions.ts';
import { createAwsSession, type AwsSessionOptions } from '../session/clients.ts';
import type { AwsConnectorConfig } from '../config.ts';
import { classifyAwsError, deniedAction, policyLineFor } from '../errors.ts';
import { checkScimAccess } from '../sync/scim.ts';
import type { AwsSession } from '../session/session.ts';
import { actionsInUse } from './inline-policy.ts';
import { NotChecked, probeFor } from './probes/index.ts';

export type CheckStatus = 'ok' | 'denied' | 'failed' | 'not_checked';

export type ConnectionCheck = {
  action: string;
  feature: string;
  required: boolean;
  status: CheckStatus;
  message: string;
  fix?: string;
};

export type ConnectionTestResult = {
  /** True when nothing required was denied or failed (optional detail may still be denied). */
  ok: boolean;
  checks: ConnectionCheck[];
};

export type ConnectionTestOptions = {
  scimToken?: string | undefined;
  baseCredentials?: AwsSessionOptions['baseCredentials'] | undefined;
  now?: () => number;
};

const TEST_THROTTLE_BUDGET_MS = 5_000;

/** Checks in flight at once: enough to hide latency, far below any service's rate. */
const CHECKS_IN_FLIGHT = 4;

/** What AWS refused (policy, trust policy, Organizations membership, token), as against what broke. */
const DENIAL_CODES = new Set(['ACTION_DENIED', 'ROLE_NOT_ASSUMABLE', 'ROLE_NOT_IN_MANAGEMENT_ACCOUNT', 'CROSS_ACCOUNT_ROLE_UNAVAILABLE', 'SCIM_TOKEN_REJECTED']);

const WRITE_VERB = /^(Add|Remove|Create|Delete|Attach|Detach|Put|Update|Provision)/;

export const NOT_TRIED_WRITE = 'checked when first used: testing would change AWS';

export async function testAwsConnection(config: AwsConnectorConfig, options: ConnectionTestOptions = {}): Promise<ConnectionTestResult> {
  const connect = { action: config.roleArn ? 'sts:AssumeRole' : 'sts:GetCallerIdentity', feature: 'connecting to AWS', required: true };
  let session: AwsSession;
  try {
    session = await createAwsSession(config, {
      maxAttempts: 3,
      // Someone waits on the answer: a few seconds of throttling, then the check reports it failed.
      throttleBudgetMs: TEST_THROTTLE_BUDGET_MS,
      ...(options.baseCredentials ? { baseCredentials: options.baseCredentials } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  } catch (error) {
    const e = classifyAwsError(error, { action: connect.action, config });
    return { ok: false, checks: [{ ...connect, status: statusOf(e), message: e.message, ...(e.fix ? { fix: e.fix } : {}) }] };
  }
  try {
    const { caller } = session;
    const first: ConnectionCheck = {
      ...connect,
      status: 'ok',
      message: config.roleArn
        ? `Assumed ${config.roleArn} with External ID ${config.externalId}; RRCU acts as ${caller.arn} in account ${caller.accountId}.`
        : `No role is set: RRCU acts as ${caller.arn} in account ${caller.accountId}, as its default credentials are.`,
    };
    const specs = actionsInUse(config);
    const probe = probeFor(session);
    const checks = await mapConcurrent(specs, CHECKS_IN_FLIGHT, (spec) => check(spec, session, probe));
    if (config.scimEndpoint) checks.push(await checkScim(config.scimEndpoint, options.scimToken));
    const all = [first, ...checks];
    return { ok: all.every((c) => !c.required || c.status === 'ok' || c.status === 'not_checked'), checks: all };
  } finally {
    session.close();
  }
}

async function check(spec: ActionSpec, session: AwsSession, probe: ReturnType<typeof probeFor>): Promise<ConnectionCheck> {
  const base = { action: spec.action, feature: spec.feature, required: spec.required };
  if (WRITE_VERB.test(spec.action.split(':')[1] ?? '')) return { ...base, status: 'not_checked', message: NOT_TRIED_WRITE };
  try {
    return { ...base, status: 'ok', message: await probe(spec) };
  } catch (error) {
    if (error instanceof NotChecked) return { ...base, status: 'not_checked', message: error.reason };
    const e = classifyAwsError(error, { action: spec.action, config: session.config, caller: session.caller });
    if (e.code !== 'ACTION_DENIED') return { ...base, status: statusOf(e), message: e.message, ...(e.fix ? { fix: e.fix } : {}) };
    // The policy line for this use of the action: an action such as iam:ListRolePolicies is required on
    // Identity Center's roles and optional on the others, in different statements.
    const denied = deniedAction(e.cause) ?? spec.action;
    return {
      ...base,
      status: 'denied',
      message: `${e.message.replace(/\.?$/, '.')} Affects ${spec.feature}: ${consequence(spec)}.`,
      fix: `In the inline policy of ${session.config.roleArn ?? 'the identity RRCU runs as'}, ${policyLineFor(denied, session.config, { optional: !spec.required })}.`,
    };
  }
}

/** What a denial of the action costs, by what it is used for. */
function consequence(spec: ActionSpec): string {
  if (!spec.required) return 'optional; RRCU goes on without it, with a warning';
  if (spec.use === 'sync') return 'required; syncs fail without it';
  if (spec.use === 'cross-account') return "required for cross-account IAM; member accounts' IAM is skipped with a warning";
  return 'required for provisioning; grants and revokes that need it fail';
}

async function checkScim(endpoint: string, token: string | undefined): Promise<ConnectionCheck> {
  const base = { action: 'scim:ListUsers', feature: 'user status from SCIM', required: false };
  if (!token) {
    return { ...base, status: 'failed', message: `A SCIM endpoint (${endpoint}) is set, but no SCIM access token is saved.`, fix: 'Save the SCIM access token in the connector settings.' };
  }
  try {
    await checkScimAccess({ endpoint, token, countCall: () => {} });
    return { ...base, status: 'ok', message: `The SCIM endpoint ${endpoint} accepted the token and listed a user.` };
  } catch (error) {
    if (!isRrcuError(error)) throw error;
    return { ...base, status: statusOf(error), message: error.message, ...(error.fix ? { fix: error.fix } : {}) };
  }
}

function statusOf(error: RrcuError): CheckStatus {
  return DENIAL_CODES.has(error.code) ? 'denied' : 'failed';
}
