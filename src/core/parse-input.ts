import type { z } from 'zod';
import { COMMON_ERRORS, RrcuError } from './errors.ts';

/**
 * Reads a service's input with its schema, or throws INVALID_INPUT naming the first field that is wrong, so a
 * caller that is not the HTTP layer (the CLI, the jobs) gets the same "field: what is wrong" a route's 400 gives.
 * `under` is where the input sits in the request body (`parameters` of an evidence pack): the error's `fields`
 * name the field by its whole path there, so a form finds it.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, under?: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.join('.');
  const field = path || 'input';
  const inBody = [under, path].filter(Boolean).join('.');
  throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `${field}: ${issue.message}.`, {
    fix: `Correct ${field} and try again.`,
    ...(inBody ? { fields: [{ field: inBody, message: `${issue.message}.` }] } : {}),
  });
}
