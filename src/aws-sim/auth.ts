/**
 * Who signed a request: the access key in the SigV4 `Authorization` header, looked up in
 * `state.accessKeys`, checked for expiry and session token, its signature verified, and turned into
 * the `Caller` handlers see. Failures are the errors AWS gives for each (`InvalidClientTokenId` /
 * `UnrecognizedClientException`, `SignatureDoesNotMatch` / `InvalidSignatureException`,
 * `ExpiredToken` / `ExpiredTokenException`), a signing time too far from the simulated clock included.
 */
import { frontError, signingWindowMinutes } from './protocols/errors.ts';
import type { Caller, ServiceName } from './service.ts';
import { headerValue, parseAmzDate, parseAuthorization, signatureMatches, signingTimeFailure } from './sigv4.ts';
import type { SignedRequest } from './sigv4.ts';
import type { AccessKey, SimState } from './state.ts';

/** The `Caller` for an access key, or undefined when its user or role no longer exists. */
export function callerFor(state: SimState, key: AccessKey): Caller | undefined {
  const iam = state.accounts.get(key.accountId)?.iam;
  if (key.kind === 'root') return { key, accountId: key.accountId, arn: `arn:aws:iam::${key.accountId}:root`, userId: key.accountId };
  if (!iam || key.principalName === undefined) return undefined;
  if (key.kind === 'user') {
    const user = iam.users.get(key.principalName);
    return user && { key, accountId: key.accountId, arn: user.arn, userId: user.userId };
  }
  const role = iam.roles.get(key.principalName);
  if (!role) return undefined;
  const session = key.sessionName ?? 'session';
  return {
    key,
    accountId: key.accountId,
    arn: `arn:aws:sts::${key.accountId}:assumed-role/${role.roleName}/${session}`,
    userId: `${role.roleId}:${session}`,
  };
}

export type AuthenticateOptions = { verifySignatures: boolean; now: number };

export async function authenticate(state: SimState, service: ServiceName, request: SignedRequest, options: AuthenticateOptions): Promise<{ caller: Caller; region: string }> {
  const header = request.headers.authorization;
  const auth = parseAuthorization(Array.isArray(header) ? header[0] : header);
  if (!auth) throw frontError(service, 'missing-authentication');
  const key = state.accessKeys.get(auth.accessKeyId);
  if (!key) throw frontError(service, 'unknown-key');
  const token = request.headers['x-amz-security-token'];
  if ((Array.isArray(token) ? token[0] : token) !== key.sessionToken) throw frontError(service, 'unknown-key');
  if (options.verifySignatures && !(await signatureMatches(request, auth, key))) throw frontError(service, 'bad-signature');
  if (key.expiration && key.expiration.getTime() <= options.now) throw frontError(service, 'expired-token');
  // After the token's expiry, so that a session outliving its hour is still named as expired when the
  // simulated clock has jumped past it.
  if (options.verifySignatures) {
    const signedAt = parseAmzDate(headerValue(request.headers['x-amz-date']));
    const late = signedAt && signingTimeFailure(signedAt, options.now, signingWindowMinutes(service));
    if (late) throw frontError(service, late.failure, late.message);
  }
  const caller = callerFor(state, key);
  if (!caller) throw frontError(service, 'unknown-key');
  return { caller, region: auth.region };
}
