import type { z } from 'zod';
import { COMMON_ERRORS, RrcuError } from './errors.ts';

/**
 * Reads a service's input with its schema, or throws INVALID_INPUT naming the first field that is wrong, so a
 * caller that is not the HTTP layer (the CLI, the jobs) gets the same "field: what is wrong" a route's 400 gives.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || 'input';
  throw new RrcuError(COMMON_ERRORS.INVALID_INPUT, `${field}: ${issue.message}.`, { fix: `Correct ${field} and try again.` });
}
