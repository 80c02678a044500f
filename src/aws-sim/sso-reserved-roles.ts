/**
 * What Identity Center leaves in an account when it provisions a permission set there: the
 * `AWSSSO_…_DO_NOT_DELETE` SAML provider, the `AWSServiceRoleForSSO` service-linked role, and one
 * `AWSReservedSSO_<PermissionSet>_<hex>` role carrying the permission set's policies. The seeder and
 * the SSO Admin handlers (CreateAccountAssignment, ProvisionPermissionSet) both build them here.
 */
import { managedArn } from './aws-managed-policies.ts';
import { derivedIamId, ssoReservedRoleName, ssoReservedRolePath, ssoSamlProviderName } from './ids.ts';
import { iamArn, newIamRole } from './seed-iam.ts';
import { serviceTrustPolicy, ssoReservedRoleTrustPolicy } from './reference-policies.ts';
import type { IamAccount, IamRole, IdentityCenter, PermissionSet } from './state.ts';

/** The name AWS gives the permission set's inline policy on the role it creates. */
export const SSO_INLINE_POLICY_NAME = 'AwsSSOInlinePolicy';

/** `PT8H` → 28800; the reserved role's MaxSessionDuration follows the permission set's session duration. */
export function isoDurationSeconds(duration: string): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(duration);
  if (!m) return 3600;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

function samlMetadata(instance: IdentityCenter): string {
  const entity = `https://portal.sso.${instance.region}.amazonaws.com/saml/assertion/${instance.identityStoreId}`;
  return `<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entity}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://portal.sso.${instance.region}.amazonaws.com/saml/assertion"/></md:IDPSSODescriptor></md:EntityDescriptor>`;
}

/**
 * Creates (or brings up to date) the reserved role for `permissionSet` in the account, with the SAML
 * provider and service-linked role it depends on. Ids of new roles derive from their ARNs, so the
 * same provisioning always yields the same ids. Returns the role.
 */
export function ensureSsoReservedRole(
  iam: IamAccount,
  accountId: string,
  instance: IdentityCenter,
  permissionSet: PermissionSet,
  at: Date,
): IamRole {
  const providerName = ssoSamlProviderName(instance.instanceArn, accountId);
  const providerArn = `arn:aws:iam::${accountId}:saml-provider/${providerName}`;
  if (!iam.samlProviders.has(providerArn)) {
    iam.samlProviders.set(providerArn, { arn: providerArn, name: providerName, metadataDocument: samlMetadata(instance), createDate: at });
  }
  if (!iam.roles.has('AWSServiceRoleForSSO')) {
    const path = '/aws-service-role/sso.amazonaws.com/';
    const slr = newIamRole(accountId, {
      roleName: 'AWSServiceRoleForSSO', roleId: derivedIamId('AROA', iamArn(accountId, 'role', path, 'AWSServiceRoleForSSO')),
      path, createDate: at, trust: serviceTrustPolicy('sso.amazonaws.com'),
      description: 'Service-linked role used by AWS SSO to manage AWS resources, including IAM roles, policies and SAML IdP on your behalf.',
    });
    slr.attachedPolicyArns.add(managedArn('AWSSSOServiceRolePolicy'));
    iam.roles.set(slr.roleName, slr);
  }
  const roleName = ssoReservedRoleName(permissionSet, accountId);
  const path = ssoReservedRolePath(instance.region);
  let role = iam.roles.get(roleName);
  if (!role) {
    role = newIamRole(accountId, {
      roleName, roleId: derivedIamId('AROA', iamArn(accountId, 'role', path, roleName)), path, createDate: at,
      trust: ssoReservedRoleTrustPolicy(providerArn),
    });
    iam.roles.set(roleName, role);
  }
  role.maxSessionDuration = isoDurationSeconds(permissionSet.sessionDuration);
  role.attachedPolicyArns = new Set([
    ...permissionSet.managedPolicyArns,
    ...permissionSet.customerManagedPolicyReferences.map((r) => iamArn(accountId, 'policy', r.path, r.name)),
  ]);
  role.inlinePolicies = new Map(permissionSet.inlinePolicy ? [[SSO_INLINE_POLICY_NAME, permissionSet.inlinePolicy]] : []);
  return role;
}
