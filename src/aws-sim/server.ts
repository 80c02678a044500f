/**
 * The simulator's HTTP front. One endpoint serves every client: the service comes from the SigV4
 * credential scope and, for JSON services, `X-Amz-Target`; `/scim/v2` paths go to the SCIM handler and
 * `/_sim/` paths to the admin API. For AWS calls the order is AWS's: authenticate, throttle, authorize
 * (inside the handler, through `ctx.authorize`), act; injected faults and latency come first, as a
 * slow or broken network would.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { handleAdminRequest } from './admin.ts';
import type { AdminApi } from './admin.ts';
import { authenticate } from './auth.ts';
import type { FaultRegistry } from './faults.ts';
import { decide, denialMessage } from './policy.ts';
import { JSON_CONTENT_TYPE, jsonErrorBody, jsonResultBody, parseTarget } from './protocols/aws-json.ts';
import { parseQueryRequest, queryErrorXml, queryResultXml } from './protocols/aws-query.ts';
import { FrontError, QUERY_NAMESPACES, accessDenied, frontError, isQueryService } from './protocols/errors.ts';
import type { RateLimiter } from './rate-limit.ts';
import { AwsError } from './service.ts';
import type { CallContext, HandlerOptions, ServiceDefinition, ServiceName } from './service.ts';
import type { ScimRequest, ScimResponse } from './services/scim.ts';
import type { SimState } from './state.ts';

export type ScimHandler = (state: SimState, request: ScimRequest) => ScimResponse | Promise<ScimResponse>;

/** The simulated clock: real time plus whatever tests have advanced it by. */
export class SimClock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export type SimulatorRuntime = {
  state: SimState;
  services: Partial<Record<ServiceName, ServiceDefinition>>;
  scim?: ScimHandler;
  faults: FaultRegistry;
  rateLimiter: RateLimiter;
  clock: SimClock;
  handlerOptions: HandlerOptions;
  latencyMs: number;
  verifySignatures: boolean;
  admin: AdminApi;
};

type AwsRoute = { service: ServiceName; operation: string; json: boolean; input: Record<string, unknown> };

export function createSimulatorServer(runtime: SimulatorRuntime): Server {
  return createServer((req, res) => {
    handle(runtime, req, res).catch((error: unknown) => {
      // Only a bug in the simulator itself lands here; answer like an AWS internal error.
      console.error('aws-sim: unexpected error', error);
      if (!res.headersSent) send(res, 500, { 'content-type': 'text/plain' }, 'Internal simulator error');
    });
  });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function handle(runtime: SimulatorRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  // AWS's Date header carries its clock; the SDK reads it to correct a client's clock skew, so it is
  // the simulated clock here, not the host's.
  res.setHeader('date', new Date(runtime.clock.now()).toUTCString());
  const url = new URL(req.url ?? '/', 'http://simulator');
  const body = await readBody(req);
  if (url.pathname.startsWith('/_sim/')) {
    const answer = await handleAdminRequest(runtime.admin, req.method ?? 'GET', url.pathname, body.toString('utf8'));
    send(res, answer.status, { 'content-type': 'application/json', 'x-amzn-RequestId': requestId }, JSON.stringify(answer.body));
    return;
  }
  if (url.pathname.includes('/scim/v2')) return handleScim(runtime, req, res, url, body, requestId);

  const routed = routeOf(req, body);
  if ('error' in routed) {
    writeError(res, routed.json, routed.service, routed.error, requestId);
    return;
  }
  const route = routed;
  const operationKey = `${route.service}:${route.operation}`;
  if (runtime.faults.take(operationKey, ['drop'])) {
    req.socket.destroy();
    return;
  }
  const delay = runtime.faults.take(operationKey, ['delay']);
  if (delay?.delayMs) await sleep(delay.delayMs);
  if (runtime.latencyMs > 0) await sleep(runtime.latencyMs);

  try {
    const result = await invoke(runtime, req, url, body, route, requestId);
    if (route.json) {
      send(res, 200, { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-RequestId': requestId }, jsonResultBody(result));
    } else {
      const xml = queryResultXml(route.operation, QUERY_NAMESPACES[route.service]!, result, requestId);
      send(res, 200, { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId }, xml);
    }
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    writeError(res, route.json, route.service, error, requestId);
  }
}

async function invoke(runtime: SimulatorRuntime, req: IncomingMessage, url: URL, body: Buffer, route: AwsRoute, requestId: string): Promise<unknown> {
  const { state, clock } = runtime;
  const now = clock.now();
  const { caller, region } = await authenticate(
    state,
    route.service,
    { method: req.method ?? 'POST', path: url.pathname, query: url.searchParams, headers: req.headers, body },
    { verifySignatures: runtime.verifySignatures, now },
  );
  if (!runtime.rateLimiter.take(route.service, caller.accountId, now)) throw frontError(route.service, 'throttled');
  const operationKey = `${route.service}:${route.operation}`;
  if (runtime.faults.take(operationKey, ['throttle'])) throw frontError(route.service, 'throttled');
  const serverError = runtime.faults.take(operationKey, ['server-error']);
  if (serverError) throw frontError(route.service, serverError.status === 503 ? 'service-unavailable' : 'internal-failure');

  const handler = runtime.services[route.service]?.operations[route.operation];
  if (!handler) throw frontError(route.service, 'unknown-operation', route.operation);
  const ctx: CallContext = {
    state,
    caller,
    region,
    service: route.service,
    operation: route.operation,
    requestId,
    options: runtime.handlerOptions,
    now: () => clock.now(),
    authorize(action: string, resource = '*') {
      const decision = decide(state, caller.key, action, resource);
      if (decision !== 'allow') throw accessDenied(route.service, denialMessage(caller.arn, action, resource, decision));
    },
  };
  return handler(ctx, route.input);
}

const SIGNING_NAMES: Record<string, ServiceName> = { iam: 'iam', sts: 'sts', organizations: 'organizations', identitystore: 'identitystore', sso: 'sso' };

type RouteFailure = { json: boolean; service: ServiceName; error: AwsError };

/** Which service and operation a request is for, with its parsed input, or the error to answer with when that cannot be told. */
function routeOf(req: IncomingMessage, body: Buffer): AwsRoute | RouteFailure {
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
  const signedFor = scope ? SIGNING_NAMES[scope] : undefined;
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string' || String(req.headers['content-type'] ?? '').includes('x-amz-json')) {
    const parsed = typeof target === 'string' ? parseTarget(target) : undefined;
    const service = parsed?.service ?? signedFor ?? 'organizations';
    if (!parsed) return routeError(true, service, frontError(service, 'unknown-operation', String(target ?? '')));
    let input: Record<string, unknown>;
    try {
      input = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as Record<string, unknown>);
    } catch {
      return routeError(true, service, new FrontError('SerializationException', 'The request body is not valid JSON.', 400));
    }
    return { service: parsed.service, operation: parsed.operation, json: true, input };
  }
  const query = parseQueryRequest(body.toString('utf8'));
  const service: ServiceName = signedFor === 'sts' || (signedFor === undefined && query.version === '2011-06-15') ? 'sts' : 'iam';
  if (!query.action) return routeError(false, service, new FrontError('MissingAction', 'Missing Action', 400));
  return { service, operation: query.action, json: false, input: query.input };
}

function routeError(json: boolean, service: ServiceName, error: AwsError): RouteFailure {
  return { json, service, error };
}

function writeError(res: ServerResponse, json: boolean, service: ServiceName, error: AwsError, requestId: string): void {
  if (json || !isQueryService(service)) {
    send(
      res,
      error.status,
      { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': error.code },
      jsonErrorBody(error.code, error.message, error.fields, error instanceof FrontError),
    );
    return;
  }
  send(res, error.status, { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId }, queryErrorXml(QUERY_NAMESPACES[service]!, error.code, error.message, error.status, requestId));
}

async function handleScim(runtime: SimulatorRuntime, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, requestId: string): Promise<void> {
  const operationKey = `scim:${req.method ?? 'GET'}`;
  if (runtime.faults.take(operationKey, ['drop'])) {
    req.socket.destroy();
    return;
  }
  const delay = runtime.faults.take(operationKey, ['delay']);
  if (delay?.delayMs) await sleep(delay.delayMs);
  const scimJson = { 'content-type': 'application/scim+json', 'x-amzn-RequestId': requestId };
  const tenant = url.pathname.slice(0, url.pathname.indexOf('/scim/v2'));
  if (!runtime.rateLimiter.take('scim', tenant, runtime.clock.now()) || runtime.faults.take(operationKey, ['throttle'])) {
    send(res, 429, scimJson, JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429', detail: 'Too many requests. Slow down and retry.' }));
    return;
  }
  if (!runtime.scim) {
    send(res, 404, scimJson, JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'This simulator has no SCIM endpoint.' }));
    return;
  }
  const answer = await runtime.scim(runtime.state, { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: body.toString('utf8') });
  const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  send(res, answer.status, { ...scimJson, ...answer.headers }, text);
}
