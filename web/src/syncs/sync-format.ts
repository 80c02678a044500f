import type { RetryCounts } from '../types.ts';

/** Sync run numbers in words: the store keys its counts `kind:type` (`resource:iam_user`, `grant`) and its changes `opened:grant`. */

const RESOURCE_TYPES: Record<string, [string, string]> = {
  account: ['AWS account', 'AWS accounts'],
  iam_user: ['IAM user', 'IAM users'],
  iam_group: ['IAM group', 'IAM groups'],
  iam_role: ['IAM role', 'IAM roles'],
  sso_user: ['Identity Center user', 'Identity Center users'],
  sso_group: ['Identity Center group', 'Identity Center groups'],
  permission_set: ['Permission set', 'Permission sets'],
  external_principal: ['External principal', 'External principals'],
  aws_service: ['AWS service', 'AWS services'],
  identity_provider: ['Identity provider', 'Identity providers'],
};

export function resourceTypeLabel(type: string, plural = false): string {
  const names = RESOURCE_TYPES[type];
  return names ? names[plural ? 1 : 0] : type.replaceAll('_', ' ');
}

const KINDS: Record<string, string> = { resource: 'Resources', entitlement: 'Entitlements', grant: 'Grants', person: 'People' };

/** `resource:iam_user` → "IAM users"; `entitlement:account` → "Entitlements on AWS accounts"; `grant` → "Grants". */
export function countLabel(key: string): string {
  const [kind = key, type] = key.split(':');
  if (!type) return KINDS[kind] ?? kind;
  if (kind === 'resource') return resourceTypeLabel(type, true);
  if (kind === 'entitlement') return `Entitlements on ${resourceTypeLabel(type, true)}`;
  if (kind === 'grant') return `Grants to ${resourceTypeLabel(type, true)}`;
  return `${KINDS[kind] ?? kind}: ${resourceTypeLabel(type, true)}`;
}

export const number = new Intl.NumberFormat();

/** All retries of a run or an operation, whatever their cause. */
export const retriesTotal = (r: RetryCounts | undefined): number => (r ? r.throttled + r.serverError + r.network : 0);

/** "3 throttled · 1 after server errors · 2 after network errors"; '' without retries. */
export function retrySummary(r: RetryCounts | undefined): string {
  if (!r) return '';
  return [
    r.throttled ? `${number.format(r.throttled)} throttled` : '',
    r.serverError ? `${number.format(r.serverError)} after server errors` : '',
    r.network ? `${number.format(r.network)} after network errors` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The headline numbers of a run: grants, then resources in total. */
export function countSummary(counts: Record<string, number>): string {
  const total = (kind: string) => Object.entries(counts).reduce((n, [k, v]) => (k === kind || k.startsWith(`${kind}:`) ? n + v : n), 0);
  const parts: string[] = [];
  const resources = total('resource');
  const grants = total('grant');
  if (resources) parts.push(`${number.format(resources)} resources`);
  if (grants) parts.push(`${number.format(grants)} grants`);
  return parts.join(' · ') || '—';
}

/** `{ "opened:grant": 3, "closed:grant": 1, "opened:resource": 2 }` → "grants +3 −1 · resources +2". */
export function changeSummary(changes: Record<string, number>): string {
  const parts: string[] = [];
  for (const kind of ['grant', 'resource', 'entitlement']) {
    const opened = changes[`opened:${kind}`] ?? 0;
    const closed = changes[`closed:${kind}`] ?? 0;
    const delta = [opened ? `+${number.format(opened)}` : '', closed ? `−${number.format(closed)}` : ''].filter(Boolean).join(' ');
    if (delta) parts.push(`${kind}s ${delta}`);
  }
  return parts.join(' · ') || 'No changes';
}
