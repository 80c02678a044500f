/**
 * STS: GetCallerIdentity and AssumeRole. AssumeRole is decided by the role's trust policy (principal,
 * `sts:ExternalId`) and, when the trust policy admits the caller only through its account or the
 * caller is in another account, by the caller's own identity policy allowing sts:AssumeRole on the
 * role; either refusal is AWS's one `AccessDenied` wording, so a probe cannot tell which it was.
 * The temporary credentials land in `state.accessKeys` as an 'assumed-role' key bound to the role's account.
 */
import { randomBytes } from 'node:crypto';
import { decide, trustPolicyAdmits } from '../policy.ts';
import { AwsError } from '../service.ts';
import type { CallContext, ServiceDefinition } from '../service.ts';
import type { SimState } from '../state.ts';
import { IAM_ID_ALPHABET, randomChars } from './iam/common.ts';

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/;
/** Role chaining (a role session assuming a role) is capped at one hour by AWS. */
const CHAINED_SESSION_LIMIT = 3600;

function validation(field: string, value: unknown, constraint: string): AwsError {
  return new AwsError('ValidationError', `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`, 400);
}

function getCallerIdentity(ctx: CallContext) {
  // AWS answers GetCallerIdentity for every valid key, even under an explicit Deny.
  return { UserId: ctx.caller.userId, Account: ctx.caller.accountId, Arn: ctx.caller.arn };
}

function assumeRole(ctx: CallContext, input: Record<string, unknown>) {
  const roleArn = String(input.RoleArn ?? '');
  const sessionName = String(input.RoleSessionName ?? '');
  const externalId = input.ExternalId === undefined ? undefined : String(input.ExternalId);
  if (roleArn.length < 20 || roleArn.length > 2048) throw validation('roleArn', roleArn, 'Member must have length greater than or equal to 20');
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw validation('roleSessionName', sessionName, 'Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64');
  }
  if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
    throw validation('externalId', externalId, 'Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]* and have length between 2 and 1224');
  }

  const caller = ctx.caller;
  // AWS refuses the root user before looking at the role, in these words.
  if (caller.key.kind === 'root') throw new AwsError('AccessDenied', 'Roles may not be assumed by root accounts.', 403);
  const denied = new AwsError('AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
  const m = ROLE_ARN.exec(roleArn);
  const role = m ? ctx.state.accounts.get(m[1]!)?.iam.roles.get(m[2]!) : undefined;
  if (!m || !role || role.arn !== roleArn) throw denied;

  const principalArn =
    caller.key.kind === 'assumed-role'
      ? (ctx.state.accounts.get(caller.accountId)?.iam.roles.get(caller.key.principalName ?? '')?.arn ?? caller.arn)
      : caller.arn;
  const admitted = trustPolicyAdmits(
    role.assumeRolePolicyDocument,
    { accountId: caller.accountId, principalArn, sessionArn: caller.key.kind === 'assumed-role' ? caller.arn : undefined },
    { 'sts:ExternalId': externalId, 'aws:PrincipalArn': principalArn, 'aws:PrincipalAccount': caller.accountId },
  );
  if (admitted === 'no') throw denied;
  const identityDecision = decide(ctx.state, caller.key, 'sts:AssumeRole', roleArn);
  if (identityDecision === 'explicit-deny') throw denied;
  const needsIdentityAllow = admitted === 'account' || caller.accountId !== m[1];
  if (needsIdentityAllow && identityDecision !== 'allow') throw denied;

  const chained = caller.key.kind === 'assumed-role';
  const duration = input.DurationSeconds === undefined ? 3600 : Number(input.DurationSeconds);
  if (!Number.isInteger(duration) || duration < 900) {
    throw validation('durationSeconds', input.DurationSeconds, 'Member must have value greater than or equal to 900');
  }
  if (chained && duration > CHAINED_SESSION_LIMIT) {
    throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.', 400);
  }
  if (duration > role.maxSessionDuration) {
    throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 400);
  }

  const now = ctx.now();
  pruneExpiredSessions(ctx.state, now);
  const expiration = new Date(Math.floor((now + duration * 1000) / 1000) * 1000);
  const accessKeyId = `ASIA${randomChars(IAM_ID_ALPHABET, 16)}`;
  const secretAccessKey = randomChars(SECRET_ALPHABET, 40);
  const sessionToken = `FwoGZXIvYXdzE${randomBytes(96).toString('base64')}`;
  ctx.state.accessKeys.set(accessKeyId, {
    accessKeyId,
    secretAccessKey,
    sessionToken,
    accountId: m[1]!,
    kind: 'assumed-role',
    principalName: role.roleName,
    sessionName,
    expiration,
  });
  return {
    Credentials: { AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, SessionToken: sessionToken, Expiration: expiration },
    AssumedRoleUser: {
      AssumedRoleId: `${role.roleId}:${sessionName}`,
      Arn: `arn:aws:sts::${m[1]}:assumed-role/${role.roleName}/${sessionName}`,
    },
    SourceIdentity: input.SourceIdentity === undefined ? undefined : String(input.SourceIdentity),
  };
}

/** Sessions expired for over an hour are dropped, so long benchmarks do not grow the key table forever. */
function pruneExpiredSessions(state: SimState, now: number): void {
  for (const [id, key] of state.accessKeys) {
    if (key.kind === 'assumed-role' && key.expiration && key.expiration.getTime() < now - 3600_000) state.accessKeys.delete(id);
  }
}

export const stsService: ServiceDefinition = {
  name: 'sts',
  operations: {
    GetCallerIdentity: getCallerIdentity,
    AssumeRole: assumeRole,
  },
};
