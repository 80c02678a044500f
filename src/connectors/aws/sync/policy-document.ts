/**
 * IAM policy documents as the privileged rules (`privileged.ts`) read them: whatever form AWS hands
 * them over in — an object, JSON text (Identity Center's inline policies), or the URL-encoded JSON of
 * IAM's APIs — made into statements with their lists always arrays; and IAM's matching of action and
 * resource patterns. Pure: no I/O.
 */
import { decodePolicyDocument } from './iam-roles.ts';

export type PolicyStatement = {
  effect: 'Allow' | 'Deny';
  /** The statement's Action patterns, or with `notAction` its NotAction ones (what it leaves out). */
  actions: string[];
  notAction: boolean;
  /** Resource patterns, or with `notResource` the NotResource ones; a statement with neither has `notResource` and no patterns. */
  resources: string[];
  notResource: boolean;
  /** Carries a Condition: it holds only in some requests, which a document alone cannot tell. */
  conditional: boolean;
};

export type ReadPolicy = { readable: true; statements: PolicyStatement[] } | { readable: false; why: string };

/**
 * Reads a policy document. JSON is tried before URL-decoding, since JSON text may hold a `%` that is
 * not an escape ("100%" in a Condition). A statement IAM would refuse (no Effect, no Action) is left
 * out rather than guessed at; a document that is not a policy at all is unreadable, with why.
 */
export function readPolicyDocument(document: unknown): ReadPolicy {
  const parsed = parsePolicyDocument(document);
  if (parsed === undefined) return { readable: false, why: 'neither JSON nor URL-encoded JSON' };
  if (!isRecord(parsed)) return { readable: false, why: 'not a JSON object' };
  const statement = parsed.Statement;
  const entries = Array.isArray(statement) ? (statement as unknown[]) : isRecord(statement) ? [statement] : undefined;
  if (!entries) return { readable: false, why: 'no Statement' };
  return { readable: true, statements: entries.flatMap((s) => readStatement(s) ?? []) };
}

/** A document as an object (or whatever JSON it holds); undefined for text that is neither JSON nor IAM's URL-encoded JSON. */
export function parsePolicyDocument(document: unknown): unknown {
  return typeof document === 'string' ? parseText(document) : document;
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const decoded = decodePolicyDocument(text);
    // decodePolicyDocument hands back the text itself when it cannot decode it.
    return typeof decoded === 'string' ? undefined : decoded;
  }
}

function readStatement(raw: unknown): PolicyStatement | undefined {
  if (!isRecord(raw) || (raw.Effect !== 'Allow' && raw.Effect !== 'Deny')) return undefined;
  const notAction = raw.Action === undefined && raw.NotAction !== undefined;
  const actions = patterns(notAction ? raw.NotAction : raw.Action);
  if (actions.length === 0 && !notAction) return undefined;
  // Identity policies must name a Resource; one without is read as every resource: broad for an Allow,
  // and (being a NotResource) never decisive for a Deny.
  const notResource = raw.Resource === undefined;
  return {
    effect: raw.Effect,
    actions,
    notAction,
    resources: patterns(notResource ? raw.NotResource : raw.Resource),
    notResource,
    conditional: isRecord(raw.Condition) && Object.keys(raw.Condition).length > 0,
  };
}

function patterns(value: unknown): string[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.filter((p): p is string => typeof p === 'string' && p.length > 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Compiled patterns: a sync matches the same few hundred patterns against every role's statements.
 * Emptied when full, so a stream of distinct patterns cannot grow it without bound.
 */
const compiled = new Map<string, RegExp>();
const COMPILED_LIMIT = 10_000;

/** IAM's wildcards: `*` any run of characters, `?` one; action names ignore case, as IAM does. */
export function matchesPattern(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    if (compiled.size >= COMPILED_LIMIT) compiled.clear();
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    regex = new RegExp(`^${source}$`, 'is');
    compiled.set(pattern, regex);
  }
  return regex.test(value);
}

/** The pattern grants every action of every service: `*`, `*:*`. */
export function coversEveryAction(pattern: string): boolean {
  return /^\*+(:\*+)?$/.test(pattern);
}

/** The pattern grants every action of `service` (`iam:*`, `*`), not only some (`iam:*Policy*`, `iam:Get*`). */
export function coversService(pattern: string, service: string): boolean {
  if (coversEveryAction(pattern)) return true;
  const colon = pattern.indexOf(':');
  return colon > 0 && matchesPattern(pattern.slice(0, colon), service) && /^\*+$/.test(pattern.slice(colon + 1));
}

/** The pattern may match some action of `service`: `iam:Get*`, `i*:*`, `*`. */
export function touchesService(pattern: string, service: string): boolean {
  const colon = pattern.indexOf(':');
  return colon < 0 ? /^\*+$/.test(pattern) : matchesPattern(pattern.slice(0, colon), service);
}

/** STS acts on IAM's roles, so its resources are IAM ARNs. */
const RESOURCE_SERVICE: Readonly<Record<string, string>> = { sts: 'iam' };

/**
 * The Resource pattern covers every resource an action of `service` acts on: `*`, or an ARN of that
 * service whose resource part is all of one type or all of them (`arn:aws:iam::*:role/*`, `…:*`).
 * A narrower one (`role/deploy-*`) is a bounded grant, not judged here.
 */
export function coversResourcesOf(resource: string, service: string): boolean {
  if (/^\*+$/.test(resource)) return true;
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  const target = RESOURCE_SERVICE[service.toLowerCase()] ?? service;
  return matchesPattern(parts[2] ?? '', target) && /^(\*+|[^*?/:]+[/:]\*+)$/.test(parts.slice(5).join(':'));
}
