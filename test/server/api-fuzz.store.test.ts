import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { AccessRecord } from '../../src/access/index.ts';
import { mapConcurrent } from '../../src/core/concurrency.ts';
import { APP_ROLES, type AppRole } from '../../src/identity/index.ts';
import { allows, type Access } from '../../src/server/auth/access.ts';
import { BODY_CATALOGUE, holdsUnstorableText, hostileValue, textInUrl, UNDECLARED_CATALOGUE, URL_CATALOGUE, type Hostile } from '../harness/hostile-input.ts';
import { buildRequest, formFieldAsReceived, operationsOf, targetsOf, type BuiltRequest, type OpenApiDocument, type Operation, type Target } from '../harness/openapi-requests.ts';
import { describeStore } from '../harness/store-test.ts';
import { startTestServer, type TestServer } from '../../harness/server.ts';

type Caller = AppRole | 'anonymous';
const CALLERS: readonly Caller[] = ['anonymous', ...APP_ROLES];

// Fixed, so a failure seen in CI is the same failure on a laptop; the catalogue runs on every input, these add generated values.
const SEED = 20_261_204;
const GENERATED_RUNS_PER_INPUT = 3;
// Inputs fuzzed at once: requests overlap in the server and the database as they would in use.
const CONCURRENT_INPUTS = 4;

/**
 * Every route of the OpenAPI document × every input × hostile values × every role: no 5xx, every 4xx in
 * the error shape, and text PostgreSQL cannot store refused with a 400 naming the field. Routes come from
 * the document, so a route added later is fuzzed without being named here.
 *
 * What it leaves alone, so that no request changes the world the next ones see: requests that change
 * something by id (PATCH, DELETE, POST /x/{id}/…: archive, purge, sync, test, reset-password, revoke)
 * go to ids that exist nowhere, so a connector is never archived or purged, a user never demoted, a
 * token never revoked; their schemas and handlers still meet the hostile inputs, up to the lookup that
 * answers 404. Creating routes (connectors, tokens, local users, tasks) do create what passes. Reading
 * routes get the ids of the seeded world, so the hostile input meets real rows.
 */
describeStore('the API under hostile input, every route from the OpenAPI document', (store) => {
  let t: TestServer;
  let operations: Operation[];
  let accessOf: Map<string, Access>;
  let known: Record<string, unknown>;
  let knownByRoute: Record<string, () => Record<string, unknown>>;
  /** The values by name for one operation's request, fresh each time (a request puts its hostile value inside them). */
  const knownFor = (op: Operation) => ({ ...known, ...knownByRoute[`${op.method} ${op.route}`]?.() });
  const pathValues = new Map<string, Record<string, string>>();
  const headers = new Map<Caller, Record<string, string>>();
  let requests = 0;

  beforeAll(async () => {
    t = await startTestServer(store(), { sim: { seed: 7, accounts: 2, users: 6, groups: 2, permissionSets: 2, iamUsersPerAccount: 1 } });
    const outcome = await t.app.syncs.runNow(t.connector!.id, 'system');
    expect(outcome.run.status).toBe('succeeded');
    for (const caller of CALLERS) headers.set(caller, caller === 'anonymous' ? {} : await t.as(caller));
    operations = operationsOf((await t.server.inject({ method: 'GET', url: '/api/docs/json' })).json<OpenApiDocument>());
    accessOf = new Map(t.routes.map((r) => [`${r.method} ${r.url}`, r.access]));
    // Values for inputs by name, so that requests get past lookups to the code behind them: a grant of a membership someone holds.
    const access = await t.server.inject({ method: 'GET', url: '/api/access?limit=5000', headers: headers.get('super_admin') });
    const membership = access.json<{ items: AccessRecord[] }>().items.find((r) => r.entitlement === 'member' && r.resourceName);
    expect(membership).toBeDefined();
    // An account and a person, so setting an owner gets past its lookups (resourceType's first value is `account`).
    const account = access.json<{ items: AccessRecord[] }>().items.find((r) => r.resourceType === 'account');
    const person = (await t.server.inject({ method: 'GET', url: '/api/people?limit=1', headers: headers.get('super_admin') })).json<{ items: { id: string }[] }>().items[0];
    expect(account && person).toBeDefined();
    known = {
      connectorId: t.connector!.id,
      connector: t.connector!.id,
      entitlement: `member of ${membership!.resourceName}`,
      principal: membership!.principalId,
      resourceId: account!.resourceId,
      personId: person!.id,
      // A review campaign's plan (one stage, the owner, then this person) and an item list, so requests get past the schema's minimums;
      // fresh on each read, since a request puts its hostile value inside the body it was given.
      get stages() {
        return [{ policies: [{ kind: 'owner' }] }];
      },
      fallbackPersonId: person!.id,
      get itemIds() {
        return ['00000000-0000-4000-8000-000000000000'];
      },
      // An evidence pack's parameters as its first kind (campaign) reads them; the pack is only asked for here (no workers make it).
      get parameters() {
        return { campaignId: '00000000-0000-4000-8000-000000000000' };
      },
      // A request policy's document (applied and previewed): a group membership made requestable, approved by a Super Administrator.
      get requestable() {
        return [{ kind: 'sso_group', group: membership!.resourceName }];
      },
      get approvalSteps() {
        return [{ approvers: [{ kind: 'rrcu_role', role: 'super_admin' }] }];
      },
    };
    // Where a field of one name means something else on one route: an access request's `entitlement` is an object, a task's the text of one.
    knownByRoute = {
      'POST /api/requests': () => ({ entitlement: { kind: 'sso_group', group: membership!.resourceName } }),
    };
    // A reading route's `{id}` is the first item its collection lists (GET /api/syncs for /api/syncs/{id}).
    for (const op of operations) {
      if (op.method !== 'GET' || !op.path.includes('{id}')) continue;
      const list = await t.server.inject({ method: 'GET', url: op.path.slice(0, op.path.indexOf('/{id}')), headers: headers.get('super_admin') });
      const first = list.statusCode === 200 ? list.json<{ items?: { id: string | number }[] }>().items?.[0] : undefined;
      if (first) pathValues.set(`GET ${op.path}`, { id: String(first.id) });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  /**
   * `input` numbers the input under fuzz: its requests come from an address of their own, so the sign-in
   * limiter lets each input's first attempts through to the password check and refuses the rest (429)
   * without a 32 MiB scrypt each, and no input's attempts lock out another's.
   */
  async function send(request: BuiltRequest, caller: Caller, input = 0) {
    requests++;
    const remoteAddress = `10.${(input >> 16) & 255}.${(input >> 8) & 255}.${input & 255}`;
    return t.server.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: { ...headers.get(caller), ...(request.payload === undefined ? {} : { 'content-type': request.contentType }) },
      remoteAddress,
      ...(request.payload === undefined ? {} : { payload: request.payload }),
    });
  }

  /** What is wrong with the answer, or undefined. */
  function problemWith(op: Operation, target: Target, value: Hostile, caller: Caller, res: { statusCode: number; body: string }): string | undefined {
    let fields: { field: string }[] = [];
    if (res.statusCode >= 500) return `${res.statusCode}: ${res.body.slice(0, 300)}`;
    if (res.statusCode >= 400) {
      let body: { error?: { code?: unknown; message?: unknown; fields?: { field: string }[] } } | undefined;
      try {
        body = JSON.parse(res.body);
      } catch {
        return `${res.statusCode} without a JSON body: ${res.body.slice(0, 200)}`;
      }
      if (typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string') return `${res.statusCode} not in the error shape: ${res.body.slice(0, 200)}`;
      fields = body.error.fields ?? [];
    }
    // Malformed percent-encodings, and text PostgreSQL cannot store (NUL, lone surrogates), are refused with
    // a 400, naming the field once a route is matched (a malformed path is refused before any route is).
    const sent = target.where !== 'body' ? textInUrl(value) : op.bodyType === 'form' ? formFieldAsReceived(value.json) : value.json;
    const refusable = value.raw !== undefined || holdsUnstorableText(sent);
    const reachesValidation = allows(accessOf.get(`${op.method} ${op.route}`)!, caller === 'anonymous' ? undefined : caller);
    // Prototype keys are refused by the JSON parser before any field is looked at, with its own 400.
    const isPrototypeKey = target.key.includes('__proto__') || target.key.includes('constructor');
    if (refusable && reachesValidation && !isPrototypeKey) {
      // The field itself, or a field inside it (`body.owners.0` for `body.owners`).
      const named = target.where === 'path' || fields.some((f) => f.field === target.label || f.field.startsWith(`${target.label}.`));
      if (res.statusCode !== 400 || !named) return `not refused with a 400 naming ${target.label}: ${res.statusCode} ${res.body.slice(0, 200)}`;
    }
    return undefined;
  }

  test('the document lists routes with inputs, and each valid request gets past validation', async () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(operations.flatMap(targetsOf).length).toBeGreaterThan(operations.length);
    for (const op of operations) {
      expect(accessOf.has(`${op.method} ${op.route}`), `${op.method} ${op.route} is in the document but not served`).toBe(true);
      const res = await send(buildRequest(op, pathValues.get(`${op.method} ${op.path}`) ?? {}, knownFor(op)), 'super_admin');
      // A baseline the schema refuses would keep the hostile values away from the handler.
      expect(res.body, `${op.method} ${op.path}`).not.toContain('INVALID_INPUT');
      expect(res.statusCode, `${op.method} ${op.path}: ${res.body}`).toBeLessThan(500);
    }
  });

  test('no hostile input gets a 5xx; every 4xx is in the error shape; NUL and lone surrogates are a 400 naming the field', { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    let serverErrors = 0;
    const inputs = operations.flatMap((op) => targetsOf(op).map((target) => ({ op, target })));
    await mapConcurrent(inputs, CONCURRENT_INPUTS, async ({ op, target }, input) => {
      const allowed = CALLERS.filter((c) => allows(accessOf.get(`${op.method} ${op.route}`)!, c === 'anonymous' ? undefined : c));
      // The catalogue on every input, each value as one of the roles that get past the role check (in turn).
      const catalogue = !target.declared ? UNDECLARED_CATALOGUE : target.where === 'body' ? BODY_CATALOGUE : URL_CATALOGUE;
      const examples = catalogue.map((value, i): [Caller, Hostile] => [allowed[i % allowed.length]!, value]);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...CALLERS), hostileValue, async (caller, value) => {
          const request = buildRequest(op, pathValues.get(`${op.method} ${op.path}`) ?? {}, knownFor(op), target, value);
          const res = await send(request, caller, input + 1);
          const problem = problemWith(op, target, value, caller, res);
          if (res.statusCode >= 500) serverErrors++;
          if (problem) problems.push(`${request.method} ${request.url.slice(0, 160)} [${target.label} = ${JSON.stringify(value.raw ?? value.json)?.slice(0, 60)}] as ${caller}: ${problem}`);
        }),
        // examples count towards numRuns: the generated values come after the whole catalogue.
        { seed: SEED, numRuns: examples.length + GENERATED_RUNS_PER_INPUT, examples },
      );
    });
    process.stdout.write(`api fuzz: ${requests} requests on ${inputs.length} inputs of ${operations.length} operations, ${serverErrors} answered 5xx, ${problems.length} problems\n`);
    expect(problems.slice(0, 40), `${problems.length} problems`).toEqual([]);
  });
});
