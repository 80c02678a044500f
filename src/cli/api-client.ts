import { COMMON_ERRORS, RrcuError } from '../core/errors.ts';
import { CONNECTOR_ERRORS } from '../connectors/errors.ts';
import { CLI_ERRORS } from './errors.ts';

/** A running RRCU server and the API token to call it with. */
export type ApiTarget = { url: string; token: string };

/** RRCU_TOKEN, or the refusal saying where to get one. */
export function apiToken(): string {
  const token = process.env.RRCU_TOKEN;
  if (!token) {
    throw new RrcuError(CLI_ERRORS.TOKEN_MISSING, 'RRCU_TOKEN is not set.', {
      fix: 'Create an API token (web UI: Settings → API tokens, or `rrcu admin create-token --name N --role R` on the server) and export it as RRCU_TOKEN.',
    });
  }
  return token;
}

/**
 * The server the read commands (`access`, `diff`, `runs`, `tasks`) use instead of opening the store:
 * RRCU_URL's, when it is set (a token is then required), so they work while `rrcu start` holds the
 * embedded store or on another machine. Says on stderr where the answer comes from, since stdout is the answer.
 */
export function readTarget(): ApiTarget | undefined {
  const url = process.env.RRCU_URL;
  if (!url) return undefined;
  const target = { url: serverUrl(url, 'RRCU_URL'), token: apiToken() };
  process.stderr.write(`Reading through the API of ${url} (RRCU_URL).\n`);
  return target;
}

/** The server's address, checked: a mistyped one is named with its source rather than failing in fetch. */
export function serverUrl(value: string, source: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new RrcuError(CLI_ERRORS.SERVER_URL_INVALID, `${source}=${JSON.stringify(value)} is not an http:// or https:// URL.`, {
      fix: `Set ${source} to the address of a running RRCU server, e.g. http://127.0.0.1:8080.`,
    });
  }
  return value;
}

/** Calls the API; an error answer throws its code, message and fix. Answers the body's text. */
export async function callApi(target: ApiTarget, method: string, path: string, body?: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(new URL(path, target.url), {
      method,
      headers: { authorization: `Bearer ${target.token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
  } catch (e) {
    throw new RrcuError(CLI_ERRORS.SERVER_UNREACHABLE, `No RRCU server answers at ${target.url} (${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}).`, {
      fix: 'Start it with `rrcu start`, or point RRCU_URL (or --url) at the server.',
      cause: e,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    const error = parseError(text);
    // The server's error handler (and Fastify's zod provider with it) loads only when an answer is refused.
    const { kindForStatus } = await import('../server/error-handler.ts');
    throw new RrcuError({ code: error?.code ?? `HTTP_${response.status}`, kind: kindForStatus(response.status) }, error?.message ?? `${method} ${path} answered HTTP ${response.status}.`, error?.fix ? { fix: error.fix } : {});
  }
  return text;
}

/** GET `path` with `query` (unset values left out), parsed as JSON of the route's documented shape. */
export async function getApi<T>(target: ApiTarget, path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const search = params.size > 0 ? `?${params}` : '';
  return JSON.parse(await callApi(target, 'GET', `${path}${search}`)) as T;
}

/** A connector's id from its name or id, as `app.connectors.find` answers it in the store. */
export async function connectorIdThroughApi(target: ApiTarget, nameOrId: string): Promise<string> {
  const { items } = await getApi<{ items: { id: string; name: string; archivedAt: string | null }[] }>(target, '/api/connectors');
  const byId = items.find((c) => c.id === nameOrId);
  const named = items.filter((c) => c.name === nameOrId);
  const found = byId ?? named.find((c) => c.archivedAt === null) ?? (named.length === 1 ? named[0] : undefined);
  if (found) return found.id;
  if (named.length > 1) throw new RrcuError(COMMON_ERRORS.AMBIGUOUS, `${named.length} archived connectors were named ${JSON.stringify(nameOrId)}: ${named.map((c) => c.id).join(', ')}.`, { fix: 'Give the id of the one you mean.' });
  const live = items.filter((c) => c.archivedAt === null).map((c) => c.name);
  throw new RrcuError(CONNECTOR_ERRORS.CONNECTOR_NOT_FOUND, `No connector named ${JSON.stringify(nameOrId)}.`, {
    fix: live.length > 0 ? `Known connectors: ${live.join(', ')}.` : 'Add one with `rrcu connector add aws …`.',
  });
}

function parseError(text: string): { code?: string; message?: string; fix?: string } | undefined {
  try {
    return (JSON.parse(text) as { error?: { code?: string; message?: string; fix?: string } }).error;
  } catch {
    return undefined;
  }
}
