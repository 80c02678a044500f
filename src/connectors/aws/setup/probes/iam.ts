/** IAM's read actions, called in the connector role's own account. */
import {
  GetGroupCommand,
  GetRoleCommand,
  GetSAMLProviderCommand,
  ListAccountAliasesCommand,
  ListAttachedRolePoliciesCommand,
  ListGroupsCommand,
  ListPoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  type Role,
} from '@aws-sdk/client-iam';
import type { AwsSession } from '../../session/session.ts';
import { decodePolicyDocument, isSsoRole } from '../../sync/iam-roles.ts';
import { need, once, some, type Probes } from './kit.ts';

/** Roles looked at for one that Identity Center did not create. */
const ROLES_LOOKED_AT = 100;
const SSO_ROLE_PATH = '/aws-reserved/sso.amazonaws.com/';

export function iamProbes(session: AwsSession): Probes {
  const { iam } = session.clients;
  const iamUser = once(async () => (await iam.send(new ListUsersCommand({ MaxItems: 1 }))).Users?.[0]);
  const iamGroup = once(async () => (await iam.send(new ListGroupsCommand({ MaxItems: 1 }))).Groups?.[0]);
  const firstRole = once(async () => (await iam.send(new ListRolesCommand({ MaxItems: 1 }))).Roles?.[0]);
  const ssoRole = once(async () => (await iam.send(new ListRolesCommand({ PathPrefix: SSO_ROLE_PATH, MaxItems: 1 }))).Roles?.[0]);
  const otherRole = once(async (): Promise<Role | undefined> => {
    const role = await firstRole();
    if (!role || !isSsoRole(role)) return role;
    return (await iam.send(new ListRolesCommand({ MaxItems: ROLES_LOOKED_AT }))).Roles?.find((r) => !isSsoRole(r));
  });

  const inAccount = `in account ${session.caller.accountId}`;
  const named = (role: Role | undefined, why: string) => some(role?.RoleName, why);
  const noSsoRole = `No role created by Identity Center exists ${inAccount} yet to call it on.`;
  // The required use reads Identity Center's roles; the optional one, the others.
  const policyRole = async (required: boolean) =>
    required ? named(await need('iam:ListRoles', ssoRole), noSsoRole) : named(await need('iam:ListRoles', otherRole), `There is no role ${inAccount} outside Identity Center's to call it on.`);

  return {
    'iam:ListUsers': async () => (await iamUser(), `Listed IAM users ${inAccount}.`),
    'iam:ListGroups': async () => (await iamGroup(), `Listed IAM groups ${inAccount}.`),
    'iam:ListRoles': async () => (await firstRole(), `Listed IAM roles ${inAccount}.`),
    'iam:ListAccountAliases': async () => (await iam.send(new ListAccountAliasesCommand({ MaxItems: 1 })), `Read the alias of account ${session.caller.accountId}.`),
    'iam:GetGroup': async () => {
      const group = some((await need('iam:ListGroups', iamGroup))?.GroupName, `There is no IAM group ${inAccount} to call it on.`);
      await iam.send(new GetGroupCommand({ GroupName: group, MaxItems: 1 }));
      return `Read the members of IAM group ${group}.`;
    },
    'iam:ListUserTags': async () => {
      const user = some((await need('iam:ListUsers', iamUser))?.UserName, `There is no IAM user ${inAccount} to call it on.`);
      await iam.send(new ListUserTagsCommand({ UserName: user, MaxItems: 1 }));
      return `Read the tags of IAM user ${user}.`;
    },
    'iam:ListAttachedRolePolicies': async (spec) => {
      const role = await policyRole(spec.required);
      await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role, MaxItems: 1 }));
      return `Listed the managed policies of role ${role}.`;
    },
    'iam:ListRolePolicies': async (spec) => {
      const role = await policyRole(spec.required);
      await iam.send(new ListRolePoliciesCommand({ RoleName: role, MaxItems: 1 }));
      return `Listed the inline policy names of role ${role}.`;
    },
    'iam:GetRole': async () => {
      const role = named(await need('iam:ListRoles', ssoRole), noSsoRole);
      await iam.send(new GetRoleCommand({ RoleName: role }));
      return `Read role ${role}.`;
    },
    'iam:ListPolicies': async () => (await iam.send(new ListPoliciesCommand({ MaxItems: 1 })), `Listed IAM policies ${inAccount}.`),
    'iam:GetSAMLProvider': async () => {
      const role = await need('iam:ListRoles', ssoRole);
      const arn = some(samlProviderOf(role), `No SAML provider created by Identity Center is known ${inAccount} (none of its roles exists yet) to call it on.`);
      await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }));
      return `Read SAML provider ${arn}.`;
    },
  };
}

/** The SAML provider an Identity Center role trusts (its trust policy's federated principal). */
function samlProviderOf(role: Role | undefined): string | undefined {
  const policy = decodePolicyDocument(role?.AssumeRolePolicyDocument) as { Statement?: { Principal?: { Federated?: unknown } }[] } | undefined;
  const federated = policy?.Statement?.map((s) => s.Principal?.Federated).find((f) => typeof f === 'string');
  return typeof federated === 'string' ? federated : undefined;
}
