/**
 * What every SSO Admin operation shares: finding the Identity Center instance a request names (only
 * in the instance's region, for the account that owns it), its permission sets, errors and page limits.
 */
import { settleOperations } from '../../assignment-operations.ts';
import { AwsError, type CallContext } from '../../service.ts';
import type { IdentityCenter, PermissionSet } from '../../state.ts';
import { matchingString, validationError, type Input } from '../json-input.ts';
import type { PageErrors } from '../pagination.ts';

// The SSO Admin model's patterns (sso-admin 2020-07-20, shapes InstanceArn and PermissionSetArn).
const INSTANCE_ARN = /^arn:aws(-[a-z]{1,5}){0,3}:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;
const PERMISSION_SET_ARN = /^arn:aws(-[a-z]{1,5}){0,3}:sso:::permissionSet\/(sso)?ins-[a-zA-Z0-9-.]{16}\/ps-[a-zA-Z0-9-./]{16}$/;
export const ACCOUNT_ID = /^\d{12}$/;

/** SSO Admin lists take 1..100 items a page. */
export const PAGE_LIMITS = { max: 100 };
export const PAGE_ERRORS: PageErrors = { badMaxResults: validationError, badToken: validationError };

export function resourceNotFound(message: string): AwsError {
  return new AwsError('ResourceNotFoundException', message, 400);
}

export function conflict(message: string): AwsError {
  return new AwsError('ConflictException', message, 400);
}

/** The instance, when the request's region and the caller's account are the instance's. */
export function visibleInstance(ctx: CallContext): IdentityCenter | undefined {
  const ic = ctx.state.identityCenter;
  return ic && ic.region === ctx.region && ic.ownerAccountId === ctx.caller.accountId ? ic : undefined;
}

/**
 * Authorizes `sso:<action>` on `resource` (the instance ARN by default), then returns the instance the
 * request's `InstanceArn` names, with its due assignment operations completed. Elsewhere than the
 * instance's region and owner the instance does not exist.
 */
export function openInstance(ctx: CallContext, input: Input, action: string, resource?: string): IdentityCenter {
  const instanceArn = matchingString(input, 'InstanceArn', INSTANCE_ARN);
  ctx.authorize(`sso:${action}`, resource ?? instanceArn);
  const ic = visibleInstance(ctx);
  if (!ic || ic.instanceArn !== instanceArn) {
    throw resourceNotFound(`Could not find Instance with arn ${instanceArn} in ${ctx.region}.`);
  }
  settleOperations(ctx.state, ic, ctx.now());
  return ic;
}

export function permissionSetArnInput(input: Input): string {
  return matchingString(input, 'PermissionSetArn', PERMISSION_SET_ARN);
}

export function getPermissionSet(ic: IdentityCenter, arn: string): PermissionSet {
  const ps = ic.permissionSets.get(arn);
  if (!ps) throw resourceNotFound(`Could not find PermissionSet with arn ${arn}.`);
  return ps;
}

export function accountIdInput(input: Input, member: string): string {
  return matchingString(input, member, ACCOUNT_ID);
}
