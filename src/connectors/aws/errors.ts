/**
 * The one place AWS errors become RrcuErrors: each names what RRCU asked for, what AWS answered, and
 * what the user changes to fix it (the policy line, the trust policy, the setting). The raw SDK error
 * travels as `cause`.
 */
import { errorCodes, isRrcuError, RrcuError } from '../../core/errors.ts';
import type { SyncContext } from '../connector.ts';
import { trustPolicy, trustedPrincipalFor } from './setup/trust-policy.ts';
import { AWS_ACTIONS, SSO_RESERVED_ROLES, type ActionSpec } from './actions.ts';
import type { AwsConnectorConfig } from './config.ts';

/**
 * AWS's and SCIM's refusals are `upstream` (502): RRCU worked, the service it acts through refused, and
 * the fix (a policy line, a trust policy, a setting) is there, not in the request; unreachable is
 * `unavailable` (503, try again); throttled after every retry is `rate_limited` (429).
 */
export const AWS_ERRORS = errorCodes({
  AWS_ERROR: 'upstream',
  ACTION_DENIED: 'upstream',
  ROLE_NOT_ASSUMABLE: 'upstream',
  ROLE_NOT_IN_MANAGEMENT_ACCOUNT: 'upstream',
  CROSS_ACCOUNT_ROLE_UNAVAILABLE: 'upstream',
  ORGANIZATIONS_NOT_IN_USE: 'upstream',
  IDENTITY_CENTER_NOT_ENABLED: 'upstream',
  IDENTITY_CENTER_AMBIGUOUS: 'upstream',
  AWS_CREDENTIALS_INVALID: 'upstream',
  AWS_CREDENTIALS_EXPIRED: 'upstream',
  ASSIGNMENT_FAILED: 'upstream',
  ASSIGNMENT_LOST: 'upstream',
  SCIM_TOKEN_REJECTED: 'upstream',
  SCIM_REQUEST_FAILED: 'upstream',
  SCIM_UNEXPECTED_RESPONSE: 'upstream',
  AWS_UNREACHABLE: 'unavailable',
  SCIM_UNREACHABLE: 'unavailable',
  SCIM_UNAVAILABLE: 'unavailable',
  THROTTLED: 'rate_limited',
  AWS_CREDENTIALS_MISSING: 'internal',
  NOT_FOUND_IN_AWS: 'not_found',
  IDENTITY_CENTER_NOT_CONFIGURED: 'invalid',
  CROSS_ACCOUNT_NOT_CONFIGURED: 'invalid',
});

export type Caller = { accountId: string; arn: string };

export type AwsErrorContext = {
  /** The action RRCU was performing, as IAM names it (`iam:ListUsers`). */
  action: string;
  config: AwsConnectorConfig;
  /** Who the call was signed as, when known. */
  caller?: Caller;
};

type SdkError = Error & { code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };

const asSdkError = (error: unknown): SdkError | undefined => (error instanceof Error ? (error as SdkError) : undefined);

/** Each service's throttling answer: IAM and STS `Throttling`, Organizations `TooManyRequestsException`, SSO `ThrottlingException`. */
const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'RequestLimitExceeded',
  'SlowDown',
]);

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);

export function isThrottlingError(error: unknown): boolean {
  const e = asSdkError(error);
  return !!e && (THROTTLING_CODES.has(e.name) || e.$retryable?.throttling === true || e.$metadata?.httpStatusCode === 429);
}

export function isAccessDenied(error: unknown): boolean {
  if (isRrcuError(error)) return error.code === 'ACTION_DENIED';
  const name = asSdkError(error)?.name;
  return name === 'AccessDenied' || name === 'AccessDeniedException';
}

const DENIED_ACTION = /not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9*]+)/;

/** The action named in AWS's denial ("… is not authorized to perform: iam:ListUsers on resource …"), if any. */
export function deniedAction(error: unknown): string | undefined {
  const message = asSdkError(error)?.message ?? '';
  return DENIED_ACTION.exec(message)?.[1];
}

/**
 * An account assignment AWS accepted, then FAILED with "Received a 403 status error: Access denied by
 * IAM. … is not authorized to perform: iam:CreateRole on resource: …". AWS gives this in the management
 * account, where Identity Center makes the IAM calls of an assignment (the AWSReservedSSO role, its
 * policies, the SAML provider) with the caller's own permissions instead of its service-linked role's.
 * Undefined for any other failure reason.
 */
export function assignmentDeniedByIam(what: string, failureReason: string | undefined, requestId: string | undefined): RrcuError | undefined {
  if (!failureReason?.includes('Access denied by IAM')) return undefined;
  const denied = DENIED_ACTION.exec(failureReason)?.[1];
  const needed = [...new Set(AWS_ACTIONS.filter((a) => a.use === 'management-account-provisioning').map((a) => a.action))].sort();
  return new RrcuError(
    AWS_ERRORS.ASSIGNMENT_FAILED,
    `${what}: IAM refused ${denied ?? 'an action'} to the connector role. In the management account AWS makes an assignment's IAM calls with the caller's own permissions, and the connector role lacks them (AWS: ${failureReason}; request ${requestId ?? 'unknown'}).`,
    {
      fix: `${denied ? `In the connector role's inline policy, ${policyLineFor(denied)}. ` : ''}The inline policy of RRCU's setup documents ("rrcu connector show <id>", or the connector's page) allows what AWS checks there: ${needed.join(', ')}, in its AccessToSSOProvisionedRoles, IAMListPermissions and AccessToSSOSAMLProviders statements. Then run the task again.`,
    },
  );
}

function isNetworkError(e: SdkError): boolean {
  if (e.$metadata?.httpStatusCode !== undefined) return false;
  const code = e.code ?? (e.cause instanceof Error ? (e.cause as SdkError).code : undefined);
  return (code !== undefined && NETWORK_CODES.has(code)) || e.name === 'TimeoutError' || e.name === 'RequestTimeout';
}

const serviceOf = (action: string) => action.split(':')[0] ?? action;

/** Where the calls went: the configured endpoint, or AWS's regional one. */
function endpointFor(context: AwsErrorContext): string {
  if (context.config.endpoint) return context.config.endpoint;
  const service = serviceOf(context.action);
  const region = service === 'sso' || service === 'identitystore' ? (context.config.identityCenterRegion ?? context.config.region) : context.config.region;
  const host = { sso: 'sso', identitystore: 'identitystore', organizations: 'organizations', iam: 'iam', sts: 'sts' }[service] ?? service;
  return service === 'iam' || service === 'organizations' ? `https://${host}.amazonaws.com` : `https://${host}.${region}.amazonaws.com`;
}

/** The statement of RRCU's generated inline policy (setup/inline-policy.ts) each required action sits in. */
function guideStatementOf(spec: ActionSpec): string | undefined {
  if (spec.use === 'sync') return 'RRCUReadAccess';
  if (spec.use === 'provision') return 'RRCUProvisionAccess';
  if (spec.use === 'management-account-provisioning' && spec.resource === SSO_RESERVED_ROLES) return 'AccessToSSOProvisionedRoles';
  if (spec.use === 'management-account-provisioning' && spec.resource === undefined) return 'IAMListPermissions';
  return undefined;
}

/**
 * What to add to the connector role's inline policy so that `action` is allowed, in the guide's words.
 * `optional` asks for the line of the action's optional use (an action such as iam:ListRolePolicies is
 * required on Identity Center's roles but optional, and then on every role, for policy names).
 */
export function policyLineFor(action: string, config?: Pick<AwsConnectorConfig, 'crossAccountRoleName'>, options: { optional?: boolean } = {}): string {
  const specs = AWS_ACTIONS.filter((a) => a.action === action);
  const spec = (options.optional ? specs.find((a) => !a.required) : specs.find((a) => a.required)) ?? specs[0];
  const statement = spec?.required ? guideStatementOf(spec) : undefined;
  if (statement) return `add "${action}" to the Action list of the "${statement}" statement`;
  let resource = spec?.required ? (spec.resource ?? '*') : '*';
  if (spec?.use === 'cross-account') resource = resource.replace('{crossAccountRoleName}', config?.crossAccountRoleName ?? 'OrganizationAccountAccessRole');
  return `add the statement { "Effect": "Allow", "Action": "${action}", "Resource": "${resource}" }`;
}

/** The trust policy that lets `principalArn` (or, for a role session, its role) assume the connector role with `externalId`. */
export function connectorTrustPolicy(principalArn: string, externalId: string): string {
  return JSON.stringify(trustPolicy(trustedPrincipalFor(principalArn), externalId), null, 2);
}

/** AssumeRole of the connector role was refused: the trust policy does not admit RRCU with this External ID. */
export function roleNotAssumable(config: AwsConnectorConfig, assumer: string | undefined, cause: unknown): RrcuError {
  const who = assumer ?? 'the identity of the default AWS credential chain';
  return new RrcuError(
    AWS_ERRORS.ROLE_NOT_ASSUMABLE,
    `RRCU, running as ${who}, cannot assume ${config.roleArn ?? 'the connector role'} with External ID "${config.externalId}": AWS refused (${asSdkError(cause)?.message ?? String(cause)}). The role's trust policy does not name ${who}, or requires another External ID, or the role does not exist.`,
    {
      fix: `Set the trust policy of ${config.roleArn ?? 'the role'} (IAM > Roles > Trust relationships) to:\n${connectorTrustPolicy(assumer ?? '<the ARN RRCU runs as>', config.externalId)}\nIf the role exists under a path, the ARN in RRCU's settings must include it. When RRCU itself runs with a role, its identity policy must also allow sts:AssumeRole on the connector role.`,
      cause,
    },
  );
}

/** The cross-account role of a member account could not be assumed; the sync goes on without that account's IAM. */
export function crossAccountRoleUnavailable(accountId: string, roleArn: string, caller: Caller, cause: unknown): RrcuError {
  return new RrcuError(
    AWS_ERRORS.CROSS_ACCOUNT_ROLE_UNAVAILABLE,
    `Cannot assume ${roleArn} in account ${accountId} as ${caller.arn}: ${asSdkError(cause)?.message ?? String(cause)}. IAM users, groups and roles of account ${accountId} are not synced.`,
    {
      fix: `Make sure the role exists in account ${accountId} and its trust policy admits account ${caller.accountId} (AWS Organizations creates OrganizationAccountAccessRole this way for accounts it creates; invited accounts need it added), and that the connector role's policy has { "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/${roleArn.split('/').pop() ?? ''}" }. Or unset the cross-account role name to sync only the management account's IAM.`,
      cause,
    },
  );
}

export function identityCenterNotEnabled(region: string): RrcuError {
  return new RrcuError(AWS_ERRORS.IDENTITY_CENTER_NOT_ENABLED, `IAM Identity Center has no instance in ${region}: sso:ListInstances returned none.`, {
    fix: `Set the Identity Center region to the region your instance is in (IAM Identity Center console > Settings shows it), or enable IAM Identity Center in ${region}, or turn Identity Center support off.`,
  });
}

export function identityCenterAmbiguous(region: string, count: number): RrcuError {
  return new RrcuError(AWS_ERRORS.IDENTITY_CENTER_AMBIGUOUS, `IAM Identity Center has ${count} instances in ${region}; RRCU syncs exactly one.`, {
    fix: 'Keep the organisation instance and delete the account instances (IAM Identity Center console > Settings), or point RRCU at the account where only the intended instance is visible.',
  });
}

export function scimTokenRejected(endpoint: string, cause?: unknown): RrcuError {
  return new RrcuError(AWS_ERRORS.SCIM_TOKEN_REJECTED, `The SCIM endpoint ${endpoint} rejected the access token (401).`, {
    fix: 'Generate a new SCIM access token (IAM Identity Center > Settings > Automatic provisioning > Manage access tokens; tokens expire after a year) and save it in the connector settings.',
    cause,
  });
}

/** Turns whatever an AWS call threw into an RrcuError naming the action, what AWS said, and the fix. */
export function classifyAwsError(error: unknown, context: AwsErrorContext): RrcuError {
  if (isRrcuError(error)) return error;
  const e = asSdkError(error);
  const { action, config } = context;
  if (!e) return new RrcuError(AWS_ERRORS.AWS_ERROR, `${action} failed: ${String(error)}`, { cause: error });
  const as = context.caller ? ` as ${context.caller.arn}` : '';

  if (isNetworkError(e)) {
    return new RrcuError(AWS_ERRORS.AWS_UNREACHABLE, `Cannot reach ${endpointFor(context)} for ${action}: ${e.code ?? e.name} ${e.message}`.trim(), {
      fix: config.endpoint ? `Check that ${config.endpoint} is up (the AWS endpoint setting points there), or clear the setting to use AWS.` : 'Check the network path to AWS from this host (DNS, firewall, HTTPS proxy settings such as HTTPS_PROXY).',
      cause: error,
    });
  }
  if (e.name === 'CredentialsProviderError') {
    return new RrcuError(AWS_ERRORS.AWS_CREDENTIALS_MISSING, `No AWS credentials found for ${action}: ${e.message}`, {
      fix: 'Give the RRCU process AWS credentials: an instance or task role, AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
      cause: error,
    });
  }
  if (isThrottlingError(e)) {
    return new RrcuError(AWS_ERRORS.THROTTLED, `AWS kept throttling ${action} (${e.name}) after every retry; the call can be retried later.`, {
      fix: 'Run the sync again later, or at a quieter time: other tools in the account share the same API rate limits.',
      cause: error,
    });
  }
  if (['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'InvalidSignatureException'].includes(e.name)) {
    return new RrcuError(AWS_ERRORS.AWS_CREDENTIALS_INVALID, `AWS did not accept the credentials RRCU signed ${action} with (${e.name}: ${e.message}).`, {
      fix: 'Check the access key and secret RRCU runs with (a deleted or rotated key, or a wrong secret), and the host clock.',
      cause: error,
    });
  }
  if (e.name === 'ExpiredToken' || e.name === 'ExpiredTokenException') {
    return new RrcuError(AWS_ERRORS.AWS_CREDENTIALS_EXPIRED, `The session RRCU signed ${action} with${as} has expired (${e.message}).`, {
      fix: 'Run the sync again; if it recurs, check the host clock (RRCU refreshes sessions five minutes before they expire).',
      cause: error,
    });
  }
  if (e.name === 'AWSOrganizationsNotInUseException') {
    return new RrcuError(AWS_ERRORS.ORGANIZATIONS_NOT_IN_USE, `AWS Organizations support is on, but account ${context.caller?.accountId ?? 'of the connector role'} belongs to no organisation (${action}: ${e.message}).`, {
      fix: 'Turn off AWS Organizations support in the connector settings to sync this one account, or create an organisation with this account as its management account.',
      cause: error,
    });
  }
  if (isAccessDenied(e) && serviceOf(action) === 'organizations' && deniedAction(e) === undefined) {
    // Organizations answers a member account's call this way even when its IAM policy allows the action.
    return new RrcuError(
      AWS_ERRORS.ROLE_NOT_IN_MANAGEMENT_ACCOUNT,
      `AWS Organizations support is on, but ${config.roleArn ?? 'the connector role'} is in account ${context.caller?.accountId ?? '(unknown)'}, a member account: only the management account may call ${action} (AWS answered "${e.message}").`,
      {
        fix: 'Create the connector role in the management account of the organisation (AWS Organizations console > AWS accounts shows it) and use that role ARN, or turn off AWS Organizations support to sync only this account.',
        cause: error,
      },
    );
  }
  if (isAccessDenied(e)) {
    const denied = deniedAction(e) ?? action;
    return new RrcuError(AWS_ERRORS.ACTION_DENIED, `${config.roleArn ?? 'The AWS identity RRCU runs as'}${as ? ` (${context.caller?.arn})` : ''} may not call ${denied}: ${e.message}`, {
      fix: `In the inline policy of ${config.roleArn ?? 'the identity RRCU runs as'}, ${policyLineFor(denied, config)}.`,
      cause: error,
    });
  }
  return new RrcuError(AWS_ERRORS.AWS_ERROR, `${action} failed${as}: ${e.name}${e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : ''}: ${e.message}`, {
    fix: 'See the AWS error above; if it persists, check the AWS Health Dashboard and the connector settings.',
    cause: error,
  });
}

const warnedFeatures = new WeakMap<SyncContext, Set<string>>();

/**
 * When an optional action is denied: warns once per feature per sync (however many accounts or pages
 * hit it) and returns true, so the caller skips that detail. Any other error is thrown, classified.
 */
export function skipDeniedOptional(ctx: SyncContext, error: unknown, context: AwsErrorContext): true {
  if (!isAccessDenied(error)) throw classifyAwsError(error, context);
  const feature = AWS_ACTIONS.find((a) => a.action === context.action && !a.required)?.feature ?? context.action;
  let warned = warnedFeatures.get(ctx);
  if (!warned) warnedFeatures.set(ctx, (warned = new Set()));
  if (!warned.has(feature)) {
    warned.add(feature);
    ctx.warn({
      code: 'OPTIONAL_ACTION_DENIED',
      message: `${context.action} is denied, so ${feature} are not synced (${asSdkError(error)?.message ?? String(error)}).`,
      fix: `To sync ${feature}, in the inline policy of ${context.config.roleArn ?? 'the identity RRCU runs as'}, ${policyLineFor(context.action, context.config, { optional: true })}.`,
      feature,
    });
  }
  return true;
}
