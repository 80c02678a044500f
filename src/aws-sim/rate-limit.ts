/**
 * AWS-like request rates: a token bucket per (API family, account). A call takes one token; an empty
 * bucket answers with the service's throttling error, which the SDK's adaptive retry backs off from.
 *
 * Where the defaults come from. AWS publishes few of these rates, so each figure says whether it is
 * documented or an estimate:
 * - identitycenter (sso + identitystore, one shared bucket): the IAM User Guide's "Quotas and limits in
 *   account access manager" gives the account-access APIs a collective 20 TPS; the simulator applies
 *   that budget to the SSO Admin and Identity Store APIs together (an estimate for the latter); burst 20.
 * - iam: not published per API; an estimate of ~20/s (reads dominate a sync), burst 20.
 * - organizations: not published; Organizations is known to throttle at a few requests per second, so an
 *   estimate of 10/s with a burst of 20.
 * - sts: the STS quota of 600 requests per second per account and Region; effectively never hit here.
 * - scim: not published; an estimate of 20/s per tenant, like the other Identity Center APIs.
 */
import type { ServiceName } from './service.ts';

export type RateLimit = { ratePerSecond: number; burst: number };
export type RateLimitFamily = 'iam' | 'sts' | 'organizations' | 'identitycenter' | 'scim';
export type RateLimitConfig = Partial<Record<RateLimitFamily, RateLimit | false>>;

export const DEFAULT_RATE_LIMITS: Record<RateLimitFamily, RateLimit> = {
  identitycenter: { ratePerSecond: 20, burst: 20 },
  iam: { ratePerSecond: 20, burst: 20 },
  organizations: { ratePerSecond: 10, burst: 20 },
  sts: { ratePerSecond: 600, burst: 600 },
  scim: { ratePerSecond: 20, burst: 20 },
};

export function familyOf(service: ServiceName): RateLimitFamily {
  return service === 'sso' || service === 'identitystore' ? 'identitycenter' : service;
}

type Bucket = { tokens: number; updatedAt: number };

export class RateLimiter {
  private limits: Record<RateLimitFamily, RateLimit | false>;
  private readonly buckets = new Map<string, Bucket>();

  constructor(config: boolean | RateLimitConfig = true) {
    this.limits = { ...DEFAULT_RATE_LIMITS };
    this.configure(config);
  }

  /** `false` turns every limit off, `true` restores the defaults, an object overrides families. */
  configure(config: boolean | RateLimitConfig): void {
    if (config === false) {
      this.limits = { identitycenter: false, iam: false, organizations: false, sts: false, scim: false };
    } else if (config === true) {
      this.limits = { ...DEFAULT_RATE_LIMITS };
    } else {
      this.limits = { ...this.limits, ...config };
    }
    this.buckets.clear();
  }

  current(): Record<RateLimitFamily, RateLimit | false> {
    return { ...this.limits };
  }

  /** Takes a token for a call at `now` (ms); false when the caller is over the limit. */
  take(service: ServiceName, accountId: string, now: number): boolean {
    const family = familyOf(service);
    const limit = this.limits[family];
    if (!limit) return true;
    const key = `${family}|${accountId}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: limit.burst, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(limit.burst, bucket.tokens + elapsed * limit.ratePerSecond);
    bucket.updatedAt = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
