/**
 * ARN shapes RRCU checks before calling AWS, taken from AWS's own service models so that RRCU refuses
 * nothing AWS would accept.
 */

/**
 * A permission set ARN, as the SSO Admin model (sso-admin 2020-07-20, shape `PermissionSetArn`) gives
 * it: `arn:aws(-[a-z]{1,5}){0,3}:sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}`.
 * Instance ids may lack the `sso` prefix and ids are any 16 of those characters, not only hex; the
 * partition part admits aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b and later partitions. The model's
 * pattern is matched against the whole value here.
 */
export const PERMISSION_SET_ARN = /^arn:aws(-[a-z]{1,5}){0,3}:sso:::permissionSet\/(sso)?ins-[a-zA-Z0-9-.]{16}\/ps-[a-zA-Z0-9-./]{16}$/;

export function isPermissionSetArn(value: string): boolean {
  return PERMISSION_SET_ARN.test(value);
}
