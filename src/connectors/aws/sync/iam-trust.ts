/**
 * "May assume" grants from an IAM role's trust policy: one `assume` entitlement on the role, granted to
 * each principal an Allow statement lets call sts:AssumeRole (or its SAML, web identity siblings; a
 * statement allowing only sts:TagSession lets no one assume, it only lets an assume tag the session; one with
 * NotAction allows each of them its patterns leave out). Principals in the organisation are the inventory's own accounts, IAM users and roles;
 * anything else becomes an `external_principal`, `aws_service` or `identity_provider` resource, returned
 * here too so the grant's principal exists. Pure: no I/O. Deny statements are not subtracted (a trust
 * policy's Deny usually narrows by condition, which a document alone cannot decide); the entitlement
 * says the policy has them, and a grant from a statement with a Condition is marked `conditional`.
 */
import { entitlementKey, resourceKey, type GrantItem, type InventoryItem, type ResourceItem, type ResourceRef } from '../../../core/inventory-items.ts';
import { ref } from '../resource-types.ts';
import { matchesPattern, parsePolicyDocument } from './policy-document.ts';

export type TrustedRole = { arn: string; name: string; trustPolicy: unknown; permissionSetArn?: string };

export const ASSUME = 'assume';

/** The actions that let a principal assume the role: a statement grants "may assume" only with one of them. */
const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'];
/** Recorded on the grant when allowed beside an assume (the session may carry tags), never a grant alone. */
const SESSION_ACTIONS = ['sts:TagSession'];

const allows = (pattern: string, actions: readonly string[]) => actions.some((action) => matchesPattern(pattern, action));

/** `arn:<partition>:<iam|sts>::<account>:<rest>`; partitions other than `aws` (China, GovCloud) included. */
const AWS_ARN = /^arn:(aws[a-z-]*):(iam|sts)::(\d{12}):(.+)$/;

type Statement = { effect: unknown; actions: string[]; principal: unknown; conditionKeys: string[] };

/** An Action's patterns as they are; a NotAction (allows every action but those) as the assume and session actions it leaves out. */
function statementActions(s: Record<string, unknown>): string[] {
  if (s.Action !== undefined || s.NotAction === undefined) return strings(s.Action);
  const excluded = strings(s.NotAction);
  return [...ASSUME_ACTIONS, ...SESSION_ACTIONS].filter((action) => !excluded.some((pattern) => matchesPattern(pattern, action)));
}


/** `accountId`: the account an AWS principal is in, when the trust policy says. */
type Principal = { ref: ResourceRef; resource?: ResourceItem; external: boolean; accountId?: string };

export function trustItems(accountId: string, role: TrustedRole, organisationAccountIds: ReadonlySet<string>): InventoryItem[] {
  const roleRef = ref('iam_role', role.arn);
  const statements = statementsOf(parsePolicyDocument(role.trustPolicy));
  const hasDeny = statements.some((s) => s.effect === 'Deny');
  const hasConditions = statements.some((s) => s.conditionKeys.length > 0);
  const entitlement: InventoryItem = {
    kind: 'entitlement',
    resource: roleRef,
    slug: ASSUME,
    displayName: 'may assume',
    attributes: {
      entitlementType: 'trust',
      ...(role.permissionSetArn ? { permissionSetArn: role.permissionSetArn } : {}),
      ...(hasDeny ? { hasDenyStatements: true } : {}),
      ...(hasConditions ? { hasConditions: true } : {}),
    },
  };
  const key = entitlementKey(roleRef, ASSUME);

  // A principal named in several statements is one grant: unconditional if any statement is.
  const grants = new Map<string, { principal: Principal; actions: Set<string>; conditional: boolean; conditionKeys: Set<string> }>();
  for (const s of statements) {
    if (s.effect !== 'Allow') continue;
    if (!s.actions.some((a) => allows(a, ASSUME_ACTIONS))) continue;
    const actions = s.actions.filter((a) => allows(a, ASSUME_ACTIONS) || allows(a, SESSION_ACTIONS));
    for (const principal of principalsOf(s.principal, organisationAccountIds)) {
      const k = resourceKey(principal.ref);
      const seen = grants.get(k);
      const conditional = s.conditionKeys.length > 0;
      if (!seen) {
        grants.set(k, { principal, actions: new Set(actions), conditional, conditionKeys: new Set(s.conditionKeys) });
        continue;
      }
      for (const a of actions) seen.actions.add(a);
      for (const c of s.conditionKeys) seen.conditionKeys.add(c);
      seen.conditional &&= conditional;
    }
  }

  const items: InventoryItem[] = [entitlement];
  const resources = new Map<string, ResourceItem>();
  for (const g of [...grants.values()].sort((a, b) => cmp(resourceKey(a.principal.ref), resourceKey(b.principal.ref)))) {
    if (g.principal.resource) resources.set(resourceKey(g.principal.ref), g.principal.resource);
    const grant: GrantItem = {
      kind: 'grant',
      entitlementKey: key,
      principal: g.principal.ref,
      attributes: {
        actions: [...g.actions].sort(),
        ...(g.principal.external ? { external: true } : {}),
        // Another account of the organisation may assume it: the path reviewers look for between accounts.
        ...(!g.principal.external && g.principal.accountId !== undefined && g.principal.accountId !== accountId ? { crossAccount: true } : {}),
        ...(g.conditional ? { conditional: true, conditionKeys: [...g.conditionKeys].sort() } : {}),
      },
    };
    items.push(grant);
  }
  return [...resources.values(), ...items];
}

function statementsOf(doc: unknown): Statement[] {
  if (!isRecord(doc)) return [];
  const raw = doc.Statement;
  const entries = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  return entries.filter(isRecord).map((s) => ({
    effect: s.Effect,
    actions: statementActions(s),
    principal: s.Principal,
    conditionKeys: isRecord(s.Condition) ? Object.values(s.Condition).flatMap((byKey) => (isRecord(byKey) ? Object.keys(byKey) : [])) : [],
  }));
}

function principalsOf(principal: unknown, organisation: ReadonlySet<string>): Principal[] {
  if (principal === '*') return [externalPrincipal('*')];
  if (!isRecord(principal)) return [];
  return [
    ...strings(principal.AWS).map((p) => awsPrincipal(p, organisation)),
    ...strings(principal.Service).map(servicePrincipal),
    ...strings(principal.Federated).map(federatedPrincipal),
  ];
}

function awsPrincipal(value: string, organisation: ReadonlySet<string>): Principal {
  if (value === '*') return externalPrincipal('*');
  if (/^\d{12}$/.test(value)) return organisation.has(value) ? { ref: ref('account', value), external: false, accountId: value } : externalPrincipal(value, value);
  const arn = parseArn(value);
  // A unique id (AROA…, AIDA…) stands where a deleted principal was: its account is unknown.
  if (!arn) return externalPrincipal(value);
  const { partition, service, account, rest } = arn;
  if (!organisation.has(account)) return externalPrincipal(value, account);
  const inOrganisation = (r: ResourceRef): Principal => ({ ref: r, external: false, accountId: account });
  if (service === 'iam' && rest === 'root') return inOrganisation(ref('account', account));
  if (service === 'iam' && rest.startsWith('user/')) return inOrganisation(ref('iam_user', value));
  if (service === 'iam' && rest.startsWith('role/')) return inOrganisation(ref('iam_role', value));
  // An assumed-role session stands for its role; the session ARN drops the role's path, so a role on a
  // path other than `/` is named without it.
  const assumed = service === 'sts' ? /^assumed-role\/([^/]+)\//.exec(rest) : null;
  if (assumed) return inOrganisation(ref('iam_role', `arn:${partition}:iam::${account}:role/${assumed[1]}`));
  // In the organisation but of a kind the inventory does not hold (a federated-user session).
  return { ...inOrganisation(ref('external_principal', value)), resource: principalResource('external_principal', value, `${account}:${rest}`, { accountId: account }) };
}

function externalPrincipal(value: string, accountId?: string): Principal {
  const arn = parseArn(value);
  const displayName = value === '*' ? 'Anyone (*)' : arn ? `${arn.account}:${arn.rest}` : value;
  return {
    ref: ref('external_principal', value),
    resource: principalResource('external_principal', value, displayName, { external: true, ...(accountId ? { accountId } : {}) }),
    external: true,
  };
}

function servicePrincipal(service: string): Principal {
  return { ref: ref('aws_service', service), resource: principalResource('aws_service', service, service, {}), external: false };
}

/** A SAML or OIDC provider's ARN (`…:saml-provider/Okta`), or a web identity host (`cognito-identity.amazonaws.com`). */
function federatedPrincipal(value: string): Principal {
  const arn = parseArn(value);
  const name = arn ? arn.rest.replace(/^(saml|oidc)-provider\//, '') : value;
  return { ref: ref('identity_provider', value), resource: principalResource('identity_provider', value, name, arn ? { accountId: arn.account } : {}), external: false };
}

function principalResource(resourceType: 'external_principal' | 'aws_service' | 'identity_provider', externalId: string, displayName: string, attributes: Record<string, unknown>): ResourceItem {
  return { kind: 'resource', resourceType, externalId, displayName, ...(Object.keys(attributes).length > 0 ? { attributes } : {}) };
}

function parseArn(value: string): { partition: string; service: string; account: string; rest: string } | undefined {
  const m = AWS_ARN.exec(value);
  return m ? { partition: m[1] ?? '', service: m[2] ?? '', account: m[3] ?? '', rest: m[4] ?? '' } : undefined;
}

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.filter((v): v is string => typeof v === 'string' && v.length > 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
