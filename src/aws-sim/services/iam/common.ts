/**
 * What the IAM handlers share: the caller's account, name lookups (IAM names are unique without
 * regard to case, and found that way), `Marker` pagination, input validation in IAM's wording, and
 * policy documents (parsed on the way in, URL-encoded JSON on the way out, as IAM returns them).
 */
import { randomInt } from 'node:crypto';
import { AwsError } from '../../service.ts';
import type { CallContext } from '../../service.ts';
import type { IamAccount, PolicyDocument, Tag } from '../../state.ts';
import { statementsOf } from '../../policy.ts';

export type Input = Record<string, unknown>;

export function iamOf(ctx: CallContext): IamAccount {
  const account = ctx.state.accounts.get(ctx.caller.accountId);
  if (!account) throw new AwsError('ServiceFailure', `Account ${ctx.caller.accountId} is not part of this simulated world.`, 500);
  return account.iam;
}

export function accountArn(ctx: CallContext, kind: 'user' | 'group' | 'role' | 'policy', path: string, name: string): string {
  return `arn:aws:iam::${ctx.caller.accountId}:${kind}${path}${name}`;
}

export function findByName<T>(map: Map<string, T>, name: string): T | undefined {
  const exact = map.get(name);
  if (exact) return exact;
  const lowered = name.toLowerCase();
  for (const [key, value] of map) if (key.toLowerCase() === lowered) return value;
  return undefined;
}

/** IAM's unique-id and access-key alphabet: upper-case base32. */
export const IAM_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function randomChars(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet.charAt(randomInt(alphabet.length));
  return out;
}

/** An IAM unique id: the type prefix (`AIDA` user, `AGPA` group, `AROA` role, `ANPA` policy) and 17 characters. */
export function newIamId(prefix: 'AIDA' | 'AGPA' | 'AROA' | 'ANPA'): string {
  return prefix + randomChars(IAM_ID_ALPHABET, 17);
}

export function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message, 400);
}

export function noSuchEntity(message: string): AwsError {
  return new AwsError('NoSuchEntity', message, 404);
}

export function alreadyExists(message: string): AwsError {
  return new AwsError('EntityAlreadyExists', message, 409);
}

export function deleteConflict(message: string): AwsError {
  return new AwsError('DeleteConflict', message, 409);
}

export function limitExceeded(quota: string, limit: number): AwsError {
  return new AwsError('LimitExceeded', `Cannot exceed quota for ${quota}: ${limit}`, 409);
}

const NAME = /^[\w+=,.@-]+$/;

/** A required IAM name (`UserName`, `GroupName`, …) of at most `max` characters. */
export function nameInput(input: Input, member: string, max = 64): string {
  const value = input[member];
  const field = member.charAt(0).toLowerCase() + member.slice(1);
  if (value === undefined || value === '') throw validationError(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  const text = String(value);
  if (text.length > max) throw validationError(`1 validation error detected: Value '${text}' at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  if (!NAME.test(text)) throw validationError(`The specified value for ${field} is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`);
  return text;
}

export function optionalString(input: Input, member: string): string | undefined {
  const value = input[member];
  return value === undefined ? undefined : String(value);
}

/** `Path` (default `/`): begins and ends with `/`, at most 512 printable characters. */
export function pathInput(input: Input, member = 'Path'): string {
  const path = optionalString(input, member) ?? '/';
  if (!/^\/([\x21-\x7e]*\/)?$/.test(path) || path.length > 512) {
    throw validationError(`The specified value for ${member.charAt(0).toLowerCase() + member.slice(1)} is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`);
  }
  return path;
}

export function pathPrefixFilter<T extends { path: string }>(items: T[], input: Input): T[] {
  const prefix = optionalString(input, 'PathPrefix');
  return prefix === undefined ? items : items.filter((i) => i.path.startsWith(prefix));
}

export function booleanInput(input: Input, member: string): boolean | undefined {
  const value = input[member];
  if (value === undefined) return undefined;
  return value === true || value === 'true';
}

export function listInput(input: Input, member: string): unknown[] {
  const value = input[member];
  return Array.isArray(value) ? value : [];
}

export function tagsInput(input: Input): Tag[] {
  const tags = listInput(input, 'Tags').map((t) => {
    const tag = t as Record<string, unknown>;
    return { Key: String(tag.Key ?? ''), Value: String(tag.Value ?? '') };
  });
  if (tags.length > 50) throw limitExceeded('TagsPerResource', 50);
  return tags;
}

/** Adds or replaces tags by key, as TagUser/TagRole do. */
export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const byKey = new Map(existing.map((t) => [t.Key, t]));
  for (const t of added) byKey.set(t.Key, t);
  if (byKey.size > 50) throw limitExceeded('TagsPerResource', 50);
  return [...byKey.values()];
}

export type Page<T> = { items: T[]; IsTruncated: boolean; Marker?: string };

/**
 * One page for `MaxItems` (default 100, 1..1000) and `Marker`. Items come sorted by `keyOf`; the marker
 * is an opaque encoding of the last key returned, so deletions between pages do not skip items.
 */
export function paginate<T>(items: T[], input: Input, keyOf: (item: T) => string): Page<T> {
  const maxItems = input.MaxItems === undefined ? 100 : Number(input.MaxItems);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
    throw validationError(
      `1 validation error detected: Value '${String(input.MaxItems)}' at 'maxItems' failed to satisfy constraint: Member must have value ${maxItems < 1 ? 'greater than or equal to 1' : 'less than or equal to 1000'}`,
    );
  }
  const sorted = [...items].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  let start = 0;
  const marker = optionalString(input, 'Marker');
  if (marker !== undefined) {
    const after = decodeMarker(marker);
    start = sorted.findIndex((i) => compareKeys(keyOf(i), after) > 0);
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + maxItems);
  const truncated = start + maxItems < sorted.length;
  return { items: page, IsTruncated: truncated, Marker: truncated ? encodeMarker(keyOf(page[page.length - 1]!)) : undefined };
}

function compareKeys(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function encodeMarker(key: string): string {
  return Buffer.from(`iam-sim:${key}`, 'utf8').toString('base64');
}

function decodeMarker(marker: string): string {
  const text = Buffer.from(marker, 'base64').toString('utf8');
  if (!text.startsWith('iam-sim:')) throw validationError('Invalid Marker. Pass the Marker value from the previous response unchanged.');
  return text.slice('iam-sim:'.length);
}

/** IAM returns policy documents URL-encoded (RFC 3986), which clients decode with decodeURIComponent. */
export function encodeDocument(doc: PolicyDocument): string {
  return encodeURIComponent(JSON.stringify(doc));
}

/**
 * Parses a policy document given as JSON. `trust` documents must name a Principal; identity documents
 * must not, as IAM checks.
 */
export function parseDocument(input: Input, member: string, kind: 'identity' | 'trust'): PolicyDocument {
  const text = optionalString(input, member);
  const field = member.charAt(0).toLowerCase() + member.slice(1);
  if (text === undefined) throw validationError(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new AwsError('MalformedPolicyDocument', 'Syntax errors in policy.', 400);
  }
  if (typeof doc !== 'object' || doc === null || !('Statement' in doc)) {
    throw new AwsError('MalformedPolicyDocument', 'Syntax errors in policy.', 400);
  }
  const policy = doc as PolicyDocument;
  for (const s of statementsOf(policy)) {
    if (typeof s !== 'object' || s === null || (s.Effect !== 'Allow' && s.Effect !== 'Deny')) {
      throw new AwsError('MalformedPolicyDocument', 'Policy statement must contain a valid Effect (Allow or Deny).', 400);
    }
    if (s.Action === undefined && s.NotAction === undefined) {
      throw new AwsError('MalformedPolicyDocument', 'Policy statement must contain actions.', 400);
    }
    if (kind === 'identity' && s.Principal !== undefined) {
      throw new AwsError('MalformedPolicyDocument', 'Policy document should not specify a principal.', 400);
    }
    if (kind === 'identity' && s.Resource === undefined && s.NotResource === undefined) {
      throw new AwsError('MalformedPolicyDocument', 'Policy statement must contain resources.', 400);
    }
    if (kind === 'trust' && s.Principal === undefined) {
      throw new AwsError('MalformedPolicyDocument', 'Has prohibited field Resource, or is missing Principal.', 400);
    }
  }
  return policy;
}
