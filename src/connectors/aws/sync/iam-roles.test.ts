import { expect, test } from 'vitest';
import { decodePolicyDocument, permissionSetNameOf } from './iam-roles.ts';

test.each([
  ['/aws-reserved/sso.amazonaws.com/', 'AWSReservedSSO_AdministratorAccess_40e096b80b9cf23d', 'AdministratorAccess'],
  ['/aws-reserved/sso.amazonaws.com/eu-west-1/', 'AWSReservedSSO_Data_Engineers_RO_0123456789abcdef', 'Data_Engineers_RO'],
  ['/', 'AWSReservedSSO_AdministratorAccess_40e096b80b9cf23d', undefined],
  ['/aws-reserved/sso.amazonaws.com/', 'SomethingElse', undefined],
])('the permission set of %s%s is %s', (path, roleName, name) => {
  expect(permissionSetNameOf({ Path: path, RoleName: roleName })).toBe(name);
});

test('trust policies are decoded from the URL-encoded JSON IAM returns; an undecodable one is kept as text', () => {
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(policy)))).toEqual(policy);
  expect(decodePolicyDocument('%E0%A4%A')).toBe('%E0%A4%A');
  expect(decodePolicyDocument(undefined)).toBeUndefined();
});
