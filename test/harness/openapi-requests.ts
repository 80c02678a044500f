/**
 * Requests built from the OpenAPI document, for the API fuzz test: each operation, each of its inputs
 * (path and query parameters, body fields at any depth, plus an unknown query parameter and prototype keys
 * in every body object), and a request that is valid except for one input set to a hostile value. Routes
 * are read from the document, so a route added later is fuzzed without naming it here.
 */
import fc from 'fast-check';
import { urlText, type Hostile } from './hostile-input.ts';

export type JsonSchema = {
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  exclusiveMinimum?: boolean;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

type Parameter = { in: 'path' | 'query' | 'header' | 'cookie'; name: string; required?: boolean; schema?: JsonSchema };

export type Operation = {
  method: string;
  /** The OpenAPI path, `/api/connectors/{id}`. */
  path: string;
  /** The Fastify route, `/api/connectors/:id`, as the server's route list names it. */
  route: string;
  params: Parameter[];
  body: JsonSchema | undefined;
  /** How the body is sent: JSON, or a form (Slack's interactions) whose non-text values go as JSON text. */
  bodyType: 'json' | 'form';
};

/**
 * One input of an operation; `label` is how the error names it (`querystring.person`, `body.config.roleArn`);
 * `declared` is false for inputs the document does not describe (an unexpected parameter, an unknown key, the body as a whole).
 */
export type Target = { where: 'path' | 'query' | 'body'; key: (string | number)[]; label: string; schema: JsonSchema | undefined; declared: boolean };

export type OpenApiDocument = { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const FORM = 'application/x-www-form-urlencoded';

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (path.startsWith('/api/docs')) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      ops.push({
        method: method.toUpperCase(),
        path,
        route: path.replace(/\{(\w+)\}/g, ':$1'),
        params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema ?? op.requestBody?.content?.[FORM]?.schema,
        bodyType: op.requestBody?.content?.[FORM] && !op.requestBody.content['application/json'] ? 'form' : 'json',
      });
    }
  }
  return ops;
}

/** A schema with its unions and intersections flattened: every property any branch may have. */
function flatten(schema: JsonSchema): JsonSchema {
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].map(flatten);
  if (branches.length === 0) return schema;
  const properties = Object.assign({}, schema.properties, ...branches.map((b) => b.properties ?? {})) as Record<string, JsonSchema>;
  return { ...branches[0], ...schema, properties, required: schema.required ?? branches[0]!.required ?? [] };
}

function bodyTargets(schema: JsonSchema, key: (string | number)[]): Target[] {
  const s = flatten(schema);
  const here: Target = { where: 'body', key, label: ['body', ...key].join('.'), schema: s, declared: key.length > 0 };
  const targets = [here];
  if (s.properties) {
    for (const extra of ['__proto__', 'constructor', 'unknownField']) targets.push({ where: 'body', key: [...key, extra], label: ['body', ...key, extra].join('.'), schema: undefined, declared: false });
    for (const [name, child] of Object.entries(s.properties)) targets.push(...bodyTargets(child, [...key, name]));
  }
  if (s.items) targets.push(...bodyTargets(s.items, [...key, 0]));
  return targets;
}

export function targetsOf(op: Operation): Target[] {
  const targets: Target[] = op.params.map((p) => ({
    where: p.in as 'path' | 'query',
    key: [p.name],
    label: `${p.in === 'path' ? 'params' : 'querystring'}.${p.name}`,
    schema: p.schema,
    declared: true,
  }));
  // Every route, even one that takes no input, gets a query parameter it does not expect.
  targets.push({ where: 'query', key: ['unexpected'], label: 'querystring.unexpected', schema: undefined, declared: false });
  if (op.body) targets.push(...bodyTargets(op.body, []));
  return targets;
}

/**
 * A value the schema accepts: `known` by field name first (ids of the seeded world), else derived from
 * the schema. An object gets its required properties, and the optional ones the world knows a value for
 * (rules across fields, which the document cannot express, need them).
 */
export function validValue(schema: JsonSchema, name: string, known: Record<string, unknown>): unknown {
  if (name in known) return known[name];
  const s = flatten(schema);
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  switch (s.type) {
    case 'integer':
    case 'number':
      return Math.max(1, (s.minimum ?? 1) + (s.exclusiveMinimum ? 1 : 0));
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return Object.fromEntries(
        Object.entries(s.properties ?? {})
          .filter(([k]) => s.required?.includes(k) || k in known)
          .map(([k, child]) => [k, validValue(child, k, known)]),
      );
    default:
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (s.format === 'date-time') return new Date().toISOString();
      if (s.format === 'uri') return 'https://example.com/';
      if (s.format === 'email') return 'fuzz@example.com';
      if (s.pattern) return fc.sample(fc.stringMatching(new RegExp(s.pattern)), { seed: 1, numRuns: 1 })[0];
      return 'fuzz';
  }
}

/** An id no row has, of the type the path wants: a request that changes something by id then changes nothing. */
function idOfNothing(schema: JsonSchema | undefined): string {
  const s = flatten(schema ?? {});
  if (s.type === 'integer' || s.type === 'number') return '2147483647';
  return s.format === 'uuid' ? '00000000-0000-4000-8000-000000000000' : 'nothing-has-this-id';
}

/** Sets `value` at `key` inside `root`, creating objects and arrays on the way; `__proto__` becomes an own key, as JSON.parse would make it. */
function setAt(root: unknown, key: (string | number)[], value: unknown): unknown {
  if (key.length === 0) return value;
  const [head, ...rest] = key;
  const container = (root && typeof root === 'object' ? root : typeof head === 'number' ? [] : {}) as Record<string | number, unknown>;
  Object.defineProperty(container, head!, { value: setAt(container[head!], rest, value), enumerable: true, writable: true, configurable: true });
  return container;
}

export type BuiltRequest = { method: string; url: string; payload: string | undefined; contentType: string };

/**
 * The operation's request with every required input valid (`pathValues` for the path, else an id of
 * nothing; `known` by field name, else from the schema) and, when given, `target` set to `value`.
 */
export function buildRequest(op: Operation, pathValues: Record<string, string>, known: Record<string, unknown>, target?: Target, value?: Hostile): BuiltRequest {
  let path = op.path;
  const query: string[] = [];
  for (const p of op.params) {
    const hit = target && target.where === p.in && target.key[0] === p.name ? value : undefined;
    if (p.in === 'path') {
      path = path.replace(`{${p.name}}`, hit ? urlText(hit) : encodeURIComponent(pathValues[p.name] ?? idOfNothing(p.schema)));
    } else if (hit) {
      // An array in a query string is the same parameter repeated.
      const values = Array.isArray(hit.json) && hit.raw === undefined ? hit.json.map((json) => ({ json })) : [hit];
      for (const v of values) query.push(`${p.name}=${urlText(v)}`);
    } else if (p.required || p.name in known) {
      query.push(`${p.name}=${encodeURIComponent(String(validValue(p.schema ?? {}, p.name, known)))}`);
    }
  }
  if (target?.where === 'query' && !op.params.some((p) => p.in === 'query' && p.name === target.key[0])) query.push(`${target.key[0]}=${urlText(value!)}`);
  let body = op.body ? validValue(op.body, '', known) : undefined;
  if (target?.where === 'body') body = setAt(body, target.key, value!.json);
  const url = query.length ? `${path}?${query.join('&')}` : path;
  if (op.bodyType === 'form') return { method: op.method, url, payload: body === undefined ? undefined : formOf(body), contentType: FORM };
  return { method: op.method, url, payload: body === undefined ? undefined : JSON.stringify(body), contentType: 'application/json' };
}

/** A body as a form: each top-level field once, text as it is and any other value as its JSON; a body that is not an object is sent as it is. */
function formOf(body: unknown): string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return typeof body === 'string' ? body : JSON.stringify(body);
  return new URLSearchParams(Object.entries(body).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')])).toString();
}

/**
 * What a form field set to `value` holds at the server: its text (JSON for anything else) after the form's
 * UTF-8 percent-encoding, which turns a lone surrogate into U+FFFD. A form can carry NUL, never a lone surrogate.
 */
export function formFieldAsReceived(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return new URLSearchParams(new URLSearchParams([['v', text]]).toString()).get('v') ?? '';
}
