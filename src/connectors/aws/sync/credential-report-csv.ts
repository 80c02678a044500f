/**
 * The IAM credential report's CSV, read into facts about each IAM user and the account's root user.
 * Pure: no I/O. Columns are found by name, so a report with columns added or reordered still reads.
 *
 * AWS's values: `true`/`false`; ISO-8601 dates (`2026-01-02T03:04:05+00:00`); `N/A` where the thing
 * does not exist (no password, no second key, never used); `no_information` where IAM has no record
 * (a password not used since IAM began tracking in October 2014); `not_supported` in the root row's
 * password columns. Dates are kept as ISO strings (`toISOString`), never as ages: ages change every
 * day and attributes are part of an item's content hash.
 */

/** One access key as the report (or ListAccessKeys + GetAccessKeyLastUsed) describes it. */
export type AccessKeyFacts = {
  /** Only from ListAccessKeys: the report does not name its keys. */
  id?: string;
  active: boolean;
  /** When the key was created (AWS's "last rotated"). */
  lastRotated: string | null;
  lastUsedDate: string | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
};

/** An IAM user's credentials; password and MFA are absent when unknown (the report was not readable). */
export type IamCredentialFacts = {
  passwordEnabled?: boolean;
  /** null: never used, or not since IAM began tracking. */
  passwordLastUsed?: string | null;
  mfaActive?: boolean;
  accessKeys: AccessKeyFacts[];
};

/** The `<root_account>` row: what a reviewer of privileged access wants to know about the root user. */
export type RootCredentialFacts = {
  mfaActive: boolean;
  /** Root access keys exist (active or not); AWS advises having none. */
  accessKeysPresent: boolean;
  activeAccessKeys: number;
  passwordLastUsed: string | null;
};

export type CredentialReport = {
  /** By user ARN. */
  users: Map<string, IamCredentialFacts>;
  root?: RootCredentialFacts;
};

export const ROOT_USER = '<root_account>';
const KEY_SLOTS = [1, 2] as const;

/** The report's CSV (decoded from GetCredentialReport's base64 Content). */
export function parseCredentialReport(csv: string): CredentialReport {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '');
  const users = new Map<string, IamCredentialFacts>();
  let root: RootCredentialFacts | undefined;
  for (const line of lines.slice(1)) {
    const row = rowByColumn(header, splitCsvLine(line));
    if (!row) continue;
    const keys = KEY_SLOTS.map((n) => keyOf(row, n)).filter((k): k is AccessKeyFacts => k !== undefined);
    if (row.get('user') === ROOT_USER) {
      root = {
        mfaActive: flag(row.get('mfa_active')) === true,
        accessKeysPresent: keys.length > 0,
        activeAccessKeys: keys.filter((k) => k.active).length,
        passwordLastUsed: date(row.get('password_last_used')),
      };
      continue;
    }
    const arn = row.get('arn');
    if (!arn) continue;
    const passwordEnabled = flag(row.get('password_enabled'));
    const mfaActive = flag(row.get('mfa_active'));
    users.set(arn, {
      ...(passwordEnabled === undefined ? {} : { passwordEnabled }),
      passwordLastUsed: date(row.get('password_last_used')),
      ...(mfaActive === undefined ? {} : { mfaActive }),
      accessKeys: keys,
    });
  }
  return { users, ...(root ? { root } : {}) };
}

/**
 * A key slot is filled when it has a rotation date: an inactive key still has one, an empty slot
 * reads `false` and `N/A`.
 */
function keyOf(row: Map<string, string>, n: number): AccessKeyFacts | undefined {
  const lastRotated = date(row.get(`access_key_${n}_last_rotated`));
  const active = flag(row.get(`access_key_${n}_active`)) === true;
  if (lastRotated === null && !active) return undefined;
  return {
    active,
    lastRotated,
    lastUsedDate: date(row.get(`access_key_${n}_last_used_date`)),
    lastUsedService: word(row.get(`access_key_${n}_last_used_service`)),
    lastUsedRegion: word(row.get(`access_key_${n}_last_used_region`)),
  };
}

function flag(value: string | undefined): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** `N/A`, `no_information`, `not_supported` and anything unreadable are null. */
function date(value: string | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function word(value: string | undefined): string | null {
  return !value || value === 'N/A' || value === 'no_information' || value === 'not_supported' ? null : value;
}

/**
 * IAM user names may contain commas, which the report leaves unquoted in `user` and `arn`; the name
 * appears once in each, so a row with 2k fields too many has k extra commas in each of its first two.
 */
function rowByColumn(header: string[], fields: string[]): Map<string, string> | undefined {
  const extra = fields.length - header.length;
  if (extra < 0 || extra % 2 !== 0) return undefined;
  const k = extra / 2;
  const mended = extra === 0 ? fields : [fields.slice(0, k + 1).join(','), fields.slice(k + 1, 2 * k + 2).join(','), ...fields.slice(2 * k + 2)];
  return new Map(header.map((column, i) => [column, mended[i] ?? '']));
}

/** One CSV line; double-quoted fields (with `""` for a quote) are read too, should AWS quote one. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}
