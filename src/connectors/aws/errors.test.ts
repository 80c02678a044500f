import { describe, expect, test } from 'vitest';
import { COMMON_ERRORS, RrcuError } from '../../core/errors.ts';
import type { AwsConnectorConfig } from './config.ts';
import { classifyAwsError, deniedAction, isAccessDenied, isThrottlingError, policyLineFor } from './errors.ts';

const config: AwsConnectorConfig = { roleArn: 'arn:aws:iam::111122223333:role/RRCUIntegration', externalId: 'ext-123', organizations: true, region: 'us-east-1' };

/** An error shaped as the SDK's service exceptions are. */
function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, $fault: 'client' });
}

describe('policyLineFor', () => {
  test.each([
    ['iam:ListUsers', 'add "iam:ListUsers" to the Action list of the "RRCUReadAccess" statement'],
    ['sso:CreateAccountAssignment', 'add "sso:CreateAccountAssignment" to the Action list of the "RRCUProvisionAccess" statement'],
    ['iam:CreateRole', 'add "iam:CreateRole" to the Action list of the "AccessToSSOProvisionedRoles" statement'],
    ['iam:ListPolicies', 'add "iam:ListPolicies" to the Action list of the "IAMListPermissions" statement'],
    ['iam:GetSAMLProvider', 'add the statement { "Effect": "Allow", "Action": "iam:GetSAMLProvider", "Resource": "arn:aws:iam::*:saml-provider/AWSSSO_*_DO_NOT_DELETE" }'],
    ['organizations:ListParents', 'add the statement { "Effect": "Allow", "Action": "organizations:ListParents", "Resource": "*" }'],
    ['sts:AssumeRole', 'add the statement { "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/Audit" }'],
  ])('%s: %s', (action, line) => {
    expect(policyLineFor(action, { crossAccountRoleName: 'Audit' })).toBe(line);
  });

  test('the optional use of an action the guide allows on Identity Center roles only asks for every role', () => {
    expect(policyLineFor('iam:ListRolePolicies')).toContain('AccessToSSOProvisionedRoles');
    expect(policyLineFor('iam:ListRolePolicies', undefined, { optional: true })).toBe('add the statement { "Effect": "Allow", "Action": "iam:ListRolePolicies", "Resource": "*" }');
  });
});

describe('reading AWS errors', () => {
  test('deniedAction finds the action in both IAM and Identity Center wordings', () => {
    expect(deniedAction(awsError('AccessDenied', 'User: arn:aws:sts::1:assumed-role/R/s is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::1:user/'))).toBe('iam:ListUsers');
    expect(deniedAction(awsError('AccessDeniedException', 'User: arn:x is not authorized to perform: sso:ListInstances because no identity-based policy allows the sso:ListInstances action'))).toBe('sso:ListInstances');
    expect(deniedAction(awsError('AccessDeniedException', "You don't have permissions to access this resource."))).toBeUndefined();
  });

  test('throttling is recognised by each service’s code and by HTTP 429', () => {
    expect(isThrottlingError(awsError('Throttling', 'Rate exceeded'))).toBe(true);
    expect(isThrottlingError(awsError('TooManyRequestsException', 'AWS Organizations can’t complete your request'))).toBe(true);
    expect(isThrottlingError(awsError('SomethingNew', 'slow down', 429))).toBe(true);
    expect(isThrottlingError(awsError('LimitExceeded', 'Cannot exceed quota for UsersPerAccount: 5000', 409))).toBe(false);
  });

  test('isAccessDenied knows both spellings', () => {
    expect(isAccessDenied(awsError('AccessDenied', 'x', 403))).toBe(true);
    expect(isAccessDenied(awsError('AccessDeniedException', 'x'))).toBe(true);
    expect(isAccessDenied(awsError('NoSuchEntity', 'x', 404))).toBe(false);
  });

});

describe('classifyAwsError', () => {
  const classify = (error: unknown, action = 'iam:ListUsers') => classifyAwsError(error, { action, config, caller: { accountId: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/RRCUIntegration/rrcu-sync' } });

  test.each([
    [awsError('AccessDenied', 'User: arn:x is not authorized to perform: iam:GetGroup on resource: arn:aws:iam::1:group/g', 403), 'iam:GetGroup', 'ACTION_DENIED'],
    [awsError('AccessDeniedException', "You don't have permissions to access this resource."), 'organizations:ListAccounts', 'ROLE_NOT_IN_MANAGEMENT_ACCOUNT'],
    [awsError('AccessDeniedException', 'User: arn:x is not authorized to perform: organizations:ListAccounts'), 'organizations:ListAccounts', 'ACTION_DENIED'],
    [awsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.'), 'organizations:ListAccounts', 'ORGANIZATIONS_NOT_IN_USE'],
    [awsError('ThrottlingException', 'Rate exceeded', 429), 'sso:ListInstances', 'THROTTLED'],
    // Identity Store and SSO Admin answer throttling with HTTP 400: known by its code, not its status.
    [awsError('ThrottlingException', 'Rate exceeded', 400), 'identitystore:ListUsers', 'THROTTLED'],
    [awsError('ExpiredToken', 'The security token included in the request is expired', 403), 'iam:ListUsers', 'AWS_CREDENTIALS_EXPIRED'],
    [awsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403), 'iam:ListUsers', 'AWS_CREDENTIALS_INVALID'],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'iam:ListUsers', 'AWS_UNREACHABLE'],
    [Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), 'sts:GetCallerIdentity', 'AWS_CREDENTIALS_MISSING'],
    [awsError('ServiceFailure', 'Internal error', 500), 'iam:ListUsers', 'AWS_ERROR'],
  ])('%s on %s is %s', (error, action, code) => {
    const classified = classify(error, action);
    expect(classified.code).toBe(code);
    expect(classified.fix).toBeTruthy();
    expect(classified.cause).toBe(error);
  });

  test('the AWS endpoint is named when no simulator endpoint is set', () => {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    expect(classify(error, 'sso:ListInstances').message).toContain('https://sso.us-east-1.amazonaws.com');
    expect(classify(error, 'iam:ListUsers').message).toContain('https://iam.amazonaws.com');
  });

  test('an RrcuError passes through unchanged', () => {
    const error = new RrcuError(COMMON_ERRORS.INVALID_INPUT, 'm');
    expect(classify(error)).toBe(error);
  });
});
