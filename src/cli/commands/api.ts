import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { RrcuError } from '../../core/errors.ts';
import { CLI_ERRORS } from '../errors.ts';

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

type ApiFlags = { data?: string; dataFile?: string; url?: string };

function method(value: string): Method {
  const m = value.toUpperCase();
  if (!(METHODS as readonly string[]).includes(m)) throw new InvalidArgumentError(`expected one of ${METHODS.join(', ')}, got '${value}'.`);
  return m as Method;
}

/**
 * `rrcu api`: a running RRCU server's API with an API token, for scripts and for machines other than
 * the server's (the other commands open the store directly). Prints the JSON answer; an error answer
 * is printed as message and fix, with exit code 1.
 */
export function apiCommand(): Command {
  return new Command('api')
    .description('call the API of a running RRCU server with an API token (RRCU_TOKEN), e.g. `rrcu api GET "/api/access?person=alice@example.com"`')
    .argument('<method>', 'GET, POST, PATCH, PUT or DELETE', method)
    .argument('<path>', 'the API path with its query, e.g. /api/syncs (see /api/docs)')
    .option('--data <json>', 'the JSON body')
    .option('--data-file <file>', 'read the JSON body from a file')
    .option('--url <url>', 'the server (default RRCU_URL, else http://127.0.0.1:<RRCU_PORT or 8080>)')
    .action(async (verb: Method, path: string, flags: ApiFlags) => {
      const token = process.env.RRCU_TOKEN;
      if (!token) {
        throw new RrcuError(CLI_ERRORS.TOKEN_MISSING, 'RRCU_TOKEN is not set.', {
          fix: 'Create an API token (web UI: Settings → API tokens, or `rrcu admin create-token --name N --role R` on the server) and export it as RRCU_TOKEN.',
        });
      }
      if (!path.startsWith('/api/')) throw new RrcuError(CLI_ERRORS.INVALID_PATH, `The path ${JSON.stringify(path)} is not an API path.`, { fix: 'Give a path starting with /api/, e.g. /api/syncs.' });
      const base = flags.url ?? process.env.RRCU_URL ?? `http://127.0.0.1:${process.env.RRCU_PORT ?? '8080'}`;
      const body = flags.dataFile ? await readFile(flags.dataFile, 'utf8') : flags.data;
      if (body !== undefined) {
        try {
          JSON.parse(body);
        } catch (e) {
          throw new RrcuError(CLI_ERRORS.INVALID_JSON, `The body is not valid JSON: ${(e as Error).message}.`, { fix: 'Check the JSON given to --data or --data-file.' });
        }
      }
      let response: Response;
      try {
        response = await fetch(new URL(path, base), {
          method: verb,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(body !== undefined ? { body } : {}),
        });
      } catch (e) {
        throw new RrcuError(CLI_ERRORS.SERVER_UNREACHABLE, `No RRCU server answers at ${base} (${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}).`, {
          fix: 'Start it with `rrcu start`, or point RRCU_URL (or --url) at the server.',
          cause: e,
        });
      }
      const text = await response.text();
      if (!response.ok) {
        const error = parseError(text);
        // The server's error handler (and Fastify's zod provider with it) loads only when an answer is refused.
        const { kindForStatus } = await import('../../server/error-handler.ts');
        throw new RrcuError({ code: error?.code ?? `HTTP_${response.status}`, kind: kindForStatus(response.status) }, error?.message ?? `${verb} ${path} answered HTTP ${response.status}.`, error?.fix ? { fix: error.fix } : {});
      }
      if (text) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    });
}

function parseError(text: string): { code?: string; message?: string; fix?: string } | undefined {
  try {
    return (JSON.parse(text) as { error?: { code?: string; message?: string; fix?: string } }).error;
  } catch {
    return undefined;
  }
}
