import type { Person } from './queries.ts';
import { formatDay } from '../ui/when.ts';

/** An IAM user's password, MFA and access keys as the person API answers them; a field absent is unknown. */
export type Credentials = NonNullable<Person['principals'][number]['credentials']>;

const DAY_MS = 86_400_000;

/** `today`, `1 day ago`, `412 days ago`: ages are computed here from the synced dates, which do not change daily. */
export function daysAgo(iso: string, now: number): string {
  const days = Math.max(0, Math.floor((now - new Date(iso).getTime()) / DAY_MS));
  return days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
}

/**
 * "MFA: on", "password last used: May 1, 2026", "access keys: 2 (1 active, last used 3 days ago via s3;
 * oldest rotated 412 days ago)": what a reviewer asks of an IAM user's credentials, leaving out what the
 * sync could not read.
 */
export function credentialSummary(c: Credentials, now: number): string[] {
  const parts: string[] = [];
  if (c.mfaActive !== undefined) parts.push(`MFA: ${c.mfaActive ? 'on' : 'off'}`);
  if (c.passwordEnabled === false) parts.push('no console password');
  else if (c.passwordLastUsed !== undefined) parts.push(`password last used: ${c.passwordLastUsed ? formatDay(c.passwordLastUsed) : 'never'}`);
  if (c.accessKeys) parts.push(accessKeysSummary(c.accessKeys, now));
  return parts;
}

function accessKeysSummary(keys: NonNullable<Credentials['accessKeys']>, now: number): string {
  if (keys.length === 0) return 'access keys: none';
  const latest = (dates: (string | null)[], pick: (a: number, b: number) => number) =>
    dates.filter((d): d is string => d !== null).reduce<string | undefined>((best, d) => (best === undefined || pick(Date.parse(d), Date.parse(best)) === Date.parse(d) ? d : best), undefined);
  const lastUsed = latest(keys.map((k) => k.lastUsedDate), Math.max);
  const service = keys.find((k) => k.lastUsedDate === lastUsed)?.lastUsedService;
  const oldest = latest(keys.map((k) => k.lastRotated), Math.min);
  const details = [
    `${keys.filter((k) => k.active).length} active`,
    lastUsed ? `last used ${daysAgo(lastUsed, now)}${service ? ` via ${service}` : ''}` : 'never used',
    ...(oldest ? [`${keys.length > 1 ? 'oldest ' : ''}rotated ${daysAgo(oldest, now)}`] : []),
  ];
  return `access keys: ${keys.length} (${details[0]}, ${details.slice(1).join('; ')})`;
}
