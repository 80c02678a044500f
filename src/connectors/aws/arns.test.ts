import { describe, expect, test } from 'vitest';
import { isPermissionSetArn } from './arns.ts';

describe('permission set ARNs follow the SSO Admin model', () => {
  test.each([
    ['the usual shape, hex ids', 'arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef'],
    // A stricter check (ssoins- and hex only) refused these, which AWS accepts.
    ['an instance id without the sso prefix', 'arn:aws:sso:::permissionSet/ins-0123456789abcdef/ps-0123456789abcdef'],
    ['ids with capitals, dots and dashes', 'arn:aws:sso:::permissionSet/ssoins-ABCdef.12-345678/ps-aB.c-D/e01234567'],
    ['the China partition', 'arn:aws-cn:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef'],
    ['GovCloud', 'arn:aws-us-gov:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef'],
    ['an ISO-B partition', 'arn:aws-iso-b:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef'],
  ])('accepts %s', (_case, arn) => {
    expect(isPermissionSetArn(arn)).toBe(true);
  });

  test.each([
    ['an instance id of 15 characters', 'arn:aws:sso:::permissionSet/ssoins-0123456789abcde/ps-0123456789abcdef'],
    ['a permission set id of 17 characters', 'arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef0'],
    ['a slash in the instance id', 'arn:aws:sso:::permissionSet/ssoins-0123456789abc/ef/ps-0123456789abcdef'],
    ['another service', 'arn:aws:iam:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef'],
    ['an instance ARN', 'arn:aws:sso:::instance/ssoins-0123456789abcdef'],
    ['text around it', ' arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef'],
    ['a made-up partition', 'arn:azure:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef'],
  ])('refuses %s', (_case, arn) => {
    expect(isPermissionSetArn(arn)).toBe(false);
  });
});
