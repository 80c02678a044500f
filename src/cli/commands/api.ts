import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { RrcuError } from '../../core/errors.ts';
import { apiToken, callApi, serverUrl } from '../api-client.ts';
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
 * the server's (`access`, `diff`, `runs` and `tasks` call it too when RRCU_URL is set; the other commands open the store). Prints the JSON answer; an error answer
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
      const token = apiToken();
      if (!path.startsWith('/api/')) throw new RrcuError(CLI_ERRORS.INVALID_PATH, `The path ${JSON.stringify(path)} is not an API path.`, { fix: 'Give a path starting with /api/, e.g. /api/syncs.' });
      const base = flags.url ? serverUrl(flags.url, '--url') : process.env.RRCU_URL ? serverUrl(process.env.RRCU_URL, 'RRCU_URL') : `http://127.0.0.1:${process.env.RRCU_PORT ?? '8080'}`;
      const body = flags.dataFile ? await readFile(flags.dataFile, 'utf8') : flags.data;
      if (body !== undefined) {
        try {
          JSON.parse(body);
        } catch (e) {
          throw new RrcuError(CLI_ERRORS.INVALID_JSON, `The body is not valid JSON: ${(e as Error).message}.`, { fix: 'Check the JSON given to --data or --data-file.' });
        }
      }
      const text = await callApi({ url: base, token }, verb, path, body);
      if (text) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    });
}

