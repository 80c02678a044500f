/** Account-level IAM: the account alias, SAML providers (Identity Center's lives here), and the summary. */
import type { CallContext } from '../../service.ts';
import { alreadyExists, iamOf, noSuchEntity, optionalString, paginate, validationError } from './common.ts';
import type { Input } from './common.ts';

/** IAM's alias rule: 3–63 lower-case letters, digits and single hyphens, not starting or ending with one. */
const ALIAS = /^[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]$/;

function listAccountAliases(ctx: CallContext, input: Input) {
  ctx.authorize('iam:ListAccountAliases', '*');
  const page = paginate(iamOf(ctx).aliases, input, (a) => a);
  return { AccountAliases: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

/** An account has at most one alias; creating another replaces it. Aliases are unique across AWS. */
function createAccountAlias(ctx: CallContext, input: Input) {
  ctx.authorize('iam:CreateAccountAlias', '*');
  const alias = optionalString(input, 'AccountAlias') ?? '';
  if (!ALIAS.test(alias)) {
    throw validationError(`1 validation error detected: Value '${alias}' at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`);
  }
  for (const [id, account] of ctx.state.accounts) {
    if (id !== ctx.caller.accountId && account.iam.aliases.includes(alias)) throw alreadyExists(`The account alias ${alias} already exists.`);
  }
  iamOf(ctx).aliases = [alias];
  return undefined;
}

function deleteAccountAlias(ctx: CallContext, input: Input) {
  ctx.authorize('iam:DeleteAccountAlias', '*');
  const alias = optionalString(input, 'AccountAlias') ?? '';
  const iam = iamOf(ctx);
  if (!iam.aliases.includes(alias)) throw noSuchEntity(`The account alias ${alias} cannot be found.`);
  iam.aliases = iam.aliases.filter((a) => a !== alias);
  return undefined;
}

function listSamlProviders(ctx: CallContext) {
  ctx.authorize('iam:ListSAMLProviders', '*');
  return {
    SAMLProviderList: [...iamOf(ctx).samlProviders.values()].map((p) => ({ Arn: p.arn, CreateDate: p.createDate, ValidUntil: validUntil(p.createDate) })),
  };
}

function getSamlProvider(ctx: CallContext, input: Input) {
  const arn = optionalString(input, 'SAMLProviderArn') ?? '';
  if (arn.length < 20) throw validationError(`1 validation error detected: Value '${arn}' at 'sAMLProviderArn' failed to satisfy constraint: Member must have length greater than or equal to 20`);
  ctx.authorize('iam:GetSAMLProvider', arn);
  const provider = [...iamOf(ctx).samlProviders.values()].find((p) => p.arn === arn);
  if (!provider) throw noSuchEntity(`Manifest not found for arn ${arn}`);
  return { SAMLMetadataDocument: provider.metadataDocument, CreateDate: provider.createDate, ValidUntil: validUntil(provider.createDate) };
}

/** IAM reports a SAML provider valid for a hundred years from its creation. */
function validUntil(created: Date): Date {
  const d = new Date(created);
  d.setUTCFullYear(d.getUTCFullYear() + 100);
  return d;
}

function getAccountSummary(ctx: CallContext) {
  ctx.authorize('iam:GetAccountSummary', '*');
  const iam = iamOf(ctx);
  const summary = new Map<string, number>([
    ['Users', iam.users.size],
    ['UsersQuota', 5000],
    ['Groups', iam.groups.size],
    ['GroupsQuota', 300],
    ['Roles', iam.roles.size],
    ['RolesQuota', 1000],
    ['Policies', iam.policies.size],
    ['PoliciesQuota', 1500],
    ['GroupsPerUserQuota', 10],
    ['AttachedPoliciesPerUserQuota', 10],
    ['AttachedPoliciesPerGroupQuota', 10],
    ['AttachedPoliciesPerRoleQuota', 10],
    ['AccountMFAEnabled', 0],
    ['Providers', iam.samlProviders.size],
  ]);
  return { SummaryMap: summary };
}

export const accountOperations = {
  ListAccountAliases: listAccountAliases,
  CreateAccountAlias: createAccountAlias,
  DeleteAccountAlias: deleteAccountAlias,
  ListSAMLProviders: listSamlProviders,
  GetSAMLProvider: getSamlProvider,
  GetAccountSummary: getAccountSummary,
};
