import type { FastifyRequest } from 'fastify';
import type { FieldProblem } from '../core/errors.ts';
import { InvalidInputError } from './error-handler.ts';

// PostgreSQL's text cannot hold NUL and its jsonb refuses unpaired surrogates (in audit data, for one),
// while JSON and percent-encoding carry both into a JS string. With the u flag a well-formed surrogate
// pair is one code point, so only an unpaired surrogate falls in the range.
// eslint-disable-next-line no-control-regex -- NUL is what this looks for
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;
const UNSTORABLE_MESSAGE = 'must not contain NUL or unpaired surrogate characters';
// A body of a million bad strings is refused as surely after naming the first few.
const MOST_FIELDS_NAMED = 10;

/**
 * Refuses text that no field of any route can mean: NUL and unpaired surrogates anywhere in the path
 * parameters, the query or the body, and query percent-encoding that is not UTF-8 (which the query
 * parser would otherwise pass on undecoded). It runs as a server-wide preValidation hook rather than as
 * a zod text type, so it covers every route added later, fields no schema declares and routes that read
 * their input themselves, without anyone remembering to use it.
 */
export async function refuseUnreadableInput(request: FastifyRequest): Promise<void> {
  const problems = [
    ...undecodableQueryParameters(request.url),
    ...unstorableText('params', request.params),
    ...unstorableText('querystring', request.query),
    ...unstorableText('body', request.body),
  ];
  if (problems.length > 0) throw new InvalidInputError(problems.slice(0, MOST_FIELDS_NAMED));
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

function undecodableQueryParameters(url: string): FieldProblem[] {
  const start = url.indexOf('?');
  if (start < 0) return [];
  const problems: FieldProblem[] = [];
  for (const pair of url.slice(start + 1).split('&')) {
    const [rawName = '', ...rest] = pair.split('=');
    const name = decoded(rawName);
    if (name === undefined || decoded(rest.join('=')) === undefined) {
      problems.push({ field: `querystring.${printable(name ?? rawName)}`, message: 'is not valid percent-encoded UTF-8' });
    }
  }
  return problems;
}

/** Every string (and key) under `root`, walked without recursion: a body nested 100,000 deep is 1 MiB of brackets. */
function unstorableText(root: string, value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const queue: [string, unknown][] = [[root, value]];
  for (let i = 0; i < queue.length && problems.length < MOST_FIELDS_NAMED; i++) {
    const [field, item] = queue[i]!;
    if (typeof item === 'string') {
      if (UNSTORABLE.test(item)) problems.push({ field, message: UNSTORABLE_MESSAGE });
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        const childField = `${field}.${printable(key)}`;
        if (UNSTORABLE.test(key)) problems.push({ field: childField, message: `is a name that ${UNSTORABLE_MESSAGE}` });
        queue.push([childField, child]);
      }
    }
  }
  return problems;
}

/** A name fit to quote in an error message: control characters and unpaired surrogates as \u escapes. */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this escapes
  return name.replace(/[\u0000-\u001f\uD800-\uDFFF]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
