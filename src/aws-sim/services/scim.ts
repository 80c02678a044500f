/**
 * The Identity Center SCIM endpoint (`/scim/<tenant>/scim/v2/…`, REST JSON with a bearer token), read
 * side: GetUser, ListUsers, GetGroup, ListGroups, as AWS's "IAM Identity Center SCIM implementation"
 * documents them. Users report `active` from the Identity Store `UserStatus`.
 *
 * Paging follows AWS, not RFC 7644: `startIndex` is not supported (ignored); `count` is 1..100
 * (default 100); passing `cursor` (empty on the first call) switches the answer to cursor paging with
 * `nextCursor` while more results remain. Without `cursor` the answer is one page with `totalResults`.
 */
import { randomUUID } from 'node:crypto';
import type { IdentityCenter, SimState, SsoGroup, SsoUser } from '../state.ts';
import { enterpriseDocument } from './identitystore/common.ts';
import { encodeToken } from './pagination.ts';

export type ScimRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body?: string;
};
export type ScimResponse = { status: number; headers?: Record<string, string>; body: unknown };

const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
/** SCIM's enterprise user extension (RFC 7643 §4.3): the attributes Identity Store calls `aws:identitystore:enterprise`. */
const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const MAX_COUNT = 100;

class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function errorResponse(status: number, detail: string): ScimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: { schemas: [ERROR_SCHEMA], status: String(status), detail, exceptionRequestId: randomUUID(), timeStamp: new Date().toUTCString() },
  };
}

export function handleScimRequest(state: SimState, req: ScimRequest): ScimResponse {
  try {
    return route(state, req);
  } catch (error) {
    if (error instanceof ScimError) return errorResponse(error.status, error.message);
    throw error;
  }
}

function route(state: SimState, req: ScimRequest): ScimResponse {
  const at = req.path.indexOf('/scim/v2');
  const tenant = req.path.slice(0, at).replace(/^\/scim\//, '').replace(/^\//, '');
  const ic = state.identityCenter;
  if (at < 0 || !ic || (ic.scimTenantId !== undefined && tenant !== ic.scimTenantId)) {
    throw new ScimError(401, 'The SCIM endpoint tenant is unknown. Use the SCIM endpoint shown in IAM Identity Center settings.');
  }
  authenticate(ic, req.headers.authorization);
  const segments = req.path.slice(at + '/scim/v2'.length).split('/').filter(Boolean);
  if (req.method !== 'GET') throw new ScimError(400, `${req.method} is not supported by this SCIM endpoint; only reads (GET) are.`);
  const [resource, id, ...rest] = segments;
  if (rest.length > 0) throw new ScimError(404, `No SCIM resource at ${req.path}.`);
  if (resource === 'Users') return id ? ok(userResource(findUser(ic, id))) : ok(listUsers(ic, req.query));
  if (resource === 'Groups') return id ? ok(groupResource(findGroup(ic, id))) : ok(listGroups(ic, req.query));
  throw new ScimError(404, `No SCIM resource at ${req.path}.`);
}

function ok(body: unknown): ScimResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body };
}

function authenticate(ic: IdentityCenter, header: string | string[] | undefined): void {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  if (!match || !ic.scimTokens.has(match[1]!)) {
    throw new ScimError(401, 'The bearer token is missing, invalid or expired. Generate a SCIM access token in IAM Identity Center and send it as "Authorization: Bearer <token>".');
  }
}

function findUser(ic: IdentityCenter, id: string): SsoUser {
  const user = ic.users.get(id);
  if (!user) throw new ScimError(404, `User ${id} does not exist.`);
  return user;
}

function findGroup(ic: IdentityCenter, id: string): SsoGroup {
  const group = ic.groups.get(id);
  if (!group) throw new ScimError(404, `Group ${id} does not exist.`);
  return group;
}

function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function userResource(user: SsoUser) {
  const created = iso(user.createdAt);
  return {
    id: user.userId,
    externalId: user.externalIds?.[0]?.id,
    meta: { resourceType: 'User', created, lastModified: created },
    schemas: user.enterprise ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] : [USER_SCHEMA],
    userName: user.userName,
    name: { formatted: user.name.formatted, familyName: user.name.familyName, givenName: user.name.givenName },
    displayName: user.displayName,
    title: user.title,
    active: user.status === 'ENABLED',
    emails: user.emails.map((e) => ({ value: e.value, type: e.type, primary: e.primary })),
    ...(user.enterprise ? { [ENTERPRISE_USER_SCHEMA]: enterpriseDocument(user.enterprise) } : {}),
  };
}

function groupResource(group: SsoGroup) {
  const created = iso(group.createdAt);
  // AWS's SCIM GetGroup and ListGroups do not return members.
  return { id: group.groupId, meta: { resourceType: 'Group', created, lastModified: created }, schemas: [GROUP_SCHEMA], displayName: group.displayName };
}

/** `attribute eq "value"`, the one comparison AWS supports. */
function parseFilter(filter: string | null, supported: Record<string, true>): { attribute: string; value: string } | undefined {
  if (filter === null || filter.trim() === '') return undefined;
  const match = /^\s*([A-Za-z.]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  const attribute = match?.[1]?.toLowerCase();
  if (!match || !attribute || !supported[attribute]) {
    throw new ScimError(400, `Unsupported filter '${filter}'. Use <attribute> eq "<value>" with one of: ${Object.keys(supported).join(', ')}.`);
  }
  return { attribute, value: match[2]!.replace(/\\(.)/g, '$1') };
}

function pageCount(query: URLSearchParams): number {
  const raw = query.get('count');
  if (raw === null) return MAX_COUNT;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    throw new ScimError(400, `count must be an integer from 1 to ${MAX_COUNT}; got '${raw}'.`);
  }
  return count;
}

/** One page of `items` for AWS's two answer formats (with or without `cursor`). */
function listResponse<T, R>(items: T[], query: URLSearchParams, scope: string, render: (item: T) => R) {
  const count = pageCount(query);
  const cursor = query.get('cursor');
  if (cursor === null) {
    const page = items.slice(0, count);
    return { totalResults: items.length, itemsPerPage: page.length, startIndex: 1, schemas: [LIST_SCHEMA], Resources: page.map(render) };
  }
  const start = cursor === '' ? 0 : decodeCursor(cursor, scope);
  const page = items.slice(start, start + count);
  const next = start + count < items.length ? encodeToken(scope, start + count) : undefined;
  return { itemsPerPage: page.length, schemas: [LIST_SCHEMA], Resources: page.map(render), nextCursor: next };
}

function decodeCursor(cursor: string, scope: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { s?: unknown; o?: unknown };
    if (parsed.s === scope && typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // Answered below as an invalid cursor.
  }
  throw new ScimError(400, 'The cursor is not valid. Pass the nextCursor of the previous page of the same query, or an empty cursor to start.');
}

function listUsers(ic: IdentityCenter, query: URLSearchParams) {
  const filter = parseFilter(query.get('filter'), { username: true, externalid: true, id: true });
  const users = [...ic.users.values()].filter((u) => {
    if (!filter) return true;
    if (filter.attribute === 'username') return u.userName.toLowerCase() === filter.value.toLowerCase();
    if (filter.attribute === 'externalid') return u.externalIds?.some((e) => e.id === filter.value) ?? false;
    return u.userId === filter.value;
  });
  return listResponse(users, query, `scim:Users:${query.get('filter') ?? ''}`, userResource);
}

function listGroups(ic: IdentityCenter, query: URLSearchParams) {
  const filter = parseFilter(query.get('filter'), { displayname: true, id: true });
  const groups = [...ic.groups.values()].filter((g) => {
    if (!filter) return true;
    return filter.attribute === 'displayname' ? g.displayName === filter.value : g.groupId === filter.value;
  });
  return listResponse(groups, query, `scim:Groups:${query.get('filter') ?? ''}`, groupResource);
}
