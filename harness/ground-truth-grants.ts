import type { AccessRow } from '../src/access/index.ts';
import { CONNECTOR_ROLE_NAME, evaluateIdentityPolicies, trustRelationships, type GroundTruth, type TrustRelationship } from '../src/aws-sim/index.ts';
import { assessPrivileged } from '../src/connectors/index.ts';

type TruthAccount = GroundTruth['accounts'][number];
type TruthPolicies = { arn?: string | undefined; attachedPolicyArns: string[]; inlinePolicies: { policyName: string; document: unknown }[] };

/**
 * Grants as one line each, so what a sync stored and what the simulator holds compare as two sorted
 * lists: Identity Center memberships, assignments (groups and users), every assignment expanded through
 * a group (with via), and IAM group memberships of the accounts whose IAM is synced.
 */
export function expectedGrants(truth: GroundTruth, crossAccount: boolean): string[] {
  const out: string[] = [];
  const ic = truth.identityCenter;
  if (ic) {
    for (const m of ic.memberships) out.push(`sso_user:${m.userId} member of sso_group:${m.groupId}`);
    for (const a of ic.assignments) out.push(`${a.principalType === 'GROUP' ? 'sso_group' : 'sso_user'}:${a.principalId} ${a.permissionSetArn} on account:${a.accountId}`);
    for (const e of truth.effectiveAssignments) if (e.via) out.push(`sso_user:${e.userId} ${e.permissionSetArn} on account:${e.accountId} via ${e.via}`);
  }
  for (const account of truth.accounts) {
    if (account.outsideOrganization) continue;
    if (account.id !== truth.managementAccountId && (!crossAccount || account.status !== 'ACTIVE')) continue;
    for (const g of account.iam.groups) {
      for (const member of g.members) {
        const user = account.iam.users.find((u) => u.userName === member)!;
        out.push(`iam_user:${user.arn} member of iam_group:${g.arn}`);
      }
    }
  }
  out.push(...expectedPolicyGrants(truth, crossAccount), ...expectedTrustGrants(truth, crossAccount));
  return out.sort();
}

/**
 * The principal a trust relationship names, as the inventory holds it: accounts, IAM users and roles of
 * the organisation by their own type (an assumed-role session as its role), anything outside it as an
 * external principal, services and identity providers by name.
 */
export function expectedTrustPrincipal(row: TrustRelationship): string {
  if (row.external) return `external_principal:${row.principal}`;
  if (row.principalType === 'Service') return `aws_service:${row.principal}`;
  if (row.principalType === 'Federated') return `identity_provider:${row.principal}`;
  if (/^\d{12}$/.test(row.principal) || row.principal.endsWith(':root')) return `account:${row.principalAccountId}`;
  const session = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(row.principal);
  if (session) return `iam_role:arn:${session[1]}:iam::${session[2]}:role/${session[3]}`;
  return `${row.principal.includes(':user/') ? 'iam_user' : 'iam_role'}:${row.principal}`;
}

/** "May assume" grants of the synced accounts' roles, in `observed`'s words; a principal named twice in one role is one grant. */
export function expectedTrustGrants(truth: GroundTruth, crossAccount: boolean): string[] {
  const synced = new Set(iamSyncedAccounts(truth, crossAccount).map((a) => a.id));
  const rows = trustRelationships(truth).filter((r) => synced.has(r.accountId));
  return [...new Set(rows.map((r) => `${expectedTrustPrincipal(r)} assume on iam_role:${r.roleArn}`))].sort();
}

/** The accounts whose IAM a sync reads: the management account's always, active members' with cross-account IAM on. */
export function iamSyncedAccounts(truth: GroundTruth, crossAccount: boolean): TruthAccount[] {
  return truth.accounts.filter((a) => !a.outsideOrganization && (a.id === truth.managementAccountId || (crossAccount && a.status === 'ACTIVE')));
}

/**
 * Whether RRCU may call `action` on `resource` in the account: in a member account it acts as the
 * cross-account role (AdministratorAccess in the seeds); in the management account as the connector
 * role, as the simulator's own evaluation of its inline policies decides.
 */
export function rrcuMay(truth: GroundTruth, account: TruthAccount, action: string, resource = '*'): boolean {
  if (account.id !== truth.managementAccountId) return true;
  const role = account.iam.roles.find((r) => r.roleName === CONNECTOR_ROLE_NAME)!;
  return evaluateIdentityPolicies(role.inlinePolicies.map((p) => p.document), action, resource) === 'allow';
}

/**
 * IAM policies held by IAM users, groups and roles, in `observed`'s words: `<principal> <policy ARN, or
 * inline:<holder ARN>:<name>> on account:<id>`, and with `viaGroups` each group's policy again for each
 * member, via the group. Where GetAccountAuthorizationDetails is denied, only the roles' attached
 * policies the per-role calls may read.
 */
export function expectedPolicyGrants(truth: GroundTruth, crossAccount: boolean, options: { viaGroups?: boolean; accountId?: string } = {}): string[] {
  const out: string[] = [];
  for (const account of iamSyncedAccounts(truth, crossAccount)) {
    if (options.accountId !== undefined && account.id !== options.accountId) continue;
    const on = `on account:${account.id}`;
    const slugs = (p: TruthPolicies) => [...p.attachedPolicyArns, ...p.inlinePolicies.map((i) => `inline:${p.arn!}:${i.policyName}`)];
    if (!rrcuMay(truth, account, 'iam:GetAccountAuthorizationDetails')) {
      for (const r of account.iam.roles) {
        if (!rrcuMay(truth, account, 'iam:ListAttachedRolePolicies', r.arn!) || !rrcuMay(truth, account, 'iam:ListRolePolicies', r.arn!)) continue;
        for (const arn of r.attachedPolicyArns) out.push(`iam_role:${r.arn!} ${arn} ${on}`);
      }
      continue;
    }
    for (const u of account.iam.users) for (const slug of slugs(u)) out.push(`iam_user:${u.arn!} ${slug} ${on}`);
    for (const r of account.iam.roles) for (const slug of slugs(r)) out.push(`iam_role:${r.arn!} ${slug} ${on}`);
    for (const g of account.iam.groups) {
      for (const slug of slugs(g)) {
        out.push(`iam_group:${g.arn!} ${slug} ${on}`);
        if (!options.viaGroups && options.viaGroups !== undefined) continue;
        for (const member of g.members) out.push(`iam_user:${account.iam.users.find((u) => u.userName === member)!.arn} ${slug} ${on} via ${g.arn!}`);
      }
    }
  }
  return out.sort();
}

/**
 * Whether each IAM user, group and role of the account is privileged by the rules of privileged.ts,
 * over its policies as the simulator holds them (a user's with its groups'): customer managed ones
 * with their documents, AWS managed ones by ARN.
 */
export function expectedPrivileged(account: TruthAccount): Map<string, boolean> {
  const documents = new Map(account.iam.policies.map((p) => [p.arn, p.document]));
  const policies = (p: TruthPolicies) => [
    ...p.attachedPolicyArns.map((arn) => ({ name: arn, arn, document: documents.get(arn) })),
    ...p.inlinePolicies.map((i) => ({ name: i.policyName, document: i.document })),
  ];
  const verdicts = new Map<string, boolean>();
  for (const g of account.iam.groups) verdicts.set(g.arn!, assessPrivileged(policies(g)).privileged);
  for (const r of account.iam.roles) verdicts.set(r.arn!, assessPrivileged(policies(r)).privileged);
  for (const u of account.iam.users) {
    const groups = account.iam.groups.filter((g) => g.members.includes(u.userName));
    verdicts.set(u.arn!, assessPrivileged([...policies(u), ...groups.flatMap(policies)]).privileged);
  }
  return verdicts;
}

type TruthPermissionSet = NonNullable<GroundTruth['identityCenter']>['permissionSets'][number];

/**
 * A permission set's verdict on one account by the rules of privileged.ts, over what the simulator
 * holds: the set's AWS managed policies (by ARN) and inline policy, with the account's own copy of each
 * customer managed policy the set references; a reference the account lacks grants nothing there. The
 * reasons as the sync words them (docs/privileged-access.md).
 */
export function expectedPermissionSetVerdict(account: TruthAccount, ps: TruthPermissionSet): { privileged: boolean; privilegedReasons: string[] } {
  const label = (r: { name: string; path: string }) => `customer managed policy ${r.path === '/' ? r.name : `${r.path}${r.name}`}`;
  const copy = (r: { name: string; path: string }) => account.iam.policies.find((p) => p.path === r.path && p.policyName === r.name);
  const verdict = assessPrivileged([
    ...ps.managedPolicyArns.map((arn) => ({ name: arn.slice(arn.lastIndexOf('/') + 1), arn })),
    ...(ps.inlinePolicy ? [{ name: 'inline policy', document: ps.inlinePolicy }] : []),
    ...ps.customerManagedPolicyReferences.flatMap((r) => (copy(r) ? [{ name: `${label(r)} in this account`, document: copy(r)!.document }] : [])),
  ]);
  const missing = ps.customerManagedPolicyReferences.filter((r) => !copy(r)).map((r) => `${label(r)}: not in this account, grants nothing here`);
  return { privileged: verdict.privileged, privilegedReasons: [...verdict.reasons, ...missing] };
}

export function observed(rows: AccessRow[]): string[] {
  return rows
    .map((r) =>
      r.entitlementSlug === 'member'
        ? `${r.principalType}:${r.principalId} member of ${r.resourceType}:${r.resourceId}`
        : `${r.principalType}:${r.principalId} ${r.entitlementSlug} on ${r.resourceType}:${r.resourceId}${r.via ? ` via ${r.via}` : ''}`,
    )
    .sort();
}

