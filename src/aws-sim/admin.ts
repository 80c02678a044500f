/**
 * The simulator's admin API under `/_sim/` (JSON, unauthenticated: it is a test and demo tool bound to
 * localhost). The same operations are methods on the handle `startSimulator` returns.
 *
 *   POST   /_sim/faults       body: FaultSpec or FaultSpec[]      → { faults }
 *   GET    /_sim/faults                                           → { faults }
 *   DELETE /_sim/faults                                           → { faults: [] }
 *   GET    /_sim/ground-truth                                     → the world as exportGroundTruth sees it
 *   POST   /_sim/clock        body: { advanceMs }                 → { now } (ISO-8601)
 *   POST   /_sim/rate-limits  body: true | false | RateLimitConfig → { rateLimits }
 *   GET    /_sim/rate-limits                                      → { rateLimits }
 */
import { z } from 'zod';
import type { FaultSpec } from './faults.ts';
import type { RateLimit, RateLimitConfig, RateLimitFamily } from './rate-limit.ts';

export type AdminApi = {
  injectFault(spec: FaultSpec | FaultSpec[]): void;
  clearFaults(): void;
  listFaults(): FaultSpec[];
  groundTruth(): unknown;
  /** Moves the simulated clock forward; returns the new simulated time. */
  advanceClock(ms: number): Date;
  setRateLimits(config: boolean | RateLimitConfig): void;
  rateLimits(): Record<RateLimitFamily, RateLimit | false>;
};

const faultSpec = z.object({
  operation: z.string().trim().min(1).max(200),
  kind: z.enum(['throttle', 'server-error', 'delay', 'drop', 'assignment-failure', 'extensions-refused']),
  count: z.number().int().min(-1).max(1_000_000).optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  status: z.union([z.literal(500), z.literal(503)]).optional(),
  reason: z.string().max(1000).optional(),
  rate: z.number().min(0).max(1).optional(),
});

const rateLimit = z.object({ ratePerSecond: z.number().positive().max(1_000_000), burst: z.number().int().min(1).max(1_000_000) });
const rateLimitConfig = z.union([
  z.boolean(),
  z
    .object({
      iam: z.union([rateLimit, z.literal(false)]),
      sts: z.union([rateLimit, z.literal(false)]),
      organizations: z.union([rateLimit, z.literal(false)]),
      identitycenter: z.union([rateLimit, z.literal(false)]),
      scim: z.union([rateLimit, z.literal(false)]),
    })
    .partial()
    .strict(),
]);

const clockBody = z.object({ advanceMs: z.number().min(0).max(10 * 365 * 24 * 3600 * 1000) });

export type AdminAnswer = { status: number; body: unknown };

export async function handleAdminRequest(api: AdminApi, method: string, path: string, rawBody: string): Promise<AdminAnswer> {
  let body: unknown;
  try {
    body = rawBody.trim() === '' ? undefined : JSON.parse(rawBody);
  } catch {
    return { status: 400, body: { message: 'The request body is not valid JSON.' } };
  }
  const invalid = (error: z.ZodError) => ({ status: 400, body: { message: `Invalid request body: ${z.prettifyError(error)}` } });
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /_sim/faults':
      return { status: 200, body: { faults: api.listFaults() } };
    case 'POST /_sim/faults': {
      const parsed = (Array.isArray(body) ? z.array(faultSpec) : faultSpec).safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      api.injectFault(parsed.data);
      return { status: 200, body: { faults: api.listFaults() } };
    }
    case 'DELETE /_sim/faults':
      api.clearFaults();
      return { status: 200, body: { faults: [] } };
    case 'GET /_sim/ground-truth':
      return { status: 200, body: api.groundTruth() };
    case 'POST /_sim/clock': {
      const parsed = clockBody.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      return { status: 200, body: { now: api.advanceClock(parsed.data.advanceMs).toISOString() } };
    }
    case 'GET /_sim/rate-limits':
      return { status: 200, body: { rateLimits: api.rateLimits() } };
    case 'POST /_sim/rate-limits': {
      const parsed = rateLimitConfig.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      api.setRateLimits(parsed.data);
      return { status: 200, body: { rateLimits: api.rateLimits() } };
    }
    default:
      return {
        status: 404,
        body: { message: `No admin route ${route}. Routes: GET|POST|DELETE /_sim/faults, GET /_sim/ground-truth, POST /_sim/clock, GET|POST /_sim/rate-limits.` },
      };
  }
}
